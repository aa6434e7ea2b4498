package lab.multimult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import lab.analysis.NeuronAttribution;
import lab.analysis.NeuronRole;
import lab.data.AnalysisGrid;
import lab.data.MultiplicationTask;
import lab.loop.Progress;
import lab.model.LinearWeights;
import lab.profile.Profile;
import lab.store.Entry;
import lab.store.ResultStore;
import lab.store.Settings;
import lab.train.EnsembleMember;
import lab.train.EnsembleSettings;
import lab.train.EnsembleTrainer;
import lab.train.FitOptions;
import lab.train.Reproducibility;

/**
 * Notebook 004's heavy part: trains what the store lacks, stage by stage, storing every model as it finishes, and
 * loads everything. Stages: single-task models of each task; combined models fine-tuned without penalty; the L1/L2
 * coefficient search; combined models fine-tuned with the chosen L1 and L2; the capacity sweep (the combined
 * width first). Killed at
 * any moment, a rerun trains only the missing models (at most the models in flight, one per worker, are lost) and
 * gives the same numbers: a model's numbers depend only on the settings and its RNG seed.
 *
 * <p>Entries in {@code results/<profile>/004/runs/}: {@code single-t<task>-s<seed>}, {@code sweep-h<width>-s<seed>},
 * {@code combine-<regime>-s<seed>}, {@code search-<l1|l2>-c<index>-s<seed>}; each holds values {@code seed},
 * {@code finalValidationLoss} and arrays {@code W1, b1, W2, b2, trainLoss, validationLoss}; combined ones also
 * {@code coefficient}, {@code startValidation [2]} and the per-epoch traces {@code validation0, validation1,
 * offBlockShare, both [epochs]}.
 */
public final class OpenQuestionsRun {

    /** The experiment's directory under {@code results/<profile>/}. */
    public static final String EXPERIMENT = "004";
    /** Regimes of the fine-tuning after combining. */
    public static final List<String> REGIMES = List.of("none", "l1", "l2");
    /** The search keeps the largest coefficient whose mean loss is at most this times the unpenalised one. */
    public static final double SEARCH_TOLERANCE = 2.0;

    private static final int THREADS = 2;

    private OpenQuestionsRun() {}

    /** Returns the settings of a profile. */
    public static OpenQuestionsSettings settings(Profile profile) {
        return profile == Profile.FULL ? OpenQuestionsSettings.full() : OpenQuestionsSettings.quick();
    }

    /**
     * Returns the settings the store guards: everything that changes a model's numbers (epochs, learning rate, data,
     * single-task width, pruning target, fine-tuning epochs, penalty grid, search RNG seeds), not how many models
     * are trained.
     */
    public static Map<String, String> guardedSettings(OpenQuestionsSettings s) {
        Map<String, String> all = Settings.of(s);
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : List.of("epochs", "learningRate", "samples", "trainFraction", "singleHidden", "keep",
                "fineTuneEpochs", "penaltyGrid", "searchSeeds")) {
            out.put(name, all.get(name));
        }
        out.put("data", "MultiplicationTask.generate(seed)");
        out.put("init", "MlpWeights.pytorchDefault(widths, seed)");
        out.put("importance", "mean |relu_act * W2| over the training rows");
        out.put("optimizer", "torch Adam, full batch, MSE");
        return out;
    }

    /** Returns this profile's 004 store, refusing results made with other settings. */
    public static ResultStore open(Profile profile, OpenQuestionsSettings settings) {
        return ResultStore.open(profile.results(EXPERIMENT), guardedSettings(settings), Reproducibility.dependencies(),
                Map.of());
    }

    /**
     * What a run did and everything stored afterwards.
     *
     * @param trained models trained now
     * @param loaded models that were already stored
     * @param seconds wall time of the training
     * @param results all models
     */
    public record Outcome(int trained, int loaded, double seconds, OpenQuestionsResults results) {

        /** Returns one sentence saying what was trained and what was loaded. */
        public String summary() {
            if (trained == 0) {
                return "Loaded all " + loaded + " models from the store; trained none.";
            }
            return String.format(Locale.ROOT, "Trained %d models in %.1f s; loaded %d already stored.", trained,
                    seconds, loaded);
        }
    }

    /** Trains every missing model of {@code s}, storing each as it finishes, then loads all of them. */
    public static Outcome run(ResultStore store, OpenQuestionsSettings s, Progress progress) {
        List<Stage> plain = new ArrayList<>();
        for (int task = 0; task < 2; task++) {
            plain.add(new Stage("single-task " + (task == 0 ? "a*b" : "c*d"), s.recipe(s.singleHidden()),
                    FitOptions.singleTask(task), seeds(s.singleSeeds()), singleKey(task)));
        }
        // the combined width first: the combined models are compared with it; then the rest, narrow to wide
        List<Integer> widths = new ArrayList<>(s.widths());
        widths.sort((a, b) -> a == 2 * s.keep() ? -1 : b == 2 * s.keep() ? 1 : Integer.compare(a, b));
        for (int w : widths) {
            plain.add(new Stage("capacity sweep h=" + w, s.recipe(w), FitOptions.standard(), seeds(s.sweepSeeds()),
                    seed -> sweepKey(w, seed)));
        }
        long total = 0;
        int missing = 0;
        int all = 0;
        for (Stage st : plain) {
            total += st.missingWork(store);
            missing += st.missing(store).length;
            all += st.seeds.length;
        }
        int searchRuns = 2 * s.penaltyGrid().size() * s.searchSeeds();
        int combineRuns = REGIMES.size() * s.combineSeeds();
        for (int r = 0; r < 2 * s.penaltyGrid().size(); r++) {
            for (long seed : seeds(s.searchSeeds())) {
                boolean has = store.hasIntact(searchKey(r < s.penaltyGrid().size() ? "l1" : "l2",
                        r % s.penaltyGrid().size(), seed));
                missing += has ? 0 : 1;
                total += has ? 0 : s.fineTuneEpochs();
            }
        }
        for (String regime : REGIMES) {
            for (long seed : seeds(s.combineSeeds())) {
                boolean has = store.hasIntact(combineKey(regime, seed));
                missing += has ? 0 : 1;
                total += has ? 0 : s.fineTuneEpochs();
            }
        }
        all += searchRuns + combineRuns;
        long grand = total;
        long[] offset = {0};
        long start = System.nanoTime();
        // single-task models, then everything built on them, then the capacity sweep: a run cut short has answers
        // to questions 1 and 5 first
        for (Stage st : plain.subList(0, 2)) {
            offset[0] += st.train(store, progress, offset[0], grand);
        }
        Map<Integer, List<EnsembleMember>> single = loadSingle(store, s);
        offset[0] += combineStage(store, s, single, "none", 0, seeds(s.combineSeeds()), progress, offset[0], grand,
                OpenQuestionsRun::combineKey);
        for (String type : List.of("l1", "l2")) {
            for (int c = 0; c < s.penaltyGrid().size(); c++) {
                int index = c;
                offset[0] += combineStage(store, s, single, type, s.penaltyGrid().get(c), seeds(s.searchSeeds()),
                        progress, offset[0], grand, (t, seed) -> searchKey(t, index, seed));
            }
        }
        List<PenaltySearch.Row> search = PenaltySearch.rows(s, loadSearch(store, s), loadCombined(store, s, "none",
                s.searchSeeds()));
        for (String type : List.of("l1", "l2")) {
            offset[0] += combineStage(store, s, single, type, PenaltySearch.chosen(search, type), seeds(s.combineSeeds()),
                    progress, offset[0], grand, OpenQuestionsRun::combineKey);
        }
        for (Stage st : plain.subList(2, plain.size())) {
            offset[0] += st.train(store, progress, offset[0], grand);
        }
        double seconds = missing > 0 ? (System.nanoTime() - start) / 1e9 : 0;
        return new Outcome(missing, all - missing, seconds, load(store, s));
    }

    /** Returns everything stored for {@code s}; throws naming the first missing model. */
    public static OpenQuestionsResults load(ResultStore store, OpenQuestionsSettings s) {
        Map<Integer, List<EnsembleMember>> sweep = new TreeMap<>();
        for (int w : s.widths()) {
            List<EnsembleMember> models = new ArrayList<>();
            for (long seed : seeds(s.sweepSeeds())) {
                models.add(member(get(store, sweepKey(w, seed))));
            }
            sweep.put(w, models);
        }
        List<PenaltySearch.Row> search = PenaltySearch.rows(s, loadSearch(store, s),
                loadCombined(store, s, "none", s.searchSeeds()));
        Map<String, List<CombinedRun>> combined = new LinkedHashMap<>();
        for (String regime : REGIMES) {
            combined.put(regime, loadCombined(store, s, regime, s.combineSeeds()));
        }
        return new OpenQuestionsResults(s, loadSingle(store, s), sweep, search, combined);
    }

    private static Map<Integer, List<EnsembleMember>> loadSingle(ResultStore store, OpenQuestionsSettings s) {
        Map<Integer, List<EnsembleMember>> single = new TreeMap<>();
        for (int task = 0; task < 2; task++) {
            List<EnsembleMember> models = new ArrayList<>();
            for (long seed : seeds(s.singleSeeds())) {
                models.add(member(get(store, singleKey(task).key(seed))));
            }
            single.put(task, models);
        }
        return single;
    }

    private static Map<String, List<CombinedRun>> loadSearch(ResultStore store, OpenQuestionsSettings s) {
        Map<String, List<CombinedRun>> out = new LinkedHashMap<>();
        for (String type : List.of("l1", "l2")) {
            for (int c = 0; c < s.penaltyGrid().size(); c++) {
                List<CombinedRun> runs = new ArrayList<>();
                for (long seed : seeds(s.searchSeeds())) {
                    runs.add(combined(get(store, searchKey(type, c, seed))));
                }
                out.put(type + "/" + c, runs);
            }
        }
        return out;
    }

    private static List<CombinedRun> loadCombined(ResultStore store, OpenQuestionsSettings s, String regime,
            int count) {
        List<CombinedRun> runs = new ArrayList<>();
        for (long seed : seeds(count)) {
            runs.add(combined(get(store, combineKey(regime, seed))));
        }
        return runs;
    }

    private static Entry get(ResultStore store, String key) {
        if (!store.hasIntact(key)) {
            throw new IllegalStateException("model " + key + " is not stored in " + store.directory()
                    + "; train it first (bin/lab train 004)");
        }
        return store.get(key);
    }

    /** Returns the combined start of a seed: both single-task models pruned to {@code keep}, block-diagonal. */
    public static List<LinearWeights> combinedStart(OpenQuestionsSettings s, EnsembleMember a, EnsembleMember b) {
        MultiplicationTask.Split split = s.task().generate(a.seed());
        List<LinearWeights> pa = prunedFor(s, a, split, 0);
        List<LinearWeights> pb = prunedFor(s, b, split, 1);
        return Combine.blockDiagonal(pa, kept(s, a, split, 0), pb, kept(s, b, split, 1));
    }

    private static int[] kept(OpenQuestionsSettings s, EnsembleMember m, MultiplicationTask.Split split, int task) {
        return Pruning.mostImportant(m.weights(), Columns.taskInputs(split.trainInputs(), task), s.keep());
    }

    private static List<LinearWeights> prunedFor(OpenQuestionsSettings s, EnsembleMember m,
            MultiplicationTask.Split split, int task) {
        return Pruning.keepOnly(m.weights(), Columns.taskInputs(split.trainInputs(), task), kept(s, m, split, task));
    }

    /** Trains one regime's combined models of these RNG seeds that are missing; returns the model-epochs done. */
    private static long combineStage(ResultStore store, OpenQuestionsSettings s, Map<Integer, List<EnsembleMember>> single,
            String regime, double coefficient, long[] seeds, Progress progress, long offset, long grand,
            KeyOf keyOf) {
        List<long[]> chunks = new ArrayList<>();
        for (long seed : seeds) {
            if (!store.hasIntact(keyOf.key(regime, seed))) {
                chunks.add(new long[] {seed});
            }
        }
        if (chunks.isEmpty()) {
            return 0;
        }
        Map<Long, List<LinearWeights>> starts = new ConcurrentHashMap<>();
        for (long[] c : chunks) {
            starts.put(c[0], combinedStart(s, single.get(0).get((int) c[0]), single.get(1).get((int) c[0])));
        }
        int epochs = s.fineTuneEpochs();
        int keep = s.keep();
        AnalysisGrid grid = AnalysisGrid.seedGrid();
        Map<Long, float[][]> traces = new ConcurrentHashMap<>();
        FitOptions.EpochObserver observer = (seed, epoch, weights, perOutput) -> {
            float[][] t = traces.computeIfAbsent(seed, x -> new float[4][epochs]);
            t[0][epoch - 1] = perOutput[0];
            t[1][epoch - 1] = perOutput[1];
            t[2][epoch - 1] = (float) Combine.offBlockShare(weights, keep);
            t[3][epoch - 1] = bothCount(weights, grid);
        };
        double l1 = regime.equals("l1") ? coefficient : 0;
        double l2 = regime.equals("l2") ? coefficient : 0;
        FitOptions fit = FitOptions.standard().withPenalty(l1, l2).withStart(starts::get).withObserver(observer);
        EnsembleSettings recipe = s.fineTuneRecipe();
        MultiplicationTask task = s.task();
        Consumer<List<EnsembleMember>> finished = members -> {
            for (EnsembleMember m : members) {
                List<LinearWeights> start = starts.get(m.seed());
                double[] startLoss = Ablation.baseline(start, task.generate(m.seed()).validationInputs(),
                        task.generate(m.seed()).validationTargets());
                float[][] t = traces.remove(m.seed());
                Entry.Builder b = modelEntry(m, recipe.epochs()).putValue("coefficient", coefficient)
                        .putValue("regime", regime)
                        .putArray("startValidation", toFloat(startLoss), 2)
                        .putArray("validation0", t[0], epochs).putArray("validation1", t[1], epochs)
                        .putArray("offBlockShare", t[2], epochs).putArray("both", t[3], epochs);
                store.put(keyOf.key(regime, m.seed()), b.build());
            }
        };
        String stage = "combined, " + regime + (coefficient > 0 ? " " + coefficient : "");
        EnsembleTrainer.train(recipe, chunks, Math.min(THREADS, chunks.size()), finished,
                (done, total, note) -> progress.update(offset + done, grand, stage + ": " + note), fit);
        return (long) chunks.size() * epochs;
    }

    /** Returns how many hidden neurons have the attribution role "both" on the analysis grid. */
    static int bothCount(List<LinearWeights> weights, AnalysisGrid grid) {
        int n = 0;
        for (NeuronRole r : NeuronAttribution.of(weights, grid).roles()) {
            n += r == NeuronRole.BOTH ? 1 : 0;
        }
        return n;
    }

    private static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    static Entry.Builder modelEntry(EnsembleMember m, int epochs) {
        LinearWeights l1 = m.weights().get(0);
        LinearWeights l2 = m.weights().get(1);
        return Entry.builder()
                .putValue("seed", m.seed())
                .putValue("finalTrainLoss", m.finalTrainLoss())
                .putValue("finalValidationLoss", m.finalValidationLoss())
                .putArray("W1", l1.weight(), l1.out(), l1.in())
                .putArray("b1", l1.bias(), l1.out())
                .putArray("W2", l2.weight(), l2.out(), l2.in())
                .putArray("b2", l2.bias(), l2.out())
                .putArray("trainLoss", m.trainLoss(), epochs)
                .putArray("validationLoss", m.validationLoss(), epochs);
    }

    static EnsembleMember member(Entry e) {
        long[] s1 = e.getShape("W1");
        long[] s2 = e.getShape("W2");
        return new EnsembleMember(e.getLong("seed"), e.getArray("trainLoss"), e.getArray("validationLoss"), List.of(
                new LinearWeights((int) s1[1], (int) s1[0], e.getArray("W1"), e.getArray("b1")),
                new LinearWeights((int) s2[1], (int) s2[0], e.getArray("W2"), e.getArray("b2"))));
    }

    static CombinedRun combined(Entry e) {
        float[] start = e.getArray("startValidation");
        return new CombinedRun(e.getString("regime"), e.getDouble("coefficient"), new double[] {start[0], start[1]},
                member(e), e.getArray("validation0"), e.getArray("validation1"), e.getArray("offBlockShare"),
                e.getArray("both"));
    }

    /** Returns RNG seeds 0..count-1. */
    static long[] seeds(int count) {
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = i;
        }
        return out;
    }

    static SeedKey singleKey(int task) {
        return seed -> String.format(Locale.ROOT, "single-t%d-s%04d", task, seed);
    }

    static String sweepKey(int width, long seed) {
        return String.format(Locale.ROOT, "sweep-h%03d-s%04d", width, seed);
    }

    static String combineKey(String regime, long seed) {
        return String.format(Locale.ROOT, "combine-%s-s%04d", regime, seed);
    }

    static String searchKey(String type, int index, long seed) {
        return String.format(Locale.ROOT, "search-%s-c%d-s%04d", type, index, seed);
    }

    /** The entry key of a model by RNG seed. */
    @FunctionalInterface
    interface SeedKey {
        String key(long seed);
    }

    /** The entry key of a combined model by regime and RNG seed. */
    @FunctionalInterface
    interface KeyOf {
        String key(String regime, long seed);
    }

    /** A plain stage: models of one recipe and task over RNG seeds, each stored as it finishes. */
    private record Stage(String name, EnsembleSettings recipe, FitOptions fit, long[] seeds, SeedKey keys) {

        long[] missing(ResultStore store) {
            return java.util.Arrays.stream(seeds).filter(s -> !store.hasIntact(keys.key(s))).toArray();
        }

        long missingWork(ResultStore store) {
            return (long) missing(store).length * recipe.epochs();
        }

        /** Trains the missing models; returns the model-epochs done. */
        long train(ResultStore store, Progress progress, long offset, long grand) {
            long[] missing = missing(store);
            if (missing.length == 0) {
                return 0;
            }
            List<long[]> chunks = new ArrayList<>();
            for (long s : missing) {
                chunks.add(new long[] {s});
            }
            EnsembleTrainer.train(recipe, chunks, Math.min(THREADS, chunks.size()),
                    members -> members.forEach(m -> store.put(keys.key(m.seed()), modelEntry(m, recipe.epochs()).build())),
                    (done, total, note) -> progress.update(offset + done, grand, name + ": " + note), fit);
            return (long) missing.length * recipe.epochs();
        }
    }
}

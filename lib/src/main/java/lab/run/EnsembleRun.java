package lab.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.analysis.EnsembleAnalysis;
import lab.analysis.PooledVectors;
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
import lab.train.Reproducibility;

/**
 * Experiment 002's heavy part: trains the models of an ensemble that are not stored yet, chunk by chunk, storing
 * each finished chunk, and loads what is stored. Model i has seed i. Killed at any moment, a rerun trains only
 * the missing models and gives the same numbers as an uninterrupted run (a model's numbers do not depend on its
 * chunk or thread).
 *
 * <p>Per model, entry {@code seed-NNNN} in {@code results/<profile>/002/runs/} holds values {@code seed},
 * {@code finalTrainLoss}, {@code finalValidationLoss} and the settings, and arrays {@code W1 [hidden, 4]},
 * {@code b1 [hidden]}, {@code W2 [2, hidden]}, {@code b2 [2]}, {@code trainLoss [epochs]}, {@code validationLoss
 * [epochs]}: what the model is; the analysis computes from the weights (entries made before 2026-11-30 also hold
 * {@code gridActivations}, which nothing reads).
 */
public final class EnsembleRun {

    /** The experiment's directory name under {@code results/<profile>/}. */
    public static final String EXPERIMENT = "002";

    private EnsembleRun() {}

    /**
     * How much to train and how to split the work; none of it changes a model's numbers, so none is guarded.
     *
     * @param models models in the ensemble, seeds 0..models-1
     * @param chunk models trained together as one batched computation
     * @param threads worker threads, each training one chunk at a time
     */
    public record Options(int models, int chunk, int threads) {

        public Options {
            atLeastOne("models", models);
            atLeastOne("chunk", chunk);
            atLeastOne("threads", threads);
        }

        private static void atLeastOne(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be >= 1, got " + value);
            }
        }

        /**
         * Returns the options of a profile: 8 models (quick) or the seed's 100 (full), in chunks of 2 on 2 threads
         * (measured fastest on 2 cores: larger chunks are memory-bound, see EnsembleBench).
         */
        public static Options of(Profile profile) {
            return new Options(profile == Profile.FULL ? 100 : 8, 2, 2);
        }

        /** Returns a copy with this many models. */
        public Options withModels(int models) {
            return new Options(models, chunk, threads);
        }

        /** Returns a copy with this chunk size. */
        public Options withChunk(int chunk) {
            return new Options(models, chunk, threads);
        }

        /** Returns a copy with this many threads. */
        public Options withThreads(int threads) {
            return new Options(models, chunk, threads);
        }
    }

    /**
     * What a run did and the whole ensemble afterwards.
     *
     * @param trained models trained now
     * @param loaded models that were already stored
     * @param seconds wall time of the training (0 when nothing was trained)
     * @param members all models, by seed
     */
    public record Outcome(int trained, int loaded, double seconds, List<EnsembleMember> members) {

        public Outcome {
            members = List.copyOf(members);
        }

        /** Returns model-epochs per second of the training, or 0 when nothing was trained. */
        public double epochsPerSecond(EnsembleSettings settings) {
            return seconds > 0 ? (double) trained * settings.epochs() / seconds : 0;
        }

        /** Returns one sentence saying what was trained and what was loaded. */
        public String summary(EnsembleSettings settings) {
            if (trained == 0) {
                return "Loaded all " + loaded + " models from the store; trained none.";
            }
            return String.format("Trained %d models in %.1f s (%.0f model-epochs/s); loaded %d already stored.",
                    trained, seconds, epochsPerSecond(settings), loaded);
        }
    }

    /** Returns the training settings of a profile: {@link EnsembleSettings#full()} or {@link EnsembleSettings#quick()}. */
    public static EnsembleSettings settings(Profile profile) {
        return profile == Profile.FULL ? EnsembleSettings.full() : EnsembleSettings.quick();
    }

    /** Returns every neuron's mean contribution vector; {@link EnsembleAnalysis#vectors}. */
    public static PooledVectors vectors(List<EnsembleMember> members) {
        return EnsembleAnalysis.vectors(members);
    }

    /** Returns each model's final validation MSE, [models]; {@link EnsembleAnalysis#validationLosses}. */
    public static double[] validationLosses(List<EnsembleMember> members) {
        return EnsembleAnalysis.validationLosses(members);
    }

    /** Returns each model's cosine between the two rows of W2, [models]; {@link EnsembleAnalysis#outputRowCosines}. */
    public static double[] outputRowCosines(List<EnsembleMember> members) {
        return EnsembleAnalysis.outputRowCosines(members);
    }

    /** Returns the settings the store guards: the training settings, the grid, the data and init scheme. */
    public static Map<String, String> guardedSettings(EnsembleSettings settings) {
        Map<String, String> s = new LinkedHashMap<>(Settings.of(settings));
        s.put("gridSide", Integer.toString(AnalysisGrid.seedGrid().side()));
        s.put("data", DATA);
        s.put("init", INIT);
        s.put("loss", "MSE over both outputs");
        s.put("optimizer", OPTIMIZER);
        return s;
    }

    private static final String DATA = "products of two U(0,1)-drawn factor pairs, drawn from the model's seed";
    private static final String INIT = "PyTorch's default Linear init, drawn from the model's seed";
    private static final String OPTIMIZER = "Adam as torch.optim.Adam, betas 0.9/0.999, eps 1e-8, full batch";

    /** Guard texts of earlier versions (class names) that mean what the current ones say: old stores still open. */
    private static final Map<String, String> FORMER_GUARDS = Map.of(
            "MultiplicationTask.generate(seed)", DATA,
            "MlpWeights.pytorchDefault(widths, seed)", INIT,
            "DJL Adam, betas 0.9/0.999, eps 1e-8, full batch", OPTIMIZER);

    /** Returns the store of this profile's 002 results, refusing results made with other settings. */
    public static ResultStore open(Profile profile, EnsembleSettings settings) {
        return ResultStore.open(profile.results(EXPERIMENT), guardedSettings(settings),
                Reproducibility.dependencies(), FORMER_GUARDS);
    }

    /** Returns the entry key of a seed, e.g. {@code seed-0007}. */
    public static String key(long seed) {
        return String.format("seed-%04d", seed);
    }

    /**
     * Trains the models of {@code options} missing from the store, storing each chunk as it finishes, then returns
     * all of them loaded from the store.
     */
    public static Outcome run(ResultStore store, EnsembleSettings settings, Options options, Progress progress) {
        List<long[]> chunks = missingChunks(store, options);
        int trained = chunks.stream().mapToInt(c -> c.length).sum();
        double seconds = 0;
        if (trained > 0) {
            long start = System.nanoTime();
            EnsembleTrainer.train(settings, chunks, Math.min(options.threads(), chunks.size()),
                    members -> members.forEach(m -> store.put(key(m.seed()), toEntry(settings, m))), progress);
            seconds = (System.nanoTime() - start) / 1e9;
        }
        return new Outcome(trained, options.models() - trained, seconds, load(store, options.models()));
    }

    /** Returns the seeds of missing models grouped by their chunk (chunk c holds seeds c*chunk .. c*chunk+chunk-1). */
    static List<long[]> missingChunks(ResultStore store, Options options) {
        List<long[]> chunks = new ArrayList<>();
        for (int first = 0; first < options.models(); first += options.chunk()) {
            List<Long> missing = new ArrayList<>();
            for (int s = first; s < Math.min(first + options.chunk(), options.models()); s++) {
                if (!store.hasIntact(key(s))) {
                    missing.add((long) s);
                }
            }
            if (!missing.isEmpty()) {
                chunks.add(missing.stream().mapToLong(Long::longValue).toArray());
            }
        }
        return chunks;
    }

    /** Returns the stored models with seeds 0..models-1, by seed. */
    public static List<EnsembleMember> load(ResultStore store, int models) {
        List<EnsembleMember> out = new ArrayList<>();
        for (int s = 0; s < models; s++) {
            if (!store.has(key(s))) {
                throw new IllegalStateException("model " + key(s) + " is not stored in " + store.directory()
                        + "; train it first (bin/lab train 002)");
            }
            out.add(fromEntry(store.get(key(s))));
        }
        out.sort(Comparator.comparingLong(EnsembleMember::seed));
        return out;
    }

    static Entry toEntry(EnsembleSettings settings, EnsembleMember m) {
        LinearWeights l1 = m.weights().get(0);
        LinearWeights l2 = m.weights().get(1);
        Entry.Builder b = Entry.builder()
                .putValue("seed", m.seed())
                .putValue("finalTrainLoss", m.finalTrainLoss())
                .putValue("finalValidationLoss", m.finalValidationLoss());
        Settings.of(settings).forEach(b::putValue);
        return b.putArray("W1", l1.weight(), l1.out(), l1.in())
                .putArray("b1", l1.bias(), l1.out())
                .putArray("W2", l2.weight(), l2.out(), l2.in())
                .putArray("b2", l2.bias(), l2.out())
                .putArray("trainLoss", m.trainLoss(), settings.epochs())
                .putArray("validationLoss", m.validationLoss(), settings.epochs())
                .build();
    }

    static EnsembleMember fromEntry(Entry e) {
        long[] s1 = e.getShape("W1");
        long[] s2 = e.getShape("W2");
        int in = MultiplicationTask.INPUTS;
        if (s1[1] != in) {
            throw new IllegalStateException("stored W1 has shape [" + s1[0] + ", " + s1[1] + "], expected [h, 4]");
        }
        return new EnsembleMember(e.getLong("seed"), e.getArray("trainLoss"), e.getArray("validationLoss"), List.of(
                new LinearWeights(in, (int) s1[0], e.getArray("W1"), e.getArray("b1")),
                new LinearWeights((int) s2[1], (int) s2[0], e.getArray("W2"), e.getArray("b2"))));
    }
}

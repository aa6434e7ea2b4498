package lab.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import lab.loop.Progress;
import lab.loop.ProgressSum;
import lab.loop.Throttle;
import lab.loop.Workers;
import lab.model.TaskMode;
import lab.profile.Profile;
import lab.store.Entry;
import lab.store.ResultStore;
import lab.table.SweepTable;
import lab.train.Reproducibility;
import lab.train.SweepCheckpointStore;
import lab.train.SweepResult;
import lab.train.SweepSetting;
import lab.train.SweepSettings;
import lab.train.SweepTrainer;
import lab.train.SweepVariant;

/**
 * Runs the st-vs-mt sweep into the result store {@code results/<profile>/003/}: each finished run is stored
 * as it finishes (key {@code <setting>-<mode>-h<width>-s<seed>}), each unfinished one checkpointed every few
 * minutes, so a rerun trains only what is missing and resumes the killed run where its checkpoint left it.
 * Shards of one grid (see {@link SweepGrid#shard}) can write into one store directory from several machines:
 * their keys never collide.
 */
public final class SweepRunner {

    /** The experiment's directory name in the result store. */
    public static final String EXPERIMENT = "003";
    /** How often a running run is checkpointed unless told otherwise. */
    public static final Duration CHECKPOINT_EVERY = Duration.ofMinutes(3);

    /** More workers than this only queue for the cores. */
    static final int MAX_WORKERS = 64;
    /** The longest checkpoint interval accepted: a week. */
    static final int MAX_CHECKPOINT_MINUTES = 7 * 24 * 60;

    private SweepRunner() {}

    /** Returns the store of this grid's results for the profile (created if absent). */
    public static ResultStore open(SweepGrid grid, Profile profile) {
        return ResultStore.open(profile.results(EXPERIMENT), grid.storeSettings(), Reproducibility.dependencies(),
                Map.of());
    }

    /** Returns the stored result of this run, if it finished. */
    public static Optional<SweepResult> load(ResultStore store, SweepSettings settings) {
        if (!store.hasIntact(settings.key())) {
            return Optional.empty();
        }
        Entry e = store.get(settings.key());
        return Optional.of(new SweepResult(settings, (float) e.getDouble("best_loss"), (int) e.getLong("best_epoch"),
                e.getArray("curve"), e.getTiming("seconds")));
    }

    /** Returns the store entry of a finished run: its settings and numbers as values, the curve as an array. */
    static Entry entry(SweepResult r) {
        SweepSettings s = r.settings();
        Entry.Builder b = Entry.builder();
        if (s.spec().hasVariants()) {
            // only a variant's entry names its options: a plain run's entry stays as it always was
            b.putValue("loss_drop", (double) s.lossDrop())
                    .putValue("task_filter", Boolean.toString(s.taskFilter()))
                    .putValue("residual", Boolean.toString(s.residual()));
        }
        return b
                .putValue("setting", s.setting().label())
                .putValue("mode", s.mode().label())
                .putValue("width", s.width())
                .putValue("seed", s.seed())
                .putValue("epochs", s.epochs())
                .putValue("optimizer", s.optimizer().label())
                .putValue("learning_rate", (double) s.learningRate())
                .putValue("momentum", (double) s.momentum())
                .putValue("clear_gradients", Boolean.toString(s.clearGradients()))
                .putValue("best_loss", (double) r.bestLoss())
                .putValue("best_epoch", r.bestEpoch())
                .putTiming("seconds", r.seconds())
                .putValue("describe", s.describe())
                .putArray("curve", r.curve(), r.curve().length)
                .build();
    }

    /**
     * Returns the results of {@code runs} in their order, loading the stored ones and training the rest with
     * {@code workers} threads; reports epochs done over all runs to {@code progress}. Within a width, mt runs
     * start before st ones ({@link #startRank}), so the runs left at the end are st runs, which take the cores of
     * workers that fell idle (see {@link CoreShare}). A run that another writer (an overlapping shard, a requeued
     * task) stored while this one trained is not stored again: the stored entry is kept and returned.
     */
    public static List<SweepResult> run(List<SweepSettings> runs, ResultStore store, int workers,
            Duration checkpointEvery, Progress progress) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        long total = runs.stream().mapToLong(SweepSettings::epochs).sum();
        ProgressSum sum = new ProgressSum(progress, total);
        long loaded = 0;
        List<Future<SweepResult>> pending = new ArrayList<>(Collections.nCopies(runs.size(), null));
        List<Integer> toTrain = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Optional<SweepResult> stored = load(store, runs.get(i));
            if (stored.isPresent()) {
                loaded += runs.get(i).epochs();
                pending.set(i, CompletableFuture.completedFuture(stored.get()));
            } else {
                toTrain.add(i);
            }
        }
        toTrain.sort(Comparator.comparingInt((Integer i) -> runs.get(i).width())
                .thenComparingInt(i -> startRank(runs.get(i))));
        SweepCheckpointStore checkpoints = new SweepCheckpointStore(store, checkpointEvery);
        CoreShare cores = new CoreShare(workers, toTrain.size());
        sum.add(loaded, "stored runs loaded");
        try (Workers pool = new Workers("sweep-worker", workers)) {
            for (int i : toTrain) {
                SweepSettings s = runs.get(i);
                pending.set(i, pool.submit(() -> {
                    cores.started();
                    SweepResult r;
                    try {
                        r = SweepTrainer.run(s, sum.part(), checkpoints, cores::threads);
                    } finally {
                        cores.finished();
                    }
                    return storeOnce(store, r);
                }));
            }
            return pool.results(pending);
        }
    }

    /**
     * Returns where a run starts among the runs of its width: mt with the per-task filter first (it costs about what
     * st does and, being one group, cannot take a freed core), then the other mt runs, then st (whose towers take
     * the cores that fall idle at the end, see {@link CoreShare}).
     */
    static int startRank(SweepSettings s) {
        if (s.mode() == TaskMode.ST) {
            return 2;
        }
        return s.taskFilter() ? 0 : 1;
    }

    /**
     * Stores a finished run unless another writer stored it meanwhile (then that entry is kept, and returned);
     * either way its checkpoint is removed. Same settings give the same numbers, so either copy serves.
     */
    static SweepResult storeOnce(ResultStore store, SweepResult r) {
        String key = r.settings().key();
        boolean mine = false;
        if (!store.has(key)) {
            try {
                store.put(key, entry(r));
                mine = true;
            } catch (IllegalStateException raced) {
                if (!store.has(key)) {
                    throw raced;
                }
            }
        }
        store.deleteCheckpoint(key);
        return mine ? r : load(store, r.settings()).orElseThrow();
    }

    /** Returns the stored results of the grid's runs that finished, in grid order (nothing is trained). */
    public static List<SweepResult> stored(SweepGrid grid, ResultStore store) {
        return grid.runs().stream().map(s -> load(store, s)).flatMap(Optional::stream).toList();
    }

    /** The options of {@code bin/lab train sweep} and {@code sweep-plan}, every one checked before any disk is touched. */
    private record Options(Profile profile, SweepGrid grid, int shard, int shards, int workers, Duration every) {

        static Options parse(String[] args) {
            CommandLine cl = new CommandLine(args, "--grid", "--widths", "--modes", "--settings", "--seeds",
                    "--variants", "--epochs", "--shard", "--workers", "--checkpoint-minutes");
            Profile profile = Profile.current();
            SweepGrid base = switch (cl.textOr("--grid", "sweep").trim()) {
                case "sweep" -> SweepGrid.of(profile);
                case "variants" -> SweepGrid.variants(profile);
                default -> throw new IllegalArgumentException("--grid '" + cl.textOr("--grid", "")
                        + "' is not a grid; use sweep (the notebook's sweep) or variants (its variants table)");
            };
            SweepGrid grid = new SweepGrid(cl.listOr("--widths", SweepRunner::width, base.widths()),
                    cl.listOr("--modes", TaskMode::parse, base.modes()),
                    cl.listOr("--settings", SweepSetting::parse, base.settings()),
                    cl.listOr("--seeds", Long::parseLong, base.seeds()), cl.intOr("--epochs", base.epochs()),
                    cl.listOr("--variants", SweepVariant::parse, base.variants()));
            String shardText = cl.textOr("--shard", "0/1");
            int shard = shardPart(shardText, 0);
            int shards = shardPart(shardText, 1);
            grid.shard(shard, shards); // refuses 9/8, or more shards than runs, now
            int workers = Budget.range("--workers", cl.intOr("--workers",
                    Math.min(2, Runtime.getRuntime().availableProcessors())), 1, MAX_WORKERS);
            double minutes = cl.doubleOr("--checkpoint-minutes", CHECKPOINT_EVERY.toSeconds() / 60.0);
            if (!(minutes > 0 && minutes <= MAX_CHECKPOINT_MINUTES)) {
                throw new IllegalArgumentException("--checkpoint-minutes must be a number in (0, "
                        + MAX_CHECKPOINT_MINUTES + "] (a week at most), got '" + cl.textOr("--checkpoint-minutes", "")
                        + "'");
            }
            return new Options(profile, grid, shard, shards, workers,
                    Duration.ofSeconds(Math.max(1, Math.round(60 * minutes))));
        }
    }

    /**
     * {@code bin/lab train sweep [--grid sweep|variants] [--widths 8,16,32] [--modes st,mt]
     * [--settings faithful,corrected] [--seeds 0] [--variants plain,lossdrop,filter,residual] [--epochs E]
     * [--shard i/n] [--workers k] [--checkpoint-minutes m]}: defaults are the profile's grid ({@code --grid
     * variants}: the notebook's variants grid, {@link SweepGrid#variants}); variants other than plain apply to mt.
     */
    public static void cli(String[] args) {
        Options o = Options.parse(args);
        List<SweepSettings> runs = o.grid().shard(o.shard(), o.shards());
        // each run's curve is held as float32 until the sweep ends, one more per worker while training
        long perRun = Budget.plus(Budget.times(4, o.grid().epochs()), 4096);
        Budget.memory("--epochs " + o.grid().epochs() + " over " + runs.size() + " runs",
                Budget.times(runs.size() + 2L * o.workers(), perRun), 4L * (runs.size() + 2L * o.workers()), 0);
        Budget.disk(o.profile().results(EXPERIMENT), Budget.times(runs.size(),
                Budget.plus(Budget.times(4, o.grid().epochs()), ResultStore.ENTRY_SLACK)));
        ResultStore store = open(o.grid(), o.profile());
        long missing = runs.stream().filter(s -> !store.hasIntact(s.key())).count(); // a damaged one is retrained
        System.out.printf(Locale.ROOT, "sweep (%s profile): %d runs in shard %d/%d, %d to train, %d workers, "
                + "store %s%n", o.profile(), runs.size(), o.shard(), o.shards(), missing, o.workers(),
                store.directory());
        List<SweepResult> results = run(runs, store, o.workers(), o.every(), new ConsoleProgress());
        System.out.println();
        for (SweepResult r : results) {
            System.out.printf(Locale.ROOT, "%-36s best %.4f @ epoch %5d  %8.1f s%n", r.settings().key(),
                    r.bestLoss(), r.bestEpoch(), r.seconds());
        }
        // the headline: the gap mt - st per width of each setting (this shard's runs), as the notebook concludes
        for (SweepSetting s : SweepSetting.values()) {
            System.out.println(SweepTable.conclusion(results, s));
        }
        if (o.grid().variants().stream().anyMatch(v -> v != SweepVariant.PLAIN)) {
            System.out.println(SweepTable.variantsConclusion(results));
        }
    }

    /**
     * {@code bin/lab train sweep-plan [the options of sweep]}: prints the runs the shard would train, one key a
     * line, after checking the options as {@code sweep} does; trains nothing and touches no store (a cluster
     * submission checks its shard count with it).
     */
    public static void plan(String[] args) {
        Options o = Options.parse(args);
        List<SweepSettings> runs = o.grid().shard(o.shard(), o.shards());
        System.out.printf(Locale.ROOT, "shard %d/%d of a grid of %d runs (%s profile): %d runs%n", o.shard(),
                o.shards(), o.grid().runs().size(), o.profile(), runs.size());
        runs.forEach(s -> System.out.println(s.key()));
    }

    private static int width(String v) {
        long w = Long.parseLong(v);
        if (w < 1 || w > SweepSettings.MAX_WIDTH) {
            throw new IllegalArgumentException("width " + v + " is outside 1.." + SweepSettings.MAX_WIDTH);
        }
        return (int) w;
    }

    /** Returns part {@code index} of {@code --shard i/n}: 0 for i, 1 for n. */
    private static int shardPart(String v, int index) {
        String[] p = v.split("/");
        try {
            if (p.length != 2) {
                throw new NumberFormatException();
            }
            return Integer.parseInt(p[index].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shard must be i/n (e.g. 0/4), got '" + v + "'");
        }
    }

    /** Prints overall progress to the terminal every few seconds: epochs done, rate, ETA, the latest run. */
    private static final class ConsoleProgress implements Progress {
        private final long started = System.nanoTime();
        private final Throttle throttle = new Throttle(Duration.ofSeconds(2));

        @Override
        public synchronized void update(long done, long total, String note) {
            long now = System.nanoTime();
            if (!throttle.due(now, done >= total)) {
                return;
            }
            double s = (now - started) / 1e9;
            double rate = done / Math.max(s, 1e-9);
            String eta = rate > 0 ? String.format(Locale.ROOT, "%.0f s", (total - done) / rate) : "?";
            System.out.printf(Locale.ROOT, "\r%5.1f%%  %d/%d epochs  %.0f epochs/s  ETA %s  %s      ",
                    100.0 * done / Math.max(total, 1), done, total, rate, eta, note);
            System.out.flush();
        }
    }
}

package lab.bench;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;
import lab.fused.Elementwise;
import lab.loop.IntraOpThreads;
import lab.loop.Progress;
import lab.model.TaskMode;
import lab.train.EnsembleSettings;
import lab.train.EnsembleTrainer;
import lab.train.SweepSettings;
import lab.train.SweepTrainer;

/**
 * Where an epoch of this project goes: times {@code epochs} epochs plainly (after a JIT warm-up), then again under
 * libtorch's profiler, whose Chrome trace (every aten op with start and duration) {@code bench/run} reads to count
 * ops and sum their time; the rest of the wall time is Java, JNI and DJL bookkeeping.
 *
 * <p>The wall time is the training loop's, as the timed benchmarks take it: a run's set-up (its initial weights
 * drawn in Java, its data) is not part of an epoch. Counted in, at width 1,024 with two profiled epochs it read as
 * 480 ms an epoch "outside the engine" (BENCHMARKS.md of 2026-11-30 04:04), which sampling the training thread
 * with perf did not find: there, libtorch's own code held 98% of the samples.
 */
final class BenchProfile {

    /** The phases the hand-written passes clock their time under ({@link Elementwise#nanos}). */
    private static final String[] PASS_PHASES = {"forward", "backward", "update"};

    private BenchProfile() {}

    /** Returns the row for one W1 chunk of {@code models} 4-16-2 models (seeds 0..) trained for {@code epochs} epochs. */
    static Map<String, Object> w1(int models, int epochs, Path trace) {
        if (models < 1) {
            throw new IllegalArgumentException("models must be >= 1, got " + models);
        }
        long[] seeds = new long[models];
        for (int i = 0; i < models; i++) {
            seeds[i] = i;
        }
        EnsembleSettings warm = EnsembleSettings.full().withEpochs(1000);
        EnsembleSettings timed = EnsembleSettings.full().withEpochs(epochs);
        // A chunk's set-up (a few small arrays per model) is timed with it: W1's trainer reports no loop time.
        Map<String, Object> row = measure("profile-w1", epochs, trace,
                () -> EnsembleTrainer.trainChunk(warm, seeds, Progress.silent()),
                () -> {
                    long t0 = System.nanoTime();
                    EnsembleTrainer.trainChunk(timed, seeds, Progress.silent());
                    return (System.nanoTime() - t0) / 1e9;
                });
        row.put("models", models);
        return row;
    }

    /**
     * Returns the row for a faithful sweep run of {@code arch} at {@code width} for {@code epochs} epochs on
     * {@code threads} intra-op threads, after a run of {@code warmup} epochs (the JIT's warm-up; at width 1,024 a
     * few epochs suffice, each takes about 1 s). The ops still run one after another on the trainer thread (a
     * product spreads over the threads inside its op), so the profile's op times still add up to the wall time.
     */
    static Map<String, Object> sweep(String arch, int width, int epochs, int warmup, int threads, Path trace) {
        if (warmup < 1) {
            throw new IllegalArgumentException("warmup must be >= 1, got " + warmup);
        }
        SweepSettings s = SweepSettings.faithful(TaskMode.parse(arch), width);
        Engine.getInstance();
        IntraOpThreads.use(threads); // as BenchSweep: the trainer pins its thread to this count
        Map<String, Object> row = measure("profile-" + arch, epochs, trace,
                () -> SweepTrainer.run(s.withEpochs(warmup)),
                () -> SweepTrainer.run(s.withEpochs(epochs)).seconds());
        row.put("arch", arch);
        row.put("width", width);
        row.put("threads", threads);
        return row;
    }

    private static long[] passNanos() {
        long[] n = new long[PASS_PHASES.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = Elementwise.nanos(PASS_PHASES[i]);
        }
        return n;
    }

    /** Runs {@code work} plainly, then under the profiler; it returns the seconds of its training loop. */
    private static Map<String, Object> measure(String name, int epochs, Path trace, Runnable warmUp,
            DoubleSupplier work) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        Engine.getInstance();
        warmUp.run();
        double plain = work.getAsDouble() / epochs;
        long[] before = passNanos();
        JniUtils.startProfile(false, false, false);
        double profiled = work.getAsDouble() / epochs;
        JniUtils.stopProfile(trace.toAbsolutePath().toString());
        long[] after = passNanos();
        Map<String, Object> row = Bench.row(name);
        row.put("intra_threads", IntraOpThreads.count()); // the engine started on one; the profile ran on these
        // The hand-written passes (lab.fused) run in Java, which libtorch's profiler does not see: their own
        // clock puts their time in its phase.
        Map<String, Object> passes = new LinkedHashMap<>();
        for (int i = 0; i < PASS_PHASES.length; i++) {
            passes.put(PASS_PHASES[i], (after[i] - before[i]) / 1e9 / epochs);
        }
        row.put("java_pass_seconds_per_epoch", passes);
        row.put("epochs", epochs);
        row.put("per_epoch_seconds", plain);
        row.put("per_epoch_seconds_profiled", profiled);
        row.put("trace", trace.toAbsolutePath().toString());
        return row;
    }
}

package lab.bench;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.util.Map;
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
 */
final class BenchProfile {

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
        Map<String, Object> row = measure("profile-w1", epochs, trace,
                () -> EnsembleTrainer.trainChunk(warm, seeds, Progress.silent()),
                () -> EnsembleTrainer.trainChunk(timed, seeds, Progress.silent()));
        row.put("models", models);
        return row;
    }

    /**
     * Returns the row for a faithful sweep run of {@code arch} at {@code width} for {@code epochs} epochs, after a
     * run of {@code warmup} epochs (the JIT's warm-up; at width 1,024 a few epochs suffice, each takes about 1 s).
     */
    static Map<String, Object> sweep(String arch, int width, int epochs, int warmup, Path trace) {
        if (warmup < 1) {
            throw new IllegalArgumentException("warmup must be >= 1, got " + warmup);
        }
        SweepSettings s = SweepSettings.faithful(TaskMode.parse(arch), width);
        Map<String, Object> row = measure("profile-" + arch, epochs, trace,
                () -> SweepTrainer.run(s.withEpochs(warmup)),
                () -> SweepTrainer.run(s.withEpochs(epochs)));
        row.put("arch", arch);
        row.put("width", width);
        return row;
    }

    private static Map<String, Object> measure(String name, int epochs, Path trace, Runnable warmUp, Runnable work) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        Engine.getInstance();
        warmUp.run();
        long t0 = System.nanoTime();
        work.run();
        double plain = (System.nanoTime() - t0) / 1e9 / epochs;
        JniUtils.startProfile(false, false, false);
        t0 = System.nanoTime();
        work.run();
        double profiled = (System.nanoTime() - t0) / 1e9 / epochs;
        JniUtils.stopProfile(trace.toAbsolutePath().toString());
        Map<String, Object> row = Bench.row(name);
        row.put("epochs", epochs);
        row.put("per_epoch_seconds", plain);
        row.put("per_epoch_seconds_profiled", profiled);
        row.put("trace", trace.toAbsolutePath().toString());
        return row;
    }
}

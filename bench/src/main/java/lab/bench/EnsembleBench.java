package lab.bench;

import java.util.ArrayList;
import java.util.List;
import lab.loop.Progress;
import lab.train.EnsembleSettings;
import lab.train.EnsembleTrainer;

/**
 * Not a test: measures model-epochs per second of the ensemble trainer for chunk sizes and thread counts.
 * {@code java -cp 'lib/target/jars/*:bench/target/multitask-lab-bench.jar' lab.bench.EnsembleBench <models> <chunk> <threads> <epochs>}; run it after a warm-up run
 * in the same JVM (it does one itself) because the JIT needs ~1,000 epochs to settle.
 */
public final class EnsembleBench {

    private EnsembleBench() {}

    public static void main(String[] args) {
        int models = Integer.parseInt(args[0]);
        int chunk = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        int epochs = Integer.parseInt(args[3]);
        EnsembleSettings s = EnsembleSettings.full().withEpochs(epochs);
        run(s.withEpochs(Math.min(epochs, 1000)), Math.min(models, chunk * threads), chunk, threads);
        long cpu0 = cpuNanos();
        double rate = run(s, models, chunk, threads);
        double cpuPerModelEpoch = (cpuNanos() - cpu0) / 1e3 / ((double) models * epochs);
        System.out.printf("models %d chunk %d threads %d epochs %d: %.0f model-epochs/s (full run of 400k: %.0f s);"
                + " %.0f us CPU per model-epoch%n", models, chunk, threads, epochs, rate, 400_000 / rate,
                cpuPerModelEpoch);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double run(EnsembleSettings s, int models, int chunk, int threads) {
        List<long[]> chunks = new ArrayList<>();
        for (int start = 0; start < models; start += chunk) {
            long[] c = new long[Math.min(chunk, models - start)];
            for (int i = 0; i < c.length; i++) {
                c[i] = start + i;
            }
            chunks.add(c);
        }
        long t0 = System.nanoTime();
        EnsembleTrainer.train(s, chunks, threads, m -> { }, Progress.silent());
        double sec = (System.nanoTime() - t0) / 1e9;
        return (double) models * s.epochs() / sec;
    }
}

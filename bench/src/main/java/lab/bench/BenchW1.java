package lab.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.engine.Engine;
import lab.train.EnsembleMember;
import lab.train.EnsembleSettings;
import lab.train.EnsembleTrainer;

/**
 * W1, the 002 ensemble as this project trains it: {@code models} models (seeds 0..models-1) of 4-16-2, full-batch
 * Adam lr 1e-2, {@code epochs} epochs, through {@link EnsembleTrainer} on {@code workers} threads with 1 intra-op
 * thread each, models batched in chunks.
 */
final class BenchW1 {

    /** The chunk size the 002 runner uses; batching more models stops helping beyond ~10 (memory-bound). */
    static final int CHUNK = 10;

    private BenchW1() {}

    /** Returns the result row: seconds of training, each model's last training and validation loss, memory. */
    static Map<String, Object> run(int models, int epochs, int workers, int chunk) {
        if (models < 1 || epochs < 1 || workers < 1) {
            throw new IllegalArgumentException("models, epochs and workers must be >= 1, got "
                    + models + ", " + epochs + ", " + workers);
        }
        int size = chunk > 0 ? chunk : Math.min(CHUNK, (models + workers - 1) / workers);
        List<long[]> chunks = new ArrayList<>();
        for (int first = 0; first < models; first += size) {
            long[] seeds = new long[Math.min(size, models - first)];
            for (int i = 0; i < seeds.length; i++) {
                seeds[i] = first + i;
            }
            chunks.add(seeds);
        }
        EnsembleSettings settings = EnsembleSettings.full().withEpochs(epochs);
        List<EnsembleMember> members = new ArrayList<>();
        Map<String, Object> rss = new LinkedHashMap<>();
        int[] next = {Math.min(1000, epochs)};
        Engine.getInstance(); // load the native library outside the timing, as the PyTorch side imports first
        long t0 = System.nanoTime();
        EnsembleTrainer.train(settings, chunks, workers, members::addAll, (done, total, note) -> {
            // done counts model-epochs over all chunks; read VmRSS every 1,000 epochs' worth of work and at the end
            while (next[0] <= epochs && done >= (long) next[0] * models) {
                rss.put(String.valueOf(next[0]), BenchEnv.statusKib("VmRSS"));
                next[0] = next[0] == epochs ? epochs + 1 : Math.min(next[0] + 1000, epochs);
            }
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        members.sort(Comparator.comparingLong(EnsembleMember::seed));
        float[] train = new float[models];
        float[] validation = new float[models];
        for (int m = 0; m < models; m++) {
            train[m] = members.get(m).trainLoss()[epochs - 1];
            validation[m] = members.get(m).validationLoss()[epochs - 1];
        }
        Map<String, Object> row = Bench.row("W1");
        row.put("models", models);
        row.put("epochs", epochs);
        row.put("workers", workers);
        row.put("chunk", size);
        row.put("threads", workers);
        row.put("seconds", seconds);
        row.put("train_loss", train);
        row.put("val_loss", validation);
        row.put("rss_at_epoch", rss);
        return row;
    }
}

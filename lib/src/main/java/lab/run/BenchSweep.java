package lab.run;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import lab.model.TaskMode;
import lab.train.SweepResult;
import lab.train.SweepSettings;
import lab.train.SweepTrainer;

/**
 * W2/W3, one faithful st or mt run of the sweep as this project trains it ({@link SweepTrainer}, one worker
 * thread). {@code threads} sets the engine's intra-op threads for this run, so one model can use both cores.
 */
final class BenchSweep {

    private BenchSweep() {}

    /** Returns the result row: seconds, seconds per epoch, lowest batch loss and its epoch, VmRSS by epoch. */
    static Map<String, Object> run(String arch, int width, int epochs, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        SweepSettings settings = SweepSettings.faithful(TaskMode.parse(arch), width).withEpochs(epochs);
        Engine.getInstance();
        JniUtils.setNumThreads(threads);
        Map<String, Object> rss = new LinkedHashMap<>();
        int checkpoint = Math.min(1000, epochs);
        SweepResult r = SweepTrainer.run(settings, (done, total, note) -> {
            // reports come about every 200 ms: the first one past epoch 1,000 stands for it
            if (done >= checkpoint && rss.isEmpty()) {
                rss.put(String.valueOf(checkpoint), BenchEnv.statusKib("VmRSS"));
                rss.put("first_reading_epoch", done);
            }
            if (done == total) {
                rss.put(String.valueOf(total), BenchEnv.statusKib("VmRSS"));
            }
        });
        Map<String, Object> row = Bench.row("sweep");
        row.put("arch", arch);
        row.put("width", width);
        row.put("epochs", epochs);
        row.put("threads", threads);
        row.put("intra_threads", threads);
        row.put("seconds", r.seconds());
        row.put("seconds_per_epoch", r.seconds() / epochs);
        row.put("lowest_loss", r.bestLoss());
        row.put("lowest_epoch", r.bestEpoch());
        row.put("rss_at_epoch", rss);
        return row;
    }
}

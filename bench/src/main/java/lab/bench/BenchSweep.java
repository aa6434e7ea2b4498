package lab.bench;

import ai.djl.engine.Engine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import lab.loop.IntraOpThreads;
import lab.model.TaskMode;
import lab.train.SweepCheckpoints;
import lab.train.SweepResult;
import lab.train.SweepSettings;
import lab.train.SweepTrainer;

/**
 * W2/W3, one faithful st or mt run of the sweep as this project trains it ({@link SweepTrainer}). {@code threads}
 * sets the engine's intra-op threads; {@code towerThreads} the threads the st towers are split over (each then
 * best with one intra-op thread). Either lets one model use both cores.
 *
 * <p>It also reports how busy the cores were over the timed epochs after the first tenth (the JIT's warm-up): the
 * process's CPU time and the trainer thread's, each over the wall time. With the towers on several threads the
 * trainer thread runs the step's serial part (layer 0, the join of the groups, the update) while they wait, so its
 * share bounds what more cores could give.
 */
final class BenchSweep {

    private BenchSweep() {}

    /** Returns the result row: seconds, seconds per epoch, lowest batch loss and its epoch, VmRSS by epoch. */
    static Map<String, Object> run(String arch, int width, int epochs, int threads, int towerThreads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (towerThreads < 1) {
            throw new IllegalArgumentException("tower-threads must be >= 1, got " + towerThreads);
        }
        SweepSettings settings = SweepSettings.faithful(TaskMode.parse(arch), width).withEpochs(epochs);
        Engine.getInstance();
        IntraOpThreads.use(threads); // the trainer pins its threads to this count
        Map<String, Object> rss = new LinkedHashMap<>();
        int[] next = {Math.min(1000, epochs)};
        ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[][] window = {null, null}; // {wall ns, process CPU ns, trainer thread CPU ns} at its start and end
        SweepResult r = SweepTrainer.run(settings, (done, total, note) -> {
            // reports come about every 200 ms, on the trainer thread
            if (done >= Math.max(1, epochs / 10)) {
                long[] now = {System.nanoTime(), os.getProcessCpuTime(), threadBean.getCurrentThreadCpuTime()};
                if (window[0] == null) {
                    window[0] = now;
                } else {
                    window[1] = now;
                }
            }
            // the first report at or past each 1,000 epochs stands for it
            if (done >= next[0]) {
                rss.put(String.valueOf(next[0]), BenchEnv.statusKib("VmRSS"));
                while (next[0] <= done && next[0] <= epochs) {
                    next[0] = next[0] == epochs ? epochs + 1 : Math.min(next[0] + 1000, epochs);
                }
            }
        }, SweepCheckpoints.none(), towerThreads);
        Map<String, Object> row = Bench.row("sweep");
        row.put("arch", arch);
        row.put("width", width);
        row.put("epochs", epochs);
        row.put("threads", threads);
        row.put("intra_threads", threads);
        row.put("tower_threads", towerThreads);
        row.put("seconds", r.seconds());
        row.put("seconds_per_epoch", r.seconds() / epochs);
        row.put("lowest_loss", r.bestLoss());
        row.put("lowest_epoch", r.bestEpoch());
        row.put("rss_at_epoch", rss);
        if (window[1] != null && window[1][0] > window[0][0]) {
            double wall = window[1][0] - window[0][0];
            row.put("cores_busy", (window[1][1] - window[0][1]) / wall);
            row.put("trainer_thread_busy", (window[1][2] - window[0][2]) / wall);
        }
        return row;
    }
}

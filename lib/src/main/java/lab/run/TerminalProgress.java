package lab.run;

import java.io.PrintStream;
import java.time.Duration;
import lab.loop.Progress;
import lab.loop.Throttle;

/**
 * A one-line progress bar for the terminal, redrawn in place: units done (e.g. models), rate of the underlying
 * work (e.g. model-epochs/s) and time left. Redraws at most every 200 ms; thread-safe.
 */
public final class TerminalProgress implements Progress {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream out;
    private final String unit;
    private final String workUnit;
    private final long workPerUnit;
    private final long start = System.nanoTime();
    private final Throttle throttle = new Throttle(Duration.ofNanos(REDRAW_NANOS));

    /**
     * @param unit what is counted on the bar, e.g. "models"
     * @param workUnit what the reports count, e.g. "epochs"
     * @param workPerUnit reported units per counted unit, e.g. epochs per model
     */
    public TerminalProgress(PrintStream out, String unit, String workUnit, long workPerUnit) {
        if (workPerUnit < 1) {
            throw new IllegalArgumentException("workPerUnit must be >= 1, got " + workPerUnit);
        }
        this.out = out;
        this.unit = unit;
        this.workUnit = workUnit;
        this.workPerUnit = workPerUnit;
    }

    @Override
    public synchronized void update(long done, long total, String note) {
        long now = System.nanoTime();
        if (!throttle.due(now, done >= total)) {
            return;
        }
        out.print("\r" + line(done, total, (now - start) / 1e9));
        if (done >= total) {
            out.println();
        }
        out.flush();
    }

    /** Returns the bar for {@code done} of {@code total} work units after {@code seconds}. */
    String line(long done, long total, double seconds) {
        double share = total == 0 ? 1 : (double) done / total;
        int filled = (int) Math.round(share * WIDTH);
        double rate = seconds > 0 ? done / seconds : 0;
        String eta = rate > 0 ? clock((total - done) / rate) : "?";
        return String.format("[%s%s] %d/%d %s | %.0f %s/s | ETA %s ",
                "#".repeat(filled), ".".repeat(WIDTH - filled), done / workPerUnit, total / workPerUnit, unit,
                rate, workUnit, eta);
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}

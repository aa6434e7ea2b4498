package lab.notebook;

import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;
import lab.loop.Progress;
import lab.loop.Throttle;

/**
 * A progress line for a long computation: in a kernel one output line rewritten in place at most every
 * {@link #KERNEL_INTERVAL_NANOS}, on a console a new line at most every {@link #CONSOLE_INTERVAL_NANOS}. The
 * first and the final report ({@code done >= total}) are always shown. Safe to call from several threads.
 */
public final class ProgressLine implements Progress {

    /** Shortest time between two shown reports in a kernel: 0.5 s. */
    static final long KERNEL_INTERVAL_NANOS = 500_000_000L;
    /** Shortest time between two printed reports on a console: 10 s. */
    static final long CONSOLE_INTERVAL_NANOS = 10_000_000_000L;

    private static final int BAR_WIDTH = 20;

    private final String title;
    private final Frontend frontend;
    private final LongSupplier clock;
    private final Throttle throttle;
    private final long started;
    private String displayId;

    ProgressLine(String title, Frontend frontend, LongSupplier clock) {
        if (title == null) {
            throw new IllegalArgumentException("title is null");
        }
        this.title = title;
        this.frontend = frontend;
        this.clock = clock;
        this.throttle = new Throttle(
                Duration.ofNanos(frontend.updatesInPlace() ? KERNEL_INTERVAL_NANOS : CONSOLE_INTERVAL_NANOS));
        this.started = clock.getAsLong();
    }

    /**
     * Shows the report unless one was shown less than the interval ago; the first and the final one always show.
     *
     * @throws IllegalArgumentException when {@code done} or {@code total} is negative
     */
    @Override
    public synchronized void update(long done, long total, String note) {
        if (done < 0 || total < 0) {
            throw new IllegalArgumentException("progress " + done + " of " + total + " is negative");
        }
        long now = clock.getAsLong();
        if (!throttle.due(now, done >= total)) {
            return;
        }
        Output line = Output.text(format(done, total, note, now - started));
        if (displayId == null) {
            displayId = frontend.show(line);
        } else {
            frontend.update(displayId, line);
        }
    }

    /**
     * Returns one line such as {@code "training: [#####---------------] 1000/4000 (25%) loss 0.0123, 3 s"}.
     */
    String format(long done, long total, String note, long elapsedNanos) {
        double fraction = total == 0 ? 1.0 : Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        String bar = "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled);
        String status = note == null || note.isBlank() ? "" : " " + note.strip();
        return String.format(Locale.ROOT, "%s: [%s] %d/%d (%.0f%%)%s, %d s",
                title, bar, done, total, 100 * fraction, status, elapsedNanos / 1_000_000_000L);
    }
}

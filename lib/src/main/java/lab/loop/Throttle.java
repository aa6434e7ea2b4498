package lab.loop;

import java.time.Duration;

/**
 * The one progress throttle: says whether a report is due, so a loop that could report every step shows one
 * report per interval. The first report and the final one are always due. Safe to call from several threads.
 */
public final class Throttle {

    private final long intervalNanos;
    private boolean started;
    private long last;

    /** Returns a throttle letting through one report per {@code interval}. */
    public Throttle(Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("the interval must be >= 0, got " + interval);
        }
        this.intervalNanos = interval.toNanos();
    }

    /**
     * Returns whether a report at time {@code nanos} (any nanosecond clock, e.g. {@link System#nanoTime()}) is due:
     * the first, a {@code last} one, or one at least an interval after the latest that was due; if so, counts it
     * as shown.
     */
    public synchronized boolean due(long nanos, boolean last) {
        if (started && !last && nanos - this.last < intervalNanos) {
            return false;
        }
        started = true;
        this.last = nanos;
        return true;
    }

    /** As {@link #due(long, boolean)} at {@link System#nanoTime()}. */
    public boolean due(boolean last) {
        return due(System.nanoTime(), last);
    }
}

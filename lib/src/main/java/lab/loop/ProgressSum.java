package lab.loop;

/**
 * Adds up the reports of loops running side by side (each reporting its own units done of its own total) into
 * one {@link Progress} of the whole job. Safe to use from several threads; the target hears one report at a time.
 */
public final class ProgressSum {

    private final Progress target;
    private final long total;
    private long done;

    /** @param total units of the whole job, e.g. model-epochs */
    public ProgressSum(Progress target, long total) {
        this.target = target;
        this.total = total;
    }

    /** Counts {@code units} as done at once (e.g. results loaded from a store) and reports. */
    public synchronized void add(long units, String note) {
        done += units;
        target.update(done, total, note);
    }

    /** Returns a progress for one part of the job: its reports of units done so far add their increase. */
    public Progress part() {
        long[] seen = {0};
        return (partDone, partTotal, note) -> {
            synchronized (this) {
                done += partDone - seen[0];
                seen[0] = partDone;
                target.update(done, total, note);
            }
        };
    }
}

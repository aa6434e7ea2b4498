package lab.loop;

/** Receives progress of a long computation; implementations must be cheap (called often). */
@FunctionalInterface
public interface Progress {
    /** Reports that {@code done} of {@code total} units are finished; {@code note} is a short status. */
    void update(long done, long total, String note);

    /** Returns a listener that ignores every report. */
    static Progress silent() { return (done, total, note) -> { }; }
}

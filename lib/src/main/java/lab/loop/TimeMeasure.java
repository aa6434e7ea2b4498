package lab.loop;

/** Measures a loop's wall-clock time, plus seconds carried over from earlier pieces of a resumed run. */
public final class TimeMeasure implements TrainingListener {

    private final double before;
    private long start;
    private long end = -1;

    /** @param before seconds spent on the run before this loop (0 for a fresh run) */
    public TimeMeasure(double before) {
        this.before = before;
    }

    @Override
    public void onTrainingStart(int first, int last) {
        start = System.nanoTime();
    }

    @Override
    public void onTrainingEnd() {
        end = System.nanoTime();
    }

    /** Returns the seconds so far (or in all, once the loop ended), including those before it. */
    public double seconds() {
        long to = end < 0 ? System.nanoTime() : end;
        return before + (to - start) / 1e9;
    }
}

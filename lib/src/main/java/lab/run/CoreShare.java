package lab.run;

/**
 * Shares a sweep's worker threads among its runs so no core idles at the end: while runs wait to start, each
 * running one gets one thread; once none waits, the threads of the workers that fell idle go to the runs still
 * training (an st run then computes its towers in that many groups; see {@code HandGradients}). Numbers do not
 * depend on the share.
 */
final class CoreShare {

    private final int workers;
    private int waiting;
    private int running;

    /** Returns the share of {@code workers} threads among {@code runs} runs still to train. */
    CoreShare(int workers, int runs) {
        if (workers < 1 || runs < 0) {
            throw new IllegalArgumentException("workers must be >= 1 and runs >= 0, got " + workers + ", " + runs);
        }
        this.workers = workers;
        this.waiting = runs;
    }

    /** Records that a run started training. */
    synchronized void started() {
        waiting--;
        running++;
    }

    /** Records that a run stopped training (finished or failed). */
    synchronized void finished() {
        running--;
    }

    /** Returns the threads each running run may use now: 1 while runs wait, else the workers split evenly. */
    synchronized int threads() {
        return waiting > 0 || running < 1 ? 1 : Math.max(1, workers / running);
    }
}

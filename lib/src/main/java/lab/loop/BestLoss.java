package lab.loop;

/** Tracks the lowest per-batch training loss of model 0 and the 1-based epoch it was seen in (003's metric). */
public final class BestLoss implements TrainingListener {

    private float best;
    private int epoch;

    /** Returns a tracker that has seen nothing (best +infinity, epoch 0). */
    public BestLoss() {
        this(Float.POSITIVE_INFINITY, 0);
    }

    /** Returns a tracker resuming from a best loss seen at {@code epoch}. */
    public BestLoss(float best, int epoch) {
        this.best = best;
        this.epoch = epoch;
    }

    @Override
    public void onBatchEnd(int epoch, int batch, Losses losses) {
        float loss = losses.training()[0];
        if (loss < best) {
            best = loss;
            this.epoch = epoch;
        }
    }

    /** Returns the lowest loss seen. */
    public float loss() {
        return best;
    }

    /** Returns the epoch of {@link #loss()}, 0 before any. */
    public int epoch() {
        return epoch;
    }
}

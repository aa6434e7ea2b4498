package lab.loop;

/**
 * What one experiment's training does in a batch: forward pass, loss, backward pass (DJL autograd or a
 * hand-written one), optimiser update. {@link TrainingLoop} calls it; everything else a run needs (progress,
 * checkpoints, the non-finite guard, interrupts, loss records) is a {@link TrainingListener}.
 */
public interface TrainingStep {

    /**
     * Prepares epoch {@code epoch} (1-based), e.g. draws its order; returns its number of batches (>= 1). The
     * default is full batch: one.
     */
    default int beginEpoch(int epoch) {
        return 1;
    }

    /**
     * Trains on batch {@code batch} (0-based) of the epoch and returns its losses. Native temporaries of the step
     * are closed before it returns (each batch in its own scope, or native memory grows with the epochs).
     */
    Losses batch(int epoch, int batch);

    /** Releases what {@link #beginEpoch} made; called even when a batch failed. The default does nothing. */
    default void endEpoch(int epoch) { }
}

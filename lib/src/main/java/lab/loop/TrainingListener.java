package lab.loop;

/**
 * Watches a {@link TrainingLoop}, one job per listener, in the manner of DJL's {@code TrainingListener}:
 * progress, checkpoints, the non-finite guard, interrupts, loss records. Listeners run in the order given to the
 * loop, on the training thread; a listener that throws ends the training with its exception.
 */
public interface TrainingListener {

    /** Called once before epoch {@code first}; {@code last} is the final epoch (1-based, inclusive). */
    default void onTrainingStart(int first, int last) { }

    /** Called before each epoch's first batch. */
    default void onEpochStart(int epoch) { }

    /** Called after each batch with its losses. */
    default void onBatchEnd(int epoch, int batch, Losses losses) { }

    /** Called after each epoch's last batch. */
    default void onEpochEnd(int epoch) { }

    /** Called once after the last epoch finished. */
    default void onTrainingEnd() { }
}

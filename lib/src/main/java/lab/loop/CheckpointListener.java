package lab.loop;

import java.time.Duration;
import java.util.function.IntConsumer;

/**
 * Saves a checkpoint after an epoch once {@code interval} of wall time has passed since the loop started or the
 * last save, but never after the final epoch (the finished result is stored instead).
 */
public final class CheckpointListener implements TrainingListener {

    private final long intervalNanos;
    private final IntConsumer save;
    private long lastSave;
    private int last;

    /** @param save saves the state after the given epoch */
    public CheckpointListener(Duration interval, IntConsumer save) {
        this.intervalNanos = interval.toNanos();
        this.save = save;
    }

    @Override
    public void onTrainingStart(int first, int last) {
        this.last = last;
        lastSave = System.nanoTime();
    }

    @Override
    public void onEpochEnd(int epoch) {
        if (epoch < last && System.nanoTime() - lastSave >= intervalNanos) {
            save.accept(epoch);
            lastSave = System.nanoTime();
        }
    }
}

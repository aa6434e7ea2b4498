package lab.loop;

import java.util.List;

/**
 * The one training loop, after DJL's {@code EasyTrain.fit}: epochs, then batches, then a {@link TrainingStep};
 * listeners hear each event. The loop knows nothing of logging, checkpoints, divergence or interrupts; the
 * trainers of 001, 002/004 and 003 each give it their step and the listeners they want.
 */
public final class TrainingLoop {

    private TrainingLoop() {}

    /** Trains epochs {@code first..last} (1-based, inclusive; none when {@code first > last}). */
    public static void fit(TrainingStep step, int first, int last, List<? extends TrainingListener> listeners) {
        for (TrainingListener l : listeners) {
            l.onTrainingStart(first, last);
        }
        for (int epoch = first; epoch <= last; epoch++) {
            for (TrainingListener l : listeners) {
                l.onEpochStart(epoch);
            }
            int batches = step.beginEpoch(epoch);
            try {
                for (int b = 0; b < batches; b++) {
                    Losses losses = step.batch(epoch, b);
                    for (TrainingListener l : listeners) {
                        l.onBatchEnd(epoch, b, losses);
                    }
                }
            } finally {
                step.endEpoch(epoch);
            }
            for (TrainingListener l : listeners) {
                l.onEpochEnd(epoch);
            }
        }
        for (TrainingListener l : listeners) {
            l.onTrainingEnd();
        }
    }
}

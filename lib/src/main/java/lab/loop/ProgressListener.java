package lab.loop;

import java.time.Duration;
import java.util.function.IntFunction;

/**
 * Reports finished epochs to a {@link Progress}, through the one {@link Throttle}: at most one report per
 * {@link #INTERVAL}, the first and the last epoch always.
 */
public final class ProgressListener implements TrainingListener {

    /** Shortest time between two reports of one loop. */
    public static final Duration INTERVAL = Duration.ofMillis(200);

    private final Progress progress;
    private final long unitsPerEpoch;
    private final IntFunction<String> note;
    private final Throttle throttle = new Throttle(INTERVAL);
    private int last;

    /**
     * @param unitsPerEpoch units one epoch counts for, e.g. the models trained together (reports say
     *     {@code epoch * unitsPerEpoch} of {@code lastEpoch * unitsPerEpoch})
     * @param note the report's status after an epoch
     */
    public ProgressListener(Progress progress, long unitsPerEpoch, IntFunction<String> note) {
        this.progress = progress;
        this.unitsPerEpoch = unitsPerEpoch;
        this.note = note;
    }

    @Override
    public void onTrainingStart(int first, int last) {
        this.last = last;
    }

    @Override
    public void onEpochEnd(int epoch) {
        if (throttle.due(epoch == last)) {
            progress.update(epoch * unitsPerEpoch, last * unitsPerEpoch, note.apply(epoch));
        }
    }
}

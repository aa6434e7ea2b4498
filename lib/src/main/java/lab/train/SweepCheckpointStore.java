package lab.train;

import java.time.Duration;
import java.util.Optional;
import lab.store.Entry;
import lab.store.ResultStore;

/**
 * Keeps sweep checkpoints in a result store (one atomic, checksummed {@code checkpoints/<key>.npz} per unfinished
 * run). A checkpoint that is damaged or does not fit its run is set aside with a notice, and the run starts over.
 */
public final class SweepCheckpointStore implements SweepCheckpoints {

    private final ResultStore store;
    private final Duration interval;

    /** Returns checkpoints kept in {@code store}, saved every {@code interval} of training. */
    public SweepCheckpointStore(ResultStore store, Duration interval) {
        this.store = store;
        this.interval = interval;
    }

    @Override
    public Optional<SweepCheckpoint> load(SweepSettings settings) {
        Optional<Entry> stored = store.loadCheckpoint(settings.key());
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Entry e = stored.get();
        try {
            SweepCheckpoint c = new SweepCheckpoint(settings, Math.toIntExact(e.getLong("epochs_done")),
                    e.getArray("params"), optional(e, "gradient_sum"), optional(e, "first"), optional(e, "second"),
                    e.getLong("steps"), (float) e.getDouble("best_loss"), Math.toIntExact(e.getLong("best_epoch")),
                    optional(e, "curve"), e.getDouble("seconds"));
            return Optional.of(c);
        } catch (IllegalArgumentException | ArithmeticException bad) {
            store.discardCheckpoint(settings.key(), bad.getMessage());
            return Optional.empty();
        }
    }

    private static float[] optional(Entry e, String name) {
        return e.arrayNames().contains(name) ? e.getArray(name) : new float[0];
    }

    @Override
    public void save(SweepCheckpoint c) {
        Entry.Builder b = Entry.builder()
                .putValue("epochs_done", c.epochsDone())
                .putValue("steps", c.steps())
                .putValue("best_loss", (double) c.bestLoss())
                .putValue("best_epoch", c.bestEpoch())
                .putValue("seconds", c.seconds());
        put(b, "params", c.params());
        put(b, "gradient_sum", c.gradientSum());
        put(b, "first", c.first());
        put(b, "second", c.second());
        put(b, "curve", c.curve());
        store.saveCheckpoint(c.settings().key(), b.build());
    }

    private static void put(Entry.Builder b, String name, float[] values) {
        if (values.length > 0) { // an unused optimiser array is left out, and read back as empty
            b.putArray(name, values, values.length);
        }
    }

    @Override
    public Duration interval() {
        return interval;
    }
}

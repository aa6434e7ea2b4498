package lab.run;

import java.time.Duration;
import java.util.Optional;
import lab.store.Entry;
import lab.store.ResultStore;
import lab.train.SweepCheckpoint;
import lab.train.SweepCheckpoints;
import lab.train.SweepSettings;

/** Keeps sweep checkpoints in the result store (one atomic {@code checkpoints/<key>.npz} per unfinished run). */
final class SweepCheckpointStore implements SweepCheckpoints {

    private final ResultStore store;
    private final Duration interval;

    SweepCheckpointStore(ResultStore store, Duration interval) {
        this.store = store;
        this.interval = interval;
    }

    @Override
    public Optional<SweepCheckpoint> load(SweepSettings settings) {
        return store.loadCheckpoint(settings.key()).map(e -> new SweepCheckpoint(settings,
                (int) e.getLong("epochs_done"), e.getArray("params"), optional(e, "gradient_sum"),
                optional(e, "first"), optional(e, "second"), e.getLong("steps"), (float) e.getDouble("best_loss"),
                (int) e.getLong("best_epoch"), optional(e, "curve"), e.getDouble("seconds")));
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

package lab.train;

import java.time.Duration;
import java.util.Optional;

/** Where a sweep run keeps its checkpoint so a killed run resumes; implemented by the result store. */
public interface SweepCheckpoints {

    /** Returns the checkpoint of an unfinished run with exactly these settings, if one was saved. */
    Optional<SweepCheckpoint> load(SweepSettings settings);

    /** Saves the checkpoint atomically, replacing the previous one of the same run. */
    void save(SweepCheckpoint checkpoint);

    /** Returns how often the trainer saves (wall time between checkpoints). */
    Duration interval();

    /** Returns a place that never saves and never has anything: runs start from scratch. */
    static SweepCheckpoints none() {
        return new SweepCheckpoints() {
            @Override
            public Optional<SweepCheckpoint> load(SweepSettings settings) {
                return Optional.empty();
            }

            @Override
            public void save(SweepCheckpoint checkpoint) { }

            @Override
            public Duration interval() {
                return Duration.ofDays(365);
            }
        };
    }
}

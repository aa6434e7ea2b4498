package lab.train;

import lab.data.Labelled;
import lab.data.Labels;

/** The two ways the sweep trains: as the seed's loop did, or with that loop's bug fixed. */
public enum SweepSetting implements Labelled {
    /**
     * The seed's loop: gradients never cleared, so each step's gradient is the running sum of every
     * gradient since the start; SGD lr 1e-3 momentum 0.9.
     */
    FAITHFUL,
    /** Gradients cleared every step, with an optimiser and learning rate chosen by a recorded search. */
    CORRECTED;

    /** Returns the setting with this label (case-insensitive), naming the bad value otherwise. */
    public static SweepSetting parse(String value) {
        return Labels.parse(SweepSetting.class, value, "setting");
    }

    @Override
    public String toString() {
        return label();
    }
}

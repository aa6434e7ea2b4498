package lab.train;

import java.util.Locale;

/** The two ways the sweep trains: as the seed's loop did, or with that loop's bug fixed. */
public enum SweepSetting {
    /**
     * The seed's loop: gradients never cleared, so each step's gradient is the running sum of every
     * gradient since the start; SGD lr 1e-3 momentum 0.9.
     */
    FAITHFUL,
    /** Gradients cleared every step, with an optimiser and learning rate chosen by a recorded search. */
    CORRECTED;

    /** Returns the lower-case name used on the command line and in stored results. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the setting with this label (case-insensitive), naming the bad value otherwise. */
    public static SweepSetting parse(String value) {
        for (SweepSetting s : values()) {
            if (s.label().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("setting '" + value + "' is not one of faithful, corrected");
    }

    @Override
    public String toString() {
        return label();
    }
}

package lab.train;

import lab.data.Labelled;
import lab.data.Labels;

/**
 * The mt variants of the note's script that the sweep can run, one at a time: plain (none), loss-drop 0.1 (the
 * note's default {@code p_lossdrop}), the per-task filter, the residual. st runs are always plain.
 */
public enum SweepVariant implements Labelled {
    /** No variant: the network the sweep's keys and stored results have always meant. */
    PLAIN(0f, false, false),
    /** Dropout with p = 0.1 on the output logits in training (the note's {@code p_lossdrop=0.1}). */
    LOSSDROP(0.1f, false, false),
    /** Per-task scalar offsets added to every layer's weights and biases. */
    FILTER(0f, true, false),
    /** The first hidden layer's activation added to the last hidden layer's. */
    RESIDUAL(0f, false, true);

    private final float lossDrop;
    private final boolean taskFilter;
    private final boolean residual;

    SweepVariant(float lossDrop, boolean taskFilter, boolean residual) {
        this.lossDrop = lossDrop;
        this.taskFilter = taskFilter;
        this.residual = residual;
    }

    /** Returns a copy of {@code s} with this variant's options set (and the others off). */
    public SweepSettings applyTo(SweepSettings s) {
        return s.withVariants(lossDrop, taskFilter, residual);
    }

    /** Returns the variant whose options {@code s} has, or null for a combination no single variant names. */
    public static SweepVariant of(SweepSettings s) {
        for (SweepVariant v : values()) {
            if (v.lossDrop == s.lossDrop() && v.taskFilter == s.taskFilter() && v.residual == s.residual()) {
                return v;
            }
        }
        return null;
    }

    /** Returns the variant with this label (case-insensitive), naming the bad value otherwise. */
    public static SweepVariant parse(String value) {
        return Labels.parse(SweepVariant.class, value, "variant");
    }

    @Override
    public String toString() {
        return label();
    }
}

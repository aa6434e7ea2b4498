package lab.analysis;

/**
 * What a hidden neuron does for a two-output network, judged from its activations on the analysis grid and its
 * mean contribution vector {@code (c0, c1)}.
 *
 * <p>The rule, in order: {@link #SILENT} if its activation is zero at every grid point (or its mean vector is
 * exactly zero, so it reaches neither output); otherwise, if {@link Orthogonality#score} is above
 * {@link Orthogonality#ORTHOGONAL_ABOVE} the vector sits on an axis and the neuron serves that output only
 * (the larger of |c0| and |c1| names it; the other component is under tan(2.25 deg) ~ 4% of it);
 * otherwise {@link #BOTH}. The sign of a contribution does not matter: pushing an output down is serving it.
 */
public enum NeuronRole {
    OUTPUT_0_ONLY,
    OUTPUT_1_ONLY,
    BOTH,
    SILENT;

    /**
     * Returns the role of one neuron.
     *
     * @param activationsOfNeuronOnGrid its post-ReLU activation at each grid point, [points]
     * @param c0 its mean contribution to output 0
     * @param c1 its mean contribution to output 1
     */
    public static NeuronRole of(float[] activationsOfNeuronOnGrid, double c0, double c1) {
        if (activationsOfNeuronOnGrid.length == 0) {
            throw new IllegalArgumentException("activationsOfNeuronOnGrid is empty");
        }
        if (!Double.isFinite(c0) || !Double.isFinite(c1)) {
            throw new IllegalArgumentException("mean contribution must be finite, got (" + c0 + ", " + c1 + ")");
        }
        boolean active = false;
        for (float a : activationsOfNeuronOnGrid) {
            if (a != 0f) {
                active = true;
                break;
            }
        }
        if (!active || (c0 == 0 && c1 == 0)) {
            return SILENT;
        }
        if (Orthogonality.isOrthogonal(c0, c1)) {
            return Math.abs(c0) >= Math.abs(c1) ? OUTPUT_0_ONLY : OUTPUT_1_ONLY;
        }
        return BOTH;
    }

    /** Returns a short label for charts and tables: "out 0", "out 1", "both", "silent". */
    public String label() {
        return switch (this) {
            case OUTPUT_0_ONLY -> "out 0";
            case OUTPUT_1_ONLY -> "out 1";
            case BOTH -> "both";
            case SILENT -> "silent";
        };
    }
}

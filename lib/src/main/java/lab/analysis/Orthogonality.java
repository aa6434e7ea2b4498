package lab.analysis;

/**
 * The orthogonality score of a mean contribution vector {@code (c0, c1)} (seed 000, experiment 002):
 * 1 when the vector lies on an axis (the neuron serves one output), 0 on a diagonal (it serves both equally).
 */
public final class Orthogonality {

    /** A vector is "orthogonal" when its score is above this, i.e. within about 2.25 degrees of an axis. */
    public static final double ORTHOGONAL_ABOVE = 0.95;

    private static final double QUARTER_PI = Math.PI / 4;
    private static final double HALF_PI = Math.PI / 2;

    private Orthogonality() {}

    /** Returns {@code atan2(c1, c0)} in radians, in (-pi, pi]; 0 for the zero vector. */
    public static double angle(double c0, double c1) {
        return Math.atan2(c1, c0);
    }

    /**
     * Returns {@code |((angle mod pi/2) - pi/4) / (pi/4)|} in [0, 1]. The modulo is floored (Python's {@code %}),
     * so a negative angle folds the same way as a positive one. The zero vector scores 1 (atan2 = 0), as in
     * the seed, which is why silent neurons count as orthogonal unless dropped.
     */
    public static double score(double c0, double c1) {
        double a = angle(c0, c1);
        double folded = a - Math.floor(a / HALF_PI) * HALF_PI;
        return Math.min(1.0, Math.abs((folded - QUARTER_PI) / QUARTER_PI));
    }

    /** Returns whether {@link #score} is above {@link #ORTHOGONAL_ABOVE}. */
    public static boolean isOrthogonal(double c0, double c1) {
        return score(c0, c1) > ORTHOGONAL_ABOVE;
    }
}

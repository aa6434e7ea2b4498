package lab.analysis;

/**
 * The cosine between the two rows of a net's output weight W2 [2, hidden]: near 0 when the two outputs read
 * different hidden neurons (or the same ones with unrelated weights), near +-1 when they read the same mixture.
 */
public final class OutputRows {

    private OutputRows() {}

    /**
     * Returns {@code cos(W2[0, :], W2[1, :])} in [-1, 1]; NaN when a row is all zero.
     *
     * @param w2 output weight, [2, hidden] row-major
     */
    public static double cosine(float[] w2, int hidden) {
        if (w2.length != 2 * hidden) {
            throw new IllegalArgumentException("w2 has " + w2.length + " values, expected 2 x " + hidden);
        }
        double dot = 0;
        double a = 0;
        double b = 0;
        for (int j = 0; j < hidden; j++) {
            double u = w2[j];
            double v = w2[hidden + j];
            dot += u * v;
            a += u * u;
            b += v * v;
        }
        if (a == 0 || b == 0) {
            return Double.NaN;
        }
        return Math.max(-1, Math.min(1, dot / Math.sqrt(a * b)));
    }
}

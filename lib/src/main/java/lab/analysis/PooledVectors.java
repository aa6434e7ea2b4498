package lab.analysis;

import java.util.List;

/**
 * The mean contribution vectors {@code c = mean_n contrib[n, j, :]} of every hidden neuron of many two-output
 * nets pooled (experiment 002: 100 models x 16 neurons = 1,600 vectors), with which neurons are silent
 * ({@link NeuronRole#SILENT}: zero on the whole grid, so {@code c = 0}, angle 0, score 1).
 *
 * @param c0 mean contribution to output 0 per neuron, [vectors]
 * @param c1 mean contribution to output 1 per neuron, [vectors]
 * @param silent whether each neuron is silent, [vectors]
 */
public record PooledVectors(double[] c0, double[] c1, boolean[] silent) {

    public PooledVectors {
        if (c0.length != c1.length || c0.length != silent.length) {
            throw new IllegalArgumentException("c0, c1, silent have " + c0.length + ", " + c1.length + ", "
                    + silent.length + " values; they must match");
        }
        c0 = c0.clone();
        c1 = c1.clone();
        silent = silent.clone();
    }

    /**
     * Returns the pooled vectors of these nets, model by model, neuron by neuron.
     *
     * @param activations per model, post-ReLU grid activations [points, hidden]
     * @param w2 per model, output weight [2, hidden]
     */
    public static PooledVectors of(List<float[]> activations, List<float[]> w2, int points, int hidden) {
        if (activations.size() != w2.size()) {
            throw new IllegalArgumentException(activations.size() + " activation sets but " + w2.size() + " W2s");
        }
        int n = activations.size() * hidden;
        double[] c0 = new double[n];
        double[] c1 = new double[n];
        boolean[] silent = new boolean[n];
        for (int m = 0; m < activations.size(); m++) {
            NeuronAttribution a = NeuronAttribution.of(activations.get(m), w2.get(m), points, hidden);
            float[] means = a.means();
            for (int j = 0; j < hidden; j++) {
                c0[m * hidden + j] = means[2 * j];
                c1[m * hidden + j] = means[2 * j + 1];
                silent[m * hidden + j] = a.roles().get(j) == NeuronRole.SILENT;
            }
        }
        return new PooledVectors(c0, c1, silent);
    }

    @Override
    public double[] c0() {
        return c0.clone();
    }

    @Override
    public double[] c1() {
        return c1.clone();
    }

    @Override
    public boolean[] silent() {
        return silent.clone();
    }

    /** Returns the number of vectors. */
    public int size() {
        return c0.length;
    }

    /** Returns the vectors of the live (non-silent) neurons only. */
    public PooledVectors live() {
        int n = 0;
        for (boolean s : silent) {
            n += s ? 0 : 1;
        }
        double[] a = new double[n];
        double[] b = new double[n];
        int i = 0;
        for (int v = 0; v < size(); v++) {
            if (!silent[v]) {
                a[i] = c0[v];
                b[i++] = c1[v];
            }
        }
        return new PooledVectors(a, b, new boolean[n]);
    }

    /** Returns {@link Orthogonality#angle} of each vector in radians, [vectors]. */
    public double[] angles() {
        double[] out = new double[size()];
        for (int v = 0; v < out.length; v++) {
            out[v] = Orthogonality.angle(c0[v], c1[v]);
        }
        return out;
    }

    /** Returns {@link Orthogonality#score} of each vector, in [0, 1], [vectors]. */
    public double[] scores() {
        double[] out = new double[size()];
        for (int v = 0; v < out.length; v++) {
            out[v] = Orthogonality.score(c0[v], c1[v]);
        }
        return out;
    }

    /** Returns the length |c| of each vector, [vectors]. */
    public double[] magnitudes() {
        double[] out = new double[size()];
        for (int v = 0; v < out.length; v++) {
            out[v] = Math.hypot(c0[v], c1[v]);
        }
        return out;
    }

    /** Returns how many vectors are orthogonal (score above {@link Orthogonality#ORTHOGONAL_ABOVE}) of how many. */
    public Fraction orthogonal() {
        int k = 0;
        for (int v = 0; v < size(); v++) {
            k += Orthogonality.isOrthogonal(c0[v], c1[v]) ? 1 : 0;
        }
        return new Fraction(k, size());
    }

    /**
     * A count out of a total.
     *
     * @param count how many qualify
     * @param total how many there are
     */
    public record Fraction(int count, int total) {

        public Fraction {
            if (count < 0 || total < count) {
                throw new IllegalArgumentException("need 0 <= count <= total, got " + count + " of " + total);
            }
        }

        /** Returns count / total, or NaN when the total is 0. */
        public double value() {
            return total == 0 ? Double.NaN : (double) count / total;
        }

        @Override
        public String toString() {
            return String.format("%.1f%% (%d of %d)", 100 * value(), count, total);
        }
    }
}

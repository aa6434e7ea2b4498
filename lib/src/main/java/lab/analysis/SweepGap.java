package lab.analysis;

/**
 * Numbers for the st-vs-mt sweep's comparison: the seed's reported results, the gap mt - st, and the cost
 * model used to say which widths need a GPU or a cluster. Arrays in, arrays out.
 */
public final class SweepGap {

    /** The widths the seed (note 003) reports. */
    public static final int[] SEED_WIDTHS = {8, 16, 32, 128, 1024, 2048, 4096, 8192, 16384};
    /** The seed's lowest st loss per width, and the 1-based epoch it was seen in. */
    public static final double[] SEED_ST = {0.0567, 0.0520, 0.0482, 0.0486, 0.0205, 0.0571, 0.0594, 0.0607, 0.0678};
    public static final int[] SEED_ST_EPOCH = {9933, 9550, 9977, 9372, 9917, 9622, 9649, 9936, 9936};
    /** The seed's lowest mt loss per width, and its epoch. */
    public static final double[] SEED_MT = {0.1729, 0.1265, 0.0986, 0.0697, 0.0264, 0.0588, 0.0564, 0.0586, 0.0615};
    public static final int[] SEED_MT_EPOCH = {10000, 9621, 9842, 9992, 9961, 9859, 9394, 9733, 9733};

    /**
     * The GPU cost model's sustained rate, FLOP/s: 10 TFLOP/s, about half the fp32 peak of a data-centre GPU of
     * 2020 (A100: 19.5 TFLOP/s), reached only by large matmuls. A model, not a measurement: no GPU ran here.
     */
    public static final double GPU_FLOPS = 10e12;
    /** The GPU cost model's floor per optimiser step, seconds: ~30 kernel launches of ~15 us each. */
    public static final double GPU_STEP_SECONDS = 0.5e-3;

    private SweepGap() {}

    /**
     * Returns the GPU cost model's seconds for a run: {@code epochs * max(flopsPerEpoch / GPU_FLOPS, steps *
     * GPU_STEP_SECONDS)}: narrow runs are bound by the per-step launch floor, wide ones by the FLOP rate.
     */
    public static double gpuSeconds(double flopsPerEpoch, int stepsPerEpoch, int epochs) {
        return epochs * Math.max(flopsPerEpoch / GPU_FLOPS, stepsPerEpoch * GPU_STEP_SECONDS);
    }

    /** Returns mt - st per entry; positive = the multi-task model ends worse. */
    public static double[] gap(double[] st, double[] mt) {
        if (st.length != mt.length) {
            throw new IllegalArgumentException("st has " + st.length + " values, mt " + mt.length);
        }
        double[] g = new double[st.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = mt[i] - st[i];
        }
        return g;
    }

    /** Returns log2 of each width. */
    public static double[] log2(int[] widths) {
        double[] out = new double[widths.length];
        for (int i = 0; i < widths.length; i++) {
            if (widths[i] < 1) {
                throw new IllegalArgumentException("width must be >= 1, got " + widths[i]);
            }
            out[i] = Math.log(widths[i]) / Math.log(2);
        }
        return out;
    }

    /** Returns the seed's gap mt - st per {@link #SEED_WIDTHS} entry. */
    public static double[] seedGap() {
        return gap(SEED_ST, SEED_MT);
    }

    /**
     * Returns how many neighbouring pairs of widths (sorted ascending) have the larger gap at the smaller width,
     * and the number of pairs: {k, n}. k = n means the gap grows steadily as capacity shrinks.
     */
    public static int[] shrinkingPairs(int[] widths, double[] gap) {
        Integer[] order = new Integer[widths.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(widths[a], widths[b]));
        int k = 0;
        for (int i = 0; i + 1 < order.length; i++) {
            if (gap[order[i]] > gap[order[i + 1]]) {
                k++;
            }
        }
        return new int[] {k, Math.max(0, order.length - 1)};
    }

    /**
     * Returns the multiply-add FLOPs of one epoch of training (forward and backward, ~3x the forward matmuls):
     * {@code 3 * 2 * samples * towers * (embedding * width + (layers - 2) * width^2 + width * outputs)}.
     * For st at width 2^10 this is ~6.6e10, i.e. the seed note's ~0.66 PFLOP per 10,000 epochs.
     */
    public static double flopsPerEpoch(int width, int towers, int outputsPerTower, int embedding, int layers,
            int samples) {
        double w = width;
        double perSample = embedding * w + (layers - 2) * w * w + w * outputsPerTower;
        return 3.0 * 2.0 * samples * towers * perSample;
    }

    /**
     * Returns {mean, min, max} per epoch of curves of equal length ([runs][epochs] in, [3][epochs] out): the
     * middle and the spread of RNG seeds' loss curves.
     */
    public static float[][] band(float[][] curves) {
        if (curves.length == 0) {
            throw new IllegalArgumentException("need at least one curve");
        }
        int n = curves[0].length;
        float[][] out = new float[3][n];
        for (float[] c : curves) {
            if (c.length != n) {
                throw new IllegalArgumentException("curves differ in length: " + n + " and " + c.length + " epochs");
            }
        }
        for (int e = 0; e < n; e++) {
            double sum = 0;
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (float[] c : curves) {
                sum += c[e];
                lo = Math.min(lo, c[e]);
                hi = Math.max(hi, c[e]);
            }
            out[0][e] = (float) (sum / curves.length);
            out[1][e] = lo;
            out[2][e] = hi;
        }
        return out;
    }
}

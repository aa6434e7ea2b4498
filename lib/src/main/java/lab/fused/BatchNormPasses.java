package lab.fused;

import ai.djl.ndarray.NDArray;
import java.nio.FloatBuffer;

/**
 * The elementwise chains of BatchNorm on batch statistics, one pass each (see {@link Elementwise} for why that keeps
 * every bit). Arrays are feature-major: {@code [rows..., B]} with one statistic per row, {@code [rows..., 1]}; the
 * reductions (means, sums over the batch) stay libtorch's, whose order of summation they must keep. A row is copied
 * into a Java array, computed there (where the JIT can vectorise the loop) and copied back.
 */
public final class BatchNormPasses {

    /**
     * Arrays below this many elements stay in the caches, where libtorch's vectorised ops cost about what one pass
     * does (W2's 1,280 x 512 activations ran no faster as passes); the passes pay where the arrays stream from
     * memory (W3's 10,240 x 512).
     */
    private static final long MIN_ELEMENTS = 1L << 20;

    private BatchNormPasses() {}

    /** Returns whether a pass over arrays shaped as {@code a} is worth it rather than libtorch's ops. */
    public static boolean pays(NDArray a) {
        return a.size() >= MIN_ELEMENTS;
    }

    /**
     * Returns {@code relu(c * scale + beta)} as a new array: libtorch's {@code c.mul(scale).addi(beta).relu()} in
     * one pass instead of three. ReLU keeps a negative zero and a NaN as libtorch's does.
     */
    public static NDArray scaleShiftRelu(NDArray c, NDArray scale, NDArray beta) {
        NDArray out = c.getManager().create(c.getShape());
        FloatBuffer x = Elementwise.floats(c);
        FloatBuffer sc = Elementwise.floats(scale);
        FloatBuffer sh = Elementwise.floats(beta);
        FloatBuffer y = Elementwise.floats(out);
        int rows = rows(c, scale);
        if (rows * c.getShape().tail() != c.size()) {
            throw new IllegalArgumentException("scale needs one value per row of " + c.getShape());
        }
        int shifts = rows(c, beta); // fewer than rows where beta is shared by the leading axes (the per-task filter)
        int b = x.capacity() / rows;
        Elementwise.split("forward", rows, b, (from, to) -> {
            float[] row = new float[b];
            for (int r = from; r < to; r++) {
                float s = sc.get(r);
                float t = sh.get(r % shifts);
                x.get(r * b, row);
                for (int i = 0; i < b; i++) {
                    float v = row[i] * s + t;
                    // libtorch's ReLU keeps -0 and NaN; Math.max keeps NaN, turns -0 into 0, and needs no branch
                    // on the sign (half the activations are negative: a branch on it is mispredicted half the time)
                    row[i] = v == 0f ? v : Math.max(v, 0f);
                }
                y.put(r * b, row);
            }
        });
        return out;
    }

    /**
     * Returns {@code dy * scale + c * k2 + k3} as a new array: libtorch's {@code dy.mul(scale).addi(c.mul(k2))
     * .addi(k3)} in one pass instead of four, the sums in the same order.
     */
    public static NDArray inputGradient(NDArray dy, NDArray scale, NDArray c, NDArray k2, NDArray k3) {
        NDArray out = dy.getManager().create(dy.getShape());
        FloatBuffer g = Elementwise.floats(dy);
        FloatBuffer x = Elementwise.floats(c);
        FloatBuffer sc = Elementwise.floats(scale);
        FloatBuffer a = Elementwise.floats(k2);
        FloatBuffer d = Elementwise.floats(k3);
        FloatBuffer y = Elementwise.floats(out);
        int rows = rows(dy, scale);
        if (!c.getShape().equals(dy.getShape()) || rows(dy, k2) != rows || rows(dy, k3) != rows
                || rows * dy.getShape().tail() != dy.size()) {
            throw new IllegalArgumentException("the input gradient needs c shaped as dy " + dy.getShape()
                    + " and scale, k2, k3 with one value per row of it");
        }
        int b = g.capacity() / rows;
        Elementwise.split("backward", rows, b, (from, to) -> {
            float[] row = new float[b];
            float[] cs = new float[b];
            for (int r = from; r < to; r++) {
                float s = sc.get(r);
                float kc = a.get(r);
                float k = d.get(r);
                g.get(r * b, row);
                x.get(r * b, cs);
                for (int i = 0; i < b; i++) {
                    float v = row[i] * s + cs[i] * kc;
                    row[i] = v + k;
                }
                y.put(r * b, row);
            }
        });
        return out;
    }

    /**
     * Returns how many rows of {@code a} ([..., B]) the per-row array {@code perRow} ([..., 1]) holds: all of them,
     * or, when it is shared by a's leading axes (broadcast), its own count, its row r serving rows r, r + count, ...
     */
    private static int rows(NDArray a, NDArray perRow) {
        long[] as = a.getShape().getShape();
        long[] ps = perRow.getShape().getShape();
        int lead = 0;
        while (lead < ps.length - 1 && ps[lead] == 1 && ps.length - lead > as.length) {
            lead++;
        }
        boolean trailing = ps.length - lead <= as.length && ps[ps.length - 1] == 1;
        for (int i = 1; trailing && i < ps.length - lead; i++) {
            trailing = ps[ps.length - 1 - i] == as[as.length - 1 - i];
        }
        if (!trailing) {
            throw new IllegalArgumentException(perRow.getShape() + " is not one value per row of " + a.getShape());
        }
        return (int) perRow.size();
    }
}

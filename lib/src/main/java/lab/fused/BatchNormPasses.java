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

    private static final int NEGATIVE_ZERO = Float.floatToRawIntBits(-0f);

    private BatchNormPasses() {}

    /**
     * Returns {@code relu(c * scale + beta)} as a new array, with libtorch's bits: as one pass on arrays beyond the
     * caches, else as libtorch's {@code c.mul(scale).addi(beta).relu()}, which is also what autograd (the tests'
     * reference gradients) can follow.
     */
    public static NDArray scaleShiftRelu(NDArray c, NDArray scale, NDArray beta) {
        return c.size() >= MIN_ELEMENTS && !c.hasGradient() ? scaleShiftReluPass(c, scale, beta)
                : c.mul(scale).addi(beta).getNDArrayInternal().relu();
    }

    /**
     * Returns {@code relu(c * scale + beta)} in one pass instead of three. ReLU keeps a negative zero and a NaN as
     * libtorch's does.
     */
    static NDArray scaleShiftReluPass(NDArray c, NDArray scale, NDArray beta) {
        NDArray out = c.getManager().create(c.getShape());
        FloatBuffer x = Elementwise.floats(c);
        FloatBuffer sc = Elementwise.floats(scale);
        FloatBuffer sh = Elementwise.floats(beta);
        FloatBuffer y = Elementwise.floats(out);
        int rows = allRows(c, scale);
        int shifts = rows(c, beta); // fewer than rows where beta is shared by the leading axes (the per-task filter)
        int b = x.capacity() / rows;
        Elementwise.split("forward", rows, b, (from, to) -> {
            float[] row = new float[b];
            for (int r = from; r < to; r++) {
                float t = sh.get(r % shifts);
                x.get(r * b, row);
                if (Float.floatToRawIntBits(t) == NEGATIVE_ZERO) {
                    scaleShiftReluKeepingNegativeZero(row, sc.get(r), t);
                } else {
                    scaleShiftRelu(row, sc.get(r), t);
                }
                y.put(r * b, row);
            }
        });
        return out;
    }

    /**
     * {@code relu(v * s + t)} in place, for a shift t that is not -0. libtorch's ReLU keeps -0 (and NaN), Java's
     * {@code Math.max} turns -0 into 0; but a sum of two floats is -0 only when both are, so with t not -0 no
     * {@code v * s + t} is -0, and {@code Math.max} (NaN kept) gives libtorch's bits in a loop the JIT vectorises.
     */
    private static void scaleShiftRelu(float[] row, float s, float t) {
        for (int i = 0; i < row.length; i++) {
            row[i] = Math.max(row[i] * s + t, 0f);
        }
    }

    /** {@link #scaleShiftRelu}'s values where t is -0: a sum can then be -0, and libtorch's ReLU keeps it. */
    private static void scaleShiftReluKeepingNegativeZero(float[] row, float s, float t) {
        for (int i = 0; i < row.length; i++) {
            float v = row[i] * s + t;
            row[i] = v == 0f ? v : Math.max(v, 0f);
        }
    }

    /**
     * Returns {@code dy * scale + c * k2 + k3}, with libtorch's bits: as one new array from one pass on arrays beyond
     * the caches, else as libtorch's {@code dy.mul(scale).addi(c.muli(k2)).addi(k3)}, which overwrites {@code c}.
     */
    public static NDArray inputGradient(NDArray dy, NDArray scale, NDArray c, NDArray k2, NDArray k3) {
        return dy.size() >= MIN_ELEMENTS ? inputGradientPass(dy, scale, c, k2, k3)
                : dy.mul(scale).addi(c.muli(k2)).addi(k3);
    }

    /**
     * Returns {@code dy * scale + c * k2 + k3} as a new array in one pass instead of four, the sums in the same
     * order.
     */
    static NDArray inputGradientPass(NDArray dy, NDArray scale, NDArray c, NDArray k2, NDArray k3) {
        if (!c.getShape().equals(dy.getShape())) {
            throw new IllegalArgumentException("c " + c.getShape() + " must be shaped as dy " + dy.getShape());
        }
        int rows = allRows(dy, scale);
        if (allRows(dy, k2) != rows || allRows(dy, k3) != rows) {
            throw new IllegalArgumentException("scale, k2 and k3 need one value per row of " + dy.getShape());
        }
        NDArray out = dy.getManager().create(dy.getShape());
        FloatBuffer g = Elementwise.floats(dy);
        FloatBuffer x = Elementwise.floats(c);
        FloatBuffer sc = Elementwise.floats(scale);
        FloatBuffer a = Elementwise.floats(k2);
        FloatBuffer d = Elementwise.floats(k3);
        FloatBuffer y = Elementwise.floats(out);
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

    /** Returns {@link #rows}, which must be every row of {@code a}. */
    private static int allRows(NDArray a, NDArray perRow) {
        int rows = rows(a, perRow);
        if (rows * a.getShape().tail() != a.size()) {
            throw new IllegalArgumentException(perRow.getShape() + " is not one value per row of " + a.getShape());
        }
        return rows;
    }

    /**
     * Returns how many rows of {@code a} ([..., B]) the per-row array {@code perRow} ([..., 1]) holds: all of them,
     * or, when it is shared by a's leading axes (broadcast), its own count, its row r serving rows r, r + count, ...
     */
    private static int rows(NDArray a, NDArray perRow) {
        long[] as = a.getShape().getShape();
        long[] ps = perRow.getShape().getShape();
        boolean trailing = ps.length <= as.length && ps[ps.length - 1] == 1;
        for (int i = 1; trailing && i < ps.length; i++) {
            trailing = ps[ps.length - 1 - i] == as[as.length - 1 - i];
        }
        if (!trailing) {
            throw new IllegalArgumentException(perRow.getShape() + " is not one value per row of " + a.getShape());
        }
        return (int) perRow.size();
    }
}

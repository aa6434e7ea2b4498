package lab.bench;

import java.util.Arrays;
import java.util.Map;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The fixed cost of one engine op called from Java: microseconds per call of an op on one-element arrays, where
 * the arithmetic is nothing and the cost is JNI, dispatch and (for an op that returns a new array) allocating
 * and closing the result. Times the op count of a profiled epoch into an overhead estimate.
 */
final class BenchOverhead {

    private BenchOverhead() {}

    /**
     * The five batched matmuls of one W1 step of {@code EnsembleTrainer} for a chunk of 10 models, as the shapes of
     * a and b; a negative first dimension marks an operand that is a transposed view (last two axes swapped), as
     * in the trainer ({@code h.transpose}, {@code w2.transpose}, the transposed copy of x).
     */
    static final long[][][] W1_MATMULS = {
        {{10, 16, 5}, {10, 5, 8000}}, {{10, 2, 16}, {10, 16, 8000}}, {{10, 2, 8000}, {-10, 8000, 16}},
        {{-10, 16, 2}, {10, 2, 8000}}, {{10, 16, 8000}, {-10, 8000, 5}}};

    /** Returns microseconds for the five W1 matmuls of a 10-model chunk (median of 200 repetitions). */
    static double w1Matmuls(NDManager base) {
        NDArray[][] in = new NDArray[W1_MATMULS.length][2];
        for (int i = 0; i < in.length; i++) {
            for (int j = 0; j < 2; j++) {
                long[] s = W1_MATMULS[i][j];
                in[i][j] = s[0] > 0
                        ? base.randomUniform(-1, 1, new Shape(s))
                        : base.randomUniform(-1, 1, new Shape(-s[0], s[2], s[1])).transpose(0, 2, 1);
            }
        }
        double[] us = new double[200];
        for (int r = 0; r < us.length + 50; r++) {
            long t0 = System.nanoTime();
            for (NDArray[] pair : in) {
                try (NDArray c = pair[0].matMul(pair[1])) {
                    c.getShape();
                }
            }
            if (r >= 50) {
                us[r - 50] = (System.nanoTime() - t0) / 1e3;
            }
        }
        Arrays.sort(us);
        return us[us.length / 2];
    }

    /** Returns the row: microseconds per in-place op and per op with a new (closed) result. */
    static Map<String, Object> run(int calls) {
        if (calls < 1000) {
            throw new IllegalArgumentException("calls must be >= 1000, got " + calls);
        }
        Engine.getInstance();
        try (NDManager base = NDManager.newBaseManager()) {
            NDArray a = base.create(new float[] {1f});
            NDArray b = base.create(new float[] {0f});
            double inPlace = 0;
            double fresh = 0;
            for (int round = 0; round < 3; round++) { // the first round warms up the JIT
                long t0 = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    a.addi(b);
                }
                inPlace = (System.nanoTime() - t0) / 1e3 / calls;
                t0 = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    try (NDArray c = a.add(b)) {
                        c.getShape();
                    }
                }
                fresh = (System.nanoTime() - t0) / 1e3 / calls;
            }
            Map<String, Object> row = Bench.row("overhead");
            row.put("calls", calls);
            row.put("us_w1_matmuls", w1Matmuls(base));
            row.put("us_per_inplace_op", inPlace);
            row.put("us_per_new_op", fresh);
            return row;
        }
    }
}

package lab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The machine's matmul ceiling as the engine reaches it: GFLOP/s of a large float32 matmul
 * [m,k] x [k,n] (2*m*k*n FLOPs each), the best of several timed batches after a warm-up.
 */
final class BenchCeiling {

    private BenchCeiling() {}

    /** Returns the best GFLOP/s over timed batches of about {@code seconds} in total, with {@code threads} intra-op threads. */
    static double gflops(int m, int k, int n, int threads, double seconds) {
        if (m < 1 || k < 1 || n < 1) {
            throw new IllegalArgumentException("matmul sizes must be >= 1, got " + m + "x" + k + "x" + n);
        }
        Engine.getInstance(); // loads the native library before any JniUtils call
        int before = JniUtils.getNumThreads();
        JniUtils.setNumThreads(threads);
        try (NDManager base = NDManager.newBaseManager()) {
            NDArray a = base.randomUniform(-1, 1, new Shape(m, k));
            NDArray b = base.randomUniform(-1, 1, new Shape(k, n));
            double flop = 2.0 * m * k * n;
            for (int i = 0; i < 5; i++) {
                try (NDArray c = a.matMul(b)) {
                    c.getShape(); // matMul runs synchronously on the CPU; closing frees the result at once
                }
            }
            double best = 0;
            long end = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                int reps = 5;
                long t0 = System.nanoTime();
                for (int i = 0; i < reps; i++) {
                    try (NDArray c = a.matMul(b)) {
                        c.getShape();
                    }
                }
                double s = (System.nanoTime() - t0) / 1e9;
                best = Math.max(best, reps * flop / s / 1e9);
            }
            return best;
        } finally {
            JniUtils.setNumThreads(before);
        }
    }
}

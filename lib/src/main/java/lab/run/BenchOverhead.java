package lab.run;

import java.util.Map;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The fixed cost of one engine op called from Java: microseconds per call of an op on one-element arrays, where
 * the arithmetic is nothing and the cost is JNI, dispatch and (for an op that returns a new array) allocating
 * and closing the result. Times the op count of a profiled epoch into an overhead estimate.
 */
final class BenchOverhead {

    private BenchOverhead() {}

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
            row.put("us_per_inplace_op", inPlace);
            row.put("us_per_new_op", fresh);
            return row;
        }
    }
}

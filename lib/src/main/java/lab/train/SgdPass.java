package lab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.nio.FloatBuffer;
import lab.fused.Elementwise;

/**
 * SGD with momentum, and the faithful setting's running gradient sum, in one pass over the native arrays:
 * {@code sum += g; buffer = buffer * momentum + sum; params -= buffer * lr}, element by element.
 *
 * <p>Written by hand (see {@link Elementwise} for why that keeps every bit): as separate libtorch ops this is five
 * passes over the parameters and a temporary as large as they are, and libtorch's fused SGD ({@code _fused_sgd_})
 * computes {@code params - lr * buffer} as one fused multiply-add, which rounds differently. {@code SgdPassTest}
 * checks the pass against the separate ops bit for bit.
 */
final class SgdPass {

    /** Elements per chunk: four chunks fit in a 32 KiB L1 cache. */
    private static final int CHUNK = 2048;

    private final float momentum;
    private final float lr;

    SgdPass(float momentum, float lr) {
        this.momentum = momentum;
        this.lr = lr;
    }

    /**
     * Applies one step in place: the gradient is {@code parts} laid end to end (in the order of {@code params});
     * {@code sum} is the running gradient sum, or null when gradients are cleared every step. {@code params},
     * {@code sum} and {@code buffer} are whole arrays (written through their memory).
     */
    void apply(NDArray params, NDArray sum, NDArray buffer, NDList parts) {
        FloatBuffer p = Elementwise.floats(params);
        FloatBuffer s = sum == null ? null : Elementwise.floats(sum);
        FloatBuffer b = Elementwise.floats(buffer);
        int offset = 0;
        for (NDArray part : parts) {
            FloatBuffer g = Elementwise.floats(part);
            int n = g.capacity();
            if (offset + n > p.capacity()) {
                throw new IllegalArgumentException("gradient parts hold more than the " + p.capacity() + " parameters");
            }
            int at = offset;
            Elementwise.split("update", n, (from, to) -> step(p, s, b, g, at, from, to));
            offset += n;
        }
        if (offset != p.capacity()) {
            throw new IllegalArgumentException("gradient parts hold " + offset + " values, expected " + p.capacity());
        }
    }

    /**
     * The update of parameters offset + [from, to), whose gradients are g[from, to), in chunks copied into Java
     * arrays (where the JIT can vectorise the loop) and back.
     */
    private void step(FloatBuffer p, FloatBuffer s, FloatBuffer b, FloatBuffer g, int offset, int from, int to) {
        float[] gc = new float[CHUNK];
        float[] sc = new float[CHUNK];
        float[] bc = new float[CHUNK];
        float[] pc = new float[CHUNK];
        for (int at = from; at < to; at += CHUNK) {
            int n = Math.min(CHUNK, to - at);
            int j = offset + at;
            g.get(at, gc, 0, n);
            b.get(j, bc, 0, n);
            p.get(j, pc, 0, n);
            if (s != null) {
                s.get(j, sc, 0, n);
                for (int i = 0; i < n; i++) {
                    sc[i] = sc[i] + gc[i];
                    bc[i] = bc[i] * momentum + sc[i];
                    pc[i] = pc[i] - bc[i] * lr;
                }
                s.put(j, sc, 0, n);
            } else {
                for (int i = 0; i < n; i++) {
                    bc[i] = bc[i] * momentum + gc[i];
                    pc[i] = pc[i] - bc[i] * lr;
                }
            }
            b.put(j, bc, 0, n);
            p.put(j, pc, 0, n);
        }
    }
}

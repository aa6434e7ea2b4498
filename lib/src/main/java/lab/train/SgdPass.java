package lab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.engine.PtNDArray;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import lab.loop.Workers;

/**
 * SGD with momentum, and the faithful setting's running gradient sum, in one pass over the native arrays:
 * {@code sum += g; buffer = buffer * momentum + sum; params -= buffer * lr}, element by element.
 *
 * <p>Written by hand because libtorch has no op that does this with these roundings: as separate ops it is five
 * passes over the parameters (and a temporary as large as they are), and its fused SGD ({@code _fused_sgd_})
 * computes {@code params - lr * buffer} as one fused multiply-add, which rounds differently. Java rounds every
 * float multiply and add on its own (it never contracts them into a fused multiply-add), as libtorch's elementwise
 * kernels do, so the values are bit for bit those of the separate ops ({@code SgdPassTest} checks it). The arrays
 * are read and written in place through direct buffers over libtorch's memory.
 *
 * <p>Each element is computed alone, so splitting the range over threads changes no value.
 */
final class SgdPass implements AutoCloseable {

    /** Below this many elements a second thread costs more than it saves. */
    private static final int MIN_SPLIT = 1 << 16;

    private final float momentum;
    private final float lr;
    private final int threads;
    private Workers workers;

    SgdPass(float momentum, float lr, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.momentum = momentum;
        this.lr = lr;
        this.threads = threads;
    }

    /**
     * Applies one step in place: the gradient is {@code parts} laid end to end (each contiguous, in the order of
     * {@code params}); {@code sum} is the running gradient sum, or null when gradients are cleared every step.
     */
    void apply(NDArray params, NDArray sum, NDArray buffer, NDList parts) {
        FloatBuffer p = floats(params);
        FloatBuffer s = sum == null ? null : floats(sum);
        FloatBuffer b = floats(buffer);
        int offset = 0;
        for (NDArray part : parts) {
            FloatBuffer g = floats(part);
            int n = g.capacity();
            if (offset + n > p.capacity()) {
                throw new IllegalArgumentException("gradient parts hold more than the " + p.capacity() + " parameters");
            }
            run(p, s, b, g, offset, n);
            offset += n;
        }
        if (offset != p.capacity()) {
            throw new IllegalArgumentException("gradient parts hold " + offset + " values, expected " + p.capacity());
        }
    }

    private void run(FloatBuffer p, FloatBuffer s, FloatBuffer b, FloatBuffer g, int offset, int n) {
        int k = n < MIN_SPLIT ? 1 : threads;
        if (k == 1) {
            step(p, s, b, g, offset, 0, n);
            return;
        }
        if (workers == null) {
            workers = new Workers("sgd", k - 1);
        }
        List<Future<Void>> futures = new ArrayList<>(k - 1);
        for (int t = 1; t < k; t++) {
            int from = (int) ((long) n * t / k);
            int to = (int) ((long) n * (t + 1) / k);
            futures.add(workers.submit(() -> {
                step(p, s, b, g, offset, from, to);
                return null;
            }));
        }
        step(p, s, b, g, offset, 0, (int) ((long) n / k));
        workers.results(futures);
    }

    /** The update of parameters offset + [from, to), whose gradients are g[from, to). */
    private void step(FloatBuffer p, FloatBuffer s, FloatBuffer b, FloatBuffer g, int offset, int from, int to) {
        if (s != null) {
            for (int i = from; i < to; i++) {
                int j = offset + i;
                float sj = s.get(j) + g.get(i);
                s.put(j, sj);
                float bj = b.get(j) * momentum + sj;
                b.put(j, bj);
                p.put(j, p.get(j) - bj * lr);
            }
        } else {
            for (int i = from; i < to; i++) {
                int j = offset + i;
                float bj = b.get(j) * momentum + g.get(i);
                b.put(j, bj);
                p.put(j, p.get(j) - bj * lr);
            }
        }
    }

    /** Returns the array's own memory as floats (a contiguous copy for a strided view, which is only read). */
    private static FloatBuffer floats(NDArray a) {
        return ((PtNDArray) a).toByteBuffer(true).asFloatBuffer();
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.close();
        }
    }
}

package lab.loop;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pins the intra-op threads libtorch uses in the calling thread. Why: libtorch's thread count (OpenMP's
 * {@code omp_set_num_threads}, MKL's {@code mkl_set_num_threads_local}) is per native thread. DJL sets
 * {@code ai.djl.pytorch.num_threads} only in the thread that starts the engine; a worker thread created later
 * runs MKL's matrix products on every core, and a product split over two threads sums in another order than on
 * one. Measured here: mt runs trained on a pool thread gave other bits than the same runs on the engine's thread,
 * and differed between runs under load. Every thread that trains calls {@link #pin()} first (worker threads from
 * {@link #factory} do it at start), so a run's numbers do not depend on which thread, how many workers, or the
 * machine's load.
 */
public final class IntraOpThreads {

    private static volatile int count = 1;

    private IntraOpThreads() {}

    /**
     * Sets the intra-op threads every training thread pins to from now on (1 unless a benchmark asks for more; the
     * stored numbers are made with 1, see {@link #count()}).
     */
    public static void use(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("intra-op threads must be >= 1, got " + threads);
        }
        count = threads;
    }

    /** Returns the intra-op threads a training thread pins to. */
    public static int count() {
        return count;
    }

    /** Pins the calling thread to {@link #count()} intra-op threads (starts the engine if it is not running). */
    public static void pin() {
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(count);
    }

    /** Returns a factory of daemon threads named {@code name-N} that pin themselves before running their task. */
    public static ThreadFactory factory(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(() -> {
                pin();
                r.run();
            }, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

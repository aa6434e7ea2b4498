package lab.fused;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import lab.loop.IntraOpThreads;
import lab.loop.Workers;

/**
 * What the hand-written passes of this package share: libtorch's memory seen as Java floats, and a range of
 * elements split over as many threads as libtorch's own ops use ({@link IntraOpThreads#count()}), or as the
 * calling thread was granted ({@link #onThreads}).
 *
 * <p>Why passes are written by hand at all: a chain of libtorch elementwise ops (multiply, add, ReLU, ...) reads
 * and writes the whole array once per op, and libtorch's fused kernels that would do it in one pass contract a
 * multiply and an add into one fused multiply-add, which rounds differently. Java rounds each float multiply and add
 * on its own, as libtorch's elementwise kernels do, so a pass here computes the chain's values bit for bit in one
 * read and one write (each pass's test checks that against the ops). Each element is computed alone, so splitting
 * the range over threads changes no value.
 */
public final class Elementwise {

    /** Below this many elements a second thread costs more than it saves. */
    static final int MIN_SPLIT = 1 << 16;

    /** Daemon threads that take the ranges after the first; grown as callers need them, shared by every pass. */
    private static final ExecutorService HELPERS =
            Executors.newCachedThreadPool(IntraOpThreads.factory("elementwise"));

    /**
     * Wall time spent in passes, by what they belong to (forward, backward, update): no engine profiler sees Java,
     * so the benchmark's profile reads this to put a pass's time in its phase (two clock reads per pass).
     */
    private static final Map<String, LongAdder> NANOS = new ConcurrentHashMap<>();

    /** Threads granted to the passes of the thread that holds it ({@link #onThreads}); 1 unless granted. */
    private static final ThreadLocal<int[]> GRANTED = ThreadLocal.withInitial(() -> new int[] {1});

    private Elementwise() {}

    /** Returns the nanoseconds spent so far in passes of {@code phase} (forward, backward, update). */
    public static long nanos(String phase) {
        LongAdder a = NANOS.get(phase);
        return a == null ? 0 : a.sum();
    }

    /** The body of a pass over elements [from, to). */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /**
     * Returns the array's memory as floats. Written through only for an array the caller made whole (contiguous);
     * a strided view comes back as a contiguous copy, which is fine to read and useless to write.
     */
    public static FloatBuffer floats(NDArray a) {
        return ((PtNDArray) a).toByteBuffer(true).asFloatBuffer();
    }

    /**
     * Runs {@code body} over [0, n), a pass of the training step's {@code phase}: on this thread, or split over
     * {@link IntraOpThreads#count()} threads.
     */
    public static void split(String phase, int n, Range body) {
        split(phase, n, 1, body);
    }

    /**
     * Runs {@code body} over units [0, n) of {@code unitSize} elements each (rows, say), a pass of the training
     * step's {@code phase}: on this thread, or split over {@link IntraOpThreads#count()} threads when there are
     * enough elements.
     */
    public static void split(String phase, int n, int unitSize, Range body) {
        long t0 = System.nanoTime();
        run(n, unitSize, body);
        NANOS.computeIfAbsent(phase, k -> new LongAdder()).add(System.nanoTime() - t0);
    }

    /**
     * Runs {@code body} with the passes this thread starts split over up to {@code threads} threads (at least
     * {@link IntraOpThreads#count()}), and returns its result. For a thread whose helpers sit idle while it works:
     * st's trainer thread, whose tower groups wait while it runs layer 0's product, the join and the update.
     */
    public static <T> T onThreads(int threads, Supplier<T> body) {
        int[] granted = GRANTED.get();
        int before = granted[0];
        granted[0] = threads;
        try {
            return body.get();
        } finally {
            granted[0] = before;
        }
    }

    /** Returns the threads a pass started on this thread is split over. */
    static int threads() {
        return Math.max(IntraOpThreads.count(), GRANTED.get()[0]);
    }

    private static void run(int n, int unitSize, Range body) {
        int k = (long) n * unitSize < MIN_SPLIT ? 1 : Math.min(n, threads());
        if (k == 1) {
            body.run(0, n);
            return;
        }
        List<Future<Void>> futures = new ArrayList<>(k - 1);
        for (int t = 1; t < k; t++) {
            int from = (int) ((long) n * t / k);
            int to = (int) ((long) n * (t + 1) / k);
            futures.add(HELPERS.submit(() -> {
                body.run(from, to);
                return null;
            }));
        }
        body.run(0, (int) ((long) n / k));
        await(futures);
    }

    /**
     * Waits for every range, even when interrupted: a range takes milliseconds, and a pass left half done would
     * leave the arrays half updated. The interrupt is kept for the training loop, which stops at the step's end.
     */
    private static void await(List<Future<Void>> futures) {
        boolean interrupted = false;
        for (Future<Void> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw Workers.unwrap(e);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

package lab.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The machine's memory bandwidth as this project reaches it: GB/s of in-place float32 passes over two arrays of
 * {@code elements} each, through libtorch (DJL's {@code addi}, {@code muli}) and in plain Java loops. In-place ops
 * allocate nothing and need no write-allocate read, so the bytes are exactly those counted: a += b reads 2 and
 * writes 1 element per element (12 bytes), a *= s reads 1 and writes 1 (8 bytes), as STREAM counts them.
 */
final class BenchBandwidth {

    private BenchBandwidth() {}

    /** Returns {label -> best GB/s} for the passes, each timed in batches over about {@code seconds}. */
    static Map<String, Object> run(int elements, int threads, double seconds) {
        if (elements < 1024) {
            throw new IllegalArgumentException("elements must be >= 1024, got " + elements);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        Map<String, Object> gbs = new LinkedHashMap<>();
        Engine.getInstance();
        int before = JniUtils.getNumThreads();
        JniUtils.setNumThreads(threads);
        try (NDManager base = NDManager.newBaseManager()) {
            NDArray a = base.randomUniform(0, 1, new Shape(elements));
            NDArray b = base.randomUniform(0, 1, new Shape(elements));
            NDArray s = base.create(1f);
            // a oscillates by adding b then multiplying by 1: values stay finite, the memory traffic is what counts
            gbs.put("djl_add", best(() -> a.addi(b), 12.0 * elements, seconds / 4));
            gbs.put("djl_scale", best(() -> a.muli(s), 8.0 * elements, seconds / 4));
        } finally {
            JniUtils.setNumThreads(before);
        }
        float[] a = new float[elements];
        float[] b = new float[elements];
        java.util.Arrays.fill(b, 1e-7f);
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
        try {
            gbs.put("java_add", best(() -> parallel(pool, threads, elements, (from, to) -> {
                for (int i = from; i < to; i++) {
                    a[i] += b[i];
                }
            }), 12.0 * elements, seconds / 4));
            gbs.put("java_scale", best(() -> parallel(pool, threads, elements, (from, to) -> {
                for (int i = from; i < to; i++) {
                    a[i] *= 0.9999999f;
                }
            }), 8.0 * elements, seconds / 4));
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        return gbs;
    }

    private interface Range {
        void run(int from, int to);
    }

    private static void parallel(ExecutorService pool, int threads, int n, Range body) {
        if (pool == null) {
            body.run(0, n);
            return;
        }
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int from = (int) ((long) n * t / threads);
            int to = (int) ((long) n * (t + 1) / threads);
            fs.add(pool.submit(() -> body.run(from, to)));
        }
        for (Future<?> f : fs) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /** Returns the best GB/s of batches of calls of {@code pass} (moving {@code bytes} each) over about {@code seconds}. */
    private static double best(Runnable pass, double bytes, double seconds) {
        int reps = (int) Math.max(1, Math.min(1000, 2e8 / bytes)); // a batch of about 0.2 GB
        for (int i = 0; i < reps; i++) {
            pass.run(); // warm-up: pages touched, JIT compiled
        }
        double best = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        do {
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                pass.run();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            best = Math.max(best, reps * bytes / s / 1e9);
        } while (System.nanoTime() < end);
        return best;
    }
}

package lab.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The one worker pool of the trainers: daemon threads that pin their intra-op threads
 * ({@link IntraOpThreads#factory}), tasks whose failure reaches the caller as the worker threw it, and an interrupt
 * of the waiting caller that stops the workers instead of leaving them to train behind the next notebook cell.
 */
public final class Workers implements AutoCloseable {

    /** How long an interrupted caller waits for its workers to see the interrupt and stop. */
    private static final long STOP_SECONDS = 30;

    private final ExecutorService pool;

    /**
     * Returns a pool of {@code threads} workers named {@code name-N}, or, with {@code threads} 0, one that grows
     * as tasks come (for work split anew at every step).
     */
    public Workers(String name, int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, got " + threads);
        }
        this.pool = threads == 0 ? Executors.newCachedThreadPool(IntraOpThreads.factory(name))
                : Executors.newFixedThreadPool(threads, IntraOpThreads.factory(name));
    }

    /** Starts {@code task} on a worker; returns its future for {@link #results}. */
    public <T> Future<T> submit(Callable<T> task) {
        return pool.submit(task);
    }

    /**
     * Returns the results of {@code futures} in their order, waiting for each.
     *
     * @throws TrainingInterruptedException when the caller is interrupted while it waits; the workers are stopped
     * @throws RuntimeException the first failed task's own exception (see {@link #unwrap})
     */
    public <T> List<T> results(List<? extends Future<T>> futures) {
        List<T> out = new ArrayList<>(futures.size());
        try {
            for (Future<T> f : futures) {
                out.add(f.get());
            }
        } catch (InterruptedException e) {
            // the interrupt ends the cell as this exception; the flag is not set again for the kernel's next cell
            throw stop(futures);
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
        return out;
    }

    /**
     * Returns the exception for a caller interrupted while waiting on {@code futures}: stops the pool, waits
     * (bounded) until the workers have left their loops, so nothing trains on behind the next cell, and names the
     * latest epoch a worker stopped at.
     */
    private TrainingInterruptedException stop(List<? extends Future<?>> futures) {
        pool.shutdownNow();
        boolean stopped;
        try {
            stopped = pool.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException again) {
            stopped = false;
        }
        int epoch = 0;
        for (Future<?> f : futures) {
            if (!f.isDone()) {
                continue;
            }
            try {
                f.get(0, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TrainingInterruptedException t) {
                    epoch = Math.max(epoch, t.epoch());
                }
            } catch (Exception ignored) {
                // finished normally, cancelled or not done: says nothing about the epoch
            }
        }
        String kept = TrainingInterruptedException.STORED;
        return new TrainingInterruptedException(epoch, stopped ? kept : kept + " (a worker is still stopping)");
    }

    /** Returns what a task threw, as it threw it when unchecked, else wrapped in an {@link IllegalStateException}. */
    public static RuntimeException unwrap(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new IllegalStateException("a training worker failed", cause);
    }

    /** Stops the workers (interrupting any still running). */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}

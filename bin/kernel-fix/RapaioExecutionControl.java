package org.rapaio.jupyter.kernel.core.java;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.SPIResolutionException;

/**
 * Stands in for rapaio-jupyter-kernel 3.0.1's {@code RapaioExecutionControl}: {@code bin/lab} puts this class ahead
 * of the kernel jar on the kernel's classpath. Same name, constructor, constants and methods as 3.0.1, and the
 * same behaviour except on an interrupt.
 *
 * <p>Why: on Kernel &gt; Interrupt 3.0.1's {@code JavaEngine.interrupt()} cancels the running cell and then calls
 * {@code stop()}, which shuts this control's executor down for good: every later cell is rejected before it runs
 * and, since JShell reports that as a snippet with neither value nor exception, returns "ok" with no output until
 * the kernel is restarted. Here {@code stop()} keeps the executor, so the next cell runs. And where 3.0.1 drops
 * the cell at once (its own exception is lost), here the cell's thread is interrupted and given
 * {@value #GRACE_MILLIS} ms to end by itself, so a loop that checks {@code Thread.interrupted()} (the library's
 * training loops) ends the cell with its own message, as on JJava; a cell that ignores interrupts is then dropped
 * as in 3.0.1 and runs on in the background.
 */
public class RapaioExecutionControl extends DirectExecutionControl {

    public static final String TIMEOUT_MARKER = "## Timeout Marker ##";
    public static final String INTERRUPTED_MARKER = "## Interrupted Marker ##";

    private static final AtomicInteger ID = new AtomicInteger(0);
    /** How long an interrupted cell may take to end by itself before it is dropped. */
    private static final long GRACE_MILLIS = 3_000;
    private static final long POLL_MILLIS = 50;

    private final ExecutorService executor;
    private final long timeoutTime;
    private final ConcurrentMap<String, Future<Object>> running = new ConcurrentHashMap<>();
    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Thread> threads = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Long> interruptedAt = new ConcurrentHashMap<>();

    public RapaioExecutionControl(long timeoutTime) {
        this.timeoutTime = timeoutTime;
        this.executor = Executors.newCachedThreadPool(r -> new Thread(r, "Engine-thread-" + ID.getAndIncrement()));
    }

    public long getTimeout() {
        return timeoutTime;
    }

    public Object takeResult(String key) {
        Object result = results.remove(key);
        if (result == null) {
            throw new IllegalStateException("No result with key: " + key);
        }
        return result;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        String id = UUID.randomUUID().toString();
        Object value = execute(id, doitMethod);
        results.put(id, value);
        return id;
    }

    private Object execute(String key, Method doitMethod) throws Exception {
        Future<Object> future = executor.submit(() -> {
            threads.put(key, Thread.currentThread());
            try {
                return doitMethod.invoke(null, new Object[0]);
            } finally {
                threads.remove(key);
            }
        });
        running.put(key, future);
        long started = System.nanoTime();
        try {
            while (true) {
                try {
                    return future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (timeoutTime > 0 && System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(timeoutTime)) {
                        throw new UserException("Execution timed out", TIMEOUT_MARKER, e.getStackTrace());
                    }
                    Long asked = interruptedAt.get(key);
                    if (asked != null && System.nanoTime() - asked >= TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS)) {
                        future.cancel(true);
                    }
                }
            }
        } catch (CancellationException e) {
            if (executor.isShutdown()) {
                throw new StoppedException();
            }
            throw new UserException("Execution interrupted.", INTERRUPTED_MARKER, e.getStackTrace());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvocationTargetException) {
                cause = cause.getCause();
            }
            if (cause == null) {
                throw new UserException("null", "Unknown Invocation Exception", e.getStackTrace());
            }
            if (cause instanceof SPIResolutionException resolution) {
                throw new ResolutionException(resolution.id(), cause.getStackTrace());
            }
            throw new UserException(cause.getMessage(), cause.getClass().getName(), cause.getStackTrace());
        } finally {
            running.remove(key, future);
            interruptedAt.remove(key);
        }
    }

    /** Interrupts the threads of the running cells; a cell still running {@value #GRACE_MILLIS} ms later is dropped. */
    public void interrupt() {
        long now = System.nanoTime();
        running.forEach((key, future) -> {
            interruptedAt.putIfAbsent(key, now);
            Thread thread = threads.get(key);
            if (thread != null) {
                thread.interrupt();
            }
        });
    }

    /** As {@link #interrupt()}; unlike 3.0.1 the executor stays up for the cells that follow. */
    @Override
    public void stop() {
        interrupt();
    }
}

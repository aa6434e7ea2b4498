package org.rapaio.jupyter.kernel.channels;

import java.lang.reflect.Field;

/**
 * Stands in for rapaio-jupyter-kernel 3.0.1's {@code LoopThread}: {@code bin/lab} puts this class ahead of the
 * kernel jar on the kernel's classpath. Same name, constructor and methods as 3.0.1.
 *
 * <p>Why: 3.0.1 loses a channel at start in two ways, and a kernel without its shell loop never answers, so
 * clients wait for the start-up timeout (about one start in seven here).
 * <ul>
 *   <li>{@code start()} calls {@code Thread.start()} and only then sets {@code running = true}: a thread
 *       scheduled at once reads false and ends before its first loop. Here the flag is set first.</li>
 *   <li>{@code Channels.connect} starts the loops before it creates its message-handler map, so a
 *       {@code kernel_info_request} that arrives early throws a NullPointerException that ends the loop (or,
 *       caught, drops the request: Jupyter's server asks once and waits 60 s). Here a loop whose body belongs to
 *       a channel first waits until its {@code Channels} is connected (handlers in place); the early request waits in its socket
 *       and is answered. A failed iteration is still reported and the loop goes on.</li>
 * </ul>
 */
public final class LoopThread extends Thread {

    private static final int REPORTED_FAILURES = 10;
    private static final String CHANNELS = "org.rapaio.jupyter.kernel.channels.Channels";
    private static final long HANDLERS_WAIT_NANOS = 30_000_000_000L;

    private volatile boolean running;
    private int failures;
    private final long sleep;
    private final Runnable loopBody;

    /** Creates a thread named {@code name} that runs {@code loopBody} and sleeps {@code sleep} ms between runs. */
    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.sleep = sleep;
        this.loopBody = loopBody;
    }

    @Override
    public void run() {
        awaitHandlers();
        while (running) {
            try {
                loopBody.run();
            } catch (RuntimeException e) {
                if (failures++ < REPORTED_FAILURES) {
                    System.err.println("[" + getName() + "] loop iteration failed, continuing: " + e);
                }
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                running = false;
                return;
            }
        }
    }

    /**
     * Waits until the Channels this loop's channel belongs to is connected (at most 30 s): {@code connect} sets
     * {@code isConnected} after it has filled the handler map, which it creates before filling.
     */
    private void awaitHandlers() {
        Object channels = channelsOf(loopBody);
        if (channels == null) {
            return;
        }
        long deadline = System.nanoTime() + HANDLERS_WAIT_NANOS;
        try {
            Field connected = channels.getClass().getDeclaredField("isConnected");
            connected.setAccessible(true);
            while (running && !connected.getBoolean(channels) && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("[" + getName() + "] cannot wait for the message handlers: " + e);
        } catch (InterruptedException e) {
            running = false;
        }
    }

    /** Returns the Channels held by an object the loop body captured (its channel), or null. */
    private static Object channelsOf(Runnable body) {
        try {
            for (Field captured : body.getClass().getDeclaredFields()) {
                captured.setAccessible(true);
                Object value = captured.get(body);
                if (value == null) {
                    continue;
                }
                if (value.getClass().getName().equals(CHANNELS)) {
                    return value;
                }
                for (Class<?> type = value.getClass(); type != null; type = type.getSuperclass()) {
                    for (Field field : type.getDeclaredFields()) {
                        if (field.getType().getName().equals(CHANNELS)) {
                            field.setAccessible(true);
                            Object channels = field.get(value);
                            if (channels != null) {
                                return channels;
                            }
                        }
                    }
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
        return null;
    }

    @Override
    public synchronized void start() {
        running = true;
        super.start();
    }

    /** Asks the loop to stop after its current iteration. */
    public void shutdown() {
        running = false;
    }
}

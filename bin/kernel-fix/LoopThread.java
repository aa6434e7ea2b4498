package org.rapaio.jupyter.kernel.channels;

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
 *       {@code kernel_info_request} that arrives early throws a NullPointerException that ends the loop.
 *       Here a failed iteration is reported and the loop goes on: the early message is dropped, and Jupyter
 *       clients resend {@code kernel_info_request} every second until one is answered.</li>
 * </ul>
 */
public final class LoopThread extends Thread {

    private static final int REPORTED_FAILURES = 10;

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

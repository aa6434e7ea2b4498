package lab.loop;

/**
 * Thrown by a training loop that saw its thread interrupted (Kernel &gt; Interrupt in Jupyter, or a worker pool
 * shut down): the cell ends with this one line instead of running on in the background.
 *
 * <p>Why a check per epoch: JJava interrupts a cell with {@code Thread.interrupt()}, which stops a sleep or a wait
 * but not a busy loop; a loop that never asks would keep training after the cell was "interrupted". No stack trace
 * is kept, so the notebook shows the message, not a trace through the kernel.
 */
public final class TrainingInterruptedException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    /** What a runner that stores each finished model keeps after an interrupt. */
    public static final String STORED = "the finished models are stored";

    private final int epoch;

    /**
     * @param epoch 1-based epoch that was about to run when the interrupt was seen
     * @param kept what was kept, e.g. {@link #STORED}
     */
    public TrainingInterruptedException(int epoch, String kept) {
        super("interrupted at epoch " + epoch + "; " + kept, null, false, false);
        this.epoch = epoch;
    }

    /**
     * Returns normally unless the current thread was interrupted; then clears the flag (the kernel's next cell
     * must not inherit it) and throws, saying {@link #STORED}.
     */
    public static void checkAt(int epoch) {
        checkAt(epoch, STORED);
    }

    /** As {@link #checkAt(int)}, saying {@code kept} about what was kept. */
    public static void checkAt(int epoch, String kept) {
        if (Thread.interrupted()) {
            throw new TrainingInterruptedException(epoch, kept);
        }
    }

    /** Returns the 1-based epoch at which training stopped. */
    public int epoch() {
        return epoch;
    }
}

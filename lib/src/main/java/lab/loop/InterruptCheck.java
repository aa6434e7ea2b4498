package lab.loop;

/**
 * Ends training at the start of an epoch when the thread was interrupted (Kernel &gt; Interrupt), with a
 * {@link TrainingInterruptedException} saying what was kept. Why each epoch: JJava's interrupt stops a sleep, not
 * a busy loop.
 */
public final class InterruptCheck implements TrainingListener {

    private final String kept;

    /** @param kept what the caller keeps after an interrupt, e.g. {@link TrainingInterruptedException#STORED} */
    public InterruptCheck(String kept) {
        this.kept = kept;
    }

    @Override
    public void onEpochStart(int epoch) {
        TrainingInterruptedException.checkAt(epoch, kept);
    }
}

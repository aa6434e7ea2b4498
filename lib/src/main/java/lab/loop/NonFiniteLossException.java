package lab.loop;

/**
 * The one exception of the non-finite guard ({@link DivergenceCheck}): thrown the moment a training or validation
 * loss is NaN or infinite; the message names the model, the epoch and the value.
 */
public final class NonFiniteLossException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    private final int epoch;

    /**
     * @param which "training" or "validation"
     * @param run the model or run whose loss it is, e.g. {@code the model of seed 3}
     * @param epoch 1-based epoch whose loss is not finite
     * @param value the loss
     */
    public NonFiniteLossException(String which, String run, int epoch, double value) {
        super(which + " loss of " + run + " is " + value + " at epoch " + epoch
                + "; training stopped and nothing of it was stored: use a smaller learning rate");
        this.epoch = epoch;
    }

    /** Returns the 1-based epoch whose loss was not finite. */
    public int epoch() {
        return epoch;
    }
}

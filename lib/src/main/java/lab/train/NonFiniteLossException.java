package lab.train;

/** Thrown the moment a training or validation loss is NaN or infinite; names the epoch and the value. */
public final class NonFiniteLossException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final double value;

    /**
     * @param which "training" or "validation"
     * @param epoch 1-based epoch whose loss is not finite
     * @param value the loss
     */
    public NonFiniteLossException(String which, int epoch, double value) {
        this(which, null, epoch, value);
    }

    /**
     * @param which "training" or "validation"
     * @param run the model or run whose loss it is, e.g. {@code model seed-0003}; null when there is only one
     * @param epoch 1-based epoch whose loss is not finite
     * @param value the loss
     */
    public NonFiniteLossException(String which, String run, int epoch, double value) {
        super(which + " loss" + (run == null ? "" : " of " + run) + " is " + value + " at epoch " + epoch
                + "; training stopped and nothing of it was stored: use a smaller learning rate");
        this.epoch = epoch;
        this.value = value;
    }

    /** Returns the 1-based epoch whose loss was not finite. */
    public int epoch() {
        return epoch;
    }

    /** Returns the non-finite loss value. */
    public double value() {
        return value;
    }
}

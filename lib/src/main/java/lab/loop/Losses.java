package lab.loop;

/**
 * The losses of one batch of one or more models trained together, copied out of native memory.
 *
 * @param training each model's training loss of the batch's forward pass, [models]
 * @param validation each model's validation loss after the update, [models], or null when the step measures none
 */
public record Losses(float[] training, float[] validation) {

    public Losses {
        if (training.length == 0) {
            throw new IllegalArgumentException("a batch trains at least one model");
        }
        if (validation != null && validation.length != training.length) {
            throw new IllegalArgumentException(training.length + " training losses but " + validation.length
                    + " validation losses");
        }
    }

    /** Returns the training loss of one model, with no validation loss. */
    public static Losses training(float loss) {
        return new Losses(new float[] {loss}, null);
    }

    /** Returns the number of models. */
    public int models() {
        return training.length;
    }
}

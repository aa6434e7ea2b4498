package lab.train;

/**
 * The loss history of one training run, copied in and out so callers cannot change it.
 *
 * @param train training MSE (mean over rows and both outputs) of each step, [epochs]
 * @param validation validation MSE after each step, [epochs]
 */
public record LossCurves(float[] train, float[] validation) {

    public LossCurves {
        if (train.length != validation.length || train.length == 0) {
            throw new IllegalArgumentException("loss histories must be equally long and non-empty, got "
                    + train.length + " and " + validation.length);
        }
        train = train.clone();
        validation = validation.clone();
    }

    /** Returns a copy of the training losses, [epochs]. */
    @Override
    public float[] train() {
        return train.clone();
    }

    /** Returns a copy of the validation losses, [epochs]. */
    @Override
    public float[] validation() {
        return validation.clone();
    }

    /** Returns the number of steps recorded, the length of each history. */
    public int steps() {
        return train.length;
    }

    /** Returns the training MSE of the last step. */
    public double finalTrain() {
        return train[train.length - 1];
    }

    /** Returns the validation MSE after the last step. */
    public double finalValidation() {
        return validation[validation.length - 1];
    }
}

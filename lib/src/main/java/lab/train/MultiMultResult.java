package lab.train;

import java.util.List;
import lab.model.LinearWeights;

/**
 * What one 001-multi-mult run produced, as plain arrays.
 *
 * @param settings the settings that made it
 * @param trainLoss training MSE (mean over rows and both outputs) before each step, [epochs]
 * @param validationLoss validation MSE after each step, [epochs]
 * @param weights final weights: hidden layer [16, 4] and output layer [2, 16], PyTorch's layout
 * @param seconds wall-clock time of the training loop
 */
public record MultiMultResult(MultiMultSettings settings, float[] trainLoss, float[] validationLoss,
        List<LinearWeights> weights, double seconds) implements TrainedMlp {

    public MultiMultResult {
        if (trainLoss.length != settings.epochs() || validationLoss.length != settings.epochs()) {
            throw new IllegalArgumentException("loss histories have " + trainLoss.length + " and "
                    + validationLoss.length + " values, expected epochs = " + settings.epochs());
        }
        trainLoss = trainLoss.clone();
        validationLoss = validationLoss.clone();
        weights = List.copyOf(weights);
    }

    /** Returns a copy of the training losses, [epochs]. */
    @Override
    public float[] trainLoss() {
        return trainLoss.clone();
    }

    /** Returns a copy of the validation losses, [epochs]. */
    @Override
    public float[] validationLoss() {
        return validationLoss.clone();
    }
}

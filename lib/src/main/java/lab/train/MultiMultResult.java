package lab.train;

import java.util.List;
import lab.model.LinearWeights;

/**
 * What one 001-multi-mult run produced, as plain arrays.
 *
 * @param settings the settings that made it
 * @param losses training MSE (mean over rows and both outputs) before each step and validation MSE after each
 *     step, [epochs] each
 * @param weights final weights: hidden layer [16, 4] and output layer [2, 16], PyTorch's layout
 * @param seconds wall-clock time of the training loop
 */
public record MultiMultResult(MultiMultSettings settings, LossCurves losses, List<LinearWeights> weights,
        double seconds) implements TrainedMlp {

    public MultiMultResult {
        checkEpochs(settings, losses.steps(), losses.steps());
        weights = List.copyOf(weights);
    }

    /** Creates a result from its loss histories, [epochs] each, which are copied. */
    public MultiMultResult(MultiMultSettings settings, float[] trainLoss, float[] validationLoss,
            List<LinearWeights> weights, double seconds) {
        this(settings, losses(settings, trainLoss, validationLoss), weights, seconds);
    }

    private static LossCurves losses(MultiMultSettings settings, float[] trainLoss, float[] validationLoss) {
        // before LossCurves checks, so unequal histories get the message that names the epochs
        checkEpochs(settings, trainLoss.length, validationLoss.length);
        return new LossCurves(trainLoss, validationLoss);
    }

    private static void checkEpochs(MultiMultSettings settings, int trainSteps, int validationSteps) {
        if (trainSteps != settings.epochs() || validationSteps != settings.epochs()) {
            throw new IllegalArgumentException("loss histories have " + trainSteps + " and "
                    + validationSteps + " values, expected epochs = " + settings.epochs());
        }
    }
}

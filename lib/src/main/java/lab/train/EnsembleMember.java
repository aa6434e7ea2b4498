package lab.train;

import java.util.List;
import lab.model.LinearWeights;

/**
 * One trained model of an ensemble, as plain arrays.
 *
 * @param seed the model's seed (data {@code task().generate(seed)}, weights {@code MlpWeights.pytorchDefault})
 * @param losses training MSE (mean over rows and both outputs) of each step's forward pass and validation MSE
 *     after each step, [epochs] each
 * @param weights final weights: hidden layer [hidden, 4] and output layer [2, hidden], PyTorch's layout
 */
public record EnsembleMember(long seed, LossCurves losses, List<LinearWeights> weights) implements TrainedMlp {

    public EnsembleMember {
        if (weights.size() != 2) {
            throw new IllegalArgumentException("expected 2 layers, got " + weights.size());
        }
        weights = List.copyOf(weights);
    }

    /** Creates a member from its loss histories, [epochs] each, which are copied. */
    public EnsembleMember(long seed, float[] trainLoss, float[] validationLoss, List<LinearWeights> weights) {
        this(seed, new LossCurves(trainLoss, validationLoss), weights);
    }
}

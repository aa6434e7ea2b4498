package lab.train;

import java.util.List;
import lab.data.Rows;
import lab.model.LinearWeights;
import lab.model.Mlp;

/**
 * One trained model of an ensemble, as plain arrays.
 *
 * @param seed the model's seed (data {@code task().generate(seed)}, weights {@code MlpWeights.pytorchDefault})
 * @param trainLoss training MSE (mean over rows and both outputs) of each step's forward pass, [epochs]
 * @param validationLoss validation MSE after each step, [epochs]
 * @param weights final weights: hidden layer [hidden, 4] and output layer [2, hidden], PyTorch's layout
 */
public record EnsembleMember(long seed, float[] trainLoss, float[] validationLoss, List<LinearWeights> weights) {

    public EnsembleMember {
        if (trainLoss.length != validationLoss.length || trainLoss.length == 0) {
            throw new IllegalArgumentException("loss histories must be equally long and non-empty, got "
                    + trainLoss.length + " and " + validationLoss.length);
        }
        if (weights.size() != 2) {
            throw new IllegalArgumentException("expected 2 layers, got " + weights.size());
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

    /** Returns the training MSE of the last step. */
    public double finalTrainLoss() {
        return trainLoss[trainLoss.length - 1];
    }

    /** Returns the validation MSE after the last step. */
    public double finalValidationLoss() {
        return validationLoss[validationLoss.length - 1];
    }

    /** Returns the output layer's weight W2, [outputs, hidden]. */
    public float[] w2() {
        return weights.get(1).weight();
    }

    /** Returns the post-ReLU hidden activations of the final net on these inputs, [rows, hidden]. */
    public float[] hiddenActivations(Rows inputs) {
        return Mlp.hiddenActivations(weights, inputs);
    }
}

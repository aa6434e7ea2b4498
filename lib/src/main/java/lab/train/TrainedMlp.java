package lab.train;

import java.util.List;
import lab.data.Rows;
import lab.model.LinearWeights;
import lab.model.MlpPass;

/**
 * A trained {@code 4 -> hidden -> ReLU -> 2} net and its loss curves, as plain arrays: what a 001 run
 * ({@link MultiMultResult}) and a 002 ensemble member ({@link EnsembleMember}) share, so the helpers on top
 * are written once.
 */
public interface TrainedMlp {

    /** Returns the training and validation losses of each step. */
    LossCurves losses();

    /** Returns the final weights: hidden layer [hidden, 4] and output layer [2, hidden], PyTorch's layout. */
    List<LinearWeights> weights();

    /** Returns a copy of the training MSE of each step, [epochs]. */
    default float[] trainLoss() {
        return losses().train();
    }

    /** Returns a copy of the validation MSE after each step, [epochs]. */
    default float[] validationLoss() {
        return losses().validation();
    }

    /** Returns the training MSE of the last step. */
    default double finalTrainLoss() {
        return losses().finalTrain();
    }

    /** Returns the validation MSE after the last step. */
    default double finalValidationLoss() {
        return losses().finalValidation();
    }

    /** Returns the number of hidden units. */
    default int hiddenUnits() {
        return weights().get(0).out();
    }

    /** Returns the output layer's weight W2, [outputs, hidden]. */
    default float[] w2() {
        return weights().get(1).weight();
    }

    /** Returns the final net's post-ReLU hidden activations on these inputs, [rows, hidden] (on the engine). */
    default float[] hiddenActivations(Rows inputs) {
        return MlpPass.hiddenActivations(weights(), inputs);
    }
}

package lab.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lab.data.AnalysisGrid;
import lab.model.LinearWeights;
import lab.model.MlpPass;
import lab.train.TrainedMlp;

/**
 * The numbers experiment 002 reads off a list of trained nets: every neuron's mean contribution vector, each
 * model's final validation MSE and the cosine between its two W2 rows, and the summaries the notebook and
 * {@code bin/lab train 002} print (median MSE, mean cosine).
 */
public final class EnsembleAnalysis {

    private EnsembleAnalysis() {}

    /** Returns every neuron's mean contribution vector on the 5x5 grid, model by model ({@code models x hidden}). */
    public static PooledVectors vectors(List<? extends TrainedMlp> members) {
        AnalysisGrid grid = AnalysisGrid.seedGrid();
        List<List<LinearWeights>> weights = new ArrayList<>();
        List<float[]> w2 = new ArrayList<>();
        for (TrainedMlp m : members) {
            weights.add(m.weights());
            w2.add(m.w2());
        }
        // every model through the one pass at once
        List<float[]> activations = MlpPass.hiddenActivationsOfEach(weights, grid.inputs());
        int hidden = members.isEmpty() ? 1 : members.get(0).weights().get(0).out();
        return PooledVectors.of(activations, w2, grid.points(), hidden);
    }

    /** Returns each model's final validation MSE, [models]. */
    public static double[] validationLosses(List<? extends TrainedMlp> members) {
        return members.stream().mapToDouble(TrainedMlp::finalValidationLoss).toArray();
    }

    /** Returns each model's cosine between the two rows of W2, [models] (NaN where a row is all zero). */
    public static double[] outputRowCosines(List<? extends TrainedMlp> members) {
        return members.stream()
                .mapToDouble(m -> OutputRows.cosine(m.w2(), m.weights().get(0).out()))
                .toArray();
    }

    /** Returns the mean of the values that are not NaN; NaN when none is. */
    public static double meanOfDefined(double[] values) {
        return Arrays.stream(values).filter(c -> !Double.isNaN(c)).average().orElse(Double.NaN);
    }

    /**
     * The final validation MSE over the models: the median (the upper one of an even count, i.e. the value at
     * index n / 2 of the sorted losses), the best and the worst.
     */
    public record Losses(double median, double best, double worst) {

        /** Returns the summary of these losses, at least one. */
        public static Losses of(double[] losses) {
            if (losses.length == 0) {
                throw new IllegalArgumentException("need at least one validation loss");
            }
            double[] sorted = losses.clone();
            Arrays.sort(sorted);
            return new Losses(sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
        }
    }
}

package lab.train;

import java.util.List;
import java.util.function.LongFunction;
import lab.model.LinearWeights;

/**
 * What an {@link EnsembleTrainer} run may change beyond the recipe of {@link EnsembleSettings}: which task the nets
 * learn, where they start, a weight penalty, and who watches each epoch. The default ({@link #standard()}) is the
 * 002 recipe: both tasks, PyTorch-default start, no penalty; with it the trainer's numbers are those it gave
 * before these options existed.
 *
 * @param task {@link #BOTH_TASKS} for the 4 -> h -> 2 net, or 0 ({@code a*b}) / 1 ({@code c*d}) for a single-task
 *     2 -> h -> 1 net on that task's two input columns and its one target column
 * @param l1 coefficient of {@code l1 * sum |w|} over the weights of both layers (biases left out), >= 0
 * @param l2 coefficient of {@code l2 * sum w^2} over the same weights, >= 0
 * @param start the initial weights of a seed (two layers of the task's shape), or null for
 *     {@code MlpWeights.pytorchDefault(widths, seed)}
 * @param observer called after every step of every model, or null
 */
public record FitOptions(int task, double l1, double l2, LongFunction<List<LinearWeights>> start,
        EpochObserver observer) {

    /** The task value for the two-task net. */
    public static final int BOTH_TASKS = -1;

    public FitOptions {
        if (task < BOTH_TASKS || task > 1) {
            throw new IllegalArgumentException("task must be -1 (both), 0 or 1, got " + task);
        }
        if (!(l1 >= 0) || Double.isInfinite(l1)) {
            throw new IllegalArgumentException("the L1 coefficient must be finite and >= 0, got " + l1);
        }
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("the L2 coefficient must be finite and >= 0, got " + l2);
        }
    }

    /** Returns the 002 recipe: both tasks, default start, no penalty, no observer. */
    public static FitOptions standard() {
        return new FitOptions(BOTH_TASKS, 0, 0, null, null);
    }

    /** Returns the single-task recipe for task 0 or 1 (a 2 -> h -> 1 net). */
    public static FitOptions singleTask(int task) {
        if (task != 0 && task != 1) {
            throw new IllegalArgumentException("a single task is 0 or 1, got " + task);
        }
        return new FitOptions(task, 0, 0, null, null);
    }

    /** Returns the input width of the net: 4, or 2 for one task. */
    public int inputs() {
        return task == BOTH_TASKS ? 4 : 2;
    }

    /** Returns the output width of the net: 2, or 1 for one task. */
    public int outputs() {
        return task == BOTH_TASKS ? 2 : 1;
    }

    /** Returns whether a penalty is on. */
    public boolean penalised() {
        return l1 > 0 || l2 > 0;
    }

    /** Returns a copy with these penalty coefficients. */
    public FitOptions withPenalty(double l1, double l2) {
        return new FitOptions(task, l1, l2, start, observer);
    }

    /** Returns a copy starting each seed from these weights. */
    public FitOptions withStart(LongFunction<List<LinearWeights>> start) {
        return new FitOptions(task, l1, l2, start, observer);
    }

    /** Returns a copy with this observer. */
    public FitOptions withObserver(EpochObserver observer) {
        return new FitOptions(task, l1, l2, start, observer);
    }

    /** Watches training epoch by epoch; called from the worker thread that trains the model. */
    @FunctionalInterface
    public interface EpochObserver {
        /**
         * Receives the state of one model after step {@code epoch} (1-based).
         *
         * @param weights its current weights, two layers
         * @param validationPerOutput its validation MSE per output after the step, [outputs]
         */
        void epoch(long seed, int epoch, List<LinearWeights> weights, float[] validationPerOutput);
    }
}

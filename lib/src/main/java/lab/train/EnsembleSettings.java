package lab.train;

import lab.data.MultiplicationTask;

/**
 * Settings every model of a 002 ensemble is trained with: the 001 net ({@code 4 -> hidden -> ReLU -> 2}),
 * full-batch Adam, MSE over both outputs. How many models, and how the work is split over threads, are not
 * settings: they never change a model's numbers. A 001 run ({@link MultiMultSettings}) is this recipe, with 16
 * hidden units, plus a seed, and leaves its checks and helpers to this record.
 *
 * @param epochs optimiser steps, one per epoch (full batch); 4,000 in the seed
 * @param learningRate Adam's step size; 1e-2 in the seed
 * @param samples rows drawn per model, train plus validation; 10,000 in the seed
 * @param trainFraction share of rows used for training, in (0, 1); 0.8 in the seed
 * @param hidden hidden ReLU units; 16 in the seed
 */
public record EnsembleSettings(int epochs, double learningRate, int samples, double trainFraction, int hidden) {

    public EnsembleSettings {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be finite and > 0, got " + learningRate);
        }
        if (learningRate > Float.MAX_VALUE) {
            // training runs in float32: a larger rate becomes infinity
            throw new IllegalArgumentException("learningRate " + learningRate + " does not fit float32 (at most "
                    + Float.MAX_VALUE + "); use a rate like 0.01");
        }
        if (hidden < 1) {
            throw new IllegalArgumentException("hidden must be >= 1, got " + hidden);
        }
        // the task validates samples and trainFraction with messages naming them
        new MultiplicationTask(samples, trainFraction);
    }

    /** Returns the seed's scale: 4,000 epochs, lr 1e-2, 10,000 samples, 80% train, 16 hidden units. */
    public static EnsembleSettings full() {
        return new EnsembleSettings(4_000, 1e-2, 10_000, 0.8, 16);
    }

    /** Returns the quick profile: the seed's data and net, 1,000 epochs. */
    public static EnsembleSettings quick() {
        return new EnsembleSettings(1_000, 1e-2, 10_000, 0.8, 16);
    }

    /** Returns the data task each model draws its own sample of. */
    public MultiplicationTask task() {
        return new MultiplicationTask(samples, trainFraction);
    }

    /** Returns the layer widths, {@code {4, hidden, 2}}. */
    public int[] widths() {
        return new int[] {MultiplicationTask.INPUTS, hidden, MultiplicationTask.OUTPUTS};
    }

    /** Returns a copy with this many epochs. */
    public EnsembleSettings withEpochs(int epochs) {
        return new EnsembleSettings(epochs, learningRate, samples, trainFraction, hidden);
    }

    /** Returns a copy with this learning rate. */
    public EnsembleSettings withLearningRate(double learningRate) {
        return new EnsembleSettings(epochs, learningRate, samples, trainFraction, hidden);
    }

    /** Returns a copy with this many samples. */
    public EnsembleSettings withSamples(int samples) {
        return new EnsembleSettings(epochs, learningRate, samples, trainFraction, hidden);
    }

    /** Returns a copy with this train fraction. */
    public EnsembleSettings withTrainFraction(double trainFraction) {
        return new EnsembleSettings(epochs, learningRate, samples, trainFraction, hidden);
    }

    /** Returns a copy with this many hidden units. */
    public EnsembleSettings withHidden(int hidden) {
        return new EnsembleSettings(epochs, learningRate, samples, trainFraction, hidden);
    }
}

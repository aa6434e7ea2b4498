package lab.multimult;

import java.util.List;
import lab.data.MultiplicationTask;
import lab.train.EnsembleSettings;

/**
 * Settings of notebook 004 (the note's open questions), every model trained with the 001 recipe (full-batch Adam,
 * MSE) through {@link lab.train.EnsembleTrainer}. RNG seed s of every stage draws the data of
 * {@code MultiplicationTask.generate(s)}, so a single-task model, a capacity-sweep model and a combined model with
 * the same RNG seed see the same rows.
 *
 * @param epochs training epochs of single-task and capacity-sweep models (the note's 4,000)
 * @param learningRate Adam's step size (1e-2)
 * @param samples rows per model, train plus validation (10,000)
 * @param trainFraction share of rows used for training (0.8)
 * @param singleHidden hidden width of the single-task 2 -> h -> 1 models (16)
 * @param singleSeeds single-task models per task, RNG seeds 0..singleSeeds-1
 * @param widths hidden widths of the capacity sweep of the 4 -> h -> 2 model; must hold {@code 2 * keep}
 * @param sweepSeeds capacity-sweep models per width, RNG seeds 0..sweepSeeds-1
 * @param keep neurons each single-task model keeps when pruned for combining (8: the note's 50%)
 * @param combineSeeds pruned-and-combined models per regime, RNG seeds 0..combineSeeds-1
 * @param fineTuneEpochs epochs of joint training after combining
 * @param penaltyGrid coefficients tried for L1 and for L2 in the search, each > 0
 * @param searchSeeds RNG seeds 0..searchSeeds-1 on which the search compares the coefficients
 */
public record OpenQuestionsSettings(int epochs, double learningRate, int samples, double trainFraction,
        int singleHidden, int singleSeeds, List<Integer> widths, int sweepSeeds, int keep, int combineSeeds,
        int fineTuneEpochs, List<Double> penaltyGrid, int searchSeeds) {

    /** The capacity sweep's widths of the issue. */
    public static final List<Integer> SWEEP_WIDTHS = List.of(2, 3, 4, 6, 8, 12, 16, 24, 32);

    public OpenQuestionsSettings {
        widths = List.copyOf(widths);
        penaltyGrid = List.copyOf(penaltyGrid);
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (fineTuneEpochs < 1) {
            throw new IllegalArgumentException("fine-tuning epochs must be >= 1, got " + fineTuneEpochs);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and > 0, got " + learningRate);
        }
        new MultiplicationTask(samples, trainFraction);
        if (singleHidden < 1) {
            throw new IllegalArgumentException("the single-task width must be >= 1, got " + singleHidden);
        }
        if (widths.isEmpty()) {
            throw new IllegalArgumentException("give at least one capacity-sweep width");
        }
        for (int w : widths) {
            if (w < 1) {
                throw new IllegalArgumentException("a hidden width of " + w + " cannot be trained; give widths >= 1");
            }
        }
        if (keep < 1 || keep > singleHidden) {
            throw new IllegalArgumentException("the pruning target of " + keep + " neurons is outside the single-task "
                    + "width; keep between 1 and " + singleHidden + " neurons");
        }
        if (!widths.contains(2 * keep)) {
            throw new IllegalArgumentException("the widths " + widths + " lack " + (2 * keep) + ", the width of the "
                    + "combined model, which the jointly trained baseline needs; add it");
        }
        for (double c : penaltyGrid) {
            if (!(c > 0) || Double.isInfinite(c)) {
                throw new IllegalArgumentException("the regularisation coefficient " + c + " is not allowed; give "
                        + "coefficients that are finite and > 0");
            }
        }
        if (penaltyGrid.isEmpty()) {
            throw new IllegalArgumentException("give at least one regularisation coefficient to search");
        }
        if (singleSeeds < 1 || sweepSeeds < 1 || combineSeeds < 1 || searchSeeds < 1) {
            throw new IllegalArgumentException("every stage needs at least one RNG seed, got single " + singleSeeds
                    + ", sweep " + sweepSeeds + ", combine " + combineSeeds + ", search " + searchSeeds);
        }
        if (combineSeeds > singleSeeds || combineSeeds > sweepSeeds || searchSeeds > combineSeeds) {
            throw new IllegalArgumentException("combining " + combineSeeds + " and searching " + searchSeeds
                    + " RNG seeds needs as many single-task (" + singleSeeds + "), capacity-sweep (" + sweepSeeds
                    + ") and (for the search) combined models; raise those or lower these");
        }
    }

    /** Returns the full scale: 20 RNG seeds everywhere, 4,000 epochs, 2,000 epochs of fine-tuning. */
    public static OpenQuestionsSettings full() {
        return new OpenQuestionsSettings(4_000, 1e-2, 10_000, 0.8, 16, 20, SWEEP_WIDTHS, 20, 8, 20, 2_000,
                List.of(1e-6, 1e-5, 1e-4, 1e-3), 3);
    }

    /** Returns the quick profile (CI, about a minute on 2 cores): few RNG seeds, 600 epochs, 200 of fine-tuning. */
    public static OpenQuestionsSettings quick() {
        return new OpenQuestionsSettings(600, 1e-2, 10_000, 0.8, 16, 3, SWEEP_WIDTHS, 2, 8, 2, 200,
                List.of(1e-5, 1e-4), 1);
    }

    /** Returns the training recipe of a model of this hidden width ({@code epochs} epochs). */
    public EnsembleSettings recipe(int hidden) {
        return new EnsembleSettings(epochs, learningRate, samples, trainFraction, hidden);
    }

    /** Returns the recipe of the fine-tuning after combining ({@code fineTuneEpochs}, width {@code 2 * keep}). */
    public EnsembleSettings fineTuneRecipe() {
        return new EnsembleSettings(fineTuneEpochs, learningRate, samples, trainFraction, 2 * keep);
    }

    /** Returns the data task every model draws its rows from. */
    public MultiplicationTask task() {
        return new MultiplicationTask(samples, trainFraction);
    }

    /** Returns a copy with these epochs. */
    public OpenQuestionsSettings withEpochs(int epochs) {
        return new OpenQuestionsSettings(epochs, learningRate, samples, trainFraction, singleHidden, singleSeeds,
                widths, sweepSeeds, keep, combineSeeds, fineTuneEpochs, penaltyGrid, searchSeeds);
    }

    /** Returns a copy with these fine-tuning epochs. */
    public OpenQuestionsSettings withFineTuneEpochs(int fineTuneEpochs) {
        return new OpenQuestionsSettings(epochs, learningRate, samples, trainFraction, singleHidden, singleSeeds,
                widths, sweepSeeds, keep, combineSeeds, fineTuneEpochs, penaltyGrid, searchSeeds);
    }

    /** Returns a copy with this many rows per model. */
    public OpenQuestionsSettings withSamples(int samples) {
        return new OpenQuestionsSettings(epochs, learningRate, samples, trainFraction, singleHidden, singleSeeds,
                widths, sweepSeeds, keep, combineSeeds, fineTuneEpochs, penaltyGrid, searchSeeds);
    }

    /** Returns a copy with these capacity-sweep widths. */
    public OpenQuestionsSettings withWidths(List<Integer> widths) {
        return new OpenQuestionsSettings(epochs, learningRate, samples, trainFraction, singleHidden, singleSeeds,
                widths, sweepSeeds, keep, combineSeeds, fineTuneEpochs, penaltyGrid, searchSeeds);
    }

    /** Returns a copy keeping this many neurons per single-task model when combining. */
    public OpenQuestionsSettings withKeep(int keep) {
        return new OpenQuestionsSettings(epochs, learningRate, samples, trainFraction, singleHidden, singleSeeds,
                widths, sweepSeeds, keep, combineSeeds, fineTuneEpochs, penaltyGrid, searchSeeds);
    }

    /** Returns a copy searching these regularisation coefficients. */
    public OpenQuestionsSettings withPenaltyGrid(List<Double> penaltyGrid) {
        return new OpenQuestionsSettings(epochs, learningRate, samples, trainFraction, singleHidden, singleSeeds,
                widths, sweepSeeds, keep, combineSeeds, fineTuneEpochs, penaltyGrid, searchSeeds);
    }

    /** Returns a copy with these RNG seed counts (single-task, capacity sweep, combine, search). */
    public OpenQuestionsSettings withSeeds(int singleSeeds, int sweepSeeds, int combineSeeds, int searchSeeds) {
        return new OpenQuestionsSettings(epochs, learningRate, samples, trainFraction, singleHidden, singleSeeds,
                widths, sweepSeeds, keep, combineSeeds, fineTuneEpochs, penaltyGrid, searchSeeds);
    }
}

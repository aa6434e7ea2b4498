package lab.multimult;

import lab.train.EnsembleMember;

/**
 * One pruned-and-combined model fine-tuned under one regime, with its per-epoch trace.
 *
 * @param regime "none", "l1" or "l2"
 * @param coefficient the penalty coefficient (0 for none)
 * @param startValidation validation MSE per output right after combining, before any step, [2]
 * @param member the fine-tuned model (its seed, loss curves and final weights)
 * @param validation0 validation MSE of output 0 after each step, [epochs]
 * @param validation1 validation MSE of output 1 after each step, [epochs]
 * @param offBlockShare off-block share of the weight mass after each step ({@link Combine#offBlockShare}), [epochs]
 * @param both number of hidden neurons whose attribution role is "both" after each step, [epochs]
 */
public record CombinedRun(String regime, double coefficient, double[] startValidation, EnsembleMember member,
        float[] validation0, float[] validation1, float[] offBlockShare, float[] both) {

    public CombinedRun {
        startValidation = startValidation.clone();
        validation0 = validation0.clone();
        validation1 = validation1.clone();
        offBlockShare = offBlockShare.clone();
        both = both.clone();
    }

    /** Returns the validation MSE over both outputs right after combining. */
    public double startLoss() {
        return (startValidation[0] + startValidation[1]) / 2;
    }

    /** Returns the validation MSE over both outputs after fine-tuning. */
    public double finalLoss() {
        return member.finalValidationLoss();
    }

    @Override
    public double[] startValidation() {
        return startValidation.clone();
    }

    @Override
    public float[] validation0() {
        return validation0.clone();
    }

    @Override
    public float[] validation1() {
        return validation1.clone();
    }

    @Override
    public float[] offBlockShare() {
        return offBlockShare.clone();
    }

    @Override
    public float[] both() {
        return both.clone();
    }
}

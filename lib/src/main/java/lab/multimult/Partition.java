package lab.multimult;

import java.util.ArrayList;
import java.util.List;
import lab.data.MultiplicationTask;
import lab.train.EnsembleMember;

/**
 * Question 4: an automatic split of the hidden layer into one group per task from attribution, checked by group
 * ablation. A live neuron joins group k when its importance for output k ({@link Pruning#importance}: mean
 * |contribution| over the training rows) is the larger of its two; neurons with no importance at all stay out.
 * Zeroing group k should hurt task k far more than the other task: the harm ratio of group k is the rise of output
 * k's validation MSE over the rise of the other's (the latter floored at {@link Ablation#NO_EFFECT}).
 *
 * @param source where the model comes from
 * @param groupSizes neurons in group 0 and group 1
 * @param rise0 rises (output 0, output 1) when group 0 is zeroed
 * @param rise1 rises when group 1 is zeroed
 */
public record Partition(String source, long seed, int width, int[] groupSizes, double[] rise0, double[] rise1) {

    /** Returns the partition of every model of these sources that has both groups non-empty. */
    public static List<Partition> of(List<AblationStudy.Source> sources) {
        List<Partition> out = new ArrayList<>();
        for (AblationStudy.Source src : sources) {
            for (EnsembleMember m : src.members()) {
                MultiplicationTask.Split split = src.task().generate(m.seed());
                double[][] imp = Pruning.importance(m.weights(), split.trainInputs());
                int hidden = imp.length;
                boolean[] g0 = new boolean[hidden];
                boolean[] g1 = new boolean[hidden];
                int n0 = 0;
                int n1 = 0;
                for (int j = 0; j < hidden; j++) {
                    if (imp[j][0] == 0 && imp[j][1] == 0) {
                        continue;
                    }
                    if (imp[j][0] >= imp[j][1]) {
                        g0[j] = true;
                        n0++;
                    } else {
                        g1[j] = true;
                        n1++;
                    }
                }
                if (n0 == 0 || n1 == 0) {
                    continue;
                }
                out.add(new Partition(src.label(), m.seed(), hidden, new int[] {n0, n1},
                        Ablation.group(m.weights(), split.validationInputs(), split.validationTargets(), g0),
                        Ablation.group(m.weights(), split.validationInputs(), split.validationTargets(), g1)));
            }
        }
        return out;
    }

    /** Returns group 0's harm ratio: rise of output 0 over rise of output 1. */
    public double ratio0() {
        return rise0[0] / Math.max(rise0[1], Ablation.NO_EFFECT);
    }

    /** Returns group 1's harm ratio: rise of output 1 over rise of output 0. */
    public double ratio1() {
        return rise1[1] / Math.max(rise1[0], Ablation.NO_EFFECT);
    }

    /** Returns the worse of the two ratios: the partition is as clean as its less selective half. */
    public double worseRatio() {
        return Math.min(ratio0(), ratio1());
    }
}

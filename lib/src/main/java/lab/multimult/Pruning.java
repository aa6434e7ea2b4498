package lab.multimult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import lab.data.Rows;
import lab.model.LinearWeights;
import lab.model.MlpPass;

/**
 * Pruning by importance. A neuron's importance is its mean absolute contribution over the training rows,
 * {@code mean_n |relu_act[n, j] * W2[k, j]|}, summed over the outputs. Pruning keeps the most important neurons
 * and folds each removed neuron into the output bias as its mean contribution on the training rows (mean
 * ablation: what a pruned net would do without retraining).
 */
public final class Pruning {

    private Pruning() {}

    /** Returns each neuron's importance per output, [hidden][outputs], on these rows. */
    public static double[][] importance(List<LinearWeights> w, Rows inputs) {
        int hidden = w.get(0).out();
        int outputs = w.get(1).out();
        float[] h = MlpPass.hiddenActivations(w, inputs);
        float[] w2 = w.get(1).weight();
        double[][] imp = new double[hidden][outputs];
        for (int n = 0; n < inputs.rows(); n++) {
            for (int j = 0; j < hidden; j++) {
                for (int k = 0; k < outputs; k++) {
                    imp[j][k] += Math.abs(h[n * hidden + j] * w2[k * hidden + j]);
                }
            }
        }
        for (double[] row : imp) {
            for (int k = 0; k < outputs; k++) {
                row[k] /= inputs.rows();
            }
        }
        return imp;
    }

    /** Returns the neurons by importance summed over outputs, most important first (ties: lower index first). */
    public static int[] ranking(double[][] importance) {
        List<Integer> order = new ArrayList<>();
        for (int j = 0; j < importance.length; j++) {
            order.add(j);
        }
        order.sort(Comparator.comparingDouble((Integer j) -> -Arrays.stream(importance[j]).sum())
                .thenComparingInt(j -> j));
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Returns the {@code keep} most important neurons on these rows, in ascending index order. */
    public static int[] mostImportant(List<LinearWeights> w, Rows inputs, int keep) {
        int hidden = w.get(0).out();
        if (keep < 1 || keep > hidden) {
            throw new IllegalArgumentException("cannot keep " + keep + " of " + hidden + " neurons");
        }
        int[] kept = Arrays.copyOf(ranking(importance(w, inputs)), keep);
        Arrays.sort(kept);
        return kept;
    }

    /**
     * Returns the net with only the {@code kept} neurons (same width): the others' W1 rows, b1 entries and W2
     * columns zero, their mean contribution on {@code inputs} added to the output bias.
     */
    public static List<LinearWeights> keepOnly(List<LinearWeights> w, Rows inputs, int[] kept) {
        LinearWeights l1 = w.get(0);
        LinearWeights l2 = w.get(1);
        int hidden = l1.out();
        int in = l1.in();
        int outputs = l2.out();
        boolean[] keep = new boolean[hidden];
        for (int j : kept) {
            keep[j] = true;
        }
        float[] h = MlpPass.hiddenActivations(w, inputs);
        float[] w1 = l1.weight();
        float[] b1 = l1.bias();
        float[] w2 = l2.weight();
        float[] b2 = l2.bias();
        for (int j = 0; j < hidden; j++) {
            if (keep[j]) {
                continue;
            }
            double mean = 0;
            for (int n = 0; n < inputs.rows(); n++) {
                mean += h[n * hidden + j];
            }
            mean /= inputs.rows();
            for (int k = 0; k < outputs; k++) {
                b2[k] += (float) (mean * w2[k * hidden + j]);
                w2[k * hidden + j] = 0f;
            }
            Arrays.fill(w1, j * in, (j + 1) * in, 0f);
            b1[j] = 0f;
        }
        return List.of(new LinearWeights(in, hidden, w1, b1), new LinearWeights(hidden, outputs, w2, b2));
    }

    /**
     * Returns the pruning curve: validation MSE (mean over outputs) of the net keeping its 1, 2, .., hidden most
     * important neurons (importance and folded means from the training rows), [hidden].
     */
    public static double[] curve(List<LinearWeights> w, Rows trainInputs, Rows validationInputs,
            Rows validationTargets) {
        int hidden = w.get(0).out();
        int[] order = ranking(importance(w, trainInputs));
        double[] out = new double[hidden];
        for (int keep = 1; keep <= hidden; keep++) {
            List<LinearWeights> pruned = keepOnly(w, trainInputs, Arrays.copyOf(order, keep));
            double[] m = Ablation.baseline(pruned, validationInputs, validationTargets);
            out[keep - 1] = Arrays.stream(m).average().orElseThrow();
        }
        return out;
    }
}

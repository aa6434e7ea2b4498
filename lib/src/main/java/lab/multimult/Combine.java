package lab.multimult;

import java.util.List;
import lab.model.LinearWeights;

/**
 * Joins two pruned single-task nets ({@code 2 -> h -> 1}, for {@code a*b} and {@code c*d}) into one
 * {@code 4 -> (kA + kB) -> 2} net, block-diagonally: hidden neurons 0..kA-1 are A's kept ones, reading inputs 0-1
 * and writing output 0; the rest are B's, reading inputs 2-3 and writing output 1; every off-block weight is 0.
 */
public final class Combine {

    private Combine() {}

    /**
     * Returns the combined net.
     *
     * @param a task 0's net (pruned: the removed neurons folded into its bias), [h, 2] and [1, h]
     * @param keptA the neurons of {@code a} to carry over
     */
    public static List<LinearWeights> blockDiagonal(List<LinearWeights> a, int[] keptA, List<LinearWeights> b,
            int[] keptB) {
        int width = keptA.length + keptB.length;
        float[] w1 = new float[width * 4];
        float[] b1 = new float[width];
        float[] w2 = new float[2 * width];
        place(a, keptA, 0, 0, w1, b1, w2, width);
        place(b, keptB, keptA.length, 1, w1, b1, w2, width);
        float[] b2 = {a.get(1).bias()[0], b.get(1).bias()[0]};
        return List.of(new LinearWeights(4, width, w1, b1), new LinearWeights(width, 2, w2, b2));
    }

    private static void place(List<LinearWeights> net, int[] kept, int first, int task, float[] w1, float[] b1,
            float[] w2, int width) {
        if (net.get(0).in() != 2 || net.get(1).out() != 1) {
            throw new IllegalArgumentException("a single-task net is 2 -> h -> 1, got " + net.get(0).in() + " -> "
                    + net.get(0).out() + " -> " + net.get(1).out());
        }
        int h = net.get(0).out();
        float[] sw1 = net.get(0).weight();
        float[] sb1 = net.get(0).bias();
        float[] sw2 = net.get(1).weight();
        for (int i = 0; i < kept.length; i++) {
            int j = kept[i];
            int row = first + i;
            w1[row * 4 + 2 * task] = sw1[j * 2];
            w1[row * 4 + 2 * task + 1] = sw1[j * 2 + 1];
            b1[row] = sb1[j];
            w2[task * width + row] = sw2[j];
        }
        if (h < kept.length) {
            throw new IllegalArgumentException("kept " + kept.length + " of " + h + " neurons");
        }
    }

    /**
     * Returns the off-block share of the weight mass: {@code sum |w|} over the weights outside the two blocks
     * (W1 from the other task's inputs, W2 to the other task's output) divided by {@code sum |w|} over all weights
     * of both layers (biases left out); 0 right after combining.
     *
     * @param keepA the number of hidden neurons of the first block
     */
    public static double offBlockShare(List<LinearWeights> w, int keepA) {
        int width = w.get(0).out();
        float[] w1 = w.get(0).weight();
        float[] w2 = w.get(1).weight();
        double off = 0;
        double all = 0;
        for (int j = 0; j < width; j++) {
            int task = j < keepA ? 0 : 1;
            for (int i = 0; i < 4; i++) {
                double v = Math.abs(w1[j * 4 + i]);
                all += v;
                off += i / 2 != task ? v : 0;
            }
            for (int k = 0; k < 2; k++) {
                double v = Math.abs(w2[k * width + j]);
                all += v;
                off += k != task ? v : 0;
            }
        }
        return all == 0 ? 0 : off / all;
    }
}

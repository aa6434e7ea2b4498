package lab.multimult;

import java.util.List;
import lab.data.Rows;
import lab.model.LinearWeights;
import lab.model.MlpPass;

/**
 * Zero-ablation of hidden neurons of a {@code in -> h -> ReLU -> out} net: the rise of each output's MSE on a data
 * set when one neuron (or a group) is removed, i.e. its contribution {@code relu_act[n, j] * W2[k, j]} set to zero
 * at every row. The net's activations and outputs come from its one forward pass ({@link MlpPass}, on the engine);
 * the output bias stays.
 */
public final class Ablation {

    /** Rises at or below this (MSE units) count as "no effect": 0.3% of a typical validation MSE of 3e-4. */
    public static final double NO_EFFECT = 1e-6;

    private Ablation() {}

    /** Returns the MSE of each output, [outputs], of predictions and targets, both [rows, outputs]. */
    public static double[] mse(float[] predictions, float[] targets, int outputs) {
        double[] s = new double[outputs];
        int rows = targets.length / outputs;
        for (int n = 0; n < rows; n++) {
            for (int k = 0; k < outputs; k++) {
                double e = predictions[n * outputs + k] - targets[n * outputs + k];
                s[k] += e * e;
            }
        }
        for (int k = 0; k < outputs; k++) {
            s[k] /= rows;
        }
        return s;
    }

    /** Returns each output's MSE of the intact net on these rows, [outputs]. */
    public static double[] baseline(List<LinearWeights> w, Rows inputs, Rows targets) {
        return mse(MlpPass.outputs(w, inputs), targets.values(), targets.width());
    }

    /**
     * Returns the rise of each output's MSE when neuron j alone is zeroed, [hidden][outputs] (negative when removing
     * it helps).
     */
    public static double[][] single(List<LinearWeights> w, Rows inputs, Rows targets) {
        int hidden = w.get(0).out();
        float[] h = MlpPass.hiddenActivations(w, inputs);
        float[] y = MlpPass.outputs(w, inputs);
        double[][] out = new double[hidden][];
        for (int j = 0; j < hidden; j++) {
            boolean[] mask = new boolean[hidden];
            mask[j] = true;
            out[j] = rise(w, h, y, targets, mask);
        }
        return out;
    }

    /** Returns the rise of each output's MSE when every neuron with {@code mask[j]} is zeroed together, [outputs]. */
    public static double[] group(List<LinearWeights> w, Rows inputs, Rows targets, boolean[] mask) {
        int hidden = w.get(0).out();
        if (mask.length != hidden) {
            throw new IllegalArgumentException("mask has " + mask.length + " entries for " + hidden + " neurons");
        }
        return rise(w, MlpPass.hiddenActivations(w, inputs), MlpPass.outputs(w, inputs), targets, mask);
    }

    /** The rise of each output's MSE, given the net's hidden activations h [rows, hidden] and outputs y. */
    private static double[] rise(List<LinearWeights> w, float[] h, float[] y, Rows targets, boolean[] mask) {
        int hidden = w.get(0).out();
        int outputs = w.get(1).out();
        int rows = targets.rows();
        float[] w2 = w.get(1).weight();
        float[] ablated = y.clone();
        for (int n = 0; n < rows; n++) {
            for (int j = 0; j < hidden; j++) {
                if (mask[j]) {
                    for (int k = 0; k < outputs; k++) {
                        ablated[n * outputs + k] -= h[n * hidden + j] * w2[k * hidden + j];
                    }
                }
            }
        }
        double[] before = mse(y, targets.values(), outputs);
        double[] after = mse(ablated, targets.values(), outputs);
        double[] rise = new double[outputs];
        for (int k = 0; k < outputs; k++) {
            rise[k] = after[k] - before[k];
        }
        return rise;
    }

    /**
     * Returns the role the ablation gives a neuron of a two-output net. The rule: "none" when both rises are at or
     * below {@link #NO_EFFECT}; otherwise the vector {@code (sqrt(max(d0, 0)), sqrt(max(d1, 0)))} (an output's
     * scale, like a contribution: an MSE rise grows with the square of what is removed) is judged by the same
     * orthogonality score as a contribution vector: within 2.25 degrees of an axis it serves that output only, else
     * both.
     */
    public static Role role(double d0, double d1) {
        if (d0 <= NO_EFFECT && d1 <= NO_EFFECT) {
            return Role.NONE;
        }
        double a0 = Math.sqrt(Math.max(d0, 0));
        double a1 = Math.sqrt(Math.max(d1, 0));
        if (lab.analysis.Orthogonality.isOrthogonal(a0, a1)) {
            return a0 >= a1 ? Role.OUTPUT_0_ONLY : Role.OUTPUT_1_ONLY;
        }
        return Role.BOTH;
    }

    /** Returns the ablation angle in degrees, [0, 90]: 0 = hurts output 0 only, 90 = output 1 only. */
    public static double angleDegrees(double d0, double d1) {
        return Math.toDegrees(Math.atan2(Math.sqrt(Math.max(d1, 0)), Math.sqrt(Math.max(d0, 0))));
    }

    /** What removing a neuron hurts. */
    public enum Role {
        OUTPUT_0_ONLY, OUTPUT_1_ONLY, BOTH, NONE;

        /** Returns the short label used in tables: "out 0", "out 1", "both", "none". */
        public String label() {
            return switch (this) {
                case OUTPUT_0_ONLY -> "out 0";
                case OUTPUT_1_ONLY -> "out 1";
                case BOTH -> "both";
                case NONE -> "none";
            };
        }
    }
}

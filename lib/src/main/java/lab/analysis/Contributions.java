package lab.analysis;

/**
 * Neuron contributions of seed 000: {@code contrib[n, j, k] = relu_activation[n, j] * W2[k, j]}, what hidden
 * neuron j adds to output k at point n before the output bias. All arrays are flat and row-major.
 */
public final class Contributions {

    private Contributions() {}

    /**
     * Returns the contributions, [points, hidden, outputs].
     *
     * @param activations post-ReLU hidden activations, [points, hidden]
     * @param w2 the output layer's weight, [outputs, hidden] (PyTorch's layout)
     */
    public static float[] of(float[] activations, float[] w2, int points, int hidden, int outputs) {
        checkSizes(points, hidden, outputs);
        checkLength("activations", activations, points, hidden);
        checkLength("w2", w2, outputs, hidden);
        float[] contrib = new float[points * hidden * outputs];
        for (int n = 0; n < points; n++) {
            for (int j = 0; j < hidden; j++) {
                float a = activations[n * hidden + j];
                for (int k = 0; k < outputs; k++) {
                    contrib[(n * hidden + j) * outputs + k] = a * w2[k * hidden + j];
                }
            }
        }
        return contrib;
    }

    /**
     * Returns each neuron's mean contribution vector over the points, [hidden, outputs]
     * ({@code mean_n contrib[n, j, k]}, summed in double).
     *
     * @param contrib contributions, [points, hidden, outputs]
     */
    public static float[] meanVectors(float[] contrib, int points, int hidden, int outputs) {
        checkSizes(points, hidden, outputs);
        if (contrib.length != points * hidden * outputs) {
            throw new IllegalArgumentException("contrib has " + contrib.length + " values, expected [points, hidden, "
                    + "outputs] = [" + points + ", " + hidden + ", " + outputs + "]");
        }
        double[] sum = new double[hidden * outputs];
        for (int n = 0; n < points; n++) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += contrib[n * sum.length + i];
            }
        }
        float[] mean = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            mean[i] = (float) (sum[i] / points);
        }
        return mean;
    }

    /** Returns column j of a [rows, width] matrix, [rows]; e.g. one neuron's activations over the grid. */
    public static float[] column(float[] matrix, int rows, int width, int j) {
        checkLength("matrix", matrix, rows, width);
        if (j < 0 || j >= width) {
            throw new IllegalArgumentException("column " + j + " is outside [0, " + width + ")");
        }
        float[] col = new float[rows];
        for (int r = 0; r < rows; r++) {
            col[r] = matrix[r * width + j];
        }
        return col;
    }

    /** Returns {@code contrib[., j, k]}, [points]: what neuron j adds to output k at each point. */
    public static float[] ofNeuron(float[] contrib, int points, int hidden, int outputs, int j, int k) {
        checkSizes(points, hidden, outputs);
        if (j < 0 || j >= hidden || k < 0 || k >= outputs) {
            throw new IllegalArgumentException("neuron " + j + ", output " + k + " is outside [" + hidden + ", "
                    + outputs + "]");
        }
        float[] out = new float[points];
        for (int n = 0; n < points; n++) {
            out[n] = contrib[(n * hidden + j) * outputs + k];
        }
        return out;
    }

    private static void checkSizes(int points, int hidden, int outputs) {
        if (points < 1 || hidden < 1 || outputs < 1) {
            throw new IllegalArgumentException("points, hidden and outputs must be >= 1, got points=" + points
                    + ", hidden=" + hidden + ", outputs=" + outputs);
        }
    }

    private static void checkLength(String name, float[] values, int rows, int width) {
        if (values.length != rows * width) {
            throw new IllegalArgumentException(name + " has " + values.length + " values, expected [" + rows + ", "
                    + width + "]");
        }
    }
}

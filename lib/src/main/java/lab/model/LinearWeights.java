package lab.model;

import java.util.SplittableRandom;

/**
 * The weights of one fully connected layer as plain arrays: {@code weight} is [out, in] row-major (PyTorch's
 * layout), {@code bias} is [out]. Drawn in Java rather than by the engine's generator so that every trainer
 * (one model, an ensemble, a PyTorch script fed the same numbers) starts a seed from the same point.
 */
public record LinearWeights(int in, int out, float[] weight, float[] bias) {

    public LinearWeights {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("layer widths must be >= 1, got in=" + in + ", out=" + out);
        }
        if (weight.length != in * out) {
            throw new IllegalArgumentException(
                    "weight has " + weight.length + " values, expected out*in = " + out + "*" + in);
        }
        if (bias.length != out) {
            throw new IllegalArgumentException("bias has " + bias.length + " values, expected out = " + out);
        }
        weight = weight.clone();
        bias = bias.clone();
    }

    /**
     * Returns a layer initialised as PyTorch's {@code nn.Linear} does by default: weights and biases both
     * {@code U(-1/sqrt(in), 1/sqrt(in))} (kaiming_uniform with a = sqrt(5) reduces to that bound).
     */
    public static LinearWeights pytorchDefault(int in, int out, SplittableRandom rng) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("layer widths must be >= 1, got in=" + in + ", out=" + out);
        }
        double bound = 1.0 / Math.sqrt(in);
        float[] w = new float[in * out];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rng.nextDouble(-bound, bound);
        }
        float[] b = new float[out];
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) rng.nextDouble(-bound, bound);
        }
        return new LinearWeights(in, out, w, b);
    }

    /** Returns a copy of the weight matrix, [out, in] row-major. */
    @Override
    public float[] weight() {
        return weight.clone();
    }

    /** Returns a copy of the bias, [out]. */
    @Override
    public float[] bias() {
        return bias.clone();
    }
}

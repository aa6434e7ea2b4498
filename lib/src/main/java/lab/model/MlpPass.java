package lab.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import lab.data.Rows;

/**
 * The forward pass of the one-hidden-layer MLP ({@code in -> hidden -> ReLU -> out}), written once with NDArray
 * ops: the ensemble trainer runs it beside its hand backward, {@link MlpBlock} (001's block) runs it under
 * autograd, and analysis of stored weights ({@link #hiddenActivations}, {@link #outputs}) runs it on the engine.
 *
 * <p>Layout: K models at once, feature-major. Inputs {@code X [K, in + 1, N]} end in a row of ones, so the hidden
 * bias is the last column of {@code W1 [K, hidden, in + 1]}; {@code W2 [K, out, hidden]}, {@code b2 [K, out, 1]}.
 * The op sequence (one batched matmul per layer, ReLU, bias added after the second matmul) is what the stored
 * 002 and 004 numbers were trained with: changing it changes their bits.
 */
public final class MlpPass {

    private MlpPass() {}

    /** What the forward pass leaves for a backward: the hidden ReLU activations and the outputs. */
    public record Forward(NDArray hidden, NDArray outputs) {}

    /** Returns the post-ReLU hidden activations {@code relu(W1 X)}, [K, hidden, N]. */
    public static NDArray hidden(NDArray w1, NDArray x) {
        return Activation.relu(w1.matMul(x));
    }

    /** Returns the outputs {@code W2 h + b2}, [K, out, N], of hidden activations h [K, hidden, N]. */
    public static NDArray outputs(NDArray w2, NDArray b2, NDArray h) {
        return w2.matMul(h).add(b2);
    }

    /** Returns the hidden activations and outputs of feature-major inputs {@code x [K, in + 1, N]}. */
    public static Forward forward(NDArray w1, NDArray w2, NDArray b2, NDArray x) {
        NDArray h = hidden(w1, x);
        return new Forward(h, outputs(w2, b2, h));
    }

    /**
     * Returns rows [N, in] as feature-major inputs [1, in + 1, N] with the row of ones (autograd-safe: no op keeps a
     * Java number).
     */
    public static NDArray featureMajor(NDArray rows) {
        long n = rows.getShape().get(0);
        NDArray ones = rows.getManager().ones(new Shape(1, n), rows.getDataType());
        return rows.transpose().concat(ones, 0).expandDims(0);
    }

    /**
     * Returns each model's post-ReLU hidden activations on these rows, [rows, hidden] row-major, computed on the
     * engine by {@link #hidden} for all models at once.
     *
     * @param models two layers each ({@link Mlp#weights} or stored), all of the same widths
     */
    public static List<float[]> hiddenActivationsOfEach(List<List<LinearWeights>> models, Rows inputs) {
        return evaluate(models, inputs, false);
    }

    /** Returns one model's post-ReLU hidden activations on these rows, [rows, hidden]. */
    public static float[] hiddenActivations(List<LinearWeights> model, Rows inputs) {
        return hiddenActivationsOfEach(List.of(model), inputs).get(0);
    }

    /** Returns each model's outputs on these rows, [rows, out] row-major, computed on the engine. */
    public static List<float[]> outputsOfEach(List<List<LinearWeights>> models, Rows inputs) {
        return evaluate(models, inputs, true);
    }

    /** Returns one model's outputs on these rows, [rows, out]. */
    public static float[] outputs(List<LinearWeights> model, Rows inputs) {
        return outputsOfEach(List.of(model), inputs).get(0);
    }

    private static List<float[]> evaluate(List<List<LinearWeights>> models, Rows inputs, boolean outputs) {
        if (models.isEmpty()) {
            return List.of();
        }
        Stack s = Stack.of(models);
        if (inputs.width() != s.in) {
            throw new IllegalArgumentException("inputs have width " + inputs.width() + ", the net takes " + s.in);
        }
        int k = models.size();
        int n = inputs.rows();
        int width = outputs ? s.out : s.hidden;
        // a short-lived manager of its own: callers (notebooks, runners) hold plain arrays. The reduction is over
        // in + 1 terms, never split between threads, so the result does not depend on libtorch's thread count.
        try (NDManager m = NDManager.newBaseManager(Engine.getEngine("PyTorch").defaultDevice(), "PyTorch")) {
            NDArray x = featureMajor(m.create(inputs.values(), new Shape(n, s.in)));
            NDArray xs = x.broadcast(new Shape(k, s.in + 1, n));
            NDArray w1 = m.create(s.w1, new Shape(k, s.hidden, s.in + 1));
            NDArray h = hidden(w1, xs);
            NDArray result = outputs ? outputs(m.create(s.w2, new Shape(k, s.out, s.hidden)),
                    m.create(s.b2, new Shape(k, s.out, 1)), h) : h;
            float[] all = result.transpose(0, 2, 1).toFloatArray(); // [K, N, width]
            List<float[]> out = new ArrayList<>(k);
            for (int i = 0; i < k; i++) {
                float[] one = new float[n * width];
                System.arraycopy(all, i * n * width, one, 0, one.length);
                out.add(one);
            }
            return out;
        }
    }

    /**
     * Models' weights stacked in the pass's layout: {@code w1 [K, hidden, in + 1]} (bias last), {@code w2 [K, out,
     * hidden]}, {@code b2 [K, out]}.
     */
    public record Stack(int in, int hidden, int out, float[] w1, float[] w2, float[] b2) {

        /** Returns the stack of these models, which must all have two layers of the same widths. */
        public static Stack of(List<List<LinearWeights>> models) {
            List<LinearWeights> first = models.get(0);
            checkTwoLayers(first);
            int in = first.get(0).in();
            int hidden = first.get(0).out();
            int out = first.get(1).out();
            int k = models.size();
            float[] w1 = new float[k * hidden * (in + 1)];
            float[] w2 = new float[k * out * hidden];
            float[] b2 = new float[k * out];
            for (int m = 0; m < k; m++) {
                List<LinearWeights> model = models.get(m);
                checkTwoLayers(model);
                if (model.get(0).in() != in || model.get(0).out() != hidden || model.get(1).out() != out) {
                    throw new IllegalArgumentException("model " + m + " is not " + in + " -> " + hidden + " -> " + out);
                }
                float[] w = model.get(0).weight();
                float[] b = model.get(0).bias();
                for (int j = 0; j < hidden; j++) {
                    System.arraycopy(w, j * in, w1, (m * hidden + j) * (in + 1), in);
                    w1[(m * hidden + j) * (in + 1) + in] = b[j];
                }
                System.arraycopy(model.get(1).weight(), 0, w2, m * out * hidden, out * hidden);
                System.arraycopy(model.get(1).bias(), 0, b2, m * out, out);
            }
            return new Stack(in, hidden, out, w1, w2, b2);
        }

        /** Returns model m's weights as two {@link LinearWeights} (bias unfolded). */
        public List<LinearWeights> model(int m) {
            float[] w = new float[hidden * in];
            float[] b = new float[hidden];
            for (int j = 0; j < hidden; j++) {
                System.arraycopy(w1, (m * hidden + j) * (in + 1), w, j * in, in);
                b[j] = w1[(m * hidden + j) * (in + 1) + in];
            }
            float[] v = new float[out * hidden];
            System.arraycopy(w2, m * out * hidden, v, 0, v.length);
            float[] c = new float[out];
            System.arraycopy(b2, m * out, c, 0, out);
            return List.of(new LinearWeights(in, hidden, w, b), new LinearWeights(hidden, out, v, c));
        }

        /** Returns the number of models. */
        public int models() {
            return b2.length / out;
        }
    }

    static void checkTwoLayers(List<LinearWeights> layers) {
        if (layers.size() != 2) {
            throw new IllegalArgumentException("expected 2 layers (hidden, output), got " + layers.size());
        }
        if (layers.get(0).out() != layers.get(1).in()) {
            throw new IllegalArgumentException("hidden layer has " + layers.get(0).out()
                    + " units but the output layer takes " + layers.get(1).in());
        }
    }
}

package lab.model;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.Initializer;
import java.util.ArrayList;
import java.util.List;
import lab.data.Rows;

/**
 * The one-hidden-layer MLP of seed 000, {@code inputs -> hidden -> ReLU -> outputs} (4 -> 16 -> 2 there), as a DJL
 * {@link SequentialBlock} of [Linear, ReLU, Linear], plus plain-array access to what analysis needs (weights,
 * hidden activations) so no notebook or trainer repeats the forward pass.
 *
 * <p>The net's forward pass exists three times, each for a reason: this DJL block (001 trains it with autograd);
 * the batched feature-major pass of {@code lab.train.EnsembleTrainer} beside its hand backward (002 and 004, K
 * models at once); and {@link #hiddenActivations}/{@link #outputs} in plain Java for analysis of stored weights
 * without the engine (002 stores grid activations computed by it). They sum in different orders, so each
 * experiment's stored bytes depend on its own pass; tests check that they agree to rounding.
 *
 * <p>The block's parameters start from {@link MlpWeights#pytorchDefault} for the builder's seed, so seed s starts
 * exactly where the ensemble trainer and the PyTorch bench start seed s.
 */
public final class Mlp {

    private Mlp() {}

    /** Returns a builder; inputs, hidden units and outputs are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the current weights of a block made by {@link Builder#build()}, one {@link LinearWeights} per Linear
     * layer (weight [out, in], bias [out]; a layer without bias reports zeros). The block must be initialised.
     */
    public static List<LinearWeights> weights(Block block) {
        List<LinearWeights> layers = new ArrayList<>();
        for (Block child : block.getChildren().values()) {
            if (!(child instanceof Linear)) {
                continue;
            }
            Parameter w = child.getParameters().get("weight");
            if (w == null || !w.isInitialized()) {
                throw new IllegalStateException("block is not initialised: call block.initialize(...) first");
            }
            Shape shape = w.getArray().getShape();
            int out = Math.toIntExact(shape.get(0));
            int in = Math.toIntExact(shape.get(1));
            Parameter b = child.getParameters().get("bias");
            float[] bias = b == null ? new float[out] : b.getArray().toFloatArray();
            layers.add(new LinearWeights(in, out, w.getArray().toFloatArray(), bias));
        }
        return List.copyOf(layers);
    }

    /**
     * Returns the post-ReLU hidden activations, [rows, hidden], of the net with these weights (computed in Java,
     * in float, the same sums the engine does up to rounding order).
     *
     * @param layers two layers as from {@link #weights} or {@link MlpWeights#pytorchDefault}
     * @param inputs [rows, inputs]
     */
    public static float[] hiddenActivations(List<LinearWeights> layers, Rows inputs) {
        checkTwoLayers(layers);
        return relu(affine(layers.get(0), inputs));
    }

    /** Returns the network's outputs, [rows, outputs], computed in Java from these weights. */
    public static float[] outputs(List<LinearWeights> layers, Rows inputs) {
        checkTwoLayers(layers);
        float[] h = hiddenActivations(layers, inputs);
        return affine(layers.get(1), Rows.of(h, layers.get(0).out()));
    }

    private static void checkTwoLayers(List<LinearWeights> layers) {
        if (layers.size() != 2) {
            throw new IllegalArgumentException("expected 2 layers (hidden, output), got " + layers.size());
        }
        if (layers.get(0).out() != layers.get(1).in()) {
            throw new IllegalArgumentException("hidden layer has " + layers.get(0).out()
                    + " units but the output layer takes " + layers.get(1).in());
        }
    }

    private static float[] affine(LinearWeights layer, Rows x) {
        if (x.width() != layer.in()) {
            throw new IllegalArgumentException("inputs have width " + x.width() + ", layer takes " + layer.in());
        }
        float[] w = layer.weight();
        float[] b = layer.bias();
        float[] v = x.values();
        int in = layer.in();
        int out = layer.out();
        float[] y = new float[x.rows() * out];
        for (int r = 0; r < x.rows(); r++) {
            for (int o = 0; o < out; o++) {
                float s = b[o];
                for (int i = 0; i < in; i++) {
                    s += w[o * in + i] * v[r * in + i];
                }
                y[r * out + o] = s;
            }
        }
        return y;
    }

    private static float[] relu(float[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(0f, x[i]);
        }
        return x;
    }

    /** Builds the block; {@code setX} values are required, {@code optX} have defaults. */
    public static final class Builder {

        private int inputs;
        private int hiddenUnits;
        private int outputs;
        private boolean bias = true;
        private long seed;
        private List<LinearWeights> weights;

        Builder() {}

        /** Sets the input width (4 in seed 000). */
        public Builder setInputs(int inputs) {
            this.inputs = inputs;
            return this;
        }

        /** Sets the number of hidden ReLU units (16 in seed 000). */
        public Builder setHiddenUnits(int hiddenUnits) {
            this.hiddenUnits = hiddenUnits;
            return this;
        }

        /** Sets the output width (2 in seed 000). */
        public Builder setOutputs(int outputs) {
            this.outputs = outputs;
            return this;
        }

        /** Sets whether both Linear layers have a bias; default true. */
        public Builder optBias(boolean bias) {
            this.bias = bias;
            return this;
        }

        /** Sets the seed of the PyTorch-default initial weights; default 0. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Sets explicit initial weights (e.g. a hand-built net), overriding the seed; shapes must match. */
        public Builder optWeights(List<LinearWeights> weights) {
            this.weights = List.copyOf(weights);
            return this;
        }

        /** Returns the initial weights the built block will start from. */
        public List<LinearWeights> initialWeights() {
            check();
            return weights != null ? weights : MlpWeights.pytorchDefault(new int[] {inputs, hiddenUnits, outputs}, seed);
        }

        /**
         * Returns the block, [Linear(hidden), ReLU, Linear(outputs)]; call {@code initialize(manager,
         * DataType.FLOAT32, new Shape(rows, inputs))} to load the initial weights into its parameters.
         *
         * @throws IllegalArgumentException naming the missing or bad width, or the mismatching weight
         */
        public SequentialBlock build() {
            List<LinearWeights> init = initialWeights();
            Linear hidden = Linear.builder().setUnits(hiddenUnits).optBias(bias).build();
            Linear output = Linear.builder().setUnits(outputs).optBias(bias).build();
            hidden.setInitializer(fixed(init.get(0).weight(), "hidden weight"), Parameter.Type.WEIGHT);
            output.setInitializer(fixed(init.get(1).weight(), "output weight"), Parameter.Type.WEIGHT);
            if (bias) {
                hidden.setInitializer(fixed(init.get(0).bias(), "hidden bias"), Parameter.Type.BIAS);
                output.setInitializer(fixed(init.get(1).bias(), "output bias"), Parameter.Type.BIAS);
            }
            return new SequentialBlock().add(hidden).add(Activation.reluBlock()).add(output);
        }

        private void check() {
            if (inputs < 1) {
                throw new IllegalArgumentException("inputs must be set to >= 1, got " + inputs);
            }
            if (hiddenUnits < 1) {
                throw new IllegalArgumentException("hiddenUnits must be set to >= 1, got " + hiddenUnits);
            }
            if (outputs < 1) {
                throw new IllegalArgumentException("outputs must be set to >= 1, got " + outputs);
            }
            if (weights != null) {
                int[] widths = {inputs, hiddenUnits, outputs};
                if (weights.size() != 2) {
                    throw new IllegalArgumentException("weights must have 2 layers, got " + weights.size());
                }
                for (int l = 0; l < 2; l++) {
                    LinearWeights w = weights.get(l);
                    if (w.in() != widths[l] || w.out() != widths[l + 1]) {
                        throw new IllegalArgumentException("weights layer " + l + " is [" + w.out() + ", " + w.in()
                                + "], expected [" + widths[l + 1] + ", " + widths[l] + "]");
                    }
                }
            }
        }

        /** Returns an initialiser that hands the block these exact values (row-major, PyTorch's layout). */
        private static Initializer fixed(float[] values, String what) {
            return (manager, shape, dataType) -> {
                if (shape.size() != values.length || dataType != DataType.FLOAT32) {
                    throw new IllegalArgumentException(what + " has " + values.length + " float values but the block "
                            + "asks for " + shape + " " + dataType);
                }
                return manager.create(values, shape);
            };
        }
    }
}

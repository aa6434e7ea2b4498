package lab.model;

import ai.djl.nn.Block;
import java.util.List;

/**
 * The one-hidden-layer MLP of the seed 000 note, {@code inputs -> hidden -> ReLU -> outputs} (4 -> 16 -> 2 there,
 * 2 -> h -> 1 for one task of notebook 004): its builder and access to a block's weights.
 *
 * <p>Its forward pass is written once, in {@link MlpPass} (K models stacked feature-major): the ensemble trainer of
 * 002 and 004 runs it beside its hand backward; the block built here ({@link MlpBlock}, 001's) runs it for one
 * model under autograd; analysis of stored weights ({@link MlpPass#hiddenActivations}, {@link MlpPass#outputs})
 * runs it on the engine.
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
     * Returns the current weights of a block made by {@link Builder#build()}: hidden layer (weight [hidden, in],
     * bias [hidden]) and output layer (weight [out, hidden], bias [out]). The block must be initialised.
     */
    public static List<LinearWeights> weights(Block block) {
        if (!(block instanceof MlpBlock)) {
            throw new IllegalArgumentException("not a block of Mlp.builder(): " + block.getClass().getSimpleName());
        }
        return ((MlpBlock) block).weights();
    }

    /** Builds the block; {@code setX} values are required, {@code optX} have defaults. */
    public static final class Builder {

        private int inputs;
        private int hiddenUnits;
        private int outputs;
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
         * Returns the block; call {@code initialize(manager, DataType.FLOAT32, new Shape(rows, inputs))} to load the
         * initial weights into its parameters.
         *
         * @throws IllegalArgumentException naming the missing or bad width, or the mismatching weight
         */
        public MlpBlock build() {
            return new MlpBlock(initialWeights());
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
    }
}

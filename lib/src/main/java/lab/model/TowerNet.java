package lab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The st-vs-mt sweep's network: a learned embedding [2^bits, D] of the index, then per tower
 * [Linear + BatchNorm + ReLU] x (layers - 1) and a Linear; input int64 indices [B], output the sigmoid
 * probabilities [B, bits]. {@link TaskMode#MT} is one tower with {@code bits} outputs; {@link TaskMode#ST} is
 * {@code bits} towers with one output each, sharing the embedding, computed together by {@link TowerPass}.
 * BatchNorm always uses batch statistics (training mode): the sweep's metric is the per-batch training loss,
 * so no running statistics are kept.
 *
 * <p>mt variants from the seed's script, each off by default: loss-drop (dropout on the output logits),
 * per-task filter (task t runs the shared tower with every layer's weights and biases shifted by its own
 * learned scalars and reads its own output column), residual (first hidden activation added to the last).
 */
public final class TowerNet extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Spec spec;
    private final TowerLayout layout;
    private final Map<String, Parameter> params = new LinkedHashMap<>();
    private final SplittableRandom dropRng;

    TowerNet(Builder b) {
        super(VERSION);
        spec = new Spec(b.bits, b.embeddingWidth, b.hiddenUnits, b.layers, b.mode, b.lossDrop, b.taskFilter,
                b.residual);
        layout = new TowerLayout(spec);
        long seed = b.seed;
        float[][] initial = new float[1][];
        for (String name : layout.names()) {
            Shape shape = layout.shape(name);
            int from = (int) layout.offset(name);
            Parameter p = Parameter.builder()
                    .setName(name)
                    .setType(type(name))
                    .optInitializer((manager, s, dataType) -> {
                        // Drawn on first use: a trainer binding a flat array never needs them here.
                        if (initial[0] == null) {
                            initial[0] = layout.pytorchDefault(seed);
                        }
                        return manager.create(java.util.Arrays.copyOfRange(initial[0], from, from + (int) s.size()), s);
                    })
                    .build();
            params.put(name, addParameter(p));
        }
        dropRng = new SplittableRandom(b.seed ^ 0x510E527FADE682D1L);
    }

    private static Parameter.Type type(String name) {
        if (name.startsWith("gamma")) {
            return Parameter.Type.GAMMA;
        }
        if (name.startsWith("beta")) {
            return Parameter.Type.BETA;
        }
        if (name.startsWith("bias")) {
            return Parameter.Type.BIAS;
        }
        return name.startsWith("weight") ? Parameter.Type.WEIGHT : Parameter.Type.OTHER;
    }

    /** Returns a builder; hidden units and mode are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns what this network is (widths, mode, variants). */
    public Spec spec() {
        return spec;
    }

    /** Returns where each parameter sits in a flat array. */
    public TowerLayout layout() {
        return layout;
    }

    /** Returns the current parameter arrays by name (the block must be initialised). */
    public TowerParams params() {
        Map<String, NDArray> m = new LinkedHashMap<>();
        params.forEach((name, p) -> m.put(name, p.getArray()));
        return new TowerParams(spec, m);
    }

    /**
     * Makes every parameter a view into {@code flat} ([layout size]), instead of {@code initialize}: the flat
     * array's values become the parameters, and a trainer updating it in place updates this block.
     *
     * @throws IllegalStateException if the block was already initialised or bound
     */
    public void bindTo(NDArray flat) {
        TowerParams views = layout.views(flat);
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            if (e.getValue().isInitialized()) {
                throw new IllegalStateException("parameter '" + e.getKey() + "' already has values; bind before initialize");
            }
            e.getValue().setArray(views.get(e.getKey()));
        }
    }

    /** Returns the initial parameters as one flat array, [layout size] (the values {@code initialize} sets). */
    public float[] initialFlat(long seed) {
        return layout.pytorchDefault(seed);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray idx = inputs.singletonOrThrow();
        Map<String, NDArray> m = new LinkedHashMap<>();
        this.params.forEach((name, p) -> m.put(name, store.getValue(p, idx.getDevice(), training)));
        NDArray mask = null;
        if (training && spec.lossDrop() > 0f) {
            mask = TowerPass.dropMask(idx.getManager(), (int) idx.size(), spec.bits(), spec.lossDrop(), dropRng);
        }
        return new NDList(TowerPass.probabilities(new TowerParams(spec, m), idx, mask));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), spec.bits())};
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        // Shapes come from the layout, not the input; a parameter bound to a flat array already has one.
        params.forEach((name, p) -> {
            if (!p.isInitialized()) {
                p.setShape(layout.shape(name));
            }
        });
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // No child blocks: every parameter is this block's own.
    }

    /**
     * What a tower network is: code length {@code bits} (vocabulary 2^bits), embedding width D, hidden units h,
     * layers (>= 2), mode, and the mt variants (loss-drop probability, 0 = off; filter; residual).
     */
    public record Spec(int bits, int embeddingWidth, int hiddenUnits, int layers, TaskMode mode, float lossDrop,
            boolean taskFilter, boolean residual) {

        public Spec {
            if (bits < 1 || bits > 16) {
                throw new IllegalArgumentException("bits must be 1..16, got " + bits);
            }
            if (embeddingWidth < 1) {
                throw new IllegalArgumentException("embedding width must be >= 1, got " + embeddingWidth);
            }
            if (hiddenUnits < 1) {
                throw new IllegalArgumentException("hidden units must be >= 1, got " + hiddenUnits);
            }
            if (layers < 2) {
                throw new IllegalArgumentException("layers must be >= 2, got " + layers);
            }
            if (mode == null) {
                throw new IllegalArgumentException("mode is required (st or mt)");
            }
            if (!(lossDrop >= 0f && lossDrop < 1f)) {
                throw new IllegalArgumentException("loss-drop probability must be in [0, 1), got " + lossDrop);
            }
            if (mode == TaskMode.ST && (lossDrop > 0f || taskFilter || residual)) {
                throw new IllegalArgumentException("loss-drop, per-task filter and residual are mt variants; mode is st");
            }
            if (residual && layers < 3) {
                throw new IllegalArgumentException("a residual from the first hidden layer to the last needs layers >= 3, got " + layers);
            }
        }

        /** Returns the number of indices, 2^bits. */
        public int vocabulary() {
            return 1 << bits;
        }

        /** Returns the towers holding weights: bits for st, 1 for mt. */
        public int baseTowers() {
            return mode.towers(bits);
        }

        /** Returns the outputs of each weight-holding tower: 1 for st, bits for mt. */
        public int baseOutputs() {
            return mode.outputsPerTower(bits);
        }

        /** Returns true when any mt variant is on. */
        public boolean hasVariants() {
            return lossDrop > 0f || taskFilter || residual;
        }

        /** Returns e.g. {@code "mt h=8 layers=3 D=16 bits=10 +loss-drop 0.1"}. */
        public String describe() {
            List<String> parts = new ArrayList<>(List.of(mode.label(), "h=" + hiddenUnits, "layers=" + layers,
                    "D=" + embeddingWidth, "bits=" + bits));
            if (lossDrop > 0f) {
                parts.add("+loss-drop " + lossDrop);
            }
            if (taskFilter) {
                parts.add("+filter");
            }
            if (residual) {
                parts.add("+residual");
            }
            return String.join(" ", parts);
        }
    }

    /** Builds a {@link TowerNet}; {@code setHiddenUnits} and {@code setMode} are required. */
    public static final class Builder {
        private int bits = 10;
        private int embeddingWidth = 16;
        private int hiddenUnits = -1;
        private int layers = 3;
        private TaskMode mode;
        private float lossDrop;
        private boolean taskFilter;
        private boolean residual;
        private long seed;

        Builder() {}

        /** Sets the hidden width h of every hidden layer. */
        public Builder setHiddenUnits(int hiddenUnits) {
            this.hiddenUnits = hiddenUnits;
            return this;
        }

        /** Sets st (one tower per bit) or mt (one tower). */
        public Builder setMode(TaskMode mode) {
            this.mode = mode;
            return this;
        }

        /** Sets the code length (the seed's {@code len}, default 10); the vocabulary is 2^bits. */
        public Builder optBits(int bits) {
            this.bits = bits;
            return this;
        }

        /** Sets the embedding width (the seed's {@code in_dim}, default 16). */
        public Builder optEmbeddingWidth(int embeddingWidth) {
            this.embeddingWidth = embeddingWidth;
            return this;
        }

        /** Sets the number of Linear layers per tower (the seed's {@code layers}, default 3, at least 2). */
        public Builder optLayers(int layers) {
            this.layers = layers;
            return this;
        }

        /** Turns on loss-drop (mt only): dropout with probability p on the output logits in training. */
        public Builder optLossDrop(float p) {
            this.lossDrop = p;
            return this;
        }

        /** Turns on the per-task filter (mt only). */
        public Builder optTaskFilter(boolean on) {
            this.taskFilter = on;
            return this;
        }

        /** Turns on the residual from the first hidden layer to the last (mt only, layers >= 3). */
        public Builder optResidual(boolean on) {
            this.residual = on;
            return this;
        }

        /** Sets the seed of the initial weights (default 0). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Returns the network, or throws naming the missing or bad value. */
        public TowerNet build() {
            if (hiddenUnits == -1) {
                throw new IllegalArgumentException("hidden units are required: call setHiddenUnits");
            }
            if (mode == null) {
                throw new IllegalArgumentException("mode is required: call setMode(TaskMode.ST or MT)");
            }
            return new TowerNet(this);
        }
    }
}

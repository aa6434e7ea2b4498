package lab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Where each parameter of a {@link TowerNet} sits in one flat float array, in a fixed order: embedding
 * [V, D]; then per layer l: {@code weight<l>} [T, in, out] (layer 0: [D, T*h], tower t in columns t*h..), {@code bias<l>} [T, 1, out], and for hidden
 * layers {@code gamma<l>}, {@code beta<l>} [T, 1, h]; then, with the per-task filter, {@code filterWeight}
 * and {@code filterBias} [L, bits]. Weights are stored [in, out] per tower (the transpose of PyTorch's) so a
 * batch [T, B, in] multiplies them directly. One flat array lets an optimiser update everything in a few ops.
 */
public final class TowerLayout {

    /** Mixed into the seed so initial weights never share a stream with the code table or shuffling. */
    private static final long INIT_STREAM = 0xBB67AE8584CAA73BL;

    private final TowerNet.Spec spec;
    private final Map<String, Shape> shapes = new LinkedHashMap<>();
    private final Map<String, Long> offsets = new LinkedHashMap<>();
    private final long size;

    TowerLayout(TowerNet.Spec spec) {
        this.spec = spec;
        int t = spec.baseTowers();
        int o = spec.baseOutputs();
        int l = spec.layers();
        add("embedding", new Shape(spec.vocabulary(), spec.embeddingWidth()));
        for (int i = 0; i < l; i++) {
            int in = i == 0 ? spec.embeddingWidth() : spec.hiddenUnits();
            int out = i == l - 1 ? o : spec.hiddenUnits();
            // Layer 0 reads the one shared embedding, so its towers sit side by side: one plain matmul.
            add("weight" + i, i == 0 ? new Shape(in, (long) t * out) : new Shape(t, in, out));
            add("bias" + i, new Shape(t, 1, out));
            if (i < l - 1) {
                add("gamma" + i, new Shape(t, 1, out));
                add("beta" + i, new Shape(t, 1, out));
            }
        }
        if (spec.taskFilter()) {
            add("filterWeight", new Shape(l, spec.bits()));
            add("filterBias", new Shape(l, spec.bits()));
        }
        long s = 0;
        for (Map.Entry<String, Shape> e : shapes.entrySet()) {
            offsets.put(e.getKey(), s);
            s += e.getValue().size();
        }
        size = s;
    }

    private void add(String name, Shape shape) {
        shapes.put(name, shape);
    }

    /** Returns the parameter names in flat order. */
    public List<String> names() {
        return new ArrayList<>(shapes.keySet());
    }

    /** Returns the shape of the named parameter. */
    public Shape shape(String name) {
        Shape s = shapes.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no parameter '" + name + "' in " + names());
        }
        return s;
    }

    /** Returns the position of the named parameter's first value in the flat array. */
    public long offset(String name) {
        shape(name);
        return offsets.get(name);
    }

    /** Returns the number of floats in the flat array. */
    public long size() {
        return size;
    }

    /**
     * Returns the flat position of weight (in {@code i}, out {@code j}) of tower {@code t} in layer {@code l}.
     */
    public int weightIndex(int l, int t, int i, int j) {
        long[] s = shape("weight" + l).getShape();
        if (l == 0) {
            int towers = spec.baseTowers();
            int h = (int) (s[1] / towers);
            return (int) offset("weight0") + i * (int) s[1] + t * h + j;
        }
        return (int) offset("weight" + l) + (int) (t * s[1] * s[2] + i * s[2] + j);
    }

    /**
     * Returns views into {@code flat} ([size]) shaped as the parameters; writing {@code flat} in place is
     * seen through them (PyTorch slicing and reshaping a contiguous slice share storage).
     */
    public TowerParams views(NDArray flat) {
        if (flat.size() != size) {
            throw new IllegalArgumentException("flat array has " + flat.size() + " values, layout needs " + size);
        }
        Map<String, NDArray> v = new LinkedHashMap<>();
        for (String name : shapes.keySet()) {
            long from = offsets.get(name);
            Shape s = shapes.get(name);
            v.put(name, flat.get(new NDIndex(from + ":" + (from + s.size()))).reshape(s));
        }
        return new TowerParams(spec, v);
    }

    /**
     * Returns the initial flat parameters for a seed, [size]: embedding N(0, 1) as {@code nn.Embedding};
     * each tower's Linear layers PyTorch's default U(-1/sqrt(in), 1/sqrt(in)) via {@link LinearWeights},
     * drawn tower by tower, layer by layer; BatchNorm gamma 1, beta 0; filter offsets 0.
     */
    public float[] pytorchDefault(long seed) {
        float[] flat = new float[Math.toIntExact(size)];
        SplittableRandom rng = new SplittableRandom(seed ^ INIT_STREAM);
        int e = spec.vocabulary() * spec.embeddingWidth();
        for (int i = 0; i < e; i++) {
            flat[i] = (float) rng.nextGaussian();
        }
        int towers = spec.baseTowers();
        for (int t = 0; t < towers; t++) {
            for (int l = 0; l < spec.layers(); l++) {
                int in = l == 0 ? spec.embeddingWidth() : spec.hiddenUnits();
                int out = l == spec.layers() - 1 ? spec.baseOutputs() : spec.hiddenUnits();
                LinearWeights lw = LinearWeights.pytorchDefault(in, out, rng);
                float[] w = lw.weight();
                float[] b = lw.bias();
                // weightIndex's arithmetic, hoisted: a name lookup per weight took 0.8 s at st width 1,024.
                int origin = weightIndex(l, t, 0, 0);
                int stride = weightIndex(l, t, 1, 0) - origin;
                for (int r = 0; r < out; r++) {
                    for (int c = 0; c < in; c++) {
                        flat[origin + c * stride + r] = w[r * in + c];
                    }
                }
                System.arraycopy(b, 0, flat, (int) offset("bias" + l) + t * out, out);
                if (l < spec.layers() - 1) {
                    java.util.Arrays.fill(flat, (int) offset("gamma" + l) + t * out,
                            (int) offset("gamma" + l) + (t + 1) * out, 1f);
                }
            }
        }
        return flat;
    }
}

package lab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * The forward computation of a {@link TowerNet} in training mode (BatchNorm on batch statistics), written
 * once with NDArray ops so the block, the trainers and the tests share it. All towers run together: the
 * batch is laid out [T, B, features], the first layer is one broadcast matmul of the shared embedding rows
 * against the stacked weights [T, D, h], later layers are batched matmuls, and BatchNorm statistics are taken
 * over the batch axis, so each tower normalises with its own statistics.
 *
 * <p>The network's one other forward pass is the feature-major one beside the hand-written backward
 * ({@code lab.train.HandGradients}), which trains plain st/mt: it keeps the activations its backward needs and a
 * layout oneMKL runs 3-7x faster on the narrow output layers, so it sums in another order and agrees with this
 * pass to rounding ({@code HandGradientsTest}); the stored sweep numbers come from it, so it stays separate.
 */
public final class TowerPass {

    /** BatchNorm's epsilon, PyTorch's default. */
    public static final float BN_EPS = 1e-5f;

    private TowerPass() {}

    /**
     * Returns the logits, [B, bits] (column j = bit j), for the indices {@code idx} (int64 [B]).
     *
     * @param dropMask the loss-drop mask already scaled by 1/(1-p), [B, bits], or null for none
     */
    public static NDArray logits(TowerParams p, NDArray idx, NDArray dropMask) {
        TowerNet.Spec spec = p.spec();
        int layers = spec.layers();
        NDArray a = p.embedding().get(idx);
        NDArray first = null;
        for (int l = 0; l < layers - 1; l++) {
            NDArray z = a.matMul(weight(p, l)).add(bias(p, l));
            NDArray mu = z.mean(new int[] {1}, true);
            NDArray c = z.sub(mu);
            NDArray var = c.square().mean(new int[] {1}, true);
            NDArray zhat = c.mul(var.add(BN_EPS).pow(-0.5f));
            a = zhat.mul(p.gamma(l)).add(p.beta(l)).maximum(0f);
            if (l == 0) {
                first = a;
            }
        }
        if (spec.residual()) {
            a = a.add(first);
        }
        NDArray z = a.matMul(weight(p, layers - 1)).add(bias(p, layers - 1)); // [T', B, O']
        NDArray out = toBatchMajor(z, spec);
        return dropMask == null ? out : out.mul(dropMask);
    }

    /** Returns the sigmoid outputs, [B, bits]. */
    public static NDArray probabilities(TowerParams p, NDArray idx, NDArray dropMask) {
        return logits(p, idx, dropMask).getNDArrayInternal().sigmoid();
    }

    /** Returns the L1 loss between probabilities [B, bits] and targets [B, bits], mean over batch and bits. */
    public static NDArray l1(NDArray probabilities, NDArray targets) {
        return probabilities.sub(targets).abs().mean();
    }

    /**
     * Returns a loss-drop mask, [batch, bits] row-major: each entry 0 with probability p, else 1/(1-p)
     * (inverted dropout, as {@code nn.Dropout} in training mode). Drawn in Java so a seed repeats exactly.
     */
    public static float[] dropMask(int batch, int bits, float p, SplittableRandom rng) {
        if (!(p >= 0f && p < 1f)) {
            throw new IllegalArgumentException("loss-drop probability must be in [0, 1), got " + p);
        }
        float keep = 1f / (1f - p);
        float[] m = new float[batch * bits];
        for (int i = 0; i < m.length; i++) {
            m[i] = rng.nextDouble() < p ? 0f : keep;
        }
        return m;
    }

    /** Creates the mask of {@link #dropMask} as an array in {@code manager}, [batch, bits]. */
    public static NDArray dropMask(NDManager manager, int batch, int bits, float p, SplittableRandom rng) {
        return manager.create(dropMask(batch, bits, p, rng), new Shape(batch, bits));
    }

    /** [T', B, O'] -> [B, bits]: st (and the filter's per-task towers) is [bits, B, 1]; mt is [1, B, bits]. */
    private static NDArray toBatchMajor(NDArray z, TowerNet.Spec spec) {
        long t = z.getShape().get(0);
        long b = z.getShape().get(1);
        if (t == 1) {
            return z.reshape(b, z.getShape().get(2));
        }
        return z.reshape(t, b).transpose();
    }

    /** Layer l's weights per task tower: as stored, or with the per-task filter the shared ones shifted. */
    private static NDArray weight(TowerParams p, int l) {
        NDArray w = p.weight(l);
        TowerNet.Spec spec = p.spec();
        if (l == 0) {
            int t = spec.baseTowers();
            int d = spec.embeddingWidth();
            w = w.reshape(d, t, spec.hiddenUnits()).transpose(1, 0, 2); // [D, T*h] -> [T, D, h]
        }
        if (!spec.taskFilter()) {
            return w;
        }
        int k = spec.bits();
        NDArray offset = p.get("filterWeight").get(l).reshape(k, 1, 1);
        if (l == spec.layers() - 1) {
            // Task t reads only its own output column of the shared last layer.
            w = w.reshape(w.getShape().get(1), k).transpose().reshape(k, w.getShape().get(1), 1);
        }
        return w.add(offset);
    }

    private static NDArray bias(TowerParams p, int l) {
        NDArray b = p.bias(l);
        TowerNet.Spec spec = p.spec();
        if (!spec.taskFilter()) {
            return b;
        }
        int k = spec.bits();
        NDArray offset = p.get("filterBias").get(l).reshape(k, 1, 1);
        if (l == spec.layers() - 1) {
            b = b.reshape(k, 1, 1);
        }
        return b.add(offset);
    }
}

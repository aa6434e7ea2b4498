package lab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import lab.fused.BatchNormPasses;

/**
 * The forward computation of a {@link TowerNet} in training mode (BatchNorm on batch statistics), written once:
 * the hand-written backward ({@code lab.train.HandGradients}, which trains every sweep network) runs it and reads
 * its {@link Trace}, DJL autograd differentiates it (the tests' {@code AutogradGradients}: the reference the hand
 * backward is checked against), and the block's forward calls it.
 *
 * <p>Activations are feature-major, [T, h, B] (mt: [h, B]; layer 0 of all towers: [T*h, B]). Measured with
 * oneMKL inside DJL's libtorch: the narrow products of the output layer ([B, h] x [h, 1] per tower, [B, h] x
 * [h, 10] for mt) and their gradients run 3-7x faster as [1, h] x [h, B] than as [B, h] x [h, 1], layer 0's
 * towers split and join by a free reshape instead of a transposed copy, and BatchNorm reduces along the
 * contiguous axis. Weights keep the layout's [in, out] storage and are read through transposed views.
 *
 * <p>The biases of the Linear layers that feed a BatchNorm are left out of the computation: BatchNorm subtracts
 * the batch mean, so they change nothing and their gradient is exactly zero. They stay in the parameters.
 *
 * <p>A pass covers the towers [from, to) of the network (st can be split into groups computed on several
 * threads; each tower's values are the same ops on the same rows in any grouping). The per-task filter makes
 * one tower per task out of the shared one: each task's weights and biases are the shared ones plus its offset.
 */
public final class TowerPass {

    /** BatchNorm's epsilon, PyTorch's default. */
    public static final float BN_EPS = 1e-5f;

    private final TowerNet.Spec spec;
    private final int layers;
    /** The network's base towers: st bits, mt 1. */
    private final int towers;
    private final int hidden;
    private final int from;
    /** The towers this pass computes: to - from, or bits with the per-task filter. */
    private final int n;
    /** Layer weights as stored, [in, out] per tower (layer 0: [D, n*h]; mt: 2-D). */
    private final NDArray[] weight;
    /** The weights as the forward multiplies them, [out, in] per tower (views; the filter adds its offsets per step). */
    private final NDArray[] weightT;
    /** The per-task filter's weight offsets per layer, [bits, 1, 1], and output bias offsets; null without. */
    private final NDArray[] offsetW;
    private final NDArray offsetB;
    private final NDArray[] gamma;
    private final NDArray[] beta;
    private final NDArray outBias;
    // Constants as arrays of the run: an op with a Java number makes DJL wrap a buffer it frees after the
    // forward, and autograd's backward would then read freed memory (seen as garbage gradients).
    private final NDArray eps;
    private final NDArray minusHalf;

    private TowerPass(TowerParams p, int from, int to) {
        spec = p.spec();
        layers = spec.layers();
        towers = spec.baseTowers();
        hidden = spec.hiddenUnits();
        this.from = from;
        int count = to - from;
        n = spec.taskFilter() ? spec.bits() : count;
        weight = new NDArray[layers];
        weightT = new NDArray[layers];
        gamma = new NDArray[layers - 1];
        beta = new NDArray[layers - 1];
        long nh = (long) count * hidden;
        for (int l = 0; l < layers; l++) {
            NDArray w = p.weight(l);
            if (l == 0) {
                weight[l] = w.get(new NDIndex().addAllDim().addSliceDim(from * (long) hidden, to * (long) hidden));
                weightT[l] = weight[l].transpose();
            } else if (towers == 1) {
                Shape s = w.getShape();
                weight[l] = w.reshape(s.get(1), s.get(2)); // mt stays 2-D: [in, out]
                weightT[l] = weight[l].transpose();
            } else {
                weight[l] = towersOf(w, count); // [n, in, out]
                weightT[l] = weight[l].transpose(0, 2, 1);
            }
            if (l < layers - 1) {
                // [T, 1, h] stored; feature-major wants a column per unit: [n*h, 1] (layer 0, mt) or [n, h, 1]
                gamma[l] = column(towersOf(p.gamma(l), count), l, nh, count);
                beta[l] = column(towersOf(p.beta(l), count), l, nh, count);
            }
        }
        NDArray b = towersOf(p.bias(layers - 1), count);
        if (spec.taskFilter()) {
            // Only the output bias matters: the hidden ones feed a BatchNorm (see the class comment).
            int k = spec.bits();
            offsetW = new NDArray[layers];
            for (int l = 0; l < layers; l++) {
                offsetW[l] = p.get("filterWeight").get(l).reshape(k, 1, 1);
            }
            offsetB = p.get("filterBias").get(layers - 1).reshape(k, 1, 1);
            outBias = b.reshape(k, 1, 1);
        } else {
            offsetW = null;
            offsetB = null;
            outBias = towers == 1 ? b.reshape(spec.bits(), 1) : b.reshape(count, 1, 1);
        }
        NDManager manager = p.embedding().getManager();
        eps = manager.create(BN_EPS);
        minusHalf = manager.create(-0.5f);
    }

    /** Returns the pass over all of the network's towers. */
    public static TowerPass of(TowerParams p) {
        return new TowerPass(p, 0, p.spec().baseTowers());
    }

    /**
     * Returns the pass over towers [from, to) (views of {@code p}, so they follow in-place updates).
     *
     * @throws IllegalArgumentException if the range is empty or outside the towers
     */
    public static TowerPass of(TowerParams p, int from, int to) {
        int all = p.spec().baseTowers();
        if (from < 0 || to > all || from >= to) {
            throw new IllegalArgumentException("towers [" + from + ", " + to + ") not within [0, " + all + ")");
        }
        return new TowerPass(p, from, to);
    }

    /**
     * Returns the weights as this step multiplies them, [out, in] per tower. With the per-task filter (mt only),
     * task t's weights are the shared ones plus its offset {@code filterWeight[l, t]}, and on the last layer task t
     * reads only its own output column: the one tower becomes {@code bits} towers, [bits, out, in]. Made each step
     * from the parameters' current values (a sum is not a view, so it would not follow the optimiser's updates).
     */
    private NDArray[] stepWeightT() {
        if (offsetW == null) {
            return weightT;
        }
        NDArray[] wt = new NDArray[layers];
        for (int l = 0; l < layers; l++) {
            NDArray shared = l == layers - 1 ? weightT[l].reshape(n, 1, hidden) : weightT[l]; // last: row t = task t
            wt[l] = shared.add(offsetW[l]);
        }
        return wt;
    }

    private NDArray towersOf(NDArray a, int count) {
        return count == towers ? a : a.get(new NDIndex().addSliceDim(from, from + count));
    }

    private NDArray column(NDArray stored, int l, long nh, int count) {
        if (l == 0) {
            return stored.reshape(nh, 1);
        }
        return towers == 1 ? stored.reshape(hidden, 1) : stored.reshape(count, hidden, 1);
    }

    /** Returns the first tower this pass computes. */
    public int from() {
        return from;
    }

    /** Returns how many towers this pass computes. */
    public int towers() {
        return n;
    }

    /** Returns layer l's weights as stored, [in, out] per tower (layer 0: [D, n*h]; mt: 2-D). */
    public NDArray weight(int l) {
        return weight[l];
    }

    /**
     * Runs the forward pass on the batch's embedding rows {@code x}, [B, D].
     *
     * @param dropMask the loss-drop mask already scaled by 1/(1-p), [B, bits], or null for none
     */
    public Trace forward(NDArray x, NDArray dropMask) {
        return forwardFrom(first(x), dropMask);
    }

    /**
     * Returns layer 0's product for this pass's towers in one matmul, [n*h, D] x [D, B], on the batch's embedding
     * rows {@code x}, [B, D], before its BatchNorm: the start of {@link #forward(NDArray, NDArray)}.
     */
    public NDArray first(NDArray x) {
        NDArray w0 = offsetW == null ? weightT[0] : weightT[0].add(offsetW[0]);
        return w0.matMul(x.transpose());
    }

    /**
     * Runs the network from {@code first}, layer 0's product ({@link #first}) of this pass or of a pass over all
     * the towers: this pass then normalises its towers' rows of it, in place. Why: a product's bits depend on its
     * shape, so groups of towers on several threads start from one layer-0 product of all towers, and every later
     * product is per tower; BatchNorm's statistics are per row, so each group can take its own rows' on its own
     * thread. The numbers are then the same in any grouping ({@code HandGradientsTest} checks it).
     */
    public Trace forwardFrom(NDArray first, NDArray dropMask) {
        Norm norm0 = Norm.forward(rowsOf(first), gamma[0], beta[0], eps, minusHalf);
        NDArray[] wt = stepWeightT();
        NDArray act0 = norm0.act();
        Shape shape = act0.getShape();
        long b = shape.get(shape.dimension() - 1);
        // Later layers are [n, h, B] (mt: [h, B]).
        Norm[] norm = new Norm[layers - 1];
        NDArray[] input = new NDArray[layers];
        norm[0] = norm0;
        NDArray a = towers == 1 ? act0 : act0.reshape(n, hidden, b);
        NDArray firstAct = a;
        input[1] = a;
        for (int l = 1; l < layers - 1; l++) {
            norm[l] = Norm.forward(wt[l].matMul(a), gamma[l], beta[l], eps, minusHalf); // bias left out
            a = norm[l].act();
            input[l + 1] = a;
        }
        if (spec.residual()) {
            a = a.add(firstAct);
            input[layers - 1] = a;
        }
        NDArray bias = offsetB == null ? outBias : outBias.add(offsetB);
        NDArray logits = wt[layers - 1].matMul(a).addi(bias);
        if (dropMask != null) {
            logits = logits.mul(byOutput(dropMask));
        }
        return new Trace(input, norm, wt, logits, logits.getNDArrayInternal().sigmoid());
    }

    /** Returns this pass's towers' rows of layer 0's product: all of it, or a view of rows [from*h, (from+n)*h). */
    private NDArray rowsOf(NDArray all) {
        long rows = all.getShape().get(0);
        long mine = spec.taskFilter() ? hidden : (long) n * hidden;
        if (rows == mine || spec.taskFilter()) {
            return all;
        }
        return all.get(new NDIndex().addSliceDim(from * (long) hidden, from * (long) hidden + mine));
    }

    /**
     * Returns rows-major values, [B, bits], laid out as this pass's outputs: [bits, B] for mt, [n, 1, B] for towers
     * (the towers [from, from + n) only).
     */
    public NDArray byOutput(NDArray rows) {
        NDArray t = rows.transpose();
        if (towers == 1 && !spec.taskFilter()) {
            return t;
        }
        long b = t.getShape().get(1);
        if (n != spec.bits()) {
            t = t.get(new NDIndex().addSliceDim(from, from + n));
        }
        return t.reshape(n, 1, b);
    }

    /** Returns outputs laid out as this pass makes them ([bits, B] or [n, 1, B]) as rows, [B, n or bits]. */
    public static NDArray byRow(NDArray outputs) {
        Shape s = outputs.getShape();
        return s.dimension() == 2 ? outputs.transpose() : outputs.reshape(s.get(0), s.get(2)).transpose();
    }

    /** Passes each array this pass made or viewed (not the parameters themselves) to {@code action}. */
    public void forEach(Consumer<NDArray> action) {
        for (NDArray[] arrays : new NDArray[][] {weight, weightT, gamma, beta}) {
            for (NDArray a : arrays) {
                action.accept(a);
            }
        }
        action.accept(outBias);
        if (offsetW != null) {
            for (NDArray a : offsetW) {
                action.accept(a);
            }
            action.accept(offsetB);
        }
        action.accept(eps);
        action.accept(minusHalf);
    }

    /**
     * Returns the logits, [B, bits] (column j = bit j), for the indices {@code idx} (int64 [B]).
     *
     * @param dropMask the loss-drop mask already scaled by 1/(1-p), [B, bits], or null for none
     */
    public static NDArray logits(TowerParams p, NDArray idx, NDArray dropMask) {
        return byRow(of(p).forward(p.embedding().get(idx), dropMask).logits());
    }

    /** Returns the sigmoid outputs, [B, bits]. */
    public static NDArray probabilities(TowerParams p, NDArray idx, NDArray dropMask) {
        return byRow(of(p).forward(p.embedding().get(idx), dropMask).probabilities());
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

    /**
     * What a forward pass computed: each layer's input (index l >= 1; the last one after the residual), each
     * hidden layer's BatchNorm, the weights it multiplied ([out, in] per tower; layer 0's as {@link #first} did), the
     * logits and their sigmoid, laid out as {@link #byOutput} says.
     */
    public record Trace(NDArray[] input, Norm[] norm, NDArray[] weightT, NDArray logits, NDArray probabilities) {}

    /**
     * BatchNorm on batch statistics (over the last axis, the batch) followed by ReLU, keeping what a backward
     * needs: the centred input c = z - mean, inv = 1/sqrt(var + eps), scale = gamma * inv, and the output.
     */
    public record Norm(NDArray c, NDArray inv, NDArray scale, NDArray act) {
        /** The batch axis, over which the statistics are taken. */
        private static final int[] BATCH = {-1};

        static Norm forward(NDArray z, NDArray gamma, NDArray beta, NDArray eps, NDArray minusHalf) {
            NDArray c = z.subi(z.mean(BATCH, true));
            NDArray inv = c.square().mean(BATCH, true).addi(eps).pow(minusHalf);
            NDArray scale = inv.mul(gamma);
            NDArray act = BatchNormPasses.scaleShiftRelu(c, scale, beta); // relu(c * scale + beta)
            return new Norm(c, inv, scale, act);
        }
    }
}

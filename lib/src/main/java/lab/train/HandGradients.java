package lab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import lab.model.TowerLayout;
import lab.model.TowerNet;
import lab.model.TowerParams;
import lab.model.TowerPass;

/**
 * One training step's loss and gradient for the plain st/mt networks, with the backward pass written out
 * by hand. Why not DJL autograd: the PyTorch engine's {@code GradientCollector} is global to the JVM, so two
 * runs could not train in two threads of one JVM (two cores here give ~1.7x), and on these small layers the
 * cost is the number of ops per step, which a hand backward keeps low (weight views and transposes made
 * once per run, scalars created once, mt kept 2-D). It is proven equal to autograd on {@link TowerPass} by
 * {@code HandGradientsTest}.
 *
 * <p>The biases of the Linear layers that feed a BatchNorm are left out of the computation: BatchNorm
 * subtracts the batch mean, so they change nothing and their gradient is exactly zero (autograd returns
 * rounding noise ~1e-9). They stay in the flat parameters with a zero gradient.
 */
public final class HandGradients {

    private final TowerLayout layout;
    private final int layers;
    private final int towers;
    private final int hidden;
    private final int bits;
    private final NDArray embedding;
    private final NDArray[] weight;
    private final NDArray[] weightT;
    private final NDArray[] gamma;
    private final NDArray[] beta;
    private final NDArray outBias;
    private final NDArray zeroEmbedding;
    private final Map<String, NDArray> zeroBias = new LinkedHashMap<>();
    private final NDManager manager;
    private final NDArray eps;
    private final NDArray minusHalf;
    private final Map<Integer, NDArray[]> perBatchSize = new HashMap<>();

    /**
     * Returns a gradient source for the network whose parameters are {@code p} (views of the flat array the
     * optimiser updates in place, so views made here stay current); constants live in {@code manager}.
     *
     * @throws IllegalArgumentException if the network has an mt variant (those train through autograd)
     */
    public HandGradients(TowerNet net, TowerParams p, NDManager manager) {
        TowerNet.Spec spec = net.spec();
        if (spec.hasVariants()) {
            throw new IllegalArgumentException("the hand-written backward covers plain st/mt only, not " + spec.describe());
        }
        this.manager = manager;
        this.layout = net.layout();
        this.layers = spec.layers();
        this.towers = spec.baseTowers();
        this.hidden = spec.hiddenUnits();
        this.bits = spec.bits();
        this.embedding = p.embedding();
        weight = new NDArray[layers];
        weightT = new NDArray[layers];
        gamma = new NDArray[layers - 1];
        beta = new NDArray[layers - 1];
        long th = (long) towers * hidden;
        for (int l = 0; l < layers; l++) {
            NDArray w = p.weight(l);
            if (l == 0) {
                weight[l] = w; // [D, T*h]
                weightT[l] = w.transpose();
            } else if (towers == 1) {
                Shape s = w.getShape();
                weight[l] = w.reshape(s.get(1), s.get(2)); // mt stays 2-D: [in, out]
                weightT[l] = weight[l].transpose();
            } else {
                weight[l] = w; // [T, in, out]
                weightT[l] = w.transpose(0, 2, 1);
            }
            if (l < layers - 1) {
                boolean flat2d = l == 0 || towers == 1;
                gamma[l] = flat2d ? p.gamma(l).reshape(1, l == 0 ? th : hidden) : p.gamma(l);
                beta[l] = flat2d ? p.beta(l).reshape(1, l == 0 ? th : hidden) : p.beta(l);
                zeroBias.put("bias" + l, manager.zeros(layout.shape("bias" + l)));
            }
        }
        outBias = towers == 1 ? p.bias(layers - 1).reshape(1, bits) : p.bias(layers - 1);
        zeroEmbedding = manager.zeros(layout.shape("embedding"));
        eps = manager.create(TowerPass.BN_EPS);
        minusHalf = manager.create(-0.5f);
    }

    /**
     * Returns the targets of a batch laid out as the towers compute them: st [T, B, 1], mt [B, bits], from
     * the batch's rows of the code table ([B, bits] row-major, 0/1).
     */
    public static NDArray towerTargets(NDManager manager, float[] rows, int batch, TowerNet.Spec spec) {
        int t = spec.baseTowers();
        int k = spec.bits();
        if (t == 1) {
            return manager.create(rows, new Shape(batch, k));
        }
        float[] v = new float[rows.length];
        for (int r = 0; r < batch; r++) {
            for (int j = 0; j < k; j++) {
                v[j * batch + r] = rows[r * k + j];
            }
        }
        return manager.create(v, new Shape(t, batch, 1));
    }

    /**
     * Returns {loss (scalar), gradient [layout size]} of the L1 loss, mean over batch and bits.
     *
     * @param rows the batch's indices repeated across the embedding width, int64 [B, D] (gather and scatter
     *     use them; indices within a batch are distinct, as shuffling draws without replacement)
     * @param y the targets as {@link #towerTargets} lays them out
     */
    public NDList lossAndGradient(NDArray rows, NDArray y) {
        int b = (int) rows.getShape().get(0);
        NDArray[] k = perBatchSize.computeIfAbsent(b, n -> {
            NDArray[] c = {manager.create(-1f / n), manager.create(1f / ((float) n * bits))};
            NDScope.unregister(c); // constants of the run, not of the step that first needed them
            return c;
        });
        NDArray minusInvB = k[0];
        NDArray invN = k[1];

        // Forward. Layer 0 runs all towers in one matmul, [B, D] x [D, T*h]; later layers are [T, B, h]
        // (mt: [B, h]).
        NDArray x = embedding.gather(rows, 0); // [B, D]
        Norm[] norm = new Norm[layers - 1];
        NDArray[] input = new NDArray[layers];
        norm[0] = Norm.forward(x.matMul(weight[0]), 0, gamma[0], beta[0], this);
        NDArray a = towers == 1 ? norm[0].act : norm[0].act.reshape(b, towers, hidden).transpose(1, 0, 2);
        int axis = towers == 1 ? 0 : 1;
        input[1] = a;
        for (int l = 1; l < layers - 1; l++) {
            norm[l] = Norm.forward(a.matMul(weight[l]), axis, gamma[l], beta[l], this); // bias left out
            a = norm[l].act;
            input[l + 1] = a;
        }
        NDArray s = a.matMul(weight[layers - 1]).addi(outBias).getNDArrayInternal().sigmoid();
        NDArray diff = s.sub(y);
        NDArray loss = diff.abs().mean();

        // Backward.
        Map<String, NDArray> g = new HashMap<>();
        // d|s - y|/ds = sign, ds/dz = s(1 - s), and the mean divides by B * bits.
        NDArray dz = diff.signi().muli(s.sub(s.square())).muli(invN);
        g.put("weight" + (layers - 1), transposeBatch(input[layers - 1]).matMul(dz));
        g.put("bias" + (layers - 1), dz.sum(new int[] {axis}, true));
        NDArray da = dz.matMul(weightT[layers - 1]);
        for (int l = layers - 2; l >= 0; l--) {
            if (l == 0 && towers > 1) {
                da = da.transpose(1, 0, 2).reshape(b, (long) towers * hidden); // back to [B, T*h]
            }
            NDArray[] d = norm[l].backward(da, minusInvB);
            g.put("gamma" + l, d[1]);
            g.put("beta" + l, d[2]);
            g.put("bias" + l, zeroBias.get("bias" + l));
            if (l > 0) {
                g.put("weight" + l, transposeBatch(input[l]).matMul(d[0]));
                da = d[0].matMul(weightT[l]);
            } else {
                g.put("weight0", x.transpose().matMul(d[0])); // [D, B] x [B, T*h]
                // [B, T*h] x [T*h, D] sums the towers' gradients for the shared embedding in the matmul.
                g.put("embedding", zeroEmbedding.scatter(rows, d[0].matMul(weightT[0]), 0));
            }
        }
        NDList flat = new NDList(layout.names().size());
        for (String name : layout.names()) {
            flat.add(g.get(name).reshape(-1));
        }
        return new NDList(loss, NDArrays.concat(flat));
    }

    /** [B, h] -> [h, B] for mt; [T, B, h] -> [T, h, B] for st. */
    private NDArray transposeBatch(NDArray a) {
        return towers == 1 ? a.transpose() : a.transpose(0, 2, 1);
    }

    /**
     * BatchNorm on batch statistics followed by ReLU over axis {@code axis}, keeping what its backward needs.
     * The backward uses the centred input c = z - mean rather than the normalised one, so the large arrays are
     * touched as few times as possible: with inv = 1/sqrt(var + eps), scale = gamma * inv, dbeta = sum(dy),
     * S = sum(dy * c): dgamma = inv * S and dz = scale * dy - c * scale * inv^2 * S / B - scale * dbeta / B.
     */
    private static final class Norm {
        final int[] axis;
        final NDArray c;
        final NDArray inv;
        final NDArray scale;
        final NDArray act;

        private Norm(int[] axis, NDArray c, NDArray inv, NDArray scale, NDArray act) {
            this.axis = axis;
            this.c = c;
            this.inv = inv;
            this.scale = scale;
            this.act = act;
        }

        static Norm forward(NDArray z, int axis, NDArray gamma, NDArray beta, HandGradients k) {
            int[] ax = {axis};
            NDArray c = z.subi(z.mean(ax, true));
            NDArray inv = c.square().mean(ax, true).addi(k.eps).pow(k.minusHalf);
            NDArray scale = inv.mul(gamma);
            NDArray act = c.mul(scale).addi(beta).getNDArrayInternal().relu();
            return new Norm(ax, c, inv, scale, act);
        }

        /** Returns {dz, dgamma, dbeta} for the gradient {@code da} of the ReLU output. */
        NDArray[] backward(NDArray da, NDArray minusInvB) {
            NDArray dy = da.muli(act.sign()); // ReLU passes where its output is > 0
            NDArray dbeta = dy.sum(axis, true);
            NDArray dgamma = dy.mul(c).sum(axis, true).muli(inv);
            NDArray k2 = scale.mul(inv).muli(dgamma).muli(minusInvB);
            NDArray k3 = scale.mul(dbeta).muli(minusInvB);
            NDArray dz = dy.mul(scale).addi(c.muli(k2)).addi(k3);
            return new NDArray[] {dz, dgamma, dbeta};
        }
    }
}

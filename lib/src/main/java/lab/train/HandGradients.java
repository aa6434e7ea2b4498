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
 * <p>Activations are feature-major, [T, h, B] (mt: [h, B]; layer 0 of all towers: [T*h, B]), the transpose of
 * {@link TowerPass}'s [T, B, h]. Measured with oneMKL inside DJL's libtorch: the narrow products of the output
 * layer ([B, h] x [h, 1] per tower, [B, h] x [h, 10] for mt) and their gradients run 3-7x faster as
 * [1, h] x [h, B] than as [B, h] x [h, 1], layer 0's towers split and join by a free reshape instead of a
 * transposed copy, and BatchNorm reduces along the contiguous axis. Weights keep the layout's [in, out]
 * storage and are read through transposed views.
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
    /** Layer weights as stored, [in, out] per tower (layer 0: [D, T*h]; mt: 2-D). */
    private final NDArray[] weight;
    /** Transposed views of {@link #weight}, [out, in] per tower. */
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
                // [T, 1, h] stored; feature-major wants a column per unit: [T*h, 1] (layer 0, mt) or [T, h, 1]
                gamma[l] = column(p.gamma(l), l, th);
                beta[l] = column(p.beta(l), l, th);
                zeroBias.put("bias" + l, manager.zeros(layout.shape("bias" + l)));
            }
        }
        outBias = towers == 1 ? p.bias(layers - 1).reshape(bits, 1) : p.bias(layers - 1).reshape(towers, 1, 1);
        zeroEmbedding = manager.zeros(layout.shape("embedding"));
        eps = manager.create(TowerPass.BN_EPS);
        minusHalf = manager.create(-0.5f);
    }

    private NDArray column(NDArray stored, int l, long th) {
        if (l == 0) {
            return stored.reshape(th, 1);
        }
        return towers == 1 ? stored.reshape(hidden, 1) : stored.reshape(towers, hidden, 1);
    }

    /**
     * Returns the targets of an epoch or batch laid out bit-major, [bits, B], from its rows of the code table
     * ([B, bits] row-major, 0/1). A batch is a slice along axis 1.
     */
    public static NDArray towerTargets(NDManager manager, float[] rows, int batch, TowerNet.Spec spec) {
        int k = spec.bits();
        float[] v = new float[rows.length];
        for (int r = 0; r < batch; r++) {
            for (int j = 0; j < k; j++) {
                v[j * batch + r] = rows[r * k + j];
            }
        }
        return manager.create(v, new Shape(k, batch));
    }

    /**
     * Returns {loss (scalar), gradient [layout size]} of the L1 loss, mean over batch and bits.
     *
     * @param rows the batch's indices repeated across the embedding width, int64 [B, D] (gather and scatter
     *     use them; indices within a batch are distinct, as shuffling draws without replacement)
     * @param targets the batch's targets as {@link #towerTargets} lays them out, [bits, B]
     */
    public NDList lossAndGradient(NDArray rows, NDArray targets) {
        int b = (int) rows.getShape().get(0);
        NDArray[] k = perBatchSize.computeIfAbsent(b, n -> {
            NDArray[] c = {manager.create(-1f / n), manager.create(1f / ((float) n * bits))};
            NDScope.unregister(c); // constants of the run, not of the step that first needed them
            return c;
        });
        NDArray minusInvB = k[0];
        NDArray invN = k[1];
        NDArray y = towers == 1 ? targets : targets.reshape(towers, 1, b);

        // Forward. Layer 0 runs all towers in one matmul, [T*h, D] x [D, B]; later layers are [T, h, B]
        // (mt: [h, B]).
        NDArray x = embedding.gather(rows, 0); // [B, D]
        Norm[] norm = new Norm[layers - 1];
        NDArray[] input = new NDArray[layers];
        norm[0] = Norm.forward(weightT[0].matMul(x.transpose()), gamma[0], beta[0], this);
        NDArray a = towers == 1 ? norm[0].act : norm[0].act.reshape(towers, hidden, b);
        input[1] = a;
        for (int l = 1; l < layers - 1; l++) {
            norm[l] = Norm.forward(weightT[l].matMul(a), gamma[l], beta[l], this); // bias left out
            a = norm[l].act;
            input[l + 1] = a;
        }
        NDArray s = weightT[layers - 1].matMul(a).addi(outBias).getNDArrayInternal().sigmoid();
        NDArray diff = s.sub(y);
        NDArray loss = diff.abs().mean();

        // Backward.
        Map<String, NDArray> g = new HashMap<>();
        // d|s - y|/ds = sign, ds/dz = s(1 - s), and the mean divides by B * bits.
        NDArray dz = diff.signi().muli(s.sub(s.square())).muli(invN);
        g.put("weight" + (layers - 1), input[layers - 1].matMul(transposeLast(dz)));
        g.put("bias" + (layers - 1), dz.sum(new int[] {-1}, true));
        NDArray da = weight[layers - 1].matMul(dz);
        for (int l = layers - 2; l >= 0; l--) {
            if (l == 0 && towers > 1) {
                da = da.reshape((long) towers * hidden, b); // back to [T*h, B]
            }
            NDArray[] d = norm[l].backward(da, minusInvB);
            g.put("gamma" + l, d[1]);
            g.put("beta" + l, d[2]);
            g.put("bias" + l, zeroBias.get("bias" + l));
            if (l > 0) {
                g.put("weight" + l, input[l].matMul(transposeLast(d[0])));
                da = weight[l].matMul(d[0]);
            } else {
                g.put("weight0", x.transpose().matMul(d[0].transpose())); // [D, B] x [B, T*h]
                // [D, T*h] x [T*h, B] sums the towers' gradients for the shared embedding in the matmul.
                g.put("embedding", zeroEmbedding.scatter(rows, weight[0].matMul(d[0]).transpose(), 0));
            }
        }
        NDList flat = new NDList(layout.names().size());
        for (String name : layout.names()) {
            flat.add(g.get(name).reshape(-1));
        }
        return new NDList(loss, NDArrays.concat(flat));
    }

    /** [o, B] -> [B, o] for mt; [T, o, B] -> [T, B, o] for st (views). */
    private NDArray transposeLast(NDArray a) {
        return towers == 1 ? a.transpose() : a.transpose(0, 2, 1);
    }

    /**
     * BatchNorm on batch statistics (over the last axis, the batch) followed by ReLU, keeping what its backward
     * needs.
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

        static Norm forward(NDArray z, NDArray gamma, NDArray beta, HandGradients k) {
            int[] ax = {-1};
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

package lab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.LinkedHashMap;
import java.util.Map;
import lab.model.TowerLayout;
import lab.model.TowerNet;
import lab.model.TowerParams;
import lab.model.TowerPass;

/**
 * One training step's loss and gradient for the plain st/mt networks, with the backward pass written out
 * by hand. Why not DJL autograd: the PyTorch engine's {@code GradientCollector} is global to the JVM, so two
 * runs could not train in two threads of one JVM (two cores here give ~1.7x), and its gradients would have
 * to be read, copied and cleared each step. The hand backward is proven equal to autograd on
 * {@link TowerPass} by {@code HandGradientsTest}.
 *
 * <p>The biases of the Linear layers that feed a BatchNorm are left out of the computation: BatchNorm
 * subtracts the batch mean, so they change nothing and their gradient is exactly zero (autograd returns
 * rounding noise ~1e-9). They stay in the flat parameters with a zero gradient.
 */
public final class HandGradients {

    private final TowerNet.Spec spec;
    private final TowerLayout layout;
    private final Map<String, NDArray> zeros = new LinkedHashMap<>();

    /**
     * Returns a gradient source for this network; the zero gradients of the BatchNorm-fed biases are kept in
     * {@code manager} (the run's base manager).
     *
     * @throws IllegalArgumentException if the network has an mt variant (those train through autograd)
     */
    public HandGradients(TowerNet net, NDManager manager) {
        this.spec = net.spec();
        if (spec.hasVariants()) {
            throw new IllegalArgumentException("the hand-written backward covers plain st/mt only, not " + spec.describe());
        }
        this.layout = net.layout();
        for (int l = 0; l < spec.layers() - 1; l++) {
            zeros.put("bias" + l, manager.zeros(layout.shape("bias" + l)));
        }
    }

    /**
     * Returns {loss (scalar), gradient [layout size]} of the L1 loss, mean over batch and bits, of the network
     * {@code p} on the indices {@code idx} (int64 [B]) against {@code targets} (all codes' bits, [2^bits, bits]).
     * New arrays belong to the caller's scope.
     */
    public NDList lossAndGradient(TowerParams p, NDArray idx, NDArray targets) {
        int layers = spec.layers();
        int towers = spec.baseTowers();
        int h = spec.hiddenUnits();
        int b = (int) idx.size();
        float n = (float) b * spec.bits();

        // Forward. Layer 0 runs all towers in one matmul, [B, D] x [D, T*h]; later layers are [T, B, h].
        NDArray x = p.embedding().get(idx); // [B, D]
        Norm[] norm = new Norm[layers - 1];
        norm[0] = Norm.forward(x.matMul(p.weight(0)), 0, p.gamma(0).reshape(1, (long) towers * h),
                p.beta(0).reshape(1, (long) towers * h)); // [B, T*h]
        NDArray a = towerMajor(norm[0].act, b, towers, h);
        NDArray[] input = new NDArray[layers];
        input[1] = a;
        for (int l = 1; l < layers - 1; l++) {
            norm[l] = Norm.forward(a.matMul(p.weight(l)), 1, p.gamma(l), p.beta(l)); // bias left out, see above
            a = norm[l].act;
            input[l + 1] = a;
        }
        NDArray s = a.matMul(p.weight(layers - 1)).add(p.bias(layers - 1)).getNDArrayInternal().sigmoid();
        NDArray y = targets.get(idx); // [B, bits]
        y = towers == 1 ? y.reshape(1, b, spec.bits()) : y.transpose().reshape(towers, b, 1);
        NDArray diff = s.sub(y); // [T, B, O]
        NDArray loss = diff.abs().mean();

        // Backward.
        Map<String, NDArray> g = new LinkedHashMap<>();
        // d|s - y|/ds = sign, ds/dz = s(1 - s), and the mean divides by B * bits.
        NDArray dz = diff.sign().mul(s.sub(s.square())).muli(1f / n);
        g.put("weight" + (layers - 1), input[layers - 1].transpose(0, 2, 1).matMul(dz));
        g.put("bias" + (layers - 1), dz.sum(new int[] {1}, true));
        NDArray da = dz.matMul(p.weight(layers - 1).transpose(0, 2, 1)); // [T, B, h]
        for (int l = layers - 2; l >= 0; l--) {
            if (l == 0) {
                da = da.transpose(1, 0, 2).reshape(b, (long) towers * h); // back to [B, T*h]
            }
            NDArray[] d = norm[l].backward(da, b);
            g.put("gamma" + l, d[1].reshape(layout.shape("gamma" + l)));
            g.put("beta" + l, d[2].reshape(layout.shape("beta" + l)));
            g.put("bias" + l, zeros.get("bias" + l));
            if (l > 0) {
                g.put("weight" + l, input[l].transpose(0, 2, 1).matMul(d[0]));
                da = d[0].matMul(p.weight(l).transpose(0, 2, 1));
            } else {
                g.put("weight0", x.transpose().matMul(d[0])); // [D, B] x [B, T*h]
                // [B, T*h] x [T*h, D] sums the towers' gradients for the shared embedding in the matmul.
                NDArray dx = d[0].matMul(p.weight(0).transpose());
                NDArray ge = idx.getManager().zeros(layout.shape("embedding"));
                ge.set(new NDIndex("{}", idx), dx); // indices within a batch are distinct (no replacement)
                g.put("embedding", ge);
            }
        }

        NDList flat = new NDList();
        for (String name : layout.names()) {
            flat.add(g.get(name).reshape(-1));
        }
        return new NDList(loss, NDArrays.concat(flat));
    }

    /** [B, T*h] -> [T, B, h], a strided view the batched matmul reads directly. */
    private static NDArray towerMajor(NDArray a, int b, int towers, int h) {
        return a.reshape(b, towers, h).transpose(1, 0, 2);
    }

    /**
     * BatchNorm on batch statistics followed by ReLU, over axis {@code axis} of z, keeping what its backward
     * needs. The backward is written with the centred input c = z - mean rather than the normalised one, so
     * the large arrays are touched as few times as possible: with inv = 1/sqrt(var + eps), scale = gamma * inv,
     * dbeta = sum(dy), S = sum(dy * c): dgamma = inv * S and dz = scale * dy - c * scale * inv^2 * S / B
     * - scale * dbeta / B.
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

        static Norm forward(NDArray z, int axis, NDArray gamma, NDArray beta) {
            int[] ax = {axis};
            NDArray c = z.sub(z.mean(ax, true));
            NDArray inv = c.square().mean(ax, true).add(TowerPass.BN_EPS).pow(-0.5f);
            NDArray scale = inv.mul(gamma);
            NDArray act = c.mul(scale).addi(beta).maximum(0f);
            return new Norm(ax, c, inv, scale, act);
        }

        /** Returns {dz, dgamma, dbeta} for the gradient {@code da} of the ReLU output. */
        NDArray[] backward(NDArray da, int b) {
            NDArray dy = da.mul(act.sign()); // ReLU passes where its output is > 0
            NDArray dbeta = dy.sum(axis, true);
            NDArray sum = dy.mul(c).sum(axis, true);
            NDArray dgamma = inv.mul(sum);
            NDArray k2 = scale.mul(inv).muli(dgamma).muli(-1f / b);
            NDArray k3 = scale.mul(dbeta).muli(-1f / b);
            NDArray dz = dy.mul(scale).addi(c.mul(k2)).addi(k3);
            return new NDArray[] {dz, dgamma, dbeta};
        }
    }
}

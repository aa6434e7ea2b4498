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
        long b = idx.size();
        float n = b * spec.bits();
        int[] batchAxis = {1};

        NDArray x = p.embedding().get(idx); // [B, D]
        NDArray[] input = new NDArray[layers];
        NDArray[] zhat = new NDArray[layers - 1];
        NDArray[] inv = new NDArray[layers - 1];
        NDArray[] act = new NDArray[layers - 1];
        NDArray a = x;
        for (int l = 0; l < layers - 1; l++) {
            input[l] = a;
            NDArray z = a.matMul(p.weight(l)); // [T, B, h]; bias left out (see class comment)
            NDArray c = z.sub(z.mean(batchAxis, true));
            inv[l] = c.square().mean(batchAxis, true).add(TowerPass.BN_EPS).pow(-0.5f); // [T, 1, h]
            zhat[l] = c.mul(inv[l]);
            act[l] = zhat[l].mul(p.gamma(l)).add(p.beta(l)).maximum(0f);
            a = act[l];
        }
        input[layers - 1] = a;
        NDArray s = a.matMul(p.weight(layers - 1)).add(p.bias(layers - 1)).getNDArrayInternal().sigmoid();
        NDArray y = targets.get(idx); // [B, bits]
        y = towers == 1 ? y.reshape(1, b, spec.bits()) : y.transpose().reshape(towers, b, 1);
        NDArray diff = s.sub(y); // [T, B, O]
        NDArray loss = diff.abs().mean();

        Map<String, NDArray> g = new LinkedHashMap<>();
        // d|s - y|/ds = sign, ds/dz = s(1 - s), and the mean divides by B * bits.
        NDArray dz = diff.sign().mul(s.sub(s.square())).muli(1f / n);
        g.put("weight" + (layers - 1), input[layers - 1].transpose(0, 2, 1).matMul(dz));
        g.put("bias" + (layers - 1), dz.sum(batchAxis, true));
        NDArray da = dz.matMul(p.weight(layers - 1).transpose(0, 2, 1));
        NDArray dx = null;
        for (int l = layers - 2; l >= 0; l--) {
            NDArray dy = da.mul(act[l].sign()); // ReLU passes where its output is > 0
            NDArray dbeta = dy.sum(batchAxis, true);
            NDArray dgamma = dy.mul(zhat[l]).sum(batchAxis, true);
            // BatchNorm (batch statistics, biased variance): dz = gamma*inv*(dy - mean(dy) - zhat*mean(dy*zhat)).
            NDArray dzl = dy.sub(dbeta.div(b)).sub(zhat[l].mul(dgamma.div(b))).mul(inv[l].mul(p.gamma(l)));
            g.put("gamma" + l, dgamma);
            g.put("beta" + l, dbeta);
            g.put("bias" + l, zeros.get("bias" + l));
            NDArray wt = p.weight(l).transpose(0, 2, 1);
            if (l > 0) {
                g.put("weight" + l, input[l].transpose(0, 2, 1).matMul(dzl));
                da = dzl.matMul(wt);
            } else {
                g.put("weight0", x.transpose().matMul(dzl)); // [D, B] x [T, B, h] -> [T, D, h]
                dx = dzl.matMul(wt).sum(new int[] {0}); // the towers share the embedding: sum their gradients
            }
        }
        NDArray ge = idx.getManager().zeros(layout.shape("embedding"));
        ge.set(new NDIndex("{}", idx), dx); // indices within a batch are distinct (shuffled without replacement)
        g.put("embedding", ge);

        NDList flat = new NDList();
        for (String name : layout.names()) {
            flat.add(g.get(name).reshape(-1));
        }
        return new NDList(loss, NDArrays.concat(flat));
    }
}

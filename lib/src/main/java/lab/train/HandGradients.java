package lab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntSupplier;
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
public final class HandGradients implements AutoCloseable {

    private final TowerLayout layout;
    private final int layers;
    private final int towers;
    private final int hidden;
    private final int bits;
    private final NDArray embedding;
    private final NDArray weight0;
    private final NDArray zeroEmbedding;
    /** The zero gradients of the Linear biases that feed a BatchNorm, by name (see the class comment). */
    private final Map<String, NDArray> zeroBias = new HashMap<>();
    private final NDManager manager;
    private final NDArray eps;
    private final NDArray minusHalf;
    private final Map<Integer, NDArray[]> perBatchSize = new HashMap<>();
    private final TowerParams params;
    /** The towers split into n groups, by n (made when a step first asks for n threads). */
    private final Map<Integer, List<Group>> groupings = new HashMap<>();
    private final IntSupplier threads;
    private Workers workers;

    /** Returns the gradient source of {@link #HandGradients(TowerNet, TowerParams, NDManager, int)} on one thread. */
    public HandGradients(TowerNet net, TowerParams p, NDManager manager) {
        this(net, p, manager, 1);
    }

    /**
     * Returns a gradient source for the network whose parameters are {@code p} (views of the flat array the
     * optimiser updates in place, so views made here stay current); constants live in {@code manager}.
     *
     * <p>With {@code threads} > 1 the towers of st are split into that many groups (at most one per tower)
     * computed on as many threads, so one run can use several cores; each op then wants one intra-op thread.
     * Every tower's values are computed by the same ops on the same rows in any grouping and joined by
     * concatenation, so the numbers do not depend on {@code threads} ({@code HandGradientsTest} checks that they
     * are bit for bit the same). mt has one tower and ignores {@code threads}.
     *
     * @throws IllegalArgumentException if the network has an mt variant (those train through autograd)
     */
    public HandGradients(TowerNet net, TowerParams p, NDManager manager, int threads) {
        this(net, p, manager, checkThreads(threads));
    }

    /**
     * Returns the gradient source of {@link #HandGradients(TowerNet, TowerParams, NDManager, int)} whose thread
     * count is asked of {@code threads} at every step (values below 1 mean 1), so a run can take a core that
     * another run has freed; the numbers are the same whatever it answers, step by step.
     */
    public HandGradients(TowerNet net, TowerParams p, NDManager manager, IntSupplier threads) {
        TowerNet.Spec spec = net.spec();
        if (spec.hasVariants()) {
            throw new IllegalArgumentException(
                    "the hand-written backward covers plain st/mt only, not " + spec.describe());
        }
        this.threads = threads;
        this.params = p;
        this.manager = manager;
        this.layout = net.layout();
        this.layers = spec.layers();
        this.towers = spec.baseTowers();
        this.hidden = spec.hiddenUnits();
        this.bits = spec.bits();
        this.embedding = p.embedding();
        this.weight0 = p.weight(0);
        zeroEmbedding = manager.zeros(layout.shape("embedding"));
        eps = manager.create(TowerPass.BN_EPS);
        minusHalf = manager.create(-0.5f);
        for (int l = 0; l < layers - 1; l++) {
            zeroBias.put("bias" + l, manager.zeros(layout.shape("bias" + l)));
        }
        groupings.put(1, List.of(new Group(p, 0, towers)));
    }

    private static IntSupplier checkThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        return () -> threads;
    }

    /** Returns the towers in {@code count} groups of near-equal size; their views outlive the caller's scope. */
    private List<Group> groupsOf(int count) {
        return groupings.computeIfAbsent(count, n -> {
            List<Group> gs = new ArrayList<>();
            for (int g = 0; g < n; g++) {
                Group group = new Group(params, towers * g / n, towers * (g + 1) / n);
                group.forEach(NDScope::unregister); // made during a step; they belong to the run
                gs.add(group);
            }
            return List.copyOf(gs);
        });
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
        NDArray x = embedding.gather(rows, 0); // [B, D]
        List<Pass> passes = run(x, targets, k[0], k[1]);
        // Join: arrays are concatenated along the tower axis, so each value is computed as without groups.
        Pass first = passes.get(0);
        NDArray loss = passes.size() == 1 ? first.absError().mean()
                : NDArrays.concat(list(passes, Pass::absError)).mean();
        NDArray d0 = passes.size() == 1 ? first.d0() : NDArrays.concat(list(passes, Pass::d0));
        NDList flat = new NDList(layout.names().size());
        for (String name : layout.names()) {
            if (name.equals("embedding")) {
                // [D, T*h] x [T*h, B] sums the towers' gradients for the shared embedding in the matmul.
                flat.add(zeroEmbedding.scatter(rows, weight0.matMul(d0).transpose(), 0).reshape(-1));
            } else if (zeroBias.containsKey(name)) {
                flat.add(zeroBias.get(name).reshape(-1));
            } else if (passes.size() == 1) {
                flat.add(first.grads().get(name).reshape(-1));
            } else {
                // weight0 is [D, T*h]: its towers sit in columns; every other parameter leads with the tower axis
                int axis = name.equals("weight0") ? 1 : 0;
                flat.add(NDArrays.concat(list(passes, q -> q.grads().get(name)), axis).reshape(-1));
            }
        }
        return new NDList(loss, NDArrays.concat(flat));
    }

    /**
     * Runs each group's pass, one group per thread the supplier grants this step (at most one per tower), on
     * the pool when there are several; the results belong to the caller's scope.
     */
    private List<Pass> run(NDArray x, NDArray targets, NDArray minusInvB, NDArray invN) {
        List<Group> groups = groupsOf(Math.max(1, Math.min(threads.getAsInt(), towers)));
        if (groups.size() == 1) {
            return List.of(groups.get(0).pass(x, targets, minusInvB, invN));
        }
        if (workers == null) {
            workers = new Workers("tower-group", 0);
        }
        List<Future<Pass>> futures = new ArrayList<>();
        for (Group g : groups) {
            futures.add(workers.submit(() -> {
                // a worker's temporaries close with its own scope; what it returns moves to the caller's
                try (NDScope scope = new NDScope()) {
                    Pass q = g.pass(x, targets, minusInvB, invN);
                    q.forEach(NDScope::unregister);
                    return q;
                }
            }));
        }
        List<Pass> out = workers.results(futures);
        out.forEach(q -> q.forEach(NDScope::register));
        return out;
    }

    private static NDList list(List<Pass> passes, Function<Pass, NDArray> part) {
        NDList l = new NDList(passes.size());
        passes.forEach(q -> l.add(part.apply(q)));
        return l;
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.close();
        }
    }

    /**
     * One group's results: |s - y| [n, o, B] (mt: [bits, B]), the gradient of layer 0's pre-BatchNorm output
     * [n*h, B] (for the embedding's gradient, taken after the join), and the gradient of every other parameter
     * but the zero ones, by name.
     */
    private record Pass(NDArray absError, NDArray d0, Map<String, NDArray> grads) {
        void forEach(Consumer<NDArray> action) {
            action.accept(absError);
            action.accept(d0);
            grads.values().forEach(action);
        }
    }

    /** The towers [from, to): views of their parameters, feature-major. */
    private final class Group {
        private final int n;
        private final int from;
        /** Layer weights as stored, [in, out] per tower (layer 0: [D, n*h]; mt: 2-D). */
        private final NDArray[] weight = new NDArray[layers];
        /** Transposed views of {@link #weight}, [out, in] per tower. */
        private final NDArray[] weightT = new NDArray[layers];
        private final NDArray[] gamma = new NDArray[layers - 1];
        private final NDArray[] beta = new NDArray[layers - 1];
        private final NDArray outBias;

        /** Passes each of the group's views to {@code action}. */
        void forEach(Consumer<NDArray> action) {
            for (NDArray[] arrays : new NDArray[][] {weight, weightT, gamma, beta}) {
                for (NDArray a : arrays) {
                    action.accept(a);
                }
            }
            action.accept(outBias);
        }

        Group(TowerParams p, int from, int to) {
            this.n = to - from;
            this.from = from;
            long nh = (long) n * hidden;
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
                    weight[l] = towersOf(w); // [n, in, out]
                    weightT[l] = weight[l].transpose(0, 2, 1);
                }
                if (l < layers - 1) {
                    // [T, 1, h] stored; feature-major wants a column per unit: [n*h, 1] (layer 0, mt) or [n, h, 1]
                    gamma[l] = column(towersOf(p.gamma(l)), l, nh);
                    beta[l] = column(towersOf(p.beta(l)), l, nh);
                }
            }
            NDArray b = towersOf(p.bias(layers - 1));
            outBias = towers == 1 ? b.reshape(bits, 1) : b.reshape(n, 1, 1);
        }

        private NDArray towersOf(NDArray a) {
            return n == towers ? a : a.get(new NDIndex().addSliceDim(from, from + n));
        }

        private NDArray column(NDArray stored, int l, long nh) {
            if (l == 0) {
                return stored.reshape(nh, 1);
            }
            return towers == 1 ? stored.reshape(hidden, 1) : stored.reshape(n, hidden, 1);
        }

        /** Returns this group's forward and backward pass on the batch's embedding rows {@code x} [B, D]. */
        Pass pass(NDArray x, NDArray targets, NDArray minusInvB, NDArray invN) {
            int b = (int) x.getShape().get(0);
            NDArray y = towers == 1 ? targets
                    : targets.get(new NDIndex().addSliceDim(from, from + n)).reshape(n, 1, b);

            // Forward. Layer 0 runs the group's towers in one matmul, [n*h, D] x [D, B]; later layers are
            // [n, h, B] (mt: [h, B]).
            Norm[] norm = new Norm[layers - 1];
            NDArray[] input = new NDArray[layers];
            norm[0] = Norm.forward(weightT[0].matMul(x.transpose()), gamma[0], beta[0], HandGradients.this);
            NDArray a = towers == 1 ? norm[0].act : norm[0].act.reshape(n, hidden, b);
            input[1] = a;
            for (int l = 1; l < layers - 1; l++) {
                norm[l] = Norm.forward(weightT[l].matMul(a), gamma[l], beta[l], HandGradients.this); // bias left out
                a = norm[l].act;
                input[l + 1] = a;
            }
            NDArray s = weightT[layers - 1].matMul(a).addi(outBias).getNDArrayInternal().sigmoid();
            NDArray diff = s.sub(y);
            NDArray absError = diff.abs();

            // Backward.
            Map<String, NDArray> g = new HashMap<>();
            // d|s - y|/ds = sign, ds/dz = s(1 - s), and the mean divides by B * bits.
            NDArray dz = diff.signi().muli(s.sub(s.square())).muli(invN);
            g.put("weight" + (layers - 1), input[layers - 1].matMul(transposeLast(dz)));
            g.put("bias" + (layers - 1), dz.sum(new int[] {-1}, true));
            NDArray da = weight[layers - 1].matMul(dz);
            NDArray d0 = null;
            for (int l = layers - 2; l >= 0; l--) {
                if (l == 0 && towers > 1) {
                    da = da.reshape((long) n * hidden, b); // back to [n*h, B]
                }
                NDArray[] d = norm[l].backward(da, minusInvB);
                g.put("gamma" + l, d[1]);
                g.put("beta" + l, d[2]);
                if (l > 0) {
                    g.put("weight" + l, input[l].matMul(transposeLast(d[0])));
                    da = weight[l].matMul(d[0]);
                } else {
                    g.put("weight0", x.transpose().matMul(d[0].transpose())); // [D, B] x [B, n*h]
                    d0 = d[0];
                }
            }
            return new Pass(absError, d0, g);
        }

        /** [o, B] -> [B, o] for mt; [n, o, B] -> [n, B, o] for st (views). */
        private NDArray transposeLast(NDArray a) {
            return towers == 1 ? a.transpose() : a.transpose(0, 2, 1);
        }
    }

    /**
     * BatchNorm on batch statistics (over the last axis, the batch) followed by ReLU, keeping what its backward
     * needs.
     * The backward uses the centred input c = z - mean rather than the normalised one, so the large arrays are
     * touched as few times as possible: with inv = 1/sqrt(var + eps), scale = gamma * inv, dbeta = sum(dy),
     * S = sum(dy * c): dgamma = inv * S and dz = scale * dy - c * scale * inv^2 * S / B - scale * dbeta / B.
     */
    private static final class Norm {
        /** The batch axis, over which the statistics are taken. */
        private static final int[] BATCH = {-1};
        final NDArray c;
        final NDArray inv;
        final NDArray scale;
        final NDArray act;

        private Norm(NDArray c, NDArray inv, NDArray scale, NDArray act) {
            this.c = c;
            this.inv = inv;
            this.scale = scale;
            this.act = act;
        }

        static Norm forward(NDArray z, NDArray gamma, NDArray beta, HandGradients k) {
            NDArray c = z.subi(z.mean(BATCH, true));
            NDArray inv = c.square().mean(BATCH, true).addi(k.eps).pow(k.minusHalf);
            NDArray scale = inv.mul(gamma);
            NDArray act = c.mul(scale).addi(beta).getNDArrayInternal().relu();
            return new Norm(c, inv, scale, act);
        }

        /** Returns {dz, dgamma, dbeta} for the gradient {@code da} of the ReLU output. */
        NDArray[] backward(NDArray da, NDArray minusInvB) {
            NDArray dy = da.muli(act.sign()); // ReLU passes where its output is > 0
            NDArray dbeta = dy.sum(BATCH, true);
            NDArray dgamma = dy.mul(c).sum(BATCH, true).muli(inv);
            NDArray k2 = scale.mul(inv).muli(dgamma).muli(minusInvB);
            NDArray k3 = scale.mul(dbeta).muli(minusInvB);
            NDArray dz = dy.mul(scale).addi(c.muli(k2)).addi(k3);
            return new NDArray[] {dz, dgamma, dbeta};
        }
    }
}

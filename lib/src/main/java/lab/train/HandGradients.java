package lab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntSupplier;
import lab.fused.BatchNormPasses;
import lab.loop.Workers;
import lab.model.TowerLayout;
import lab.model.TowerNet;
import lab.model.TowerParams;
import lab.model.TowerPass;

/**
 * One training step's loss and gradient for the sweep's networks (st, mt and the note's mt variants: loss-drop,
 * per-task filter, residual), with the backward pass written out by hand beside the network's one forward pass
 * ({@link TowerPass}, whose layout and bias-free hidden layers it follows). Why not DJL autograd: the PyTorch
 * engine's {@code GradientCollector} is global to the JVM, so two runs could not train in two threads of one JVM
 * (two cores here give ~1.7x), and on these small layers the cost is the number of ops per step, which a hand
 * backward keeps low (weight views and transposes made once per run, scalars created once, mt kept 2-D). It is
 * proven equal to autograd through the same {@link TowerPass} by {@code HandGradientsTest}.
 */
public final class HandGradients implements AutoCloseable {

    /** Rows libtorch's reductions along the last axis take as one block (see {@link #groupsOf}). */
    private static final int ROW_BLOCK = 16;
    /** The batch axis of feature-major activations, over which BatchNorm takes its statistics. */
    private static final int[] BATCH = {-1};

    private final TowerLayout layout;
    private final TowerNet.Spec spec;
    private final int layers;
    private final int towers;
    private final int hidden;
    private final int bits;
    private final NDArray embedding;
    private final NDArray weight0;
    private final NDArray zeroEmbedding;
    /** A hidden layer's filter bias offsets feed a BatchNorm too: zero gradient, [bits]. */
    private final NDArray zeroOffsets;
    /** The zero gradients of the Linear biases that feed a BatchNorm, by name (see the class comment). */
    private final Map<String, NDArray> zeroBias = new HashMap<>();
    private final NDManager manager;
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
     * are bit for bit the same). mt (with or without variants) computes one group and ignores {@code threads}.
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
        this.spec = spec;
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
        zeroOffsets = manager.zeros(new Shape(spec.bits()));
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

    /**
     * Returns the towers in at most {@code count} groups of near-equal size; their views outlive the caller's scope.
     * Groups start only at a tower whose first row (of the [T*h, B] activations) is a multiple of {@link #ROW_BLOCK},
     * and, with more than that many towers, at a multiple of it in towers too (the output layer's rows): libtorch
     * reduces along the batch axis in blocks of rows and sums the rows left over another way, so a group that ended
     * mid-block would give its last rows other bits than one group does (measured: 5 + 5 towers of width 8 differed
     * from 10 at the 6th step; {@code HandGradientsTest} trains every width with 2 and 3 groups and checks each bit).
     */
    private List<Group> groupsOf(int count) {
        int unit = ROW_BLOCK / gcd(hidden, ROW_BLOCK);
        if (towers > ROW_BLOCK) {
            unit = unit * ROW_BLOCK / gcd(unit, ROW_BLOCK);
        }
        int units = (towers + unit - 1) / unit;
        int n = Math.max(1, Math.min(count, units));
        int step = unit;
        return groupings.computeIfAbsent(n, k -> {
            List<Group> gs = new ArrayList<>();
            for (int g = 0; g < k; g++) {
                int from = Math.min(towers, units * g / k * step);
                int to = g == k - 1 ? towers : Math.min(towers, units * (g + 1) / k * step);
                Group group = new Group(params, from, to);
                group.forEach(NDScope::unregister); // made during a step; they belong to the run
                gs.add(group);
            }
            return List.copyOf(gs);
        });
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
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
        return lossAndGradient(rows, targets, null);
    }

    /**
     * Returns {@link #lossAndGradient(NDArray, NDArray)} with the loss-drop mask {@code dropMask} ([B, bits], scaled
     * by 1/(1-p); null for none) on the logits.
     */
    public NDList lossAndGradient(NDArray rows, NDArray targets, NDArray dropMask) {
        NDList parts = lossAndGradientParts(rows, targets, dropMask);
        return new NDList(parts.get(0), NDArrays.concat(parts.subNDList(1)));
    }

    /**
     * Returns {@link #lossAndGradient(NDArray, NDArray, NDArray)} with the gradient in parts: {loss, then flat
     * arrays in the layout's order, one per parameter, or per group of towers}, which laid end to end are the
     * gradient. The optimiser can read them where they are instead of a joined copy as large as the network.
     */
    public NDList lossAndGradientParts(NDArray rows, NDArray targets, NDArray dropMask) {
        int b = (int) rows.getShape().get(0);
        NDArray[] k = perBatchSize.computeIfAbsent(b, n -> {
            NDArray[] c = {manager.create(-1f / n), manager.create(1f / ((float) n * bits))};
            NDScope.unregister(c); // constants of the run, not of the step that first needed them
            return c;
        });
        NDArray x = embedding.gather(rows, 0); // [B, D]
        // Layer 0 of all towers first, as one product: its bits depend on its shape (see TowerPass#forwardFrom).
        NDArray layer0 = groupsOf(1).get(0).forward.first(x);
        if (spec.taskFilter()) {
            return filtered(rows, x, layer0, targets, dropMask, k[0], k[1]);
        }
        List<Pass> passes = run(x, layer0, targets, dropMask, k[0], k[1]);
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
            } else if (name.equals("weight0")) {
                flat.add(x.transpose().matMul(d0.transpose()).reshape(-1)); // [D, B] x [B, T*h], after the join
            } else if (zeroBias.containsKey(name)) {
                flat.add(zeroBias.get(name).reshape(-1));
            } else {
                // the groups' towers in order, tower axis first: end to end they are the parameter's gradient
                passes.forEach(q -> flat.add(q.grads().get(name).reshape(-1)));
            }
        }
        return lossThen(loss, flat);
    }

    /**
     * Runs each group's pass, one group per thread the supplier grants this step (at most one per tower), on
     * the pool when there are several; the results belong to the caller's scope.
     */
    private List<Pass> run(NDArray x, NDArray layer0, NDArray targets, NDArray dropMask, NDArray minusInvB,
            NDArray invN) {
        List<Group> groups = groupsOf(Math.max(1, threads.getAsInt()));
        if (groups.size() == 1) {
            return List.of(groups.get(0).pass(layer0, targets, dropMask, minusInvB, invN));
        }
        if (workers == null) {
            workers = new Workers("tower-group", 0);
        }
        List<Future<Pass>> futures = new ArrayList<>();
        for (Group g : groups) {
            futures.add(workers.submit(() -> {
                // a worker's temporaries close with its own scope; what it returns moves to the caller's
                try (NDScope scope = new NDScope()) {
                    Pass q = g.pass(layer0, targets, dropMask, minusInvB, invN);
                    q.forEach(NDScope::unregister);
                    return q;
                }
            }));
        }
        List<Pass> out = workers.results(futures);
        out.forEach(q -> q.forEach(NDScope::register));
        return out;
    }

    private static NDList lossThen(NDArray loss, NDList parts) {
        NDList out = new NDList(parts.size() + 1);
        out.add(loss);
        out.addAll(parts);
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

    /** The towers [from, to): their forward pass (views of their parameters) and its hand-written backward. */
    private final class Group {
        private final TowerPass forward;

        Group(TowerParams p, int from, int to) {
            forward = TowerPass.of(p, from, to);
        }

        /** Passes each array the group's forward made or viewed to {@code action}. */
        void forEach(Consumer<NDArray> action) {
            forward.forEach(action);
        }

        /**
         * Returns this group's forward (from layer 0's product of all towers, its BatchNorm on this group's rows)
         * and backward pass, down to the gradient of layer 0's pre-BatchNorm output (layer 0's weight gradient is
         * taken after the join, as one product).
         */
        Pass pass(NDArray layer0, NDArray targets, NDArray dropMask, NDArray minusInvB, NDArray invN) {
            int b = (int) targets.getShape().get(1);
            int n = forward.towers();
            int from = forward.from();
            NDArray y = towers == 1 ? targets
                    : targets.get(new NDIndex().addSliceDim(from, from + n)).reshape(n, 1, b);
            TowerPass.Trace t = forward.forwardFrom(layer0, dropMask);
            NDArray[] input = t.input();
            NDArray s = t.probabilities();
            NDArray diff = s.sub(y);
            NDArray absError = diff.abs();

            // Backward.
            Map<String, NDArray> g = new HashMap<>();
            NDArray dz = outputGradient(diff, s, dropMask, invN);
            g.put("weight" + (layers - 1), input[layers - 1].matMul(transposeLast(dz)));
            g.put("bias" + (layers - 1), dz.sum(new int[] {-1}, true));
            NDArray da = forward.weight(layers - 1).matMul(dz);
            // the residual adds layer 0's output to the last hidden one: its gradient reaches layer 0 twice
            NDArray residual = spec.residual() ? da.duplicate() : null;
            NDArray d0 = null;
            for (int l = layers - 2; l >= 0; l--) {
                if (l == 0 && residual != null) {
                    da = da.add(residual);
                }
                if (l == 0 && towers > 1) {
                    da = da.reshape((long) n * hidden, b); // back to [n*h, B]
                }
                NDArray[] d = backward(t.norm()[l], da, minusInvB);
                g.put("gamma" + l, d[1]);
                g.put("beta" + l, d[2]);
                if (l > 0) {
                    g.put("weight" + l, input[l].matMul(transposeLast(d[0])));
                    da = forward.weight(l).matMul(d[0]);
                } else {
                    d0 = d[0];
                }
            }
            return new Pass(absError, d0, g);
        }

        /** [o, B] -> [B, o] for mt; [n, o, B] -> [n, B, o] for st (views). */
        private NDArray transposeLast(NDArray a) {
            return towers == 1 ? a.transpose() : a.transpose(0, 2, 1);
        }

        /** The outputs' gradient: d|s - y|/ds = sign, ds/dz = s(1 - s), the mean divides by B * bits, the mask. */
        private NDArray outputGradient(NDArray diff, NDArray s, NDArray dropMask, NDArray invN) {
            NDArray dz = diff.signi().muli(s.sub(s.square())).muli(invN);
            return dropMask == null ? dz : dz.muli(forward.byOutput(dropMask));
        }
    }

    /**
     * The step of an mt network with the per-task filter: task t's tower has the shared weights plus its offsets
     * ({@link TowerPass}), so it is computed as the towers of st are, [bits, ., .], and each shared parameter's
     * gradient is the sum of the tasks' (an offset's: the sum of its task's weight gradient). One group.
     */
    private NDList filtered(NDArray rows, NDArray x, NDArray layer0, NDArray targets, NDArray dropMask,
            NDArray minusInvB, NDArray invN) {
        Group group = groupsOf(1).get(0);
        TowerPass pass = group.forward;
        int b = (int) x.getShape().get(0);
        int k = bits;
        int[] tasks = {0};
        int[] within = {1, 2};
        NDArray y = targets.reshape(k, 1, b);
        TowerPass.Trace t = pass.forwardFrom(layer0, dropMask);
        NDArray[] input = t.input();
        NDArray s = t.probabilities();
        NDArray diff = s.sub(y);
        NDArray loss = diff.abs().mean();
        Map<String, NDArray> g = new HashMap<>();
        NDArray[] filterWeight = new NDArray[layers];
        NDArray[] filterBias = new NDArray[layers];
        NDArray dz = group.outputGradient(diff, s, dropMask, invN); // [k, 1, B]
        NDArray dw = input[layers - 1].matMul(dz.transpose(0, 2, 1)); // [k, h, 1]: task t's column
        g.put("weight" + (layers - 1), dw.reshape(k, hidden).transpose().reshape(1, hidden, k));
        filterWeight[layers - 1] = dw.sum(within);
        NDArray db = dz.sum(new int[] {1, 2}); // [k]
        g.put("bias" + (layers - 1), db.reshape(1, 1, k));
        filterBias[layers - 1] = db;
        NDArray da = t.weightT()[layers - 1].transpose(0, 2, 1).matMul(dz); // [k, h, 1] x [k, 1, B]
        NDArray residual = spec.residual() ? da.duplicate() : null;
        NDArray d0 = null;
        for (int l = layers - 2; l >= 0; l--) {
            if (l == 0 && residual != null) {
                da = da.add(residual);
            }
            NDArray[] d = backward(t.norm()[l], da, minusInvB); // dz [k, h, B], dgamma and dbeta [k, h, 1]
            g.put("gamma" + l, d[1].sum(tasks).reshape(1, 1, hidden));
            g.put("beta" + l, d[2].sum(tasks).reshape(1, 1, hidden));
            filterBias[l] = zeroOffsets;
            if (l > 0) {
                NDArray w = input[l].matMul(d[0].transpose(0, 2, 1)); // [k, in, out]
                g.put("weight" + l, w.sum(tasks, true));
                filterWeight[l] = w.sum(within);
                da = t.weightT()[l].transpose(0, 2, 1).matMul(d[0]);
            } else {
                d0 = d[0];
            }
        }
        NDArray w0 = x.transpose().matMul(d0.transpose(0, 2, 1)); // [D, B] x [k, B, h] -> [k, D, h]
        g.put("weight0", w0.sum(tasks));
        filterWeight[0] = w0.sum(within);
        g.put("filterWeight", NDArrays.stack(new NDList(filterWeight)));
        g.put("filterBias", NDArrays.stack(new NDList(filterBias)));
        // Each task's layer-0 weights read the shared embedding rows: sum their gradients over the tasks.
        NDArray dx = t.weightT()[0].transpose(0, 2, 1).matMul(d0).sum(tasks); // [k, D, h] x [k, h, B] -> [D, B]
        NDList flat = new NDList(layout.names().size());
        for (String name : layout.names()) {
            if (name.equals("embedding")) {
                flat.add(zeroEmbedding.scatter(rows, dx.transpose(), 0).reshape(-1));
            } else if (zeroBias.containsKey(name)) {
                flat.add(zeroBias.get(name).reshape(-1));
            } else {
                flat.add(g.get(name).reshape(-1));
            }
        }
        return lossThen(loss, flat);
    }

    /**
     * Returns {dz, dgamma, dbeta} of a BatchNorm + ReLU for the gradient {@code da} of its output. It uses the
     * centred input c = z - mean rather than the normalised one, so the large arrays are touched as few times as
     * possible: with inv = 1/sqrt(var + eps), scale = gamma * inv, dbeta = sum(dy), S = sum(dy * c): dgamma =
     * inv * S and dz = scale * dy - c * scale * inv^2 * S / B - scale * dbeta / B. May overwrite {@code c}.
     */
    private static NDArray[] backward(TowerPass.Norm norm, NDArray da, NDArray minusInvB) {
        NDArray dy = da.muli(norm.act().sign()); // ReLU passes where its output is > 0
        NDArray dbeta = dy.sum(BATCH, true);
        NDArray dgamma = dy.mul(norm.c()).sum(BATCH, true).muli(norm.inv());
        NDArray k2 = norm.scale().mul(norm.inv()).muli(dgamma).muli(minusInvB);
        NDArray k3 = norm.scale().mul(dbeta).muli(minusInvB);
        NDArray dz = BatchNormPasses.inputGradient(dy, norm.scale(), norm.c(), k2, k3);
        return new NDArray[] {dz, dgamma, dbeta};
    }
}

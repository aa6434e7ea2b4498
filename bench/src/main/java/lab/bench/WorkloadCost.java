package lab.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The physical work of one epoch of a benchmark workload, counted from its shapes: the FLOPs of its matmuls and
 * the bytes its ops move, op by op, as an unfused framework (PyTorch's eager mode) runs the training step.
 *
 * <p>The model, per op: a matmul [m, k] x [k, n] costs 2mkn FLOPs and moves its two operands and its result once
 * (a blocked GEMM re-reads tiles from cache, not from memory); an elementwise or reduction op moves each input
 * and output element once, with PyTorch's fused kernels as they are: BatchNorm forward reads its input twice
 * (statistics, then normalisation) and writes once, its backward reads the output gradient and the input twice
 * each (two reductions, then the elementwise pass) and writes once, ReLU backward reads gradient and mask.
 * float32 throughout (4 bytes an element). Non-matmul FLOPs are not counted: those ops do about one FLOP per
 * element moved, so memory bounds them, and their bytes carry them in the roofline.
 *
 * <p>Every array is counted as traffic to the memory system, as if no cache held it between ops: for W3's
 * [512, 1024] activations (2 MiB each, a few of which fit in the 32 MiB L3) this is an upper bound on DRAM
 * traffic and a fair count of cache traffic.
 */
final class WorkloadCost {

    /** Where an op sits in the training step. */
    enum Phase { FORWARD, BACKWARD, UPDATE }

    /** One kind of op of an epoch: its count, and per call its FLOPs and the float32 elements read and written. */
    record Op(String name, Phase phase, long calls, double flops, double read, double written) {
        /** Returns the bytes moved by all calls. */
        double bytes() {
            return 4.0 * calls * (read + written);
        }

        /** Returns the FLOPs of all calls. */
        double totalFlops() {
            return calls * flops;
        }

        boolean matmul() {
            return flops > 0;
        }
    }

    private final String name;
    private final List<Op> ops;
    private final double parameters;

    private WorkloadCost(String name, List<Op> ops, double parameters) {
        this.name = name;
        this.ops = List.copyOf(ops);
        this.parameters = parameters;
    }

    /** Returns the cost of one epoch of a faithful sweep run of the seed's shape: 1,024 samples, batch 512, embedding 16, 10 bits. */
    static WorkloadCost sweep(String arch, int width) {
        return sweep(arch, width, 1024, 512, 16, 10);
    }

    /**
     * Returns the cost of one epoch of a faithful sweep run (SGD with momentum, gradients summed over the run):
     * st = {@code bits} towers with one output each, mt = one tower with {@code bits} outputs; each tower
     * Linear(D,h)+BN+ReLU, Linear(h,h)+BN+ReLU, Linear(h,out), then sigmoid and L1 loss on [batch, bits].
     */
    static WorkloadCost sweep(String arch, int width, int samples, int batch, int embed, int bits) {
        if (!arch.equals("st") && !arch.equals("mt")) {
            throw new IllegalArgumentException("arch must be st or mt, got '" + arch + "'");
        }
        if (width < 1 || samples < 1 || batch < 1 || embed < 1 || bits < 1) {
            throw new IllegalArgumentException("sweep sizes must be >= 1, got width " + width + ", samples " + samples
                    + ", batch " + batch + ", embed " + embed + ", bits " + bits);
        }
        int towers = arch.equals("st") ? bits : 1;
        int out = arch.equals("st") ? 1 : bits;
        double h = width;
        double d = embed;
        double params = (double) samples * d + towers * (d * h + h + 2 * h + h * h + h + 2 * h + h * out + out);
        List<Op> ops = new ArrayList<>();
        for (int from = 0; from < samples; from += batch) {
            double b = Math.min(batch, samples - from);
            double n = b * bits;
            Phase f = Phase.FORWARD;
            Phase g = Phase.BACKWARD;
            ops.add(new Op("embedding gather", f, 1, 0, b * d, b * d));
            ops.add(new Op("linear 0", f, towers, 2 * b * d * h, b * d + d * h + h, b * h));
            ops.add(new Op("batchnorm", f, 2L * towers, 0, 2 * b * h + 2 * h, b * h));
            ops.add(new Op("relu", f, 2L * towers, 0, b * h, b * h));
            ops.add(new Op("linear 1", f, towers, 2 * b * h * h, b * h + h * h + h, b * h));
            ops.add(new Op("linear 2", f, towers, 2 * b * h * out, b * h + h * out + out, b * out));
            ops.add(new Op("sigmoid and L1 loss", f, 1, 0, 4 * n, 2 * n));
            ops.add(new Op("L1 and sigmoid backward", g, 1, 0, 2 * n, n));
            ops.add(new Op("linear 2 weight gradient", g, towers, 2 * b * h * out, b * h + b * out, h * out));
            ops.add(new Op("linear 2 bias gradient", g, towers, 0, b * out, out));
            ops.add(new Op("linear 2 input gradient", g, towers, 2 * b * out * h, b * out + h * out, b * h));
            ops.add(new Op("relu backward", g, 2L * towers, 0, 2 * b * h, b * h));
            ops.add(new Op("batchnorm backward", g, 2L * towers, 0, 4 * b * h + 2 * h, b * h + 2 * h));
            ops.add(new Op("linear 1 weight gradient", g, towers, 2 * b * h * h, 2 * b * h, h * h));
            ops.add(new Op("linear bias gradient (1, 0)", g, 2L * towers, 0, b * h, h));
            ops.add(new Op("linear 1 input gradient", g, towers, 2 * b * h * h, b * h + h * h, b * h));
            ops.add(new Op("linear 0 weight gradient", g, towers, 2 * b * d * h, b * d + b * h, d * h));
            ops.add(new Op("linear 0 input gradient", g, towers, 2 * b * h * d, b * h + d * h, b * d));
            if (towers > 1) {
                ops.add(new Op("sum of the towers' input gradients", g, towers - 1L, 0, 2 * b * d, b * d));
            }
            ops.add(new Op("embedding scatter", g, 1, 0, b * d, (double) samples * d));
            // faithful: the step's gradient joins the run's sum, SGD's momentum buffer takes the sum, params move
            ops.add(new Op("gradient sum", Phase.UPDATE, 1, 0, 2 * params, params));
            ops.add(new Op("momentum", Phase.UPDATE, 1, 0, 2 * params, params));
            ops.add(new Op("parameter update", Phase.UPDATE, 1, 0, 2 * params, params));
        }
        return new WorkloadCost(arch + " h=" + width, merge(ops), params);
    }

    /** Returns the cost of one epoch of W1: {@code models} 4-16-2 models, 8,000 training and 2,000 validation rows. */
    static WorkloadCost ensemble(int models) {
        return ensemble(models, 8000, 2000);
    }

    /**
     * Returns the cost of one epoch of {@code models} 4-16-2 MLPs (ReLU, MSE), full batch: forward and backward on
     * {@code train} rows, Adam on the 114 parameters, a forward on {@code validation} rows (counted as forward).
     */
    static WorkloadCost ensemble(int models, int train, int validation) {
        if (models < 1 || train < 1 || validation < 0) {
            throw new IllegalArgumentException("ensemble sizes must be >= 1 (validation >= 0), got models " + models
                    + ", train " + train + ", validation " + validation);
        }
        double params = 4 * 16 + 16 + 16 * 2 + 2;
        List<Op> ops = new ArrayList<>();
        for (int pass = 0; pass < (validation > 0 ? 2 : 1); pass++) {
            double n = pass == 0 ? train : validation;
            String on = pass == 0 ? "" : "validation ";
            Phase f = Phase.FORWARD;
            ops.add(new Op(on + "linear 0 (bias fused)", f, models, 2 * n * 4 * 16, 4 * n + 64 + 16, 16 * n));
            ops.add(new Op(on + "relu", f, models, 0, 16 * n, 16 * n));
            ops.add(new Op(on + "linear 1 (bias fused)", f, models, 2 * n * 16 * 2, 16 * n + 32 + 2, 2 * n));
            ops.add(new Op(on + "MSE loss", f, models, 0, 4 * n, 1));
        }
        double n = train;
        Phase g = Phase.BACKWARD;
        ops.add(new Op("MSE backward", g, models, 0, 4 * n, 2 * n));
        ops.add(new Op("linear 1 weight gradient", g, models, 2 * n * 16 * 2, 16 * n + 2 * n, 32));
        ops.add(new Op("linear 1 bias gradient", g, models, 0, 2 * n, 2));
        ops.add(new Op("linear 1 input gradient", g, models, 2 * n * 2 * 16, 2 * n + 32, 16 * n));
        ops.add(new Op("relu backward", g, models, 0, 32 * n, 16 * n));
        ops.add(new Op("linear 0 weight gradient", g, models, 2 * n * 4 * 16, 4 * n + 16 * n, 64));
        ops.add(new Op("linear 0 bias gradient", g, models, 0, 16 * n, 16));
        // Adam (torch.optim.Adam's fused form): reads parameter, gradient, both moments; writes parameter, moments
        ops.add(new Op("Adam", Phase.UPDATE, models, 0, 4 * params, 3 * params));
        return new WorkloadCost("W1 " + models + " models", merge(ops), models * params);
    }

    /** Sums ops of the same name (the steps of an epoch), keeping first-seen order. */
    private static List<Op> merge(List<Op> ops) {
        Map<String, Op> byName = new LinkedHashMap<>();
        for (Op o : ops) {
            byName.merge(o.name() + "|" + o.phase() + "|" + o.flops() + "|" + o.read() + "|" + o.written(), o,
                    (a, b) -> new Op(a.name(), a.phase(), a.calls() + b.calls(), a.flops(), a.read(), a.written()));
        }
        return new ArrayList<>(byName.values());
    }

    /** Returns the number of trained parameters (all models of an ensemble). */
    double parameters() {
        return parameters;
    }

    String name() {
        return name;
    }

    List<Op> ops() {
        return ops;
    }

    /** Returns the matmul FLOPs of one epoch. */
    double matmulFlops() {
        return ops.stream().mapToDouble(Op::totalFlops).sum();
    }

    /** Returns the bytes all ops of one epoch move. */
    double bytes() {
        return ops.stream().mapToDouble(Op::bytes).sum();
    }

    /** Returns the bytes moved by the matmuls ({@code matmul}) or by every other op, in {@code phase}, or all phases when null. */
    double bytes(Phase phase, boolean matmul) {
        return ops.stream().filter(o -> (phase == null || o.phase() == phase) && o.matmul() == matmul)
                .mapToDouble(Op::bytes).sum();
    }

    /** Returns the matmul FLOPs in {@code phase}. */
    double matmulFlops(Phase phase) {
        return ops.stream().filter(o -> o.phase() == phase).mapToDouble(Op::totalFlops).sum();
    }

    /** Returns the number of op calls (kernel launches on a GPU) of one epoch. */
    long calls() {
        return ops.stream().mapToLong(Op::calls).sum();
    }

    /** Returns the row {@code bench/run} reads: totals, and per phase the matmul FLOPs and the bytes of matmul and other ops. */
    Map<String, Object> row() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("matmul_flops", matmulFlops());
        m.put("bytes", bytes());
        m.put("matmul_bytes", bytes(null, true));
        m.put("other_bytes", bytes(null, false));
        m.put("calls", calls());
        m.put("parameters", parameters);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Op o : ops) {
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("name", o.name());
            op.put("phase", o.phase().name().toLowerCase(java.util.Locale.ROOT));
            op.put("calls", o.calls());
            op.put("flops", o.flops());
            op.put("read", o.read());
            op.put("written", o.written());
            list.add(op);
        }
        m.put("ops", list);
        for (Phase p : Phase.values()) {
            String key = p.name().toLowerCase(java.util.Locale.ROOT);
            m.put(key + "_matmul_flops", matmulFlops(p));
            m.put(key + "_matmul_bytes", bytes(p, true));
            m.put(key + "_other_bytes", bytes(p, false));
        }
        return m;
    }
}

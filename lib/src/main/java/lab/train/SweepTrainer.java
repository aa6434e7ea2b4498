package lab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntSupplier;
import lab.data.BitCodes;
import lab.model.TowerNet;
import lab.model.TowerParams;
import lab.model.TowerPass;

/**
 * Trains one run of the st-vs-mt sweep and returns its lowest per-batch training loss, that loss's 1-based
 * epoch, the per-epoch curve and the time taken. Plain st/mt use {@link HandGradients} (safe to run in
 * several threads at once); the mt variants go through {@link AutogradGradients}. The data of seed s is
 * {@code BitCodes.generate(bits, s)}, the initial weights {@code TowerLayout.pytorchDefault(s)}, the order of
 * epoch e a Fisher-Yates shuffle drawn from (s, e) alone, so a resumed run repeats an uninterrupted one.
 */
public final class SweepTrainer {

    private static final long SHUFFLE_STREAM = 0x9B05688C2B3E6C1FL;
    private static final long DROP_STREAM = 0x1F83D9ABFB41BD6BL;

    private SweepTrainer() {}

    /** Returns the result of training from scratch, silently, with no checkpoints. */
    public static SweepResult run(SweepSettings settings) {
        return run(settings, Progress.silent(), SweepCheckpoints.none());
    }

    /** Returns the result of training from scratch, reporting epochs to {@code progress}. */
    public static SweepResult run(SweepSettings settings, Progress progress) {
        return run(settings, progress, SweepCheckpoints.none());
    }

    /**
     * Returns the result of training on one thread, resuming from {@code checkpoints} when it holds this run and
     * saving there every {@code checkpoints.interval()}.
     *
     * @throws NonFiniteLossException naming the epoch and the value when a batch loss is NaN or infinite
     */
    public static SweepResult run(SweepSettings settings, Progress progress, SweepCheckpoints checkpoints) {
        return run(settings, progress, checkpoints, 1);
    }

    /**
     * Returns the result of {@link #run(SweepSettings, Progress, SweepCheckpoints)} with the towers of a plain
     * st run computed on {@code threads} threads (see {@link HandGradients}); the numbers are the same for any
     * {@code threads}.
     */
    public static SweepResult run(SweepSettings settings, Progress progress, SweepCheckpoints checkpoints,
            int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        return run(settings, progress, checkpoints, () -> threads);
    }

    /**
     * Returns the result of {@link #run(SweepSettings, Progress, SweepCheckpoints)} with the towers of a plain
     * st run computed, at each step, on as many threads as {@code threads} grants then (a run left alone in a
     * sweep takes the core another run freed); the numbers are the same whatever it grants.
     */
    public static SweepResult run(SweepSettings settings, Progress progress, SweepCheckpoints checkpoints,
            IntSupplier threads) {
        GlibcMalloc.keepFreedMemory(); // per-step activations of 0.25-2.5 MB would otherwise be fresh mmaps
        IntraOpThreads.pin();
        BitCodes codes = BitCodes.generate(settings.bits(), settings.seed());
        TowerNet.Spec spec = settings.spec();
        TowerNet net = TowerNet.builder().setMode(spec.mode()).setHiddenUnits(spec.hiddenUnits())
                .optBits(spec.bits()).optEmbeddingWidth(spec.embeddingWidth()).optLayers(spec.layers())
                .optLossDrop(spec.lossDrop()).optTaskFilter(spec.taskFilter()).optResidual(spec.residual())
                .optSeed(settings.seed()).build();
        SweepCheckpoint from = checkpoints.load(settings).orElse(null);
        if (from != null && !from.settings().equals(settings)) {
            throw new IllegalArgumentException("checkpoint is for other settings: " + from.settings().describe());
        }
        int epochs = settings.epochs();
        int count = codes.count();
        float[] curve = new float[epochs];
        float best = Float.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int done = 0;
        double seconds = 0;
        float[] start = net.initialFlat(settings.seed());
        if (from != null) {
            done = from.epochsDone();
            System.arraycopy(from.curve(), 0, curve, 0, done);
            best = from.bestLoss();
            bestEpoch = from.bestEpoch();
            seconds = from.seconds();
            start = from.params();
        }
        try (NDManager base = NDManager.newBaseManager()) {
            NDArray flat = base.create(start);
            net.bindTo(flat);
            TowerParams params = net.params();
            NDArray targets = base.create(codes.targets().values(), new Shape(count, settings.bits()));
            float[] table = codes.targets().values();
            int d = spec.embeddingWidth();
            try (HandGradients hand = spec.hasVariants() ? null : new HandGradients(net, params, base, threads);
                    SweepUpdate update = new SweepUpdate(settings, base, flat.size(), from)) {
                long t0 = System.nanoTime();
                long lastSave = t0;
                long lastReport = 0;
                for (int epoch = done + 1; epoch <= epochs; epoch++) {
                    TrainingInterruptedException.checkAt(epoch);
                    int[] order = shuffle(count, settings.seed(), epoch);
                    double sum = 0;
                    int steps = 0;
                    // The epoch's indices and targets go native once; each batch is a slice (a view).
                    try (NDManager epochArrays = base.newSubManager()) {
                        long[] rowIdx = new long[count * d];
                        float[] rows = new float[count * settings.bits()];
                        for (int i = 0; i < count; i++) {
                            java.util.Arrays.fill(rowIdx, i * d, (i + 1) * d, order[i]);
                            System.arraycopy(table, order[i] * settings.bits(), rows, i * settings.bits(),
                                    settings.bits());
                        }
                        NDArray allRows = epochArrays.create(rowIdx, new Shape(count, d));
                        NDArray allTargets = HandGradients.towerTargets(epochArrays, rows, count, spec);
                        for (int from0 = 0; from0 < count; from0 += settings.batch()) {
                            int size = Math.min(settings.batch(), count - from0);
                            float loss;
                            try (NDScope scope = new NDScope()) {
                                NDList lg;
                                if (hand != null) {
                                    lg = hand.lossAndGradient(allRows.get(new NDIndex().addSliceDim(from0, from0 + size)),
                                            allTargets.get(new NDIndex().addAllDim().addSliceDim(from0, from0 + size)));
                                } else {
                                    long[] batch = new long[size];
                                    for (int i = 0; i < size; i++) {
                                        batch[i] = order[from0 + i];
                                    }
                                    NDArray idx = epochArrays.create(batch);
                                    NDArray mask = spec.lossDrop() > 0f
                                            ? TowerPass.dropMask(epochArrays, size, spec.bits(), spec.lossDrop(),
                                                    new SplittableRandom(mix(settings.seed() ^ DROP_STREAM,
                                                            update.steps())))
                                            : null;
                                    lg = AutogradGradients.lossAndGradient(net.layout(), flat, idx, targets, mask);
                                }
                                loss = lg.get(0).getFloat();
                                if (!Float.isFinite(loss)) {
                                    throw new NonFiniteLossException("training", "run " + settings.key(), epoch, loss);
                                }
                                update.apply(flat, lg.get(1));
                            }
                            sum += loss;
                            steps++;
                            if (loss < best) {
                                best = loss;
                                bestEpoch = epoch;
                            }
                        }
                    }
                    curve[epoch - 1] = (float) (sum / steps);
                    long now = System.nanoTime();
                    if (now - lastReport > 200_000_000L || epoch == epochs) {
                        lastReport = now;
                        progress.update(epoch, epochs, String.format(Locale.ROOT, "%s best %.4f @ %d",
                                settings.key(), best, bestEpoch));
                    }
                    if (epoch < epochs && now - lastSave >= checkpoints.interval().toNanos()) {
                        double soFar = seconds + (now - t0) / 1e9;
                        checkpoints.save(new SweepCheckpoint(settings, epoch, flat.toFloatArray(),
                                update.gradientSum(), update.first(), update.second(), update.steps(), best,
                                bestEpoch, java.util.Arrays.copyOf(curve, epoch), soFar));
                        lastSave = System.nanoTime();
                    }
                }
                seconds += (System.nanoTime() - t0) / 1e9;
            }
        }
        return new SweepResult(settings, best, bestEpoch, curve, seconds);
    }

    /** Returns the order of epoch {@code epoch} (1-based): a permutation of 0..count-1 drawn from (seed, epoch). */
    static int[] shuffle(int count, long seed, int epoch) {
        int[] p = new int[count];
        for (int i = 0; i < count; i++) {
            p[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(mix(seed ^ SHUFFLE_STREAM, epoch));
        for (int i = count - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

package lab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntSupplier;
import lab.data.BitCodes;
import lab.data.Shuffle;
import lab.fused.Elementwise;
import lab.loop.BestLoss;
import lab.loop.CheckpointListener;
import lab.loop.DivergenceCheck;
import lab.loop.GlibcMalloc;
import lab.loop.InterruptCheck;
import lab.loop.IntraOpThreads;
import lab.loop.LossHistory;
import lab.loop.Losses;
import lab.loop.Progress;
import lab.loop.ProgressListener;
import lab.loop.TimeMeasure;
import lab.loop.TrainingInterruptedException;
import lab.loop.TrainingLoop;
import lab.loop.TrainingStep;
import lab.model.TowerNet;
import lab.model.TowerPass;

/**
 * Trains one run of the st-vs-mt sweep and returns its lowest per-batch training loss, that loss's 1-based
 * epoch, the per-epoch curve and the time taken. Every network, plain st/mt and the note's mt variants, trains
 * with {@link HandGradients} (safe to run in several threads at once; checked against autograd by its test). The
 * data of seed s is
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
        float[] start = from != null ? from.params() : net.initialFlat(settings.seed());
        int done = from != null ? from.epochsDone() : 0;
        LossHistory history = from != null ? LossHistory.resumed(from.curve(), epochs) : new LossHistory(1, epochs);
        BestLoss best = from != null ? new BestLoss(from.bestLoss(), from.bestEpoch()) : new BestLoss();
        TimeMeasure time = new TimeMeasure(from != null ? from.seconds() : 0);
        try (NDManager base = NDManager.newBaseManager()) {
            NDArray flat = base.create(start);
            net.bindTo(flat);
            try (HandGradients hand = new HandGradients(net, net.params(), base, threads);
                    SweepUpdate update = new SweepUpdate(settings, base, flat.size(), from)) {
                Step step = new Step(settings, codes, net, flat, base, hand, update, threads);
                TrainingLoop.fit(step, done + 1, epochs, List.of(
                        time,
                        new InterruptCheck(TrainingInterruptedException.STORED),
                        new DivergenceCheck(m -> "run " + settings.key()),
                        history,
                        best,
                        new ProgressListener(progress, 1, epoch -> String.format(Locale.ROOT, "%s best %.4f @ %d",
                                settings.key(), best.loss(), best.epoch())),
                        new CheckpointListener(checkpoints.interval(), epoch -> checkpoints.save(
                                new SweepCheckpoint(settings, epoch, flat.toFloatArray(), update.gradientSum(),
                                        update.first(), update.second(), update.steps(), best.loss(), best.epoch(),
                                        Arrays.copyOf(history.training(0), epoch), time.seconds())))));
            }
        }
        return new SweepResult(settings, best.loss(), best.epoch(), history.training(0), time.seconds());
    }

    /**
     * 003's step: an epoch's order drawn from (seed, epoch) and put native once, each batch a slice of it (and, with
     * loss-drop, a mask drawn from (seed, step)); the loss and gradient from the hand-written backward beside
     * {@link TowerPass} ({@link HandGradients}), then the optimiser's update in place.
     */
    private static final class Step implements TrainingStep {
        private final SweepSettings settings;
        private final TowerNet.Spec spec;
        private final NDArray flat;
        private final NDManager base;
        private final HandGradients hand;
        private final SweepUpdate update;
        private final IntSupplier threads;
        private final float[] table;
        private final int count;
        private int[] order;
        private NDManager epochArrays;
        private NDArray allRows;
        private NDArray allTargets;

        Step(SweepSettings settings, BitCodes codes, TowerNet net, NDArray flat, NDManager base, HandGradients hand,
                SweepUpdate update, IntSupplier threads) {
            this.settings = settings;
            this.spec = net.spec();
            this.flat = flat;
            this.base = base;
            this.hand = hand;
            this.update = update;
            this.threads = threads;
            this.count = codes.count();
            this.table = codes.targets().values();
        }

        @Override
        public int beginEpoch(int epoch) {
            order = shuffle(count, settings.seed(), epoch);
            int d = spec.embeddingWidth();
            // The epoch's indices and targets go native once; each batch is a slice (a view).
            epochArrays = base.newSubManager();
            long[] rowIdx = new long[count * d];
            float[] rows = new float[count * settings.bits()];
            for (int i = 0; i < count; i++) {
                Arrays.fill(rowIdx, i * d, (i + 1) * d, order[i]);
                System.arraycopy(table, order[i] * settings.bits(), rows, i * settings.bits(), settings.bits());
            }
            allRows = epochArrays.create(rowIdx, new Shape(count, d));
            allTargets = HandGradients.towerTargets(epochArrays, rows, count, spec);
            return (count + settings.batch() - 1) / settings.batch();
        }

        @Override
        public Losses batch(int epoch, int batch) {
            // The threads granted to st's tower groups sit idle while this thread runs the step's serial part
            // (layer 0's product, the join, the update); its Java passes (SgdPass) take them. Same bits on any count.
            return Elementwise.onThreads(threads.getAsInt(), () -> step(batch));
        }

        private Losses step(int batch) {
            int from0 = batch * settings.batch();
            int size = Math.min(settings.batch(), count - from0);
            try (NDScope scope = new NDScope()) {
                NDArray mask = spec.lossDrop() > 0f
                        ? TowerPass.dropMask(epochArrays, size, spec.bits(), spec.lossDrop(),
                                new SplittableRandom(mix(settings.seed() ^ DROP_STREAM, update.steps())))
                        : null;
                NDList lg = hand.lossAndGradientParts(allRows.get(new NDIndex().addSliceDim(from0, from0 + size)),
                        allTargets.get(new NDIndex().addAllDim().addSliceDim(from0, from0 + size)), mask);
                float loss = lg.get(0).getFloat();
                if (Float.isFinite(loss)) {
                    update.apply(flat, lg.subNDList(1));
                }
                return Losses.training(loss);
            }
        }

        @Override
        public void endEpoch(int epoch) {
            epochArrays.close();
        }
    }

    /** Returns the order of epoch {@code epoch} (1-based): a permutation of 0..count-1 drawn from (seed, epoch). */
    static int[] shuffle(int count, long seed, int epoch) {
        return Shuffle.permutation(count, new SplittableRandom(mix(seed ^ SHUFFLE_STREAM, epoch)));
    }

    private static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

package lab.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import lab.data.MultiplicationTask;
import lab.data.Rows;
import lab.loop.DivergenceCheck;
import lab.loop.GlibcMalloc;
import lab.loop.InterruptCheck;
import lab.loop.IntraOpThreads;
import lab.loop.LossHistory;
import lab.loop.Losses;
import lab.loop.Progress;
import lab.loop.ProgressListener;
import lab.loop.ProgressSum;
import lab.loop.TorchAdam;
import lab.loop.TrainingInterruptedException;
import lab.loop.TrainingListener;
import lab.loop.TrainingLoop;
import lab.loop.TrainingStep;
import lab.loop.Workers;
import lab.model.LinearWeights;
import lab.model.MlpPass;
import lab.model.MlpWeights;

/**
 * Trains many independent 002 models at once: each chunk of K models is one DJL computation over stacked weights
 * (batched matmuls on [K, ...] arrays), full-batch Adam, true MSE per model. Chunks run on worker threads, each
 * thread with its own base manager.
 *
 * <p>Layout, chosen by measurement ({@code EnsembleBench} in the tests): feature-major data
 * {@code X [K, 5, N]} with a row of ones so the hidden bias is folded into {@code W1 [K, hidden, 5]}; all
 * parameters are views of one flat array, updated by one fused Adam call per step.
 *
 * <p>The backward pass is written by hand rather than by DJL's autograd: the PyTorch engine's
 * {@code GradientCollector} is global to the JVM (a second concurrent one throws), which would forbid the two
 * worker threads that give ~1.7x on 2 cores, and for a 2-layer ReLU net the gradient is six array ops, fewer than
 * autograd records. {@code EnsembleTrainerTest} checks it against autograd.
 *
 * <p>Adam is torch.optim.Adam through {@link TorchAdam}, as in the 001 trainer, so a model trained here matches
 * that trainer seed for seed, up to rounding: both run the forward pass {@link MlpPass} (001's block under
 * autograd, for one model), but autograd's backward sums in another order than the hand one here.
 */
public final class EnsembleTrainer {

    private EnsembleTrainer() {}

    /**
     * Trains the chunks on {@code threads} worker threads and hands each finished chunk to {@code finished}
     * (called from the worker, one chunk at a time). Returns when all chunks are done.
     *
     * @param chunks seeds per chunk; each chunk is trained as one batched computation
     * @param progress receives model-epochs done of the total; called from the workers, one at a time
     * @throws ArithmeticException naming seed, epoch and value when a loss becomes NaN or infinite
     */
    public static void train(EnsembleSettings settings, List<long[]> chunks, int threads,
            Consumer<List<EnsembleMember>> finished, Progress progress) {
        train(settings, chunks, threads, finished, progress, FitOptions.standard());
    }

    /** As {@link #train(EnsembleSettings, List, int, Consumer, Progress)}, with the task, start and penalty of {@code fit}. */
    public static void train(EnsembleSettings settings, List<long[]> chunks, int threads,
            Consumer<List<EnsembleMember>> finished, Progress progress, FitOptions fit) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        long total = 0;
        for (long[] c : chunks) {
            if (c.length == 0) {
                throw new IllegalArgumentException("a chunk of seeds is empty");
            }
            total += (long) c.length * settings.epochs();
        }
        ProgressSum sum = new ProgressSum(progress, total);
        try (Workers workers = new Workers("ensemble-worker", threads)) {
            List<Future<Void>> futures = new ArrayList<>();
            for (long[] chunk : chunks) {
                futures.add(workers.submit(() -> {
                    List<EnsembleMember> members = trainChunk(settings, chunk, sum.part(), fit);
                    synchronized (finished) {
                        finished.accept(members);
                    }
                    return null;
                }));
            }
            workers.results(futures);
        }
    }

    /**
     * Returns the trained models of one chunk, in the order of {@code seeds}, trained in the calling thread.
     *
     * @param progress receives the chunk's model-epochs done: {@code update(epoch * models, epochs * models, note)}
     */
    public static List<EnsembleMember> trainChunk(EnsembleSettings settings, long[] seeds, Progress progress) {
        return trainChunk(settings, seeds, progress, FitOptions.standard());
    }

    /** As {@link #trainChunk(EnsembleSettings, long[], Progress)}, with the task, start and penalty of {@code fit}. */
    public static List<EnsembleMember> trainChunk(EnsembleSettings settings, long[] seeds, Progress progress,
            FitOptions fit) {
        GlibcMalloc.keepFreedMemory();
        IntraOpThreads.pin();
        int epochs = settings.epochs();
        int k = seeds.length;
        try (NDManager base = NDManager.newBaseManager(Engine.getEngine("PyTorch").defaultDevice(), "PyTorch")) {
            Chunk chunk = new Chunk(settings, seeds, base, fit);
            LossHistory history = new LossHistory(k, epochs);
            List<TrainingListener> listeners = new ArrayList<>(List.of(
                    new InterruptCheck(TrainingInterruptedException.STORED),
                    new DivergenceCheck(m -> "the model of seed " + seeds[m]),
                    history,
                    new ProgressListener(progress, k, epoch -> "seeds " + seeds[0] + ".." + seeds[k - 1]
                            + " epoch " + epoch)));
            if (fit.observer() != null) {
                listeners.add(new TrainingListener() {
                    @Override
                    public void onBatchEnd(int epoch, int batch, Losses losses) {
                        try (NDScope scope = new NDScope()) {
                            chunk.observe(fit.observer(), epoch);
                        }
                    }
                });
            }
            TrainingLoop.fit(chunk, 1, epochs, listeners);
            List<List<LinearWeights>> weights = chunk.weights();
            List<EnsembleMember> out = new ArrayList<>();
            for (int m = 0; m < k; m++) {
                out.add(new EnsembleMember(seeds[m], history.training(m), history.validation(m), weights.get(m)));
            }
            return out;
        }
    }

    /** The native state of one chunk: data, flat parameters with views, Adam moments, all in the caller's manager. */
    static final class Chunk implements TrainingStep {

        private final int k;
        private final int hidden;
        private final int in;
        private final int out;
        private final float rescale;
        private final FitOptions fit;
        /** 1 on the weights, 0 on the biases (flat, as the parameters); null without a penalty. */
        private final NDArray penaltyMask;
        private final int trainRows;
        private final NDArray x;
        private final NDArray xt;
        private final NDArray t;
        private final NDArray xv;
        private final NDArray tv;
        private final NDArray params;
        private final NDArray w1;
        private final NDArray w2;
        private final NDArray w2t;
        private final NDArray b2;
        private final TorchAdam adam;

        private final long[] seeds;

        Chunk(EnsembleSettings settings, long[] seeds, NDManager base) {
            this(settings, seeds, base, FitOptions.standard());
        }

        Chunk(EnsembleSettings settings, long[] seeds, NDManager base, FitOptions fit) {
            k = seeds.length;
            this.seeds = seeds.clone();
            this.fit = fit;
            hidden = settings.hidden();
            MultiplicationTask task = settings.task();
            trainRows = task.trainRows();
            int validationRows = task.validationRows();
            in = fit.inputs();
            out = fit.outputs();
            // a single task reads its own two input columns and its one target column
            int[] inCols = fit.task() == FitOptions.BOTH_TASKS ? new int[] {0, 1, 2, 3}
                    : new int[] {2 * fit.task(), 2 * fit.task() + 1};
            int[] outCols = fit.task() == FitOptions.BOTH_TASKS ? new int[] {0, 1} : new int[] {fit.task()};
            float[] xs = new float[k * (in + 1) * trainRows];
            float[] ts = new float[k * out * trainRows];
            float[] xvs = new float[k * (in + 1) * validationRows];
            float[] tvs = new float[k * out * validationRows];
            int n1 = hidden * (in + 1);
            int n2 = out * hidden;
            List<List<LinearWeights>> starts = new ArrayList<>();
            for (int m = 0; m < k; m++) {
                MultiplicationTask.Split split = task.generate(seeds[m]);
                featureMajor(split.trainInputs(), inCols, true, xs, m);
                featureMajor(split.trainTargets(), outCols, false, ts, m);
                featureMajor(split.validationInputs(), inCols, true, xvs, m);
                featureMajor(split.validationTargets(), outCols, false, tvs, m);
                starts.add(fit.start() == null
                        ? MlpWeights.pytorchDefault(new int[] {in, hidden, out}, seeds[m])
                        : checkedStart(fit.start().apply(seeds[m]), seeds[m]));
            }
            // the flat parameters: every model's W1 (bias column last), then every W2, then every b2
            MlpPass.Stack stack = MlpPass.Stack.of(starts);
            float[] p = new float[k * (n1 + n2 + out)];
            System.arraycopy(stack.w1(), 0, p, 0, k * n1);
            System.arraycopy(stack.w2(), 0, p, k * n1, k * n2);
            System.arraycopy(stack.b2(), 0, p, k * (n1 + n2), k * out);
            x = base.create(xs, new Shape(k, in + 1, trainRows));
            xt = x.transpose(0, 2, 1).duplicate();
            t = base.create(ts, new Shape(k, out, trainRows));
            xv = base.create(xvs, new Shape(k, in + 1, validationRows));
            tv = base.create(tvs, new Shape(k, out, validationRows));
            params = base.create(p);
            // views into params (PyTorch slices share storage), so the one fused update moves them all
            w1 = params.get(new NDIndex("0:{}", k * n1)).reshape(k, hidden, in + 1);
            w2 = params.get(new NDIndex("{}:{}", k * n1, k * (n1 + n2))).reshape(k, out, hidden);
            w2t = w2.transpose(0, 2, 1);
            b2 = params.get(new NDIndex("{}:", k * (n1 + n2))).reshape(k, out, 1);
            // d(mean over N rows and `out` outputs of e^2)/dy = 2e / (out N); the gradient below is e, so Adam rescales
            // by 2 / (out N) (for two outputs exactly 1 / N)
            rescale = 2f / (out * trainRows);
            adam = new TorchAdam(base, params.getShape(), (float) settings.learningRate(), rescale);
            penaltyMask = fit.penalised() ? base.create(weightMask(n1, n2)) : null;
        }

        private float[] weightMask(int n1, int n2) {
            float[] mask = new float[k * (n1 + n2 + out)];
            for (int m = 0; m < k; m++) {
                for (int j = 0; j < hidden; j++) {
                    Arrays.fill(mask, m * n1 + j * (in + 1), m * n1 + j * (in + 1) + in, 1f); // not the bias column
                }
            }
            Arrays.fill(mask, k * n1, k * (n1 + n2), 1f);
            return mask;
        }

        private List<LinearWeights> checkedStart(List<LinearWeights> w, long seed) {
            if (w.size() != 2 || w.get(0).in() != in || w.get(0).out() != hidden || w.get(1).in() != hidden
                    || w.get(1).out() != out) {
                throw new IllegalArgumentException("start weights of seed " + seed + " do not have the shape "
                        + in + " -> " + hidden + " -> " + out);
            }
            return w;
        }

        /** Copies columns {@code cols} of rows [rows, width] of model m into dst as [cols (+1 row of ones), rows]. */
        private static void featureMajor(Rows r, int[] cols, boolean ones, float[] dst, int m) {
            int rows = r.rows();
            int width = cols.length + (ones ? 1 : 0);
            int offset = m * width * rows;
            float[] v = r.values();
            for (int n = 0; n < rows; n++) {
                for (int c = 0; c < cols.length; c++) {
                    dst[offset + c * rows + n] = v[n * r.width() + cols[c]];
                }
                if (ones) {
                    dst[offset + cols.length * rows + n] = 1f;
                }
            }
        }

        /** The forward pass ({@link MlpPass}) of feature-major inputs {@code [K, in + 1, N]} with these weights. */
        private MlpPass.Forward forward(NDArray inputs) {
            return MlpPass.forward(w1, w2, b2, inputs);
        }

        /** Returns the output error {@code W2 h + b2 - targets}, [K, out, N] (the outputs, reused in place). */
        private static NDArray error(MlpPass.Forward f, NDArray targets) {
            return f.outputs().subi(targets);
        }

        /**
         * Returns the per-model training MSE [K] and N times the flat gradient of their sum (N = training rows),
         * laid out as the parameters.
         */
        NDList lossAndGradient() {
            MlpPass.Forward f = forward(x);
            NDArray h = f.hidden();
            NDArray e = error(f, t);
            NDArray loss = e.square().reshape(k, -1).mean(new int[] {1});
            // d(mean over N rows and 2 outputs of e^2)/dy = 2e / 2N = e / N; the 1/N is applied by Adam's
            // rescaleGrad (see step), which saves a pass over [K, 2, N]
            NDArray dw2 = e.matMul(h.transpose(0, 2, 1));
            NDArray db2 = e.sum(new int[] {2});
            // ReLU's backward: the gradient passes where the unit was active, i.e. where h > 0 (sign(h) is 1 there)
            NDArray dw1 = w2t.matMul(e).muli(h.sign()).matMul(xt);
            NDArray g = NDArrays.concat(new NDList(dw1.reshape(-1), dw2.reshape(-1), db2.reshape(-1)));
            return new NDList(loss, g);
        }

        /** Returns the current validation MSE per model, [K]. */
        NDArray validationLoss() {
            NDArray e = error(forward(xv), tv);
            return e.square().reshape(k, -1).mean(new int[] {1});
        }

        /** Takes one Adam step in its own {@link NDScope}; returns the models' training and validation losses. */
        @Override
        public Losses batch(int epoch, int batch) {
            float[] losses;
            // every array an op makes in this step is closed with the scope: native memory stays flat
            try (NDScope scope = new NDScope()) {
                losses = step();
            }
            return new Losses(Arrays.copyOfRange(losses, 0, k), Arrays.copyOfRange(losses, k, 2 * k));
        }

        /**
         * Takes one Adam step; returns the training losses before it [K] followed by the validation losses after
         * it [K]. Call inside an {@link NDScope}: the temporaries belong to it.
         */
        float[] step() {
            NDList lg = lossAndGradient();
            NDArray g = lg.get(1);
            if (fit.penalised()) {
                g = g.add(penaltyGradient());
            }
            adam.step(params, g);
            return NDArrays.concat(new NDList(lg.get(0), validationLoss())).toFloatArray();
        }

        /**
         * Returns the gradient of {@code l1 sum|w| + l2 sum w^2} over the weights (biases have a zero mask), divided
         * by Adam's rescale so it adds to the unscaled loss gradient, laid out as the parameters.
         */
        private NDArray penaltyGradient() {
            NDArray w = params.mul(penaltyMask);
            return w.sign().muli((float) (fit.l1() / rescale)).addi(w.mul((float) (2 * fit.l2() / rescale)));
        }

        /** Hands each model's weights and per-output validation MSE after this step to the observer. */
        void observe(FitOptions.EpochObserver observer, int epoch) {
            NDArray e = error(forward(xv), tv);
            float[] perOutput = e.square().mean(new int[] {2}).toFloatArray(); // [K, out]
            List<List<LinearWeights>> all = weights();
            for (int m = 0; m < k; m++) {
                float[] v = new float[out];
                System.arraycopy(perOutput, m * out, v, 0, out);
                observer.epoch(seeds[m], epoch, all.get(m), v);
            }
        }

        /** Returns each model's weights as two {@link LinearWeights} (bias unfolded). */
        List<List<LinearWeights>> weights() {
            MlpPass.Stack stack = new MlpPass.Stack(in, hidden, out, w1.toFloatArray(), w2.toFloatArray(),
                    b2.toFloatArray());
            List<List<LinearWeights>> all = new ArrayList<>();
            for (int m = 0; m < k; m++) {
                all.add(stack.model(m));
            }
            return all;
        }

        /** Returns the number of training rows N per model. */
        int trainRows() {
            return trainRows;
        }

        /** Returns the flat parameter array (W1 with bias column, W2, b2), for tests. */
        NDArray parameters() {
            return params;
        }

        NDArray inputs() {
            return x;
        }

        NDArray targets() {
            return t;
        }
    }
}

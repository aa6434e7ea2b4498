package lab.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import lab.data.MultiplicationTask;
import lab.data.Rows;
import lab.loop.DivergenceCheck;
import lab.loop.InterruptCheck;
import lab.loop.IntraOpThreads;
import lab.loop.LossHistory;
import lab.loop.Losses;
import lab.loop.Progress;
import lab.loop.ProgressListener;
import lab.loop.TimeMeasure;
import lab.loop.TorchAdam;
import lab.loop.TrainingLoop;
import lab.loop.TrainingStep;
import lab.model.Mlp;

/**
 * Trains the 4 -> 16 -> ReLU -> 2 net of 001-multi-mult: full batch (one Adam step per epoch), MSE over both
 * outputs, validation MSE after every step.
 *
 * <p>Deliberately not DJL's {@code Trainer} and {@code Optimizer.adam()}: the trainer's parameter server hands the
 * optimiser a duplicate of each gradient, and DJL's Adam places eps differently from torch.optim.Adam (see
 * {@link TorchAdam}). Here each gradient goes to a {@link TorchAdam} per parameter and is then zeroed, as
 * {@code optimizer.zero_grad()} does in the seed's loop.
 */
public final class MultiMultTrainer {

    private MultiMultTrainer() {}

    /** Returns the result of training on the data these settings draw ({@code task().generate(seed)}). */
    public static MultiMultResult train(MultiMultSettings settings, Progress progress) {
        return train(settings, settings.task().generate(settings.seed()), progress);
    }

    /**
     * Returns the result of training on the given data; weights start from
     * {@code MlpWeights.pytorchDefault(WIDTHS, settings.seed())}.
     *
     * @throws NonFiniteLossException the moment a training or validation loss is NaN or infinite
     */
    public static MultiMultResult train(MultiMultSettings settings, MultiplicationTask.Split data, Progress progress) {
        int[] widths = MultiMultSettings.WIDTHS;
        checkWidth("train inputs", data.trainInputs(), widths[0]);
        checkWidth("train targets", data.trainTargets(), widths[2]);
        checkWidth("validation inputs", data.validationInputs(), widths[0]);
        checkWidth("validation targets", data.validationTargets(), widths[2]);
        int epochs = settings.epochs();
        Batch train = Batch.of(data.trainInputs(), data.trainTargets());
        Batch validation = Batch.of(data.validationInputs(), data.validationTargets());
        IntraOpThreads.pin();
        TimeMeasure time = new TimeMeasure(0);
        // one base manager per run: parameters and Adam state live here, everything per step in a sub-manager
        try (NDManager base = NDManager.newBaseManager(Engine.getEngine("PyTorch").defaultDevice(), "PyTorch")) {
            Block block = Mlp.builder()
                    .setInputs(widths[0]).setHiddenUnits(widths[1]).setOutputs(widths[2])
                    .optSeed(settings.seed())
                    .build();
            block.initialize(base, DataType.FLOAT32, new Shape(data.trainInputs().rows(), widths[0]));
            Step step = new Step(block, base, (float) settings.learningRate(), train, validation);
            LossHistory history = new LossHistory(1, epochs);
            TrainingLoop.fit(step, 1, epochs, List.of(
                    time,
                    new InterruptCheck("this run had not finished, so nothing is stored"),
                    new DivergenceCheck(m -> "the model of seed " + settings.seed()),
                    history,
                    new ProgressListener(progress, 1, epoch -> String.format("train %.3g, validation %.3g",
                            history.training(0)[epoch - 1], history.validation(0)[epoch - 1]))));
            return new MultiMultResult(settings, history.training(0), history.validation(0), Mlp.weights(block),
                    time.seconds());
        }
    }

    /**
     * 001's step: the block's forward pass ({@code lab.model.MlpPass}, one model) and MSE, autograd's backward, one
     * {@link TorchAdam} per parameter, then the validation MSE; each batch in a sub-manager of the run's.
     */
    private static final class Step implements TrainingStep {
        private final Block block;
        private final NDManager base;
        private final List<Parameter> parameters;
        private final ParameterStore store;
        private final List<TorchAdam> adam = new ArrayList<>();
        private final Batch train;
        private final Batch validation;

        Step(Block block, NDManager base, float learningRate, Batch train, Batch validation) {
            this.block = block;
            this.base = base;
            this.parameters = new ArrayList<>(block.getParameters().values());
            this.store = new ParameterStore(base, false);
            for (Parameter p : parameters) {
                adam.add(new TorchAdam(base, p.getArray().getShape(), learningRate, 1f));
            }
            this.train = train;
            this.validation = validation;
        }

        @Override
        public Losses batch(int epoch, int batch) {
            try (NDManager step = base.newSubManager()) {
                float trainLoss = trainStep(block, store, parameters, adam, step, train);
                float validationLoss = mse(block, store, step, validation, false).getFloat();
                return new Losses(new float[] {trainLoss}, new float[] {validationLoss});
            }
        }
    }

    /** Returns the training MSE of this step's forward pass, after one Adam update from its gradient. */
    private static float trainStep(Block block, ParameterStore store, List<Parameter> parameters,
            List<TorchAdam> adam, NDManager step, Batch train) {
        float loss;
        try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray lossArray = mse(block, store, step, train, true);
            collector.backward(lossArray);
            loss = lossArray.getFloat();
        }
        for (int i = 0; i < parameters.size(); i++) {
            NDArray weight = parameters.get(i).getArray();
            // getGradient() is a new handle on the accumulated .grad: close it
            try (NDArray grad = weight.getGradient()) {
                adam.get(i).step(weight, grad);
                grad.muli(0f);
            }
        }
        return loss;
    }

    /** Returns the mean over rows and outputs of the squared error (true MSE, not {@code l2Loss}'s half). */
    private static NDArray mse(Block block, ParameterStore store, NDManager step, Batch batch,
            boolean training) {
        NDArray input = step.create(batch.inputs(), batch.inputShape());
        NDArray target = step.create(batch.targets(), batch.targetShape());
        NDArray prediction = block.forward(store, new NDList(input), training).singletonOrThrow();
        return prediction.sub(target).square().mean();
    }

    /** Inputs and targets copied out of their {@link Rows} once, not every epoch. */
    private record Batch(float[] inputs, Shape inputShape, float[] targets, Shape targetShape) {
        static Batch of(Rows x, Rows y) {
            return new Batch(x.values(), new Shape(x.shape()), y.values(), new Shape(y.shape()));
        }
    }

    private static void checkWidth(String name, Rows rows, int width) {
        if (rows.width() != width) {
            throw new IllegalArgumentException(name + " have width " + rows.width() + ", expected " + width);
        }
    }
}

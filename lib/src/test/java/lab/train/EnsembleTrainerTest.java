package lab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import lab.data.MultiplicationTask;
import lab.data.Rows;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import lab.loop.Progress;
import lab.model.LinearWeights;
import lab.model.Mlp;
import lab.model.MlpBlock;
import lab.model.MlpPass;
import lab.model.MlpWeights;
import org.junit.jupiter.api.Test;

class EnsembleTrainerTest {

    private static final EnsembleSettings SMALL = EnsembleSettings.quick().withSamples(400).withEpochs(200);

    @Test
    void handWrittenGradientEqualsAutograd() {
        // given: a chunk of two models on 40 rows, one step taken so the weights are not the initial ones
        EnsembleSettings s = SMALL.withSamples(50);
        try (NDManager base = NDManager.newBaseManager(Engine.getEngine("PyTorch").defaultDevice(), "PyTorch")) {
            EnsembleTrainer.Chunk chunk = new EnsembleTrainer.Chunk(s, new long[] {11, 12}, base);
            try (NDScope scope = new NDScope()) {
                chunk.step();
            }
            float[] hand;
            float[] handLoss;
            try (NDScope scope = new NDScope()) {
                NDList lg = chunk.lossAndGradient();
                handLoss = lg.get(0).toFloatArray();
                hand = lg.get(1).div(chunk.trainRows()).toFloatArray();
            }
            // when: autograd of the summed per-model MSE, the same flat layout
            NDArray p = chunk.parameters().duplicate();
            p.setRequiresGradient(true);
            float[] auto;
            float[] autoLoss;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                int k = 2;
                int h = s.hidden();
                NDArray w1 = p.get(new NDIndex("0:{}", k * h * 5)).reshape(k, h, 5);
                NDArray w2 = p.get(new NDIndex("{}:{}", k * h * 5, k * h * 7)).reshape(k, 2, h);
                NDArray b2 = p.get(new NDIndex("{}:", k * h * 7)).reshape(k, 2, 1);
                NDArray y = MlpPass.forward(w1, w2, b2, chunk.inputs()).outputs();
                NDArray loss = y.sub(chunk.targets()).square().reshape(k, -1).mean(new int[] {1});
                autoLoss = loss.toFloatArray();
                gc.backward(loss.sum());
            }
            try (NDArray g = p.getGradient()) {
                auto = g.toFloatArray();
            }
            // then
            assertArrayEquals(autoLoss, handLoss, 1e-7f);
            assertEquals(auto.length, hand.length);
            double scale = 0;
            for (float v : auto) {
                scale = Math.max(scale, Math.abs(v));
            }
            assertTrue(scale > 1e-3, "gradient should not vanish, max |g| = " + scale);
            for (int i = 0; i < auto.length; i++) {
                assertEquals(auto[i], hand[i], 1e-5 * scale, "gradient component " + i);
            }
        }
    }

    @Test
    void handBackwardEqualsAutogradThroughThe001Block() {
        // given: one model after a step, and 001's block holding the same weights
        EnsembleSettings s = SMALL.withSamples(50);
        try (NDManager base = NDManager.newBaseManager(Engine.getEngine("PyTorch").defaultDevice(), "PyTorch")) {
            EnsembleTrainer.Chunk chunk = new EnsembleTrainer.Chunk(s, new long[] {21}, base);
            try (NDScope scope = new NDScope()) {
                chunk.step();
            }
            float[] hand;
            float handLoss;
            try (NDScope scope = new NDScope()) {
                NDList lg = chunk.lossAndGradient();
                handLoss = lg.get(0).getFloat();
                hand = lg.get(1).div(chunk.trainRows()).toFloatArray();
            }
            MultiplicationTask.Split split = s.task().generate(21);
            Rows x = split.trainInputs();
            Rows t = split.trainTargets();
            MlpBlock block = Mlp.builder().setInputs(4).setHiddenUnits(s.hidden()).setOutputs(2)
                    .optWeights(chunk.weights().get(0)).build();
            block.initialize(base, DataType.FLOAT32, new Shape(x.rows(), 4));
            // when: autograd of the block's MSE on the same rows
            float autoLoss;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray y = block.forward(new ParameterStore(base, false),
                        new NDList(base.create(x.values(), new Shape(x.rows(), 4))), true).singletonOrThrow();
                NDArray loss = y.sub(base.create(t.values(), new Shape(t.rows(), 2))).square().mean();
                autoLoss = loss.getFloat();
                gc.backward(loss);
            }
            List<Float> auto = new ArrayList<>();
            for (Parameter p : block.getParameters().values()) {
                try (NDArray g = p.getArray().getGradient()) {
                    for (float v : g.toFloatArray()) {
                        auto.add(v);
                    }
                }
            }
            // then: the same loss and, parameter by parameter in the same flat layout, the same gradient
            assertEquals(autoLoss, handLoss, 1e-6f * autoLoss);
            assertEquals(auto.size(), hand.length);
            double scale = 0;
            for (float v : hand) {
                scale = Math.max(scale, Math.abs(v));
            }
            assertTrue(scale > 1e-3, "gradient should not vanish, max |g| = " + scale);
            for (int i = 0; i < hand.length; i++) {
                assertEquals(auto.get(i), hand[i], 1e-5 * scale, "gradient component " + i);
            }
        }
    }

    @Test
    void ensembleMatchesThe001TrainerSeedBySeed() {
        // given
        long[] seeds = {3, 4, 5};
        // when
        List<EnsembleMember> together = EnsembleTrainer.trainChunk(SMALL, seeds, Progress.silent());
        // then: the same validation losses as training each seed alone with MultiMultTrainer, within 1e-5 relative
        for (int m = 0; m < seeds.length; m++) {
            MultiMultSettings one = new MultiMultSettings(SMALL.epochs(), SMALL.learningRate(), SMALL.samples(),
                    SMALL.trainFraction(), seeds[m]);
            float[] alone = MultiMultTrainer.train(one, Progress.silent()).validationLoss();
            float[] ours = together.get(m).validationLoss();
            assertEquals(alone.length, ours.length);
            for (int epoch = 0; epoch < alone.length; epoch++) {
                assertEquals(alone[epoch], ours[epoch], 1e-5 * alone[epoch],
                        "seed " + seeds[m] + " validation loss at epoch " + (epoch + 1));
            }
        }
    }

    @Test
    void aModelsNumbersDoNotDependOnItsChunkOrThreads() {
        // given
        EnsembleSettings s = SMALL.withEpochs(30);
        // when
        EnsembleMember alone = EnsembleTrainer.trainChunk(s, new long[] {7}, Progress.silent()).get(0);
        List<EnsembleMember> all = Collections.synchronizedList(new ArrayList<>());
        EnsembleTrainer.train(s, List.of(new long[] {6, 7, 8}, new long[] {9}), 2, all::addAll, Progress.silent());
        // then
        EnsembleMember inChunk = all.stream().filter(m -> m.seed() == 7).findFirst().orElseThrow();
        assertEquals(4, all.size());
        assertArrayEquals(alone.validationLoss(), inChunk.validationLoss());
        assertArrayEquals(alone.weights().get(0).weight(), inChunk.weights().get(0).weight());
        assertArrayEquals(alone.weights().get(1).bias(), inChunk.weights().get(1).bias());
    }

    @Test
    void progressCountsEveryModelEpoch() {
        // given
        EnsembleSettings s = SMALL.withEpochs(120);
        long[] last = new long[2];
        // when
        EnsembleTrainer.train(s, List.of(new long[] {1, 2}, new long[] {3}), 1, m -> { },
                (done, total, note) -> {
                    last[0] = done;
                    last[1] = total;
                });
        // then
        assertEquals(360, last[1]);
        assertEquals(360, last[0]);
    }

    @Test
    void aDivergingRunStopsNamingSeedAndEpoch() {
        // given: a step size no net survives
        EnsembleSettings s = SMALL.withLearningRate(1e30).withEpochs(50);
        // when
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> EnsembleTrainer.trainChunk(s, new long[] {1}, Progress.silent()));
        // then
        assertTrue(e.getMessage().contains("seed 1"), e.getMessage());
        assertTrue(e.getMessage().contains("at epoch"), e.getMessage());
    }

    @Test
    void initialWeightsAreTheSeedsPytorchDefaults() {
        // given
        EnsembleSettings s = SMALL.withEpochs(1);
        try (NDManager base = NDManager.newBaseManager(Engine.getEngine("PyTorch").defaultDevice(), "PyTorch")) {
            // when
            List<LinearWeights> w = new EnsembleTrainer.Chunk(s, new long[] {5, 9}, base).weights().get(1);
            // then
            List<LinearWeights> expected = MlpWeights.pytorchDefault(s.widths(), 9);
            assertArrayEquals(expected.get(0).weight(), w.get(0).weight());
            assertArrayEquals(expected.get(0).bias(), w.get(0).bias());
            assertArrayEquals(expected.get(1).weight(), w.get(1).weight());
            assertArrayEquals(expected.get(1).bias(), w.get(1).bias());
        }
    }
}

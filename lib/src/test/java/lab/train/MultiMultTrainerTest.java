package lab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import lab.data.MultiplicationTask;
import lab.data.Rows;
import lab.loop.NonFiniteLossException;
import lab.loop.Progress;
import lab.model.LinearWeights;
import lab.model.MlpWeights;
import org.junit.jupiter.api.Test;

class MultiMultTrainerTest {

    private static final MultiMultSettings SHORT = new MultiMultSettings(60, 1e-2, 500, 0.8, 1);

    @Test
    void shortRunLowersBothLosses() {
        MultiMultResult r = MultiMultTrainer.train(SHORT, Progress.silent());

        float[] train = r.trainLoss();
        float[] validation = r.validationLoss();
        assertEquals(60, train.length);
        assertEquals(60, validation.length);
        assertTrue(train[59] < 0.5 * train[0], "training loss " + train[0] + " -> " + train[59]);
        assertTrue(validation[59] < 0.5 * validation[0], "validation loss " + validation[0] + " -> " + validation[59]);
    }

    @Test
    void twoRunsWithTheSameSeedGiveIdenticalLosses() {
        MultiMultResult first = MultiMultTrainer.train(SHORT.withEpochs(30), Progress.silent());
        MultiMultResult second = MultiMultTrainer.train(SHORT.withEpochs(30), Progress.silent());

        assertArrayEquals(first.trainLoss(), second.trainLoss(), 0f);
        assertArrayEquals(first.validationLoss(), second.validationLoss(), 0f);
        assertArrayEquals(first.w2(), second.w2(), 0f);
    }

    @Test
    void firstAdamStepMovesParametersByAtMostTheLearningRateAndMostByExactlyThat() {
        // Adam's first step is lr * m / (sqrt(v) + eps) with bias correction, i.e. lr * sign(grad) unless the
        // gradient is so small (~1e-5) that eps shrinks the step; it can never exceed lr.
        double lr = 1e-2;
        MultiMultResult r = MultiMultTrainer.train(SHORT.withEpochs(1), Progress.silent());
        List<LinearWeights> init = MlpWeights.pytorchDefault(MultiMultSettings.WIDTHS, SHORT.seed());

        int exact = 0;
        int total = 0;
        for (int l = 0; l < 2; l++) {
            float[][] before = {init.get(l).weight(), init.get(l).bias()};
            float[][] after = {r.weights().get(l).weight(), r.weights().get(l).bias()};
            for (int t = 0; t < 2; t++) {
                for (int i = 0; i < before[t].length; i++) {
                    double step = Math.abs(after[t][i] - before[t][i]);
                    total++;
                    assertTrue(step <= lr * (1 + 1e-4), "layer " + l + " parameter " + i + " moved " + step);
                    if (Math.abs(step - lr) < lr * 1e-3) {
                        exact++;
                    }
                }
            }
        }
        assertEquals(16 * 4 + 16 + 2 * 16 + 2, total);
        assertTrue(exact > total / 2, "only " + exact + " of " + total + " parameters moved by lr");
    }

    @Test
    void reportsProgressUpToTheLastEpoch() {
        List<long[]> reports = new ArrayList<>();

        MultiMultTrainer.train(SHORT.withEpochs(5), (done, total, note) -> reports.add(new long[] {done, total}));

        // then: the first epoch and the last are reported (the throttle may drop some in between)
        assertArrayEquals(new long[] {1, 5}, reports.get(0));
        assertArrayEquals(new long[] {5, 5}, reports.get(reports.size() - 1));
    }

    @Test
    void nanLossStopsTrainingAndNamesEpochAndValue() {
        MultiplicationTask.Split good = SHORT.task().generate(1);
        float[] y = good.trainTargets().values();
        y[3] = Float.NaN;
        MultiplicationTask.Split bad = new MultiplicationTask.Split(good.trainInputs(), Rows.of(y, 2),
                good.validationInputs(), good.validationTargets());

        NonFiniteLossException e = assertThrows(NonFiniteLossException.class,
                () -> MultiMultTrainer.train(SHORT, bad, Progress.silent()));

        assertEquals(1, e.epoch());
        assertEquals("training loss of the model of seed " + SHORT.seed() + " is NaN at epoch 1; training stopped and "
                + "nothing of it was stored: use a smaller learning rate", e.getMessage());
    }

    @Test
    void refusesDataOfTheWrongWidth() {
        MultiplicationTask.Split good = SHORT.task().generate(1);
        MultiplicationTask.Split bad = new MultiplicationTask.Split(good.trainInputs(), good.trainInputs(),
                good.validationInputs(), good.validationTargets());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MultiMultTrainer.train(SHORT, bad, Progress.silent()));

        assertEquals("train targets have width 4, expected 2", e.getMessage());
    }
}

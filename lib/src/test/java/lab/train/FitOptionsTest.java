package lab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import lab.loop.Progress;
import lab.model.LinearWeights;
import lab.model.MlpWeights;
import org.junit.jupiter.api.Test;

class FitOptionsTest {

    private static final EnsembleSettings SMALL = EnsembleSettings.quick().withSamples(300).withEpochs(40).withHidden(4);

    @Test
    void theStandardOptionsGiveTheTrainersNumbersBitForBit() {
        // when
        EnsembleMember plain = EnsembleTrainer.trainChunk(SMALL, new long[] {3}, Progress.silent()).get(0);
        EnsembleMember options = EnsembleTrainer.trainChunk(SMALL, new long[] {3}, Progress.silent(),
                FitOptions.standard()).get(0);
        // then
        assertArrayEquals(plain.validationLoss(), options.validationLoss());
        assertArrayEquals(plain.weights().get(0).weight(), options.weights().get(0).weight());
    }

    @Test
    void aSingleTaskNetIsTwoToHiddenToOneAndLearns() {
        // when
        EnsembleMember m = EnsembleTrainer.trainChunk(SMALL.withEpochs(150), new long[] {1}, Progress.silent(),
                FitOptions.singleTask(1)).get(0);
        // then
        assertEquals(2, m.weights().get(0).in());
        assertEquals(1, m.weights().get(1).out());
        float[] v = m.validationLoss();
        assertTrue(v[v.length - 1] < 0.5 * v[0], "validation MSE fell from " + v[0] + " to " + v[v.length - 1]);
    }

    @Test
    void theObserverSeesEveryEpochAndItsPerOutputLossesAverageToTheValidationLoss() {
        // given
        List<float[]> seen = new ArrayList<>();
        FitOptions fit = FitOptions.standard().withObserver((seed, epoch, w, perOutput) -> {
            assertEquals(seen.size() + 1, epoch);
            seen.add(perOutput);
        });
        // when
        EnsembleMember m = EnsembleTrainer.trainChunk(SMALL, new long[] {2}, Progress.silent(), fit).get(0);
        // then
        assertEquals(SMALL.epochs(), seen.size());
        for (int e = 0; e < seen.size(); e++) {
            assertEquals(m.validationLoss()[e], (seen.get(e)[0] + seen.get(e)[1]) / 2, 1e-6);
        }
    }

    @Test
    void trainingStartsFromTheGivenWeights() {
        // given: seed 9's default start handed over as an explicit start for seed 4
        List<LinearWeights> start = MlpWeights.pytorchDefault(SMALL.widths(), 9);
        // when
        EnsembleMember given = EnsembleTrainer.trainChunk(SMALL, new long[] {4}, Progress.silent(),
                FitOptions.standard().withStart(seed -> start)).get(0);
        EnsembleMember own = EnsembleTrainer.trainChunk(SMALL, new long[] {4}, Progress.silent()).get(0);
        // then: same data (seed 4), other start, so other weights
        assertTrue(given.weights().get(1).weight()[0] != own.weights().get(1).weight()[0]);
    }

    @Test
    void anL1PenaltyShrinksTheWeightMass() {
        // when
        EnsembleMember free = EnsembleTrainer.trainChunk(SMALL, new long[] {5}, Progress.silent()).get(0);
        EnsembleMember l1 = EnsembleTrainer.trainChunk(SMALL, new long[] {5}, Progress.silent(),
                FitOptions.standard().withPenalty(1e-1, 0)).get(0);
        // then
        assertTrue(mass(l1) < mass(free), "L1 mass " + mass(l1) + " vs free " + mass(free));
    }

    @Test
    void aNegativeCoefficientIsRefusedWithOneSentence() {
        // when
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FitOptions.standard().withPenalty(0, -1e-4));
        // then
        assertEquals("the L2 coefficient must be finite and >= 0, got -1.0E-4", e.getMessage());
    }

    private static double mass(EnsembleMember m) {
        double s = 0;
        for (LinearWeights l : m.weights()) {
            for (float w : l.weight()) {
                s += Math.abs(w);
            }
        }
        return s;
    }
}

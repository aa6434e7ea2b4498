package lab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import lab.model.LinearWeights;
import org.junit.jupiter.api.Test;

class LossCurvesTest {

    @Test
    void historiesAreCopiedInAndOut() {
        // given
        float[] train = {0.5f, 0.25f};
        float[] validation = {0.75f, 0.5f};
        LossCurves curves = new LossCurves(train, validation);
        // when
        train[1] = 9f;
        curves.validation()[1] = 9f;
        // then
        assertArrayEquals(new float[] {0.5f, 0.25f}, curves.train(), 0f);
        assertArrayEquals(new float[] {0.75f, 0.5f}, curves.validation(), 0f);
        assertEquals(2, curves.steps());
    }

    @Test
    void finalLossesAreTheLastSteps() {
        // given
        LossCurves curves = new LossCurves(new float[] {0.5f, 0.25f, 0.125f}, new float[] {0.75f, 0.5f, 0.375f});
        // then
        assertEquals(0.125, curves.finalTrain(), 0.0);
        assertEquals(0.375, curves.finalValidation(), 0.0);
    }

    @Test
    void refusesHistoriesOfDifferentLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LossCurves(new float[] {1f, 2f}, new float[] {1f}));

        assertEquals("loss histories must be equally long and non-empty, got 2 and 1", e.getMessage());
    }

    @Test
    void aMemberAndAResultReadTheSameHelpersFromTheirCurvesAndWeights() {
        // given: a 4 -> 1 -> 2 net whose W2 is {2, 3}
        List<LinearWeights> weights = List.of(
                new LinearWeights(4, 1, new float[] {1f, 0f, 0f, 0f}, new float[] {0f}),
                new LinearWeights(1, 2, new float[] {2f, 3f}, new float[] {0f, 0f}));
        float[] train = {0.5f, 0.25f};
        float[] validation = {0.75f, 0.5f};
        MultiMultSettings settings = MultiMultSettings.quick().withEpochs(2);
        // when
        TrainedMlp member = new EnsembleMember(3, train, validation, weights);
        TrainedMlp result = new MultiMultResult(settings, train, validation, weights, 1.0);
        // then
        for (TrainedMlp t : List.of(member, result)) {
            assertEquals(0.25, t.finalTrainLoss(), 0.0);
            assertEquals(0.5, t.finalValidationLoss(), 0.0);
            assertEquals(1, t.hiddenUnits());
            assertArrayEquals(new float[] {2f, 3f}, t.w2(), 0f);
        }
    }

    @Test
    void aResultNamesTheEpochsWhenItsHistoriesDoNotMatchThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MultiMultResult(MultiMultSettings.quick().withEpochs(3), new float[] {1f, 2f},
                        new float[] {1f}, List.of(), 1.0));

        assertEquals("loss histories have 2 and 1 values, expected epochs = 3", e.getMessage());
    }
}

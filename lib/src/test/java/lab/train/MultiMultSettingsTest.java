package lab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MultiMultSettingsTest {

    @Test
    void fullIsTheSeedsScale() {
        MultiMultSettings full = MultiMultSettings.full();

        assertEquals(4_000, full.epochs());
        assertEquals(1e-2, full.learningRate());
        assertEquals(10_000, full.samples());
        assertEquals(8_000, full.task().trainRows());
    }

    @Test
    void withCopiesChangeOneFieldOnly() {
        MultiMultSettings s = MultiMultSettings.quick().withSeed(9).withEpochs(7);

        assertEquals(new MultiMultSettings(7, MultiMultSettings.quick().learningRate(),
                MultiMultSettings.quick().samples(), MultiMultSettings.quick().trainFraction(), 9), s);
    }

    @Test
    void recipeIsTheseSettingsOnTheSeedsSixteenHiddenUnits() {
        MultiMultSettings s = MultiMultSettings.quick().withSeed(9);

        assertEquals(new EnsembleSettings(2_000, 1e-2, 4_000, 0.8, 16), s.recipe());
        assertEquals(MultiMultSettings.WIDTHS[1], s.recipe().widths()[1]);
    }

    @Test
    void refusesZeroEpochs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MultiMultSettings.full().withEpochs(0));

        assertEquals("epochs must be >= 1, got 0", e.getMessage());
    }

    @Test
    void refusesANonPositiveLearningRate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MultiMultSettings.full().withLearningRate(-1e-3));

        assertEquals("learningRate must be finite and > 0, got -0.001", e.getMessage());
    }

    @Test
    void refusesATrainFractionOutsideZeroOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MultiMultSettings.full().withTrainFraction(1.0));

        assertEquals("trainFraction must be in (0, 1), got 1.0", e.getMessage());
    }
}

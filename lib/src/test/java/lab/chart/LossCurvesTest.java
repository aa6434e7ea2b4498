package lab.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.knowm.xchart.XYChart;
import org.junit.jupiter.api.Test;

class LossCurvesTest {

    @Test
    void shortHistoryIsDrawnEpochByEpochOnALogAxis() {
        XYChart chart = LossCurves.chart(new float[] {1f, 0.5f, 0.25f}, new float[] {1.1f, 0.6f, 0.3f}, "loss");

        assertEquals(2, chart.getSeriesMap().size());
        assertArrayEquals(new double[] {1, 2, 3}, chart.getSeriesMap().get("train").getXData(), 0);
        assertArrayEquals(new double[] {1.1, 0.6, 0.3}, chart.getSeriesMap().get("validation").getYData(), 1e-6);
        assertTrue(chart.getStyler().isYAxisLogarithmic());
    }

    @Test
    void longHistoryIsThinnedButKeepsTheFirstFiftyAndTheLastEpoch() {
        int[] epochs = LossCurves.drawnEpochs(4000);

        assertEquals(1, epochs[0]);
        assertEquals(50, epochs[49]);
        assertEquals(4000, epochs[epochs.length - 1]);
        assertTrue(epochs.length <= LossCurves.POINTS + 1, "drew " + epochs.length + " points");
    }

    @Test
    void refusesALossThatALogAxisCannotShow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LossCurves.chart(new float[] {1f, 0f}, new float[] {1f, 1f}, "loss"));

        assertEquals("train loss at epoch 2 is 0.0, cannot be drawn on a log scale", e.getMessage());
    }
}

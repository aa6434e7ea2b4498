package lab.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.knowm.xchart.XYChart;
import org.junit.jupiter.api.Test;

class LossChartTest {

    @Test
    void shortHistoryIsDrawnEpochByEpochOnALogAxis() {
        XYChart chart = LossChart.chart(new float[] {1f, 0.5f, 0.25f}, new float[] {1.1f, 0.6f, 0.3f}, "loss");

        assertEquals(2, chart.getSeriesMap().size());
        assertArrayEquals(new double[] {1, 2, 3}, chart.getSeriesMap().get("train").getXData(), 0);
        assertArrayEquals(new double[] {1.1, 0.6, 0.3}, chart.getSeriesMap().get("validation").getYData(), 1e-6);
        assertTrue(chart.getStyler().isYAxisLogarithmic());
    }

    @Test
    void aHistoryPastFiftyEpochsIsDrawnUnevenlySoXChartPicksRoundTicks() {
        // given / when
        int[] epochs = LossChart.drawnEpochs(400);

        // then: every epoch to 50, then every second one, and the last
        assertEquals(50, epochs[49]);
        assertEquals(52, epochs[50]);
        assertEquals(400, epochs[epochs.length - 1]);
    }

    @Test
    void aLossRangeInsideOneDecadeLabelsMoreThanThePowersOfTen() {
        // given: losses between 0.3 and 0.5
        float[] loss = {0.5f, 0.4f, 0.3f};

        // when
        XYChart narrow = LossChart.curves(java.util.Map.of("st", loss), "narrow", "loss");
        XYChart wide = LossChart.chart(new float[] {1f, 1e-3f}, new float[] {1f, 1e-4f}, "wide");

        // then
        assertTrue(narrow.getStyler().isYAxisLogarithmic());
        assertEquals(false, narrow.getStyler().isYAxisLogarithmicDecadeOnly());
        assertEquals(true, wide.getStyler().isYAxisLogarithmicDecadeOnly());
        assertEquals(ChartStyle.THEME, narrow.getStyler().getTheme());
    }

    @Test
    void longHistoryIsThinnedButKeepsTheFirstFiftyAndTheLastEpoch() {
        int[] epochs = LossChart.drawnEpochs(4000);

        assertEquals(1, epochs[0]);
        assertEquals(50, epochs[49]);
        assertEquals(4000, epochs[epochs.length - 1]);
        assertTrue(epochs.length <= LossChart.POINTS + 1, "drew " + epochs.length + " points");
    }

    @Test
    void refusesALossThatALogAxisCannotShow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LossChart.chart(new float[] {1f, 0f}, new float[] {1f, 1f}, "loss"));

        assertEquals("train loss at epoch 2 is 0.0, cannot be drawn on a log scale", e.getMessage());
    }
}

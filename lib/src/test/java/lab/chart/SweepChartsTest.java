package lab.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class SweepChartsTest {

    @Test
    void gapChartHasOneSeriesPerSettingPlusTheZeroLine() {
        Map<String, double[][]> s = new LinkedHashMap<>();
        s.put("faithful", new double[][] {{3, 4, 5}, {0.14, 0.07, 0.05}});
        s.put("seed", new double[][] {{3, 4}, {0.116, 0.0745}});
        XYChart c = SweepCharts.gap(s, "gap");
        assertEquals(3, c.getSeriesMap().size());
        assertTrue(c.getSeriesMap().containsKey("no gap"));
        assertEquals(700, BitmapEncoder.getBufferedImage(c).getWidth());
    }

    @Test
    void gapChartRefusesSeriesOfUnequalLength() {
        Map<String, double[][]> s = Map.of("bad", new double[][] {{3, 4}, {0.1}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepCharts.gap(s, "gap"));
        assertTrue(e.getMessage().contains("bad"), e.getMessage());
    }

    @Test
    void gapChartDrawsOneRangeBarPerPointWithARangeOutsideTheLegend() {
        // given: two widths, the second with min = max (one value: no bar)
        Map<String, double[][]> s = new LinkedHashMap<>();
        s.put("faithful", new double[][] {{3, 4}, {0.14, 0.07}, {0.10, 0.07}, {0.18, 0.07}});

        // when
        XYChart c = SweepCharts.gap(s, "gap");

        // then
        assertEquals(3, c.getSeriesMap().size(), "the series, one bar, the zero line");
        XYSeries bar = c.getSeriesMap().get("faithful range 0");
        assertEquals(0.10, bar.getYData()[0], 1e-12);
        assertEquals(0.18, bar.getYData()[1], 1e-12);
        assertFalse(bar.isShowInLegend());
    }

    @Test
    void curvesAreThinnedDrawTheirRangeAndRefuseNonPositiveLosses() {
        float[] long10k = new float[10_000];
        java.util.Arrays.fill(long10k, 0.1f);
        float[] higher = long10k.clone();
        higher[5] = 0.2f;
        XYChart c = SweepCharts.curves(Map.of("st", new float[][] {long10k, long10k, higher}), "curves");
        assertTrue(c.getSeriesMap().get("st").getXData().length <= 700);
        assertEquals(0.2, c.getSeriesMap().get("st max").getYData()[5], 1e-6);
        assertFalse(c.getSeriesMap().get("st min").isShowInLegend());
        XYChart one = SweepCharts.curves(Map.of("st", new float[][] {long10k, long10k, long10k}), "one seed");
        assertEquals(1, one.getSeriesMap().size(), "min = max: no range lines");
        assertThrows(IllegalArgumentException.class, () -> SweepCharts.curves(
                Map.of("mt", new float[][] {{0.1f, 0f}, {0.1f, 0f}, {0.1f, 0f}}), "x"));
    }
}

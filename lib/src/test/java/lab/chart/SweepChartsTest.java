package lab.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

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
    void curvesAreThinnedAndRefuseNonPositiveLosses() {
        float[] long10k = new float[10_000];
        java.util.Arrays.fill(long10k, 0.1f);
        XYChart c = SweepCharts.curves(Map.of("st", long10k), "curves");
        assertTrue(c.getSeriesMap().get("st").getXData().length <= 700);
        assertThrows(IllegalArgumentException.class, () -> SweepCharts.curves(Map.of("mt", new float[] {0.1f, 0f}), "x"));
    }
}

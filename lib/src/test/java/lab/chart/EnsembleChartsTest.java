package lab.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import lab.analysis.PooledVectors;
import lab.analysis.ScoreBins;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

class EnsembleChartsTest {

    private static final PooledVectors VECTORS = new PooledVectors(
            new double[] {0, 0.5, 0.01, 0.3, -0.2}, new double[] {0, 0.01, 0.4, 0.3, 0.2},
            new boolean[] {true, false, false, false, false});

    @Test
    void histogramsAreOneFilledOutlineOfTwoPointsPerBin() {
        // given / when
        XYChart chart = EnsembleCharts.scores(VECTORS, "all", 10);
        // then: 10 bins -> 2 * 10 + 2 points
        assertEquals(1, chart.getSeriesMap().size());
        assertEquals(22, chart.getSeriesMap().values().iterator().next().getXData().length);
        assertTrue(chart.getTitle().contains("(5)"), chart.getTitle());
        render(chart);
    }

    @Test
    void scatterSeparatesLiveAndSilentNeurons() {
        // given / when
        XYChart chart = EnsembleCharts.vectorScatter(VECTORS);
        // then
        assertEquals(List.of("live (4)", "silent, at 0 (1)"), List.copyOf(chart.getSeriesMap().keySet()));
        render(chart);
    }

    @Test
    void densityIsLabelledAsLogCounts() {
        // given / when
        HeatMapChart chart = EnsembleCharts.vectorDensity(VECTORS, 8);
        // then
        assertTrue(chart.getTitle().contains("log10(1 + count)"), chart.getTitle());
        assertEquals(64, chart.getSeriesMap().get("log10(1+n)").getHeatData().size());
        render(chart);
    }

    @Test
    void magnitudeChartLeavesEmptyBinsOutAndCarriesErrorBars() {
        // given: all five vectors in 4 bins; some bins empty
        ScoreBins bins = ScoreBins.of(VECTORS.scores(), VECTORS.magnitudes(), 4);
        long nonEmpty = java.util.Arrays.stream(bins.scores().counts()).filter(c -> c > 0).count();
        // when
        XYChart chart = EnsembleCharts.magnitudeByScore(bins, "all");
        // then
        var series = chart.getSeriesMap().get("mean |c|");
        assertEquals(nonEmpty, series.getXData().length);
        assertEquals(nonEmpty, series.getExtraValues().length);
        render(chart);
        render(EnsembleCharts.shareByScore(bins, "all"));
    }

    @Test
    void otherChartsRender() {
        render(EnsembleCharts.angles(VECTORS, 16));
        render(EnsembleCharts.outputRowCosines(new double[] {0.1, -0.3, 0.9}, 20));
        render(EnsembleCharts.validationLosses(new double[] {3e-4, 1e-3, 2e-4}, 10));
    }

    @Test
    void aNonPositiveLossIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EnsembleCharts.validationLosses(new double[] {1e-3, 0}, 5));
        assertTrue(e.getMessage().contains("validation loss 1 is 0.0"), e.getMessage());
    }

    private static void render(Chart<?, ?> chart) {
        BufferedImage image = BitmapEncoder.getBufferedImage(chart);
        assertEquals(chart.getWidth(), image.getWidth());
    }
}

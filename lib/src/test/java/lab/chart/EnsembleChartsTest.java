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
        // then: 10 bins -> 2 * 10 + 2 points, plus the threshold line
        assertEquals(2, chart.getSeriesMap().size());
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
    void densityHasAnOddBinCountWithZeroLabelledAndATitledColourBar() {
        // given / when: 8 bins asked for, raised to 9 so that one bin is centred on 0
        ChartGrid grid = EnsembleCharts.vectorDensity(VECTORS, 8);
        HeatMapChart chart = (HeatMapChart) grid.charts().get(0);
        // then
        var series = chart.getSeriesMap().get(EnsembleCharts.DENSITY_SERIES);
        assertEquals(81, series.getHeatData().size());
        assertEquals("0", series.getXData().get(4));
        assertEquals("log10(1 + count)", grid.side().getTitle());
        assertTrue(series.getXData().stream().map(Object::toString).noneMatch(t -> t.startsWith(".")),
                series.getXData().toString());
        assertEquals(grid.width(), grid.toImage().getWidth());
    }

    @Test
    void lossHistogramDrawsTheNotesValueEvenWhenEveryModelIsWorse() {
        // given: all models far above the note's 3e-4
        double[] losses = {2e-3, 3e-3, 5e-3};
        // when
        XYChart chart = EnsembleCharts.validationLosses(losses, 10);
        // then: the line's x is log10(3e-4), inside the axis range the bars span
        double[] line = chart.getSeriesMap().get("the note").getXData();
        double[] bars = chart.getSeriesMap().values().iterator().next().getXData();
        assertEquals(Math.log10(3e-4), line[0], 1e-12);
        assertTrue(bars[0] < line[0] && line[0] < bars[bars.length - 1], bars[0] + " .. " + bars[bars.length - 1]);
        assertEquals("3e-4", ChartStyle.powerOfTen(Math.log10(3e-4)));
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

package lab.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import lab.analysis.PooledVectors;
import lab.analysis.ScoreBins;
import lab.data.AnalysisGrid;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.XYStyler;

class ChartStyleTest {

    @Test
    void tickLabelsAreShortRoundNumbersWithALeadingZero() {
        assertEquals("0", ChartStyle.number(0));
        assertEquals("0", ChartStyle.number(-1e-17));
        assertEquals("0.05", ChartStyle.number(0.05));
        assertEquals("-0.35", ChartStyle.number(-0.35000000000000003));
        assertEquals("4000", ChartStyle.number(4000));
        assertEquals("3e-4", ChartStyle.number(3e-4));
        assertEquals("2.5e-5", ChartStyle.number(2.5e-5));
        assertEquals("1e-3", ChartStyle.powerOfTen(-3));
        assertEquals("3.2e-4", ChartStyle.powerOfTen(-3.5));
        assertEquals("0.01", ChartStyle.powerOfTen(-2));
    }

    @Test
    void aLogAxisOverManyDecadesIsWidenedToWholeDecadesAndLabelledInPlainDecimals() {
        // given: rises from 3e-7 to 2e-3 on x, 2e-4 to 8e-4 (inside one decade) on y
        XYChart chart = ChartStyle.xy(760, 400, "t", "x", "y");
        chart.addSeries("s", new double[] {3e-7, 2e-3}, new double[] {2e-4, 8e-4});

        // when
        ChartStyle.logX(chart, 3e-7, 2e-3);
        ChartStyle.logY(chart, 2e-4, 8e-4);

        // then: x labelled at the powers of ten 1e-7 .. 0.01 as 0.0000001 .. 0.01; y at 0.0002 .. 0.0008
        XYStyler s = chart.getStyler();
        assertTrue(s.isXAxisLogarithmic() && s.isXAxisLogarithmicDecadeOnly());
        assertEquals(1e-7, s.getXAxisMin(), 1e-20);
        assertEquals(1e-2, s.getXAxisMax(), 1e-15);
        assertEquals("0.#######", s.getXAxisDecimalPattern());
        assertTrue(s.isYAxisLogarithmic() && !s.isYAxisLogarithmicDecadeOnly());
        assertEquals("0.####", s.getYAxisDecimalPattern());
        assertEquals(2e-4, s.getYAxisMin(), 1e-15);
        assertEquals(8e-4, s.getYAxisMax(), 1e-15);
        assertTrue(BitmapEncoder.getBufferedImage(chart).getWidth() > 0);
    }

    @Test
    void aLogAxisTooShortForItsLabelsAtTwoToNineIsLabelledAtThePowersOfTen() {
        // given: losses from 0.045 to 0.51 (1.05 decades; widened to 0.04 .. 0.6, 1.18 decades)
        XYChart tall = ChartStyle.xy(760, 900, "t", "x", "y");
        XYChart low = ChartStyle.xy(760, 420, "t", "x", "y");

        // when
        ChartStyle.logY(tall, 0.045, 0.51);
        ChartStyle.logY(low, 0.045, 0.51);

        // then: 900 pixels hold 0.04 .. 0.6 with 2..9 labelled; 420 do not, so 0.01, 0.1, 1
        assertEquals(0.04, tall.getStyler().getYAxisMin(), 1e-12);
        assertEquals(0.6, tall.getStyler().getYAxisMax(), 1e-12);
        assertTrue(!tall.getStyler().isYAxisLogarithmicDecadeOnly());
        assertEquals(0.01, low.getStyler().getYAxisMin(), 1e-12);
        assertEquals(1, low.getStyler().getYAxisMax(), 1e-12);
        assertTrue(low.getStyler().isYAxisLogarithmicDecadeOnly());
    }

    @Test
    void aLogAxisRefusesARangeThatIsNotPositive() {
        XYChart chart = ChartStyle.xy(300, 200, "t", "x", "y");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChartStyle.logX(chart, 0, 1));
        assertEquals("a log axis needs 0 < min <= max, both finite; got min 0.0, max 1.0", e.getMessage());
    }

    @Test
    void categoryTicksLabelZeroAndRoundStepsAndLeaveTheOtherBinsDistinctBlanks() {
        // given: 9 bins over [-0.45, 0.45], centres -0.4 .. 0.4
        double[] centres = new double[9];
        for (int i = 0; i < 9; i++) {
            centres[i] = -0.4 + 0.1 * i;
        }

        // when
        List<String> ticks = ChartStyle.categoryTicks(centres, 5);

        // then: step 0.2 -> -0.4, -0.2, 0, 0.2, 0.4 on every second bin
        assertEquals(List.of("-0.4", "", "-0.2", "", "0", "", "0.2", "", "0.4"),
                ticks.stream().map(String::strip).toList());
        assertEquals(9, ticks.stream().distinct().count());
    }

    @Test
    void roundStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(0.2, ChartStyle.roundStep(0.15), 1e-12);
        assertEquals(0.5, ChartStyle.roundStep(0.3), 1e-12);
        assertEquals(1.0, ChartStyle.roundStep(0.7), 1e-12);
        assertEquals(20.0, ChartStyle.roundStep(20), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChartStyle.roundStep(0));
        assertEquals("step must be positive and finite, got 0.0", e.getMessage());
    }

    @Test
    void everyChartOfTheLibraryIsInTheOneThemeWithOneTickFont() {
        // given: one chart of each kind the notebooks show
        PooledVectors v = new PooledVectors(new double[] {0, 0.5, 0.3}, new double[] {0, 0.01, 0.3},
                new boolean[] {true, false, false});
        ScoreBins bins = ScoreBins.of(v.scores(), v.magnitudes(), 4);
        ChartGrid attribution = AttributionCharts.forOutput(ChartFixtures.attribution(), AnalysisGrid.seedGrid(), 0);
        ChartGrid density = EnsembleCharts.vectorDensity(v, 8);
        List<Chart<?, ?>> charts = List.of(
                LossChart.chart(new float[] {1f, 0.5f}, new float[] {1f, 0.6f}, "loss"),
                SweepCharts.curves(Map.of("st", new float[] {0.5f, 0.4f}), "curves"),
                SweepCharts.gap(Map.of("faithful", new double[][] {{3, 4}, {0.1, 0.05}}), "gap"),
                ContributionScatter.chart(ChartFixtures.attribution()),
                attribution.charts().get(0), attribution.side(), density.charts().get(0), density.side(),
                EnsembleCharts.validationLosses(new double[] {1e-3, 2e-3}, 5), EnsembleCharts.angles(v, 8),
                EnsembleCharts.scores(v, "all", 5), EnsembleCharts.outputRowCosines(new double[] {0.1}, 5),
                EnsembleCharts.vectorScatter(v), EnsembleCharts.magnitudeByScore(bins, "all"),
                EnsembleCharts.shareByScore(bins, "all"));

        // when / then
        for (Chart<?, ?> chart : charts) {
            assertSame(ChartStyle.THEME, chart.getStyler().getTheme(), chart.getTitle());
            assertEquals(ChartStyle.TICKS, ((org.knowm.xchart.style.AxesChartStyler) chart.getStyler())
                    .getAxisTickLabelsFont(), chart.getTitle());
        }
    }
}

package lab.chart;

import java.awt.Color;
import lab.analysis.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Histograms in the project's style: bars of equal width drawn as one filled outline, in one colour, no legend. The
 * histograms of 002 ({@link EnsembleCharts}) and 004 ({@code lab.multimult.OpenQuestionsCharts}) are built here.
 */
public final class HistogramChart {

    /** The bars' fill colour; their outline is a shade darker. */
    public static final Color BARS = new Color(70, 110, 160);

    private HistogramChart() {}

    /**
     * Returns the histogram of these counts, width x height pixels, y ticks only at whole numbers (counts are whole:
     * a tick between two of them stays unlabelled).
     */
    public static XYChart counts(int width, int height, String title, String xTitle, String yTitle, Histogram h) {
        long[] c = h.counts();
        double[] y = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            y[i] = c[i];
        }
        XYChart chart = bars(width, height, title, xTitle, yTitle, h.min(), h.max(), y);
        chart.setCustomYAxisTickLabelsFormatter(v -> Math.abs(v - Math.rint(v)) < 1e-9 ? ChartStyle.number(v) : "");
        return chart;
    }

    /**
     * Returns bars of equal width over [min, max] with these heights ([bins]), width x height pixels. Each bar's left
     * edge sits a millionth of a bar to the right: on equally spaced x values XChart puts ticks on every n-th value
     * (-1, -0.85, -0.7, ...) instead of round ones.
     */
    public static XYChart bars(int width, int height, String title, String xTitle, String yTitle, double min,
            double max, double[] heights) {
        int n = heights.length;
        double w = (max - min) / n;
        double[] x = new double[2 * n + 2];
        double[] y = new double[2 * n + 2];
        x[0] = min;
        for (int i = 0; i < n; i++) {
            x[2 * i + 1] = min + (i + 1e-6) * w;
            y[2 * i + 1] = heights[i];
            x[2 * i + 2] = min + (i + 1) * w;
            y[2 * i + 2] = heights[i];
        }
        x[2 * n + 1] = max;
        XYChart chart = ChartStyle.xy(width, height, title, xTitle, yTitle);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Area);
        XYSeries s = chart.addSeries(title, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setFillColor(BARS);
        s.setLineColor(BARS.darker());
        return chart;
    }
}

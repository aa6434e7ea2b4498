package lab.chart;

import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The st-vs-mt sweep's charts: the gap mt - st against the width (log2 axis), and loss curves per epoch. */
public final class SweepCharts {

    private SweepCharts() {}

    /**
     * Returns a chart, 700 x 420, of the gap (mt - st lowest loss) against log2(width), one series per entry of
     * {@code series}: name -> {log2 widths, gaps} (equal lengths, at least one point), with a zero line.
     */
    public static XYChart gap(Map<String, double[][]> series, String title) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("need at least one series");
        }
        XYChart chart = ChartStyle.xy(700, 420, title, "hidden width", "gap: mt - st lowest loss");
        // x is log2(width); the ticks say the width itself (8, 16, ...)
        chart.setCustomXAxisTickLabelsFormatter(v -> Math.abs(v - Math.rint(v)) < 1e-9
                ? Long.toString(Math.round(Math.pow(2, Math.rint(v)))) : "");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int i = 0;
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            double[] x = e.getValue()[0];
            double[] y = e.getValue()[1];
            if (x.length == 0 || x.length != y.length) {
                throw new IllegalArgumentException("series '" + e.getKey() + "' needs equal, non-empty x and y, got "
                        + x.length + " and " + y.length);
            }
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineColor(ChartStyle.SERIES[i % ChartStyle.SERIES.length]);
            s.setMarkerColor(ChartStyle.SERIES[i % ChartStyle.SERIES.length]);
            i++;
            for (double v : x) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return ChartStyle.horizontalLine(chart, "no gap", 0, lo, hi);
    }

    /**
     * Returns a chart, 760 x 420, of per-epoch loss curves (name -> [epochs], all > 0) on a log y-axis, thinned
     * to about 600 points each ({@link LossChart#curves}).
     */
    public static XYChart curves(Map<String, float[]> curves, String title) {
        return LossChart.curves(curves, title, "L1 loss, epoch mean (log scale)");
    }
}

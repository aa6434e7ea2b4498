package lab.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The st-vs-mt sweep's charts: the gap mt - st against the width (log2 axis), and loss curves per epoch. */
public final class SweepCharts {

    private SweepCharts() {}

    /** How far apart (in log2 width) series with bars are drawn, so bars at one width do not overlap. */
    private static final double DODGE = 0.06;

    /**
     * Returns a chart, 700 x 420, of the gap (mt - st lowest loss) against log2(width), one series per entry of
     * {@code series}: name -> {log2 widths, gaps} or {log2 widths, gaps, lows, highs} (equal lengths, at least one
     * point), with a zero line. With lows and highs each point gets a vertical bar from low to high (e.g. the
     * min-max over RNG seeds), in the series' colour; series with bars are nudged apart sideways.
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
        int withBars = 0;
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            double[][] v = e.getValue();
            double[] x = v[0];
            double[] y = v[1];
            if (x.length == 0 || x.length != y.length || (v.length != 2 && v.length != 4)
                    || (v.length == 4 && (v[2].length != x.length || v[3].length != x.length))) {
                throw new IllegalArgumentException("series '" + e.getKey() + "' needs equal, non-empty x and y (and "
                        + "lows and highs, if given), got " + x.length + " and " + y.length);
            }
            Color colour = ChartStyle.SERIES[i % ChartStyle.SERIES.length];
            // only series with bars move, the first not at all: XChart starts the ticks at the axis minimum, and
            // a minimum off a whole log2 would leave the width labels off their ticks
            double shift = v.length == 4 ? withBars++ * DODGE : 0;
            double[] xs = java.util.Arrays.stream(x).map(a -> a + shift).toArray();
            XYSeries s = chart.addSeries(e.getKey(), xs, y);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineColor(colour);
            s.setMarkerColor(colour);
            // solid whatever its place: the theme's line styles cycle with the series count, bars included
            s.setLineStyle(SeriesLines.SOLID);
            if (v.length == 4) {
                for (int k = 0; k < x.length; k++) {
                    if (v[2][k] < v[3][k]) {
                        XYSeries bar = chart.addSeries(e.getKey() + " range " + k, new double[] {xs[k], xs[k]},
                                new double[] {v[2][k], v[3][k]});
                        bar.setMarker(SeriesMarkers.DIAMOND);
                        bar.setMarkerColor(colour);
                        bar.setLineColor(colour);
                        bar.setLineStyle(new BasicStroke(1.5f));
                        bar.setShowInLegend(false);
                    }
                }
            }
            i++;
            for (double a : x) {
                lo = Math.min(lo, a);
                hi = Math.max(hi, a);
            }
        }
        return ChartStyle.horizontalLine(chart, "no gap", 0, lo, hi);
    }

    /**
     * Returns a chart, 760 x 420, of per-epoch loss curves on a log y-axis, thinned to about 600 points each
     * ({@link LossChart#curves}): name -> {mean, min, max} ([3][epochs], all > 0), the mean drawn solid and, when
     * min and max differ, both as thin lines of the same colour (the spread over RNG seeds), left out of the
     * legend.
     */
    public static XYChart curves(Map<String, float[][]> curves, String title) {
        Map<String, float[]> means = new LinkedHashMap<>();
        curves.forEach((name, band) -> {
            if (band.length != 3) {
                throw new IllegalArgumentException("curve '" + name + "' needs {mean, min, max}, got " + band.length
                        + " rows");
            }
            means.put(name, band[0]);
        });
        XYChart chart = LossChart.curves(means, title, "L1 loss, epoch mean (log scale)");
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        int i = 0;
        for (Map.Entry<String, float[][]> e : curves.entrySet()) {
            Color colour = ChartStyle.SERIES[i++ % ChartStyle.SERIES.length];
            float[][] band = e.getValue();
            if (java.util.Arrays.equals(band[1], band[2])) {
                continue;
            }
            int[] epochs = LossChart.drawnEpochs(band[0].length);
            for (int edge = 1; edge <= 2; edge++) {
                double[] x = new double[epochs.length];
                double[] y = new double[epochs.length];
                for (int k = 0; k < epochs.length; k++) {
                    x[k] = epochs[k];
                    y[k] = band[edge][epochs[k] - 1];
                    if (!(y[k] > 0) || Double.isInfinite(y[k])) {
                        throw new IllegalArgumentException(e.getKey() + " loss at epoch " + epochs[k] + " is " + y[k]
                                + ", cannot be drawn on a log scale");
                    }
                    min = Math.min(min, y[k]);
                    max = Math.max(max, y[k]);
                }
                XYSeries s = chart.addSeries(e.getKey() + (edge == 1 ? " min" : " max"), x, y);
                s.setMarker(SeriesMarkers.NONE);
                s.setLineColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 110));
                s.setLineStyle(new BasicStroke(0.8f));
                s.setShowInLegend(false);
            }
        }
        if (max > 0) {
            for (float[][] band : curves.values()) {
                for (float v : band[0]) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            ChartStyle.logY(chart, min, max);
        }
        return chart;
    }
}

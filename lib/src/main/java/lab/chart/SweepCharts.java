package lab.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The st-vs-mt sweep's charts: the gap mt - st against log2(width), and loss curves per epoch. */
public final class SweepCharts {

    private static final Color[] COLOURS = {new Color(33, 102, 172), new Color(214, 96, 77),
        new Color(90, 90, 90), new Color(27, 158, 119), new Color(152, 78, 163), new Color(230, 171, 2)};

    private SweepCharts() {}

    /**
     * Returns a chart, 700 x 420, of the gap (mt - st lowest loss) against log2(width), one series per entry of
     * {@code series}: name -> {log2 widths, gaps} (equal lengths, at least one point), with a zero line.
     */
    public static XYChart gap(Map<String, double[][]> series, String title) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("need at least one series");
        }
        XYChart chart = new XYChartBuilder().width(700).height(420).title(title)
                .xAxisTitle("log2(hidden width)").yAxisTitle("gap: mt - st lowest loss").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisDecimalPattern("#");
        chart.getStyler().setYAxisDecimalPattern("0.00");
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
            s.setLineColor(COLOURS[i % COLOURS.length]);
            s.setMarkerColor(COLOURS[i % COLOURS.length]);
            i++;
            for (double v : x) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        XYSeries zero = chart.addSeries("no gap", new double[] {lo, hi}, new double[] {0, 0});
        zero.setMarker(SeriesMarkers.NONE);
        zero.setLineColor(Color.LIGHT_GRAY);
        zero.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f}, 0f));
        return chart;
    }

    /**
     * Returns a chart, 700 x 420, of per-epoch loss curves (name -> [epochs], all > 0) on a log y-axis, thinned
     * to about 600 points each.
     */
    public static XYChart curves(Map<String, float[]> curves, String title) {
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("need at least one curve");
        }
        XYChart chart = new XYChartBuilder().width(700).height(420).title(title)
                .xAxisTitle("epoch").yAxisTitle("L1 loss, epoch mean (log scale)").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern("#");
        int i = 0;
        for (Map.Entry<String, float[]> e : curves.entrySet()) {
            float[] c = e.getValue();
            if (c.length == 0) {
                throw new IllegalArgumentException("curve '" + e.getKey() + "' is empty");
            }
            int[] epochs = LossCurves.drawnEpochs(c.length);
            double[] x = new double[epochs.length];
            double[] y = new double[epochs.length];
            for (int k = 0; k < epochs.length; k++) {
                x[k] = epochs[k];
                y[k] = c[epochs[k] - 1];
                if (!(y[k] > 0)) {
                    throw new IllegalArgumentException("curve '" + e.getKey() + "' at epoch " + epochs[k] + " is "
                            + y[k] + ", cannot be drawn on a log scale");
                }
            }
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(COLOURS[i++ % COLOURS.length]);
        }
        return chart;
    }
}

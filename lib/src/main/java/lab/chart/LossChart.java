package lab.chart;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Loss per epoch on a logarithmic y-axis: 001-multi-mult's training and validation curves, and the sweep's curves
 * (through {@link SweepCharts#curves}). Every epoch up to {@link #EVERY_EPOCH_UNTIL} is drawn, later ones at least
 * every second epoch and in all about {@link #POINTS} points: besides keeping the image light, the uneven spacing
 * makes XChart choose round epoch ticks (on evenly spaced data it puts a tick on every n-th data value, packed
 * edge to edge).
 */
public final class LossChart {

    /** Every epoch up to this one is drawn. */
    public static final int EVERY_EPOCH_UNTIL = 50;
    /** About this many points are drawn per curve in all. */
    public static final int POINTS = 600;

    private LossChart() {}

    /**
     * Returns the chart, 760 x 420 pixels, with series "train" and "validation".
     *
     * @param train training loss per epoch, [epochs], all > 0
     * @param validation validation loss per epoch, [epochs], all > 0
     */
    public static XYChart chart(float[] train, float[] validation, String title) {
        if (train.length == 0 || train.length != validation.length) {
            throw new IllegalArgumentException("need equal, non-empty histories, got " + train.length + " and "
                    + validation.length + " epochs");
        }
        Map<String, float[]> curves = new LinkedHashMap<>();
        curves.put("train", train);
        curves.put("validation", validation);
        return curves(curves, title, "MSE (log scale)");
    }

    /**
     * Returns a chart, 760 x 420, of per-epoch curves (name -> loss per epoch, [epochs], all > 0) on a log y-axis,
     * thinned as the class says, in the series colours in order.
     */
    public static XYChart curves(Map<String, float[]> curves, String title, String yTitle) {
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("need at least one curve");
        }
        XYChart chart = ChartStyle.xy(760, 420, title, "epoch", yTitle);
        // outside the plot: inside, the legend covers the curves' ends wherever they finish
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        int longest = 0;
        int i = 0;
        for (Map.Entry<String, float[]> e : curves.entrySet()) {
            float[] loss = e.getValue();
            if (loss.length == 0) {
                throw new IllegalArgumentException("curve '" + e.getKey() + "' is empty");
            }
            for (int k = 0; k < loss.length; k++) {
                if (!(loss[k] > 0) || Float.isInfinite(loss[k])) {
                    throw new IllegalArgumentException(e.getKey() + " loss at epoch " + (k + 1) + " is " + loss[k]
                            + ", cannot be drawn on a log scale");
                }
                min = Math.min(min, loss[k]);
                max = Math.max(max, loss[k]);
            }
            int[] epochs = drawnEpochs(loss.length);
            double[] x = new double[epochs.length];
            double[] y = new double[epochs.length];
            for (int k = 0; k < epochs.length; k++) {
                x[k] = epochs[k];
                y[k] = loss[epochs[k] - 1];
            }
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(ChartStyle.SERIES[i++ % ChartStyle.SERIES.length]);
            longest = Math.max(longest, loss.length);
        }
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax((double) longest);
        return ChartStyle.logY(chart, min, max);
    }

    /**
     * Returns the 1-based epochs drawn: all up to {@link #EVERY_EPOCH_UNTIL}, then every k-th (k >= 2), always the
     * last. The uneven spacing is what makes XChart pick round epoch ticks; per-epoch charts elsewhere use it too.
     */
    public static int[] drawnEpochs(int epochs) {
        int rest = POINTS - EVERY_EPOCH_UNTIL;
        int step = Math.max(2, (epochs - EVERY_EPOCH_UNTIL + rest - 1) / rest);
        return IntStream.rangeClosed(1, epochs)
                .filter(e -> e <= EVERY_EPOCH_UNTIL || (e - EVERY_EPOCH_UNTIL) % step == 0 || e == epochs)
                .toArray();
    }
}

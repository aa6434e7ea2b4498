package lab.chart;

import java.awt.Color;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Training and validation loss per epoch on a logarithmic y-axis (001-multi-mult and any single run). Past
 * {@link #EVERY_EPOCH_UNTIL} epochs the curves are thinned to about {@link #POINTS} points: besides keeping the
 * image light, the uneven spacing makes XChart choose round epoch ticks (on evenly spaced data it puts ticks on
 * data values such as 154, 308, ...).
 */
public final class LossCurves {

    /** Every epoch up to this one is drawn. */
    public static final int EVERY_EPOCH_UNTIL = 50;
    /** About this many points are drawn per curve in all. */
    public static final int POINTS = 600;

    private LossCurves() {}

    /**
     * Returns the chart, 700 x 420 pixels, with series "train" and "validation".
     *
     * @param train training loss per epoch, [epochs], all > 0
     * @param validation validation loss per epoch, [epochs], all > 0
     */
    public static XYChart chart(float[] train, float[] validation, String title) {
        if (train.length == 0 || train.length != validation.length) {
            throw new IllegalArgumentException("need equal, non-empty histories, got " + train.length + " and "
                    + validation.length + " epochs");
        }
        XYChart chart = new XYChartBuilder().width(700).height(420).title(title)
                .xAxisTitle("epoch").yAxisTitle("MSE (log scale)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisDecimalPattern("0.0E0");
        chart.getStyler().setXAxisDecimalPattern("#");
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax((double) train.length);
        int[] epochs = drawnEpochs(train.length);
        add(chart, "train", epochs, train, new Color(33, 102, 172));
        add(chart, "validation", epochs, validation, new Color(214, 96, 77));
        return chart;
    }

    /** Returns the 1-based epochs drawn: all up to {@link #EVERY_EPOCH_UNTIL}, then every k-th, always the last. */
    static int[] drawnEpochs(int epochs) {
        int rest = POINTS - EVERY_EPOCH_UNTIL;
        int step = Math.max(1, (epochs - EVERY_EPOCH_UNTIL + rest - 1) / rest);
        return IntStream.rangeClosed(1, epochs)
                .filter(e -> e <= EVERY_EPOCH_UNTIL || (e - EVERY_EPOCH_UNTIL) % step == 0 || e == epochs)
                .toArray();
    }

    private static void add(XYChart chart, String name, int[] epochs, float[] loss, Color colour) {
        for (int i = 0; i < loss.length; i++) {
            if (!(loss[i] > 0)) {
                throw new IllegalArgumentException(name + " loss at epoch " + (i + 1) + " is " + loss[i]
                        + ", cannot be drawn on a log scale");
            }
        }
        double[] x = new double[epochs.length];
        double[] y = new double[epochs.length];
        for (int i = 0; i < epochs.length; i++) {
            x[i] = epochs[i];
            y[i] = loss[epochs[i] - 1];
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
    }
}

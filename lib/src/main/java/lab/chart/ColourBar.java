package lab.chart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapSeries;

/**
 * A titled colour bar for a heat map: a one-column heat map from min (bottom) to max (top) in the map's colours,
 * with round tick values. XChart's own heat-map legend has no title, so the figures put this beside their panels
 * ({@link ChartGrid.Builder#optSide}).
 */
public final class ColourBar {

    private static final int STEPS = 41;

    private ColourBar() {}

    /**
     * Returns the bar, width x height pixels, titled (e.g. "log10(1 + count)"), coloured like a heat map with these
     * range colours over [min, max].
     */
    public static HeatMapChart of(String title, double min, double max, Color[] colours, int width, int height) {
        if (!(max > min)) {
            throw new IllegalArgumentException("colour bar needs min < max, got " + min + " and " + max);
        }
        HeatMapChart chart = ChartStyle.heatMap(width, height, title, null, null);
        chart.getStyler().setRangeColors(colours);
        chart.getStyler().setXAxisTicksVisible(false);
        double[] centres = new double[STEPS];
        List<Number[]> heat = new ArrayList<>();
        for (int i = 0; i < STEPS; i++) {
            centres[i] = min + (max - min) * (i + 0.5) / STEPS;
            heat.add(new Number[] {0, i, inside(centres[i], min, max)});
        }
        HeatMapSeries series = chart.addSeries(title, List.of(" "), ChartStyle.categoryTicks(centres, 8), heat);
        series.setMin(min);
        series.setMax(max);
        return chart;
    }

    /** Returns v moved just inside [min, max]: XChart paints a value exactly at the range's ends white. */
    static double inside(double v, double min, double max) {
        double margin = (max - min) * 1e-6;
        return Math.max(min + margin, Math.min(max - margin, v));
    }
}

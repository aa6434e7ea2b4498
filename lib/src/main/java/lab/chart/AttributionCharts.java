package lab.chart;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lab.analysis.NeuronAttribution;
import lab.data.AnalysisGrid;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.HeatMapSeries;
import org.knowm.xchart.style.Styler;

/**
 * 001-multi-mult's per-output attribution panels: for output k, one small heatmap per hidden neuron j of
 * {@code contrib[., j, k]} over the analysis grid (x: b, y: a), all on the fixed diverging scale [-1, 1]
 * (blue negative, white zero, red positive) with one shared colour bar.
 */
public final class AttributionCharts {

    /** The fixed colour scale: contributions beyond it are drawn in the end colour. */
    public static final double SCALE = 1.0;

    private static final Color[] DIVERGING = {new Color(33, 102, 172), Color.WHITE, new Color(178, 24, 43)};
    private static final String[] TASKS = {"a·b", "c·d"};

    private AttributionCharts() {}

    /**
     * Returns the panels for output k, one per neuron, ceil(sqrt(hidden)) columns (4x4 for 16), titled
     * "n{j} {role}", with a colour bar on the right.
     */
    public static ChartGrid forOutput(NeuronAttribution attribution, AnalysisGrid grid, int k) {
        if (k < 0 || k >= NeuronAttribution.OUTPUTS) {
            throw new IllegalArgumentException("output must be 0 or 1, got " + k);
        }
        if (grid.points() != attribution.points()) {
            throw new IllegalArgumentException("grid has " + grid.points() + " points, attribution has "
                    + attribution.points());
        }
        List<HeatMapChart> panels = new ArrayList<>();
        for (int j = 0; j < attribution.hidden(); j++) {
            String title = "n" + j + " " + attribution.roles().get(j).label();
            panels.add(panel(attribution.contribution(j, k), grid, title));
        }
        int columns = (int) Math.ceil(Math.sqrt(attribution.hidden()));
        int rows = (attribution.hidden() + columns - 1) / columns;
        return ChartGrid.builder()
                .setColumns(columns)
                .optCellSize(190, 190)
                .optTitle("Output " + k + " (" + TASKS[k] + "): contrib[n, j, " + k + "] = act[n, j] · W2[" + k
                        + ", j] on the " + grid.side() + "x" + grid.side() + " grid (x: b, y: a)")
                .optSide(colourBar(rows * 190), 100)
                .addAll(panels)
                .build();
    }

    /**
     * Returns one neuron's panel: a side x side heatmap of {@code values[n]} at x = b (column n % side), y = a
     * (row n / side), coloured on [-1, 1].
     *
     * @param values one value per grid point, [side^2]
     */
    public static HeatMapChart panel(float[] values, AnalysisGrid grid, String title) {
        if (values.length != grid.points()) {
            throw new IllegalArgumentException("values has " + values.length + " entries, grid has " + grid.points());
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(190).height(190).title(title).build();
        style(chart);
        chart.getStyler().setLegendVisible(false);
        List<String> ticks = ticks(grid);
        List<Number[]> heat = new ArrayList<>();
        for (int n = 0; n < values.length; n++) {
            heat.add(new Number[] {n % grid.side(), n / grid.side(), clamp(values[n])});
        }
        HeatMapSeries series = chart.addSeries(title, ticks, ticks, heat);
        series.setMin(-SCALE);
        series.setMax(SCALE);
        return chart;
    }

    /** Returns the shared colour bar: a one-column heatmap from -1 (bottom) to 1 (top). */
    public static HeatMapChart colourBar(int height) {
        HeatMapChart chart = new HeatMapChartBuilder().width(100).height(height).title("contrib").build();
        style(chart);
        chart.getStyler().setLegendVisible(false);
        List<String> levels = new ArrayList<>();
        List<Number[]> heat = new ArrayList<>();
        int steps = 21;
        for (int i = 0; i < steps; i++) {
            double v = clamp(-SCALE + 2 * SCALE * i / (steps - 1));
            levels.add(i % 5 == 0 ? String.format(Locale.ROOT, "%+.1f", v) : " ".repeat(i));
            heat.add(new Number[] {0, i, v});
        }
        HeatMapSeries series = chart.addSeries("scale", List.of(" "), levels, heat);
        series.setMin(-SCALE);
        series.setMax(SCALE);
        return chart;
    }

    private static void style(HeatMapChart chart) {
        chart.getStyler().setRangeColors(DIVERGING);
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        chart.getStyler().setChartTitleBoxVisible(false);
        chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
        chart.getStyler().setChartPadding(4);
        chart.getStyler().setPlotContentSize(0.999);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    }

    private static List<String> ticks(AnalysisGrid grid) {
        List<String> ticks = new ArrayList<>();
        for (int i = 0; i < grid.side(); i++) {
            ticks.add(String.format(Locale.ROOT, "%.2g", grid.coordinate(i)));
        }
        return ticks;
    }

    /** Returns v inside the scale; XChart paints a value exactly at the scale's ends white, so stop just short. */
    private static double clamp(double v) {
        double end = SCALE * (1 - 1e-6);
        return Math.max(-end, Math.min(end, v));
    }
}

package lab.chart;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import lab.analysis.NeuronAttribution;
import lab.analysis.NeuronRole;
import lab.data.AnalysisGrid;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapSeries;

/**
 * 001-multi-mult's per-output attribution panels: for output k, one small heatmap per hidden neuron j of
 * {@code contrib[., j, k]} over the analysis grid (x: b, y: a), all on one diverging scale [-s, s] (blue negative,
 * white zero, red positive) with s = the largest |contribution| of the run over both outputs, stated in the title and
 * on the shared colour bar. A fixed [-1, 1] would leave weak neurons as white as silent ones; silent neurons'
 * panels are framed grey as well.
 */
public final class AttributionCharts {

    /** The panel size in pixels. */
    public static final int CELL = 200;

    private static final Color[] DIVERGING = {new Color(33, 102, 172), Color.WHITE, new Color(178, 24, 43)};
    private static final Color SILENT_FRAME = new Color(215, 215, 215);
    private static final String[] TASKS = {"a·b", "c·d"};

    private AttributionCharts() {}

    /**
     * Returns the panels for output k, one per neuron, ceil(sqrt(hidden)) columns (4x4 for 16), titled
     * "n{j} {role}", on the scale {@link #scale}, with a colour bar on the right.
     */
    public static ChartGrid forOutput(NeuronAttribution attribution, AnalysisGrid grid, int k) {
        if (k < 0 || k >= NeuronAttribution.OUTPUTS) {
            throw new IllegalArgumentException("output must be 0 or 1, got " + k);
        }
        if (grid.points() != attribution.points()) {
            throw new IllegalArgumentException("grid has " + grid.points() + " points, attribution has "
                    + attribution.points());
        }
        double scale = scale(attribution);
        List<HeatMapChart> panels = new ArrayList<>();
        for (int j = 0; j < attribution.hidden(); j++) {
            NeuronRole role = attribution.roles().get(j);
            HeatMapChart panel = panel(attribution.contribution(j, k), grid, "n" + j + " " + role.label(), scale);
            if (role == NeuronRole.SILENT) {
                panel.getStyler().setChartBackgroundColor(SILENT_FRAME);
            }
            panels.add(panel);
        }
        int columns = (int) Math.ceil(Math.sqrt(attribution.hidden()));
        int rows = (attribution.hidden() + columns - 1) / columns;
        return ChartGrid.builder()
                .setColumns(columns)
                .optCellSize(CELL, CELL)
                .optTitle("Output " + k + " (" + TASKS[k] + "): contrib[n, j, " + k + "] = act[n, j] · W2[" + k
                        + ", j]; colour scale ±" + ChartStyle.number(scale) + " (largest |contrib|); grey: silent")
                .optSide(ColourBar.of("contrib", -scale, scale, DIVERGING, 110, rows * CELL), 110)
                .addAll(panels)
                .build();
    }

    /**
     * Returns the colour scale s of the panels: the largest |contrib[n, j, k]| over all points, neurons and both
     * outputs, rounded up to two significant digits; 1 when every contribution is 0.
     */
    public static double scale(NeuronAttribution attribution) {
        double max = 0;
        for (float c : attribution.contrib()) {
            max = Math.max(max, Math.abs(c));
        }
        if (max == 0) {
            return 1;
        }
        double unit = Math.pow(10, Math.floor(Math.log10(max)) - 1);
        return Math.ceil(max / unit - 1e-9) * unit;
    }

    /**
     * Returns one neuron's panel: a side x side heatmap of {@code values[n]} at x = b (column n % side), y = a
     * (row n / side), coloured on [-scale, scale].
     *
     * @param values one value per grid point, [side^2]
     */
    public static HeatMapChart panel(float[] values, AnalysisGrid grid, String title, double scale) {
        if (values.length != grid.points()) {
            throw new IllegalArgumentException("values has " + values.length + " entries, grid has " + grid.points());
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
        }
        HeatMapChart chart = ChartStyle.heatMap(CELL, CELL, title, "b", "a");
        chart.getStyler().setRangeColors(DIVERGING);
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        chart.getStyler().setChartPadding(4);
        List<String> ticks = ticks(grid);
        List<Number[]> heat = new ArrayList<>();
        for (int n = 0; n < values.length; n++) {
            heat.add(new Number[] {n % grid.side(), n / grid.side(), ColourBar.inside(values[n], -scale, scale)});
        }
        HeatMapSeries series = chart.addSeries(title, ticks, ticks, heat);
        series.setMin(-scale);
        series.setMax(scale);
        return chart;
    }

    private static List<String> ticks(AnalysisGrid grid) {
        List<String> ticks = new ArrayList<>();
        for (int i = 0; i < grid.side(); i++) {
            ticks.add(ChartStyle.number(grid.coordinate(i)));
        }
        return ticks;
    }
}

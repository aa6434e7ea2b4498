package lab.chart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import lab.analysis.NeuronAttribution;
import lab.analysis.NeuronRole;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * 001-multi-mult's scatter of each hidden neuron's mean contribution vector {@code (c0, c1)}, one series per role
 * present, both axes drawn through the origin and each point labelled with its neuron index (nearby points share
 * one label). A point on the x-axis serves output 0 only, on the y-axis output 1 only, on a diagonal both equally.
 */
public final class ContributionScatter {

    private static final Map<NeuronRole, Color> COLOURS = new EnumMap<>(Map.of(
            NeuronRole.OUTPUT_0_ONLY, new Color(33, 102, 172),
            NeuronRole.OUTPUT_1_ONLY, new Color(214, 96, 77),
            NeuronRole.BOTH, new Color(118, 42, 131),
            NeuronRole.SILENT, new Color(150, 150, 150)));

    private static final int WIDTH = 600;
    private static final int HEIGHT = 520;
    /** Roughly the plot's size in pixels inside the 600 x 520 chart (axis labels, title and padding taken off). */
    private static final double PLOT_WIDTH_PIXELS = 500;
    private static final double PLOT_HEIGHT_PIXELS = 420;
    private static final double CHAR_PIXELS = 7;
    private static final double LINE_PIXELS = 14;

    private ContributionScatter() {}

    /**
     * Returns the scatter, 600 x 520 pixels, square axes symmetric about 0. Neurons whose points nearly coincide
     * share one label ("n0, n1"), and each label takes the first free spot around its point, so labels never run
     * together.
     */
    public static XYChart chart(NeuronAttribution attribution) {
        XYChart chart = ChartStyle.xy(WIDTH, HEIGHT, "Mean contribution vector per hidden neuron",
                "mean contrib to output 0 (a·b)", "mean contrib to output 1 (c·d)");
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setMarkerSize(9);

        double extent = 0;
        for (int j = 0; j < attribution.hidden(); j++) {
            extent = Math.max(extent, Math.max(Math.abs(attribution.mean(j, 0)), Math.abs(attribution.mean(j, 1))));
        }
        extent = extent == 0 ? 1 : extent * 1.15;
        for (NeuronRole role : NeuronRole.values()) {
            int count = (int) attribution.count(role);
            if (count == 0) {
                continue;
            }
            double[] x = new double[count];
            double[] y = new double[count];
            int i = 0;
            for (int j = 0; j < attribution.hidden(); j++) {
                if (attribution.roles().get(j) == role) {
                    x[i] = attribution.mean(j, 0);
                    y[i] = attribution.mean(j, 1);
                    i++;
                }
            }
            XYSeries s = chart.addSeries(role.label() + " (" + count + ")", x, y);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(COLOURS.get(role));
        }
        for (Label label : labels(attribution, extent)) {
            chart.addAnnotation(new AnnotationText(label.text, label.x, label.y, false));
        }
        // the axes through the origin: XChart draws its axes at the plot's edges only
        chart.addAnnotation(new AnnotationLine(0, true, false));
        chart.addAnnotation(new AnnotationLine(0, false, false));
        chart.getStyler().setXAxisMin(-extent);
        chart.getStyler().setXAxisMax(extent);
        chart.getStyler().setYAxisMin(-extent);
        chart.getStyler().setYAxisMax(extent);
        return chart;
    }

    /**
     * Returns the point labels of the live neurons in data units (silent ones all sit at the origin; the legend
     * counts them): points closer than about two marker widths share one label, and each label goes to the first
     * of eight spots around its point whose box overlaps no label placed before.
     */
    static List<Label> labels(NeuronAttribution attribution, double extent) {
        double perPixel = 2 * extent / PLOT_WIDTH_PIXELS;
        double perPixelY = 2 * extent / PLOT_HEIGHT_PIXELS;
        List<List<Integer>> clusters = new ArrayList<>();
        List<double[]> centres = new ArrayList<>();
        for (int j = 0; j < attribution.hidden(); j++) {
            if (attribution.roles().get(j) == NeuronRole.SILENT) {
                continue;
            }
            double x = attribution.mean(j, 0);
            double y = attribution.mean(j, 1);
            int near = -1;
            for (int c = 0; c < centres.size() && near < 0; c++) {
                if (Math.hypot(centres.get(c)[0] - x, centres.get(c)[1] - y) < 16 * perPixel) {
                    near = c;
                }
            }
            if (near < 0) {
                clusters.add(new ArrayList<>(List.of(j)));
                centres.add(new double[] {x, y});
            } else {
                clusters.get(near).add(j);
            }
        }
        List<Label> placed = new ArrayList<>();
        for (int c = 0; c < clusters.size(); c++) {
            StringBuilder text = new StringBuilder();
            for (int j : clusters.get(c)) {
                text.append(text.length() == 0 ? "" : ", ").append('n').append(j);
            }
            double w = (text.length() * CHAR_PIXELS + 4) * perPixel;
            double h = LINE_PIXELS * perPixelY;
            double gap = 8 * perPixel;
            double gapY = 6 * perPixelY;
            double[][] spots = {{w / 2 + gap, h / 2 + gapY}, {w / 2 + gap, -h / 2 - gapY},
                {-w / 2 - gap, h / 2 + gapY}, {-w / 2 - gap, -h / 2 - gapY}, {0, h + gapY}, {0, -h - gapY},
                {w / 2 + 2 * gap, 0}, {-w / 2 - 2 * gap, 0}};
            Label chosen = null;
            for (double[] spot : spots) {
                Label candidate = new Label(text.toString(), centres.get(c)[0] + spot[0], centres.get(c)[1] + spot[1],
                        w, h);
                if (placed.stream().noneMatch(candidate::overlaps)) {
                    chosen = candidate;
                    break;
                }
            }
            placed.add(chosen != null ? chosen : new Label(text.toString(), centres.get(c)[0] + spots[0][0],
                    centres.get(c)[1] + spots[0][1], w, h));
        }
        return placed;
    }

    /** A label centred at (x, y) with a box w x h, all in data units. */
    record Label(String text, double x, double y, double w, double h) {

        boolean overlaps(Label o) {
            return Math.abs(x - o.x) < (w + o.w) / 2 && Math.abs(y - o.y) < (h + o.h) / 2;
        }
    }
}

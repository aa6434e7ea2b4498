package lab.chart;

import java.awt.Color;
import java.awt.Font;
import java.util.EnumMap;
import java.util.Map;
import lab.analysis.NeuronAttribution;
import lab.analysis.NeuronRole;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * 001-multi-mult's scatter of each hidden neuron's mean contribution vector {@code (c0, c1)}, one series per role
 * present, both axes drawn through the origin and each point labelled with its neuron index. A point on the
 * x-axis serves output 0 only, on the y-axis output 1 only, on a diagonal both equally.
 */
public final class ContributionScatter {

    private static final Map<NeuronRole, Color> COLOURS = new EnumMap<>(Map.of(
            NeuronRole.OUTPUT_0_ONLY, new Color(33, 102, 172),
            NeuronRole.OUTPUT_1_ONLY, new Color(214, 96, 77),
            NeuronRole.BOTH, new Color(118, 42, 131),
            NeuronRole.SILENT, new Color(150, 150, 150)));

    private ContributionScatter() {}

    /** Returns the scatter, 600 x 520 pixels, square axes symmetric about 0. */
    public static XYChart chart(NeuronAttribution attribution) {
        XYChart chart = new XYChartBuilder().width(600).height(520)
                .title("Mean contribution vector per hidden neuron")
                .xAxisTitle("mean contrib to output 0 (a·b)")
                .yAxisTitle("mean contrib to output 1 (c·d)")
                .build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setMarkerSize(9);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        chart.getStyler().setAnnotationTextFontColor(Color.DARK_GRAY);
        chart.getStyler().setAnnotationLineColor(Color.BLACK);

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
        for (int j = 0; j < attribution.hidden(); j++) {
            if (attribution.roles().get(j) == NeuronRole.SILENT) {
                continue; // all at the origin; the legend counts them
            }
            chart.addAnnotation(new AnnotationText("n" + j, attribution.mean(j, 0) + extent * 0.045,
                    attribution.mean(j, 1) + extent * 0.03, false));
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
}

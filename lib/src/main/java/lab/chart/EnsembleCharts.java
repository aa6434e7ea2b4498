package lab.chart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import lab.analysis.Histogram;
import lab.analysis.Histogram2D;
import lab.analysis.Orthogonality;
import lab.analysis.PooledVectors;
import lab.analysis.ScoreBins;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapSeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The charts of experiment 002 (an ensemble of 4-16-2 nets): histograms of validation loss, contribution-vector
 * angle and orthogonality score, W2 row cosine; the scatter and log-density of all contribution vectors; mean |c|
 * and share of |c| per score bin. Each method builds and returns one chart (the density: a grid with its colour
 * bar); none draws.
 */
public final class EnsembleCharts {

    /** The validation MSE the seed 000 note reports, marked on the loss histogram. */
    public static final double NOTE_VALIDATION_MSE = 3e-4;

    /** The density heat map's series name. */
    public static final String DENSITY_SERIES = "log10(1+n)";

    private static final Color BARS = HistogramChart.BARS;
    private static final Color LIVE = new Color(118, 42, 131);
    private static final Color SILENT = new Color(150, 150, 150);
    private static final Color[] HEAT = {
        new Color(255, 255, 255), new Color(198, 219, 239), new Color(107, 174, 214), new Color(33, 113, 181),
        new Color(8, 48, 107)
    };
    private static final int WIDTH = 560;
    private static final int HEIGHT = 380;

    private EnsembleCharts() {}

    /**
     * Returns the histogram of the final validation MSE over the models in log10 bins, ticks labelled in MSE, with the
     * note's ~3e-4 drawn as a dashed line (the range is widened to hold it).
     */
    public static XYChart validationLosses(double[] losses, int bins) {
        double[] logs = new double[losses.length];
        double lo = Math.log10(NOTE_VALIDATION_MSE);
        double hi = lo;
        for (int i = 0; i < logs.length; i++) {
            if (!(losses[i] > 0) || Double.isInfinite(losses[i])) {
                throw new IllegalArgumentException("validation loss " + i + " is " + losses[i] + "; need > 0");
            }
            logs[i] = Math.log10(losses[i]);
            lo = Math.min(lo, logs[i]);
            hi = Math.max(hi, logs[i]);
        }
        double pad = Math.max(0.05, (hi - lo) * 0.04);
        Histogram h = Histogram.of(logs, lo - pad, hi + pad, bins);
        XYChart chart = histogram("Final validation MSE of " + losses.length + " models",
                "validation MSE (log scale; dashed: the note's ~3e-4)", h);
        chart.setCustomXAxisTickLabelsFormatter(ChartStyle::powerOfTen);
        long top = java.util.Arrays.stream(h.counts()).max().orElse(1);
        ChartStyle.verticalLine(chart, "the note", Math.log10(NOTE_VALIDATION_MSE), 0, top);
        chart.addAnnotation(new AnnotationText("the note: 3e-4", Math.log10(NOTE_VALIDATION_MSE), top * 1.04, false));
        chart.getStyler().setYAxisMax(top * 1.1);
        return chart;
    }

    /** Returns the histogram of the contribution vectors' angle / pi over [-1, 1]; axes sit at 0, +-0.5, +-1. */
    public static XYChart angles(PooledVectors vectors, int bins) {
        double[] a = vectors.angles();
        for (int i = 0; i < a.length; i++) {
            a[i] /= Math.PI;
        }
        return histogram("Angle of the contribution vectors (" + vectors.size() + ")",
                "atan2(c1, c0) / pi   (0, +-0.5, +-1 = on an axis; +-0.25, +-0.75 = diagonal)",
                Histogram.of(a, -1, 1, bins));
    }

    /** Returns the histogram of the orthogonality score over [0, 1], the 0.95 threshold marked. */
    public static XYChart scores(PooledVectors vectors, String which, int bins) {
        Histogram h = Histogram.of(vectors.scores(), 0, 1, bins);
        XYChart chart = histogram("Orthogonality score, " + which + " (" + vectors.size() + ")",
                "score (1 = on an axis, 0 = diagonal; dashed: 0.95)", h);
        long top = java.util.Arrays.stream(h.counts()).max().orElse(1);
        return ChartStyle.verticalLine(chart, "threshold", Orthogonality.ORTHOGONAL_ABOVE, 0, Math.max(1, top));
    }

    /** Returns the histogram of the cosine between the two rows of W2, one value per model, over [-1, 1]. */
    public static XYChart outputRowCosines(double[] cosines, int bins) {
        return histogram("Cosine between the rows of W2 (" + cosines.length + " models)",
                "cos(W2[0,:], W2[1,:])", Histogram.of(cosines, -1, 1, bins));
    }

    /** Returns the scatter of all contribution vectors, live neurons and silent ones (all at 0) apart. */
    public static XYChart vectorScatter(PooledVectors vectors) {
        XYChart chart = ChartStyle.xy(WIDTH, WIDTH - 40,
                "Mean contribution vectors of all neurons (" + vectors.size() + ")",
                "c0: mean contrib to output 0 (a·b)", "c1: mean contrib to output 1 (c·d)");
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        PooledVectors live = vectors.live();
        int silent = vectors.size() - live.size();
        XYSeries s = chart.addSeries("live (" + live.size() + ")", orOrigin(live.c0()), orOrigin(live.c1()));
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(LIVE);
        if (silent > 0) {
            XYSeries z = chart.addSeries("silent, at 0 (" + silent + ")", new double[] {0}, new double[] {0});
            z.setMarker(SeriesMarkers.DIAMOND);
            z.setMarkerColor(SILENT);
        }
        // the axes through the origin: XChart draws its axes at the plot's edges only
        chart.addAnnotation(new AnnotationLine(0, true, false));
        chart.addAnnotation(new AnnotationLine(0, false, false));
        return chart;
    }

    /**
     * Returns the 2-D histogram of the contribution vectors over a square around 0, coloured by
     * {@code log10(1 + count)} (a log colour scale; XChart's heat map has no log axis for colour), with a titled
     * colour bar beside it. An even {@code bins} is raised by one, so that one bin is centred on 0 and the axes'
     * 0 tick sits on it.
     */
    public static ChartGrid vectorDensity(PooledVectors vectors, int bins) {
        int odd = bins % 2 == 0 ? bins + 1 : bins;
        double extent = 0;
        for (double v : vectors.magnitudes()) {
            extent = Math.max(extent, v);
        }
        extent = extent == 0 ? 1 : extent * 1.02;
        Histogram2D h = Histogram2D.of(vectors.c0(), vectors.c1(), -extent, extent, odd);
        HeatMapChart chart = ChartStyle.heatMap(WIDTH, WIDTH, "Density of contribution vectors (" + vectors.size()
                + ")", "c0: mean contrib to output 0 (a·b)", "c1: mean contrib to output 1 (c·d)");
        chart.getStyler().setRangeColors(HEAT);
        List<String> ticks = ChartStyle.categoryTicks(h.x().centres(), 6);
        List<Number[]> heat = new ArrayList<>();
        double top = 0;
        for (int y = 0; y < odd; y++) {
            for (int x = 0; x < odd; x++) {
                double v = Math.log10(1 + h.count(x, y));
                top = Math.max(top, v);
                heat.add(new Number[] {x, y, v});
            }
        }
        double max = top == 0 ? 1 : Math.ceil(top * 2) / 2;
        HeatMapSeries s = chart.addSeries(DENSITY_SERIES, ticks, ticks, heat);
        s.setMin(0);
        s.setMax(max);
        return ChartGrid.builder()
                .setColumns(1)
                .optCellSize(WIDTH, WIDTH)
                .add(chart)
                .optSide(ColourBar.of("log10(1 + count)", 0, max, HEAT, 170, WIDTH), 170)
                .build();
    }

    /** Returns the mean |c| per score bin with standard-error bars (empty bins left out). */
    public static XYChart magnitudeByScore(ScoreBins bins, String which) {
        double[] centres = bins.scores().centres();
        double[] mean = bins.meanMagnitude();
        double[] se = bins.standardError();
        List<double[]> rows = new ArrayList<>();
        for (int b = 0; b < centres.length; b++) {
            if (!Double.isNaN(mean[b])) {
                rows.add(new double[] {centres[b], mean[b], Double.isNaN(se[b]) ? 0 : se[b]});
            }
        }
        XYChart chart = ChartStyle.xy(WIDTH, HEIGHT, "Mean |c| per score bin, " + which
                + " (bars: 1 standard error)", "orthogonality score", "mean |c|");
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        chart.getStyler().setLegendVisible(false);
        XYSeries s = chart.addSeries("mean |c|", column(rows, 0), column(rows, 1), column(rows, 2));
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(BARS);
        s.setLineColor(BARS);
        return chart;
    }

    /** Returns each score bin's share of the total |c|. */
    public static XYChart shareByScore(ScoreBins bins, String which) {
        return HistogramChart.bars(WIDTH, HEIGHT, "Share of total |c| per score bin, " + which, "orthogonality score",
                "share of sum |c|", bins.scores().min(), bins.scores().max(), bins.share());
    }

    private static XYChart histogram(String title, String xTitle, Histogram h) {
        return HistogramChart.counts(WIDTH, HEIGHT, title, xTitle, "count", h);
    }

    private static double[] orOrigin(double[] v) {
        return v.length == 0 ? new double[] {0} : v;
    }

    private static double[] column(List<double[]> rows, int c) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i)[c];
        }
        return out.length == 0 ? new double[] {0} : out;
    }
}

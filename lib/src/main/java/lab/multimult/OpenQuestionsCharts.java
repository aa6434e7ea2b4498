package lab.multimult;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.function.ToDoubleFunction;
import lab.analysis.Histogram;
import lab.analysis.NeuronRole;
import lab.chart.ChartStyle;
import lab.chart.HistogramChart;
import lab.chart.LossChart;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The charts of notebook 004, in the style of the 002 charts (white background, the same fonts and blue). Each
 * method builds and returns one chart; none draws. Spread is shown as thin lines at the quartiles (or min/max).
 */
public final class OpenQuestionsCharts {

    private static final Color BLUE = HistogramChart.BARS;
    private static final Color PURPLE = new Color(118, 42, 131);
    private static final Color GREEN = new Color(27, 120, 55);
    private static final Color GREY = new Color(150, 150, 150);
    private static final Color ORANGE = new Color(217, 95, 2);
    private static final Color[] REGIME = {BLUE, ORANGE, GREEN};
    private static final Color[] ROLE = {BLUE, ORANGE, PURPLE, GREY};
    private static final int WIDTH = 760;
    private static final int HEIGHT = 400;

    private OpenQuestionsCharts() {}

    /** Q1: validation MSE against neurons kept, median over RNG seeds with min and max, one colour per task. */
    public static XYChart pruningCurves(double[][] curvesAb, double[][] curvesCd) {
        XYChart chart = chart("Pruning curve of the single-task nets (" + curvesAb.length + " RNG seeds per task)",
                "hidden neurons kept (most important first)", "validation MSE (log)");
        band(chart, "a·b", curvesAb, BLUE);
        band(chart, "c·d", curvesCd, ORANGE);
        double[] all = java.util.stream.Stream.of(curvesAb, curvesCd).flatMap(java.util.Arrays::stream)
                .flatMapToDouble(java.util.Arrays::stream).map(OpenQuestionsCharts::positive).toArray();
        return ChartStyle.logY(chart, Stats.quantile(all, 0), Stats.quantile(all, 1));
    }

    private static void band(XYChart chart, String name, double[][] curves, Color colour) {
        int n = curves[0].length;
        double[] x = new double[n];
        double[] med = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int k = 0; k < n; k++) {
            double[] col = Stats.column(curves, k);
            x[k] = k + 1;
            med[k] = positive(Stats.median(col));
            lo[k] = positive(Stats.quantile(col, 0));
            hi[k] = positive(Stats.quantile(col, 1));
        }
        line(chart, name + " median", x, med, colour, 2.5f, true);
        line(chart, name + " min / max", x, lo, colour, 0.8f, false);
        XYSeries h = line(chart, name + " max", x, hi, colour, 0.8f, false);
        h.setShowInLegend(false);
    }

    /** Q2: validation MSE against hidden width, median with quartiles over RNG seeds. */
    public static XYChart capacityLoss(List<CapacityStats> rows) {
        XYChart chart = chart("Capacity sweep: validation MSE of the 4-h-2 net", "hidden width h (log scale)",
                "validation MSE (log)");
        double[] x = widthAxis(chart, rows);
        double[] med = rows.stream().mapToDouble(r -> positive(Stats.median(r.losses()))).toArray();
        double[] lo = rows.stream().mapToDouble(r -> positive(Stats.quantile(r.losses(), 0.25))).toArray();
        double[] hi = rows.stream().mapToDouble(r -> positive(Stats.quantile(r.losses(), 0.75))).toArray();
        line(chart, "median", x, med, BLUE, 2.5f, true);
        line(chart, "quartiles", x, lo, BLUE, 0.8f, false);
        line(chart, "q3", x, hi, BLUE, 0.8f, false).setShowInLegend(false);
        return ChartStyle.logY(chart, Stats.quantile(lo, 0), Stats.quantile(hi, 1));
    }

    /** Q2: mean number of neurons of each attribution role per model against hidden width. */
    public static XYChart capacityRoles(List<CapacityStats> rows) {
        XYChart chart = chart("Capacity sweep: attribution roles per model (mean over RNG seeds)",
                "hidden width h (log scale)", "neurons per model");
        double[] x = widthAxis(chart, rows);
        for (NeuronRole role : NeuronRole.values()) {
            double[] y = rows.stream().mapToDouble(r -> Stats.mean(r.count(role))).toArray();
            line(chart, role.label(), x, y, ROLE[role.ordinal()], 2f, true);
        }
        return chart;
    }

    /** Q2: share of live neurons serving both outputs, per model median and quartiles, and pooled. */
    public static XYChart capacityShares(List<CapacityStats> rows) {
        XYChart chart = chart("Capacity sweep: share of live neurons that serve both products",
                "hidden width h (log scale)", "share of live neurons");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        double[] x = widthAxis(chart, rows);
        double[] pooled = rows.stream().mapToDouble(CapacityStats::pooledBothShare).toArray();
        double[] med = rows.stream().mapToDouble(r -> Stats.median(finite(r.bothShare()))).toArray();
        double[] lo = rows.stream().mapToDouble(r -> Stats.quantile(finite(r.bothShare()), 0.25)).toArray();
        double[] hi = rows.stream().mapToDouble(r -> Stats.quantile(finite(r.bothShare()), 0.75)).toArray();
        line(chart, "\"both\", pooled", x, pooled, PURPLE, 2.5f, true);
        line(chart, "\"both\", per-model median", x, med, BLUE, 1.5f, true);
        line(chart, "per-model quartiles", x, lo, BLUE, 0.8f, false);
        line(chart, "q3", x, hi, BLUE, 0.8f, false).setShowInLegend(false);
        double[] orth = rows.stream().mapToDouble(r -> Stats.median(finite(r.orthogonalLive()))).toArray();
        line(chart, "orthogonal (live), per-model median", x, orth, GREEN, 1.5f, true);
        return chart;
    }

    /**
     * Returns log2 of each width for the x axis, labelled with the widths at the powers of two (XChart's log axis
     * labels only decades, which leaves one label for widths 2..32).
     */
    private static double[] widthAxis(XYChart chart, List<CapacityStats> rows) {
        double[] x = rows.stream().mapToDouble(r -> Math.log(r.width()) / Math.log(2)).toArray();
        chart.getStyler().setXAxisMin(Math.floor(x[0]));
        chart.getStyler().setXAxisMax(Math.ceil(x[x.length - 1]));
        chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> Math.abs(v - Math.rint(v)) < 1e-9
                ? String.valueOf((long) Math.pow(2, Math.rint(v))) : "");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        return x;
    }

    /** Q3: ablation angle against contribution angle of every live neuron, agreeing and disagreeing apart. */
    public static XYChart ablationAngles(AblationStudy study) {
        XYChart chart = chart("Live neurons: ablation angle vs contribution angle", 
                "contribution angle atan2(|c1|, |c0|), degrees", "ablation angle atan2(√Δ1, √Δ0), degrees");
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(90.0);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(90.0);
        List<AblationStudy.Neuron> live = study.live();
        List<AblationStudy.Neuron> agree = live.stream().filter(AblationStudy.Neuron::agrees).toList();
        List<AblationStudy.Neuron> differ = live.stream().filter(n -> !n.agrees()).toList();
        scatter(chart, "roles agree (" + agree.size() + ")", agree, BLUE);
        scatter(chart, "roles differ (" + differ.size() + ")", differ, ORANGE);
        return chart;
    }

    private static void scatter(XYChart chart, String name, List<AblationStudy.Neuron> ns, Color colour) {
        double[] x = ns.stream().mapToDouble(AblationStudy.Neuron::contributionDegrees).toArray();
        double[] y = ns.stream().mapToDouble(AblationStudy.Neuron::ablationDegrees).toArray();
        XYSeries s = chart.addSeries(name, orZero(x), orZero(y));
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(colour);
    }

    /** Q3: group ablations, one point per model and role: rise of output 0's MSE against output 1's (log-log). */
    public static XYChart groupAblation(AblationStudy study) {
        // wider than the others: seven decades of labels on x beside a legend outside the plot
        XYChart chart = chart(WIDTH + 140, "Zeroing all neurons of one role: rise of each output's validation MSE",
                "rise of output 0 (a·b) MSE, log, floored at 1e-7", "rise of output 1 (c·d) MSE, log");
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(6);
        chart.getStyler().setPlotGridLinesVisible(false);
        // the "both" groups sit top right, where the legend would hide them
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        List<NeuronRole> roles = List.of(NeuronRole.OUTPUT_0_ONLY, NeuronRole.OUTPUT_1_ONLY, NeuronRole.BOTH);
        for (NeuronRole role : roles) {
            List<AblationStudy.Group> g = study.groups(role);
            XYSeries s = chart.addSeries("all " + role.label() + " (" + g.size() + " models)",
                    floored(g, AblationStudy.Group::d0), floored(g, AblationStudy.Group::d1));
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(ROLE[role.ordinal()]);
        }
        List<AblationStudy.Group> all = roles.stream().flatMap(r -> study.groups(r).stream()).toList();
        double[] x = floored(all, AblationStudy.Group::d0);
        double[] y = floored(all, AblationStudy.Group::d1);
        ChartStyle.logX(chart, Stats.quantile(x, 0), Stats.quantile(x, 1));
        return ChartStyle.logY(chart, Stats.quantile(y, 0), Stats.quantile(y, 1));
    }

    /** Returns one rise per group, floored at 1e-7 for the log axis ({1e-7} for no group: XChart needs a point). */
    private static double[] floored(List<AblationStudy.Group> groups, ToDoubleFunction<AblationStudy.Group> rise) {
        double[] v = groups.stream().mapToDouble(g -> Math.max(rise.applyAsDouble(g), 1e-7)).toArray();
        return v.length == 0 ? new double[] {1e-7} : v;
    }

    /** Q4: histogram over models of log10 of the less selective group's harm ratio, the clean ratio marked. */
    public static XYChart partitionRatios(List<Partition> parts, int bins) {
        double[] v = parts.stream().mapToDouble(p -> Math.log10(Math.max(p.worseRatio(), 1e-3))).toArray();
        Histogram h = Histogram.of(v.length == 0 ? new double[] {0} : v, bins);
        XYChart chart = HistogramChart.counts(WIDTH, HEIGHT, "Partition by attribution: harm ratio of the less "
                + "selective group (" + parts.size() + " models)", "log10(rise of own task / rise of other task)   "
                + "(line: " + (int) Answers.CLEAN_RATIO + "x)", "models", h);
        chart.addAnnotation(new AnnotationLine(Math.log10(Answers.CLEAN_RATIO), true, false));
        return chart;
    }

    /** Q5: median validation MSE (both outputs) per fine-tuning epoch of each regime, the joint models' median marked. */
    public static XYChart combineLoss(OpenQuestionsResults r, List<CombineSummary> regimes) {
        XYChart chart = chart("Combined models during fine-tuning: median validation MSE", "fine-tuning epoch",
                "validation MSE (log)");
        int i = 0;
        double min = Double.MAX_VALUE;
        double max = 0;
        for (CombineSummary c : regimes) {
            double[] y = positive(CombineSummary.medianTrace(r.combined().get(c.regime()), "validation"));
            epochLine(chart, label(c), y, REGIME[i++ % REGIME.length]);
            for (double v : y) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        double joint = Stats.median(regimes.get(0).joint());
        ChartStyle.logY(chart, Math.min(min, joint), Math.max(max, joint));
        double[] x = {1, CombineSummary.medianTrace(r.combined().get("none"), "validation").length};
        line(chart, "jointly trained 4-" + (2 * r.settings().keep()) + "-2 (median)", x,
                new double[] {joint, joint}, GREY, 1.5f, false);
        return chart;
    }

    /** Q5: median off-block share of the weight mass per fine-tuning epoch of each regime. */
    public static XYChart combineOffBlock(OpenQuestionsResults r, List<CombineSummary> regimes) {
        XYChart chart = chart("Combined models: off-block share of the weight mass (median)", "fine-tuning epoch",
                "off-block sum|w| / all sum|w|");
        int i = 0;
        for (CombineSummary c : regimes) {
            double[] y = CombineSummary.medianTrace(r.combined().get(c.regime()), "offBlock");
            epochLine(chart, label(c), y, REGIME[i++ % REGIME.length]);
        }
        return chart;
    }

    /** Q5: median number of "both" neurons per fine-tuning epoch of each regime. */
    public static XYChart combineBoth(OpenQuestionsResults r, List<CombineSummary> regimes) {
        XYChart chart = chart("Combined models: neurons whose attribution role is \"both\" (median)",
                "fine-tuning epoch", "\"both\" neurons of " + (2 * r.settings().keep()));
        int i = 0;
        for (CombineSummary c : regimes) {
            double[] y = CombineSummary.medianTrace(r.combined().get(c.regime()), "both");
            epochLine(chart, label(c), y, REGIME[i++ % REGIME.length]);
        }
        return chart;
    }

    /** Q5: per RNG seed, final MSE of each regime against the jointly trained model's; the diagonal marks equality. */
    public static XYChart combineVersusJoint(List<CombineSummary> regimes) {
        XYChart chart = chart("Fine-tuned combined vs jointly trained, per RNG seed",
                "jointly trained validation MSE (log)", "combined + fine-tuned validation MSE (log)");
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        int i = 0;
        for (CombineSummary c : regimes) {
            XYSeries s = chart.addSeries(label(c), positive(c.joint()), positive(c.end()));
            s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(REGIME[i++ % REGIME.length]);
            for (double v : c.joint()) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            for (double v : c.end()) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        line(chart, "equal", new double[] {positive(lo), positive(hi)}, new double[] {positive(lo), positive(hi)},
                GREY, 1f, false);
        ChartStyle.logX(chart, positive(lo), positive(hi));
        return ChartStyle.logY(chart, positive(lo), positive(hi));
    }

    private static String label(CombineSummary c) {
        return c.regime().equals("none") ? "no penalty"
                : c.regime().toUpperCase(java.util.Locale.ROOT) + " " + String.format(java.util.Locale.ROOT, "%.0e",
                        c.coefficient());
    }

    /**
     * Adds a per-epoch trace ([epochs], epoch 1 first) drawn at {@link LossChart#drawnEpochs}: evenly spaced points
     * make XChart put a tick on every n-th epoch, packed edge to edge.
     */
    private static void epochLine(XYChart chart, String name, double[] perEpoch, Color colour) {
        int[] drawn = LossChart.drawnEpochs(perEpoch.length);
        double[] x = new double[drawn.length];
        double[] y = new double[drawn.length];
        for (int k = 0; k < drawn.length; k++) {
            x[k] = drawn[k];
            y[k] = perEpoch[drawn[k] - 1];
        }
        line(chart, name, x, y, colour, 1.8f, false);
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        return chart(WIDTH, title, xTitle, yTitle);
    }

    private static XYChart chart(int width, String title, String xTitle, String yTitle) {
        // the project's theme and tick labels; a log axis gets its labels from ChartStyle.logX/logY
        XYChart chart = ChartStyle.xy(width, HEIGHT, title, xTitle, yTitle);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Line);
        chart.getStyler().setXAxisTickMarkSpacingHint(90);
        return chart;
    }

    private static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color colour, float width,
            boolean markers) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setLineColor(colour);
        s.setLineStyle(new BasicStroke(width));
        s.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        s.setMarkerColor(colour);
        return s;
    }

    /** Log axes need positive values: anything at or below 1e-12 is drawn at 1e-12. */
    private static double positive(double v) {
        return Math.max(v, 1e-12);
    }

    private static double[] positive(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = positive(v[i]);
        }
        return out;
    }

    private static double[] finite(double[] v) {
        return java.util.Arrays.stream(v).filter(Double::isFinite).toArray();
    }

    private static double[] orZero(double[] v) {
        return v.length == 0 ? new double[] {0} : v;
    }
}

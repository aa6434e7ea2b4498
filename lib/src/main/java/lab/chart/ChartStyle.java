package lab.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.knowm.xchart.style.theme.AbstractBaseTheme;
import org.knowm.xchart.style.theme.Theme;

/**
 * The one look of every figure in {@code lab.chart}: a white XChart theme with one set of fonts and colours,
 * chart factories that apply it, and the tick-label formats. Every chart class builds its charts through
 * {@link #xy} or {@link #heatMap}, so fonts and number formats are the same on every axis of every figure.
 */
public final class ChartStyle {

    /** The theme of every chart: white background, sans-serif 11-14 pt, light grid. */
    public static final Theme THEME = new LabTheme();
    /** The tick-label font of every axis. */
    public static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    /** Series colours, in order (blue, red, grey, green, purple, ochre). */
    public static final Color[] SERIES = {new Color(33, 102, 172), new Color(214, 96, 77), new Color(90, 90, 90),
        new Color(27, 158, 119), new Color(152, 78, 163), new Color(230, 171, 2)};
    /** Colour of reference lines (zero, thresholds, the note's values). */
    public static final Color REFERENCE = new Color(60, 60, 60);

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    private static final Font AXIS_TITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    /**
     * Pixels a decade of a log axis needs before XChart's labels at 2, 3, ... 9 (it draws all eight or none) stay
     * apart near the next power of ten, where 9 and 10 are 4.6% of a decade apart: a 14-pixel label on y, a
     * 45-pixel one ("0.0009") on x.
     */
    private static final double DECADE_PIXELS_Y = 14 / Math.log10(10.0 / 9);
    private static final double DECADE_PIXELS_X = 45 / Math.log10(10.0 / 9);
    /** Pixels of a chart that are not plot: title, axis title and tick labels, legend (roughly). */
    private static final int NOT_PLOT_Y = 100;
    private static final int NOT_PLOT_X = 200;

    private ChartStyle() {}

    /**
     * Returns a new XY chart, width x height pixels, in the theme, with these titles and every tick label
     * written by {@link #number}.
     */
    public static XYChart xy(int width, int height, String title, String xTitle, String yTitle) {
        XYChart chart = new XYChart(width, height, THEME);
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        chart.setCustomXAxisTickLabelsFormatter(ChartStyle::number);
        chart.setCustomYAxisTickLabelsFormatter(ChartStyle::number);
        return chart;
    }

    /** Returns a new heat map, width x height pixels, in the theme, with these titles and no legend. */
    public static HeatMapChart heatMap(int width, int height, String title, String xTitle, String yTitle) {
        HeatMapChart chart = new HeatMapChart(width, height, THEME);
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setPlotContentSize(0.999);
        // category axes: every label is drawn; the blanks from categoryTicks keep them apart
        chart.getStyler().setXAxisMaxLabelCount(Integer.MAX_VALUE);
        return chart;
    }

    /**
     * Makes the chart's y-axis logarithmic over data in [min, max] (both > 0) and returns it. The range is widened to
     * one significant digit (1.2e-4 .. 6.3e-4 to 1e-4 .. 7e-4) and labels 2..9 times the power of ten as well, so it
     * has several labelled ticks, the first among them; where those labels would overlap (a range of more than about
     * a decade on a 400-pixel chart) it is widened to whole decades and labelled at the powers of ten. Labels are
     * plain decimals (0.0001, 0.001, ...), never XChart's "1E-4".
     */
    public static XYChart logY(XYChart chart, double min, double max) {
        // XChart places custom-formatted ticks linearly, wrong on a log axis: its own log labels are used instead
        chart.setCustomYAxisTickLabelsFormatter(null);
        LogAxis axis = LogAxis.of(min, max, (chart.getHeight() - NOT_PLOT_Y) / DECADE_PIXELS_Y);
        chart.getStyler().setYAxisLogarithmic(true).setYAxisLogarithmicDecadeOnly(axis.decades())
                .setYAxisDecimalPattern(axis.pattern()).setYAxisMin(axis.min()).setYAxisMax(axis.max());
        return chart;
    }

    /**
     * Makes the chart's x-axis logarithmic over data in [min, max] (both > 0), labelled as {@link #logY} does; its
     * labels being wider, from about 0.6 decades on a 760-pixel chart at the powers of ten alone.
     */
    public static XYChart logX(XYChart chart, double min, double max) {
        chart.setCustomXAxisTickLabelsFormatter(null);
        LogAxis axis = LogAxis.of(min, max, (chart.getWidth() - NOT_PLOT_X) / DECADE_PIXELS_X);
        chart.getStyler().setXAxisLogarithmic(true).setXAxisLogarithmicDecadeOnly(axis.decades())
                .setXAxisDecimalPattern(axis.pattern()).setXAxisMin(axis.min()).setXAxisMax(axis.max());
        return chart;
    }

    /**
     * A log axis's range [min, max], whether only the powers of ten are labelled, and a decimal pattern with as many
     * places as the lowest label needs.
     */
    record LogAxis(double min, double max, boolean decades, String pattern) {

        /**
         * Returns the axis for data in [min, max]: widened to one significant digit, or to whole decades when that
         * spans more than {@code maxDecades} (the most a 2..9-labelled axis of its length holds).
         */
        static LogAxis of(double min, double max, double maxDecades) {
            if (!(min > 0) || !(max >= min) || Double.isInfinite(max)) {
                throw new IllegalArgumentException("a log axis needs 0 < min <= max, both finite; got min " + min
                        + ", max " + max);
            }
            double lo = oneDigit(min, false);
            double hi = Math.max(oneDigit(max, true), oneDigit(lo * 1.5, true)); // one value: an axis around it
            boolean decades = Math.log10(hi / lo) > maxDecades;
            if (decades) {
                lo = Math.pow(10, Math.floor(Math.log10(min) + 1e-9));
                hi = Math.max(Math.pow(10, Math.ceil(Math.log10(max) - 1e-9)), lo * 10);
            }
            int decimals = (int) Math.max(1, Math.ceil(-Math.log10(lo) - 1e-9));
            return new LogAxis(lo, hi, decades, decimals <= 8 ? "0." + "#".repeat(decimals) : "0.0E0");
        }

        /** Returns v rounded to one significant digit, up or down (2.6e-4 -> 3e-4 or 2e-4). */
        private static double oneDigit(double v, boolean up) {
            double power = Math.pow(10, Math.floor(Math.log10(v)));
            double digits = v / power; // in [1, 10); a hair of tolerance, since 3e-4 / 1e-4 is 2.9999999999999996
            return (up ? Math.ceil(digits - 1e-9) : Math.floor(digits + 1e-9)) * power;
        }
    }

    /** Adds a dashed vertical reference line at x to the chart and returns the chart. */
    public static XYChart verticalLine(XYChart chart, String name, double x, double yMin, double yMax) {
        return line(chart, name, new double[] {x, x}, new double[] {yMin, yMax});
    }

    /** Adds a dashed horizontal reference line at y from xMin to xMax and returns the chart. */
    public static XYChart horizontalLine(XYChart chart, String name, double y, double xMin, double xMax) {
        return line(chart, name, new double[] {xMin, xMax}, new double[] {y, y});
    }

    private static XYChart line(XYChart chart, String name, double[] x, double[] y) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(REFERENCE);
        s.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f},
                0f));
        return chart;
    }

    /**
     * Returns a tick label: "0" for zero, plain decimals with up to three significant digits between 1e-3 and
     * 1e6 ("0.05", "-0.35", "4000"), otherwise a short scientific form ("3e-4", "2.5e-5").
     */
    public static String number(double v) {
        double a = Math.abs(v);
        if (a < 1e-12) {
            return "0";
        }
        if (a >= 1e-3 && a < 1e6) {
            return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
        }
        return scientific(v, 2);
    }

    /**
     * Returns 10^v as a tick label with two significant digits ("3.2e-4", "1e-3", "0.01"): for axes drawn in log10
     * units, where small values all read in one (scientific) form.
     */
    public static String powerOfTen(double v) {
        double x = Math.pow(10, v);
        return x >= 1e-2 && x < 1e6 ? new BigDecimal(x).round(new MathContext(2)).stripTrailingZeros().toPlainString()
                : scientific(x, 2);
    }

    private static String scientific(double v, int digits) {
        String s = String.format(Locale.ROOT, "%." + (digits - 1) + "e", v); // e.g. 2.5e-05
        String mantissa = s.substring(0, s.indexOf('e'));
        int exponent = Integer.parseInt(s.substring(s.indexOf('e') + 1));
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return mantissa + "e" + exponent;
    }

    /**
     * Returns labels for a category axis of equal bins (a heat map's): the bin nearest each multiple of a round step
     * (about {@code labels} of them over the range, 0 among them when the range holds it) gets that value; every
     * other bin gets a distinct blank, because XChart needs distinct category labels.
     *
     * @param centres the bin centres, ascending and equally spaced, [bins]
     */
    public static List<String> categoryTicks(double[] centres, int labels) {
        if (centres.length == 0) {
            throw new IllegalArgumentException("need at least one bin centre");
        }
        if (labels < 1) {
            throw new IllegalArgumentException("labels must be >= 1, got " + labels);
        }
        double width = centres.length > 1 ? centres[1] - centres[0] : 1;
        double lo = centres[0] - width / 2;
        double hi = centres[centres.length - 1] + width / 2;
        double step = roundStep((hi - lo) / labels);
        List<String> ticks = new ArrayList<>();
        for (int i = 0; i < centres.length; i++) {
            long k = Math.round(centres[i] / step);
            double tick = k * step;
            boolean nearest = Math.abs(centres[i] - tick) <= width / 2 * (1 + 1e-9)
                    && (i == 0 || Math.abs(centres[i - 1] - tick) > Math.abs(centres[i] - tick));
            ticks.add(nearest ? number(tick) : " ".repeat(i + 1));
        }
        return ticks;
    }

    /** Returns the round step (1, 2 or 5 times a power of ten) at or above raw. */
    static double roundStep(double raw) {
        if (!(raw > 0) || Double.isInfinite(raw)) {
            throw new IllegalArgumentException("step must be positive and finite, got " + raw);
        }
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= raw * (1 - 1e-9)) {
                return m * power;
            }
        }
        return 10 * power;
    }

    /** The theme: XChart's defaults with a white plot, one font family in four sizes and the series colours. */
    private static final class LabTheme extends AbstractBaseTheme {

        @Override
        public Font getBaseFont() {
            return LEGEND;
        }

        @Override
        public Color getChartBackgroundColor() {
            return Color.WHITE;
        }

        @Override
        public Color getChartFontColor() {
            return Color.BLACK;
        }

        @Override
        public int getChartPadding() {
            return 8;
        }

        @Override
        public Color[] getSeriesColors() {
            return SERIES.clone();
        }

        @Override
        public Marker[] getSeriesMarkers() {
            return new Marker[] {SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE,
                SeriesMarkers.TRIANGLE_UP, SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND};
        }

        @Override
        public Font getChartTitleFont() {
            return TITLE;
        }

        @Override
        public boolean isChartTitleBoxVisible() {
            return false;
        }

        @Override
        public Font getLegendFont() {
            return LEGEND;
        }

        @Override
        public Color getLegendBorderColor() {
            return new Color(200, 200, 200);
        }

        @Override
        public Styler.LegendPosition getLegendPosition() {
            return Styler.LegendPosition.InsideNE;
        }

        @Override
        public Font getAxisTitleFont() {
            return AXIS_TITLE;
        }

        @Override
        public Font getAxisTickLabelsFont() {
            return TICKS;
        }

        @Override
        public Color getAxisTickLabelsColor() {
            return Color.BLACK;
        }

        @Override
        public Color getPlotBackgroundColor() {
            return Color.WHITE;
        }

        @Override
        public Color getPlotBorderColor() {
            return new Color(160, 160, 160);
        }

        @Override
        public Color getPlotGridLinesColor() {
            return new Color(225, 225, 225);
        }

        @Override
        public Font getAnnotationTextFont() {
            return LEGEND;
        }

        @Override
        public Color getAnnotationTextFontColor() {
            return Color.DARK_GRAY;
        }

        @Override
        public Color getAnnotationLineColor() {
            return REFERENCE;
        }

        @Override
        public int getMarkerSize() {
            return 7;
        }
    }
}

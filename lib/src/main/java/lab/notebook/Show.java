package lab.notebook;

import java.awt.image.BufferedImage;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Shows rich output in whatever Jupyter kernel runs this JVM (JJava, rapaio-jupyter-kernel or IJava 1.3, found by
 * reflection, so notebooks need no kernel-specific call), or prints its plain form when there is none.
 */
public final class Show {

    private Show() {}

    /** Shows {@code chart} as a PNG image of the chart's size. */
    public static void chart(Chart<?, ?> chart) {
        if (chart == null) {
            throw new IllegalArgumentException("chart is null");
        }
        show(chartOutput(chart));
    }

    /**
     * Shows {@code value} the way JJava shows it as a cell's last expression (with {@link JJavaExtension}): a chart
     * or chart grid as PNG, a table as HTML, loss curves as their chart, a library record as an HTML table of its
     * components, anything else as its text. For cells that must look the same on every kernel.
     */
    public static void value(Object value) {
        Output output = NaturalView.of(value);
        show(output != null ? output : Output.text(String.valueOf(value)));
    }

    /** Shows {@code image} as PNG. */
    public static void image(BufferedImage image) {
        if (image == null) {
            throw new IllegalArgumentException("image is null");
        }
        show(imageOutput(image, "image"));
    }

    /** Returns the PNG output of {@code chart}, with its title and size as plain text. */
    static Output chartOutput(Chart<?, ?> chart) {
        String title = chart.getTitle() == null || chart.getTitle().isBlank() ? "chart" : "chart '" + chart.getTitle() + "'";
        return imageOutput(BitmapEncoder.getBufferedImage(chart), title);
    }

    /** Returns the PNG output of {@code image}, plain text {@code [what, W x H px]}. */
    static Output imageOutput(BufferedImage image, String what) {
        return new Output("image/png", image, "[" + what + ", " + image.getWidth() + "x" + image.getHeight() + " px]");
    }

    /** Shows {@code table} as an HTML table (Tablesaw's text form on a console). */
    public static void table(Table table) {
        if (table == null) {
            throw new IllegalArgumentException("table is null");
        }
        show(new Output("text/html", HtmlTable.of(table), table.printAll()));
    }

    /** Shows {@code text} as plain text. */
    public static void text(String text) {
        show(Output.text(String.valueOf(text)));
    }

    /** Shows {@code markdown} rendered (its source on a console). */
    public static void markdown(String markdown) {
        show(new Output("text/markdown", String.valueOf(markdown), String.valueOf(markdown)));
    }

    /** Shows {@code html} rendered (its source on a console). */
    public static void html(String html) {
        show(new Output("text/html", String.valueOf(html), String.valueOf(html)));
    }

    /** Returns a progress line titled {@code title} that shows nothing until its first report. */
    public static ProgressLine progress(String title) {
        return new ProgressLine(title, Holder.FRONTEND, System::nanoTime);
    }

    private static void show(Output output) {
        Holder.FRONTEND.show(output);
    }

    /** Detects the kernel once, on first use. */
    private static final class Holder {
        static final Frontend FRONTEND =
                Kernels.detect(System.getProperty("sun.java.command"), Show.class.getClassLoader(), System.out);
    }
}

package lab.notebook;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * The view a value of a known type is shown as, the way matplotlib and pandas show a figure or a frame: an XChart
 * chart or a {@link lab.chart.ChartGrid} as a PNG image, a Tablesaw table as an HTML table, the library's loss
 * curves as their chart, and any other record of the library (settings, results, summaries) as a two-column HTML
 * table of its components. Used by {@link JJavaExtension} for a cell's last expression and by {@link Show#value}.
 */
final class NaturalView {

    /** Elements of an array component written out before it is summarised as {@code float[4000]}. */
    static final int ARRAY_ELEMENTS_SHOWN = 8;

    private NaturalView() {}

    /** Returns the output {@code value} is shown as, or null when it has no view beyond its text. */
    static Output of(Object value) {
        if (value instanceof Chart<?, ?> chart) {
            return Show.chartOutput(chart);
        }
        if (value instanceof lab.chart.ChartGrid grid) {
            return Show.imageOutput(grid.toImage(), "chart grid, " + grid.rows() + "x" + grid.columns());
        }
        if (value instanceof Table table) {
            return new Output("text/html", HtmlTable.of(table), table.printAll());
        }
        if (value instanceof lab.train.LossCurves curves) {
            return Show.chartOutput(lab.chart.LossChart.chart(curves.train(), curves.validation(),
                    "loss over " + curves.steps() + " epochs"));
        }
        if (value instanceof Record record && isLibraryType(record.getClass())) {
            return new Output("text/html", recordTable(record), String.valueOf(record));
        }
        return null;
    }

    private static boolean isLibraryType(Class<?> type) {
        return type.getName().startsWith("lab.");
    }

    /** Returns a record as an HTML table: its type as caption, one row per component (name, value). */
    static String recordTable(Record record) {
        StringBuilder html = new StringBuilder(256);
        html.append("<table class=\"lab-table\"><caption>").append(HtmlTable.escape(record.getClass().getSimpleName()))
                .append("</caption><tbody>");
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            html.append("<tr><th style=\"text-align:left\">").append(HtmlTable.escape(component.getName()))
                    .append("</th><td style=\"text-align:right\">")
                    .append(HtmlTable.escape(describe(read(component, record)))).append("</td></tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    /** Returns a short text for one component: arrays by type and length with their first elements. */
    static String describe(Object value) {
        if (value == null || !value.getClass().isArray()) {
            return String.valueOf(value);
        }
        int length = Array.getLength(value);
        StringBuilder text = new StringBuilder(value.getClass().getComponentType().getSimpleName())
                .append('[').append(length).append(']');
        if (length > 0) {
            text.append(" {");
            for (int i = 0; i < Math.min(length, ARRAY_ELEMENTS_SHOWN); i++) {
                text.append(i == 0 ? "" : ", ").append(Array.get(value, i));
            }
            text.append(length > ARRAY_ELEMENTS_SHOWN ? ", ...}" : "}");
        }
        return text.toString();
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException e) {
            return "(not accessible)";
        } catch (InvocationTargetException e) {
            return "(" + e.getCause() + ")";
        }
    }
}

package lab.notebook;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Writes a Tablesaw table as an HTML {@code <table>}. By hand because tablesaw-core has no HTML writer (it
 * lives in the separate tablesaw-html module, which also pulls in a template engine).
 */
final class HtmlTable {

    /** Rows shown before the table is cut with a "more rows" line. */
    static final int MAX_ROWS = 500;

    private HtmlTable() {}

    /**
     * Returns {@code table} as HTML: its name as caption, one header cell per column, numbers right-aligned, at
     * most {@link #MAX_ROWS} rows (then a last row saying how many were left out); every text is escaped.
     */
    static String of(Table table) {
        StringBuilder html = new StringBuilder(256);
        html.append("<table class=\"lab-table\">");
        if (table.name() != null && !table.name().isBlank()) {
            html.append("<caption>").append(escape(table.name())).append("</caption>");
        }
        html.append("<thead><tr>");
        for (Column<?> column : table.columns()) {
            html.append("<th>").append(escape(column.name())).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        int shown = Math.min(table.rowCount(), MAX_ROWS);
        for (int row = 0; row < shown; row++) {
            html.append("<tr>");
            for (Column<?> column : table.columns()) {
                html.append(isNumber(column) ? "<td style=\"text-align:right\">" : "<td>")
                        .append(escape(column.getString(row)))
                        .append("</td>");
            }
            html.append("</tr>");
        }
        if (shown < table.rowCount()) {
            html.append("<tr><td colspan=\"").append(table.columnCount()).append("\">… ")
                    .append(table.rowCount() - shown).append(" more rows</td></tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    /** Returns {@code text} with {@code & < > " '} replaced by HTML entities. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isNumber(Column<?> column) {
        return column instanceof NumericColumn<?> && column.type() != ColumnType.BOOLEAN;
    }
}

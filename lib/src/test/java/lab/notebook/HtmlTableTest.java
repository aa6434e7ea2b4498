package lab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class HtmlTableTest {

    @Test
    void escapingReplacesTheFiveHtmlSpecialCharacters() {
        // given
        String text = "a<b & c>d \"e\" 'f'";

        // when
        String escaped = HtmlTable.escape(text);

        // then
        assertEquals("a&lt;b &amp; c&gt;d &quot;e&quot; &#39;f&#39;", escaped);
    }

    @Test
    void tableHasCaptionHeaderAndOneRowPerTableRowWithNumbersRightAligned() {
        // given
        Table table = Table.create("runs",
                StringColumn.create("model", "mt", "st"),
                IntColumn.create("hidden", 8, 16));

        // when
        String html = HtmlTable.of(table);

        // then
        assertEquals("<table class=\"lab-table\"><caption>runs</caption>"
                + "<thead><tr><th>model</th><th>hidden</th></tr></thead><tbody>"
                + "<tr><td>mt</td><td style=\"text-align:right\">8</td></tr>"
                + "<tr><td>st</td><td style=\"text-align:right\">16</td></tr>"
                + "</tbody></table>", html);
    }

    @Test
    void cellsAndNamesAreEscaped() {
        // given
        Table table = Table.create("a<b", StringColumn.create("x&y", "<script>"));

        // when
        String html = HtmlTable.of(table);

        // then
        assertTrue(html.contains("<caption>a&lt;b</caption>"), html);
        assertTrue(html.contains("<th>x&amp;y</th>"), html);
        assertTrue(html.contains("<td>&lt;script&gt;</td>"), html);
        assertFalse(html.contains("<script>"), html);
    }

    @Test
    void aLongTableIsCutAfterMaxRowsWithACountOfTheRest() {
        // given
        double[] values = new double[HtmlTable.MAX_ROWS + 3];
        Table table = Table.create("long", DoubleColumn.create("v", values));

        // when
        String html = HtmlTable.of(table);

        // then
        assertEquals(HtmlTable.MAX_ROWS + 1 + 1, html.split("<tr>", -1).length - 1, "header + rows + the note");
        assertTrue(html.contains("<td colspan=\"1\">… 3 more rows</td>"), html);
    }
}

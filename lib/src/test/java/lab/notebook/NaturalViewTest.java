package lab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import lab.train.LossCurves;
import lab.train.MultiMultSettings;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.QuickChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

class NaturalViewTest {

    @Test
    void aChartIsShownAsAPngOfItsSize() {
        // given
        var chart = QuickChart.getChart("t", "x", "y", "s", new double[] {1, 2}, new double[] {3, 4});

        // when
        Output output = NaturalView.of(chart);

        // then
        assertEquals("image/png", output.mime());
        BufferedImage image = assertInstanceOf(BufferedImage.class, output.rich());
        assertEquals(chart.getWidth(), image.getWidth());
        assertEquals("[chart 't', " + chart.getWidth() + "x" + chart.getHeight() + " px]", output.plain());
    }

    @Test
    void aTableIsShownAsAnHtmlTableWithItsTextBesideIt() {
        Table table = Table.create("t", DoubleColumn.create("x", new double[] {1.5}));

        Output output = NaturalView.of(table);

        assertEquals("text/html", output.mime());
        assertEquals(HtmlTable.of(table), output.rich());
        assertEquals(table.printAll(), output.plain());
    }

    @Test
    void lossCurvesAreShownAsTheirChart() {
        Output output = NaturalView.of(new LossCurves(new float[] {1f, 0.5f}, new float[] {1.2f, 0.6f}));

        assertEquals("image/png", output.mime());
        assertTrue(output.plain().startsWith("[chart 'loss over 2 epochs'"), output.plain());
    }

    @Test
    void aLibraryRecordIsATableOfItsComponents() {
        MultiMultSettings settings = MultiMultSettings.quick();

        Output output = NaturalView.of(settings);

        assertEquals("text/html", output.mime());
        String html = (String) output.rich();
        assertTrue(html.startsWith("<table class=\"lab-table\"><caption>MultiMultSettings</caption>"), html);
        assertTrue(html.contains("<th style=\"text-align:left\">epochs</th><td style=\"text-align:right\">"
                + settings.epochs() + "</td>"), html);
        assertEquals(settings.toString(), output.plain());
    }

    @Test
    void otherValuesHaveNoView() {
        // A record outside the library (say, a notebook's own) stays text too: checked in the real kernel by
        // bin/kernel_tests.py, since every record compiled here is in the library's packages.
        assertNull(NaturalView.of("text"));
        assertNull(NaturalView.of(42));
    }

    @Test
    void arraysAreDescribedByTypeLengthAndFirstElements() {
        assertEquals("float[3] {1.0, 2.0, 3.0}", NaturalView.describe(new float[] {1, 2, 3}));
        assertEquals("int[10] {0, 1, 2, 3, 4, 5, 6, 7, ...}", NaturalView.describe(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
        assertEquals("long[0]", NaturalView.describe(new long[0]));
        assertEquals("null", NaturalView.describe(null));
    }
}

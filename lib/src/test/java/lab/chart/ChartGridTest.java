package lab.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.junit.jupiter.api.Test;

class ChartGridTest {

    private static XYChart small() {
        XYChart chart = new XYChartBuilder().width(50).height(40).build();
        chart.addSeries("s", new double[] {0, 1}, new double[] {1, 2});
        return chart;
    }

    @Test
    void fiveChartsInTwoColumnsFillThreeRowsAndTheImageHasTheirSizePlusTitleAndSide() {
        ChartGrid grid = ChartGrid.builder().setColumns(2).optCellSize(120, 100).optTitle("t")
                .optSide(small(), 30).add(small()).add(small()).add(small()).add(small()).add(small()).build();

        BufferedImage image = grid.toImage();

        assertEquals(3, grid.rows());
        assertEquals(5, grid.charts().size());
        assertEquals(2 * 120 + 30, image.getWidth());
        assertEquals(3 * 100 + 36, image.getHeight());
    }

    @Test
    void gridWithoutTitleOrSideIsExactlyTheCells() {
        ChartGrid grid = ChartGrid.builder().setColumns(4).optCellSize(80, 60).add(small()).build();

        assertEquals(1, grid.rows());
        assertEquals(320, grid.width());
        assertEquals(60, grid.height());
    }

    @Test
    void builderNamesWhatIsMissing() {
        IllegalArgumentException noColumns = assertThrows(IllegalArgumentException.class,
                () -> ChartGrid.builder().add(small()).build());
        IllegalArgumentException noCharts = assertThrows(IllegalArgumentException.class,
                () -> ChartGrid.builder().setColumns(2).build());

        assertEquals("columns must be set to >= 1, got 0", noColumns.getMessage());
        assertEquals("no charts added", noCharts.getMessage());
    }
}

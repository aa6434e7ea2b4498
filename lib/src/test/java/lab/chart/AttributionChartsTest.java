package lab.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import lab.analysis.NeuronAttribution;
import lab.data.AnalysisGrid;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapSeries;
import org.junit.jupiter.api.Test;

class AttributionChartsTest {

    @Test
    void oneFixedScalePanelPerNeuronTitledWithIndexAndRole() {
        NeuronAttribution a = ChartFixtures.attribution();

        ChartGrid grid = AttributionCharts.forOutput(a, AnalysisGrid.seedGrid(), 0);

        assertEquals(3, grid.charts().size());
        assertEquals(2, grid.columns());
        assertEquals(2, grid.rows());
        assertEquals("n0 out 0", grid.charts().get(0).getTitle());
        assertEquals("n1 both", grid.charts().get(1).getTitle());
        assertEquals("n2 silent", grid.charts().get(2).getTitle());
        HeatMapSeries s = ((HeatMapChart) grid.charts().get(0)).getHeatMapSeries();
        assertEquals(-1.0, s.getMin(), 0);
        assertEquals(1.0, s.getMax(), 0);
        assertEquals(5, s.getXData().size());
        assertEquals(5, s.getYData().size());
        assertEquals(25, s.getHeatData().size());
    }

    @Test
    void panelPutsPointNAtColumnBAndRowA() {
        float[] values = new float[25];
        values[7] = 0.5f; // a = 0.25 (row 1), b = 0.5 (column 2)

        HeatMapChart chart = AttributionCharts.panel(values, AnalysisGrid.seedGrid(), "p");

        Number[] cell = chart.getHeatMapSeries().getHeatData().get(7);
        assertEquals(2, cell[0].intValue());
        assertEquals(1, cell[1].intValue());
        assertEquals(0.5, cell[2].doubleValue(), 1e-6);
    }

    @Test
    void sixteenNeuronsMakeAFourByFourGridWithAColourBar() {
        float[] w2 = new float[32];
        float[] act = new float[25 * 16];
        NeuronAttribution a = NeuronAttribution.of(act, w2, 25, 16);

        ChartGrid grid = AttributionCharts.forOutput(a, AnalysisGrid.seedGrid(), 1);

        assertEquals(4, grid.columns());
        assertEquals(4, grid.rows());
        assertEquals(21, ((HeatMapChart) grid.side()).getHeatMapSeries().getHeatData().size());
    }

    @Test
    void refusesAnOutputOtherThanZeroOrOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttributionCharts.forOutput(ChartFixtures.attribution(), AnalysisGrid.seedGrid(), 2));

        assertEquals("output must be 0 or 1, got 2", e.getMessage());
    }
}

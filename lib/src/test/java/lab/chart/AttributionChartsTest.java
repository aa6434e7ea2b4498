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
    void oneSharedScalePanelPerNeuronTitledWithIndexAndRole() {
        NeuronAttribution a = ChartFixtures.attribution();

        ChartGrid grid = AttributionCharts.forOutput(a, AnalysisGrid.seedGrid(), 0);

        assertEquals(3, grid.charts().size());
        assertEquals(2, grid.columns());
        assertEquals(2, grid.rows());
        assertEquals("n0 out 0", grid.charts().get(0).getTitle());
        assertEquals("n1 both", grid.charts().get(1).getTitle());
        assertEquals("n2 silent", grid.charts().get(2).getTitle());
        HeatMapSeries s = ((HeatMapChart) grid.charts().get(0)).getHeatMapSeries();
        assertEquals(-AttributionCharts.scale(a), s.getMin(), 0);
        assertEquals(AttributionCharts.scale(a), s.getMax(), 0);
        assertEquals("b", grid.charts().get(0).getXAxisTitle());
        assertEquals("a", grid.charts().get(0).getYAxisTitle());
        assertEquals(5, s.getXData().size());
        assertEquals(5, s.getYData().size());
        assertEquals(25, s.getHeatData().size());
    }

    @Test
    void panelPutsPointNAtColumnBAndRowA() {
        float[] values = new float[25];
        values[7] = 0.5f; // a = 0.25 (row 1), b = 0.5 (column 2)

        HeatMapChart chart = AttributionCharts.panel(values, AnalysisGrid.seedGrid(), "p", 1.0);

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
        assertEquals(41, ((HeatMapChart) grid.side()).getHeatMapSeries().getHeatData().size());
    }

    @Test
    void theScaleIsTheLargestContributionRoundedUpToTwoDigits() {
        // given: one active neuron whose largest contribution is 0.3456 (activation 1 on a point, W2 0.3456)
        float[] act = new float[25 * 2];
        act[3 * 2] = 1f;
        float[] w2 = {0.3456f, 0, 0, -0.1f};

        // when
        double scale = AttributionCharts.scale(NeuronAttribution.of(act, w2, 25, 2));

        // then
        assertEquals(0.35, scale, 1e-9);
        assertEquals(1.0, AttributionCharts.scale(NeuronAttribution.of(new float[50], w2, 25, 2)), 0);
    }

    @Test
    void refusesAnOutputOtherThanZeroOrOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttributionCharts.forOutput(ChartFixtures.attribution(), AnalysisGrid.seedGrid(), 2));

        assertEquals("output must be 0 or 1, got 2", e.getMessage());
    }
}

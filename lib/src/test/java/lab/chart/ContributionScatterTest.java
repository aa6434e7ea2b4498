package lab.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.junit.jupiter.api.Test;

class ContributionScatterTest {

    @Test
    void oneSeriesPerRolePresentHoldingThatRolesMeanVectors() {
        XYChart chart = ContributionScatter.chart(ChartFixtures.attribution());

        assertEquals(List.of("out 0 (1)", "both (1)", "silent (1)"), List.copyOf(chart.getSeriesMap().keySet()));
        XYSeries both = chart.getSeriesMap().get("both (1)");
        assertEquals(0.25, both.getXData()[0], 1e-6);
        assertEquals(0.25, both.getYData()[0], 1e-6);
    }

    @Test
    void axesAreSymmetricAboutTheOrigin() {
        XYChart chart = ContributionScatter.chart(ChartFixtures.attribution());

        // the largest component is neuron 0's 0.5, with 15% margin
        assertEquals(-0.575, chart.getStyler().getXAxisMin(), 1e-6);
        assertEquals(0.575, chart.getStyler().getYAxisMax(), 1e-6);
    }
}

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

    @Test
    void pointsThatNearlyCoincideShareOneLabelAndNoLabelsOverlap() {
        // given: neurons 0 and 1 at almost the same vector, neuron 2 elsewhere
        float[] act = new float[25 * 3];
        java.util.Arrays.fill(act, 1f);
        float[] w2 = {0.30f, 0.301f, 0.0f, 0.0f, 0.0f, 0.2f};
        lab.analysis.NeuronAttribution a = lab.analysis.NeuronAttribution.of(act, w2, 25, 3);

        // when
        List<ContributionScatter.Label> labels = ContributionScatter.labels(a, 0.4);

        // then
        assertEquals(List.of("n0, n1", "n2"), labels.stream().map(ContributionScatter.Label::text).toList());
        assertEquals(false, labels.get(0).overlaps(labels.get(1)));
    }
}

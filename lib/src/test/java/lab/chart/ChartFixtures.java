package lab.chart;

import java.util.List;
import lab.analysis.NeuronAttribution;
import lab.data.AnalysisGrid;
import lab.model.LinearWeights;

/** A hand-built 4 -> 3 -> 2 net on the 5x5 grid: neuron 0 serves output 0, neuron 1 both, neuron 2 is silent. */
final class ChartFixtures {

    private ChartFixtures() {}

    static NeuronAttribution attribution() {
        List<LinearWeights> net = List.of(
                new LinearWeights(4, 3, new float[] {1, 0, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0}, new float[] {0, 0, -1}),
                new LinearWeights(3, 2, new float[] {1, 0.5f, 2, 0, 0.5f, 2}, new float[] {0, 0}));
        return NeuronAttribution.of(net, AnalysisGrid.seedGrid());
    }
}

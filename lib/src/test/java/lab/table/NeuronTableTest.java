package lab.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import lab.analysis.NeuronAttribution;
import lab.data.AnalysisGrid;
import lab.model.LinearWeights;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class NeuronTableTest {

    @Test
    void oneRowPerNeuronWithMeansAngleScoreAndRole() {
        List<LinearWeights> net = List.of(
                new LinearWeights(4, 2, new float[] {1, 0, 0, 0, 0, 1, 0, 0}, new float[] {0, 0}),
                new LinearWeights(2, 2, new float[] {1, 0.5f, 0, 0.5f}, new float[] {0, 0}));

        Table t = NeuronTable.of(NeuronAttribution.of(net, AnalysisGrid.seedGrid()));

        assertEquals(2, t.rowCount());
        assertEquals(List.of("neuron", "mean c0", "mean c1", "angle (deg)", "score", "role"), t.columnNames());
        assertEquals(0.5, t.doubleColumn("mean c0").get(0), 1e-6);
        assertEquals(45.0, t.doubleColumn("angle (deg)").get(1), 1e-4);
        assertEquals(1.0, t.doubleColumn("score").get(0), 1e-9);
        assertEquals("out 0", t.stringColumn("role").get(0));
        assertEquals("both", t.stringColumn("role").get(1));
        assertEquals("0.2500", t.doubleColumn("mean c1").getString(1));
    }
}

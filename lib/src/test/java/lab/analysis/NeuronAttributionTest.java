package lab.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import lab.data.AnalysisGrid;
import lab.model.LinearWeights;
import org.junit.jupiter.api.Test;

class NeuronAttributionTest {

    // Hidden 0 = relu(a) feeds output 0 only; hidden 1 = relu(b) feeds both equally; hidden 2 = relu(-a - 1) never fires.
    private static final List<LinearWeights> NET = List.of(
            new LinearWeights(4, 3, new float[] {1, 0, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0}, new float[] {0, 0, -1}),
            new LinearWeights(3, 2, new float[] {1, 0.5f, 2, 0, 0.5f, 2}, new float[] {0, 0}));

    @Test
    void handBuiltNetOnTheGridHasThePaperRolesScoresAndMeans() {
        NeuronAttribution a = NeuronAttribution.of(NET, AnalysisGrid.seedGrid());

        assertEquals(List.of(NeuronRole.OUTPUT_0_ONLY, NeuronRole.BOTH, NeuronRole.SILENT), a.roles());
        // mean of a over the 5x5 grid is 0.5, so neuron 0's vector is (0.5, 0); neuron 1's is (0.25, 0.25)
        assertArrayEquals(new float[] {0.5f, 0f, 0.25f, 0.25f, 0f, 0f}, a.means(), 1e-6f);
        assertEquals(1.0, a.score(0), 1e-12);
        assertEquals(0.0, a.score(1), 1e-6);
        assertEquals(Math.PI / 4, a.angle(1), 1e-6);
        assertEquals(1, a.count(NeuronRole.SILENT));
    }

    @Test
    void contributionOfOneNeuronFollowsTheGrid() {
        NeuronAttribution a = NeuronAttribution.of(NET, AnalysisGrid.seedGrid());

        float[] c = a.contribution(0, 0);

        assertEquals(25, c.length);
        // point n has a = (n / 5) / 4
        assertEquals(0f, c[4], 0f);
        assertEquals(0.25f, c[5], 0f);
        assertEquals(1f, c[24], 0f);
    }
}

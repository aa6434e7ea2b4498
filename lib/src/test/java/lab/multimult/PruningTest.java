package lab.multimult;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import lab.data.Rows;
import lab.model.LinearWeights;
import lab.model.MlpPass;
import org.junit.jupiter.api.Test;

class PruningTest {

    /** 1 -> 2 -> 1: h0 = relu(x), h1 = relu(x + 1); y = 2 h0 + 0.5 h1 + 0.1. */
    private static final List<LinearWeights> NET = List.of(
            new LinearWeights(1, 2, new float[] {1, 1}, new float[] {0, 1}),
            new LinearWeights(2, 1, new float[] {2, 0.5f}, new float[] {0.1f}));
    private static final Rows X = Rows.of(new float[] {0, 1, 2, 3}, 1);

    @Test
    void importanceIsTheMeanAbsoluteContributionOnTheRows() {
        // when
        double[][] imp = Pruning.importance(NET, X);
        // then: h0 = 0,1,2,3 -> |2 h0| mean 3; h1 = 1,2,3,4 -> |0.5 h1| mean 1.25
        assertEquals(3.0, imp[0][0], 1e-9);
        assertEquals(1.25, imp[1][0], 1e-9);
        assertArrayEquals(new int[] {0, 1}, Pruning.ranking(imp));
    }

    @Test
    void aPrunedNeuronIsFoldedIntoTheOutputBiasAsItsMeanContribution() {
        // when
        List<LinearWeights> pruned = Pruning.keepOnly(NET, X, new int[] {0});
        // then: b2 = 0.1 + 0.5 * mean(h1) = 0.1 + 1.25; y = 2x + 1.35
        assertEquals(1.35f, pruned.get(1).bias()[0], 1e-6);
        assertArrayEquals(new float[] {1.35f, 3.35f, 5.35f, 7.35f}, MlpPass.outputs(pruned, X), 1e-6f);
    }

    @Test
    void theCurveEndsAtTheUnprunedNetsLoss() {
        // given: targets equal to the net's own output, so the full net has zero error
        Rows t = Rows.of(MlpPass.outputs(NET, X), 1);
        // when
        double[] curve = Pruning.curve(NET, X, X, t);
        // then: keeping 1 leaves 0.5 h1 - 1.25 = -0.75, -0.25, 0.25, 0.75 -> MSE 0.3125
        assertEquals(0.3125, curve[0], 1e-6);
        assertEquals(0.0, curve[1], 1e-12);
    }
}

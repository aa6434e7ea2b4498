package lab.multimult;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import lab.data.Rows;
import lab.model.LinearWeights;
import lab.model.MlpPass;
import lab.model.MlpWeights;
import org.junit.jupiter.api.Test;

class CombineTest {

    @Test
    void theCombinedNetComputesEachSingleTaskNetOnItsOwnInputs() {
        // given: two random 2 -> 3 -> 1 nets, neurons {0, 2} of a and {1} of b kept (pruned ones zeroed already)
        List<LinearWeights> a = MlpWeights.pytorchDefault(new int[] {2, 3, 1}, 1);
        List<LinearWeights> b = MlpWeights.pytorchDefault(new int[] {2, 3, 1}, 2);
        Rows xa = Rows.of(new float[] {0.3f, 1.2f, 1.5f, 0.4f}, 2);
        List<LinearWeights> pa = Pruning.keepOnly(a, xa, new int[] {0, 2});
        List<LinearWeights> pb = Pruning.keepOnly(b, xa, new int[] {1});
        Rows x = Rows.of(new float[] {0.3f, 1.2f, 0.7f, 0.9f, 1.5f, 0.4f, 0.2f, 1.8f}, 4);
        // when
        List<LinearWeights> c = Combine.blockDiagonal(pa, new int[] {0, 2}, pb, new int[] {1});
        // then
        float[] y = MlpPass.outputs(c, x);
        float[] ya = MlpPass.outputs(pa, Columns.taskInputs(x, 0));
        float[] yb = MlpPass.outputs(pb, Columns.taskInputs(x, 1));
        assertArrayEquals(new float[] {ya[0], yb[0], ya[1], yb[1]}, y, 1e-6f);
        assertEquals(0.0, Combine.offBlockShare(c, 2), 0.0);
    }

    @Test
    void theOffBlockShareIsTheMassOutsideTheBlocks() {
        // given: 4 -> 2 -> 2, neuron 0 in block 0; one off-block weight of 1 (W1[0][2]) among total mass 4
        float[] w1 = {1, 0, 1, 0, 0, 0, 1, 0};
        float[] w2 = {1, 0, 0, 0};
        List<LinearWeights> c = List.of(new LinearWeights(4, 2, w1, new float[2]),
                new LinearWeights(2, 2, w2, new float[2]));
        // then
        assertEquals(0.25, Combine.offBlockShare(c, 1), 1e-12);
    }
}

package lab.multimult;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import lab.data.Rows;
import lab.model.LinearWeights;
import org.junit.jupiter.api.Test;

class AblationTest {

    /** 1 -> 2 -> 2: h0 = relu(x) feeds output 0 only (weight 1); h1 = relu(x) feeds both (weights 1, 1). */
    private static final List<LinearWeights> NET = List.of(
            new LinearWeights(1, 2, new float[] {1, 1}, new float[] {0, 0}),
            new LinearWeights(2, 2, new float[] {1, 1, 0, 1}, new float[] {0, 0}));
    private static final Rows X = Rows.of(new float[] {1, 2}, 1);

    @Test
    void zeroingANeuronRaisesEachOutputsMseByWhatItContributed() {
        // given: targets are the net's outputs (2x, x), so the intact net has zero error
        Rows t = Rows.of(new float[] {2, 1, 4, 2}, 2);
        // when
        double[][] rises = Ablation.single(NET, X, t);
        // then: removing h0 takes x from output 0 -> MSE (1 + 4) / 2 = 2.5; removing h1 takes x from both
        assertEquals(2.5, rises[0][0], 1e-9);
        assertEquals(0.0, rises[0][1], 1e-9);
        assertEquals(2.5, rises[1][0], 1e-9);
        assertEquals(2.5, rises[1][1], 1e-9);
        assertEquals(Ablation.Role.OUTPUT_0_ONLY, Ablation.role(rises[0][0], rises[0][1]));
        assertEquals(Ablation.Role.BOTH, Ablation.role(rises[1][0], rises[1][1]));
    }

    @Test
    void tinyRisesMeanNoEffect() {
        assertEquals(Ablation.Role.NONE, Ablation.role(1e-7, -1e-3));
        assertEquals(Ablation.Role.OUTPUT_1_ONLY, Ablation.role(-1e-3, 1e-3));
    }
}

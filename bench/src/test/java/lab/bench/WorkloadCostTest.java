package lab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WorkloadCostTest {

    @Test
    void tinyMtSweepEpochMatchesTheHandCount() {
        // given one step of 2 samples, embedding 1, width 1, one bit: mt = one tower with one output
        WorkloadCost c = WorkloadCost.sweep("mt", 1, 2, 2, 1, 1);

        // then, by hand (b = 2, D = h = O = 1, n = b * bits = 2, P = 2 + 10 = 12 parameters):
        // matmul FLOPs: forward 2b(Dh + h^2 + hO) = 12, backward twice that = 24
        assertEquals(36, c.matmulFlops(), 0);
        assertEquals(12, c.matmulFlops(WorkloadCost.Phase.FORWARD), 0);
        // elements read: forward gather 2, linear0 4, 2 x BN 6, 2 x relu 2, linear1 4, linear2 4, loss 8 = 38;
        // backward loss 4, dW2 4, db2 2, dA1 3, 2 x relu 4, 2 x BN 10, dW1 4, 2 x db 2, dA0 3, dW0 4, dX 3,
        // scatter 2 = 61; update 6P = 72: 171 in all.
        // written: forward 2+2+2+2+2+2+2+2+4 = 20; backward 2+1+1+2+2+2+4+4+1+1+1+2+1+2+2 = 28; update 3P = 36: 84.
        assertEquals(4.0 * (171 + 84), c.bytes(), 0);
        assertEquals(12, c.parameters(), 0);
        assertEquals(4.0 * (72 + 36), c.bytes(WorkloadCost.Phase.UPDATE, false), 0);
        assertEquals(4.0 * ((4 + 2) + (4 + 2) + (4 + 2) + (4 + 1) + (3 + 2) + (4 + 1) + (3 + 2) + (4 + 1) + (3 + 2)),
                c.bytes(null, true), 0);
    }

    @Test
    void wideSweepFlopsAreThreeTimesTheForwardMatmuls() {
        // given W3 st and mt at h = 1024 (1,024 samples, embedding 16, 10 bits)
        double h = 1024;

        // when
        double st = WorkloadCost.sweep("st", 1024).matmulFlops();
        double mt = WorkloadCost.sweep("mt", 1024).matmulFlops();

        // then: 3 x 2 x samples x towers x (16h + h^2 + h*out)
        assertEquals(3 * 2 * 1024 * 10 * (16 * h + h * h + h), st, 0);
        assertEquals(3 * 2 * 1024 * (16 * h + h * h + 10 * h), mt, 0);
    }

    @Test
    void stSumsTheTowersInputGradientsAndSplitsAnUnevenLastBatch() {
        // given 3 samples in batches of 2 (steps of 2 and 1), two towers of width 1, embedding 1
        WorkloadCost c = WorkloadCost.sweep("st", 1, 3, 2, 1, 2);

        // then: one sum of two towers' input gradients per step, reading 2b and writing b elements
        WorkloadCost.Op sum2 = c.ops().stream().filter(o -> o.name().startsWith("sum of") && o.read() == 4)
                .findFirst().orElseThrow();
        WorkloadCost.Op sum1 = c.ops().stream().filter(o -> o.name().startsWith("sum of") && o.read() == 2)
                .findFirst().orElseThrow();
        assertEquals(1, sum2.calls());
        assertEquals(1, sum1.calls());
        // and the FLOPs are 3 x 2 x samples x towers x (Dh + h^2 + h) over both steps
        assertEquals(3 * 2 * 3 * 2 * 3, c.matmulFlops(), 0);
    }

    @Test
    void tinyEnsembleEpochMatchesTheHandCount() {
        // given one 4-16-2 model on one training row and no validation rows
        WorkloadCost c = WorkloadCost.ensemble(1, 1, 0);

        // then: FLOPs 2 x (4*16 + 16*2) forward, 2 x (16*2 + 2*16 + 4*16) backward = 192 + 256
        assertEquals(448, c.matmulFlops(), 0);
        // read: forward 84 + 16 + 50 + 4 = 154; backward 4 + 18 + 2 + 34 + 32 + 20 + 16 = 126; Adam 4 x 114 = 456
        // written: forward 16 + 16 + 2 + 1 = 35; backward 2 + 32 + 2 + 16 + 16 + 64 + 16 = 148; Adam 3 x 114 = 342
        assertEquals(4.0 * (154 + 126 + 456 + 35 + 148 + 342), c.bytes(), 0);
        assertEquals(12, c.calls());
    }

    @Test
    void validationRowsAddAForwardPassAndModelsScaleEverything() {
        WorkloadCost one = WorkloadCost.ensemble(1, 8000, 2000);
        WorkloadCost hundred = WorkloadCost.ensemble(100);

        assertEquals(448 * 8000 + 192 * 2000, one.matmulFlops(), 0);
        assertEquals(100 * one.bytes(), hundred.bytes(), 1e-6 * hundred.bytes());
    }

    @Test
    void unknownArchitectureIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WorkloadCost.sweep("xt", 128));
        assertEquals("arch must be st or mt, got 'xt'", e.getMessage());
    }
}

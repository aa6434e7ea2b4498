package lab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TowerNetTest {

    private static final long[] IDX = {5, 0, 7, 2, 3, 6};
    private static final double TOL = 1e-4;

    /** Returns initial values with BatchNorm scale and shift moved off 1 and 0 so they matter. */
    private static float[] flatWithLiveBatchNorm(TowerNet net, long seed) {
        float[] flat = net.initialFlat(seed);
        SplittableRandom rng = new SplittableRandom(seed + 99);
        TowerLayout layout = net.layout();
        for (String name : layout.names()) {
            if (name.startsWith("gamma") || name.startsWith("beta")) {
                int from = (int) layout.offset(name);
                for (int i = 0; i < layout.shape(name).size(); i++) {
                    flat[from + i] = (float) rng.nextDouble(0.5, 1.5) - (name.startsWith("beta") ? 1f : 0f);
                }
            }
        }
        return flat;
    }

    private static float[] logits(TowerNet net, float[] flat, NDManager m) {
        NDArray f = m.create(flat);
        net.bindTo(f);
        return TowerPass.logits(net.params(), m.create(IDX), null).toFloatArray();
    }

    private static double[] zeros(int n) {
        return new double[n];
    }

    @Test
    void stackedSingleTaskTowersEqualSeparateTowersComputedOneByOne() {
        // given st with 3 towers of width 5 over a 4-wide embedding
        TowerNet net = TowerNet.builder().setMode(TaskMode.ST).setHiddenUnits(5).optBits(3).optEmbeddingWidth(4).build();
        float[] flat = flatWithLiveBatchNorm(net, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            // when
            float[] got = logits(net, flat, m); // [B, 3]
            // then each column is its own tower, computed alone
            double[][] x = TowerReference.embed(net.layout(), flat, IDX);
            for (int t = 0; t < 3; t++) {
                double[][] ref = TowerReference.logits(net.layout(), flat, t, x, zeros(3), zeros(3), false);
                for (int r = 0; r < IDX.length; r++) {
                    assertEquals(ref[r][0], got[r * 3 + t], TOL, "tower " + t + " row " + r);
                }
            }
        }
    }

    @Test
    void multiTaskTowerEqualsTheReferenceForTwoAndFourLayers() {
        for (int layers : new int[] {2, 4}) {
            TowerNet net = TowerNet.builder().setMode(TaskMode.MT).setHiddenUnits(5).optBits(3)
                    .optEmbeddingWidth(4).optLayers(layers).build();
            float[] flat = flatWithLiveBatchNorm(net, 2);
            try (NDManager m = NDManager.newBaseManager()) {
                float[] got = logits(net, flat, m);
                double[][] ref = TowerReference.logits(net.layout(), flat, 0,
                        TowerReference.embed(net.layout(), flat, IDX), zeros(layers), zeros(layers), false);
                for (int r = 0; r < IDX.length; r++) {
                    for (int k = 0; k < 3; k++) {
                        assertEquals(ref[r][k], got[r * 3 + k], TOL, layers + " layers, row " + r + " bit " + k);
                    }
                }
            }
        }
    }

    @Test
    void blockForwardReturnsSigmoidProbabilitiesPerBit() {
        TowerNet net = TowerNet.builder().setMode(TaskMode.ST).setHiddenUnits(4).optBits(3).optEmbeddingWidth(2).build();
        try (NDManager m = NDManager.newBaseManager()) {
            float[] flat = net.initialFlat(0);
            float[] logits = logits(net, flat, m);
            NDList out = net.forward(new ParameterStore(m, false), new NDList(m.create(IDX)), true);
            assertEquals(new Shape(IDX.length, 3), out.singletonOrThrow().getShape());
            float[] p = out.singletonOrThrow().toFloatArray();
            for (int i = 0; i < p.length; i++) {
                assertEquals(1 / (1 + Math.exp(-logits[i])), p[i], 1e-5);
            }
        }
    }

    @Test
    void lossDropMultipliesTheOutputLogitsByTheMask() {
        TowerNet net = TowerNet.builder().setMode(TaskMode.MT).setHiddenUnits(4).optBits(3).optEmbeddingWidth(2)
                .optLossDrop(0.5f).build();
        try (NDManager m = NDManager.newBaseManager()) {
            float[] plain = logits(net, net.initialFlat(0), m);
            float[] mask = new float[IDX.length * 3];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = i % 3 == 0 ? 0f : 2f;
            }
            float[] dropped = TowerPass.logits(net.params(), m.create(IDX), m.create(mask, new Shape(IDX.length, 3)))
                    .toFloatArray();
            for (int i = 0; i < mask.length; i++) {
                assertEquals(plain[i] * mask[i], dropped[i], 1e-5, "entry " + i);
            }
        }
    }

    @Test
    void lossDropMaskZeroesAboutPOfTheLogitsAndScalesTheRest() {
        float[] mask = TowerPass.dropMask(1000, 10, 0.1f, new SplittableRandom(7));
        long zeros = 0;
        for (float v : mask) {
            if (v == 0f) {
                zeros++;
            } else {
                assertEquals(1f / 0.9f, v, 1e-6);
            }
        }
        // 10,000 draws of p = 0.1: standard deviation 30, so 900..1100 fails only by chance below 1e-6
        assertTrue(zeros > 900 && zeros < 1100, "zeros " + zeros);
    }

    @Test
    void taskFilterWithZeroOffsetsIsPlainMultiTask() {
        TowerNet plain = TowerNet.builder().setMode(TaskMode.MT).setHiddenUnits(4).optBits(3).optEmbeddingWidth(2).build();
        TowerNet filtered = TowerNet.builder().setMode(TaskMode.MT).setHiddenUnits(4).optBits(3).optEmbeddingWidth(2)
                .optTaskFilter(true).build();
        try (NDManager m = NDManager.newBaseManager()) {
            float[] base = flatWithLiveBatchNorm(plain, 3);
            float[] withOffsets = Arrays.copyOf(base, (int) filtered.layout().size()); // offsets 0
            assertArrayEquals(logits(plain, base, m), logits(filtered, withOffsets, m), 1e-5f);
        }
    }

    @Test
    void taskFilterShiftsEveryWeightAndBiasOfALayerForItsOwnTaskOnly() {
        TowerNet filtered = TowerNet.builder().setMode(TaskMode.MT).setHiddenUnits(4).optBits(3).optEmbeddingWidth(2)
                .optTaskFilter(true).build();
        TowerLayout layout = filtered.layout();
        float[] flat = flatWithLiveBatchNorm(filtered, 4);
        // given task 1 shifts layer 0's weights by 0.3 and layer 2's bias by -0.2
        flat[(int) layout.offset("filterWeight") + 0 * 3 + 1] = 0.3f;
        flat[(int) layout.offset("filterBias") + 2 * 3 + 1] = -0.2f;
        try (NDManager m = NDManager.newBaseManager()) {
            float[] got = logits(filtered, flat, m);
            double[][] x = TowerReference.embed(layout, flat, IDX);
            double[][] shifted = TowerReference.logits(layout, flat, 0, x, new double[] {0.3, 0, 0},
                    new double[] {0, 0, -0.2}, false);
            double[][] plain = TowerReference.logits(layout, flat, 0, x, zeros(3), zeros(3), false);
            for (int r = 0; r < IDX.length; r++) {
                assertEquals(shifted[r][1], got[r * 3 + 1], TOL, "task 1 runs the shifted network");
                assertEquals(plain[r][0], got[r * 3], TOL, "task 0 is untouched");
                assertEquals(plain[r][2], got[r * 3 + 2], TOL, "task 2 is untouched");
            }
            assertTrue(Math.abs(shifted[0][1] - plain[0][1]) > 1e-3, "the shift must matter");
        }
    }

    @Test
    void residualAddsTheFirstHiddenActivationToTheLast() {
        TowerNet net = TowerNet.builder().setMode(TaskMode.MT).setHiddenUnits(4).optBits(3).optEmbeddingWidth(2)
                .optResidual(true).build();
        float[] flat = flatWithLiveBatchNorm(net, 5);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] got = logits(net, flat, m);
            double[][] x = TowerReference.embed(net.layout(), flat, IDX);
            double[][] ref = TowerReference.logits(net.layout(), flat, 0, x, zeros(3), zeros(3), true);
            double[][] plain = TowerReference.logits(net.layout(), flat, 0, x, zeros(3), zeros(3), false);
            for (int r = 0; r < IDX.length; r++) {
                for (int k = 0; k < 3; k++) {
                    assertEquals(ref[r][k], got[r * 3 + k], TOL);
                }
            }
            assertTrue(Math.abs(ref[0][0] - plain[0][0]) > 1e-3, "the residual must matter");
        }
    }

    @Test
    void builderNamesWhatIsMissingOrNotAllowed() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> TowerNet.builder().setMode(TaskMode.MT).build()).getMessage().contains("hidden units"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> TowerNet.builder().setHiddenUnits(8).build()).getMessage().contains("mode"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> TowerNet.builder().setMode(TaskMode.ST).setHiddenUnits(8).optTaskFilter(true).build())
                .getMessage().contains("mt variants"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> TowerNet.builder().setMode(TaskMode.MT).setHiddenUnits(8).optLayers(2).optResidual(true).build())
                .getMessage().contains("layers >= 3"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> TowerNet.builder().setMode(TaskMode.MT).setHiddenUnits(0).build()).getMessage().contains("0"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> TowerNet.builder().setMode(TaskMode.MT).setHiddenUnits(8).optLayers(1).build())
                .getMessage().contains("layers must be >= 2"));
    }

    @Test
    void initialWeightsFollowPyTorchDefaults() {
        TowerNet net = TowerNet.builder().setMode(TaskMode.ST).setHiddenUnits(64).build();
        TowerLayout layout = net.layout();
        float[] flat = net.initialFlat(0);
        double bound = 1 / Math.sqrt(64);
        int from = (int) layout.offset("weight1");
        double maxAbs = 0;
        for (int i = 0; i < layout.shape("weight1").size(); i++) {
            maxAbs = Math.max(maxAbs, Math.abs(flat[from + i]));
        }
        assertTrue(maxAbs <= bound && maxAbs > 0.95 * bound, "weight1 within U(-1/8, 1/8): max " + maxAbs);
        double sq = 0;
        int n = (int) layout.shape("embedding").size();
        for (int i = 0; i < n; i++) {
            sq += flat[i] * flat[i];
        }
        assertEquals(1.0, sq / n, 0.05, "embedding ~ N(0, 1)");
        assertEquals(1f, flat[(int) layout.offset("gamma0")]);
        assertEquals(0f, flat[(int) layout.offset("beta0")]);
    }
}

package lab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import lab.data.BitCodes;
import lab.model.TaskMode;
import lab.model.TowerLayout;
import lab.model.TowerNet;
import org.junit.jupiter.api.Test;

class HandGradientsTest {

    private static final long[] IDX = {5, 0, 7, 2, 3};

    private static void assertSameGradients(TowerNet net) {
        TowerLayout layout = net.layout();
        float[] start = net.initialFlat(11);
        SplittableRandom rng = new SplittableRandom(5);
        for (String name : layout.names()) {
            if (name.startsWith("gamma") || name.startsWith("beta")) {
                for (int i = 0; i < layout.shape(name).size(); i++) {
                    start[(int) layout.offset(name) + i] = (float) rng.nextDouble(-1, 1.5);
                }
            }
        }
        BitCodes codes = BitCodes.generate(3, 11);
        try (NDManager m = NDManager.newBaseManager(); NDScope scope = new NDScope()) {
            NDArray flat = m.create(start);
            net.bindTo(flat);
            NDArray targets = m.create(codes.targets().values(), new Shape(8, 3));
            NDArray idx = m.create(IDX);
            // when
            int d = net.spec().embeddingWidth();
            long[] rows = new long[IDX.length * d];
            float[] bits = new float[IDX.length * 3];
            float[] table = codes.targets().values();
            for (int i = 0; i < IDX.length; i++) {
                java.util.Arrays.fill(rows, i * d, (i + 1) * d, IDX[i]);
                System.arraycopy(table, (int) IDX[i] * 3, bits, i * 3, 3);
            }
            NDList hand = new HandGradients(net, net.params(), m).lossAndGradient(
                    m.create(rows, new Shape(IDX.length, d)), HandGradients.towerTargets(m, bits, IDX.length, net.spec()));
            NDList auto = AutogradGradients.lossAndGradient(layout, flat, idx, targets, null);
            // then
            assertEquals(auto.get(0).getFloat(), hand.get(0).getFloat(), 1e-6, "loss");
            float[] h = hand.get(1).toFloatArray();
            float[] a = auto.get(1).toFloatArray();
            assertEquals(layout.size(), h.length);
            double scale = 0;
            for (float v : a) {
                scale = Math.max(scale, Math.abs(v));
            }
            assertTrue(scale > 1e-3, "gradients must not all vanish");
            for (String name : layout.names()) {
                int from = (int) layout.offset(name);
                for (int i = 0; i < layout.shape(name).size(); i++) {
                    double tol = 1e-6 + 1e-4 * Math.abs(a[from + i]);
                    assertEquals(a[from + i], h[from + i], tol, name + "[" + i + "] of " + net.spec().describe());
                }
            }
        }
    }

    @Test
    void handBackwardEqualsAutogradForStackedSingleTaskTowers() {
        assertSameGradients(TowerNet.builder().setMode(TaskMode.ST).setHiddenUnits(4).optBits(3).optEmbeddingWidth(2).build());
    }

    @Test
    void handBackwardEqualsAutogradForTheMultiTaskTower() {
        assertSameGradients(TowerNet.builder().setMode(TaskMode.MT).setHiddenUnits(4).optBits(3).optEmbeddingWidth(2).build());
    }

    @Test
    void handBackwardEqualsAutogradForTwoAndFourLayers() {
        assertSameGradients(TowerNet.builder().setMode(TaskMode.ST).setHiddenUnits(3).optBits(3).optEmbeddingWidth(2)
                .optLayers(2).build());
        assertSameGradients(TowerNet.builder().setMode(TaskMode.MT).setHiddenUnits(3).optBits(3).optEmbeddingWidth(2)
                .optLayers(4).build());
    }

    @Test
    void variantsAreRefusedBecauseTheyTrainThroughAutograd() {
        TowerNet net = TowerNet.builder().setMode(TaskMode.MT).setHiddenUnits(4).optResidual(true).build();
        try (NDManager m = NDManager.newBaseManager()) {
            assertThrows(IllegalArgumentException.class, () -> new HandGradients(net, null, m));
        }
    }
}

package lab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.SplittableRandom;
import lab.data.BitCodes;
import lab.model.TaskMode;
import lab.model.TowerLayout;
import lab.model.TowerNet;
import org.junit.jupiter.api.Test;

class HandGradientsTest {

    private static final long[] IDX = {5, 0, 7, 2, 3};

    private static void assertSameGradients(TowerNet net) {
        assertSameGradients(net, 0f);
    }

    /** Checks one step's loss and gradient against autograd; with {@code drop} > 0, under a loss-drop mask. */
    private static void assertSameGradients(TowerNet net, float drop) {
        TowerLayout layout = net.layout();
        float[] start = net.initialFlat(11);
        SplittableRandom rng = new SplittableRandom(5);
        for (String name : layout.names()) {
            if (name.startsWith("gamma") || name.startsWith("beta") || name.startsWith("filter")) {
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
            NDArray mask = drop > 0f
                    ? lab.model.TowerPass.dropMask(m, IDX.length, 3, drop, new SplittableRandom(3)) : null;
            NDList hand = new HandGradients(net, net.params(), m).lossAndGradient(m.create(rows,
                    new Shape(IDX.length, d)), HandGradients.towerTargets(m, bits, IDX.length, net.spec()), mask);
            NDList auto = AutogradGradients.lossAndGradient(layout, flat, idx, targets, mask);
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
    void handAndAutogradTrainTheVariantsAlikeOverManySteps() {
        // given: each variant, trained 30 SGD steps by the hand backward and by autograd from the same start
        // (one step at a time cannot see a weight the hand path failed to update; 30 steps can)
        for (java.util.function.Supplier<TowerNet> variant : List.<java.util.function.Supplier<TowerNet>>of(
                () -> TowerNet.builder().setMode(TaskMode.MT).setHiddenUnits(8).optTaskFilter(true).build(),
                () -> TowerNet.builder().setMode(TaskMode.MT).setHiddenUnits(8).optResidual(true).build(),
                () -> TowerNet.builder().setMode(TaskMode.MT).setHiddenUnits(8).optLossDrop(0.1f).build())) {
            // when
            float[] hand = trained(variant.get(), true);
            TowerNet net = variant.get();
            float[] auto = trained(net, false);
            // then: the parameters moved, and alike
            float[] start = net.initialFlat(4);
            double moved = 0;
            double diff = 0;
            for (int i = 0; i < hand.length; i++) {
                moved = Math.max(moved, Math.abs(auto[i] - start[i]));
                diff = Math.max(diff, Math.abs(auto[i] - hand[i]));
            }
            assertTrue(moved > 1e-2, net.spec().describe() + " moved " + moved);
            assertTrue(diff < 1e-4, net.spec().describe() + ": hand and autograd differ by " + diff);
        }
    }

    /** Returns the flat parameters after 30 SGD steps (lr 0.5) on batches of 256, by hand or by autograd. */
    private static float[] trained(TowerNet net, boolean byHand) {
        TowerNet.Spec spec = net.spec();
        BitCodes codes = BitCodes.generate(spec.bits(), 4);
        int batch = 256;
        int d = spec.embeddingWidth();
        float[] table = codes.targets().values();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray flat = m.create(net.initialFlat(4));
            net.bindTo(flat);
            NDArray targets = m.create(table, new Shape(1 << spec.bits(), spec.bits()));
            try (HandGradients hand = new HandGradients(net, net.params(), m)) {
                for (int k = 0; k < 30; k++) {
                    int[] order = SweepTrainer.shuffle(1 << spec.bits(), 4, k + 1);
                    long[] idx = new long[batch];
                    long[] rows = new long[batch * d];
                    float[] bits = new float[batch * spec.bits()];
                    for (int i = 0; i < batch; i++) {
                        idx[i] = order[i];
                        java.util.Arrays.fill(rows, i * d, (i + 1) * d, order[i]);
                        System.arraycopy(table, order[i] * spec.bits(), bits, i * spec.bits(), spec.bits());
                    }
                    try (NDScope scope = new NDScope()) {
                        NDArray mask = spec.lossDrop() > 0f ? lab.model.TowerPass.dropMask(m, batch, spec.bits(),
                                spec.lossDrop(), new SplittableRandom(k)) : null;
                        NDList lg = byHand
                                ? hand.lossAndGradient(m.create(rows, new Shape(batch, d)),
                                        HandGradients.towerTargets(m, bits, batch, spec), mask)
                                : AutogradGradients.lossAndGradient(net.layout(), flat, m.create(idx), targets, mask);
                        flat.subi(lg.get(1).mul(0.5f));
                    }
                }
            }
            return flat.toFloatArray();
        }
    }

    /** Returns {loss, gradient} of one step of {@code net} at its initial weights on a shuffled batch of 512. */
    private static float[][] step(int threads) {
        return step(threads, 128);
    }

    private static float[][] step(int threads, int width) {
        TowerNet net = TowerNet.builder().setMode(TaskMode.ST).setHiddenUnits(width).optBits(10).optEmbeddingWidth(16)
                .build();
        TowerNet.Spec spec = net.spec();
        BitCodes codes = BitCodes.generate(spec.bits(), 3);
        int batch = 512;
        int[] order = SweepTrainer.shuffle(1 << spec.bits(), 3, 1);
        int d = spec.embeddingWidth();
        long[] rows = new long[batch * d];
        float[] bits = new float[batch * spec.bits()];
        float[] table = codes.targets().values();
        for (int i = 0; i < batch; i++) {
            java.util.Arrays.fill(rows, i * d, (i + 1) * d, order[i]);
            System.arraycopy(table, order[i] * spec.bits(), bits, i * spec.bits(), spec.bits());
        }
        try (NDManager m = NDManager.newBaseManager(); NDScope scope = new NDScope()) {
            net.bindTo(m.create(net.initialFlat(9)));
            try (HandGradients hand = new HandGradients(net, net.params(), m, threads)) {
                NDList lg = hand.lossAndGradient(m.create(rows, new Shape(batch, d)),
                        HandGradients.towerTargets(m, bits, batch, spec));
                return new float[][] {{lg.get(0).getFloat()}, lg.get(1).toFloatArray()};
            }
        }
    }

    @Test
    void towerGroupsOnSeveralThreadsGiveTheSameNumbersBitForBit() {
        // given: the sweep's st network at width 128 (10 towers), as the benchmark trains it (see step)
        // when: one thread (one group), two groups of 5 towers, three uneven groups (3, 3, 4)
        float[][] one = step(1);
        float[][] two = step(2);
        float[][] three = step(3);
        // then
        assertTrue(one[0][0] > 0.1f, "loss " + one[0][0]);
        assertEquals(one[0][0], two[0][0], 0f, "loss with two groups");
        assertEquals(one[0][0], three[0][0], 0f, "loss with three groups");
        TowerLayout layout = TowerNet.builder().setMode(TaskMode.ST).setHiddenUnits(128).optBits(10)
                .optEmbeddingWidth(16).build().layout();
        for (float[] other : new float[][] {two[1], three[1]}) {
            for (String name : layout.names()) {
                int from = (int) layout.offset(name);
                for (int i = 0; i < layout.shape(name).size(); i++) {
                    assertEquals(one[1][from + i], other[from + i], 0f, name + "[" + i + "]");
                }
            }
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"1, 2", "2, 2", "4, 2", "4, 3", "8, 2", "8, 3", "16, 2", "16, 3",
        "32, 2", "64, 2", "128, 3"})
    void towerGroupsGiveTheSameNumbersBitForBitAtEveryWidth(int width, int threads) {
        // given: the sweep's st network (10 towers); when: 40 SGD steps on one thread and on several
        float[][] one = steps(1, width, 40);
        float[][] two = steps(threads, width, 40);
        // then: every parameter after every step has the same bits
        for (int k = 0; k < one.length; k++) {
            if (!java.util.Arrays.equals(one[k], two[k])) {
                int i = 0;
                while (one[k][i] == two[k][i]) {
                    i++;
                }
                org.junit.jupiter.api.Assertions.fail("step " + k + " differs first at [" + i + "]: " + one[k][i]
                        + " vs " + two[k][i]);
            }
        }
    }

    /** Returns the flat parameters after each of {@code n} SGD steps (lr 0.5) on batches of 512. */
    private static float[][] steps(int threads, int width, int n) {
        TowerNet net = TowerNet.builder().setMode(TaskMode.ST).setHiddenUnits(width).optBits(10).optEmbeddingWidth(16)
                .build();
        TowerNet.Spec spec = net.spec();
        BitCodes codes = BitCodes.generate(spec.bits(), 3);
        int batch = 512;
        int d = spec.embeddingWidth();
        float[] table = codes.targets().values();
        float[][] out = new float[n][];
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray flat = m.create(net.initialFlat(9));
            net.bindTo(flat);
            try (HandGradients hand = new HandGradients(net, net.params(), m, threads)) {
                for (int k = 0; k < n; k++) {
                    int[] order = SweepTrainer.shuffle(1 << spec.bits(), 3, k + 1);
                    long[] rows = new long[batch * d];
                    float[] bits = new float[batch * spec.bits()];
                    for (int i = 0; i < batch; i++) {
                        java.util.Arrays.fill(rows, i * d, (i + 1) * d, order[i]);
                        System.arraycopy(table, order[i] * spec.bits(), bits, i * spec.bits(), spec.bits());
                    }
                    try (NDScope scope = new NDScope()) {
                        NDList lg = hand.lossAndGradient(m.create(rows, new Shape(batch, d)),
                                HandGradients.towerTargets(m, bits, batch, spec));
                        flat.subi(lg.get(1).mul(0.5f));
                    }
                    out[k] = flat.toFloatArray();
                }
            }
        }
        return out;
    }

    @Test
    void handBackwardEqualsAutogradForTheNotesMultiTaskVariants() {
        for (int layers : new int[] {2, 3, 4}) {
            assertSameGradients(TowerNet.builder().setMode(TaskMode.MT).setHiddenUnits(4).optBits(3)
                    .optEmbeddingWidth(2).optLayers(layers).optLossDrop(0.3f).build(), 0.3f);
            if (layers >= 3) { // a residual joins two different hidden layers
                assertSameGradients(TowerNet.builder().setMode(TaskMode.MT).setHiddenUnits(4).optBits(3)
                        .optEmbeddingWidth(2).optLayers(layers).optResidual(true).build());
            }
            assertSameGradients(TowerNet.builder().setMode(TaskMode.MT).setHiddenUnits(4).optBits(3)
                    .optEmbeddingWidth(2).optLayers(layers).optTaskFilter(true).build());
        }
        // all three at once, as the note's script allows
        assertSameGradients(TowerNet.builder().setMode(TaskMode.MT).setHiddenUnits(4).optBits(3).optEmbeddingWidth(2)
                .optLossDrop(0.3f).optResidual(true).optTaskFilter(true).build(), 0.3f);
    }
}

package lab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lab.data.BitCodes;
import lab.loop.Progress;
import lab.model.TaskMode;
import lab.model.TowerNet;
import org.junit.jupiter.api.Test;

class SweepTrainerTest {

    /** Keeps every checkpoint offered; optionally hands one back on load. */
    private static final class Recorder implements SweepCheckpoints {
        final List<SweepCheckpoint> saved = new ArrayList<>();
        SweepCheckpoint toLoad;

        @Override
        public Optional<SweepCheckpoint> load(SweepSettings settings) {
            return Optional.ofNullable(toLoad);
        }

        @Override
        public void save(SweepCheckpoint checkpoint) {
            saved.add(checkpoint);
        }

        @Override
        public Duration interval() {
            return Duration.ZERO;
        }
    }

    /** A tiny run: 4 indices (2 bits), embedding 2, width 2, two layers, one full batch per epoch. */
    private static SweepSettings tiny() {
        return SweepSettings.faithful(TaskMode.ST, 2).withBatch(4).withBits(2).withEmbeddingWidth(2).withLayers(2)
                .withOptimizer(SweepOptimizer.SGD, 0.1f).withEpochs(4).withSeed(3);
    }

    @Test
    void faithfulFirstThreeUpdatesAccumulateAutogradGradientsAsPyTorchWould() {
        // given
        SweepSettings s = tiny();
        Recorder rec = new Recorder();
        // when
        SweepTrainer.run(s, Progress.silent(), rec);
        // then: redo the three steps by hand from autograd gradients
        TowerNet net = TowerNet.builder().setMode(TaskMode.ST).setHiddenUnits(2).optBits(2).optEmbeddingWidth(2)
                .optLayers(2).build();
        double[] p = toDouble(net.initialFlat(3));
        double[] sum = new double[p.length];
        double[] buf = new double[p.length];
        BitCodes codes = BitCodes.generate(2, 3);
        try (NDManager m = NDManager.newBaseManager(); NDScope scope = new NDScope()) {
            NDArray targets = m.create(codes.targets().values(), new Shape(4, 2));
            for (int k = 1; k <= 3; k++) {
                int[] order = SweepTrainer.shuffle(4, 3, k);
                long[] idx = {order[0], order[1], order[2], order[3]};
                NDList lg = AutogradGradients.lossAndGradient(net.layout(), m.create(toFloat(p)), m.create(idx),
                        targets, null);
                float[] g = lg.get(1).toFloatArray();
                for (int i = 0; i < p.length; i++) {
                    sum[i] += g[i];
                    buf[i] = 0.9 * buf[i] + sum[i];
                    p[i] -= 0.1 * buf[i];
                }
                assertArrayEquals(toFloat(p), rec.saved.get(k - 1).params(), 1e-5f, "after update " + k);
            }
        }
        assertEquals(3, rec.saved.get(2).epochsDone());
    }

    @Test
    void sameSettingsGiveIdenticalNumbers() {
        SweepSettings s = SweepSettings.quick().withEpochs(20);
        SweepResult a = SweepTrainer.run(s);
        SweepResult b = SweepTrainer.run(s);
        assertArrayEquals(a.curve(), b.curve());
        assertEquals(a.bestLoss(), b.bestLoss());
        assertEquals(a.bestEpoch(), b.bestEpoch());
    }

    @Test
    void aRunWhoseThreadsChangeBetweenStepsGivesTheNumbersOfOneThread() {
        // given: an st run that goes from 1 to 2 to 3 threads and back, step by step (as a sweep's last run
        // takes the cores other runs free)
        SweepSettings s = SweepSettings.corrected(TaskMode.ST, 16).withEpochs(8);
        int[] step = {0};
        // when
        SweepResult one = SweepTrainer.run(s, Progress.silent(), SweepCheckpoints.none(), 1);
        SweepResult changing = SweepTrainer.run(s, Progress.silent(), SweepCheckpoints.none(),
                () -> 1 + (step[0]++ % 3));
        // then
        assertTrue(step[0] >= 16, "asked at every step: " + step[0]);
        assertArrayEquals(one.curve(), changing.curve());
        assertEquals(one.bestLoss(), changing.bestLoss());
        assertEquals(one.bestEpoch(), changing.bestEpoch());
    }

    @Test
    void towersOnTwoThreadsGiveTheNumbersOfOneThread() {
        // given: an st run whose 10 towers split into two groups of 5
        SweepSettings s = SweepSettings.faithful(TaskMode.ST, 32).withEpochs(6);
        // when
        SweepResult one = SweepTrainer.run(s, Progress.silent(), SweepCheckpoints.none(), 1);
        SweepResult two = SweepTrainer.run(s, Progress.silent(), SweepCheckpoints.none(), 2);
        // then
        assertArrayEquals(one.curve(), two.curve());
        assertEquals(one.bestLoss(), two.bestLoss());
    }

    @Test
    void aRunResumedFromACheckpointEndsExactlyAsAnUninterruptedOne() {
        for (SweepSetting setting : SweepSetting.values()) {
            SweepSettings s = SweepSettings.of(setting, TaskMode.ST, 4).withEpochs(8);
            Recorder rec = new Recorder();
            SweepResult whole = SweepTrainer.run(s, Progress.silent(), rec);
            Recorder resume = new Recorder();
            resume.toLoad = rec.saved.get(2); // killed after epoch 3
            SweepResult resumed = SweepTrainer.run(s, Progress.silent(), resume);
            assertArrayEquals(whole.curve(), resumed.curve(), setting.label());
            assertEquals(whole.bestLoss(), resumed.bestLoss());
            assertEquals(whole.bestEpoch(), resumed.bestEpoch());
        }
    }

    @Test
    void aShortCorrectedRunLowersTheLossAndReportsItsBestEpoch() {
        SweepSettings s = SweepSettings.corrected(TaskMode.MT, 8).withEpochs(60);
        SweepResult r = SweepTrainer.run(s);
        float[] c = r.curve();
        assertTrue(c[59] < c[0] - 0.05, "loss " + c[0] + " -> " + c[59]);
        assertTrue(r.bestLoss() <= c[r.bestEpoch() - 1] + 1e-6, "best is a batch of its epoch");
        assertTrue(r.bestEpoch() >= 1 && r.bestEpoch() <= 60);
    }

    @Test
    void mtVariantsTrainThroughAutograd() {
        SweepSettings s = SweepSettings.faithful(TaskMode.MT, 4).withEpochs(3).withVariants(0.1f, true, true);
        SweepResult r = SweepTrainer.run(s);
        assertEquals(3, r.curve().length);
        assertTrue(Float.isFinite(r.bestLoss()));
    }

    @Test
    void badSettingsAreRefusedNamingTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SweepSettings.faithful(TaskMode.ST, 0)).getMessage().contains("width must be"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SweepSettings.faithful(TaskMode.ST, 1 << 15)).getMessage().contains("32768"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SweepSettings.faithful(TaskMode.ST, 8).withEpochs(0)).getMessage().contains("epochs"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SweepSettings.faithful(TaskMode.ST, 8).withBatch(2000)).getMessage().contains("2000"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SweepSetting.parse("sloppy")).getMessage().contains("sloppy"));
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}

package lab.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingLoopTest {

    /** A step of two batches an epoch whose loss is epoch + batch/10, recording the calls it gets. */
    private static final class Recorded implements TrainingStep {
        final List<String> calls = new ArrayList<>();

        @Override
        public int beginEpoch(int epoch) {
            calls.add("begin " + epoch);
            return 2;
        }

        @Override
        public Losses batch(int epoch, int batch) {
            calls.add("batch " + epoch + "." + batch);
            return new Losses(new float[] {epoch + batch / 10f}, new float[] {-epoch});
        }

        @Override
        public void endEpoch(int epoch) {
            calls.add("end " + epoch);
        }
    }

    private static TrainingListener recorder(List<String> calls) {
        return new TrainingListener() {
            @Override
            public void onTrainingStart(int first, int last) {
                calls.add("start " + first + ".." + last);
            }

            @Override
            public void onEpochStart(int epoch) {
                calls.add("epoch " + epoch);
            }

            @Override
            public void onBatchEnd(int epoch, int batch, Losses losses) {
                calls.add("heard " + losses.training()[0]);
            }

            @Override
            public void onEpochEnd(int epoch) {
                calls.add("epoch done " + epoch);
            }

            @Override
            public void onTrainingEnd() {
                calls.add("done");
            }
        };
    }

    @Test
    void listenersHearEveryEventInOrderAroundTheStep() {
        // given
        Recorded step = new Recorded();
        // when: a resumed run, epochs 2..3
        TrainingLoop.fit(step, 2, 3, List.of(recorder(step.calls)));
        // then
        assertEquals(List.of("start 2..3", "epoch 2", "begin 2", "batch 2.0", "heard 2.0", "batch 2.1", "heard 2.1",
                "end 2", "epoch done 2", "epoch 3", "begin 3", "batch 3.0", "heard 3.0", "batch 3.1", "heard 3.1",
                "end 3", "epoch done 3", "done"), step.calls);
    }

    @Test
    void aListenerThatThrowsEndsTrainingAndTheEpochIsStillReleased() {
        // given: a guard that fails at the first loss above 2.05
        Recorded step = new Recorded();
        TrainingListener guard = new TrainingListener() {
            @Override
            public void onBatchEnd(int epoch, int batch, Losses losses) {
                if (losses.training()[0] > 2.05f) {
                    throw new IllegalStateException("diverged");
                }
            }
        };
        // when
        assertThrows(IllegalStateException.class, () -> TrainingLoop.fit(step, 1, 5, List.of(guard)));
        // then
        assertEquals("end 2", step.calls.get(step.calls.size() - 1));
        assertEquals("batch 2.1", step.calls.get(step.calls.size() - 2));
    }

    @Test
    void lossHistoryKeepsTheBatchMeanAndTheLastValidationLossOfEachEpoch() {
        // given
        LossHistory history = new LossHistory(1, 3);
        BestLoss best = new BestLoss();
        // when
        TrainingLoop.fit(new Recorded(), 1, 3, List.of(history, best));
        // then: batches 1.0 and 1.1 average to 1.05
        assertArrayEquals(new float[] {(float) ((1f + 1.1f) / 2.0), (float) ((2f + 2.1f) / 2.0),
                (float) ((3f + 3.1f) / 2.0)}, history.training(0));
        assertArrayEquals(new float[] {-1, -2, -3}, history.validation(0));
        assertEquals(1f, best.loss());
        assertEquals(1, best.epoch());
    }

    @Test
    void divergenceCheckNamesTheModelTheEpochAndTheValue() {
        // given: the second model's validation loss is NaN
        DivergenceCheck check = new DivergenceCheck(m -> "the model of seed " + (m + 7));
        Losses losses = new Losses(new float[] {0.1f, 0.2f}, new float[] {0.3f, Float.NaN});
        // when
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> check.onBatchEnd(4, 0, losses));
        // then
        assertEquals(4, e.epoch());
        assertTrue(e.getMessage().startsWith("validation loss of the model of seed 8 is NaN at epoch 4"),
                e.getMessage());
    }

    @Test
    void progressListenerReportsTheFirstAndTheLastEpochInModelEpochs() {
        // given: three models trained together
        List<long[]> reports = new ArrayList<>();
        ProgressListener listener = new ProgressListener((done, total, note) -> reports.add(new long[] {done, total}),
                3, epoch -> "epoch " + epoch);
        // when
        TrainingLoop.fit(new Recorded(), 1, 4, List.of(listener));
        // then
        assertArrayEquals(new long[] {3, 12}, reports.get(0));
        assertArrayEquals(new long[] {12, 12}, reports.get(reports.size() - 1));
    }

    @Test
    void checkpointListenerSavesAfterEachEpochButTheLastWhenItsIntervalIsZero() {
        // given
        List<Integer> saved = new ArrayList<>();
        // when
        TrainingLoop.fit(new Recorded(), 1, 3, List.of(new CheckpointListener(java.time.Duration.ZERO, saved::add)));
        // then
        assertEquals(List.of(1, 2), saved);
    }
}

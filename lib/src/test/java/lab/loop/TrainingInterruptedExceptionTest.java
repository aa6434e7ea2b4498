package lab.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import lab.train.EnsembleSettings;
import lab.train.EnsembleTrainer;
import lab.train.MultiMultSettings;
import lab.train.MultiMultTrainer;
import org.junit.jupiter.api.Test;

class TrainingInterruptedExceptionTest {

    @Test
    void checkReturnsWhenTheThreadWasNotInterrupted() {
        TrainingInterruptedException.checkAt(5);
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void checkOnAnInterruptedThreadThrowsOneLineNamingTheEpochAndClearsTheFlag() {
        // given
        Thread.currentThread().interrupt();
        // when
        TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
                () -> TrainingInterruptedException.checkAt(812));
        // then: the message is the whole story, no trace for the notebook to print, and the next cell is not hit
        assertEquals("interrupted at epoch 812; the finished models are stored", e.getMessage());
        assertEquals(812, e.epoch());
        assertEquals(0, e.getStackTrace().length);
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void multiMultTrainingStopsAtTheEpochAfterTheInterrupt() throws Exception {
        // given: a run whose own thread is interrupted when its first epoch is reported (as Kernel > Interrupt does)
        MultiMultSettings settings = new MultiMultSettings(400, 1e-2, 500, 0.8, 1);
        Progress interruptAtFirst = (done, total, note) -> {
            if (done == 1) {
                Thread.currentThread().interrupt();
            }
        };
        // when
        TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
                () -> MultiMultTrainer.train(settings, interruptAtFirst));
        // then
        assertEquals(2, e.epoch());
        assertEquals("interrupted at epoch 2; this run had not finished, so nothing is stored", e.getMessage());
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void ensembleTrainingInterruptedInItsSecondChunkKeepsTheFirstAndStopsTheWorker() throws Exception {
        // given: two chunks on one worker; the caller is interrupted once the second chunk reports progress
        EnsembleSettings settings = EnsembleSettings.quick().withSamples(100).withEpochs(1_000);
        List<Long> finished = new ArrayList<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread[] caller = new Thread[1];
        Progress interruptInSecondChunk = (done, total, note) -> {
            if (note.startsWith("seeds 2..")) {
                caller[0].interrupt();
            }
        };
        caller[0] = new Thread(() -> {
            try {
                EnsembleTrainer.train(settings, List.of(new long[] {1}, new long[] {2}), 1,
                        members -> members.forEach(m -> finished.add(m.seed())), interruptInSecondChunk);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        // when
        caller[0].start();
        caller[0].join(300_000);
        // then: the first model was handed over for storing, the second stopped part-way with one clear line
        assertFalse(caller[0].isAlive(), "training did not stop within 300 s");
        TrainingInterruptedException e = assertInstanceOfInterrupt(thrown.get());
        assertEquals(List.of(1L), finished);
        assertTrue(e.epoch() > 1 && e.epoch() < 1_000, "stopped at epoch " + e.epoch());
        assertEquals("interrupted at epoch " + e.epoch() + "; the finished models are stored", e.getMessage());
    }

    private static TrainingInterruptedException assertInstanceOfInterrupt(Throwable t) {
        assertTrue(t instanceof TrainingInterruptedException, "expected TrainingInterruptedException, got " + t);
        return (TrainingInterruptedException) t;
    }
}

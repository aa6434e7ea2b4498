package lab.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import lab.loop.Progress;
import lab.store.ResultStore;
import lab.train.MultiMultResult;
import lab.train.MultiMultSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiMultRunTest {

    private static final MultiMultSettings SHORT = new MultiMultSettings(20, 1e-2, 300, 0.8, 4);

    @Test
    void secondCallLoadsTheStoredRunInsteadOfTraining(@TempDir Path dir) {
        ResultStore store = ResultStore.open(dir, MultiMultRun.storeSettings(SHORT));
        AtomicLong reports = new AtomicLong();

        MultiMultResult trained = MultiMultRun.trainOrLoad(SHORT, store, (d, t, n) -> reports.incrementAndGet());
        long afterTraining = reports.get();
        MultiMultResult loaded = MultiMultRun.trainOrLoad(SHORT, store, (d, t, n) -> reports.incrementAndGet());

        assertTrue(afterTraining > 0);
        assertEquals(afterTraining, reports.get(), "the second call trained again");
        assertArrayEquals(trained.trainLoss(), loaded.trainLoss(), 0f);
        assertArrayEquals(trained.validationLoss(), loaded.validationLoss(), 0f);
        assertArrayEquals(trained.w2(), loaded.w2(), 0f);
        assertArrayEquals(trained.weights().get(0).bias(), loaded.weights().get(0).bias(), 0f);
        assertEquals(16, loaded.hiddenUnits());
    }

    @Test
    void eachSeedIsItsOwnEntryInOneStore(@TempDir Path dir) {
        ResultStore store = ResultStore.open(dir, MultiMultRun.storeSettings(SHORT));

        MultiMultRun.trainOrLoad(SHORT, store, Progress.silent());
        MultiMultRun.trainOrLoad(SHORT.withSeed(5), store, Progress.silent());

        assertEquals(List.of("seed-4", "seed-5"), store.keys());
    }

    @Test
    void storeMadeWithOtherEpochsIsRefused(@TempDir Path dir) {
        ResultStore.open(dir, MultiMultRun.storeSettings(SHORT)).put("seed-0", lab.store.Entry.builder()
                .putValue("seed", 0).build());

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ResultStore.open(dir, MultiMultRun.storeSettings(SHORT.withEpochs(21))));

        assertTrue(e.getMessage().contains("epochs"), e.getMessage());
    }
}

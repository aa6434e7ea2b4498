package lab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import lab.loop.Progress;
import lab.model.TaskMode;
import lab.store.ResultStore;
import lab.train.EnsembleMember;
import lab.train.EnsembleSettings;
import lab.train.EnsembleTrainer;
import lab.train.MultiMultResult;
import lab.train.MultiMultSettings;
import lab.train.MultiMultTrainer;
import lab.train.SweepSetting;
import lab.train.SweepSettings;
import lab.train.SweepTrainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same settings, same stored bytes: for any worker count, on any thread, while other threads load every core.
 * The JVM running these tests has no {@code OMP_NUM_THREADS}, so the trainers' own pinning is what is tested.
 * Stored files are compared byte for byte, except the wall time ({@code seconds}) and the checksum list that
 * covers it.
 */
class DeterminismTest {

    @TempDir
    Path dir;

    private final AtomicBoolean busy = new AtomicBoolean(true);
    private final List<Thread> load = new ArrayList<>();

    @BeforeEach
    void loadEveryCore() {
        // a concurrent CPU load: one spinning thread per core, competing with the training threads
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            Thread t = new Thread(() -> {
                double x = 1;
                while (busy.get()) {
                    x = Math.sin(x) + 1;
                }
            }, "busy-" + i);
            t.setDaemon(true);
            t.start();
            load.add(t);
        }
    }

    @AfterEach
    void stopLoad() throws InterruptedException {
        busy.set(false);
        for (Thread t : load) {
            t.join();
        }
    }

    @Test
    void theSweepStoresTheSameBytesWithOneOrTwoWorkersUnderLoad() {
        // given: st and mt at two widths, both settings
        SweepGrid grid = new SweepGrid(List.of(8, 16), List.of(TaskMode.ST, TaskMode.MT),
                List.of(SweepSetting.FAITHFUL, SweepSetting.CORRECTED), List.of(0L), 20);
        // when: one worker, two workers twice, then on this thread (the one that started the engine)
        List<Map<String, String>> pooled = List.of(sweep(grid, "w1", 1), sweep(grid, "w2a", 2), sweep(grid, "w2b", 2));
        ResultStore here = ResultStore.open(dir.resolve("here"), grid.storeSettings());
        for (SweepSettings s : grid.runs()) {
            here.put(s.key(), SweepRunner.entry(SweepTrainer.run(s)));
        }
        Map<String, String> reference = storedBytes(here.directory().resolve("runs"));
        // then
        // values.csv, arrays.npz and checksums.sha256 of each of the 8 runs (only timing.* left out)
        assertEquals(2 * 2 * 2 * 3, reference.size(), reference.keySet().toString());
        for (Map<String, String> p : pooled) {
            assertEquals(reference, p);
        }
    }

    @Test
    void theEnsembleStoresTheSameBytesForAnyChunkAndThreadCountUnderLoad() {
        // given
        EnsembleSettings small = EnsembleSettings.quick().withEpochs(40).withSamples(300);
        // when: on this thread, then on worker threads in several groupings
        ResultStore here = ResultStore.open(dir.resolve("here"), EnsembleRun.guardedSettings(small));
        for (EnsembleMember m : EnsembleTrainer.trainChunk(small, new long[] {0, 1, 2, 3}, Progress.silent())) {
            here.put(EnsembleRun.key(m.seed()), EnsembleRun.toEntry(small, m));
        }
        Map<String, String> reference = storedBytes(here.directory().resolve("runs"));
        Map<String, String> serial = ensemble(small, "t1", new EnsembleRun.Options(4, 1, 1));
        Map<String, String> paired = ensemble(small, "t2", new EnsembleRun.Options(4, 2, 2));
        Map<String, String> spread = ensemble(small, "t4", new EnsembleRun.Options(4, 1, 2));
        // then
        assertEquals(4 * 3, serial.size());
        assertEquals(reference, serial);
        assertEquals(serial, paired);
        assertEquals(serial, spread);
    }

    @Test
    void aMultiMultRunGivesTheSameNumbersOnAFreshThreadUnderLoad() throws Exception {
        // given
        MultiMultSettings s = MultiMultSettings.quick().withEpochs(200).withSamples(500);
        MultiMultResult here = MultiMultTrainer.train(s, Progress.silent());
        // when: the same run on a thread made after the engine started (as a notebook cell or worker is)
        MultiMultResult[] there = new MultiMultResult[1];
        Thread t = new Thread(() -> there[0] = MultiMultTrainer.train(s, Progress.silent()));
        t.start();
        t.join();
        // then
        assertTrue(java.util.Arrays.equals(here.trainLoss(), there[0].trainLoss()));
        assertTrue(java.util.Arrays.equals(here.validationLoss(), there[0].validationLoss()));
        for (int l = 0; l < 2; l++) {
            assertTrue(java.util.Arrays.equals(here.weights().get(l).weight(), there[0].weights().get(l).weight()));
        }
    }

    private Map<String, String> sweep(SweepGrid grid, String name, int workers) {
        ResultStore store = ResultStore.open(dir.resolve(name), grid.storeSettings());
        SweepRunner.run(grid.runs(), store, workers, Duration.ofMinutes(3), Progress.silent());
        return storedBytes(store.directory().resolve("runs"));
    }

    private Map<String, String> ensemble(EnsembleSettings settings, String name, EnsembleRun.Options options) {
        ResultStore store = ResultStore.open(dir.resolve(name), EnsembleRun.guardedSettings(settings));
        EnsembleRun.run(store, settings, options, Progress.silent());
        return storedBytes(store.directory().resolve("runs"));
    }

    /** Returns each stored file (relative path) with the SHA-256 of its content; wall-clock timing left out. */
    static Map<String, String> storedBytes(Path runs) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(runs)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                if (name.equals("timing.csv") || name.equals("timing.sha256")) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(p);
                out.put(runs.relativize(p).toString(),
                        java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}

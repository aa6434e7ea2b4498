package lab.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every stored byte is covered by a checksum: a flipped bit anywhere in any file of an entry or a checkpoint, a
 * truncated file, a missing or an extra one, is found and named; results stored before checksums still read.
 */
class StoreDamageTest {

    @TempDir
    Path dir;

    private static final Map<String, String> SETTINGS = Map.of("epochs", "3");

    private static Entry entry() {
        return Entry.builder()
                .putValue("seed", 7)
                .putValue("best_loss", 0.125)
                .putArray("curve", new float[] {0.5f, 0.25f, 0.125f}, 3)
                .putArray("w", new float[] {1, 2, 3, 4}, 2, 2)
                .putTiming("seconds", 2.5)
                .build();
    }

    private static Entry checkpoint() {
        return Entry.builder()
                .putValue("epochs_done", 2)
                .putValue("seconds", 1.5)
                .putArray("params", new float[] {1, -2, 3}, 3)
                .build();
    }

    @Test
    void everyFlippedBitInEveryFileOfAnEntryIsFound() throws IOException {
        // given
        ResultStore store = ResultStore.open(dir, SETTINGS, Map.of("djl", "0.35.1"), Map.of());
        store.put("k", entry());
        Path folder = dir.resolve("runs/k");
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.sorted().toList();
        }
        assertEquals(List.of("arrays.npz", "checksums.sha256", "dependencies.csv", "timing.csv", "timing.sha256",
                "values.csv"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        int checked = 0;
        for (Path file : files) {
            byte[] original = Files.readAllBytes(file);
            for (int i = 0; i < original.length; i++) {
                // when: one bit of one byte flipped (each byte's bit i mod 8, so every bit position is tried)
                byte[] damaged = original.clone();
                damaged[i] ^= (byte) (1 << (i % 8));
                Files.write(file, damaged);
                // then
                assertTrue(store.damage("k").isPresent(), file.getFileName() + " byte " + i);
                checked++;
            }
            Files.write(file, original);
        }
        assertTrue(store.damage("k").isEmpty());
        assertTrue(checked > 500, "checked " + checked);
    }

    @Test
    void aTruncatedMissingOrExtraFileIsNamedWithThePath() throws IOException {
        // given
        ResultStore store = ResultStore.open(dir, SETTINGS);
        store.put("a", entry());
        store.put("b", entry());
        store.put("c", entry());
        // when
        Path npz = dir.resolve("runs/a/arrays.npz");
        Files.write(npz, java.util.Arrays.copyOf(Files.readAllBytes(npz), 40));
        Files.delete(dir.resolve("runs/b/values.csv"));
        Files.writeString(dir.resolve("runs/c/notes.txt"), "x");
        // then
        DamagedResultException e = assertThrows(DamagedResultException.class, () -> store.get("a"));
        assertTrue(e.getMessage().contains(dir.resolve("runs/a").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("arrays.npz does not match its checksum"), e.getMessage());
        assertTrue(e.getMessage().contains("rerun the same training command"), e.getMessage());
        assertEquals("values.csv is missing", store.damage("b").orElseThrow());
        assertEquals("notes.txt is not in checksums.sha256", store.damage("c").orElseThrow());
        assertEquals(3, ResultStore.verify(dir).size());
    }

    @Test
    void aDamagedEntryIsSetAsideAndReportedAbsentSoItIsTrainedAgain() throws IOException {
        // given
        ResultStore store = ResultStore.open(dir, SETTINGS);
        store.put("k", entry());
        Files.writeString(dir.resolve("runs/k/values.csv"), "name,value\nseed,8\n");
        List<String> notices = new ArrayList<>();
        store.onNotice(notices::add);
        // when
        boolean intact = store.hasIntact("k");
        // then
        assertFalse(intact);
        assertFalse(store.has("k"));
        assertEquals(1, notices.size());
        assertTrue(notices.get(0).contains("is damaged (values.csv does not match its checksum)"), notices.get(0));
        assertTrue(notices.get(0).contains("training it again"), notices.get(0));
        try (Stream<Path> s = Files.list(dir.resolve("damaged"))) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void everyFlippedBitOfACheckpointAndATruncationIsFound() throws IOException {
        // given
        ResultStore store = ResultStore.open(dir, SETTINGS);
        store.saveCheckpoint("k", checkpoint());
        Path file = dir.resolve("checkpoints/k.npz");
        byte[] original = Files.readAllBytes(file);
        List<String> notices = new ArrayList<>();
        store.onNotice(notices::add);
        for (int i = 0; i < original.length; i++) {
            // when
            byte[] damaged = original.clone();
            damaged[i] ^= 1;
            Files.write(file, damaged);
            // then
            assertEquals(1, ResultStore.verify(dir).size(), "byte " + i);
        }
        Files.write(file, java.util.Arrays.copyOf(original, original.length / 2));
        assertTrue(store.loadCheckpoint("k").isEmpty());
        assertTrue(notices.get(0).contains("checkpoint " + file + " is damaged"), notices.get(0));
        assertTrue(notices.get(0).contains("starting that run from its first epoch"), notices.get(0));
        assertFalse(Files.exists(file));
    }

    @Test
    void theSameArraysGiveTheSameFileBytes() throws IOException {
        // given two stores
        ResultStore a = ResultStore.open(dir.resolve("a"), SETTINGS);
        ResultStore b = ResultStore.open(dir.resolve("b"), SETTINGS);
        // when
        a.put("k", entry());
        b.put("k", entry());
        // then: no timestamps in the npz
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/runs/k/arrays.npz")),
                Files.readAllBytes(dir.resolve("b/runs/k/arrays.npz")));
    }

    @Test
    void entriesAndCheckpointsStoredBeforeChecksumsStillRead() throws IOException {
        // given: files as the store wrote them before (DJL's npz writer, no checksums, no dependencies)
        Path old = dir.resolve("old");
        Files.createDirectories(old.resolve("runs/seed-0001"));
        Files.createDirectories(old.resolve("checkpoints"));
        Files.writeString(old.resolve("settings.csv"), "setting,value\nepochs,3\n");
        Files.writeString(old.resolve("runs/seed-0001/values.csv"), "name,value\nseed,1\nbest_loss,0.25\n");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray curve = m.create(new float[] {0.5f, 0.25f, 0.3f}, new Shape(3));
            curve.setName("curve");
            try (OutputStream out = Files.newOutputStream(old.resolve("runs/seed-0001/arrays.npz"))) {
                new NDList(curve).encode(out, NDList.Encoding.NPZ);
            }
            NDArray done = m.create(2L);
            done.setName("epochs_done");
            NDArray params = m.create(new float[] {1, 2}, new Shape(2));
            params.setName("params");
            try (OutputStream out = Files.newOutputStream(old.resolve("checkpoints/seed-0001.npz"))) {
                new NDList(params, done).encode(out, NDList.Encoding.NPZ);
            }
        }
        // when
        ResultStore store = ResultStore.open(old, SETTINGS, Map.of("djl", "0.35.1"), Map.of());
        Entry e = store.get("seed-0001");
        Entry c = store.loadCheckpoint("seed-0001").orElseThrow();
        // then
        assertArrayEquals(new float[] {0.5f, 0.25f, 0.3f}, e.getArray("curve"));
        assertEquals(0.25, e.getDouble("best_loss"));
        assertEquals(2, c.getLong("epochs_done"));
        assertArrayEquals(new float[] {1, 2}, c.getArray("params"));
        assertEquals(List.of(old.resolve("runs/seed-0001")
                + ": unchecked (stored before checksums; it reads, but cannot be verified)"), ResultStore.verify(old));
    }

    @Test
    void openingWritesNothingUntilTheFirstResult() {
        // given
        Path fresh = dir.resolve("fresh/quick/002");
        // when
        ResultStore store = ResultStore.open(fresh, SETTINGS);
        // then
        assertFalse(Files.exists(dir.resolve("fresh")));
        store.put("k", entry());
        assertTrue(Files.exists(fresh.resolve("settings.csv")));
    }

    @Test
    void aStoreMadeWithOtherSoftwareIsRefusedNamingIt() {
        // given
        ResultStore.open(dir, SETTINGS, Map.of("djl", "0.30.0"), Map.of()).put("k", entry());
        // when
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ResultStore.open(dir, SETTINGS, Map.of("djl", "0.35.1"), Map.of()));
        // then
        assertTrue(e.getMessage().contains("djl: stored 0.30.0, asked 0.35.1"), e.getMessage());
    }

    @Test
    void aRewordedGuardStillOpensAStoreWithTheOldWords() {
        // given
        ResultStore.open(dir, Map.of("optimizer", "Adam (class DjlAdam)")).put("k", entry());
        // when
        ResultStore store = ResultStore.open(dir, Map.of("optimizer", "Adam as torch.optim.Adam"), Map.of(),
                Map.of("Adam (class DjlAdam)", "Adam as torch.optim.Adam"));
        // then
        assertTrue(store.has("k"));
    }
}

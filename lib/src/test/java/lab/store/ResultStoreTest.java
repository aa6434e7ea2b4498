package lab.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class ResultStoreTest {

    @TempDir
    Path dir;

    private static Map<String, String> settings(String epochs, String lr) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("epochs", epochs);
        s.put("lr", lr);
        s.put("widths", "[4, 16, 2]");
        return s;
    }

    /** Opens the store and stores a checkpoint (then deletes it): the directory exists with its settings. */
    private void created(Map<String, String> settings) {
        ResultStore store = ResultStore.open(dir, settings);
        store.saveCheckpoint("k", Entry.builder().putValue("epochs_done", 1).build());
        store.deleteCheckpoint("k");
    }

    private static Entry sample() {
        Table history = Table.create("history",
                IntColumn.create("epoch", 1, 2, 3),
                DoubleColumn.create("loss", 0.5, 0.25, 1.0 / 3.0));
        return Entry.builder()
                .putValue("seed", 123456789012345L)
                .putValue("validationLoss", 3.0e-4f)
                .putValue("note", "plain text, with a comma")
                .putArray("W2", new float[] {1, 2, 3, 4, 5, 6}, 2, 3)
                .putArray("b2", new float[] {-0.5f, 0.125f}, 2)
                .putTable("history", history)
                .build();
    }

    @Test
    void anEntryReadsBackExactlyAsItWasPut() {
        // given
        ResultStore store = ResultStore.open(dir, settings("4000", "0.01"));
        // when
        store.put("seed-7", sample());
        Entry back = ResultStore.open(dir, settings("4000", "0.01")).get("seed-7");
        // then
        assertEquals(123456789012345L, back.getLong("seed"));
        assertEquals(3.0e-4f, (float) back.getDouble("validationLoss"));
        assertEquals("plain text, with a comma", back.getString("note"));
        assertArrayEquals(new long[] {2, 3}, back.getShape("W2"));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, back.getArray("W2"));
        assertArrayEquals(new float[] {-0.5f, 0.125f}, back.getArray("b2"));
        Table h = back.getTable("history");
        assertEquals(3, h.rowCount());
        assertEquals(1.0 / 3.0, h.numberColumn("loss").getDouble(2), 0.0);
        assertEquals(3, h.numberColumn("epoch").getDouble(2), 0.0);
    }

    @Test
    void twoEntriesThatDifferOnlyInTheirTimingHaveTheSameResultFiles() throws IOException {
        // given
        ResultStore store = ResultStore.open(dir, settings("3", "0.1"));
        // when
        store.put("a", Entry.builder().putValue("best_loss", 0.25).putTiming("seconds", 1.5).build());
        store.put("b", Entry.builder().putValue("best_loss", 0.25).putTiming("seconds", 9.75).build());
        // then
        for (String file : List.of("values.csv", "checksums.sha256")) {
            assertEquals(Files.readString(dir.resolve("runs/a/" + file)), Files.readString(dir.resolve("runs/b/" + file)));
        }
        assertEquals(9.75, store.get("b").getTiming("seconds"));
        assertFalse(store.get("b").valueNames().contains("seconds"));
    }

    @Test
    void anEntryWrittenBeforeTimingsWereKeptApartReadsItsSecondsAsATiming() throws IOException {
        // given: an old entry, its time a row of values.csv and no manifest
        Path old = dir.resolve("runs/old");
        Files.createDirectories(old);
        Files.writeString(old.resolve("values.csv"), "name,value\nbest_loss,0.25\nseconds,4.0\n");
        // when
        Entry e = ResultStore.open(dir, settings("3", "0.1")).get("old");
        // then
        assertEquals(4.0, e.getTiming("seconds"));
        assertEquals(List.of("best_loss"), List.copyOf(e.valueNames()));
    }

    @Test
    void arraysAreAnNpzOfNamedNpyFiles() throws IOException {
        // given
        ResultStore store = ResultStore.open(dir, settings("4000", "0.01"));
        // when
        store.put("a", sample());
        // then: numpy.load(path)['W2'] reads it
        try (ZipFile zip = new ZipFile(dir.resolve("runs/a/arrays.npz").toFile())) {
            assertTrue(zip.getEntry("W2.npy") != null);
            byte[] head = zip.getInputStream(zip.getEntry("W2.npy")).readNBytes(6);
            assertEquals("NUMPY", new String(head, 1, 5, java.nio.charset.StandardCharsets.US_ASCII));
        }
        assertTrue(Files.readString(dir.resolve("runs/a/values.csv")).startsWith("name,value"));
    }

    @Test
    void keysListOnlyFinishedEntriesInOrder() {
        // given
        ResultStore store = ResultStore.open(dir, settings("4000", "0.01"));
        // when
        store.put("seed-2", sample());
        store.put("seed-1", sample());
        // then
        assertEquals(List.of("seed-1", "seed-2"), store.keys());
        assertTrue(store.has("seed-1"));
        assertFalse(store.has("seed-3"));
    }

    @Test
    void aStoredEntryIsNeverOverwritten() {
        // given
        ResultStore store = ResultStore.open(dir, settings("4000", "0.01"));
        store.put("a", sample());
        // when / then
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.put("a", sample()));
        assertTrue(e.getMessage().contains("'a' is already stored"), e.getMessage());
    }

    @Test
    void otherSettingsAreRefusedNamingEachDifference() {
        // given
        created(settings("4000", "0.01"));
        // when
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ResultStore.open(dir, settings("1000", "0.001")));
        // then
        assertTrue(e.getMessage().contains("epochs: stored 4000, asked 1000"), e.getMessage());
        assertTrue(e.getMessage().contains("lr: stored 0.01, asked 0.001"), e.getMessage());
        assertFalse(e.getMessage().contains("widths"), e.getMessage());
    }

    @Test
    void aSettingMissingOnOneSideIsADifference() {
        // given
        created(settings("4000", "0.01"));
        Map<String, String> more = settings("4000", "0.01");
        more.put("samples", "10000");
        // when
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ResultStore.open(dir, more));
        // then
        assertTrue(e.getMessage().contains("samples: stored (absent), asked 10000"), e.getMessage());
    }

    @Test
    void aHalfWrittenTemporaryIsIgnoredAndRemovedOnOpen() throws IOException {
        // given: what a writer killed mid-entry leaves behind
        created(settings("4000", "0.01"));
        Path half = dir.resolve("runs/.tmp-seed-1-dead");
        Files.createDirectories(half);
        Files.writeString(half.resolve("values.csv"), "name,value\nseed,");
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - ResultStore.TEMPORARY_GRACE.toMillis() - 60_000);
        Files.setLastModifiedTime(half, old);
        // when
        ResultStore store = ResultStore.open(dir, settings("4000", "0.01"));
        // then
        assertEquals(List.of(), store.keys());
        assertFalse(store.has("seed-1"));
        assertFalse(Files.exists(half));
    }

    @Test
    void aFreshTemporaryOfAnotherLiveWriterIsLeftAlone() throws IOException {
        // given: a shard in another process is writing an entry into the same directory right now
        created(settings("4000", "0.01"));
        Path busy = dir.resolve("runs/.tmp-seed-2-busy");
        Files.createDirectories(busy);
        // when
        ResultStore store = ResultStore.open(dir, settings("4000", "0.01"));
        // then
        assertTrue(Files.exists(busy));
        assertEquals(List.of(), store.keys());
    }

    @Test
    void aCheckpointIsReplacedAndReadBackWithItsNumbers() {
        // given
        ResultStore store = ResultStore.open(dir, settings("4000", "0.01"));
        assertTrue(store.loadCheckpoint("run").isEmpty());
        // when
        store.saveCheckpoint("run", Entry.builder().putValue("epoch", 10L).putArray("w", new float[] {1}, 1).build());
        store.saveCheckpoint("run", Entry.builder().putValue("epoch", 20L).putValue("loss", 0.125)
                .putArray("w", new float[] {2, 3}, 2).build());
        // then
        Entry back = store.loadCheckpoint("run").orElseThrow();
        assertEquals(20L, back.getLong("epoch"));
        assertEquals(0.125, back.getDouble("loss"), 0.0);
        assertArrayEquals(new float[] {2, 3}, back.getArray("w"));
        store.deleteCheckpoint("run");
        assertTrue(store.loadCheckpoint("run").isEmpty());
    }

    @Test
    void aCheckpointRefusesTextValuesAndTables() {
        // given
        ResultStore store = ResultStore.open(dir, settings("4000", "0.01"));
        // when / then
        assertThrows(IllegalArgumentException.class,
                () -> store.saveCheckpoint("run", Entry.builder().putValue("note", "hello").build()));
        assertThrows(IllegalArgumentException.class, () -> store.saveCheckpoint("run",
                Entry.builder().putTable("t", Table.create("t", IntColumn.create("x", 1))).build()));
    }

    @Test
    void keysThatCouldEscapeTheDirectoryAreRefused() {
        // given
        ResultStore store = ResultStore.open(dir, settings("4000", "0.01"));
        // when / then
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.put("../x", sample()));
        assertTrue(e.getMessage().contains("'../x'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> store.has(".tmp-x"));
    }

    @Test
    void theRootIsTheVariableOrTheProjectsResultsDirectory() throws IOException {
        // given
        Path project = dir.resolve("project");
        Files.createDirectories(project.resolve("lib"));
        Files.createDirectories(project.resolve("notebooks"));
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        // when / then
        assertEquals(project.resolve("results"), ResultStore.root(null, project.resolve("notebooks")));
        assertEquals(dir.resolve("elsewhere"), ResultStore.root(dir.resolve("elsewhere").toString(), project));
        assertEquals(dir.resolve("results"), ResultStore.root("", dir));
    }
}

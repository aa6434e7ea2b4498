package lab.store;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import lab.run.Profile;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The results of one experiment on disk: a settings file, one entry per finished run, and at most one
 * checkpoint per run. Everything is written atomically, so a run killed at any moment (kill -9 included)
 * leaves either the complete old state or the complete new one, never a half-written file that is read.
 *
 * <p>Layout, under {@code <root>/<profile>/<experiment>/} (root {@code results/} of the project, or env
 * {@code LAB_RESULTS}):
 * <pre>
 * settings.csv                 setting,value   the settings every entry was made with
 * runs/&lt;key&gt;/values.csv        name,value      scalars (seed, final losses, ...)
 * runs/&lt;key&gt;/arrays.npz        NumPy npz       float32 arrays, {@code numpy.load} reads them by name
 * runs/&lt;key&gt;/&lt;table&gt;.csv       CSV with header one per table (e.g. a loss history)
 * checkpoints/&lt;key&gt;.npz        NumPy npz       arrays and scalars (0-d int64/float64) of a run in progress
 * .tmp-*                       temporaries     half-written; ignored, removed when the store is next opened
 * </pre>
 * An entry is written into a temporary directory beside {@code runs/} and renamed into place with one atomic
 * move; a checkpoint is a single file replaced by an atomic rename. Renames survive a killed process (the
 * kernel holds the data); no fsync is done, so a power cut is not covered. Several writers may share a
 * directory if they write distinct keys (shards of a sweep): a temporary is removed only once it is older than
 * {@link #TEMPORARY_GRACE}.
 */
public final class ResultStore {

    /** The environment variable that moves the results root. */
    public static final String VARIABLE = "LAB_RESULTS";

    private static final String SETTINGS = "settings.csv";
    private static final String RUNS = "runs";
    private static final String CHECKPOINTS = "checkpoints";
    private static final String TEMP = ".tmp-";
    private static final String VALUES = "values.csv";
    private static final String ARRAYS = "arrays.npz";

    private final Path directory;
    private final Map<String, String> settings;

    private ResultStore(Path directory, Map<String, String> settings) {
        this.directory = directory;
        this.settings = Map.copyOf(settings);
    }

    /**
     * Returns the results root: env {@code LAB_RESULTS} when set, else {@code results/} in the project
     * directory (the nearest directory at or above the working directory holding {@code pom.xml} and
     * {@code lib/}), else {@code results/} in the working directory.
     */
    public static Path root() {
        return root(System.getenv(VARIABLE), Path.of("").toAbsolutePath());
    }

    static Path root(String variable, Path workingDirectory) {
        if (variable != null && !variable.isBlank()) {
            return Path.of(variable).toAbsolutePath();
        }
        for (Path p = workingDirectory; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("lib"))) {
                return p.resolve("results");
            }
        }
        return workingDirectory.resolve("results");
    }

    /**
     * Returns the store of {@code <root>/<profile>/<experiment>/}, created if absent.
     *
     * @throws IllegalStateException when the directory holds results made with other settings; the message
     *     names each differing setting
     */
    public static ResultStore open(Profile profile, String experiment, Map<String, String> settings) {
        Entry.checkName("experiment", experiment);
        return open(root().resolve(profile.label()).resolve(experiment), settings);
    }

    /**
     * Returns the store in this directory, created if absent, its settings written on first open and compared
     * on every later one. Leftover temporaries of a killed writer are removed.
     *
     * @throws IllegalStateException when stored settings differ; the message names each difference
     */
    public static ResultStore open(Path directory, Map<String, String> settings) {
        if (settings.isEmpty()) {
            throw new IllegalArgumentException("settings must not be empty: they guard the stored results");
        }
        settings.keySet().forEach(k -> {
            if (k.isBlank() || k.contains("\n") || String.valueOf(settings.get(k)).contains("\n")) {
                throw new IllegalArgumentException("setting '" + k + "' must be one line of text");
            }
        });
        try {
            Files.createDirectories(directory.resolve(RUNS));
            Files.createDirectories(directory.resolve(CHECKPOINTS));
            removeTemporaries(directory);
            removeTemporaries(directory.resolve(RUNS));
            removeTemporaries(directory.resolve(CHECKPOINTS));
            Path file = directory.resolve(SETTINGS);
            if (!Files.exists(file)) {
                Path tmp = temporary(directory, ".csv");
                writePairs(tmp, "setting", settings);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException raced) {
                    Files.deleteIfExists(tmp);
                }
            }
            List<String> diff = Settings.differences(readPairs(file, "setting"), settings);
            if (!diff.isEmpty()) {
                throw new IllegalStateException("the results in " + directory + " were made with other settings ("
                        + String.join("; ", diff) + "); use the stored settings, or another LAB_RESULTS, "
                        + "or delete that directory to start over");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the result store in " + directory, e);
        }
        return new ResultStore(directory, new LinkedHashMap<>(settings));
    }

    /** Returns the experiment directory. */
    public Path directory() {
        return directory;
    }

    /** Returns the settings the stored results were made with. */
    public Map<String, String> settings() {
        return settings;
    }

    /** Returns true when a finished entry with this key is stored. */
    public boolean has(String key) {
        Entry.checkName("key", key);
        return Files.isDirectory(directory.resolve(RUNS).resolve(key));
    }

    /** Returns the keys of all finished entries, sorted. */
    public List<String> keys() {
        try (Stream<Path> s = Files.list(directory.resolve(RUNS))) {
            return s.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory.resolve(RUNS), e);
        }
    }

    /**
     * Stores a finished entry under this key, atomically: it is complete on disk or absent.
     *
     * @throws IllegalStateException when the key is already stored (entries are never overwritten)
     */
    public void put(String key, Entry entry) {
        Entry.checkName("key", key);
        Path runs = directory.resolve(RUNS);
        Path target = runs.resolve(key);
        if (Files.exists(target)) {
            throw new IllegalStateException("entry '" + key + "' is already stored in " + runs);
        }
        Path tmp = runs.resolve(TEMP + key + "-" + UUID.randomUUID());
        try {
            Files.createDirectory(tmp);
            writePairs(tmp.resolve(VALUES), "name", entry.values());
            if (!entry.arrays().isEmpty()) {
                writeNpz(tmp.resolve(ARRAYS), entry.arrays(), entry.shapes(), Map.of(), Map.of());
            }
            for (Map.Entry<String, Table> t : entry.tables().entrySet()) {
                t.getValue().write().csv(tmp.resolve(t.getKey() + ".csv").toFile());
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                throw new IllegalStateException("entry '" + key + "' was stored by another writer in " + runs, e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store entry '" + key + "' in " + runs, e);
        } finally {
            deleteTree(tmp);
        }
    }

    /** Returns the stored entry with this key. */
    public Entry get(String key) {
        if (!has(key)) {
            throw new IllegalArgumentException("no entry '" + key + "' in " + directory.resolve(RUNS));
        }
        Path dir = directory.resolve(RUNS).resolve(key);
        Entry.Builder b = Entry.builder();
        try {
            readPairs(dir.resolve(VALUES), "name").forEach(b::putValue);
            Path npz = dir.resolve(ARRAYS);
            if (Files.exists(npz)) {
                readNpz(npz, b, false);
            }
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.sorted().toList()) {
                    String n = p.getFileName().toString();
                    if (n.endsWith(".csv") && !n.equals(VALUES)) {
                        Table t = Table.read().csv(CsvReadOptions.builder(p.toFile()).build());
                        b.putTable(n.substring(0, n.length() - 4), t.setName(n.substring(0, n.length() - 4)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read entry '" + key + "' in " + dir, e);
        }
        return b.build();
    }

    /**
     * Replaces the checkpoint of this key atomically with the entry's arrays and values (tables are not
     * allowed in a checkpoint). Values must be whole or real numbers; they are stored as 0-d int64/float64.
     */
    public void saveCheckpoint(String key, Entry checkpoint) {
        Entry.checkName("key", key);
        if (!checkpoint.tables().isEmpty()) {
            throw new IllegalArgumentException("a checkpoint holds arrays and numbers only, got tables "
                    + checkpoint.tables().keySet());
        }
        Map<String, Long> longs = new LinkedHashMap<>();
        Map<String, Double> doubles = new LinkedHashMap<>();
        checkpoint.values().forEach((n, v) -> {
            try {
                longs.put(n, Long.parseLong(v));
            } catch (NumberFormatException notLong) {
                try {
                    doubles.put(n, Double.parseDouble(v));
                } catch (NumberFormatException notNumber) {
                    throw new IllegalArgumentException("checkpoint value '" + n + "' is not a number: " + v);
                }
            }
        });
        Path dir = directory.resolve(CHECKPOINTS);
        Path tmp = null;
        try {
            tmp = temporary(dir, ".npz");
            writeNpz(tmp, checkpoint.arrays(), checkpoint.shapes(), longs, doubles);
            Files.move(tmp, dir.resolve(key + ".npz"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IllegalStateException("the file system of " + dir + " cannot rename atomically", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save checkpoint '" + key + "' in " + dir, e);
        } finally {
            deleteTree(tmp);
        }
    }

    /** Returns the last saved checkpoint of this key, or empty when there is none. */
    public Optional<Entry> loadCheckpoint(String key) {
        Entry.checkName("key", key);
        Path file = directory.resolve(CHECKPOINTS).resolve(key + ".npz");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Entry.Builder b = Entry.builder();
        try {
            readNpz(file, b, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file, e);
        }
        return Optional.of(b.build());
    }

    /** Removes the checkpoint of this key, if any (call after its finished entry is stored). */
    public void deleteCheckpoint(String key) {
        Entry.checkName("key", key);
        try {
            Files.deleteIfExists(directory.resolve(CHECKPOINTS).resolve(key + ".npz"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete checkpoint '" + key + "'", e);
        }
    }

    private static Path temporary(Path dir, String suffix) {
        return dir.resolve(TEMP + UUID.randomUUID() + suffix);
    }

    private static void writePairs(Path file, String keyColumn, Map<String, String> pairs) throws IOException {
        Table t = Table.create(keyColumn + "s",
                StringColumn.create(keyColumn, new ArrayList<>(pairs.keySet())),
                StringColumn.create("value", new ArrayList<>(pairs.values())));
        t.write().csv(file.toFile());
    }

    private static Map<String, String> readPairs(Path file, String keyColumn) throws IOException {
        Table t = Table.read().csv(CsvReadOptions.builder(file.toFile())
                .columnTypes(new ColumnType[] {ColumnType.STRING, ColumnType.STRING})
                .build());
        if (t.columnCount() != 2 || !t.column(0).name().equals(keyColumn)) {
            throw new IllegalStateException(file + " is not a " + keyColumn + ",value table");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int r = 0; r < t.rowCount(); r++) {
            out.put(t.stringColumn(0).get(r), t.stringColumn(1).get(r));
        }
        return out;
    }

    private static void writeNpz(Path file, Map<String, float[]> arrays, Map<String, long[]> shapes,
            Map<String, Long> longs, Map<String, Double> doubles) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList list = new NDList();
            arrays.forEach((n, v) -> list.add(named(m.create(v, new Shape(shapes.get(n))), n)));
            longs.forEach((n, v) -> list.add(named(m.create(v), n)));
            doubles.forEach((n, v) -> list.add(named(m.create(v), n)));
            java.io.ByteArrayOutputStream npz = new java.io.ByteArrayOutputStream();
            list.encode(npz, NDList.Encoding.NPZ);
            try (OutputStream out = Files.newOutputStream(file)) {
                fixedTimes(npz.toByteArray(), out);
            }
        }
    }

    /**
     * Copies a zip with every entry's time set to 1980-01-01 00:00: DJL stamps npz entries with the current time,
     * so the same arrays would give other bytes on every run.
     */
    private static void fixedTimes(byte[] zip, OutputStream out) throws IOException {
        java.time.LocalDateTime epoch = java.time.LocalDateTime.of(1980, 1, 1, 0, 0);
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip));
                java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(out)) {
            for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                java.util.zip.ZipEntry copy = new java.util.zip.ZipEntry(e.getName());
                copy.setTimeLocal(epoch);
                z.putNextEntry(copy);
                in.transferTo(z);
                z.closeEntry();
            }
        }
    }

    private static NDArray named(NDArray a, String name) {
        a.setName(name);
        return a;
    }

    private static void readNpz(Path file, Entry.Builder b, boolean scalarsAsValues) throws IOException {
        try (NDManager m = NDManager.newBaseManager(); InputStream in = Files.newInputStream(file)) {
            for (NDArray a : NDList.decode(m, in)) {
                DataType type = a.getDataType();
                if (scalarsAsValues && type == DataType.INT64 && a.getShape().dimension() == 0) {
                    b.putValue(a.getName(), a.getLong());
                } else if (scalarsAsValues && type == DataType.FLOAT64 && a.getShape().dimension() == 0) {
                    b.putValue(a.getName(), a.getDouble());
                } else if (type == DataType.FLOAT32) {
                    b.putArray(a.getName(), a.toFloatArray(), a.getShape().getShape());
                } else {
                    throw new IllegalStateException(file + " holds array '" + a.getName() + "' of type " + type
                            + "; only float32 arrays (and 0-d int64/float64 values in checkpoints) are stored");
                }
            }
        }
    }

    /** Temporaries younger than this may belong to another live writer (a shard of the same grid). */
    static final java.time.Duration TEMPORARY_GRACE = java.time.Duration.ofMinutes(10);

    private static void removeTemporaries(Path dir) throws IOException {
        long cutoff = System.currentTimeMillis() - TEMPORARY_GRACE.toMillis();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(TEMP)).toList()) {
                // Several processes may write distinct keys into one directory (shards of a sweep); only
                // temporaries old enough to be a killed writer's leftovers are removed.
                if (Files.getLastModifiedTime(p).toMillis() < cutoff) {
                    deleteTree(p);
                }
            }
        }
    }

    private static void deleteTree(Path p) {
        if (p == null || !Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove temporary " + p, e);
        }
    }
}

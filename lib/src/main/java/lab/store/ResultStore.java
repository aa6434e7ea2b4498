package lab.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The results of one experiment on disk: a settings file, one entry per finished run, and at most one
 * checkpoint per run. Everything is written atomically and checksummed, so a run killed at any moment (kill -9
 * included) leaves either the complete old state or the complete new one, and a file changed afterwards (a flipped
 * bit, a truncated copy) is found when it is read.
 *
 * <p>Layout of a store directory:
 * <pre>
 * settings.csv                 setting,value   the settings every entry was made with
 * dependencies.csv             name,value      what the numbers depend on (library, engine, threads)
 * runs/&lt;key&gt;/values.csv        name,value      scalars (seed, final losses, ...)
 * runs/&lt;key&gt;/arrays.npz        NumPy npz       float32 arrays, {@code numpy.load} reads them by name
 * runs/&lt;key&gt;/&lt;table&gt;.csv       CSV with header one per table (e.g. a loss history)
 * runs/&lt;key&gt;/dependencies.csv  name,value      what this entry's numbers depend on
 * runs/&lt;key&gt;/timing.csv        name,value      wall-clock seconds (differ between equal runs)
 * runs/&lt;key&gt;/checksums.sha256  sha256sum       the SHA-256 of every file but the timing, written last
 * runs/&lt;key&gt;/timing.sha256     sha256sum       the SHA-256 of timing.csv
 * checkpoints/&lt;key&gt;.npz        NumPy npz       arrays and scalars of a run in progress; zip comment sha256=...
 * damaged/                     set aside       damaged entries and checkpoints, moved out of the way
 * .tmp-*                       temporaries     half-written; ignored, removed when old
 * </pre>
 * Nothing is written until the first entry or checkpoint is stored: opening a store only reads and compares, so
 * a run refused or failed before its first result leaves the disk as it was. Entries made before checksums (no
 * {@code checksums.sha256}) and stores without {@code dependencies.csv} are read as they are.
 *
 * <p>An entry is written into a temporary directory beside {@code runs/} and renamed into place with one atomic
 * move; a checkpoint is a single file replaced by an atomic rename. Renames survive a killed process (the
 * kernel holds the data); no fsync is done, so a power cut is not covered. Several writers may share a
 * directory if they write distinct keys (shards of a sweep): a temporary is removed only once it is older than
 * {@link #TEMPORARY_GRACE}.
 */
public final class ResultStore {

    /** The environment variable that moves the results root. */
    public static final String VARIABLE = "LAB_RESULTS";
    /** A system property that moves the results root ahead of {@link #VARIABLE} (for tests running in one JVM). */
    public static final String PROPERTY = "lab.results";

    /** Temporaries younger than this may belong to another live writer (a shard of the same grid). */
    static final Duration TEMPORARY_GRACE = Duration.ofMinutes(10);

    /** Bytes an entry needs on disk besides its arrays: its CSV files, checksums and file-system blocks. */
    public static final long ENTRY_SLACK = 16 * 1024;

    private static final String SETTINGS = "settings.csv";
    private static final String DEPENDENCIES = "dependencies.csv";
    private static final String RUNS = "runs";
    private static final String CHECKPOINTS = "checkpoints";
    private static final String DAMAGED = "damaged";
    private static final String TEMP = ".tmp-";
    private static final String VALUES = "values.csv";
    private static final String ARRAYS = "arrays.npz";
    /** Entries written before timings were kept apart carry their time as this value; read as a timing. */
    private static final String LEGACY_SECONDS = "seconds";

    private final Path directory;
    private final Map<String, String> settings;
    private final Map<String, String> dependencies;
    private Consumer<String> notices = System.err::println;
    private volatile boolean created;

    private ResultStore(Path directory, Map<String, String> settings, Map<String, String> dependencies) {
        this.directory = directory;
        // the caller's order, so settings.csv has the same bytes in every JVM (Map.copyOf's order is not stable)
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        this.dependencies = new LinkedHashMap<>(dependencies);
    }

    /**
     * Returns the results root: env {@code LAB_RESULTS} when set (a relative one against the working directory),
     * else {@code results/} in the project directory (the nearest directory at or above the working directory
     * holding {@code pom.xml} and {@code lib/}), else {@code results/} in the working directory.
     */
    public static Path root() {
        return root(System.getProperty(PROPERTY, System.getenv(VARIABLE)), Path.of("").toAbsolutePath());
    }

    static Path root(String variable, Path workingDirectory) {
        if (variable != null && !variable.isBlank()) {
            return workingDirectory.resolve(variable.trim()).normalize();
        }
        for (Path p = workingDirectory; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("lib"))) {
                return p.resolve("results");
            }
        }
        return workingDirectory.resolve("results");
    }

    /** Returns the store in this directory guarded by {@code settings} alone (no dependency record). */
    public static ResultStore open(Path directory, Map<String, String> settings) {
        return open(directory, settings, Map.of(), Map.of());
    }

    /**
     * Returns the store in this directory. Reads and compares only; the directory is created with the first stored
     * result. Leftover temporaries of a killed writer are removed.
     *
     * @param settings what every entry of the store shares; compared with the stored ones
     * @param dependencies what the numbers depend on (e.g. library and engine versions, threads); recorded with the
     *     store and each entry, and compared when the store has a record
     * @param formerValues stored setting texts of older versions that mean the same as a current one (old text ->
     *     current text), so a reworded guard keeps old stores
     * @throws IllegalStateException naming each difference when stored settings or dependencies differ, or a
     *     sentence when the directory cannot hold a store
     */
    public static ResultStore open(Path directory, Map<String, String> settings, Map<String, String> dependencies,
            Map<String, String> formerValues) {
        checkPairs("settings", settings);
        checkPairs("dependencies", dependencies);
        if (settings.isEmpty()) {
            throw new IllegalArgumentException("settings must not be empty: they guard the stored results");
        }
        Path dir = directory.toAbsolutePath().normalize();
        checkUsable(dir);
        ResultStore store = new ResultStore(dir, settings, dependencies);
        Path file = dir.resolve(SETTINGS);
        if (Files.exists(file)) {
            store.compare(formerValues);
            store.created = true;
            store.removeOldTemporaries();
        }
        return store;
    }

    private static void checkPairs(String what, Map<String, String> pairs) {
        pairs.forEach((k, v) -> {
            if (k == null || k.isBlank() || k.contains("\n") || v == null || v.contains("\n") || v.contains("\r")) {
                throw new IllegalArgumentException(what + " '" + k + "' must be one line of text");
            }
        });
    }

    /** Refuses, before anything is written, a directory that is a file, under a file, or not writable. */
    private static void checkUsable(Path dir) {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new IllegalStateException("cannot keep results in " + dir + ": " + p
                            + " is a file, not a folder; point LAB_RESULTS at a folder");
                }
                if (!Files.isWritable(p) || !Files.isExecutable(p)) {
                    throw new IllegalStateException("cannot keep results in " + dir + ": " + p
                            + " is read-only (no permission to write there); choose a writable folder with LAB_RESULTS");
                }
                return;
            }
        }
    }

    private void compare(Map<String, String> formerValues) {
        Map<String, String> stored = new LinkedHashMap<>();
        readSettings(directory.resolve(SETTINGS), "setting")
                .forEach((k, v) -> stored.put(k, formerValues.getOrDefault(v, v)));
        List<String> diff = Settings.differences(stored, settings);
        if (!diff.isEmpty()) {
            throw new IllegalStateException("the results in " + directory + " were made with other settings ("
                    + String.join("; ", diff) + "); use the stored settings, or another LAB_RESULTS, "
                    + "or delete that directory to start over");
        }
        Path deps = directory.resolve(DEPENDENCIES);
        if (Files.exists(deps) && !dependencies.isEmpty()) {
            List<String> d = Settings.differences(readSettings(deps, "name"), dependencies);
            if (!d.isEmpty()) {
                throw new IllegalStateException("the results in " + directory + " were made with other software ("
                        + String.join("; ", d) + "), so new numbers would not match them; use that software, "
                        + "or another LAB_RESULTS, or delete that directory to start over");
            }
        }
    }

    private static Map<String, String> readSettings(Path file, String keyColumn) {
        try {
            return readPairs(file, keyColumn);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + file + " (" + e.getMessage() + "); it is damaged: "
                    + "restore it from a copy, or delete its folder to start over", e);
        }
    }

    /** Sends notices (a damaged entry set aside, ...) to {@code sink} instead of standard error; returns this. */
    public ResultStore onNotice(Consumer<String> sink) {
        this.notices = sink;
        return this;
    }

    /** Returns the experiment directory. */
    public Path directory() {
        return directory;
    }

    /** Returns the settings the stored results were made with. */
    public Map<String, String> settings() {
        return settings;
    }

    /** Returns true when a finished entry with this key is stored (intact or not). */
    public boolean has(String key) {
        Entry.checkName("key", key);
        return Files.isDirectory(directory.resolve(RUNS).resolve(key));
    }

    /**
     * Returns true when a finished entry with this key is stored and intact. A damaged one is moved to
     * {@code damaged/}, said in a notice, and reported absent, so the caller trains it again.
     */
    public boolean hasIntact(String key) {
        if (!has(key)) {
            return false;
        }
        Optional<String> damage = damage(key);
        if (damage.isEmpty()) {
            return true;
        }
        Path moved = setAside(directory.resolve(RUNS).resolve(key));
        notices.accept("the stored entry " + directory.resolve(RUNS).resolve(key) + " is damaged (" + damage.get()
                + "); moved it to " + moved + " and training it again");
        return false;
    }

    /** Returns what is wrong with the stored entry of this key, or empty when it is intact (or absent). */
    public Optional<String> damage(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        try {
            get(key);
            return Optional.empty();
        } catch (DamagedResultException e) {
            return Optional.of(e.reason());
        }
    }

    /** Returns the keys of all finished entries, sorted. */
    public List<String> keys() {
        Path runs = directory.resolve(RUNS);
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw StoreIOException.of("cannot list", runs, e, -1);
        }
    }

    /**
     * Stores a finished entry under this key, atomically: it is complete on disk (checksums last) or absent.
     *
     * @throws IllegalStateException when the key is already stored (entries are never overwritten)
     * @throws StoreIOException naming the path and why when it cannot be written
     */
    public void put(String key, Entry entry) {
        Entry.checkName("key", key);
        Path runs = directory.resolve(RUNS);
        Path target = runs.resolve(key);
        if (Files.exists(target)) {
            throw new IllegalStateException("entry '" + key + "' is already stored in " + runs);
        }
        byte[] npz = entry.arrays().isEmpty() ? null
                : Npz.write(entry.arrays(), entry.shapes(), Map.of(), Map.of(), null);
        long needed = (npz == null ? 0 : npz.length) + ENTRY_SLACK;
        ensureCreated(needed);
        Path tmp = runs.resolve(TEMP + key + "-" + UUID.randomUUID());
        try {
            checkSpace(runs, needed);
            Files.createDirectory(tmp);
            writePairs(tmp.resolve(VALUES), "name", entry.values());
            if (!entry.timings().isEmpty()) {
                Map<String, String> timings = new LinkedHashMap<>();
                entry.timings().forEach((n, t) -> timings.put(n, Double.toString(t)));
                writePairs(tmp.resolve(Checksums.TIMING), "name", timings);
            }
            if (npz != null) {
                Files.write(tmp.resolve(ARRAYS), npz);
            }
            for (Map.Entry<String, Table> t : entry.tables().entrySet()) {
                t.getValue().write().csv(tmp.resolve(t.getKey() + ".csv").toFile());
            }
            if (!dependencies.isEmpty()) {
                writePairs(tmp.resolve(DEPENDENCIES), "name", dependencies);
            }
            Checksums.writeManifest(tmp); // last: an entry with a complete manifest is complete
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.isDirectory(target)) {
                    throw e;
                }
                // Another writer (a second sweep on the same grid) stored this key first. Same settings give the
                // same numbers, so its entry stands and this one is dropped.
                notices.accept("entry " + target + " was stored meanwhile by another writer; kept that one");
            }
        } catch (IOException e) {
            throw StoreIOException.of("cannot store entry '" + key + "' in", runs, e, needed);
        } catch (UncheckedIOException e) {
            throw StoreIOException.of("cannot store entry '" + key + "' in", runs, e.getCause(), needed);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * Returns the stored entry with this key, its checksums verified.
     *
     * @throws DamagedResultException naming the entry's path, what is wrong and what to do
     */
    public Entry get(String key) {
        if (!has(key)) {
            throw new IllegalArgumentException("no entry '" + key + "' in " + directory.resolve(RUNS));
        }
        Path dir = directory.resolve(RUNS).resolve(key);
        Entry.Builder b = Entry.builder();
        try {
            if (Files.exists(dir.resolve(Checksums.MANIFEST))) {
                Checksums.checkManifest(dir);
            }
            if (!Files.isRegularFile(dir.resolve(VALUES))) {
                throw new Npz.Damage(VALUES + " is missing");
            }
            boolean timed = Files.exists(dir.resolve(Checksums.TIMING));
            readPairs(dir.resolve(VALUES), "name").forEach((n, v) -> {
                if (!timed && n.equals(LEGACY_SECONDS)) {
                    b.putTiming(n, Double.parseDouble(v));
                } else {
                    b.putValue(n, v);
                }
            });
            if (timed) {
                readPairs(dir.resolve(Checksums.TIMING), "name").forEach((n, v) -> b.putTiming(n, Double.parseDouble(v)));
            }
            Path npz = dir.resolve(ARRAYS);
            if (Files.exists(npz)) {
                try {
                    Npz.read(Files.readAllBytes(npz), b, false);
                } catch (Npz.Damage d) {
                    throw new Npz.Damage(ARRAYS + ": " + d.getMessage());
                }
            }
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.sorted().toList()) {
                    String n = p.getFileName().toString();
                    if (n.endsWith(".csv") && !n.equals(VALUES) && !n.equals(DEPENDENCIES) && !n.equals(Checksums.TIMING)) {
                        String name = n.substring(0, n.length() - 4);
                        Table t = Table.read().csv(CsvReadOptions.builder(p.toFile()).build());
                        b.putTable(name, t.setName(name));
                    }
                }
            }
        } catch (Npz.Damage e) {
            throw new DamagedResultException(dir, e.getMessage());
        } catch (IOException e) {
            throw StoreIOException.of("cannot read entry '" + key + "' in", dir, e, -1);
        } catch (RuntimeException e) {
            // an unreadable CSV (Tablesaw), a value twice, ...: the files are not what this store wrote
            throw new DamagedResultException(dir, "its files cannot be read (" + e.getMessage() + ")");
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
        byte[] bytes = Checksums.seal(Npz.write(checkpoint.arrays(), checkpoint.shapes(), longs, doubles,
                Checksums.placeholder()));
        ensureCreated(bytes.length);
        Path dir = directory.resolve(CHECKPOINTS);
        Path tmp = dir.resolve(TEMP + UUID.randomUUID() + ".npz");
        try {
            checkSpace(dir, bytes.length);
            Files.write(tmp, bytes);
            Files.move(tmp, dir.resolve(key + ".npz"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IllegalStateException("the file system of " + dir + " cannot rename atomically", e);
        } catch (IOException e) {
            throw StoreIOException.of("cannot save checkpoint '" + key + "' in", dir, e, bytes.length);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * Returns the last saved checkpoint of this key, or empty when there is none. A damaged checkpoint is moved to
     * {@code damaged/}, said in a notice, and reported absent: the run starts over.
     */
    public Optional<Entry> loadCheckpoint(String key) {
        Entry.checkName("key", key);
        Path file = directory.resolve(CHECKPOINTS).resolve(key + ".npz");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(readCheckpoint(file));
        } catch (DamagedResultException e) {
            Path moved = setAside(file);
            notices.accept("the checkpoint " + file + " is damaged (" + e.reason() + "); moved it to " + moved
                    + " and starting that run from its first epoch");
            return Optional.empty();
        }
    }

    private static Entry readCheckpoint(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (!Checksums.isUnsealed(bytes)) {
                Checksums.checkSeal(bytes);
            }
            Entry.Builder b = Entry.builder();
            Npz.read(bytes, b, true);
            return b.build();
        } catch (Npz.Damage e) {
            throw new DamagedResultException(file, e.getMessage());
        } catch (IOException e) {
            throw StoreIOException.of("cannot read checkpoint", file, e, -1);
        }
    }

    /**
     * Moves the checkpoint of this key to {@code damaged/} with a notice saying why ({@code reason}: what does not
     * fit), so its run starts over.
     */
    public void discardCheckpoint(String key, String reason) {
        Entry.checkName("key", key);
        Path file = directory.resolve(CHECKPOINTS).resolve(key + ".npz");
        if (Files.exists(file)) {
            Path moved = setAside(file);
            notices.accept("the checkpoint " + file + " is damaged (" + reason + "); moved it to " + moved
                    + " and starting that run from its first epoch");
        }
    }

    /** Removes the checkpoint of this key, if any (call after its finished entry is stored). */
    public void deleteCheckpoint(String key) {
        Entry.checkName("key", key);
        Path file = directory.resolve(CHECKPOINTS).resolve(key + ".npz");
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw StoreIOException.of("cannot delete checkpoint", file, e, -1);
        }
    }

    /**
     * Returns one line per damaged entry or checkpoint of the store in {@code directory} (path, then what is
     * wrong), and per entry made before checksums (which cannot be checked); empty when everything is intact.
     */
    public static List<String> verify(Path directory) {
        List<String> out = new ArrayList<>();
        Path settingsFile = directory.resolve(SETTINGS);
        try {
            readPairs(settingsFile, "setting");
        } catch (IOException | RuntimeException e) {
            out.add(settingsFile + ": damaged (cannot be read: " + e.getMessage() + ")");
        }
        ResultStore store = new ResultStore(directory, Map.of(), Map.of());
        for (String key : store.keys()) {
            Path dir = directory.resolve(RUNS).resolve(key);
            try {
                store.get(key);
                if (!Files.exists(dir.resolve(Checksums.MANIFEST))) {
                    out.add(dir + ": unchecked (stored before checksums; it reads, but cannot be verified)");
                }
            } catch (DamagedResultException e) {
                out.add(dir + ": damaged (" + e.reason() + ")");
            }
        }
        Path checkpoints = directory.resolve(CHECKPOINTS);
        if (Files.isDirectory(checkpoints)) {
            try (Stream<Path> s = Files.list(checkpoints)) {
                for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".npz"))
                        .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                    try {
                        readCheckpoint(p);
                    } catch (DamagedResultException e) {
                        out.add(p + ": damaged (" + e.reason() + ")");
                    }
                }
            } catch (IOException e) {
                throw StoreIOException.of("cannot list", checkpoints, e, -1);
            }
        }
        return out;
    }

    /** Returns the keys of the finished entries in the store directory, sorted, without opening it. */
    public static List<String> keysIn(Path directory) {
        return new ResultStore(directory, Map.of(), Map.of()).keys();
    }

    /** Returns every store directory (one holding {@code settings.csv} or {@code runs/}) at or under {@code root}. */
    public static List<Path> storesUnder(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root, 4)) {
            return s.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().equals(DAMAGED))
                    .filter(p -> Files.isRegularFile(p.resolve(SETTINGS)) || Files.isDirectory(p.resolve(RUNS)))
                    .sorted().toList();
        } catch (IOException e) {
            throw StoreIOException.of("cannot search", root, e, -1);
        }
    }

    /** Creates the directory and writes its settings and dependencies, once, before the first result. */
    private synchronized void ensureCreated(long needed) {
        if (created) {
            return;
        }
        try {
            Files.createDirectories(directory.resolve(RUNS));
            Files.createDirectories(directory.resolve(CHECKPOINTS));
            writeOnce(directory.resolve(SETTINGS), "setting", settings);
            if (!dependencies.isEmpty() && !Files.exists(directory.resolve(DEPENDENCIES))) {
                writeOnce(directory.resolve(DEPENDENCIES), "name", dependencies);
            }
        } catch (IOException e) {
            throw StoreIOException.of("cannot create the result store", directory, e, needed);
        }
        compare(Map.of()); // another writer may have created it first, with other settings
        created = true;
    }

    private void writeOnce(Path file, String keyColumn, Map<String, String> pairs) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        Path tmp = directory.resolve(TEMP + UUID.randomUUID() + ".csv");
        try {
            writePairs(tmp, keyColumn, pairs);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
            // another writer created it first; compare() checks it agrees
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void checkSpace(Path dir, long needed) throws IOException {
        long free = Files.getFileStore(dir).getUsableSpace();
        if (free < needed) {
            throw new IOException("No space left on device");
        }
    }

    /** Moves a damaged entry folder or checkpoint file to {@code damaged/}, returning where it went. */
    private Path setAside(Path damaged) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path to = directory.resolve(DAMAGED).resolve(damaged.getFileName() + "-" + stamp + "-"
                + UUID.randomUUID().toString().substring(0, 8));
        try {
            Files.createDirectories(to.getParent());
            Files.move(damaged, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw StoreIOException.of("cannot move the damaged result out of the way:", damaged, e, -1);
        }
        return to;
    }

    private void removeOldTemporaries() {
        long cutoff = System.currentTimeMillis() - TEMPORARY_GRACE.toMillis();
        for (Path dir : List.of(directory, directory.resolve(RUNS), directory.resolve(CHECKPOINTS))) {
            if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(p -> p.getFileName().toString().startsWith(TEMP)).toList()) {
                    // Several processes may write distinct keys into one directory (shards of a sweep); only
                    // temporaries old enough to be a killed writer's leftovers are removed.
                    if (Files.getLastModifiedTime(p).toMillis() < cutoff) {
                        deleteQuietly(p);
                    }
                }
            } catch (IOException e) {
                // a temporary that cannot be listed or removed is ignored: it is never read
            }
        }
    }

    private static void writePairs(Path file, String keyColumn, Map<String, String> pairs) {
        Table t = Table.create(keyColumn + "s",
                StringColumn.create(keyColumn, new ArrayList<>(pairs.keySet())),
                StringColumn.create("value", new ArrayList<>(pairs.values())));
        t.write().csv(file.toFile());
    }

    private static Map<String, String> readPairs(Path file, String keyColumn) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Table t = Table.read().csv(CsvReadOptions.builderFromString(new String(bytes, StandardCharsets.UTF_8))
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

    private static void deleteQuietly(Path p) {
        if (p == null || !Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (IOException e) {
            // a temporary left behind is ignored by readers and removed by a later open
        }
    }
}

package lab.bench;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What this JVM's native side runs on (BLAS, allocator, threads), read from {@code /proc/self/maps}, and its
 * memory from {@code /proc/self/status}. Benchmark rows carry these so every ratio says what it compares.
 */
final class BenchEnv {

    /** In MKL's version string: "Version 2024.2-Product Build 20240605". */
    private static final Pattern MKL_VERSION = Pattern.compile("Version ([\\d.]+)(?:-Product Build (\\d+))?");

    private BenchEnv() {}

    /** Returns the mapped shared objects of this process (paths), or an empty list off Linux. */
    static List<String> mappedLibraries() {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .map(l -> l.trim().split("\\s+"))
                    .filter(f -> f.length >= 6 && f[5].startsWith("/") && f[5].contains(".so"))
                    .map(f -> f[5])
                    .distinct()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Returns the BLAS the engine uses: libtorch 2.7.1 from DJL links oneMKL statically into
     * {@code libtorch_cpu.so} (no separate BLAS library is mapped), so a mapped libtorch_cpu without an
     * OpenBLAS or MKL library beside it means the bundled MKL.
     */
    static String blas() {
        List<String> libs = mappedLibraries();
        for (String l : libs) {
            if (l.contains("openblas")) {
                return "OpenBLAS (" + Path.of(l).getFileName() + ")";
            }
            if (l.contains("libmkl")) {
                return "MKL (" + Path.of(l).getFileName() + ")";
            }
        }
        for (String l : libs) {
            if (l.endsWith("libtorch_cpu.so")) {
                return "MKL" + mklVersion(l) + " (static in DJL's libtorch_cpu.so 2.7.1)";
            }
        }
        return "engine not loaded";
    }

    /** The one MKL function asked: it fills {@code buf} with "... Version 2024.2-Product Build 20240605 ...". */
    interface Mkl extends Library {
        void MKL_Get_Version_String(byte[] buf, int len);
    }

    /**
     * Returns " 2024.2, build 20240605" as the MKL linked into {@code library} reports itself, in the words
     * PyTorch's side uses ({@code bench/benchenv.py}), so a reader sees whether both sides run one BLAS build; ""
     * if it does not answer.
     */
    static String mklVersion(String library) {
        try {
            byte[] buf = new byte[256];
            Native.load(library, Mkl.class).MKL_Get_Version_String(buf, buf.length);
            return describeMkl(Native.toString(buf));
        } catch (LinkageError e) {
            return "";
        }
    }

    /** Returns " 2024.2, build 20240605" from MKL's version string, or "" if it does not name them. */
    static String describeMkl(String text) {
        Matcher m = MKL_VERSION.matcher(text);
        return m.find() ? " " + m.group(1) + (m.group(2) == null ? "" : ", build " + m.group(2)) : "";
    }

    /** Returns the malloc in use: a preloaded tcmalloc/jemalloc if mapped, else glibc's (with its arena limit). */
    static String allocator() {
        for (String l : mappedLibraries()) {
            if (l.contains("tcmalloc") || l.contains("jemalloc")) {
                return Path.of(l).getFileName().toString();
            }
        }
        String arenas = System.getenv("MALLOC_ARENA_MAX");
        return arenas == null ? "glibc malloc" : "glibc malloc (MALLOC_ARENA_MAX=" + arenas + ")";
    }

    /** Returns a field of /proc/self/status in KiB (e.g. "VmRSS", "VmHWM"), or -1 if unreadable. */
    static long statusKib(String field) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith(field + ":")) {
                    return Long.parseLong(l.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Returns the common fields of every output row: blas, allocator, threads, JVM. */
    static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("blas", blas());
        m.put("allocator", allocator());
        m.put("intra_threads", Integer.getInteger("ai.djl.pytorch.num_threads", -1));
        m.put("java", System.getProperty("java.version"));
        return m;
    }

    /** Returns the map as one JSON object on one line (numbers, strings, lists of numbers, nested maps). */
    static String json(Map<String, ?> m) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, ?> e : m.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(quote(e.getKey())).append(": ").append(value(e.getValue()));
        }
        return sb.append('}').toString();
    }

    @SuppressWarnings("unchecked")
    private static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? "null" : String.format(Locale.ROOT, "%.9g", d);
        }
        if (v instanceof Float f) {
            return value((double) f);
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof float[] a) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < a.length; i++) {
                sb.append(i > 0 ? ", " : "").append(value((double) a[i]));
            }
            return sb.append(']').toString();
        }
        if (v instanceof double[] a) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < a.length; i++) {
                sb.append(i > 0 ? ", " : "").append(value(a[i]));
            }
            return sb.append(']').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(value(l.get(i)));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Map<?, ?> m) {
            return json((Map<String, ?>) m);
        }
        return quote(v.toString());
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}

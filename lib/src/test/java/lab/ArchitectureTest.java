package lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Enforces the package order {@code data, store -> profile, loop -> fused -> model -> train -> analysis -> chart, table
 * -> notebook, multimult}, with {@code run} on top (a study such as {@code multimult} never reaches back into the runners): a package may use its own and lower ranks only ({@code chart} and {@code table} are siblings
 * and do not use each other; so are {@code data} and {@code store}, which use no other package); {@code run} may
 * use anything.
 * Only {@code lab.notebook} may name a Jupyter kernel's classes.
 */
class ArchitectureTest {

    private static final Path SOURCES = Path.of("src/main/java");

    /** Rank of each package; a new package must be placed here deliberately. */
    private static final Map<String, Integer> RANK = Map.ofEntries(
            Map.entry("data", 0), Map.entry("store", 0), Map.entry("profile", 1), Map.entry("loop", 1),
            Map.entry("fused", 2), Map.entry("model", 3), Map.entry("train", 4), Map.entry("analysis", 5),
            Map.entry("chart", 6), Map.entry("table", 6), Map.entry("notebook", 7), Map.entry("multimult", 7),
            Map.entry("run", 8));
    private static final int TOP = 8;

    private static final Pattern REFERENCE = Pattern.compile("\\blab\\.([a-z][a-z0-9_]*)\\.");
    private static final Pattern COMMENT_OR_STRING =
            Pattern.compile("//[^\\n]*|/\\*.*?\\*/|\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])'", Pattern.DOTALL);
    private static final List<String> KERNEL_PACKAGES = List.of("org.rapaio.", "io.github.spencerpark.", "org.dflib.jjava.");

    @Test
    void noSourceFileUsesAPackageAboveItsOwn() {
        // given
        Map<String, String> sources = readSources();

        // when
        List<String> violations = violations(sources);

        // then
        assertTrue(sources.size() > 0, "no sources found under " + SOURCES.toAbsolutePath());
        assertEquals(List.of(), violations);
    }

    @Test
    void theCheckCatchesABackwardImportAFullyQualifiedUseAndAnUnknownPackage() {
        // given
        Map<String, String> sources = new TreeMap<>();
        sources.put("lab/train/Fit.java", "package lab.train;\nimport lab.notebook.Show;\nclass Fit {}");
        sources.put("lab/data/Rows.java", "package lab.data;\nclass Rows { lab.model.Mlp m; }");
        sources.put("lab/chart/Plot.java", "package lab.chart;\nimport lab.table.Tables;\nclass Plot {}");
        sources.put("lab/util/Misc.java", "package lab.util;\nclass Misc {}");
        sources.put("lab/run/Main.java", "package lab.run;\nimport lab.store.Store;\nimport lab.notebook.Show;\nclass Main {}");
        sources.put("lab/chart/Fine.java",
                "package lab.chart;\n// uses lab.notebook.Show in a comment only\nclass Fine { String s = \"lab.run.X\"; }");
        sources.put("lab/model/Kernel.java", "package lab.model;\nclass Kernel { Object g = org.rapaio.jupyter.kernel.global.Global.class; }");

        // when
        List<String> violations = violations(sources);

        // then
        assertEquals(List.of(
                "lab/chart/Plot.java: lab.chart uses lab.table (a sibling)",
                "lab/data/Rows.java: lab.data uses lab.model (a higher package)",
                "lab/model/Kernel.java: names a Jupyter kernel class (only lab.notebook may)",
                "lab/train/Fit.java: lab.train uses lab.notebook (a higher package)",
                "lab/util/Misc.java: package lab.util is not in the package order of ArchitectureTest"), violations);
    }

    /** Returns one line per rule broken, sorted by file; {@code sources} maps a path under lab/ to its text. */
    static List<String> violations(Map<String, String> sources) {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(sources).entrySet()) {
            String path = entry.getKey();
            String[] parts = path.split("/");
            String own = parts.length > 2 ? parts[1] : "";
            if (!RANK.containsKey(own)) {
                found.add(path + ": package lab." + own + " is not in the package order of ArchitectureTest");
                continue;
            }
            String code = COMMENT_OR_STRING.matcher(entry.getValue()).replaceAll(" ");
            if (!own.equals("notebook") && KERNEL_PACKAGES.stream().anyMatch(code::contains)) {
                found.add(path + ": names a Jupyter kernel class (only lab.notebook may)");
            }
            Matcher m = REFERENCE.matcher(code);
            List<String> used = new ArrayList<>();
            while (m.find()) {
                if (!used.contains(m.group(1))) {
                    used.add(m.group(1));
                }
            }
            for (String other : used) {
                String broken = broken(own, other);
                if (broken != null) {
                    found.add(path + ": lab." + own + " uses lab." + other + " (" + broken + ")");
                }
            }
        }
        return found;
    }

    /** Returns why {@code own} may not use {@code other}, or null when it may. */
    private static String broken(String own, String other) {
        if (own.equals(other) || RANK.get(own) == TOP) {
            return null;
        }
        Integer rank = RANK.get(other);
        if (rank == null) {
            return "a package not in the order";
        }
        if (rank > RANK.get(own)) {
            return "a higher package";
        }
        return rank.equals(RANK.get(own)) ? "a sibling" : null;
    }

    private static Map<String, String> readSources() {
        Path root = SOURCES.resolve("lab");
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                sources.put(SOURCES.relativize(file).toString().replace('\\', '/'), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }
}

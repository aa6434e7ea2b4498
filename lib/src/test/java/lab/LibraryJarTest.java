package lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library jar is what the kernel and {@code bin/lab train} load: the benchmark drivers live in the
 * {@code bench} module so that they never reach it.
 */
class LibraryJarTest {

    private static final Path SOURCES = Path.of("src/main/java");

    @Test
    void noBenchmarkDriverIsALibrarySource() throws IOException {
        // given
        List<String> names;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            names = files.filter(p -> p.toString().endsWith(".java"))
                    .map(p -> SOURCES.relativize(p).toString())
                    .sorted()
                    .toList();
        }

        // when
        List<String> benches = names.stream()
                .filter(n -> n.startsWith("lab/bench/") || Path.of(n).getFileName().toString().startsWith("Bench"))
                .toList();

        // then
        assertTrue(names.size() > 10, "expected the library's sources under " + SOURCES.toAbsolutePath());
        assertEquals(List.of(), benches);
    }
}

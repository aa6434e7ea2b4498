package lab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lab.store.ResultStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code bin/lab train} (its main, in this JVM) given bad input: one line on standard error naming the bad value,
 * exit code 2, no stack trace, and nothing written where results go.
 */
class TrainFaultsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldErr;
    private PrintStream oldOut;

    @BeforeEach
    void capture() {
        oldErr = System.err;
        oldOut = System.out;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        System.setProperty(ResultStore.PROPERTY, dir.resolve("results").toString());
    }

    @AfterEach
    void restore() {
        System.setErr(oldErr);
        System.setOut(oldOut);
        System.clearProperty(ResultStore.PROPERTY);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "nope",
        "002 --models 0", "002 --models 2147483647", "002 --epochs 2147483647", "002 --samples 2147483647",
        "002 --lr 1e99", "002 --lr -1", "002 --lr NaN", "002 --lr 1e30 --models 1 --epochs 3 --samples 300",
        "002 --threads 0", "002 --threads 100000", "002 --chunk 0", "002 --epochs ten", "002 --models",
        "002 --bogus 1",
        "001-multi-mult --seed -1", "001-multi-mult --seed x",
        "sweep --workers -1", "sweep --workers 0", "sweep --widths 8,8", "sweep --widths 0", "sweep --widths 99999",
        "sweep --checkpoint-minutes 1e99", "sweep --checkpoint-minutes 0", "sweep --checkpoint-minutes NaN",
        "sweep --epochs 2147483647", "sweep --shard 3/2", "sweep --shard x", "sweep --modes xx", "sweep --seeds -1",
        "sweep --seeds 0,0", "sweep --variants plain,dropout", "sweep --modes st --variants lossdrop",
        "sweep --variants filter,filter", "sweep --grid huge", "sweep-variants --variants nope", "sweep-search --x 1"})
    void badInputIsOneSentenceExitTwoAndNothingOnDisk(String line) {
        // given
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        // when
        int code = Train.run(args);
        // then
        String text = err.toString(StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        assertEquals(2, code, text);
        assertEquals(1, lines.size(), text);
        assertTrue(lines.get(0).startsWith("bin/lab train: "), text);
        assertFalse(text.contains("Exception") || text.contains("\tat "), text);
        assertFalse(Files.exists(dir.resolve("results")), "something was written for: " + line);
    }

    @Test
    void aResultsFolderThatIsAFileIsNamed() throws Exception {
        // given
        Path file = dir.resolve("results");
        Files.writeString(file, "not a folder");
        // when
        int code = Train.run(new String[] {"002", "--models", "1", "--epochs", "3", "--samples", "300"});
        // then
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, text);
        assertTrue(text.contains(file + " is a file, not a folder"), text);
        assertEquals("not a folder", Files.readString(file));
    }

    @Test
    void aDivergingRunLeavesAnExistingStoreAsItWas() throws Exception {
        // given: a store with one finished model
        assertEquals(0, Train.run(new String[] {"002", "--models", "1", "--epochs", "3", "--samples", "300"}));
        Path store = dir.resolve("results/quick/002");
        java.util.Map<String, String> before = DeterminismTest.storedBytes(store);
        // when: other settings that diverge, then the same settings again
        int refused = Train.run(new String[] {"002", "--models", "1", "--epochs", "3", "--samples", "300",
            "--lr", "1e30"});
        int again = Train.run(new String[] {"002", "--models", "1", "--epochs", "3", "--samples", "300"});
        // then
        assertEquals(2, refused);
        assertEquals(0, again, err.toString(StandardCharsets.UTF_8));
        assertEquals(before, DeterminismTest.storedBytes(store));
    }
}

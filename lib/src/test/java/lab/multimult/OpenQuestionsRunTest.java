package lab.multimult;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import lab.loop.Progress;
import lab.store.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenQuestionsRunTest {

    /** Every stage at toy size: 4 single-task units, widths 2 and 4 (keep 2 -> combined width 4). */
    private static final OpenQuestionsSettings TINY = new OpenQuestionsSettings(30, 1e-2, 200, 0.8, 4, 2,
            List.of(2, 4), 2, 2, 2, 10, List.of(1e-4, 1e-3), 1);

    @TempDir
    Path dir;

    @Test
    void theSameSettingsAndRngSeedsGiveByteIdenticalStores() throws IOException {
        // when
        OpenQuestionsRun.run(ResultStore.open(dir.resolve("a"), OpenQuestionsRun.guardedSettings(TINY)), TINY,
                Progress.silent());
        OpenQuestionsRun.run(ResultStore.open(dir.resolve("b"), OpenQuestionsRun.guardedSettings(TINY)), TINY,
                Progress.silent());
        // then
        Map<String, byte[]> a = files(dir.resolve("a"));
        Map<String, byte[]> b = files(dir.resolve("b"));
        assertEquals(a.keySet(), b.keySet());
        assertTrue(a.size() > 20, "only " + a.size() + " files stored");
        for (String name : a.keySet()) {
            assertArrayEquals(a.get(name), b.get(name), name + " differs");
        }
    }

    @Test
    void aRerunAfterALostModelTrainsOnlyThatModelAndGivesTheSameBytes() throws IOException {
        // given
        ResultStore store = ResultStore.open(dir.resolve("a"), OpenQuestionsRun.guardedSettings(TINY));
        OpenQuestionsRun.Outcome first = OpenQuestionsRun.run(store, TINY, Progress.silent());
        Map<String, byte[]> before = files(dir.resolve("a"));
        deleteTree(dir.resolve("a/runs/combine-l2-s0001"));
        // when
        OpenQuestionsRun.Outcome second = OpenQuestionsRun.run(store, TINY, Progress.silent());
        OpenQuestionsRun.Outcome third = OpenQuestionsRun.run(store, TINY, Progress.silent());
        // then: 2 tasks x 2 + 2 widths x 2 + 2 types x 2 coefficients x 1 + 3 regimes x 2 = 18 models
        assertEquals(18, first.trained());
        assertEquals(1, second.trained());
        assertEquals(0, third.trained());
        assertEquals(18, third.loaded());
        Map<String, byte[]> after = files(dir.resolve("a"));
        for (String name : before.keySet()) {
            assertArrayEquals(before.get(name), after.get(name), name + " differs");
        }
    }

    @Test
    void theCombinedModelStartsWithNoSharedNeuronAndNoOffBlockWeight() {
        // when
        OpenQuestionsResults r = OpenQuestionsRun.run(ResultStore.open(dir.resolve("a"),
                OpenQuestionsRun.guardedSettings(TINY)), TINY, Progress.silent()).results();
        CombineSummary none = CombineSummary.of(r, "none");
        // then
        assertArrayEquals(new double[] {0, 0}, none.bothStart());
        assertEquals(TINY.combineSeeds(), r.combined().get("l1").size());
        assertEquals(4, r.combined().get("none").get(0).member().hiddenUnits());
    }

    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                out.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted((x, y) -> y.getNameCount() - x.getNameCount()).forEach(f -> f.toFile().delete());
        }
    }
}

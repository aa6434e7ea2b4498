package lab.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import lab.loop.Progress;
import lab.profile.Profile;
import lab.store.ResultStore;
import lab.train.EnsembleMember;
import lab.train.EnsembleSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnsembleRunTest {

    private static final EnsembleSettings SMALL = EnsembleSettings.quick().withSamples(300).withEpochs(60);

    @TempDir
    Path dir;

    @Test
    void aSecondRunTrainsNothingAndLoadsTheSameModels() {
        // given
        EnsembleRun.Options options = new EnsembleRun.Options(3, 2, 2);
        ResultStore store = ResultStore.open(dir.resolve("a"), EnsembleRun.guardedSettings(SMALL));
        EnsembleRun.Outcome first = EnsembleRun.run(store, SMALL, options, Progress.silent());
        // when
        EnsembleRun.Outcome second = EnsembleRun.run(store, SMALL, options, Progress.silent());
        // then
        assertEquals(3, first.trained());
        assertEquals(0, second.trained());
        assertEquals(3, second.loaded());
        assertEquals(List.of("seed-0000", "seed-0001", "seed-0002"), store.keys());
        for (int m = 0; m < 3; m++) {
            assertSame(first.members().get(m), second.members().get(m));
        }
        assertTrue(second.summary(SMALL).startsWith("Loaded all 3 models"), second.summary(SMALL));
    }

    @Test
    void onlyMissingSeedsAreTrainedInTheirOwnChunks() {
        // given: seeds 0, 1 and 4 stored
        ResultStore store = ResultStore.open(dir.resolve("b"), EnsembleRun.guardedSettings(SMALL.withEpochs(2)));
        EnsembleRun.run(store, SMALL.withEpochs(2), new EnsembleRun.Options(2, 1, 1), Progress.silent());
        // when
        List<long[]> chunks = EnsembleRun.missingChunks(store, new EnsembleRun.Options(7, 3, 1));
        // then: chunk 0 = {0,1,2} misses 2; chunk 1 = {3,4,5} misses all; chunk 2 = {6}
        assertEquals(3, chunks.size());
        assertArrayEquals(new long[] {2}, chunks.get(0));
        assertArrayEquals(new long[] {3, 4, 5}, chunks.get(1));
        assertArrayEquals(new long[] {6}, chunks.get(2));
    }

    @Test
    void aRunKilledMidwayResumesWithOnlyTheMissingModelsAndTheSameNumbers() throws Exception {
        // given: a real run in another JVM, killed (SIGKILL) once it has stored its first model
        Path killed = dir.resolve("killed");
        Process p = startTrain(killed, "--models", "5", "--epochs", "60", "--samples", "300", "--chunk", "1",
                "--threads", "1");
        Path runs = killed.resolve("quick").resolve(EnsembleRun.EXPERIMENT).resolve("runs");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (stored(runs) < 1 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        p.destroyForcibly().waitFor();
        int before = stored(runs);
        assertTrue(before >= 1 && before < 5, "killed after " + before + " of 5 models");
        // when: rerun in this JVM
        ResultStore store = ResultStore.open(runs.getParent(), EnsembleRun.guardedSettings(SMALL));
        EnsembleRun.Outcome resumed = EnsembleRun.run(store, SMALL, new EnsembleRun.Options(5, 1, 1),
                Progress.silent());
        // then: only the missing ones were trained and the results equal an uninterrupted run
        assertEquals(5 - before, resumed.trained());
        assertEquals(before, resumed.loaded());
        ResultStore clean = ResultStore.open(dir.resolve("clean"), EnsembleRun.guardedSettings(SMALL));
        EnsembleRun.Outcome whole = EnsembleRun.run(clean, SMALL, new EnsembleRun.Options(5, 3, 2),
                Progress.silent());
        for (int m = 0; m < 5; m++) {
            assertSame(whole.members().get(m), resumed.members().get(m));
        }
    }

    @Test
    void aRunWithOtherSettingsIsRefusedNamingTheDifference() throws Exception {
        // given
        Path root = dir.resolve("guard");
        ResultStore.open(root.resolve("quick").resolve(EnsembleRun.EXPERIMENT), EnsembleRun.guardedSettings(SMALL))
                .saveCheckpoint("k", lab.store.Entry.builder().putValue("epochs_done", 1).build());
        // when
        Process p = startTrain(root, "--models", "1", "--epochs", "40", "--samples", "300");
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        // then
        assertEquals(2, p.waitFor());
        assertTrue(err.contains("epochs: stored 60, asked 40"), err);
        assertFalse(err.contains("samples:"), err);
        assertEquals(0, stored(root.resolve("quick").resolve(EnsembleRun.EXPERIMENT).resolve("runs")));
    }

    private static void assertSame(EnsembleMember a, EnsembleMember b) {
        assertEquals(a.seed(), b.seed());
        assertArrayEquals(a.validationLoss(), b.validationLoss(), "seed " + a.seed());
        assertArrayEquals(a.trainLoss(), b.trainLoss(), "seed " + a.seed());
        for (int l = 0; l < 2; l++) {
            assertArrayEquals(a.weights().get(l).weight(), b.weights().get(l).weight(), "seed " + a.seed());
            assertArrayEquals(a.weights().get(l).bias(), b.weights().get(l).bias(), "seed " + a.seed());
        }
    }

    private static Process startTrain(Path results, String... options) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
                "-cp", System.getProperty("java.class.path"), "lab.run.Train", "002"));
        cmd.addAll(List.of(options));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put(ResultStore.VARIABLE, results.toString());
        pb.environment().put(Profile.VARIABLE, "quick");
        return pb.start();
    }

    private static int stored(Path runs) throws IOException {
        if (!Files.isDirectory(runs)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(runs)) {
            return (int) s.filter(p -> p.getFileName().toString().startsWith("seed-")).count();
        }
    }
}

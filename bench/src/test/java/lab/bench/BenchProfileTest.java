package lab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import lab.loop.IntraOpThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchProfileTest {

    @TempDir
    Path dir;

    @AfterEach
    void backToOneThread() {
        IntraOpThreads.use(1); // the count is per JVM and libtorch's per native thread: later tests train on one
        JniUtils.setNumThreads(1);
    }

    @Test
    void sweepProfileOnTwoThreadsTrainsOnThemAndWritesTheTrace() throws IOException {
        // given a small mt run and a trace file
        Path trace = dir.resolve("trace.json");

        // when it is profiled on two intra-op threads
        Map<String, Object> row = BenchProfile.sweep("mt", 16, 1, 1, 2, trace);

        // then the row says two, the trainer (this thread) ran libtorch on two, and the trace holds the step's ops
        assertEquals(2, row.get("threads"));
        assertEquals(2, JniUtils.getNumThreads());
        String json = Files.readString(trace);
        assertTrue(json.contains("aten::mm") || json.contains("aten::addmm"), "no matmul in the trace");
        assertTrue((double) row.get("per_epoch_seconds_profiled") > 0);
    }

    @Test
    void zeroThreadsAreRefusedNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchProfile.sweep("mt", 16, 1, 1, 0, dir.resolve("never.json")));

        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("never.json")));
    }
}

package lab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    /** Records what a kernel would be asked to show. */
    private static final class RecordingFrontend implements Frontend {
        final List<String> calls = new ArrayList<>();

        @Override
        public String show(Output output) {
            calls.add("show " + output.plain());
            return "id-1";
        }

        @Override
        public void update(String id, Output output) {
            calls.add("update " + id + " " + output.plain());
        }

        @Override
        public boolean updatesInPlace() {
            return true;
        }
    }

    private static final long MS = 1_000_000L;

    @Test
    void firstReportShowsAndLaterOnesUpdateTheSameDisplayInPlace() {
        // given
        RecordingFrontend frontend = new RecordingFrontend();
        AtomicLong now = new AtomicLong(0);
        ProgressLine line = new ProgressLine("train", frontend, now::get);

        // when
        line.update(1, 4, "");
        now.set(600 * MS);
        line.update(2, 4, "");

        // then
        assertEquals(List.of(
                "show train: [#####---------------] 1/4 (25%), 0 s",
                "update id-1 train: [##########----------] 2/4 (50%), 0 s"), frontend.calls);
    }

    @Test
    void reportsWithinHalfASecondOfTheLastShownOneAreDropped() {
        // given
        RecordingFrontend frontend = new RecordingFrontend();
        AtomicLong now = new AtomicLong(0);
        ProgressLine line = new ProgressLine("t", frontend, now::get);

        // when: reports at 0, 100, 499, 500 and 700 ms
        line.update(1, 10, "");
        now.set(100 * MS);
        line.update(2, 10, "");
        now.set(499 * MS);
        line.update(3, 10, "");
        now.set(500 * MS);
        line.update(4, 10, "");
        now.set(700 * MS);
        line.update(5, 10, "");

        // then: only 0 ms and 500 ms were shown
        assertEquals(2, frontend.calls.size(), frontend.calls::toString);
        assertEquals("update id-1 t: [########------------] 4/10 (40%), 0 s", frontend.calls.get(1));
    }

    @Test
    void theFinalReportIsShownEvenInsideTheInterval() {
        // given
        RecordingFrontend frontend = new RecordingFrontend();
        AtomicLong now = new AtomicLong(0);
        ProgressLine line = new ProgressLine("t", frontend, now::get);

        // when
        line.update(0, 3, "start");
        now.set(10 * MS);
        line.update(3, 3, "loss 0.5");

        // then
        assertEquals("update id-1 t: [####################] 3/3 (100%) loss 0.5, 0 s", frontend.calls.get(1));
    }

    @Test
    void onAConsoleALineIsPrintedAtMostEveryTenSeconds() {
        // given
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        PlainFrontend console = new PlainFrontend(new java.io.PrintStream(bytes, true));
        AtomicLong now = new AtomicLong(0);
        ProgressLine line = new ProgressLine("t", console, now::get);

        // when: reports every second for 20 s
        for (int s = 0; s < 20; s++) {
            now.set(s * 1000 * MS);
            line.update(s, 100, "");
        }

        // then: at 0 s and 10 s
        assertEquals(List.of(
                "t: [--------------------] 0/100 (0%), 0 s",
                "t: [##------------------] 10/100 (10%), 10 s"), bytes.toString().lines().toList());
    }

    @Test
    void negativeCountsAreRejectedWithTheValuesInTheMessage() {
        // given
        ProgressLine line = new ProgressLine("t", new RecordingFrontend(), () -> 0L);

        // when
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> line.update(-1, 5, ""));

        // then
        assertEquals("progress -1 of 5 is negative", e.getMessage());
    }
}

package lab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {

    @Test
    void lineShowsUnitsDoneRateAndTimeLeft() {
        // given: 100 models of 4000 epochs, a quarter done in 30 s
        TerminalProgress bar = new TerminalProgress(System.out, "models", "model-epochs", 4000);
        // when
        String line = bar.line(100_000, 400_000, 30);
        // then: 3333 model-epochs/s, 300,000 left -> 90 s
        assertTrue(line.startsWith("[########......................] 25/100 models"), line);
        assertTrue(line.contains("| 3333 model-epochs/s |"), line);
        assertTrue(line.contains("ETA 1m30s"), line);
    }

    @Test
    void theLastReportEndsTheLine() {
        // given
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TerminalProgress bar = new TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                "models", "epochs", 10);
        // when
        bar.update(20, 20, "");
        // then
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("\r[##############################] 2/2 models"), out);
        assertTrue(out.endsWith("\n") || out.endsWith(System.lineSeparator()), out);
    }

    @Test
    void clockShowsMinutesFromAMinuteOn() {
        assertEquals("59s", TerminalProgress.clock(59.4));
        assertEquals("2m05s", TerminalProgress.clock(125));
    }
}

package lab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    record Task(int samples, double trainFraction) {}

    record Run(Task task, int[] widths, int epochs, double lr) {}

    @Test
    void nestedRecordsFlattenWithDottedNamesInDeclarationOrder() {
        // given
        Run run = new Run(new Task(10_000, 0.8), new int[] {4, 16, 2}, 4000, 0.01);
        // when
        Map<String, String> s = Settings.of(run);
        // then
        assertEquals(List.of("task.samples", "task.trainFraction", "widths", "epochs", "lr"), List.copyOf(s.keySet()));
        assertEquals("10000", s.get("task.samples"));
        assertEquals("[4, 16, 2]", s.get("widths"));
        assertEquals("0.01", s.get("lr"));
    }

    @Test
    void differencesListOnlyTheSettingsThatDiffer() {
        // given
        Map<String, String> stored = Map.of("epochs", "4000", "lr", "0.01");
        Map<String, String> asked = Map.of("epochs", "4000", "lr", "0.02");
        // when / then
        assertEquals(List.of("lr: stored 0.01, asked 0.02"), Settings.differences(stored, asked));
        assertEquals(List.of(), Settings.differences(stored, stored));
    }
}

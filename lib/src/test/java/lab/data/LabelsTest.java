package lab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void aLabelIsTheLowerCaseNameAndParsesBackIgnoringCaseAndSpaces() {
        // given / when / then
        assertEquals("seconds", Labels.of(TimeUnit.SECONDS));
        assertEquals(TimeUnit.SECONDS, Labels.parse(TimeUnit.class, " Seconds ", "unit"));
    }

    @Test
    void aBadValueIsNamedWithEveryLabelAllowed() {
        // when
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Labels.parse(Thread.State.class, "asleep", "state"));

        // then
        assertEquals("state 'asleep' is not one of new, runnable, blocked, waiting, timed_waiting, terminated",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Labels.parse(Thread.State.class, null, "state"));
    }
}

package lab.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThrottleTest {

    @Test
    void letsThroughTheFirstTheLastAndOneReportPerInterval() {
        // given
        Throttle throttle = new Throttle(Duration.ofNanos(100));
        // when / then
        assertTrue(throttle.due(1_000, false));
        assertFalse(throttle.due(1_050, false));
        assertTrue(throttle.due(1_060, true));
        assertFalse(throttle.due(1_100, false));
        assertTrue(throttle.due(1_160, false));
    }

    @Test
    void progressSumAddsTheIncreaseOfEachPart() {
        // given
        List<Long> seen = new ArrayList<>();
        ProgressSum sum = new ProgressSum((done, total, note) -> seen.add(done), 30);
        Progress a = sum.part();
        Progress b = sum.part();
        // when
        sum.add(10, "loaded");
        a.update(4, 10, "");
        b.update(5, 10, "");
        a.update(10, 10, "");
        b.update(10, 10, "");
        // then
        assertEquals(List.of(10L, 14L, 19L, 25L, 30L), seen);
    }
}

package lab.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class WorkersTest {

    @Test
    void resultsComeInTheOrderOfTheTasks() {
        try (Workers workers = new Workers("test-worker", 2)) {
            List<Future<Integer>> futures = List.of(workers.submit(() -> 1), workers.submit(() -> 2),
                    workers.submit(() -> 3));
            assertEquals(List.of(1, 2, 3), workers.results(futures));
        }
    }

    @Test
    void aTasksOwnExceptionReachesTheCaller() {
        // given
        IllegalArgumentException thrown = new IllegalArgumentException("bad width");
        try (Workers workers = new Workers("test-worker", 1)) {
            Future<Object> f = workers.submit(() -> {
                throw thrown;
            });
            // when
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> workers.results(List.of(f)));
            // then
            assertSame(thrown, e);
        }
    }
}

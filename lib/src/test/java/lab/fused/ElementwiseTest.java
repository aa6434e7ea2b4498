package lab.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import lab.loop.IntraOpThreads;
import org.junit.jupiter.api.Test;

class ElementwiseTest {

    /** Returns the names of the threads that ran a pass over enough elements to be split. */
    private static Set<String> threadsOfAPass() {
        Set<String> names = ConcurrentHashMap.newKeySet();
        Elementwise.split("test", 4 * Elementwise.MIN_SPLIT, (from, to) -> names.add(Thread.currentThread().getName()));
        return names;
    }

    @Test
    void aPassRunsOnTheThreadsGrantedToItsCallerAndOnOneAgainAfterwards() {
        IntraOpThreads.use(1);

        Set<String> granted = Elementwise.onThreads(2, ElementwiseTest::threadsOfAPass);
        Set<String> after = threadsOfAPass();

        assertEquals(2, granted.size());
        assertEquals(Set.of(Thread.currentThread().getName()), after);
    }

    @Test
    void aGrantOnOneThreadLeavesOtherThreadsOnTheirOwnCount() {
        IntraOpThreads.use(1);
        AtomicReference<Set<String>> other = new AtomicReference<>();

        Elementwise.onThreads(2, () -> {
            Thread t = new Thread(() -> other.set(threadsOfAPass()));
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });

        assertEquals(1, other.get().size());
    }
}

package lab.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    void aGrantOnOneThreadLeavesOtherThreadsOnTheirOwnCount() throws InterruptedException {
        IntraOpThreads.use(1);
        Set<String>[] other = new Set[1];

        Elementwise.onThreads(2, () -> {
            Thread t = new Thread(() -> other[0] = threadsOfAPass());
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });

        assertEquals(1, other[0].size());
    }
}

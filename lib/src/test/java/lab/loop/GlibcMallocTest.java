package lab.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Platform;
import org.junit.jupiter.api.Test;

class GlibcMallocTest {

    @Test
    void glibcAcceptsTheThresholdsOnLinuxAndTheCallIsIdempotent() {
        // given / when
        boolean first = GlibcMalloc.keepFreedMemory();
        boolean second = GlibcMalloc.keepFreedMemory();
        // then
        assertEquals(Platform.isLinux(), first);
        assertEquals(first, second);
    }
}

package lab.loop;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Keeps glibc's malloc from returning freed blocks to the system. libtorch allocates each step's arrays with
 * malloc; blocks of a few hundred KB (a [2, 16, 8000] float array is 1 MB) are above glibc's mmap threshold, so
 * every step mapped and unmapped fresh pages: measured here, ~70 page faults per model-epoch and a quarter of the
 * ensemble's CPU time in the kernel. Raising the mmap and trim thresholds makes freed blocks reusable (native
 * memory still stays flat: every step frees what it allocated). A no-op off Linux/glibc.
 */
public final class GlibcMalloc {

    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_THRESHOLD = -3;
    private static boolean done;

    private GlibcMalloc() {}

    /** The one C function used. */
    interface C extends Library {
        int mallopt(int param, int value);
    }

    /** Raises the thresholds once per JVM; returns whether glibc accepted both. */
    public static synchronized boolean keepFreedMemory() {
        if (done) {
            return true;
        }
        if (!Platform.isLinux()) {
            return false;
        }
        try {
            C c = Native.load("c", C.class);
            done = c.mallopt(M_MMAP_THRESHOLD, 64 << 20) == 1 && c.mallopt(M_TRIM_THRESHOLD, 256 << 20) == 1;
        } catch (LinkageError e) {
            done = false;
        }
        return done;
    }
}

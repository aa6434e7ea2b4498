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
 *
 * <p>New threads share the existing arenas ({@code M_ARENA_MAX} 1) instead of each getting its own. Why: with the
 * raised thresholds every arena keeps its freed blocks, and st's tower groups allocate on pool threads what the
 * trainer's thread frees, so each arena kept its own high-water mark. Measured (W2 st h=128 on 2 tower threads,
 * heap fixed, {@code bin/lab bench mem}): from epoch 1,000 to 10,000 VmRSS grew 125 MiB with an arena per thread
 * and 51 MiB with this setting (flat from epoch 3,000 to 9,000, then +29 MiB as other work started beside it).
 * Set here, the limit only stops new arenas: the pool threads still take the arenas the JVM made before. So every
 * Java process the project starts ({@code bin/lab}'s train, verify and kernelspecs, the bench, the Slurm script) also
 * gets {@code MALLOC_ARENA_MAX=1} in its environment, one arena from the start: {@code bin/lab bench mem} then read
 * 920.9 MiB at epoch 1,000 and 921.9 at 10,000 (0.117 s an epoch against the default's 0.115 in a side-by-side
 * run; W1's two workers timed the same within noise); this call covers a JVM started otherwise.
 * Allocation never changes a computed value.
 */
public final class GlibcMalloc {

    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_THRESHOLD = -3;
    private static final int M_ARENA_MAX = -8;
    private static boolean done;

    private GlibcMalloc() {}

    /** The one C function used. */
    interface C extends Library {
        int mallopt(int param, int value);
    }

    /** Raises the thresholds and shares the arenas, once per JVM; returns whether glibc accepted all three. */
    public static synchronized boolean keepFreedMemory() {
        if (done) {
            return true;
        }
        if (!Platform.isLinux()) {
            return false;
        }
        try {
            C c = Native.load("c", C.class);
            done = c.mallopt(M_MMAP_THRESHOLD, 64 << 20) == 1 && c.mallopt(M_TRIM_THRESHOLD, 256 << 20) == 1
                    && c.mallopt(M_ARENA_MAX, 1) == 1;
        } catch (LinkageError e) {
            done = false;
        }
        return done;
    }
}

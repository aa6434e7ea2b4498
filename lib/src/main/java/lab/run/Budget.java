package lab.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks, before anything trains or is written, that a run fits: its memory against the JVM's maximum heap and its
 * stored results against the free space where they go. A run that does not fit is refused with one sentence that
 * says how much it needs, how much there is, and the largest value of the option that fits.
 */
final class Budget {

    /** Share of the maximum heap a run may plan to use (the rest is the JVM's and the libraries'). */
    private static final double HEAP_SHARE = 0.7;

    private Budget() {}

    /**
     * Refuses a run whose estimate does not fit the heap.
     *
     * @param option the option that scales the estimate, e.g. {@code --models 2147483647}
     * @param bytes estimated bytes the run holds at once (saturated at Long.MAX_VALUE)
     * @param perUnit bytes per unit of that option, to name the largest value that fits
     */
    static void memory(String option, long bytes, long perUnit, long fixed) {
        long max = (long) (Runtime.getRuntime().maxMemory() * HEAP_SHARE);
        if (bytes > max) {
            long fits = perUnit > 0 ? Math.max(0, (max - fixed) / perUnit) : 0;
            throw new IllegalArgumentException(option + " needs about " + show(bytes) + " of memory, more than this "
                    + "JVM may use (" + show(max) + " of its " + show(Runtime.getRuntime().maxMemory()) + " heap); "
                    + "at most " + fits + " fit with the other options as given (or raise -Xmx through "
                    + "JAVA_TOOL_OPTIONS)");
        }
    }

    /** Refuses a run whose stored results would not fit the free space at {@code where} (or its nearest parent). */
    static void disk(Path where, long bytes) {
        for (Path p = where.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                try {
                    long free = Files.getFileStore(p).getUsableSpace();
                    if (bytes > free) {
                        throw new IllegalArgumentException("the results would need about " + show(bytes) + " in "
                                + where + ", and only " + show(free) + " is free there; free some space or point "
                                + "LAB_RESULTS elsewhere");
                    }
                } catch (IOException e) {
                    return; // free space unknown: the writes themselves report a full disk
                }
                return;
            }
        }
    }

    /** Returns a * b, or Long.MAX_VALUE when it overflows (an estimate only needs to be "too large"). */
    static long times(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Returns a + b, saturated at Long.MAX_VALUE. */
    static long plus(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }

    /** Returns bytes in readable units, e.g. {@code 1.5 GB}. */
    static String show(long bytes) {
        double v = bytes;
        String[] units = {"bytes", "KB", "MB", "GB", "TB", "PB", "EB"};
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** Returns {@code value} if it is in [min, max], else refuses it naming the option and the range. */
    static int range(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be " + min + ".." + max + ", got " + value);
        }
        return value;
    }
}

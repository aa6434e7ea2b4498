package lab.analysis;

/**
 * Counts of values in equal-width bins over [min, max]; values outside are clamped into the first or last bin
 * (so every value is counted), NaN is refused.
 *
 * @param min lower edge of the first bin
 * @param max upper edge of the last bin
 * @param counts values per bin, [bins]
 */
public record Histogram(double min, double max, long[] counts) {

    public Histogram {
        if (!(max > min) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("need finite min < max, got [" + min + ", " + max + "]");
        }
        if (counts.length < 1) {
            throw new IllegalArgumentException("need at least one bin");
        }
        counts = counts.clone();
    }

    /** Returns the histogram of the values in {@code bins} equal bins over [min, max]. */
    public static Histogram of(double[] values, double min, double max, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        long[] counts = new long[bins];
        Histogram h = new Histogram(min, max, counts);
        for (double v : values) {
            counts[h.bin(v)]++;
        }
        return new Histogram(min, max, counts);
    }

    /** Returns the histogram over the values' own range (a width-1 range around a single value). */
    public static Histogram of(double[] values, int bins) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to bin");
        }
        if (hi == lo) {
            lo -= 0.5;
            hi += 0.5;
        }
        return of(values, lo, hi, bins);
    }

    /** Returns the bin of a value, 0..bins-1, clamping values outside [min, max]. */
    public int bin(double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("cannot bin NaN");
        }
        int b = (int) Math.floor((value - min) / (max - min) * counts.length);
        return Math.max(0, Math.min(counts.length - 1, b));
    }

    /** Returns a copy of the counts, [bins]. */
    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** Returns the number of bins. */
    public int bins() {
        return counts.length;
    }

    /** Returns the bin centres, [bins]. */
    public double[] centres() {
        double[] c = new double[counts.length];
        double w = (max - min) / counts.length;
        for (int i = 0; i < c.length; i++) {
            c[i] = min + (i + 0.5) * w;
        }
        return c;
    }

    /** Returns the total count. */
    public long total() {
        long t = 0;
        for (long c : counts) {
            t += c;
        }
        return t;
    }
}

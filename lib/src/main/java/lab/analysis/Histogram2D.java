package lab.analysis;

/**
 * Counts of points {@code (x, y)} in a grid of equal bins over [xMin, xMax] x [yMin, yMax]; points outside are
 * clamped into the border bins.
 *
 * @param x the binning of the x values
 * @param y the binning of the y values
 * @param counts points per cell, [yBins, xBins] row-major (row = y bin)
 */
public record Histogram2D(Histogram x, Histogram y, long[] counts) {

    public Histogram2D {
        if (counts.length != x.bins() * y.bins()) {
            throw new IllegalArgumentException(counts.length + " counts do not fill " + y.bins() + " x " + x.bins());
        }
        counts = counts.clone();
    }

    /** Returns the 2-D histogram of the points in {@code bins x bins} cells over the given square. */
    public static Histogram2D of(double[] xs, double[] ys, double min, double max, int bins) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("xs has " + xs.length + " values, ys " + ys.length);
        }
        Histogram hx = Histogram.of(xs, min, max, bins);
        Histogram hy = Histogram.of(ys, min, max, bins);
        long[] counts = new long[bins * bins];
        for (int i = 0; i < xs.length; i++) {
            counts[hy.bin(ys[i]) * bins + hx.bin(xs[i])]++;
        }
        return new Histogram2D(hx, hy, counts);
    }

    /** Returns a copy of the counts, [yBins, xBins]. */
    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** Returns the count of cell (x bin, y bin). */
    public long count(int xBin, int yBin) {
        return counts[yBin * x.bins() + xBin];
    }
}

package lab.analysis;

/**
 * How much contribution sits at each orthogonality score: vectors binned by score over [0, 1], per bin the
 * number of vectors, the mean length |c| with its standard error, and the bin's share of the total |c|.
 *
 * @param scores the binning of the scores (counts = vectors per bin)
 * @param meanMagnitude mean |c| per bin, NaN for an empty bin, [bins]
 * @param standardError sample standard deviation / sqrt(count) per bin, NaN below two vectors, [bins]
 * @param share sum of |c| in the bin / sum of |c| over all vectors, [bins]
 */
public record ScoreBins(Histogram scores, double[] meanMagnitude, double[] standardError, double[] share) {

    public ScoreBins {
        int b = scores.bins();
        if (meanMagnitude.length != b || standardError.length != b || share.length != b) {
            throw new IllegalArgumentException("per-bin arrays must have " + b + " values");
        }
        meanMagnitude = meanMagnitude.clone();
        standardError = standardError.clone();
        share = share.clone();
    }

    /**
     * Returns the bins of these vectors.
     *
     * @param scores orthogonality score per vector, in [0, 1]
     * @param magnitudes |c| per vector
     * @param bins equal score bins over [0, 1]
     */
    public static ScoreBins of(double[] scores, double[] magnitudes, int bins) {
        if (scores.length != magnitudes.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + magnitudes.length + " magnitudes");
        }
        Histogram h = Histogram.of(scores, 0, 1, bins);
        double[] sum = new double[bins];
        double[] sumSq = new double[bins];
        double total = 0;
        for (int v = 0; v < scores.length; v++) {
            int b = h.bin(scores[v]);
            sum[b] += magnitudes[v];
            sumSq[b] += magnitudes[v] * magnitudes[v];
            total += magnitudes[v];
        }
        long[] n = h.counts();
        double[] mean = new double[bins];
        double[] se = new double[bins];
        double[] share = new double[bins];
        for (int b = 0; b < bins; b++) {
            mean[b] = n[b] == 0 ? Double.NaN : sum[b] / n[b];
            if (n[b] < 2) {
                se[b] = Double.NaN;
            } else {
                double var = Math.max(0, (sumSq[b] - n[b] * mean[b] * mean[b]) / (n[b] - 1));
                se[b] = Math.sqrt(var / n[b]);
            }
            share[b] = total == 0 ? 0 : sum[b] / total;
        }
        return new ScoreBins(h, mean, se, share);
    }

    @Override
    public double[] meanMagnitude() {
        return meanMagnitude.clone();
    }

    @Override
    public double[] standardError() {
        return standardError.clone();
    }

    @Override
    public double[] share() {
        return share.clone();
    }
}

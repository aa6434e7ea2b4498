package lab.train;

/**
 * What one sweep run found: the lowest per-batch training loss, the 1-based epoch it was seen in, the
 * per-epoch curve (mean of that epoch's batch losses, [epochs]) and the training time in seconds (summed
 * over resumed pieces).
 */
public record SweepResult(SweepSettings settings, float bestLoss, int bestEpoch, float[] curve, double seconds) {

    public SweepResult {
        if (settings == null) {
            throw new IllegalArgumentException("settings are required");
        }
        if (curve.length != settings.epochs()) {
            throw new IllegalArgumentException("curve has " + curve.length + " epochs, settings say " + settings.epochs());
        }
        if (bestEpoch < 1 || bestEpoch > settings.epochs()) {
            throw new IllegalArgumentException("best epoch " + bestEpoch + " outside 1.." + settings.epochs());
        }
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("seconds must be >= 0, got " + seconds);
        }
        curve = curve.clone();
    }

    /** Returns a copy of the per-epoch loss curve, [epochs]. */
    @Override
    public float[] curve() {
        return curve.clone();
    }

    /** Returns seconds per 1,000 epochs. */
    public double secondsPerThousandEpochs() {
        return seconds * 1000.0 / settings.epochs();
    }
}

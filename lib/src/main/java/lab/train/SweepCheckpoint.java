package lab.train;

/**
 * The full state of an unfinished sweep run after {@code epochsDone} epochs: flat parameters, the optimiser's
 * arrays (running gradient sum for the faithful setting, momentum buffer or Adam moments; empty when unused),
 * Adam's step count, the best loss so far and its epoch, the curve so far and the seconds spent. Resuming
 * from it gives the same numbers as an uninterrupted run because shuffling is drawn per epoch from the seed.
 */
public record SweepCheckpoint(SweepSettings settings, int epochsDone, float[] params, float[] gradientSum,
        float[] first, float[] second, long steps, float bestLoss, int bestEpoch, float[] curve, double seconds) {

    public SweepCheckpoint {
        if (settings == null) {
            throw new IllegalArgumentException("settings are required");
        }
        if (epochsDone < 0 || epochsDone > settings.epochs()) {
            throw new IllegalArgumentException("epochs done " + epochsDone + " outside 0.." + settings.epochs());
        }
        if (curve.length != epochsDone) {
            throw new IllegalArgumentException("curve has " + curve.length + " epochs, " + epochsDone + " are done");
        }
        params = params.clone();
        gradientSum = gradientSum.clone();
        first = first.clone();
        second = second.clone();
        curve = curve.clone();
    }

    @Override
    public float[] params() {
        return params.clone();
    }

    @Override
    public float[] gradientSum() {
        return gradientSum.clone();
    }

    @Override
    public float[] first() {
        return first.clone();
    }

    @Override
    public float[] second() {
        return second.clone();
    }

    @Override
    public float[] curve() {
        return curve.clone();
    }
}

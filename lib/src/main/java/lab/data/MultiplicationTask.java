package lab.data;

import java.util.SplittableRandom;

/**
 * Two multiplications side by side (seed 000): input {@code [a, b, c, d]}, target {@code [a*b, c*d]}.
 *
 * <p>Per task the product {@code y ~ U(0,1)} and {@code d ~ U(0.5,1)} are drawn, the factors are {@code y/d}
 * and {@code d}, and in a random half of the rows the two are swapped so both factors share one distribution
 * (each in [0, 2]). The two tasks are drawn independently; rows are shuffled and split into train and
 * validation.
 *
 * @param samples rows in all, train plus validation (10,000 in the seed)
 * @param trainFraction share of rows used for training, in (0, 1) (0.8 in the seed)
 */
public record MultiplicationTask(int samples, double trainFraction) {

    /** Input width: two pairs of factors. */
    public static final int INPUTS = 4;
    /** Output width: one product per task. */
    public static final int OUTPUTS = 2;

    public MultiplicationTask {
        if (samples < 2) {
            throw new IllegalArgumentException("samples must be >= 2, got " + samples);
        }
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("trainFraction must be in (0, 1), got " + trainFraction);
        }
        int train = (int) Math.round(samples * trainFraction);
        if (train < 1 || train >= samples) {
            throw new IllegalArgumentException("trainFraction " + trainFraction + " of " + samples
                    + " samples leaves an empty train or validation set");
        }
    }

    /** Returns the seed's setup: 10,000 samples, 80% for training. */
    public static MultiplicationTask seedSetup() {
        return new MultiplicationTask(10_000, 0.8);
    }

    /** Returns the number of training rows. */
    public int trainRows() {
        return (int) Math.round(samples * trainFraction);
    }

    /** Returns the number of validation rows. */
    public int validationRows() {
        return samples - trainRows();
    }

    /** Returns the data set drawn with this seed; the same seed always gives the same numbers. */
    public Split generate(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[samples * INPUTS];
        float[] y = new float[samples * OUTPUTS];
        for (int task = 0; task < OUTPUTS; task++) {
            drawTask(rng, x, y, task);
        }
        int[] order = Shuffle.permutation(samples, rng);
        int train = trainRows();
        return new Split(
                Rows.of(gather(x, order, 0, train, INPUTS), INPUTS),
                Rows.of(gather(y, order, 0, train, OUTPUTS), OUTPUTS),
                Rows.of(gather(x, order, train, samples, INPUTS), INPUTS),
                Rows.of(gather(y, order, train, samples, OUTPUTS), OUTPUTS));
    }

    private void drawTask(SplittableRandom rng, float[] x, float[] y, int task) {
        boolean[] swap = new boolean[samples];
        int[] order = Shuffle.permutation(samples, rng);
        for (int i = 0; i < samples / 2; i++) {
            swap[order[i]] = true;
        }
        for (int n = 0; n < samples; n++) {
            double product = rng.nextDouble();
            double d = rng.nextDouble(0.5, 1.0);
            double first = product / d;
            double second = d;
            if (swap[n]) {
                first = d;
                second = product / d;
            }
            x[n * INPUTS + 2 * task] = (float) first;
            x[n * INPUTS + 2 * task + 1] = (float) second;
            y[n * OUTPUTS + task] = (float) first * (float) second;
        }
    }

    private static float[] gather(float[] src, int[] order, int from, int to, int width) {
        float[] out = new float[(to - from) * width];
        for (int r = from; r < to; r++) {
            System.arraycopy(src, order[r] * width, out, (r - from) * width, width);
        }
        return out;
    }

    /** A train/validation split: inputs [rows, 4] and targets [rows, 2]. */
    public record Split(Rows trainInputs, Rows trainTargets, Rows validationInputs, Rows validationTargets) {}
}

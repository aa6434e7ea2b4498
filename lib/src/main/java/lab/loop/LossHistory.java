package lab.loop;

/**
 * Records each model's loss per epoch: the mean of the epoch's batch training losses (summed in double; with
 * one batch the loss itself) and the validation loss after its last batch.
 */
public final class LossHistory implements TrainingListener {

    private final float[][] training;
    private final float[][] validation;
    private final double[] sum;
    private int batches;

    /** Returns an empty history of {@code models} models over {@code epochs} epochs. */
    public LossHistory(int models, int epochs) {
        training = new float[models][epochs];
        validation = new float[models][epochs];
        sum = new double[models];
    }

    /** Returns a one-model history whose first epochs hold {@code done} (a resumed run's curve so far). */
    public static LossHistory resumed(float[] done, int epochs) {
        LossHistory h = new LossHistory(1, epochs);
        System.arraycopy(done, 0, h.training[0], 0, done.length);
        return h;
    }

    @Override
    public void onEpochStart(int epoch) {
        java.util.Arrays.fill(sum, 0);
        batches = 0;
    }

    @Override
    public void onBatchEnd(int epoch, int batch, Losses losses) {
        float[] t = losses.training();
        for (int m = 0; m < t.length; m++) {
            sum[m] += t[m];
        }
        batches++;
        if (losses.validation() != null) {
            float[] v = losses.validation();
            for (int m = 0; m < v.length; m++) {
                validation[m][epoch - 1] = v[m];
            }
        }
    }

    @Override
    public void onEpochEnd(int epoch) {
        for (int m = 0; m < sum.length; m++) {
            training[m][epoch - 1] = (float) (sum[m] / batches);
        }
    }

    /** Returns model m's training loss per epoch, [epochs] (the live array: copy before keeping). */
    public float[] training(int m) {
        return training[m];
    }

    /** Returns model m's validation loss per epoch, [epochs] (the live array: copy before keeping). */
    public float[] validation(int m) {
        return validation[m];
    }
}

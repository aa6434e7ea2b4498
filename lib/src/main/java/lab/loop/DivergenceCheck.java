package lab.loop;

import java.util.function.IntFunction;

/**
 * The one non-finite guard (DJL's {@code DivergenceCheckTrainingListener}): throws a
 * {@link NonFiniteLossException} naming the model, the epoch and the value the moment a training or validation
 * loss is NaN or infinite, so nothing of a diverged run is stored.
 */
public final class DivergenceCheck implements TrainingListener {

    private final IntFunction<String> model;

    /** @param model names model m of a batch for the message, e.g. {@code "the model of seed 3"} */
    public DivergenceCheck(IntFunction<String> model) {
        this.model = model;
    }

    @Override
    public void onBatchEnd(int epoch, int batch, Losses losses) {
        float[] t = losses.training();
        float[] v = losses.validation();
        for (int m = 0; m < t.length; m++) {
            check("training", m, epoch, t[m]);
            if (v != null) {
                check("validation", m, epoch, v[m]);
            }
        }
    }

    private void check(String which, int m, int epoch, float loss) {
        if (!Float.isFinite(loss)) {
            throw new NonFiniteLossException(which, model.apply(m), epoch, loss);
        }
    }
}

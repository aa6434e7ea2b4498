package lab.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * torch.optim.Adam (betas 0.9/0.999, eps 1e-8, no weight decay) on one parameter array, in one call of DJL's fused
 * {@code adamUpdate} per step.
 *
 * <p>Written here because DJL's {@code Optimizer.adam()} adds eps to the uncorrected {@code sqrt(v)}, while PyTorch
 * adds it to {@code sqrt(v / (1 - beta2^t))}. The two agree when the kernel gets {@code eps * sqrt(1 - beta2^t)}
 * as its epsilon, which this class passes each step.
 */
public final class TorchAdam implements AutoCloseable {

    static final float BETA1 = 0.9f;
    static final float BETA2 = 0.999f;
    static final float EPSILON = 1e-8f;

    private final float learningRate;
    private final float rescale;
    private final NDArray mean;
    private final NDArray variance;
    private long steps;

    /**
     * Returns Adam for parameters of this shape, with moments at zero in {@code manager}.
     *
     * @param rescale factor the kernel applies to each gradient before the moments (1 for none)
     */
    public TorchAdam(NDManager manager, Shape shape, float learningRate, float rescale) {
        this(manager, shape, learningRate, rescale, null, null, 0);
    }

    /**
     * Returns Adam resumed after {@code steps} steps with the given moments (flat, as {@link #mean()} and
     * {@link #variance()} return them), or at zero when they are null.
     */
    public TorchAdam(NDManager manager, Shape shape, float learningRate, float rescale, float[] mean, float[] variance,
            long steps) {
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate " + learningRate + " must be positive and finite");
        }
        this.learningRate = learningRate;
        this.rescale = rescale;
        this.mean = moment(manager, shape, mean);
        this.variance = moment(manager, shape, variance);
        this.steps = steps;
    }

    private static NDArray moment(NDManager manager, Shape shape, float[] values) {
        if (values == null) {
            return manager.zeros(shape);
        }
        if (values.length != shape.size()) {
            throw new IllegalArgumentException("Adam moment has " + values.length + " values, parameters "
                    + shape.size());
        }
        return manager.create(values, shape);
    }

    /** Takes step t + 1: updates {@code params} in place from {@code gradient}; the gradient is left as it is. */
    public void step(NDArray params, NDArray gradient) {
        steps++;
        double coef1 = 1.0 - Math.pow(BETA1, steps);
        double coef2 = 1.0 - Math.pow(BETA2, steps);
        float corrected = (float) (learningRate * Math.sqrt(coef2) / coef1);
        float epsilon = (float) (EPSILON * Math.sqrt(coef2));
        params.getNDArrayInternal().adamUpdate(new NDList(params, gradient, mean, variance), new NDList(params),
                learningRate, corrected, 0f, rescale, -1f, BETA1, BETA2, epsilon, true, false);
    }

    /** Returns the number of steps taken. */
    public long steps() {
        return steps;
    }

    /** Returns the first moment, flat. */
    public float[] mean() {
        return mean.toFloatArray();
    }

    /** Returns the second moment, flat. */
    public float[] variance() {
        return variance.toFloatArray();
    }

    @Override
    public void close() {
        mean.close();
        variance.close();
    }
}

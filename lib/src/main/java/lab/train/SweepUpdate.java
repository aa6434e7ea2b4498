package lab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The optimiser of a sweep run applied in place to the flat parameter array, with PyTorch's update rules.
 * When gradients are not cleared (the faithful setting) the step's gradient is first added to a running sum
 * and the optimiser sees that sum, as PyTorch does when {@code zero_grad()} is never called.
 */
final class SweepUpdate implements AutoCloseable {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float ADAM_EPS = 1e-8f;

    private final SweepSettings settings;
    private final NDArray gradientSum;
    private final NDArray first;
    private final NDArray second;
    private long steps;
    private final NDArray lr;
    private final NDArray momentum;
    private final NDArray beta1;
    private final NDArray oneMinusBeta1;
    private final NDArray beta2;
    private final NDArray oneMinusBeta2;
    private final NDArray adamEps;

    /** Returns the update with the optimiser state from {@code from} (a checkpoint) or zeros when null. */
    SweepUpdate(SweepSettings settings, NDManager manager, long size, SweepCheckpoint from) {
        this.settings = settings;
        this.gradientSum = settings.clearGradients() ? null : state(manager, size, from == null ? null : from.gradientSum());
        this.first = state(manager, size, from == null ? null : from.first());
        this.second = settings.optimizer() == SweepOptimizer.ADAM
                ? state(manager, size, from == null ? null : from.second()) : null;
        this.steps = from == null ? 0 : from.steps();
        // Scalars made once: an op with a Java number makes and frees a native scalar every call.
        this.lr = manager.create(settings.learningRate());
        this.momentum = manager.create(settings.momentum());
        this.beta1 = manager.create(BETA1);
        this.oneMinusBeta1 = manager.create(1f - BETA1);
        this.beta2 = manager.create(BETA2);
        this.oneMinusBeta2 = manager.create(1f - BETA2);
        this.adamEps = manager.create(ADAM_EPS);
    }

    private static NDArray state(NDManager manager, long size, float[] values) {
        if (values == null || values.length == 0) {
            return manager.zeros(new ai.djl.ndarray.types.Shape(size));
        }
        if (values.length != size) {
            throw new IllegalArgumentException("optimiser state has " + values.length + " values, expected " + size);
        }
        return manager.create(values);
    }

    /** Applies one step with gradient {@code grad} ([size]) to {@code params} ([size]) in place. */
    void apply(NDArray params, NDArray grad) {
        steps++;
        NDArray g = grad;
        if (gradientSum != null) {
            gradientSum.addi(grad);
            g = gradientSum;
        }
        if (settings.optimizer() == SweepOptimizer.SGD) {
            first.muli(momentum).addi(g);
            params.subi(first.mul(lr));
        } else {
            first.muli(beta1).addi(g.mul(oneMinusBeta1));
            second.muli(beta2).addi(g.square().muli(oneMinusBeta2));
            double bc1 = 1 - Math.pow(BETA1, steps);
            double bc2 = 1 - Math.pow(BETA2, steps);
            NDArray denom = second.sqrt().divi((float) Math.sqrt(bc2)).addi(adamEps);
            params.subi(first.div(denom).muli((float) (settings.learningRate() / bc1)));
        }
    }

    long steps() {
        return steps;
    }

    float[] gradientSum() {
        return gradientSum == null ? new float[0] : gradientSum.toFloatArray();
    }

    float[] first() {
        return first.toFloatArray();
    }

    float[] second() {
        return second == null ? new float[0] : second.toFloatArray();
    }

    @Override
    public void close() {
        if (gradientSum != null) {
            gradientSum.close();
        }
        first.close();
        if (second != null) {
            second.close();
        }
    }
}

package lab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import lab.loop.TorchAdam;

/**
 * The optimiser of a sweep run applied in place to the flat parameter array, with PyTorch's update rules.
 * When gradients are not cleared (the faithful setting) the step's gradient is first added to a running sum
 * and the optimiser sees that sum, as PyTorch does when {@code zero_grad()} is never called.
 */
final class SweepUpdate implements AutoCloseable {

    private final NDArray gradientSum;
    /** SGD's momentum buffer; null with Adam. */
    private final NDArray buffer;
    /** torch.optim.Adam in one fused call; null with SGD. */
    private final TorchAdam adam;
    private long steps;
    private final NDArray lr;
    private final NDArray momentum;

    /** Returns the update with the optimiser state from {@code from} (a checkpoint) or zeros when null. */
    SweepUpdate(SweepSettings settings, NDManager manager, long size, SweepCheckpoint from) {
        this.gradientSum = settings.clearGradients() ? null : state(manager, size, from == null ? null : from.gradientSum());
        this.steps = from == null ? 0 : from.steps();
        if (settings.optimizer() == SweepOptimizer.ADAM) {
            this.buffer = null;
            this.adam = new TorchAdam(manager, new Shape(size), settings.learningRate(), 1f,
                    from == null ? null : saved(from.first()), from == null ? null : saved(from.second()), steps);
        } else {
            this.buffer = state(manager, size, from == null ? null : from.first());
            this.adam = null;
        }
        // Scalars made once: an op with a Java number makes and frees a native scalar every call.
        this.lr = manager.create(settings.learningRate());
        this.momentum = manager.create(settings.momentum());
    }

    /** Returns the saved values, or null (start at zero) when none were saved. */
    private static float[] saved(float[] values) {
        return values == null || values.length == 0 ? null : values;
    }

    private static NDArray state(NDManager manager, long size, float[] values) {
        if (saved(values) == null) {
            return manager.zeros(new Shape(size));
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
        if (adam != null) {
            adam.step(params, g);
        } else {
            buffer.muli(momentum).addi(g);
            params.subi(buffer.mul(lr));
        }
    }

    long steps() {
        return steps;
    }

    float[] gradientSum() {
        return gradientSum == null ? new float[0] : gradientSum.toFloatArray();
    }

    /** Returns SGD's momentum buffer or Adam's first moment. */
    float[] first() {
        return adam != null ? adam.mean() : buffer.toFloatArray();
    }

    /** Returns Adam's second moment, or nothing for SGD. */
    float[] second() {
        return adam != null ? adam.variance() : new float[0];
    }

    @Override
    public void close() {
        if (gradientSum != null) {
            gradientSum.close();
        }
        if (buffer != null) {
            buffer.close();
        }
        if (adam != null) {
            adam.close();
        }
    }
}

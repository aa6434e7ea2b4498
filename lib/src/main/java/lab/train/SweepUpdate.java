package lab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import lab.loop.IntraOpThreads;
import lab.loop.TorchAdam;

/**
 * The optimiser of a sweep run applied in place to the flat parameter array, with PyTorch's update rules.
 * When gradients are not cleared (the faithful setting) the step's gradient is first added to a running sum
 * and the optimiser sees that sum, as PyTorch does when {@code zero_grad()} is never called. SGD runs as one pass
 * ({@link SgdPass}); Adam as PyTorch's own fused step ({@link TorchAdam}).
 */
final class SweepUpdate implements AutoCloseable {

    private final NDArray gradientSum;
    /** SGD's momentum buffer; null with Adam. */
    private final NDArray buffer;
    /** SGD's update in one pass over the arrays; null with Adam. */
    private final SgdPass sgd;
    /** torch.optim.Adam in one fused call; null with SGD. */
    private final TorchAdam adam;
    private long steps;

    /** Returns the update with the optimiser state from {@code from} (a checkpoint) or zeros when null. */
    SweepUpdate(SweepSettings settings, NDManager manager, long size, SweepCheckpoint from) {
        this.gradientSum = settings.clearGradients() ? null : state(manager, size, from == null ? null : from.gradientSum());
        this.steps = from == null ? 0 : from.steps();
        if (settings.optimizer() == SweepOptimizer.ADAM) {
            this.buffer = null;
            this.sgd = null;
            this.adam = new TorchAdam(manager, new Shape(size), settings.learningRate(), 1f,
                    from == null ? null : saved(from.first()), from == null ? null : saved(from.second()), steps);
        } else {
            this.buffer = state(manager, size, from == null ? null : from.first());
            // as many threads as libtorch's ops would use: each element is computed alone, so no value changes
            this.sgd = new SgdPass(settings.momentum(), settings.learningRate(), IntraOpThreads.count());
            this.adam = null;
        }
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
        apply(params, new NDList(grad));
    }

    /**
     * Applies one step in place to {@code params} ([size], a whole array) with the gradient {@code parts} laid end
     * to end (flat, in the parameters' order): SGD reads the parts where they are, Adam gets them joined.
     */
    void apply(NDArray params, NDList parts) {
        steps++;
        if (sgd != null) {
            sgd.apply(params, gradientSum, buffer, parts);
            return;
        }
        NDArray g = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts);
        if (gradientSum != null) {
            gradientSum.addi(g);
            g = gradientSum;
        }
        adam.step(params, g);
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
            sgd.close();
        }
        if (adam != null) {
            adam.close();
        }
    }
}

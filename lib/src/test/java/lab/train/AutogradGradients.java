package lab.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import lab.model.TowerLayout;
import lab.model.TowerParams;
import lab.model.TowerPass;

/**
 * One training step's loss and gradient by DJL autograd through {@link TowerPass}: the reference the hand
 * backward is tested against (test code: every sweep network trains with the hand backward). The engine's
 * {@code GradientCollector} is global to the JVM, so calls are serialised on one lock.
 */
public final class AutogradGradients {

    private static final Object COLLECTOR = new Object();

    private AutogradGradients() {}

    /**
     * Returns {loss (scalar), gradient [layout size]} at the flat parameters {@code flat} for the indices
     * {@code idx} (int64 [B]) against {@code targets} ([2^bits, bits]); {@code dropMask} [B, bits] or null.
     * {@code flat} is not modified; new arrays belong to the caller's scope.
     */
    public static NDList lossAndGradient(TowerLayout layout, NDArray flat, NDArray idx, NDArray targets,
            NDArray dropMask) {
        synchronized (COLLECTOR) {
            // A fresh leaf each step: its gradient starts empty, and the caller's array never carries a graph.
            NDArray leaf = flat.duplicate();
            leaf.setRequiresGradient(true);
            NDArray loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                TowerParams params = layout.views(leaf);
                TowerPass pass = TowerPass.of(params);
                NDArray probs = pass.forward(params.embedding().get(idx), dropMask).probabilities();
                // L1, mean over batch and bits, as the hand backward takes it
                loss = probs.sub(pass.byOutput(targets.get(idx))).abs().mean();
                collector.backward(loss);
            }
            NDArray grad = leaf.getGradient();
            return new NDList(loss.stopGradient(), grad);
        }
    }
}

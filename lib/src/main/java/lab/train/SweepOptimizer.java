package lab.train;

import lab.data.Labels;

/** The optimisers the sweep's trainer applies to its flat parameter array, with PyTorch's update rules. */
public enum SweepOptimizer {
    /** {@code buf = momentum * buf + g; p -= lr * buf} (torch.optim.SGD, dampening 0, no Nesterov). */
    SGD,
    /** torch.optim.Adam with betas (0.9, 0.999), eps 1e-8, bias correction, no weight decay. */
    ADAM;

    /** Returns the lower-case name. */
    public String label() {
        return Labels.of(this);
    }

    /** Returns the optimiser with this label (case-insensitive), naming the bad value otherwise. */
    public static SweepOptimizer parse(String value) {
        return Labels.parse(SweepOptimizer.class, value, "optimizer");
    }

    @Override
    public String toString() {
        return label();
    }
}

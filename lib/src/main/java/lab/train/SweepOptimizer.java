package lab.train;

import lab.data.Labelled;

/** The optimisers the sweep's trainer applies to its flat parameter array, with PyTorch's update rules. */
public enum SweepOptimizer implements Labelled {
    /** {@code buf = momentum * buf + g; p -= lr * buf} (torch.optim.SGD, dampening 0, no Nesterov). */
    SGD,
    /** torch.optim.Adam with betas (0.9, 0.999), eps 1e-8, bias correction, no weight decay. */
    ADAM;

    @Override
    public String toString() {
        return label();
    }
}

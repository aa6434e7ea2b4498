package lab.train;

import java.util.Locale;

/** The optimisers the sweep's trainer applies to its flat parameter array, with PyTorch's update rules. */
public enum SweepOptimizer {
    /** {@code buf = momentum * buf + g; p -= lr * buf} (torch.optim.SGD, dampening 0, no Nesterov). */
    SGD,
    /** torch.optim.Adam with betas (0.9, 0.999), eps 1e-8, bias correction, no weight decay. */
    ADAM;

    /** Returns the lower-case name. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the optimiser with this label (case-insensitive), naming the bad value otherwise. */
    public static SweepOptimizer parse(String value) {
        for (SweepOptimizer s : values()) {
            if (s.label().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("optimizer '" + value + "' is not one of sgd, adam");
    }

    @Override
    public String toString() {
        return label();
    }
}

package lab.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The initial weights of a fully connected stack, one {@link LinearWeights} per layer, drawn as PyTorch's
 * defaults from a seed. Data and initialisation draw from different streams of the same seed, so changing
 * the data size never changes the starting weights.
 */
public final class MlpWeights {

    /** Mixed into the seed so initialisation never shares a stream with data generation. */
    private static final long INIT_STREAM = 0x6A09E667F3BCC909L;

    private MlpWeights() {}

    /**
     * Returns one layer per consecutive pair of widths, e.g. {@code {4, 16, 2}} gives [16x4] and [2x16].
     *
     * @param widths layer widths from input to output, at least two, each >= 1
     * @param seed the run's seed
     */
    public static List<LinearWeights> pytorchDefault(int[] widths, long seed) {
        if (widths.length < 2) {
            throw new IllegalArgumentException("need at least an input and an output width, got " + widths.length);
        }
        SplittableRandom rng = new SplittableRandom(seed ^ INIT_STREAM);
        List<LinearWeights> layers = new ArrayList<>();
        for (int i = 0; i + 1 < widths.length; i++) {
            layers.add(LinearWeights.pytorchDefault(widths[i], widths[i + 1], rng));
        }
        return List.copyOf(layers);
    }
}

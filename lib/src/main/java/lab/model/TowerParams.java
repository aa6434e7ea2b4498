package lab.model;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import java.util.Optional;

/**
 * The parameter arrays of a {@link TowerNet} by name (see {@link TowerLayout} for names and shapes).
 * Holds native arrays, so it is a working object of one run, never a stored result.
 */
public final class TowerParams {

    private final TowerNet.Spec spec;
    private final Map<String, NDArray> arrays;

    TowerParams(TowerNet.Spec spec, Map<String, NDArray> arrays) {
        this.spec = spec;
        this.arrays = Map.copyOf(arrays);
    }

    /** Returns the specification these parameters belong to. */
    public TowerNet.Spec spec() {
        return spec;
    }

    /** Returns the named array, e.g. {@code "weight1"} [T, h, h]. */
    public NDArray get(String name) {
        return Optional.ofNullable(arrays.get(name)).orElseThrow(
                () -> new IllegalArgumentException("no parameter '" + name + "'; have " + arrays.keySet()));
    }

    /** Returns the embedding, [V, D]. */
    public NDArray embedding() {
        return get("embedding");
    }

    /** Returns layer l's weights, [T, in, out]. */
    public NDArray weight(int l) {
        return get("weight" + l);
    }

    /** Returns layer l's bias, [T, 1, out]. */
    public NDArray bias(int l) {
        return get("bias" + l);
    }

    /** Returns hidden layer l's BatchNorm scale, [T, 1, h]. */
    public NDArray gamma(int l) {
        return get("gamma" + l);
    }

    /** Returns hidden layer l's BatchNorm shift, [T, 1, h]. */
    public NDArray beta(int l) {
        return get("beta" + l);
    }
}

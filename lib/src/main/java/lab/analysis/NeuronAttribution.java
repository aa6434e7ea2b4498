package lab.analysis;

import java.util.ArrayList;
import java.util.List;
import lab.data.AnalysisGrid;
import lab.model.LinearWeights;
import lab.model.MlpPass;

/**
 * Everything 001-multi-mult says about the hidden neurons of one two-output net on the analysis grid: activations,
 * contributions, mean contribution vectors, angles, orthogonality scores and roles. All arrays flat, row-major.
 *
 * @param points grid points (25 for the 5x5 grid)
 * @param hidden hidden units
 * @param activations post-ReLU activations, [points, hidden]
 * @param contrib contributions {@code act[n, j] * W2[k, j]}, [points, hidden, 2]
 * @param means mean contribution vectors, [hidden, 2]
 * @param roles one role per neuron, [hidden]
 */
public record NeuronAttribution(int points, int hidden, float[] activations, float[] contrib, float[] means,
        List<NeuronRole> roles) {

    /** The roles need exactly two outputs. */
    public static final int OUTPUTS = 2;

    public NeuronAttribution {
        if (activations.length != points * hidden || contrib.length != points * hidden * OUTPUTS
                || means.length != hidden * OUTPUTS || roles.size() != hidden) {
            throw new IllegalArgumentException("arrays do not match points=" + points + ", hidden=" + hidden);
        }
        activations = activations.clone();
        contrib = contrib.clone();
        means = means.clone();
        roles = List.copyOf(roles);
    }

    /**
     * Returns the attribution of a net on the grid from its activations and output weight.
     *
     * @param activations post-ReLU activations, [points, hidden]
     * @param w2 output weight, [2, hidden]
     */
    public static NeuronAttribution of(float[] activations, float[] w2, int points, int hidden) {
        float[] contrib = Contributions.of(activations, w2, points, hidden, OUTPUTS);
        float[] means = Contributions.meanVectors(contrib, points, hidden, OUTPUTS);
        List<NeuronRole> roles = new ArrayList<>();
        for (int j = 0; j < hidden; j++) {
            roles.add(NeuronRole.of(Contributions.column(activations, points, hidden, j),
                    means[j * OUTPUTS], means[j * OUTPUTS + 1]));
        }
        return new NeuronAttribution(points, hidden, activations, contrib, means, roles);
    }

    /** Returns the attribution of the 2-layer net with these weights on the grid (fed as [a, b, a, b]). */
    public static NeuronAttribution of(List<LinearWeights> weights, AnalysisGrid grid) {
        if (weights.size() != 2 || weights.get(1).out() != OUTPUTS) {
            throw new IllegalArgumentException("expected a 2-layer net with " + OUTPUTS + " outputs");
        }
        int hidden = weights.get(0).out();
        return of(MlpPass.hiddenActivations(weights, grid.inputs()), weights.get(1).weight(), grid.points(), hidden);
    }

    @Override
    public float[] activations() {
        return activations.clone();
    }

    @Override
    public float[] contrib() {
        return contrib.clone();
    }

    @Override
    public float[] means() {
        return means.clone();
    }

    /** Returns {@code contrib[., j, k]}, [points]. */
    public float[] contribution(int j, int k) {
        return Contributions.ofNeuron(contrib, points, hidden, OUTPUTS, j, k);
    }

    /** Returns neuron j's mean contribution to output k. */
    public double mean(int j, int k) {
        return means[j * OUTPUTS + k];
    }

    /** Returns neuron j's angle {@code atan2(c1, c0)} in radians. */
    public double angle(int j) {
        return Orthogonality.angle(mean(j, 0), mean(j, 1));
    }

    /** Returns neuron j's orthogonality score in [0, 1]. */
    public double score(int j) {
        return Orthogonality.score(mean(j, 0), mean(j, 1));
    }

    /** Returns how many neurons have this role. */
    public long count(NeuronRole role) {
        return roles.stream().filter(r -> r == role).count();
    }
}

package lab.multimult;

import java.util.ArrayList;
import java.util.List;
import lab.analysis.NeuronAttribution;
import lab.analysis.NeuronRole;
import lab.data.AnalysisGrid;
import lab.data.MultiplicationTask;
import lab.train.EnsembleMember;

/**
 * Question 3: each hidden neuron's attribution role (its mean contribution vector on the 5x5 grid) beside what
 * zeroing it does to each output's validation MSE ({@link Ablation}), and group ablations of all neurons of one
 * role.
 *
 * @param neurons one row per hidden neuron of every model
 * @param groups one row per model and role (out 0, out 1, both) with at least one neuron
 */
public record AblationStudy(List<Neuron> neurons, List<Group> groups) {

    /**
     * One neuron.
     *
     * @param source where the model comes from ("002", "capacity sweep")
     * @param c0 mean contribution to output 0 on the grid
     * @param d0 rise of output 0's validation MSE when the neuron is zeroed
     */
    public record Neuron(String source, long seed, int width, int neuron, NeuronRole attribution, Ablation.Role ablation,
            double c0, double c1, double d0, double d1) {

        /** Returns whether attribution and ablation say the same: silent = none, out k = out k, both = both. */
        public boolean agrees() {
            return switch (attribution) {
                case OUTPUT_0_ONLY -> ablation == Ablation.Role.OUTPUT_0_ONLY;
                case OUTPUT_1_ONLY -> ablation == Ablation.Role.OUTPUT_1_ONLY;
                case BOTH -> ablation == Ablation.Role.BOTH;
                case SILENT -> ablation == Ablation.Role.NONE;
            };
        }

        /** Returns the contribution angle atan2(|c1|, |c0|) in degrees, [0, 90]. */
        public double contributionDegrees() {
            return Math.toDegrees(Math.atan2(Math.abs(c1), Math.abs(c0)));
        }

        /** Returns the ablation angle ({@link Ablation#angleDegrees}), [0, 90]. */
        public double ablationDegrees() {
            return Ablation.angleDegrees(d0, d1);
        }
    }

    /** The rises of both outputs' validation MSE when all neurons of one attribution role are zeroed together. */
    public record Group(String source, long seed, int width, NeuronRole role, int count, double d0, double d1) {}

    /** Models of one origin and the data they were trained on. */
    public record Source(String label, List<EnsembleMember> members, MultiplicationTask task) {
        public Source {
            members = List.copyOf(members);
        }
    }

    /** Returns the study of every model of these sources. */
    public static AblationStudy of(List<Source> sources) {
        AnalysisGrid grid = AnalysisGrid.seedGrid();
        List<Neuron> neurons = new ArrayList<>();
        List<Group> groups = new ArrayList<>();
        for (Source src : sources) {
            for (EnsembleMember m : src.members()) {
                MultiplicationTask.Split split = src.task().generate(m.seed());
                NeuronAttribution a = NeuronAttribution.of(m.weights(), grid);
                double[][] rises = Ablation.single(m.weights(), split.validationInputs(), split.validationTargets());
                int hidden = a.hidden();
                for (int j = 0; j < hidden; j++) {
                    neurons.add(new Neuron(src.label(), m.seed(), hidden, j, a.roles().get(j),
                            Ablation.role(rises[j][0], rises[j][1]), a.means()[2 * j], a.means()[2 * j + 1],
                            rises[j][0], rises[j][1]));
                }
                for (NeuronRole role : List.of(NeuronRole.OUTPUT_0_ONLY, NeuronRole.OUTPUT_1_ONLY, NeuronRole.BOTH)) {
                    boolean[] mask = new boolean[hidden];
                    int count = 0;
                    for (int j = 0; j < hidden; j++) {
                        mask[j] = a.roles().get(j) == role;
                        count += mask[j] ? 1 : 0;
                    }
                    if (count > 0) {
                        double[] d = Ablation.group(m.weights(), split.validationInputs(), split.validationTargets(),
                                mask);
                        groups.add(new Group(src.label(), m.seed(), hidden, role, count, d[0], d[1]));
                    }
                }
            }
        }
        return new AblationStudy(neurons, groups);
    }

    /** Returns the neurons whose attribution role is not silent. */
    public List<Neuron> live() {
        return neurons.stream().filter(n -> n.attribution() != NeuronRole.SILENT).toList();
    }

    /** Returns the share of these neurons on which attribution and ablation agree; NaN for none. */
    public static double agreement(List<Neuron> neurons) {
        return neurons.isEmpty() ? Double.NaN
                : (double) neurons.stream().filter(Neuron::agrees).count() / neurons.size();
    }

    /** Returns how many neurons have attribution role {@code a} and ablation role {@code b}. */
    public long count(NeuronRole a, Ablation.Role b) {
        return neurons.stream().filter(n -> n.attribution() == a && n.ablation() == b).count();
    }

    /** Returns the group rows of one role. */
    public List<Group> groups(NeuronRole role) {
        return groups.stream().filter(g -> g.role() == role).toList();
    }
}

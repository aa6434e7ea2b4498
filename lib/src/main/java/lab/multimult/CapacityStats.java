package lab.multimult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lab.analysis.NeuronAttribution;
import lab.analysis.NeuronRole;
import lab.data.AnalysisGrid;
import lab.train.EnsembleMember;

/**
 * The capacity sweep per hidden width: validation MSE and the attribution roles (lab.analysis.NeuronRole on the
 * 5x5 grid) of every model.
 *
 * @param width hidden width
 * @param losses final validation MSE per model, [models]
 * @param roles count of each role per model, [models][4] in {@link NeuronRole} order (out 0, out 1, both, silent)
 */
public record CapacityStats(int width, double[] losses, int[][] roles) {

    /** Returns one row per width, ascending. */
    public static List<CapacityStats> of(Map<Integer, List<EnsembleMember>> sweep) {
        AnalysisGrid grid = AnalysisGrid.seedGrid();
        List<CapacityStats> rows = new ArrayList<>();
        sweep.keySet().stream().sorted().forEach(w -> {
            List<EnsembleMember> models = sweep.get(w);
            double[] losses = new double[models.size()];
            int[][] roles = new int[models.size()][NeuronRole.values().length];
            for (int m = 0; m < models.size(); m++) {
                losses[m] = models.get(m).finalValidationLoss();
                for (NeuronRole r : NeuronAttribution.of(models.get(m).weights(), grid).roles()) {
                    roles[m][r.ordinal()]++;
                }
            }
            rows.add(new CapacityStats(w, losses, roles));
        });
        return rows;
    }

    /** Returns the count of a role per model, [models]. */
    public double[] count(NeuronRole role) {
        double[] out = new double[roles.length];
        for (int m = 0; m < roles.length; m++) {
            out[m] = roles[m][role.ordinal()];
        }
        return out;
    }

    /** Returns the live (non-silent) neurons of each model, [models]. */
    public double[] live() {
        double[] out = new double[roles.length];
        for (int m = 0; m < roles.length; m++) {
            out[m] = width - roles[m][NeuronRole.SILENT.ordinal()];
        }
        return out;
    }

    /** Returns per model the share of live neurons that are orthogonal (serve one output), NaN without live ones. */
    public double[] orthogonalLive() {
        double[] out = new double[roles.length];
        for (int m = 0; m < roles.length; m++) {
            int live = width - roles[m][NeuronRole.SILENT.ordinal()];
            int one = roles[m][NeuronRole.OUTPUT_0_ONLY.ordinal()] + roles[m][NeuronRole.OUTPUT_1_ONLY.ordinal()];
            out[m] = live == 0 ? Double.NaN : (double) one / live;
        }
        return out;
    }

    /** Returns per model the share of live neurons whose role is "both", NaN without live ones. */
    public double[] bothShare() {
        double[] o = orthogonalLive();
        for (int m = 0; m < o.length; m++) {
            o[m] = 1 - o[m];
        }
        return o;
    }

    /** Returns the share of "both" over all live neurons of all models of this width pooled. */
    public double pooledBothShare() {
        double both = 0;
        double live = 0;
        for (int m = 0; m < roles.length; m++) {
            both += roles[m][NeuronRole.BOTH.ordinal()];
            live += width - roles[m][NeuronRole.SILENT.ordinal()];
        }
        return live == 0 ? Double.NaN : both / live;
    }
}

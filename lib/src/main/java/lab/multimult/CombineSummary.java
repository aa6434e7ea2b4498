package lab.multimult;

import java.util.List;
import lab.data.AnalysisGrid;
import lab.train.EnsembleMember;

/**
 * Question 5 for one fine-tuning regime: per RNG seed the loss right after combining, after fine-tuning, and of the
 * jointly trained model of the same width and RNG seed; "both" neurons and off-block share at the start and end.
 *
 * @param regime "none", "l1" or "l2"
 * @param coefficient its penalty coefficient
 * @param start validation MSE right after combining, [seeds]
 * @param end validation MSE after fine-tuning, [seeds]
 * @param joint validation MSE of the jointly trained 4-(2 keep)-2 model, [seeds]
 * @param bothStart "both" neurons right after combining, [seeds]
 * @param bothEnd "both" neurons after fine-tuning, [seeds]
 * @param offBlockEnd off-block share of the weight mass after fine-tuning, [seeds]
 */
public record CombineSummary(String regime, double coefficient, double[] start, double[] end, double[] joint,
        double[] bothStart, double[] bothEnd, double[] offBlockEnd) {

    /** Returns the summary of one regime of these results. */
    public static CombineSummary of(OpenQuestionsResults r, String regime) {
        List<CombinedRun> runs = r.combined().get(regime);
        List<EnsembleMember> joint = r.jointBaseline();
        int n = runs.size();
        double[] start = new double[n];
        double[] end = new double[n];
        double[] j = new double[n];
        double[] bs = new double[n];
        double[] be = new double[n];
        double[] off = new double[n];
        AnalysisGrid grid = AnalysisGrid.seedGrid();
        for (int i = 0; i < n; i++) {
            CombinedRun c = runs.get(i);
            start[i] = c.startLoss();
            end[i] = c.finalLoss();
            j[i] = joint.get(i).finalValidationLoss();
            EnsembleMember a = r.single().get(0).get(i);
            EnsembleMember b = r.single().get(1).get(i);
            bs[i] = OpenQuestionsRun.bothCount(OpenQuestionsRun.combinedStart(r.settings(), a, b), grid);
            float[] both = c.both();
            be[i] = both[both.length - 1];
            float[] o = c.offBlockShare();
            off[i] = o[o.length - 1];
        }
        double coefficient = runs.isEmpty() ? 0 : runs.get(0).coefficient();
        return new CombineSummary(regime, coefficient, start, end, j, bs, be, off);
    }

    /** Returns in how many RNG seeds fine-tuning ended below the jointly trained model. */
    public int belowJoint() {
        int k = 0;
        for (int i = 0; i < end.length; i++) {
            k += end[i] < joint[i] ? 1 : 0;
        }
        return k;
    }

    /** Returns the per-epoch median over RNG seeds of one trace ("validation", "offBlock", "both"), [epochs]. */
    public static double[] medianTrace(List<CombinedRun> runs, String which) {
        int epochs = runs.get(0).validation0().length;
        double[] out = new double[epochs];
        double[] v = new double[runs.size()];
        float[][] traces = new float[runs.size()][];
        float[][] second = new float[runs.size()][];
        for (int i = 0; i < runs.size(); i++) {
            CombinedRun c = runs.get(i);
            switch (which) {
                case "validation" -> {
                    traces[i] = c.validation0();
                    second[i] = c.validation1();
                }
                case "offBlock" -> traces[i] = c.offBlockShare();
                case "both" -> traces[i] = c.both();
                default -> throw new IllegalArgumentException("unknown trace " + which
                        + "; use validation, offBlock or both");
            }
        }
        for (int e = 0; e < epochs; e++) {
            for (int i = 0; i < runs.size(); i++) {
                v[i] = second[i] == null ? traces[i][e] : (traces[i][e] + second[i][e]) / 2.0;
            }
            out[e] = Stats.median(v);
        }
        return out;
    }
}

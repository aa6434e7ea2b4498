package lab.multimult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lab.analysis.NeuronRole;

/**
 * The five answers of notebook 004 as sentences computed from the results, with the rules that turn numbers into
 * words stated in each.
 */
public final class Answers {

    /** Pruning keeps a task "intact" while its median validation MSE stays within this factor of the unpruned. */
    public static final double INTACT_FACTOR = 2.0;
    /** A partition half is "clean" when zeroing it hurts its task at least this many times more than the other. */
    public static final double CLEAN_RATIO = 10.0;
    /** |Spearman rho| at or above which the capacity sweep shows a trend. */
    public static final double TREND = 0.5;

    private Answers() {}

    /** Returns the smallest number of neurons kept whose median validation MSE is within the intact factor, 1-based. */
    public static int neuronsNeeded(double[][] curves) {
        int hidden = curves[0].length;
        double full = Stats.median(Stats.column(curves, hidden - 1));
        for (int k = 1; k <= hidden; k++) {
            if (Stats.median(Stats.column(curves, k - 1)) <= INTACT_FACTOR * full) {
                return k;
            }
        }
        return hidden;
    }

    /** Q1: how many neurons one multiplication needs. */
    public static String redundancy(double[][] curvesAb, double[][] curvesCd) {
        int hidden = curvesAb[0].length;
        int kAb = neuronsNeeded(curvesAb);
        int kCd = neuronsNeeded(curvesCd);
        return String.format(Locale.ROOT, "One multiplication needs about %d (a·b) and %d (c·d) of its %d hidden "
                + "neurons: keeping that many, ranked by mean |contribution| on the training rows, leaves the median "
                + "validation MSE within %.0fx of the unpruned net (a·b %.2e vs %.2e, c·d %.2e vs %.2e, over %d RNG "
                + "seeds), so %d to %d neurons of a single-task net are redundant.",
                kAb, kCd, hidden, INTACT_FACTOR, Stats.median(Stats.column(curvesAb, kAb - 1)),
                Stats.median(Stats.column(curvesAb, hidden - 1)), Stats.median(Stats.column(curvesCd, kCd - 1)),
                Stats.median(Stats.column(curvesCd, hidden - 1)), curvesAb.length, hidden - Math.max(kAb, kCd),
                hidden - Math.min(kAb, kCd));
    }

    /** Returns Spearman's rho between width and the pooled share of "both" among live neurons. */
    public static double sharingTrend(List<CapacityStats> rows) {
        double[] w = rows.stream().mapToDouble(CapacityStats::width).toArray();
        double[] s = rows.stream().mapToDouble(CapacityStats::pooledBothShare).toArray();
        return Stats.spearman(w, s);
    }

    /** Q2: whether sharing rises as the hidden layer shrinks. */
    public static String sharing(List<CapacityStats> rows) {
        double rho = sharingTrend(rows);
        String verdict = rho <= -TREND ? "rises as the hidden layer shrinks"
                : rho >= TREND ? "falls as the hidden layer shrinks (it rises with width)"
                : "shows no clear trend with width";
        CapacityStats first = rows.get(0);
        CapacityStats last = rows.get(rows.size() - 1);
        return String.format(Locale.ROOT, "The share of live neurons that serve both products %s: %.0f%% at width "
                + "%d, %.0f%% at width %d (pooled over RNG seeds; Spearman rho between width and share %.2f over %d "
                + "widths, a trend when |rho| >= %.1f).", verdict, 100 * first.pooledBothShare(), first.width(),
                100 * last.pooledBothShare(), last.width(), rho, rows.size(), TREND);
    }

    /** Q3: how often attribution roles hold under ablation. */
    public static String ablation(AblationStudy study) {
        List<AblationStudy.Neuron> live = study.live();
        long worstCount = -1;
        String worst = "";
        for (NeuronRole a : NeuronRole.values()) {
            for (Ablation.Role b : Ablation.Role.values()) {
                long n = study.count(a, b);
                boolean agree = new AblationStudy.Neuron("", 0, 0, 0, a, b, 0, 0, 0, 0).agrees();
                if (!agree && n > worstCount) {
                    worstCount = n;
                    worst = "\"" + a.label() + "\" by attribution but \"" + b.label() + "\" by ablation";
                }
            }
        }
        return String.format(Locale.ROOT, "Attribution and ablation agree on %.0f%% of live neurons (%d of %d) and "
                + "%.0f%% of all %d; the commonest disagreement is %s (%d neurons). Zeroing all out-0-only neurons "
                + "of a model raises output 0's validation MSE by a median %.2e and output 1's by %.2e; all "
                + "out-1-only: %.2e and %.2e; all \"both\": %.2e and %.2e.",
                100 * AblationStudy.agreement(live), live.stream().filter(AblationStudy.Neuron::agrees).count(),
                live.size(), 100 * AblationStudy.agreement(study.neurons()), study.neurons().size(), worst,
                worstCount, medianRise(study, NeuronRole.OUTPUT_0_ONLY, 0),
                medianRise(study, NeuronRole.OUTPUT_0_ONLY, 1), medianRise(study, NeuronRole.OUTPUT_1_ONLY, 0),
                medianRise(study, NeuronRole.OUTPUT_1_ONLY, 1), medianRise(study, NeuronRole.BOTH, 0),
                medianRise(study, NeuronRole.BOTH, 1));
    }

    /** Returns the median rise of one output over the group ablations of one role. */
    public static double medianRise(AblationStudy study, NeuronRole role, int output) {
        return Stats.median(study.groups(role).stream().mapToDouble(g -> output == 0 ? g.d0() : g.d1()).toArray());
    }

    /** Q4: whether attribution partitions the hidden layer into functionally separate parts. */
    public static String partition(List<Partition> parts, int models) {
        double[] worse = parts.stream().mapToDouble(Partition::worseRatio).toArray();
        long clean = parts.stream().filter(p -> p.worseRatio() >= CLEAN_RATIO).count();
        return String.format(Locale.ROOT, "Splitting each hidden layer by which output a neuron matters more to "
                + "(%d of %d models have both groups), zeroing a group hurts its own task a median %.1fx more than "
                + "the other for the less selective group (quartiles %.1fx to %.1fx); %d of %d models (%.0f%%) split "
                + "cleanly (both groups at least %.0fx).", parts.size(), models, Stats.median(worse),
                Stats.quantile(worse, 0.25), Stats.quantile(worse, 0.75), clean, parts.size(),
                parts.isEmpty() ? Double.NaN : 100.0 * clean / parts.size(), CLEAN_RATIO);
    }

    /** Q5: what prune-two-and-combine gives, the note's intuition held against it. */
    public static List<String> combine(List<CombineSummary> regimes) {
        List<String> out = new ArrayList<>();
        CombineSummary none = regimes.get(0);
        for (CombineSummary c : regimes) {
            out.add(String.format(Locale.ROOT, "%s: right after combining the median validation MSE is %.2e; after "
                    + "fine-tuning %.2e, against %.2e for jointly trained models of the same width and RNG seeds "
                    + "(below the joint model in %d of %d RNG seeds); \"both\" neurons %.1f -> %.1f (median), "
                    + "off-block share of the weight mass %.1f%% at the end.",
                    c.regime().equals("none") ? "No penalty" : c.regime().toUpperCase(Locale.ROOT) + " "
                            + String.format(Locale.ROOT, "%.0e", c.coefficient()),
                    Stats.median(c.start()), Stats.median(c.end()), Stats.median(c.joint()), c.belowJoint(),
                    c.end().length, Stats.median(c.bothStart()), Stats.median(c.bothEnd()),
                    100 * Stats.median(c.offBlockEnd())));
        }
        boolean mixed = Stats.median(none.bothEnd()) > Stats.median(none.bothStart())
                || Stats.median(none.offBlockEnd()) >= 0.05;
        boolean lower = Stats.median(none.end()) < Stats.median(none.joint());
        String intuition;
        if (!mixed) {
            intuition = "Without a penalty the two blocks barely mix (median \"both\" neurons do not rise and the "
                    + "off-block share stays under 5%), so the note's intuition is not tested by mixing: the "
                    + "combined model stays a local optimum of two separate parts";
        } else if (lower) {
            intuition = "Without a penalty the blocks mix and the fine-tuned model ends below the jointly trained "
                    + "one, against the note's intuition that mixing \"shouldn't result in a lower loss\"";
        } else {
            intuition = "Without a penalty the blocks mix but the fine-tuned model does not end below the jointly "
                    + "trained one, as the note's intuition expected";
        }
        double bothNone = Stats.median(none.bothEnd());
        List<String> more = new ArrayList<>();
        for (CombineSummary c : regimes.subList(1, regimes.size())) {
            more.add(String.format(Locale.ROOT, "%s %s (%.1f vs %.1f \"both\" neurons)",
                    c.regime().toUpperCase(Locale.ROOT), Stats.median(c.bothEnd()) > bothNone ? "adds sharing"
                            : "does not add sharing", Stats.median(c.bothEnd()), bothNone));
        }
        out.add(intuition + ". Regularisation and sharing: " + String.join("; ", more) + ".");
        return out;
    }
}

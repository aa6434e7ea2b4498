package lab.multimult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The recorded search for the L1 and L2 coefficients of the fine-tuning after combining: each coefficient of the
 * grid is tried on the search RNG seeds, and the largest one whose mean final validation MSE is at most
 * {@link OpenQuestionsRun#SEARCH_TOLERANCE} times that of no penalty on the same RNG seeds is chosen (the
 * strongest push towards sharing that the fit tolerates); when none qualifies, the smallest.
 */
public final class PenaltySearch {

    private PenaltySearch() {}

    /**
     * One tried coefficient.
     *
     * @param type "l1" or "l2"
     * @param coefficient the coefficient
     * @param meanLoss mean final validation MSE over the search RNG seeds
     * @param baseline mean final validation MSE without penalty over the same RNG seeds
     * @param meanBoth mean number of "both" neurons at the end
     */
    public record Row(String type, double coefficient, double meanLoss, double baseline, double meanBoth) {

        /** Returns whether the loss stays within the tolerance of no penalty. */
        public boolean tolerated() {
            return meanLoss <= OpenQuestionsRun.SEARCH_TOLERANCE * baseline;
        }
    }

    /** Returns the rows of the search, L1 then L2, coefficients ascending as in the grid. */
    static List<Row> rows(OpenQuestionsSettings s, Map<String, List<CombinedRun>> search, List<CombinedRun> none) {
        double baseline = none.stream().mapToDouble(CombinedRun::finalLoss).average().orElse(Double.NaN);
        List<Row> rows = new ArrayList<>();
        for (String type : List.of("l1", "l2")) {
            for (int c = 0; c < s.penaltyGrid().size(); c++) {
                List<CombinedRun> runs = search.get(type + "/" + c);
                double loss = runs.stream().mapToDouble(CombinedRun::finalLoss).average().orElse(Double.NaN);
                double both = runs.stream().mapToDouble(r -> r.both()[r.both().length - 1]).average().orElse(0);
                rows.add(new Row(type, s.penaltyGrid().get(c), loss, baseline, both));
            }
        }
        return rows;
    }

    /** Returns the chosen coefficient of a type ("l1" or "l2") by the rule of the class comment. */
    public static double chosen(List<Row> rows, String type) {
        double best = Double.NaN;
        double smallest = Double.POSITIVE_INFINITY;
        for (Row r : rows) {
            if (!r.type().equals(type)) {
                continue;
            }
            smallest = Math.min(smallest, r.coefficient());
            if (r.tolerated() && !(r.coefficient() <= best)) {
                best = r.coefficient();
            }
        }
        if (Double.isInfinite(smallest)) {
            throw new IllegalArgumentException("the search has no row of type " + type);
        }
        return Double.isNaN(best) ? smallest : best;
    }
}

package lab.multimult;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import lab.analysis.NeuronRole;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/** The tables of notebook 004: capacity sweep per width, the penalty search, attribution against ablation roles. */
public final class OpenQuestionsTables {

    private OpenQuestionsTables() {}

    /** Returns one row per width: models, validation MSE (median, quartiles), mean role counts, orthogonal share. */
    public static Table capacity(List<CapacityStats> rows) {
        int n = rows.size();
        Table t = Table.create("capacity sweep",
                IntColumn.create("width", rows.stream().mapToInt(CapacityStats::width).toArray()),
                IntColumn.create("models", rows.stream().mapToInt(r -> r.losses().length).toArray()),
                shown("median val MSE", rows.stream().mapToDouble(r -> Stats.median(r.losses())), "0.00E0"),
                shown("q1", rows.stream().mapToDouble(r -> Stats.quantile(r.losses(), 0.25)), "0.00E0"),
                shown("q3", rows.stream().mapToDouble(r -> Stats.quantile(r.losses(), 0.75)), "0.00E0"));
        for (NeuronRole role : NeuronRole.values()) {
            t.addColumns(shown("mean " + role.label(), rows.stream().mapToDouble(r -> Stats.mean(r.count(role))),
                    "0.0"));
        }
        t.addColumns(shown("both / live (pooled)", rows.stream().mapToDouble(CapacityStats::pooledBothShare), "0.00"));
        return n == 0 ? t.emptyCopy() : t;
    }

    /** Returns the recorded L1/L2 search, the chosen coefficient of each type marked. */
    public static Table search(List<PenaltySearch.Row> rows) {
        double l1 = PenaltySearch.chosen(rows, "l1");
        double l2 = PenaltySearch.chosen(rows, "l2");
        return Table.create("penalty search",
                StringColumn.create("penalty", rows.stream().map(PenaltySearch.Row::type).toArray(String[]::new)),
                shown("coefficient", rows.stream().mapToDouble(PenaltySearch.Row::coefficient), "0E0"),
                shown("mean val MSE", rows.stream().mapToDouble(PenaltySearch.Row::meanLoss), "0.00E0"),
                shown("no penalty", rows.stream().mapToDouble(PenaltySearch.Row::baseline), "0.00E0"),
                shown("mean both", rows.stream().mapToDouble(PenaltySearch.Row::meanBoth), "0.0"),
                StringColumn.create("within " + (int) OpenQuestionsRun.SEARCH_TOLERANCE + "x",
                        rows.stream().map(r -> r.tolerated() ? "yes" : "no").toArray(String[]::new)),
                StringColumn.create("chosen", rows.stream().map(r -> r.coefficient() == (r.type().equals("l1") ? l1 : l2)
                        ? "chosen" : "").toArray(String[]::new)));
    }

    /** Returns neuron counts by attribution role (rows) and ablation role (columns). */
    public static Table confusion(AblationStudy study) {
        NeuronRole[] roles = NeuronRole.values();
        Table t = Table.create("attribution vs ablation",
                StringColumn.create("attribution \\ ablation",
                        java.util.Arrays.stream(roles).map(NeuronRole::label).toArray(String[]::new)));
        for (Ablation.Role b : Ablation.Role.values()) {
            int[] counts = new int[roles.length];
            for (int i = 0; i < roles.length; i++) {
                counts[i] = (int) study.count(roles[i], b);
            }
            t.addColumns(IntColumn.create(b.label(), counts));
        }
        return t;
    }

    private static DoubleColumn shown(String name, java.util.stream.DoubleStream values, String pattern) {
        DoubleColumn c = DoubleColumn.create(name, values.toArray());
        c.setPrintFormatter(new NumberColumnFormatter(new DecimalFormat(pattern,
                DecimalFormatSymbols.getInstance(Locale.ROOT))));
        return c;
    }
}

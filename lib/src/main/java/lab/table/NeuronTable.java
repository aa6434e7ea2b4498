package lab.table;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import lab.analysis.NeuronAttribution;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/** 001-multi-mult's neuron table: one row per hidden neuron with its mean contribution vector, angle, score, role. */
public final class NeuronTable {

    private NeuronTable() {}

    /**
     * Returns a new table with columns neuron, mean c0, mean c1, angle (deg) = atan2(c1, c0) in degrees,
     * score (orthogonality, 1 = on an axis) and role, one row per hidden neuron in index order. Printed with 4, 1
     * and 3 decimals; the cells hold full precision.
     */
    public static Table of(NeuronAttribution attribution) {
        int hidden = attribution.hidden();
        int[] index = new int[hidden];
        double[] c0 = new double[hidden];
        double[] c1 = new double[hidden];
        double[] angle = new double[hidden];
        double[] score = new double[hidden];
        String[] role = new String[hidden];
        for (int j = 0; j < hidden; j++) {
            index[j] = j;
            c0[j] = attribution.mean(j, 0);
            c1[j] = attribution.mean(j, 1);
            angle[j] = Math.toDegrees(attribution.angle(j));
            score[j] = attribution.score(j);
            role[j] = attribution.roles().get(j).label();
        }
        return Table.create("hidden neurons",
                IntColumn.create("neuron", index),
                shown(DoubleColumn.create("mean c0", c0), "0.0000"),
                shown(DoubleColumn.create("mean c1", c1), "0.0000"),
                shown(DoubleColumn.create("angle (deg)", angle), "0.0"),
                shown(DoubleColumn.create("score", score), "0.000"),
                StringColumn.create("role", role));
    }

    /** Returns the column, printed with this pattern; the values keep full precision. */
    private static DoubleColumn shown(DoubleColumn column, String pattern) {
        column.setPrintFormatter(new NumberColumnFormatter(new DecimalFormat(pattern,
                DecimalFormatSymbols.getInstance(Locale.ROOT))));
        return column;
    }
}

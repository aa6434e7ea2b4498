package lab.table;

import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import lab.analysis.SweepGap;
import lab.model.TaskMode;
import lab.train.SweepResult;
import lab.train.SweepSetting;
import lab.train.SweepSettings;
import tech.tablesaw.aggregate.AggregateFunctions;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * The st-vs-mt sweep's tables. {@link #runs} holds the results as a Tablesaw table, one row per run; the gaps,
 * the comparison by width (faithful, corrected, the note), the conclusions and the costs are queries on it. The
 * optimiser search has its own table.
 */
public final class SweepTable {

    private static final String SETTING = "setting";
    private static final String MODE = "mode";
    private static final String WIDTH = "width";
    private static final String BEST = "best loss";
    private static final String EPOCH = "best epoch";
    private static final String SECONDS = "seconds";
    private static final String FLOPS = "flops per epoch";
    private static final String ST = "st";
    private static final String MT = "mt";
    private static final String GAP = "gap";

    private SweepTable() {}

    /**
     * Returns a new table of the runs, one row per run in the given order: setting, mode, width, seed, epochs,
     * best loss, best epoch, seconds (training time) and flops per epoch ({@link SweepGap#flopsPerEpoch} from the
     * run's own architecture: towers, bits, embedding width, layers, 2^bits samples).
     */
    public static Table runs(List<SweepResult> results) {
        Table t = Table.create("runs", StringColumn.create(SETTING), StringColumn.create(MODE), IntColumn.create(WIDTH),
                LongColumn.create("seed"), IntColumn.create("epochs"), DoubleColumn.create(BEST),
                IntColumn.create(EPOCH), DoubleColumn.create(SECONDS), DoubleColumn.create(FLOPS));
        for (SweepResult r : results) {
            SweepSettings s = r.settings();
            t.stringColumn(SETTING).append(s.setting().label());
            t.stringColumn(MODE).append(s.mode().label());
            t.intColumn(WIDTH).append(s.width());
            t.longColumn("seed").append(s.seed());
            t.intColumn("epochs").append(s.epochs());
            t.doubleColumn(BEST).append(r.bestLoss());
            t.intColumn(EPOCH).append(r.bestEpoch());
            t.doubleColumn(SECONDS).append(r.seconds());
            t.doubleColumn(FLOPS).append(flopsPerEpoch(s, s.width()));
        }
        return t;
    }

    /**
     * Returns a new table of the gaps of one setting: one row per width where both st and mt ran, ascending, with
     * st and mt best loss (mean over RNG seeds) and gap = mt - st; a pivot of {@link #runs} by width and mode.
     */
    public static Table gaps(List<SweepResult> results, SweepSetting setting) {
        Table runs = runs(results);
        Table mine = runs.where(runs.stringColumn(SETTING).isEqualTo(setting.label()));
        Table pivot = mine.pivot(WIDTH, MODE, BEST, AggregateFunctions.mean);
        Table t = Table.create(setting.label() + ": gap mt - st", IntColumn.create(WIDTH), DoubleColumn.create(ST),
                DoubleColumn.create(MT), DoubleColumn.create(GAP));
        if (!pivot.containsColumn(ST) || !pivot.containsColumn(MT)) {
            return t;
        }
        Table both = pivot.dropRowsWithMissingValues().sortAscendingOn(WIDTH);
        t.intColumn(WIDTH).append(both.intColumn(WIDTH));
        t.doubleColumn(ST).append(both.doubleColumn(ST));
        t.doubleColumn(MT).append(both.doubleColumn(MT));
        t.doubleColumn(GAP).append(both.doubleColumn(MT).subtract(both.doubleColumn(ST)));
        return t;
    }

    /**
     * Returns the gap chart's series for each setting that has a gap: "{setting} ({suffix})" -> {log2 widths,
     * gaps}, then the note's as "the note"; the shape {@code SweepCharts.gap} takes.
     */
    public static Map<String, double[][]> gapSeries(List<SweepResult> results, String suffix) {
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (SweepSetting s : SweepSetting.values()) {
            Table g = gaps(results, s);
            if (g.rowCount() > 0) {
                series.put(s.label() + " (" + suffix + ")", new double[][] {
                    SweepGap.log2(g.intColumn(WIDTH).asIntArray()), g.doubleColumn(GAP).asDoubleArray()});
            }
        }
        series.put("the note", new double[][] {SweepGap.log2(SweepGap.SEED_WIDTHS), SweepGap.seedGap()});
        return series;
    }

    /**
     * Returns a new table, one row per width found in the results or the note: for faithful, corrected and the
     * note, st best (epoch), mt best (epoch) and the gap mt - st; blank where a width did not run.
     */
    public static Table comparison(List<SweepResult> results) {
        TreeSet<Integer> widths = new TreeSet<>();
        results.forEach(r -> widths.add(r.settings().width()));
        for (int w : SweepGap.SEED_WIDTHS) {
            widths.add(w);
        }
        IntColumn width = IntColumn.create(WIDTH);
        IntColumn log2 = IntColumn.create("log2");
        List<StringColumn> cols = new ArrayList<>();
        for (String block : List.of("faithful", "corrected", "note")) {
            cols.add(StringColumn.create(block + " st (epoch)"));
            cols.add(StringColumn.create(block + " mt (epoch)"));
            cols.add(StringColumn.create(block + " gap"));
        }
        Table runs = runs(results);
        for (int w : widths) {
            width.append(w);
            log2.append(Integer.bitCount(w) == 1 ? Integer.numberOfTrailingZeros(w) : -1);
            int c = 0;
            for (SweepSetting s : SweepSetting.values()) {
                Table here = runs.where(runs.stringColumn(SETTING).isEqualTo(s.label())
                        .and(runs.intColumn(WIDTH).isEqualTo(w)));
                Table st = here.where(here.stringColumn(MODE).isEqualTo(TaskMode.ST.label()));
                Table mt = here.where(here.stringColumn(MODE).isEqualTo(TaskMode.MT.label()));
                cols.get(c++).append(st.isEmpty() ? "" : cell(st.doubleColumn(BEST).get(0), st.intColumn(EPOCH).get(0)));
                cols.get(c++).append(mt.isEmpty() ? "" : cell(mt.doubleColumn(BEST).get(0), mt.intColumn(EPOCH).get(0)));
                cols.get(c++).append(st.isEmpty() || mt.isEmpty() ? ""
                        : signed(mt.doubleColumn(BEST).get(0) - st.doubleColumn(BEST).get(0)));
            }
            int i = indexOf(SweepGap.SEED_WIDTHS, w);
            cols.get(c++).append(i < 0 ? "" : cell(SweepGap.SEED_ST[i], SweepGap.SEED_ST_EPOCH[i]));
            cols.get(c++).append(i < 0 ? "" : cell(SweepGap.SEED_MT[i], SweepGap.SEED_MT_EPOCH[i]));
            cols.get(c).append(i < 0 ? "" : signed(SweepGap.SEED_MT[i] - SweepGap.SEED_ST[i]));
        }
        Table t = Table.create("st vs mt: lowest per-batch training loss (epoch)", width, log2);
        cols.forEach(t::addColumns);
        return t;
    }

    /**
     * Returns the loss curves at one width, "{setting} {mode}" -> per-epoch loss, setting by setting, st before mt
     * (first RNG seed found); the shape {@code SweepCharts.curves} takes.
     */
    public static Map<String, float[]> curvesAt(List<SweepResult> results, int width) {
        Map<String, float[]> curves = new LinkedHashMap<>();
        for (SweepSetting s : SweepSetting.values()) {
            for (TaskMode m : TaskMode.values()) {
                SweepResult r = find(results, s, m, width);
                if (r != null) {
                    curves.put(s.label() + " " + m.label(), r.curve());
                }
            }
        }
        return curves;
    }

    /** Returns the result of this setting, mode and width (first RNG seed found), or null. */
    public static SweepResult find(List<SweepResult> results, SweepSetting setting, TaskMode mode, int width) {
        for (SweepResult r : results) {
            if (r.settings().setting() == setting && r.settings().mode() == mode && r.settings().width() == width) {
                return r;
            }
        }
        return null;
    }

    /**
     * Returns a new table of the corrected-optimiser search: one row per optimiser and learning rate, the best
     * loss (epoch) for each width and mode (with several seeds: their mean and range), and the mean over all its
     * runs; sorted as given.
     */
    public static Table search(List<SweepResult> results) {
        List<String> candidates = new ArrayList<>();
        TreeSet<Integer> widths = new TreeSet<>();
        for (SweepResult r : results) {
            String c = candidate(r);
            if (!candidates.contains(c)) {
                candidates.add(c);
            }
            widths.add(r.settings().width());
        }
        StringColumn name = StringColumn.create("optimiser (gradients cleared)");
        List<StringColumn> cells = new ArrayList<>();
        for (int w : widths) {
            for (TaskMode m : TaskMode.values()) {
                cells.add(StringColumn.create(m.label() + " h=" + w));
            }
        }
        DoubleColumn mean = DoubleColumn.create("mean best");
        for (String c : candidates) {
            name.append(c);
            double sum = 0;
            int n = 0;
            int k = 0;
            for (int w : widths) {
                for (TaskMode m : TaskMode.values()) {
                    List<SweepResult> hits = new ArrayList<>();
                    for (SweepResult r : results) {
                        if (candidate(r).equals(c) && r.settings().width() == w && r.settings().mode() == m) {
                            hits.add(r);
                        }
                    }
                    cells.get(k++).append(searchCell(hits));
                    for (SweepResult hit : hits) {
                        sum += hit.bestLoss();
                        n++;
                    }
                }
            }
            mean.append(n == 0 ? Double.NaN : Math.round(sum / n * 1e4) / 1e4);
        }
        Table t = Table.create("corrected setting: optimiser search (lowest per-batch loss, epoch)", name);
        cells.forEach(t::addColumns);
        return t.addColumns(mean);
    }

    /** One run: "loss (epoch)"; several seeds: their mean and range, e.g. "0.0232 (0.0210-0.0260, 3 seeds)". */
    private static String searchCell(List<SweepResult> hits) {
        if (hits.isEmpty()) {
            return "";
        }
        if (hits.size() == 1) {
            return cell(hits.get(0).bestLoss(), hits.get(0).bestEpoch());
        }
        DoubleSummaryStatistics st = hits.stream().mapToDouble(SweepResult::bestLoss).summaryStatistics();
        return String.format(Locale.ROOT, "%.4f (%.4f-%.4f, %d seeds)", st.getAverage(), st.getMin(), st.getMax(),
                st.getCount());
    }

    private static String candidate(SweepResult r) {
        return r.settings().optimizer().label() + " lr " + r.settings().learningRate()
                + (r.settings().optimizer().label().equals("sgd") ? " momentum " + r.settings().momentum() : "");
    }

    /**
     * Returns a new table of run costs, one row per width: the seconds one st and one mt run of {@code epochs}
     * epochs take here (printed as durations; the cells hold seconds) and how each was obtained. A width that ran
     * (faithful setting) is its own time scaled to {@code epochs}; any other width scales the widest narrower run
     * of the same mode by {@link SweepGap#flopsPerEpoch} (optimistic only if wider layers ran at a lower FLOP
     * rate, which they do not on CPU).
     */
    public static Table costs(List<SweepResult> results, int[] widths, int epochs) {
        Table runs = runs(results);
        Table faithful = runs.where(runs.stringColumn(SETTING).isEqualTo(SweepSetting.FAITHFUL.label()));
        IntColumn width = IntColumn.create(WIDTH);
        List<DoubleColumn> seconds = List.of(durations(DoubleColumn.create("st run")),
                durations(DoubleColumn.create("mt run")));
        List<StringColumn> how = List.of(StringColumn.create("st from"), StringColumn.create("mt from"));
        StringColumn where = StringColumn.create("where");
        for (int w : widths) {
            width.append(w);
            boolean ran = true;
            double hours = 0;
            int i = 0;
            for (TaskMode m : TaskMode.values()) {
                Table mode = faithful.where(faithful.stringColumn(MODE).isEqualTo(m.label()));
                Table own = mode.where(mode.intColumn(WIDTH).isEqualTo(w));
                Table narrower = mode.where(mode.intColumn(WIDTH).isLessThan(w)).sortDescendingOn(WIDTH);
                Table ref = own.isEmpty() ? narrower : own;
                if (ref.isEmpty()) {
                    seconds.get(i).appendMissing();
                    how.get(i++).append("");
                    ran = false;
                    continue;
                }
                int refEpochs = ref.intColumn("epochs").get(0);
                double scaled = ref.doubleColumn(SECONDS).get(0) * epochs / refEpochs;
                if (own.isEmpty()) {
                    SweepSettings refSettings = find(results, SweepSetting.FAITHFUL, m, ref.intColumn(WIDTH).get(0))
                            .settings();
                    scaled *= flopsPerEpoch(refSettings, w) / ref.doubleColumn(FLOPS).get(0);
                    how.get(i).append("estimate: width " + ref.intColumn(WIDTH).get(0) + " scaled by FLOPs");
                    ran = false;
                } else {
                    how.get(i).append(refEpochs == epochs ? "measured"
                            : "scaled from a " + refEpochs + "-epoch run here");
                }
                seconds.get(i++).append(scaled);
                hours = Math.max(hours, scaled / 3600);
            }
            where.append(ran ? "ran here" : hours <= 1.0 ? "feasible here (not in this profile)"
                    : "needs a GPU or a cluster");
        }
        return Table.create("cost of one run of " + epochs + " epochs on this 2-core machine", width,
                seconds.get(0), how.get(0), seconds.get(1), how.get(1), where);
    }

    /** Returns the column, printing its seconds as a {@link #duration}. */
    private static DoubleColumn durations(DoubleColumn column) {
        column.setPrintFormatter(new NumberColumnFormatter() {
            @Override
            public String format(double value) {
                return Double.isNaN(value) ? "" : duration(value);
            }
        });
        return column;
    }

    /** Returns the matmul FLOPs of one training epoch of this run's architecture at {@code width}. */
    private static double flopsPerEpoch(SweepSettings s, int width) {
        return SweepGap.flopsPerEpoch(width, s.mode().towers(s.bits()), s.mode().outputsPerTower(s.bits()),
                s.embeddingWidth(), s.layers(), 1 << s.bits());
    }

    /** Returns a duration in sensible units: "90 s", "30 min", "5.0 h", "10 days". */
    static String duration(double seconds) {
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 7200) {
            return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        }
        if (seconds < 172_800) {
            return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
        }
        return String.format(Locale.ROOT, "%.0f days", seconds / 86_400);
    }

    private static String cell(double loss, int epoch) {
        return String.format(Locale.ROOT, "%.4f (%d)", loss, epoch);
    }

    private static String signed(double v) {
        return String.format(Locale.ROOT, "%+.4f", v);
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Returns a plain-language conclusion for one setting: the gap at each width that ran and whether it grows
     * as the width shrinks (counted over neighbouring widths).
     */
    public static String conclusion(List<SweepResult> results, SweepSetting setting) {
        Table gaps = gaps(results, setting);
        if (gaps.isEmpty()) {
            return setting.label() + ": no width has both st and mt results yet.";
        }
        int[] w = gaps.intColumn(WIDTH).asIntArray();
        double[] g = gaps.doubleColumn(GAP).asDoubleArray();
        List<Double> gapList = gaps.doubleColumn(GAP).asList();
        int[] pairs = SweepGap.shrinkingPairs(w, g);
        StringBuilder s = new StringBuilder(setting.label()).append(": gap mt - st ");
        for (int i = 0; i < w.length; i++) {
            s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%+.4f at %d", g[i], w[i]));
        }
        boolean allPositive = gapList.stream().allMatch(x -> x > 0);
        s.append(". ").append(allPositive ? "mt ends worse than st at every width that ran"
                : "mt does not end worse at every width");
        s.append(String.format(Locale.ROOT, "; the gap is larger at the smaller width in %d of %d neighbouring pairs",
                pairs[0], pairs[1]));
        s.append(pairs[1] > 0 && pairs[0] == pairs[1] ? " (it grows steadily as capacity shrinks)."
                : pairs[0] * 2 > pairs[1] ? " (mostly growing as capacity shrinks)." : " (no steady growth).");
        return s.toString();
    }
}

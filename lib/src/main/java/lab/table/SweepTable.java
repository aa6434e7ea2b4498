package lab.table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import lab.analysis.SweepGap;
import lab.model.TaskMode;
import lab.train.SweepResult;
import lab.train.SweepSetting;
import lab.train.SweepSettings;
import lab.train.SweepVariant;
import tech.tablesaw.aggregate.AggregateFunctions;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;
import tech.tablesaw.selection.Selection;

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
    private static final String VARIANT = "variant";
    private static final String CANDIDATE = "candidate";
    private static final String SEED = "seed";
    private static final String EPOCHS = "epochs";
    private static final String SEEDS = "RNG seeds";
    private static final String ST_BEST = "st best";
    private static final String ST_EPOCH = "st best epoch";
    private static final String GAP_MIN = "gap min";
    private static final String GAP_MAX = "gap max";
    private static final String NOTE = "the note";
    private static final String PLAIN = SweepVariant.PLAIN.label();
    private static final String MEAN = "Mean";
    private static final String MIN = "Min";
    private static final String MAX = "Max";
    private static final String COUNT = "Count";

    private SweepTable() {}

    /**
     * Returns a new table of the runs, one row per run in the given order: setting, mode, variant (mt's variant,
     * {@code plain} for st), width, seed, epochs, best loss, best epoch, seconds (training time) and flops per epoch
     * ({@link SweepGap#flopsPerEpoch} from the run's own architecture: towers, bits, embedding width, layers, 2^bits
     * samples).
     */
    public static Table runs(List<SweepResult> results) {
        Table t = Table.create("runs", StringColumn.create(SETTING), StringColumn.create(MODE),
                StringColumn.create(VARIANT), IntColumn.create(WIDTH), LongColumn.create(SEED),
                IntColumn.create(EPOCHS), DoubleColumn.create(BEST), IntColumn.create(EPOCH),
                DoubleColumn.create(SECONDS), DoubleColumn.create(FLOPS));
        for (SweepResult r : results) {
            SweepSettings s = r.settings();
            SweepVariant v = SweepVariant.of(s);
            t.stringColumn(SETTING).append(s.setting().label());
            t.stringColumn(MODE).append(s.mode().label());
            t.stringColumn(VARIANT).append(v == null ? s.spec().describe() : v.label());
            t.intColumn(WIDTH).append(s.width());
            t.longColumn(SEED).append(s.seed());
            t.intColumn(EPOCHS).append(s.epochs());
            t.doubleColumn(BEST).append(r.bestLoss());
            t.intColumn(EPOCH).append(r.bestEpoch());
            t.doubleColumn(SECONDS).append(r.seconds());
            t.doubleColumn(FLOPS).append(flopsPerEpoch(s, s.width()));
        }
        return t;
    }

    /** Returns a new table of the rows of plain runs (st, and mt without a variant). */
    private static Table plain(Table runs) {
        return runs.where(runs.stringColumn(VARIANT).isEqualTo(PLAIN));
    }

    /**
     * Returns a new table with one row per mt run that has a plain st run of the same setting, width and RNG seed:
     * setting, width, seed, variant, st best, st best epoch, best loss and best epoch (mt's), gap = mt - st. Pairing by RNG seed keeps the data
     * and initial embedding equal on both sides of a gap.
     */
    public static Table pairedGaps(List<SweepResult> results) {
        Table runs = runs(results);
        Table plain = plain(runs);
        Table st = plain.where(plain.stringColumn(MODE).isEqualTo(ST)).selectColumns(SETTING, WIDTH, SEED, BEST,
                EPOCH);
        st.column(BEST).setName(ST_BEST);
        st.column(EPOCH).setName(ST_EPOCH);
        Table mt = runs.where(runs.stringColumn(MODE).isEqualTo(MT)).selectColumns(SETTING, WIDTH, SEED, VARIANT,
                BEST, EPOCH);
        Table paired = mt.joinOn(SETTING, WIDTH, SEED).inner(st);
        return paired.addColumns(paired.doubleColumn(BEST).subtract(paired.doubleColumn(ST_BEST)).setName(GAP))
                .setName("gap mt - st per RNG seed");
    }

    /**
     * Returns a new table, one row per setting, variant and width with paired runs: the number of RNG seeds, and
     * the mean, min and max over them of st best, mt best and the gap (columns "Mean [gap]", "Min [st best]", ...,
     * "Count [gap]"), sorted by setting, variant and width.
     */
    static Table gapStats(List<SweepResult> results) {
        Table paired = pairedGaps(results);
        return paired.summarize(List.of(ST_BEST, BEST, GAP, ST_EPOCH, EPOCH), AggregateFunctions.mean, AggregateFunctions.min,
                AggregateFunctions.max, AggregateFunctions.count).by(SETTING, VARIANT, WIDTH)
                .sortAscendingOn(SETTING, VARIANT, WIDTH);
    }

    private static String stat(String function, String column) {
        return function + " [" + column + "]";
    }

    /**
     * Returns a new table of the gaps of one setting (plain runs): one row per width where st and mt ran with the
     * same RNG seeds, ascending, with st and mt best loss (means over RNG seeds), gap = mean of the per-seed gaps
     * mt - st, its min and max over the RNG seeds, and the number of RNG seeds.
     */
    public static Table gaps(List<SweepResult> results, SweepSetting setting) {
        Table all = gapStats(results);
        Table mine = all.where(all.stringColumn(SETTING).isEqualTo(setting.label())
                .and(all.stringColumn(VARIANT).isEqualTo(PLAIN))).sortAscendingOn(WIDTH);
        return Table.create(setting.label() + ": gap mt - st (mean, min-max over RNG seeds)",
                mine.intColumn(WIDTH).copy(), mine.doubleColumn(stat(MEAN, ST_BEST)).copy().setName(ST),
                mine.doubleColumn(stat(MEAN, BEST)).copy().setName(MT),
                mine.doubleColumn(stat(MEAN, GAP)).copy().setName(GAP),
                mine.doubleColumn(stat(MIN, GAP)).copy().setName(GAP_MIN),
                mine.doubleColumn(stat(MAX, GAP)).copy().setName(GAP_MAX),
                mine.doubleColumn(stat(COUNT, GAP)).copy().asIntColumn().setName(SEEDS));
    }

    /**
     * Returns the gap chart's series for each setting that has a gap: "{setting} ({suffix}, n RNG seeds)" ->
     * {log2 widths, mean gaps, min gaps, max gaps} ({log2 widths, gaps} with one RNG seed), then the note's as "the note" ({log2 widths, gaps}); the shape
     * {@code SweepCharts.gap} takes.
     */
    public static Map<String, double[][]> gapSeries(List<SweepResult> results, String suffix) {
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (SweepSetting s : SweepSetting.values()) {
            Table g = gaps(results, s);
            if (g.rowCount() > 0) {
                int n = (int) g.intColumn(SEEDS).max();
                double[] x = SweepGap.log2(g.intColumn(WIDTH).asIntArray());
                double[] y = g.doubleColumn(GAP).asDoubleArray();
                // one RNG seed has no range to draw
                series.put(s.label() + " (" + suffix + ", " + seedsText(g.intColumn(SEEDS)) + ")", n == 1
                        ? new double[][] {x, y}
                        : new double[][] {x, y, g.doubleColumn(GAP_MIN).asDoubleArray(),
                            g.doubleColumn(GAP_MAX).asDoubleArray()});
            }
        }
        series.put("the note", new double[][] {SweepGap.log2(SweepGap.SEED_WIDTHS), SweepGap.seedGap()});
        return series;
    }

    /** Returns e.g. "1 RNG seed", "5 RNG seeds, min-max" or, while a sweep is under way, "2-5 RNG seeds, min-max". */
    private static String seedsText(NumericColumn<?> seedsPerCell) {
        int fewest = (int) seedsPerCell.min();
        int n = (int) seedsPerCell.max();
        return n == 1 ? "1 RNG seed" : (fewest == n ? "" : fewest + "-") + n + " RNG seeds, min-max";
    }

    /**
     * Returns a new table, one row per width and source (faithful, corrected, the note), widths ascending: the
     * number of RNG seeds, st and mt best loss as mean and min-max over RNG seeds, the gap mt - st as the mean of
     * the per-seed gaps (paired by RNG seed) and its min-max, whether that interval covers zero, and st's and mt's
     * best epoch (mean over RNG seeds: near the last epoch, a run was still improving when it stopped). A setting
     * shows at a width where st and mt both ran; the note's numbers are one run each. An interval is the range of
     * the RNG seeds' values, not a confidence interval (with five RNG seeds a t-interval would rest on a guessed
     * distribution).
     */
    public static Table comparison(List<SweepResult> results) {
        Table stats = gapStats(results);
        Table ran = stats.where(stats.stringColumn(VARIANT).isEqualTo(PLAIN));
        Table note = Table.create("note", StringColumn.create(SETTING, SweepGap.SEED_WIDTHS.length).set(
                        Selection.withRange(0, SweepGap.SEED_WIDTHS.length), NOTE),
                IntColumn.create(WIDTH, SweepGap.SEED_WIDTHS));
        for (String column : List.of(ST_BEST, BEST, GAP)) {
            double[] v = column.equals(ST_BEST) ? SweepGap.SEED_ST
                    : column.equals(BEST) ? SweepGap.SEED_MT : SweepGap.seedGap();
            for (String f : List.of(MEAN, MIN, MAX)) {
                note.addColumns(DoubleColumn.create(stat(f, column), v));
            }
        }
        note.addColumns(DoubleColumn.create(stat(COUNT, GAP), SweepGap.SEED_WIDTHS.length).fillWith(1.0));
        for (String column : List.of(ST_EPOCH, EPOCH)) { // the note gives no epochs
            note.addColumns(DoubleColumn.create(stat(MEAN, column), SweepGap.SEED_WIDTHS.length));
        }
        Table all = ran.selectColumns(note.columnNames().toArray(String[]::new)).append(note);
        all.addColumns(IntColumn.create("order", all.stringColumn(SETTING).asList().stream()
                .mapToInt(SweepTable::sourceOrder).toArray()));
        all = all.sortAscendingOn(WIDTH, "order");
        IntColumn width = all.intColumn(WIDTH);
        DoubleColumn gapMin = all.doubleColumn(stat(MIN, GAP));
        DoubleColumn gapMax = all.doubleColumn(stat(MAX, GAP));
        IntColumn seeds = all.doubleColumn(stat(COUNT, GAP)).asIntColumn().setName("RNG seeds");
        StringColumn covers = StringColumn.create("gap range covers 0", all.rowCount());
        covers.set(gapMin.isLessThanOrEqualTo(0.0).and(gapMax.isGreaterThanOrEqualTo(0.0)), "yes");
        covers.set(gapMin.isGreaterThan(0.0).or(gapMax.isLessThan(0.0)), "no");
        covers.set(seeds.isEqualTo(1), "");
        return Table.create("st vs mt: lowest per-batch training loss, mean [min, max] over RNG seeds",
                width.copy(), width.map(w -> Integer.bitCount(w) == 1 ? Integer.numberOfTrailingZeros(w) : -1).setName("log2"),
                all.stringColumn(SETTING).copy().setName("source"), seeds,
                fixed(all.doubleColumn(stat(MEAN, ST_BEST)).copy().setName("st mean"), false),
                range(all, ST_BEST, "st min-max", false),
                fixed(all.doubleColumn(stat(MEAN, BEST)).copy().setName("mt mean"), false),
                range(all, BEST, "mt min-max", false),
                fixed(all.doubleColumn(stat(MEAN, GAP)).copy().setName("gap mt - st"), true),
                range(all, GAP, "gap min-max", true), covers,
                epochs(all.doubleColumn(stat(MEAN, ST_EPOCH)), "st best epoch"),
                epochs(all.doubleColumn(stat(MEAN, EPOCH)), "mt best epoch"));
    }

    /** Returns mean best epochs as whole epochs, blank where missing (the note's rows). */
    private static StringColumn epochs(DoubleColumn mean, String name) {
        return StringColumn.create(name, IntStream.range(0, mean.size()).mapToObj(i -> mean.isMissing(i) ? ""
                : String.format(Locale.ROOT, "%d", Math.round(mean.getDouble(i)))));
    }

    private static int sourceOrder(String source) {
        return source.equals(NOTE) ? SweepSetting.values().length : SweepSetting.parse(source).ordinal();
    }

    /** Returns the column, printed with 4 decimals ({@code signed}: with a sign). */
    private static DoubleColumn fixed(DoubleColumn column, boolean signed) {
        column.setPrintFormatter(new NumberColumnFormatter() {
            @Override
            public String format(double value) {
                return Double.isNaN(value) ? "" : String.format(Locale.ROOT, signed ? "%+.4f" : "%.4f", value);
            }
        });
        return column;
    }

    /** Returns the column's values as text with 4 decimals ({@code signed}: with a sign), blank where missing. */
    private static StringColumn text(DoubleColumn column, boolean signed) {
        DoubleColumn f = fixed(column.copy(), signed);
        return StringColumn.create(column.name(), IntStream.range(0, f.size()).mapToObj(f::getString));
    }

    /**
     * Returns "[min, max]" of the statistic columns of {@code column} in {@code t}, blank where the row rests on one
     * RNG seed ("Count [gap]" = 1).
     */
    private static StringColumn range(Table t, String column, String name, boolean signed) {
        StringColumn lo = text(t.doubleColumn(stat(MIN, column)), signed);
        StringColumn hi = text(t.doubleColumn(stat(MAX, column)), signed);
        StringColumn r = lo.join(", ", hi).map(v -> "[" + v + "]").setName(name);
        return r.set(t.doubleColumn(stat(COUNT, GAP)).isLessThanOrEqualTo(1.0)
                .or(t.doubleColumn(stat(MIN, column)).isMissing()), "");
    }

    /**
     * Returns the loss curves at one width (plain runs), "{setting} {mode}" -> {mean, min, max} per epoch over the
     * RNG seeds that ran ([3][epochs]), setting by setting, st before mt; the shape {@code SweepCharts.curves}
     * takes.
     */
    public static Map<String, float[][]> curvesAt(List<SweepResult> results, int width) {
        Map<String, float[][]> curves = new LinkedHashMap<>();
        for (SweepSetting s : SweepSetting.values()) {
            for (TaskMode m : TaskMode.values()) {
                float[][] seeds = results.stream().filter(r -> r.settings().setting() == s
                        && r.settings().mode() == m && r.settings().width() == width
                        && SweepVariant.of(r.settings()) == SweepVariant.PLAIN).map(SweepResult::curve)
                        .toArray(float[][]::new);
                if (seeds.length > 0) {
                    curves.put(s.label() + " " + m.label(), SweepGap.band(seeds));
                }
            }
        }
        return curves;
    }

    /** Returns the plain result of this setting, mode and width (first RNG seed found), or null. */
    public static SweepResult find(List<SweepResult> results, SweepSetting setting, TaskMode mode, int width) {
        for (SweepResult r : results) {
            if (r.settings().setting() == setting && r.settings().mode() == mode && r.settings().width() == width
                    && SweepVariant.of(r.settings()) == SweepVariant.PLAIN) {
                return r;
            }
        }
        return null;
    }

    /**
     * Returns a new table of the corrected-optimiser search: one row per optimiser and learning rate (in the order
     * first met), the best loss for each width and mode (one run: "loss (epoch)"; several RNG seeds: their mean and
     * min-max, "0.0232 (0.0210-0.0260, 3 seeds)"), and the mean over all its runs.
     */
    public static Table search(List<SweepResult> results) {
        Table runs = runs(results);
        StringColumn candidate = StringColumn.create(CANDIDATE, results.stream().map(SweepTable::candidate));
        List<String> firstMet = candidate.asList().stream().distinct().toList();
        runs.addColumns(candidate, IntColumn.create("order", candidate.asList().stream()
                .mapToInt(firstMet::indexOf).toArray()));
        Table cells = runs.summarize(BEST, EPOCH, AggregateFunctions.mean, AggregateFunctions.min,
                AggregateFunctions.max, AggregateFunctions.count).by(CANDIDATE, WIDTH, MODE);
        StringColumn one = text(cells.doubleColumn(stat(MEAN, BEST)), false)
                .join(" (", cells.doubleColumn(stat(MAX, EPOCH)).asIntColumn()).map(v -> v + ")");
        StringColumn several = text(cells.doubleColumn(stat(MEAN, BEST)), false)
                .join(" (", text(cells.doubleColumn(stat(MIN, BEST)), false))
                .join("-", text(cells.doubleColumn(stat(MAX, BEST)), false))
                .join(", ", cells.doubleColumn(stat(COUNT, BEST)).asIntColumn()).map(v -> v + " seeds)");
        StringColumn cell = several.set(cells.doubleColumn(stat(COUNT, BEST)).isEqualTo(1.0), one).setName("cell");
        cells.addColumns(cell, cells.stringColumn(MODE).join(" h=", cells.intColumn(WIDTH)).setName("column"));
        // one row per candidate: its order, then one column per width and mode, then the mean over its runs
        Table wide = runs.summarize(BEST, "order", AggregateFunctions.mean).by(CANDIDATE);
        Table columns = cells.summarize(WIDTH, AggregateFunctions.min).by("column", MODE)
                .sortOn(stat(MIN, WIDTH), "-" + MODE);
        for (String column : columns.stringColumn("column")) {
            Table part = cells.where(cells.stringColumn("column").isEqualTo(column)).selectColumns(CANDIDATE, "cell");
            part.column("cell").setName(column);
            wide = wide.joinOn(CANDIDATE).leftOuter(part);
        }
        Table sorted = wide.sortAscendingOn(stat(MEAN, "order"));
        DoubleColumn mean = sorted.doubleColumn(stat(MEAN, BEST)).map(v -> Math.round(v * 1e4) / 1e4)
                .setName("mean best");
        Table t = Table.create("corrected setting: optimiser search (lowest per-batch loss, epoch; several RNG seeds: "
                + "mean (min-max))", sorted.stringColumn(CANDIDATE).copy().setName("optimiser (gradients cleared)"));
        columns.stringColumn("column").forEach(c -> t.addColumns(sorted.stringColumn(c).copy()));
        return t.addColumns(mean);
    }

    private static String candidate(SweepResult r) {
        return r.settings().optimizer().label() + " lr " + r.settings().learningRate()
                + (r.settings().optimizer().label().equals("sgd") ? " momentum " + r.settings().momentum() : "");
    }

    /** The runs of one width in the full grid: 5 RNG seeds x st, mt x faithful, corrected. */
    public static final int RUNS_PER_WIDTH = 20;
    /** The array size of the cost table's cluster column: nodes like this one, 2 runs at a time each. */
    public static final int NODES = 10;

    /**
     * Returns a new table of run costs, one row per width: the seconds one st and one mt run of {@code epochs} epochs
     * take here (mean over the RNG seeds that ran; printed as durations, the cells hold seconds) and how each was
     * obtained; then three models: one st run on a GPU ({@link SweepGap#gpuSeconds}), and the width's
     * {@link #RUNS_PER_WIDTH} runs (half st, half mt) on this machine and on an array of {@link #NODES} nodes like it
     * ({@link #arraySeconds}: 2 runs at a time per node). A width that ran (faithful, plain) is
     * its own time scaled to {@code epochs}; any other width scales the widest narrower run of the same mode by
     * {@link SweepGap#flopsPerEpoch} (optimistic only if wider layers ran at a lower FLOP rate, which they do not
     * on CPU).
     */
    public static Table costs(List<SweepResult> results, int[] widths, int epochs) {
        Table runs = plain(runs(results));
        Table faithful = runs.where(runs.stringColumn(SETTING).isEqualTo(SweepSetting.FAITHFUL.label()));
        // one row per mode and width: the mean time over RNG seeds, and the epochs and FLOPs it was measured at
        Table measured = faithful.summarize(SECONDS, EPOCHS, FLOPS, AggregateFunctions.mean).by(MODE, WIDTH);
        IntColumn width = IntColumn.create(WIDTH);
        List<DoubleColumn> seconds = List.of(durations(DoubleColumn.create("st run")),
                durations(DoubleColumn.create("mt run")));
        List<StringColumn> how = List.of(StringColumn.create("st from"), StringColumn.create("mt from"));
        DoubleColumn gpu = durations(DoubleColumn.create("st run on a GPU (model)"));
        DoubleColumn here = durations(DoubleColumn.create(RUNS_PER_WIDTH + " runs here (model)"));
        DoubleColumn array = durations(DoubleColumn.create(RUNS_PER_WIDTH + " runs on " + NODES + " nodes (model)"));
        StringColumn where = StringColumn.create("where");
        SweepSettings stShape = SweepSettings.faithful(TaskMode.ST, 8);
        for (int w : widths) {
            width.append(w);
            boolean ran = true;
            double slowest = 0;
            double total = 0;
            int i = 0;
            for (TaskMode m : TaskMode.values()) {
                Table mode = measured.where(measured.stringColumn(MODE).isEqualTo(m.label()));
                Table own = mode.where(mode.intColumn(WIDTH).isEqualTo(w));
                Table narrower = mode.where(mode.intColumn(WIDTH).isLessThan(w)).sortDescendingOn(WIDTH);
                Table ref = own.isEmpty() ? narrower : own;
                if (ref.isEmpty()) {
                    seconds.get(i).appendMissing();
                    how.get(i++).append("");
                    ran = false;
                    slowest = Double.NaN;
                    total = Double.NaN;
                    continue;
                }
                double refEpochs = ref.doubleColumn(stat(MEAN, EPOCHS)).get(0);
                double scaled = ref.doubleColumn(stat(MEAN, SECONDS)).get(0) * epochs / refEpochs;
                if (own.isEmpty()) {
                    SweepSettings shape = SweepSettings.faithful(m, ref.intColumn(WIDTH).get(0));
                    scaled *= flopsPerEpoch(shape, w) / ref.doubleColumn(stat(MEAN, FLOPS)).get(0);
                    how.get(i).append("estimate: width " + ref.intColumn(WIDTH).get(0) + " scaled by FLOPs");
                    ran = false;
                } else {
                    int n = faithful.where(faithful.stringColumn(MODE).isEqualTo(m.label())
                            .and(faithful.intColumn(WIDTH).isEqualTo(w))).rowCount();
                    how.get(i).append((refEpochs == epochs ? "measured" : "scaled from " + Math.round(refEpochs)
                            + " epochs here") + (n == 1 ? " (1 run)" : " (mean of " + n + " runs)"));
                }
                seconds.get(i++).append(scaled);
                slowest = Math.max(slowest, scaled);
                total += scaled * RUNS_PER_WIDTH / 2.0;
            }
            gpu.append(SweepGap.gpuSeconds(flopsPerEpoch(stShape, w), stShape.stepsPerEpoch(), epochs));
            here.append(arraySeconds(total, slowest, 1));
            array.append(arraySeconds(total, slowest, NODES));
            where.append(ran ? "ran here" : slowest / 3600 <= 1.0 ? "feasible here (not in this profile)"
                    : "needs a GPU or a cluster");
        }
        return Table.create("cost of one run of " + epochs + " epochs on this 2-core machine", width,
                seconds.get(0), how.get(0), seconds.get(1), how.get(1), gpu, here, array, where);
    }

    /**
     * Returns the array model's seconds: runs of {@code totalSeconds} together, spread over {@code nodes} nodes that
     * run 2 at a time, take their total over 2 x nodes, but never less than the longest run.
     */
    static double arraySeconds(double totalSeconds, double longestSeconds, int nodes) {
        return Math.max(totalSeconds / (2.0 * nodes), longestSeconds);
    }

    /**
     * Returns a new table of the mt variants, one row per setting, width and model (st, then mt plain, loss-drop,
     * filter, residual: whichever ran with a paired st run), settings in their order and widths ascending: the
     * number of RNG seeds, best loss as mean and [min, max] over them, and for mt the gap to st (paired by RNG seed)
     * as mean and [min, max], and whether that range covers zero.
     */
    public static Table variants(List<SweepResult> results) {
        Table stats = gapStats(results);
        Table mt = stats.copy();
        mt.addColumns(mt.stringColumn(VARIANT).map(v -> "mt " + v).setName("model"));
        Table st = stats.where(stats.stringColumn(VARIANT).isEqualTo(PLAIN));
        // the st row: its own best loss in the mt columns, no gap
        for (String f : List.of(MEAN, MIN, MAX)) {
            st.replaceColumn(stat(f, BEST), st.doubleColumn(stat(f, ST_BEST)).copy().setName(stat(f, BEST)));
            st.replaceColumn(stat(f, GAP), DoubleColumn.create(stat(f, GAP), st.rowCount()));
        }
        st.addColumns(StringColumn.create("model", st.rowCount()).set(Selection.withRange(0, st.rowCount()), ST));
        Table all = st.append(mt);
        all.addColumns(IntColumn.create("order", all.stringColumn(SETTING).asList().stream()
                        .mapToInt(SweepTable::sourceOrder).toArray()),
                IntColumn.create("model order", all.stringColumn("model").asList().stream()
                        .mapToInt(m -> m.equals(ST) ? -1 : SweepVariant.parse(m.substring(3)).ordinal()).toArray()));
        all = all.sortAscendingOn("order", WIDTH, "model order");
        DoubleColumn gapMin = all.doubleColumn(stat(MIN, GAP));
        DoubleColumn gapMax = all.doubleColumn(stat(MAX, GAP));
        StringColumn covers = StringColumn.create("gap range covers 0", all.rowCount());
        covers.set(gapMin.isLessThanOrEqualTo(0.0).and(gapMax.isGreaterThanOrEqualTo(0.0)), "yes");
        covers.set(gapMin.isGreaterThan(0.0).or(gapMax.isLessThan(0.0)), "no");
        return Table.create("mt variants vs st: lowest per-batch training loss, mean [min, max] over RNG seeds",
                all.stringColumn(SETTING).copy(), all.intColumn(WIDTH).copy(), all.stringColumn("model").copy(),
                all.doubleColumn(stat(COUNT, GAP)).asIntColumn().setName(SEEDS),
                fixed(all.doubleColumn(stat(MEAN, BEST)).copy().setName("best mean"), false),
                range(all, BEST, "best min-max", false),
                fixed(all.doubleColumn(stat(MEAN, GAP)).copy().setName("gap to st"), true),
                range(all, GAP, "gap min-max", true), covers);
    }

    /**
     * Returns a few sentences on the variants: in which (setting, width, variant) cells the mean gap mt - st has the
     * other sign than plain mt's, and of those, in which both gaps' min-max over RNG seeds exclude zero, so that the
     * sign differs for every RNG seed: only those change the conclusion; the others lie within the RNG seeds'
     * spread (with one RNG seed there is no spread to tell them apart).
     */
    public static String variantsConclusion(List<SweepResult> results) {
        Table stats = gapStats(results);
        Table plain = stats.where(stats.stringColumn(VARIANT).isEqualTo(PLAIN)).selectColumns(SETTING, WIDTH,
                stat(MEAN, GAP), stat(MIN, GAP), stat(MAX, GAP));
        for (String f : List.of(MEAN, MIN, MAX)) {
            plain.column(stat(f, GAP)).setName("plain " + f);
        }
        Table others = stats.where(stats.stringColumn(VARIANT).isNotEqualTo(PLAIN)).selectColumns(SETTING, WIDTH,
                VARIANT, stat(MEAN, GAP), stat(MIN, GAP), stat(MAX, GAP), stat(COUNT, GAP));
        Table both = others.joinOn(SETTING, WIDTH).inner(plain);
        if (both.isEmpty()) {
            return "No mt variant has run yet beside a plain mt and an st run of the same RNG seeds.";
        }
        String cells = both.rowCount() + " variant cells (" + String.join(", ", both.stringColumn(VARIANT).unique()
                .asList()) + " at " + both.stringColumn(SETTING).countUnique() + " setting(s) x "
                + both.intColumn(WIDTH).countUnique() + " width(s), " + seedsText(both.doubleColumn(stat(COUNT, GAP)))
                + ")";
        Table flipped = both.where(both.doubleColumn(stat(MEAN, GAP)).multiply(both.doubleColumn("plain " + MEAN))
                .isLessThanOrEqualTo(0.0));
        if (flipped.isEmpty()) {
            return "No variant changes the conclusion: in all " + cells + " the mean gap mt - st has the sign of "
                    + "plain mt's gap.";
        }
        // a sign that holds for every RNG seed: the min and max of a gap on the same side of zero, for both
        Table sure = flipped.where(flipped.doubleColumn(stat(MIN, GAP)).multiply(flipped.doubleColumn(stat(MAX, GAP)))
                .isGreaterThan(0.0).and(flipped.doubleColumn("plain " + MIN).multiply(flipped.doubleColumn(
                        "plain " + MAX)).isGreaterThan(0.0)).and(flipped.doubleColumn(stat(COUNT, GAP))
                        .isGreaterThan(1.0)));
        String out = "The mean gap mt - st has the other sign than plain mt's in " + flipped.rowCount() + " of "
                + cells + ": " + list(flipped) + ". ";
        if (sure.isEmpty()) {
            return out + (flipped.doubleColumn(stat(COUNT, GAP)).max() > 1
                    ? "In none of them do both min-max ranges exclude zero: the flips lie within the spread of the "
                            + "RNG seeds, and no variant clearly changes the conclusion."
                    : "With one RNG seed there is no spread to tell a flip from noise.");
        }
        return out + "In " + sure.rowCount() + " of them the sign differs for every RNG seed (both min-max ranges "
                + "exclude zero), so there the variant changes the conclusion: " + list(sure) + ".";
    }

    /** Returns "filter at faithful h=8 (-0.0003 vs plain +0.0009), ..." for the rows of a variants join. */
    private static String list(Table t) {
        return String.join(", ", t.stringColumn(VARIANT).join(" at ", t.stringColumn(SETTING))
                .join(" h=", t.intColumn(WIDTH))
                .join(" (", text(t.doubleColumn(stat(MEAN, GAP)), true))
                .join(" vs plain ", text(t.doubleColumn("plain " + MEAN), true))
                .map(v -> v + ")").asList());
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

    /**
     * Returns a plain-language conclusion for one setting, from the mean gaps: the gap at each width that ran (with
     * its min-max over RNG seeds when there are several), whether mt ends worse everywhere, whether the gap grows as
     * the width shrinks (counted over neighbouring widths), and at which widths the gap's min-max covers zero.
     */
    public static String conclusion(List<SweepResult> results, SweepSetting setting) {
        Table gaps = gaps(results, setting);
        if (gaps.isEmpty()) {
            return setting.label() + ": no width has both st and mt results yet.";
        }
        int[] w = gaps.intColumn(WIDTH).asIntArray();
        double[] g = gaps.doubleColumn(GAP).asDoubleArray();
        int[] pairs = SweepGap.shrinkingPairs(w, g);
        int fewest = (int) gaps.intColumn(SEEDS).min();
        int seeds = (int) gaps.intColumn(SEEDS).max();
        // a sweep under way can have fewer RNG seeds at some widths
        String count = fewest == seeds ? seeds + " RNG seeds" : fewest + " to " + seeds + " RNG seeds per width";
        StringColumn at = text(gaps.doubleColumn(GAP), true)
                .join(" at ", gaps.intColumn(WIDTH));
        if (seeds > 1) {
            at = at.join(" [", text(gaps.doubleColumn(GAP_MIN), true))
                    .join(", ", text(gaps.doubleColumn(GAP_MAX), true)).map(v -> v + "]");
        }
        StringBuilder s = new StringBuilder(setting.label()).append(": gap mt - st ")
                .append(seeds > 1 ? "(mean of " + count + " [min, max]) " : "(1 RNG seed) ")
                .append(String.join(", ", at.asList()));
        boolean allPositive = gaps.doubleColumn(GAP).isGreaterThan(0.0).size() == gaps.rowCount();
        s.append(". ").append(allPositive ? "On average mt ends worse than st at every width that ran"
                : "On average mt does not end worse at every width");
        s.append(String.format(Locale.ROOT, "; the gap is larger at the smaller width in %d of %d neighbouring pairs",
                pairs[0], pairs[1]));
        s.append(pairs[1] > 0 && pairs[0] == pairs[1] ? " (it grows steadily as capacity shrinks)."
                : pairs[0] * 2 > pairs[1] ? " (mostly growing as capacity shrinks)." : " (no steady growth).");
        if (seeds > 1) {
            Table covers = gaps.where(gaps.doubleColumn(GAP_MIN).isLessThanOrEqualTo(0.0)
                    .and(gaps.doubleColumn(GAP_MAX).isGreaterThanOrEqualTo(0.0)));
            s.append(covers.isEmpty() ? " The min-max over RNG seeds excludes zero at every width: the sign of "
                    + "the gap is the same for every RNG seed."
                    : " The min-max over RNG seeds covers zero at width" + (covers.rowCount() > 1 ? "s " : " ")
                            + String.join(", ", covers.intColumn(WIDTH).asStringColumn().asList())
                            + ": there the sign of the gap depends on the RNG seed.");
        } else {
            s.append(" One RNG seed: no interval, so a small gap may be noise.");
        }
        return s.toString();
    }
}

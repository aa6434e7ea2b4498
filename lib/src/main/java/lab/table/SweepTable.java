package lab.table;

import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import lab.analysis.SweepGap;
import lab.model.TaskMode;
import lab.train.SweepResult;
import lab.train.SweepSetting;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The st-vs-mt sweep's tables: the comparison by width (faithful, corrected, seed), the optimiser search, costs. */
public final class SweepTable {

    private SweepTable() {}

    /**
     * Returns a new table, one row per width found in the results or the seed: for faithful, corrected and the
     * seed, st best (epoch), mt best (epoch) and the gap mt - st; blank where a width did not run.
     */
    public static Table comparison(List<SweepResult> results) {
        TreeSet<Integer> widths = new TreeSet<>();
        results.forEach(r -> widths.add(r.settings().width()));
        for (int w : SweepGap.SEED_WIDTHS) {
            widths.add(w);
        }
        IntColumn width = IntColumn.create("width");
        IntColumn log2 = IntColumn.create("log2");
        List<StringColumn> cols = new ArrayList<>();
        for (String block : List.of("faithful", "corrected", "seed")) {
            cols.add(StringColumn.create(block + " st (epoch)"));
            cols.add(StringColumn.create(block + " mt (epoch)"));
            cols.add(StringColumn.create(block + " gap"));
        }
        for (int w : widths) {
            width.append(w);
            log2.append(Integer.numberOfTrailingZeros(w) == 31 - Integer.numberOfLeadingZeros(w)
                    ? Integer.numberOfTrailingZeros(w) : -1);
            int c = 0;
            for (SweepSetting s : SweepSetting.values()) {
                SweepResult st = find(results, s, TaskMode.ST, w);
                SweepResult mt = find(results, s, TaskMode.MT, w);
                cols.get(c++).append(st == null ? "" : cell(st.bestLoss(), st.bestEpoch()));
                cols.get(c++).append(mt == null ? "" : cell(mt.bestLoss(), mt.bestEpoch()));
                cols.get(c++).append(st == null || mt == null ? "" : signed(mt.bestLoss() - st.bestLoss()));
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

    /** Returns the result of this setting, mode and width (first seed found), or null. */
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
     * Returns a new table of run costs: width, measured or estimated seconds for one st and one mt run of
     * {@code epochs} epochs here, and how each was obtained. Estimates scale the widest measured run of the
     * same mode by {@link SweepGap#flopsPerEpoch} (optimistic below the measured width's efficiency only if
     * wider layers run at a lower FLOP rate, which they do not on CPU).
     */
    public static Table costs(List<SweepResult> results, int[] widths, int epochs) {
        IntColumn width = IntColumn.create("width");
        StringColumn st = StringColumn.create("st run");
        StringColumn mt = StringColumn.create("mt run");
        StringColumn where = StringColumn.create("where");
        for (int w : widths) {
            width.append(w);
            String[] cell = new String[2];
            boolean measured = true;
            int i = 0;
            for (TaskMode m : TaskMode.values()) {
                SweepResult own = widest(results, m, w, true);
                if (own != null) {
                    cell[i++] = duration(own.seconds() * epochs / own.settings().epochs()) + " (ran)";
                    continue;
                }
                SweepResult ref = widest(results, m, w, false);
                measured = false;
                if (ref == null) {
                    cell[i++] = "";
                    continue;
                }
                double scale = flops(w, m) / flops(ref.settings().width(), m);
                cell[i++] = duration(ref.seconds() * epochs / ref.settings().epochs() * scale) + " (est.)";
            }
            st.append(cell[0]);
            mt.append(cell[1]);
            where.append(measured ? "ran here" : cell[0].endsWith("(est.)") && estimateHours(cell[0]) <= 1.0
                    ? "feasible here (not in this profile)" : "needs a GPU or a cluster");
        }
        return Table.create("cost of one run of " + epochs + " epochs on this 2-core machine", width, st, mt, where);
    }

    private static SweepResult widest(List<SweepResult> results, TaskMode m, int width, boolean exact) {
        SweepResult best = null;
        for (SweepResult r : results) {
            if (r.settings().mode() != m || r.settings().setting() != SweepSetting.FAITHFUL) {
                continue;
            }
            int w = r.settings().width();
            if (exact ? w == width : w < width && (best == null || w > best.settings().width())) {
                best = r;
            }
        }
        return best;
    }

    private static double flops(int width, TaskMode m) {
        return SweepGap.flopsPerEpoch(width, m.towers(10), m.outputsPerTower(10), 16, 3, 1024);
    }

    /** Returns the hours of a {@link #duration} text such as "16 min (est.)". */
    private static double estimateHours(String cell) {
        String[] p = cell.split(" ");
        double v = Double.parseDouble(p[0]);
        return switch (p[1]) {
            case "s" -> v / 3600;
            case "min" -> v / 60;
            case "h" -> v;
            default -> v * 24;
        };
    }

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
        TreeSet<Integer> widths = new TreeSet<>();
        results.stream().filter(r -> r.settings().setting() == setting).forEach(r -> widths.add(r.settings().width()));
        List<Integer> ws = new ArrayList<>();
        List<Double> gaps = new ArrayList<>();
        for (int w : widths) {
            SweepResult st = find(results, setting, TaskMode.ST, w);
            SweepResult mt = find(results, setting, TaskMode.MT, w);
            if (st != null && mt != null) {
                ws.add(w);
                gaps.add((double) (mt.bestLoss() - st.bestLoss()));
            }
        }
        if (ws.isEmpty()) {
            return setting.label() + ": no width has both st and mt results yet.";
        }
        int[] w = ws.stream().mapToInt(Integer::intValue).toArray();
        double[] g = gaps.stream().mapToDouble(Double::doubleValue).toArray();
        int[] pairs = SweepGap.shrinkingPairs(w, g);
        StringBuilder s = new StringBuilder(setting.label()).append(": gap mt - st ");
        for (int i = 0; i < w.length; i++) {
            s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%+.4f at %d", g[i], w[i]));
        }
        boolean allPositive = gaps.stream().allMatch(x -> x > 0);
        s.append(". ").append(allPositive ? "mt ends worse than st at every width that ran"
                : "mt does not end worse at every width");
        s.append(String.format(Locale.ROOT, "; the gap is larger at the smaller width in %d of %d neighbouring pairs",
                pairs[0], pairs[1]));
        s.append(pairs[1] > 0 && pairs[0] == pairs[1] ? " (it grows steadily as capacity shrinks)."
                : pairs[0] * 2 > pairs[1] ? " (mostly growing as capacity shrinks)." : " (no steady growth).");
        return s.toString();
    }
}

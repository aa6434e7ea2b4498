package lab.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lab.model.TaskMode;
import lab.train.SweepResult;
import lab.train.SweepSetting;
import lab.train.SweepSettings;
import lab.train.SweepVariant;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class SweepTableTest {

    private static SweepResult result(SweepSetting s, TaskMode m, int width, float best) {
        SweepSettings settings = SweepSettings.of(s, m, width).withEpochs(4);
        return new SweepResult(settings, best, 3, new float[] {0.5f, 0.4f, best, best + 0.01f}, 2.0);
    }

    private static final List<SweepResult> RUNS = List.of(
            result(SweepSetting.FAITHFUL, TaskMode.ST, 8, 0.06f), result(SweepSetting.FAITHFUL, TaskMode.MT, 8, 0.20f),
            result(SweepSetting.FAITHFUL, TaskMode.ST, 16, 0.05f), result(SweepSetting.FAITHFUL, TaskMode.MT, 16, 0.12f),
            result(SweepSetting.CORRECTED, TaskMode.ST, 8, 0.02f));

    /** Two RNG seeds at width 8, faithful: gaps +0.10 and +0.18 (mean +0.14); two at 16: gaps -0.02 and +0.01 (mean -0.005). */
    private static final List<SweepResult> SEEDS = List.of(
            result(SweepSetting.FAITHFUL, TaskMode.ST, 8, 0.06f), result(SweepSetting.FAITHFUL, TaskMode.MT, 8, 0.16f),
            seed(result(SweepSetting.FAITHFUL, TaskMode.ST, 8, 0.04f), 1),
            seed(result(SweepSetting.FAITHFUL, TaskMode.MT, 8, 0.22f), 1),
            result(SweepSetting.FAITHFUL, TaskMode.ST, 16, 0.05f), result(SweepSetting.FAITHFUL, TaskMode.MT, 16, 0.03f),
            seed(result(SweepSetting.FAITHFUL, TaskMode.ST, 16, 0.05f), 1),
            seed(result(SweepSetting.FAITHFUL, TaskMode.MT, 16, 0.06f), 1));

    private static SweepResult seed(SweepResult r, long seed) {
        return new SweepResult(r.settings().withSeed(seed), r.bestLoss(), r.bestEpoch(), r.curve(), r.seconds());
    }

    private static SweepResult variant(SweepResult r, SweepVariant v) {
        return new SweepResult(v.applyTo(r.settings()), r.bestLoss(), r.bestEpoch(), r.curve(), r.seconds());
    }

    @Test
    void comparisonHasOneRowPerWidthAndSourceWithMeanAndRangeOverRngSeeds() {
        // when
        Table t = SweepTable.comparison(SEEDS);

        // then: widths 8 and 16 ran (faithful) beside the note's 9 widths: 2 + 9 rows
        assertEquals(11, t.rowCount());
        assertEquals(List.of("width", "log2", "source", "RNG seeds", "st mean", "st min-max", "mt mean", "mt min-max",
                "gap mt - st", "gap min-max", "gap range covers 0", "st best epoch", "mt best epoch"), t.columnNames());
        assertEquals("3", t.stringColumn("st best epoch").get(0));
        assertEquals("3", t.stringColumn("mt best epoch").get(0));
        assertEquals("", t.stringColumn("mt best epoch").get(1), "the note gives no epochs");
        assertEquals("faithful", t.stringColumn("source").get(0));
        assertEquals(2, t.intColumn("RNG seeds").get(0));
        assertEquals(0.05, t.doubleColumn("st mean").get(0), 1e-6);
        assertEquals("[0.0400, 0.0600]", t.stringColumn("st min-max").get(0));
        assertEquals(0.14, t.doubleColumn("gap mt - st").get(0), 1e-6);
        assertEquals("+0.1400", t.doubleColumn("gap mt - st").getString(0));
        assertEquals("[+0.1000, +0.1800]", t.stringColumn("gap min-max").get(0));
        assertEquals("no", t.stringColumn("gap range covers 0").get(0));
        assertEquals("the note", t.stringColumn("source").get(1));
        assertEquals(0.1162, t.doubleColumn("gap mt - st").get(1), 1e-6);
        assertEquals("", t.stringColumn("gap min-max").get(1), "the note has one run per cell");
        assertEquals("yes", t.stringColumn("gap range covers 0").get(2), "width 16: gaps -0.02 and +0.01");
    }

    @Test
    void conclusionIsComputedFromTheMeansAndNamesTheWidthsWhereTheRangeCoversZero() {
        // when
        String c = SweepTable.conclusion(SEEDS, SweepSetting.FAITHFUL);

        // then
        assertTrue(c.contains("+0.1400 at 8 [+0.1000, +0.1800]"), c);
        assertTrue(c.contains("-0.0050 at 16 [-0.0200, +0.0100]"), c);
        assertTrue(c.contains("mean of 2 RNG seeds"), c);
        assertTrue(c.contains("covers zero at width 16"), c);
    }

    @Test
    void variantsTableListsStThenEachMtVariantWithItsGapToSt() {
        // given: at width 8, loss-drop's mt ends below st for both RNG seeds (gaps -0.01, -0.02)
        List<SweepResult> runs = new java.util.ArrayList<>(SEEDS.subList(0, 4));
        runs.add(variant(result(SweepSetting.FAITHFUL, TaskMode.MT, 8, 0.05f), SweepVariant.LOSSDROP));
        runs.add(variant(seed(result(SweepSetting.FAITHFUL, TaskMode.MT, 8, 0.02f), 1), SweepVariant.LOSSDROP));

        // when
        Table t = SweepTable.variants(runs);
        String sentence = SweepTable.variantsConclusion(runs);

        // then
        assertEquals(3, t.rowCount());
        assertEquals(List.of("st", "mt plain", "mt lossdrop"), t.stringColumn("model").asList());
        assertEquals(0.05, t.doubleColumn("best mean").get(0), 1e-6);
        assertTrue(t.doubleColumn("gap to st").isMissing(0), "st has no gap to itself");
        assertEquals(0.14, t.doubleColumn("gap to st").get(1), 1e-6);
        assertEquals(-0.015, t.doubleColumn("gap to st").get(2), 1e-6);
        assertEquals("[-0.0200, -0.0100]", t.stringColumn("gap min-max").get(2));
        assertEquals("", t.stringColumn("gap min-max").get(0), "st has no gap range");
        assertTrue(sentence.contains("lossdrop at faithful h=8 (-0.0150 vs plain +0.1400)"), sentence);
        assertTrue(sentence.contains("In 1 of them the sign differs for every RNG seed"), sentence);
        assertTrue(SweepTable.variantsConclusion(SEEDS).startsWith("No mt variant has run"));
    }

    @Test
    void plainTablesLeaveVariantRunsOut() {
        // given: a loss-drop mt run beside the plain runs
        List<SweepResult> runs = new java.util.ArrayList<>(RUNS);
        runs.add(variant(result(SweepSetting.FAITHFUL, TaskMode.MT, 8, 0.01f), SweepVariant.LOSSDROP));

        // then: the plain gap at width 8 is still 0.20 - 0.06
        assertEquals(0.14, SweepTable.gaps(runs, SweepSetting.FAITHFUL).doubleColumn("gap").get(0), 1e-6);
        assertEquals(0.21f, SweepTable.curvesAt(runs, 8).get("faithful mt")[0][3], 1e-6f);
    }

    @Test
    void curvesAreTheMeanAndRangeOverRngSeeds() {
        // when
        float[][] st8 = SweepTable.curvesAt(SEEDS, 8).get("faithful st");

        // then: epoch 3 holds each run's best, 0.06 and 0.04
        assertEquals(3, st8.length);
        assertEquals(0.05f, st8[0][2], 1e-6f);
        assertEquals(0.04f, st8[1][2], 1e-6f);
        assertEquals(0.06f, st8[2][2], 1e-6f);
    }

    @Test
    void searchShowsOneRunAsLossAndEpochAndSeveralSeedsAsMeanAndRange() {
        // given: Adam 0.03 at st h=8 over two seeds, at mt h=8 over one
        SweepSettings st = SweepSettings.of(SweepSetting.CORRECTED, TaskMode.ST, 8).withEpochs(4);
        SweepSettings mt = SweepSettings.of(SweepSetting.CORRECTED, TaskMode.MT, 8).withEpochs(4);
        List<SweepResult> runs = List.of(
                new SweepResult(st, 0.02f, 3, new float[] {0.5f, 0.4f, 0.02f, 0.03f}, 1.0),
                new SweepResult(st.withSeed(1), 0.04f, 2, new float[] {0.5f, 0.04f, 0.05f, 0.05f}, 1.0),
                new SweepResult(mt, 0.12f, 4, new float[] {0.5f, 0.4f, 0.3f, 0.12f}, 1.0));
        // when
        Table t = SweepTable.search(runs);
        // then
        assertEquals(1, t.rowCount());
        assertEquals("0.0300 (0.0200-0.0400, 2 seeds)", t.stringColumn("st h=8").get(0));
        assertEquals("0.1200 (4)", t.stringColumn("mt h=8").get(0));
        assertEquals(0.06, t.doubleColumn("mean best").get(0), 1e-4, "mean over all three runs");
    }

    @Test
    void conclusionSaysHowManyRngSeedsEachWidthHasWhileASweepIsUnderWay() {
        // given: a third RNG seed at width 8 only
        List<SweepResult> uneven = new java.util.ArrayList<>(SEEDS);
        uneven.add(seed(result(SweepSetting.FAITHFUL, TaskMode.ST, 8, 0.05f), 2));
        uneven.add(seed(result(SweepSetting.FAITHFUL, TaskMode.MT, 8, 0.19f), 2));
        // when
        String c = SweepTable.conclusion(uneven, SweepSetting.FAITHFUL);
        // then
        assertTrue(c.contains("(mean of 2 to 3 RNG seeds per width [min, max])"), c);
        assertTrue(SweepTable.conclusion(SEEDS, SweepSetting.FAITHFUL).contains("(mean of 2 RNG seeds [min, max])"));
    }

    @Test
    void conclusionSaysTheGapGrowsWhenItIsLargerAtEverySmallerWidth() {
        String c = SweepTable.conclusion(RUNS, SweepSetting.FAITHFUL);
        assertTrue(c.contains("+0.1400 at 8"), c);
        assertTrue(c.contains("+0.0700 at 16"), c);
        assertTrue(c.contains("grows steadily"), c);
        assertTrue(c.contains("One RNG seed: no interval"), c);
        assertTrue(SweepTable.conclusion(RUNS, SweepSetting.CORRECTED).contains("no width has both"));
    }

    @Test
    void runsAreATableWithOneRowPerRun() {
        // given / when
        Table t = SweepTable.runs(RUNS);

        // then
        assertEquals(5, t.rowCount());
        assertEquals(List.of("setting", "mode", "variant", "width", "seed", "epochs", "best loss", "best epoch",
                "seconds", "flops per epoch"), t.columnNames());
        assertEquals("corrected", t.stringColumn("setting").get(4));
        assertEquals(0.02, t.doubleColumn("best loss").get(4), 1e-6);
    }

    @Test
    void gapsPivotStAndMtByWidthAndSkipWidthsWhereOneIsMissing() {
        // when
        Table faithful = SweepTable.gaps(RUNS, SweepSetting.FAITHFUL);
        Table corrected = SweepTable.gaps(RUNS, SweepSetting.CORRECTED);

        // then
        assertEquals(2, faithful.rowCount());
        assertEquals(8, faithful.intColumn("width").get(0));
        assertEquals(0.14, faithful.doubleColumn("gap").get(0), 1e-6);
        assertEquals(0.07, faithful.doubleColumn("gap").get(1), 1e-6);
        assertEquals(0, corrected.rowCount(), "corrected has st at width 8 only");
        assertEquals(List.of("faithful (quick, 1 RNG seed)", "the note"),
                List.copyOf(SweepTable.gapSeries(RUNS, "quick").keySet()));
        assertEquals(2, SweepTable.gapSeries(RUNS, "quick").get("faithful (quick, 1 RNG seed)").length,
                "one RNG seed: no range");
        assertEquals(4, SweepTable.gapSeries(SEEDS, "quick").get("faithful (quick, 2 RNG seeds, min-max)").length);
    }

    @Test
    void costsScaleTheWidestMeasuredRunByFlopsAndSayWhenATimeWasScaledFromAShorterRun() {
        // given: runs of 4 epochs taking 2 s; costs asked for 8 epochs
        Table t = SweepTable.costs(RUNS, new int[] {8, 32, 16384}, 8);

        // then: width 8 ran, its time doubled and said so; 32 and 16384 are estimates
        assertEquals(4.0, t.doubleColumn("st run").get(0), 1e-9);
        assertEquals("4 s", t.doubleColumn("st run").getString(0));
        assertEquals("scaled from 4 epochs here (1 run)", t.stringColumn("st from").get(0));
        assertEquals("ran here", t.stringColumn("where").get(0));
        assertEquals("estimate: width 16 scaled by FLOPs", t.stringColumn("st from").get(1));
        assertTrue(t.doubleColumn("st run").get(1) > 4.0);
        assertEquals("feasible here (not in this profile)", t.stringColumn("where").get(1));
        assertEquals("needs a GPU or a cluster", t.stringColumn("where").get(2));
        assertEquals("measured (1 run)", SweepTable.costs(RUNS, new int[] {8}, 4).stringColumn("st from").get(0));
        assertEquals(40.0, t.doubleColumn("20 runs here (model)").get(0), 1e-9, "10 st and 10 mt runs of 4 s, 2 at a time");
        assertEquals(4.0, t.doubleColumn("20 runs on 10 nodes (model)").get(0), 1e-9, "no faster than one run");
        assertTrue(t.doubleColumn("st run on a GPU (model)").get(2) > t.doubleColumn("st run on a GPU (model)").get(0));
    }

    @Test
    void durationsReadInSensibleUnits() {
        assertEquals("90 s", SweepTable.duration(90));
        assertEquals("30 min", SweepTable.duration(1800));
        assertEquals("5.0 h", SweepTable.duration(18_000));
        assertEquals("10 days", SweepTable.duration(864_000));
    }
}

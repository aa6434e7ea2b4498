package lab.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lab.model.TaskMode;
import lab.train.SweepResult;
import lab.train.SweepSetting;
import lab.train.SweepSettings;
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

    @Test
    void comparisonHasOneRowPerWidthOfTheRunsAndTheSeedWithBlanksWhereNothingRan() {
        Table t = SweepTable.comparison(RUNS);
        // widths 8, 16 ran; the seed has those and 32, 128, 1024 .. 16384
        assertEquals(9, t.rowCount());
        assertEquals(11, t.columnCount());
        assertEquals(8, t.intColumn("width").get(0));
        assertEquals(3, t.intColumn("log2").get(0));
        assertEquals("0.0600 (3)", t.stringColumn("faithful st (epoch)").get(0));
        assertEquals("+0.1400", t.stringColumn("faithful gap").get(0));
        assertEquals("", t.stringColumn("corrected gap").get(0), "corrected mt did not run");
        assertEquals("+0.1162", t.stringColumn("note gap").get(0));
        assertEquals("", t.stringColumn("faithful st (epoch)").get(2), "width 32 did not run");
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
    void conclusionSaysTheGapGrowsWhenItIsLargerAtEverySmallerWidth() {
        String c = SweepTable.conclusion(RUNS, SweepSetting.FAITHFUL);
        assertTrue(c.contains("+0.1400 at 8"), c);
        assertTrue(c.contains("+0.0700 at 16"), c);
        assertTrue(c.contains("grows steadily"), c);
        assertTrue(SweepTable.conclusion(RUNS, SweepSetting.CORRECTED).contains("no width has both"));
    }

    @Test
    void runsAreATableWithOneRowPerRun() {
        // given / when
        Table t = SweepTable.runs(RUNS);

        // then
        assertEquals(5, t.rowCount());
        assertEquals(List.of("setting", "mode", "width", "seed", "epochs", "best loss", "best epoch", "seconds",
                "flops per epoch"), t.columnNames());
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
        assertEquals(List.of("faithful (quick)", "the note"),
                List.copyOf(SweepTable.gapSeries(RUNS, "quick").keySet()));
    }

    @Test
    void costsScaleTheWidestMeasuredRunByFlopsAndSayWhenATimeWasScaledFromAShorterRun() {
        // given: runs of 4 epochs taking 2 s; costs asked for 8 epochs
        Table t = SweepTable.costs(RUNS, new int[] {8, 32, 16384}, 8);

        // then: width 8 ran, its time doubled and said so; 32 and 16384 are estimates
        assertEquals(4.0, t.doubleColumn("st run").get(0), 1e-9);
        assertEquals("4 s", t.doubleColumn("st run").getString(0));
        assertEquals("scaled from a 4-epoch run here", t.stringColumn("st from").get(0));
        assertEquals("ran here", t.stringColumn("where").get(0));
        assertEquals("estimate: width 16 scaled by FLOPs", t.stringColumn("st from").get(1));
        assertTrue(t.doubleColumn("st run").get(1) > 4.0);
        assertEquals("feasible here (not in this profile)", t.stringColumn("where").get(1));
        assertEquals("needs a GPU or a cluster", t.stringColumn("where").get(2));
        assertEquals("measured", SweepTable.costs(RUNS, new int[] {8}, 4).stringColumn("st from").get(0));
    }

    @Test
    void durationsReadInSensibleUnits() {
        assertEquals("90 s", SweepTable.duration(90));
        assertEquals("30 min", SweepTable.duration(1800));
        assertEquals("5.0 h", SweepTable.duration(18_000));
        assertEquals("10 days", SweepTable.duration(864_000));
    }
}

package lab.multimult;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lab.loop.Progress;
import lab.store.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

class OpenQuestionsChartsTest {

    private static final OpenQuestionsSettings TINY = new OpenQuestionsSettings(20, 1e-2, 200, 0.8, 4, 2,
            List.of(2, 4), 2, 2, 2, 6, List.of(1e-4), 1);

    @TempDir
    Path dir;

    @Test
    void everyChartOfTheNotebookRendersWithItsSeries() {
        // given
        OpenQuestionsResults r = OpenQuestionsRun.run(ResultStore.open(dir, OpenQuestionsRun.guardedSettings(TINY)),
                TINY, Progress.silent()).results();
        List<AblationStudy.Source> sources = List.of(new AblationStudy.Source("sweep", r.sweepModels(), TINY.task()));
        List<CapacityStats> capacity = CapacityStats.of(r.sweep());
        List<CombineSummary> regimes = new ArrayList<>();
        OpenQuestionsRun.REGIMES.forEach(x -> regimes.add(CombineSummary.of(r, x)));
        AblationStudy study = AblationStudy.of(sources);
        // when
        List<XYChart> charts = List.of(
                OpenQuestionsCharts.pruningCurves(r.pruningCurves(0), r.pruningCurves(1)),
                OpenQuestionsCharts.capacityLoss(capacity), OpenQuestionsCharts.capacityRoles(capacity),
                OpenQuestionsCharts.capacityShares(capacity), OpenQuestionsCharts.ablationAngles(study),
                OpenQuestionsCharts.groupAblation(study), OpenQuestionsCharts.partitionRatios(Partition.of(sources), 5),
                OpenQuestionsCharts.combineLoss(r, regimes), OpenQuestionsCharts.combineOffBlock(r, regimes),
                OpenQuestionsCharts.combineBoth(r, regimes), OpenQuestionsCharts.combineVersusJoint(regimes));
        // then
        for (XYChart c : charts) {
            assertTrue(BitmapEncoder.getBufferedImage(c).getWidth() > 0, c.getTitle());
            // every log axis is labelled through ChartStyle.logX/logY: plain decimals, never XChart's "1E-4"
            if (c.getStyler().isXAxisLogarithmic()) {
                assertTrue(c.getStyler().getXAxisDecimalPattern().startsWith("0."), c.getTitle());
            }
            if (c.getStyler().isYAxisLogarithmic()) {
                assertTrue(c.getStyler().getYAxisDecimalPattern().startsWith("0."), c.getTitle());
            }
        }
        assertTrue(charts.get(5).getStyler().isXAxisLogarithmic(), "the group ablation's x axis is logarithmic");
        assertEquals(4, charts.get(2).getSeriesMap().size(), "one line per role");
        assertEquals(4, charts.get(7).getSeriesMap().size(), "three regimes and the joint models");
        assertEquals(4, OpenQuestionsTables.capacity(capacity).columnCount() - 6, "four role columns");
    }
}

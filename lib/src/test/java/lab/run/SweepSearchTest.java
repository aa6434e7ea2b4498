package lab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.model.TaskMode;
import lab.train.SweepOptimizer;
import lab.train.SweepResult;
import org.junit.jupiter.api.Test;

class SweepSearchTest {

    private static List<SweepResult> runs(SweepSearch.Candidate c, float best) {
        return List.of(new SweepResult(SweepSearch.settings(c, TaskMode.ST, 8, 2), best, 2, new float[] {1, best}, 1),
                new SweepResult(SweepSearch.settings(c, TaskMode.MT, 8, 2), best, 2, new float[] {1, best}, 1));
    }

    @Test
    void aLargerLearningRateWithinFivePercentDoesNotWin() {
        SweepSearch.Candidate small = new SweepSearch.Candidate(SweepOptimizer.ADAM, 0.03f, 0f);
        SweepSearch.Candidate large = new SweepSearch.Candidate(SweepOptimizer.ADAM, 0.1f, 0f);
        Map<SweepSearch.Candidate, List<SweepResult>> r = new LinkedHashMap<>();
        r.put(small, runs(small, 0.049f));
        r.put(large, runs(large, 0.0475f));
        assertEquals(small, SweepSearch.best(r));
    }

    @Test
    void aClearlyBetterCandidateWins() {
        SweepSearch.Candidate small = new SweepSearch.Candidate(SweepOptimizer.ADAM, 0.01f, 0f);
        SweepSearch.Candidate large = new SweepSearch.Candidate(SweepOptimizer.ADAM, 0.03f, 0f);
        Map<SweepSearch.Candidate, List<SweepResult>> r = new LinkedHashMap<>();
        r.put(small, runs(small, 0.061f));
        r.put(large, runs(large, 0.049f));
        assertEquals(large, SweepSearch.best(r));
        assertEquals(0.049, SweepSearch.means(r).get(large), 1e-6);
    }

    @Test
    void theSeedsSgdCandidateKeepsItsMomentum() {
        SweepSearch.Candidate sgd = new SweepSearch.Candidate(SweepOptimizer.SGD, 1e-3f, 0.9f);
        assertEquals(0.9f, SweepSearch.settings(sgd, TaskMode.ST, 8, 10).momentum());
        assertEquals("sgd-0.001-m0.9", sgd.label());
    }
}

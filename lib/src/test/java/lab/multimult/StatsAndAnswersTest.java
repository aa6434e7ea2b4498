package lab.multimult;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatsAndAnswersTest {

    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        double[] v = {4, 1, 3, 2};
        assertEquals(2.5, Stats.median(v), 1e-12);
        assertEquals(1.75, Stats.quantile(v, 0.25), 1e-12);
        assertEquals(4, Stats.quantile(v, 1), 1e-12);
    }

    @Test
    void spearmanIsMinusOneForAStrictlyFallingSeriesAndAveragesTies() {
        assertEquals(-1, Stats.spearman(new double[] {1, 2, 3}, new double[] {9, 5, 1}), 1e-12);
        // ranks 1, 2, 3 against 1.5, 1.5, 3: covariance 1.5 over sqrt(2 * 1.5)
        assertEquals(Math.sqrt(0.75), Stats.spearman(new double[] {1, 2, 3}, new double[] {1, 1, 2}), 1e-12);
    }

    @Test
    void neuronsNeededIsTheFirstKeepWhoseMedianIsWithinTwiceTheUnpruned() {
        // given: two RNG seeds, 4 neurons; medians 1.0, 0.5, 0.15, 0.1
        double[][] curves = {{1.0, 0.4, 0.1, 0.1}, {1.0, 0.6, 0.2, 0.1}};
        // then: 0.15 <= 2 * 0.1 at keep 3
        assertEquals(3, Answers.neuronsNeeded(curves));
        assertTrue(Answers.redundancy(curves, curves).startsWith("One multiplication needs about 3 (a·b) and 3 (c·d) "
                + "of its 4 hidden neurons"));
    }
}

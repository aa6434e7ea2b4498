package lab.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed fixtures for the 002 statistics: histograms, pooled vectors, score bins, W2 row cosines. */
class EnsembleStatisticsTest {

    @Test
    void histogramCountsEachValueOnceClampingTheOutsiders() {
        // given: 0.1, 0.2 -> bin 0; 0.9 -> bin 3; 1.0 (the top edge) -> bin 3; -5 clamped -> bin 0
        double[] values = {0.1, 0.2, 0.9, 1.0, -5};
        // when
        Histogram h = Histogram.of(values, 0, 1, 4);
        // then
        assertArrayEquals(new long[] {3, 0, 0, 2}, h.counts());
        assertArrayEquals(new double[] {0.125, 0.375, 0.625, 0.875}, h.centres(), 1e-12);
        assertEquals(5, h.total());
        assertThrows(IllegalArgumentException.class, () -> Histogram.of(new double[] {Double.NaN}, 0, 1, 2));
    }

    @Test
    void twoDimensionalHistogramPutsRowsOnY() {
        // given: (0.1, 0.9) lands in x bin 0, y bin 1; (0.6, 0.1) in x bin 1, y bin 0, twice
        double[] xs = {0.1, 0.6, 0.6};
        double[] ys = {0.9, 0.1, 0.1};
        // when
        Histogram2D h = Histogram2D.of(xs, ys, 0, 1, 2);
        // then
        assertArrayEquals(new long[] {0, 2, 1, 0}, h.counts());
        assertEquals(1, h.count(0, 1));
        assertEquals(2, h.count(1, 0));
    }

    @Test
    void pooledVectorsAreMeanContributionsModelByModelWithSilentNeuronsMarked() {
        // given: grid of 2 points, 2 hidden neurons, two models
        // model A: neuron 0 active (1, 3), W2 column (2, 0) -> c = mean((2,0), (6,0)) = (4, 0); neuron 1 silent
        float[] actA = {1, 0, 3, 0};
        float[] w2A = {2, 0.5f, 0, 1};
        // model B: both neurons at 1; W2 columns (1, 1) and (1, -1) -> c = (1, 1) and (1, -1), both diagonal
        float[] actB = {1, 1, 1, 1};
        float[] w2B = {1, 1, 1, -1};
        // when
        PooledVectors v = PooledVectors.of(List.of(actA, actB), List.of(w2A, w2B), 2, 2);
        // then
        assertArrayEquals(new double[] {4, 0, 1, 1}, v.c0(), 1e-6);
        assertArrayEquals(new double[] {0, 0, 1, -1}, v.c1(), 1e-6);
        assertArrayEquals(new boolean[] {false, true, false, false}, v.silent());
        assertArrayEquals(new double[] {1, 1, 0, 0}, v.scores(), 1e-9);
        assertArrayEquals(new double[] {0, 0, Math.PI / 4, -Math.PI / 4}, v.angles(), 1e-9);
        assertArrayEquals(new double[] {4, 0, Math.sqrt(2), Math.sqrt(2)}, v.magnitudes(), 1e-6);
        // the silent neuron (score 1) counts as orthogonal over all vectors, not over live ones
        assertEquals(new PooledVectors.Fraction(2, 4), v.orthogonal());
        assertEquals(new PooledVectors.Fraction(1, 3), v.live().orthogonal());
        assertEquals("50.0% (2 of 4)", v.orthogonal().toString());
    }

    @Test
    void scoreBinsGiveMeanLengthStandardErrorAndShare() {
        // given: bin [0, .5) holds |c| = 1 and 3 (mean 2, sd sqrt(2), se 1); bin [.5, 1] holds 4; total 8
        double[] scores = {0.1, 0.2, 0.9};
        double[] magnitudes = {1, 3, 4};
        // when
        ScoreBins b = ScoreBins.of(scores, magnitudes, 2);
        // then
        assertArrayEquals(new long[] {2, 1}, b.scores().counts());
        assertArrayEquals(new double[] {2, 4}, b.meanMagnitude(), 1e-12);
        assertEquals(1.0, b.standardError()[0], 1e-12);
        assertTrue(Double.isNaN(b.standardError()[1]), "one vector has no standard error");
        assertArrayEquals(new double[] {0.5, 0.5}, b.share(), 1e-12);
    }

    @Test
    void cosineOfOutputRowsIsZeroForSeparateNeuronsAndOneForTheSameMixture() {
        assertEquals(0, OutputRows.cosine(new float[] {1, 0, 0, 1}, 2), 1e-12);
        assertEquals(1, OutputRows.cosine(new float[] {1, 2, 2, 4}, 2), 1e-12);
        assertEquals(-1, OutputRows.cosine(new float[] {1, 0, -1, 0}, 2), 1e-12);
        assertTrue(Double.isNaN(OutputRows.cosine(new float[] {0, 0, 1, 1}, 2)));
    }

    @Test
    void headlineCountsSilentNeuronsOnlyOverAllVectors() {
        // given: 3 silent neurons (score 1), 1 live on an axis, 2 live on diagonals
        PooledVectors v = new PooledVectors(new double[] {0, 0, 0, 2, 1, 1}, new double[] {0, 0, 0, 0, 1, -1},
                new boolean[] {true, true, true, false, false, false});
        // when
        OrthogonalityHeadline h = OrthogonalityHeadline.of(v);
        // then
        assertEquals(new PooledVectors.Fraction(4, 6), h.all());
        assertEquals(new PooledVectors.Fraction(1, 3), h.live());
        assertEquals(3, h.silent());
        assertTrue(h.text().contains("66.7% (4 of 6)"), h.text());
        assertTrue(h.text().contains("the all-neurons fraction is the nearer to the note's ~60%"), h.text());
        assertTrue(h.text().contains("(6.7 points from it; the other 26.7)"), h.text());
    }
}

package lab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OrthogonalityTest {

    private static final double TOL = 1e-12;

    @Test
    void vectorsOnEitherAxisScoreOneWhateverTheirSign() {
        assertEquals(1.0, Orthogonality.score(2, 0), TOL);
        assertEquals(1.0, Orthogonality.score(0, 3), TOL);
        assertEquals(1.0, Orthogonality.score(0, -3), TOL);
        assertEquals(1.0, Orthogonality.score(-1, 0), 1e-9);
    }

    @Test
    void vectorsOnEitherDiagonalScoreZero() {
        assertEquals(0.0, Orthogonality.score(1, 1), TOL);
        assertEquals(0.0, Orthogonality.score(1, -1), TOL);
        assertEquals(0.0, Orthogonality.score(-1, -1), TOL);
    }

    @Test
    void halfwayBetweenAxisAndDiagonalScoresOneHalf() {
        double a = Math.toRadians(22.5);

        assertEquals(0.5, Orthogonality.score(Math.cos(a), Math.sin(a)), 1e-12);
        assertEquals(0.5, Orthogonality.score(Math.cos(-a), Math.sin(-a)), 1e-12);
    }

    @Test
    void zeroVectorHasAngleZeroAndScoresOneAsInTheSeed() {
        assertEquals(0.0, Orthogonality.angle(0, 0), TOL);
        assertEquals(1.0, Orthogonality.score(0, 0), TOL);
    }

    @Test
    void orthogonalMeansWithinAboutTwoAndAQuarterDegreesOfAnAxis() {
        double inside = Math.toRadians(2.0);
        double outside = Math.toRadians(2.5);

        assertTrue(Orthogonality.isOrthogonal(Math.cos(inside), Math.sin(inside)));
        assertFalse(Orthogonality.isOrthogonal(Math.cos(outside), Math.sin(outside)));
    }

    @Test
    void angleIsAtan2OfSecondOverFirst() {
        assertEquals(Math.PI / 2, Orthogonality.angle(0, 1), TOL);
        assertEquals(-3 * Math.PI / 4, Orthogonality.angle(-1, -1), TOL);
    }
}

package lab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MultiplicationTaskTest {

    private final MultiplicationTask task = new MultiplicationTask(10_000, 0.8);

    @Test
    void splitHasTheRequestedShapes() {
        MultiplicationTask.Split split = task.generate(0);

        assertEquals(8_000, split.trainInputs().rows());
        assertEquals(4, split.trainInputs().width());
        assertEquals(8_000, split.trainTargets().rows());
        assertEquals(2, split.trainTargets().width());
        assertEquals(2_000, split.validationInputs().rows());
        assertEquals(2_000, split.validationTargets().rows());
    }

    @Test
    void targetsAreTheProductsOfEachPair() {
        MultiplicationTask.Split split = task.generate(1);
        Rows x = split.trainInputs();
        Rows y = split.trainTargets();

        for (int n = 0; n < x.rows(); n++) {
            assertEquals(x.get(n, 0) * x.get(n, 1), y.get(n, 0), 1e-6);
            assertEquals(x.get(n, 2) * x.get(n, 3), y.get(n, 1), 1e-6);
        }
    }

    @Test
    void productsAreUniformOnTheUnitInterval() {
        float[] y = task.generate(2).trainTargets().values();

        for (int k = 0; k < 2; k++) {
            double sum = 0;
            double below = 0;
            for (int n = k; n < y.length; n += 2) {
                assertTrue(y[n] >= 0 && y[n] < 1, "product out of [0,1): " + y[n]);
                sum += y[n];
                below += y[n] < 0.25 ? 1 : 0;
            }
            double rows = y.length / 2.0;
            // U(0,1): mean 1/2, a quarter below 1/4; 8,000 draws give a standard error near 0.003 and 0.005.
            assertEquals(0.5, sum / rows, 0.015);
            assertEquals(0.25, below / rows, 0.02);
        }
    }

    @Test
    void bothFactorsShareOneDistributionInZeroToTwo() {
        float[] x = task.generate(3).trainInputs().values();

        for (int column = 0; column < 4; column++) {
            double sum = 0;
            int atLeastHalf = 0;
            for (int n = column; n < x.length; n += 4) {
                assertTrue(x[n] >= 0 && x[n] <= 2, "factor out of [0,2]: " + x[n]);
                sum += x[n];
                atLeastHalf += x[n] >= 0.5 ? 1 : 0;
            }
            double rows = x.length / 4.0;
            // Half the rows hold d ~ U(0.5,1) (mean 0.75), half y/d (mean 0.5 * 2 ln 2 = 0.693).
            assertEquals((0.75 + Math.log(2)) / 2, sum / rows, 0.02);
            // d is always >= 0.5, so more than half of every column is >= 0.5: no column holds only y/d.
            assertTrue(atLeastHalf / rows > 0.5, "column " + column + " looks unswapped");
        }
    }

    @Test
    void theTwoTasksAreDrawnIndependently() {
        float[] y = task.generate(4).trainTargets().values();
        double[] a = new double[y.length / 2];
        double[] b = new double[y.length / 2];
        for (int n = 0; n < a.length; n++) {
            a[n] = y[2 * n];
            b[n] = y[2 * n + 1];
        }

        assertEquals(0.0, correlation(a, b), 0.05);
    }

    @Test
    void sameSeedGivesTheSameNumbersAndAnotherSeedDoesNot() {
        float[] first = task.generate(7).trainInputs().values();
        float[] again = task.generate(7).trainInputs().values();
        float[] other = task.generate(8).trainInputs().values();

        assertArrayEquals(first, again);
        assertFalse(Arrays.equals(first, other));
    }

    @Test
    void refusesSizesAndSplitsThatMakeNoSense() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> new MultiplicationTask(0, 0.8));
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> new MultiplicationTask(-5, 0.8));
        IllegalArgumentException split = assertThrows(IllegalArgumentException.class,
                () -> new MultiplicationTask(100, 1.0));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> new MultiplicationTask(100, Double.NaN));

        assertTrue(zero.getMessage().contains("0"), zero.getMessage());
        assertTrue(negative.getMessage().contains("-5"), negative.getMessage());
        assertTrue(split.getMessage().contains("1.0"), split.getMessage());
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
    }

    private static double correlation(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElseThrow();
        double mb = Arrays.stream(b).average().orElseThrow();
        double cov = 0;
        double va = 0;
        double vb = 0;
        for (int i = 0; i < a.length; i++) {
            cov += (a[i] - ma) * (b[i] - mb);
            va += (a[i] - ma) * (a[i] - ma);
            vb += (b[i] - mb) * (b[i] - mb);
        }
        return cov / Math.sqrt(va * vb);
    }
}

package lab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import lab.model.TaskMode;
import org.junit.jupiter.api.Test;

class SweepUpdateTest {

    private static final float[][] GRADS = {{0.5f, 1f}, {-1f, 0.25f}, {2f, -0.5f}};

    private static float[][] threeSteps(SweepSettings s) {
        float[][] after = new float[3][];
        try (NDManager m = NDManager.newBaseManager(); SweepUpdate u = new SweepUpdate(s, m, 2, null)) {
            NDArray p = m.create(new float[] {1f, -2f});
            for (int k = 0; k < 3; k++) {
                u.apply(p, m.create(GRADS[k]));
                after[k] = p.toFloatArray();
            }
        }
        return after;
    }

    @Test
    void faithfulSgdSeesTheRunningSumOfGradients() {
        // given lr 0.1, momentum 0.9, gradients never cleared
        SweepSettings s = SweepSettings.faithful(TaskMode.MT, 8).withOptimizer(SweepOptimizer.SGD, 0.1f);
        // when
        float[][] p = threeSteps(s);
        // then, by hand: sum1 = (.5, 1), buf1 = sum1, p1 = (1, -2) - .1 buf1
        assertArrayEquals(new float[] {0.95f, -2.1f}, p[0], 1e-6f);
        // sum2 = (-.5, 1.25), buf2 = .9 buf1 + sum2 = (-.05, 2.15)
        assertArrayEquals(new float[] {0.955f, -2.315f}, p[1], 1e-6f);
        // sum3 = (1.5, .75), buf3 = .9 buf2 + sum3 = (1.455, 2.685)
        assertArrayEquals(new float[] {0.8095f, -2.5835f}, p[2], 1e-6f);
    }

    @Test
    void clearedSgdSeesEachStepsOwnGradient() {
        SweepSettings base = SweepSettings.faithful(TaskMode.MT, 8).withOptimizer(SweepOptimizer.SGD, 0.1f);
        SweepSettings s = new SweepSettings(SweepSetting.CORRECTED, base.mode(), base.width(), 0, 10, 512,
                SweepOptimizer.SGD, 0.1f, 0.9f, true, 10, 16, 3, 0f, false, false);
        float[][] p = threeSteps(s);
        // buf2 = .9 (.5, 1) + (-1, .25) = (-.55, 1.15); buf3 = .9 buf2 + (2, -.5) = (1.505, .535)
        assertArrayEquals(new float[] {0.95f, -2.1f}, p[0], 1e-6f);
        assertArrayEquals(new float[] {1.005f, -2.215f}, p[1], 1e-6f);
        assertArrayEquals(new float[] {0.8545f, -2.2685f}, p[2], 1e-6f);
    }

    @Test
    void adamFollowsPyTorchsBiasCorrectedRule() {
        SweepSettings s = SweepSettings.corrected(TaskMode.MT, 8).withOptimizer(SweepOptimizer.ADAM, 0.1f);
        float[][] p = threeSteps(s);
        // step 1: m = .1 g, v = .001 g^2, corrected m/sqrt(v) = sign(g): p1 = p0 - .1 sign(g1)
        assertArrayEquals(new float[] {0.9f, -2.1f}, p[0], 1e-5f);
        // step 2, coordinate 0: m = .09*.5... computed in double below
        double[] p2 = adamByHand(2);
        double[] p3 = adamByHand(3);
        assertArrayEquals(new float[] {(float) p2[0], (float) p2[1]}, p[1], 1e-5f);
        assertArrayEquals(new float[] {(float) p3[0], (float) p3[1]}, p[2], 1e-5f);
    }

    private static double[] adamByHand(int steps) {
        double[] p = {1, -2};
        double[] m = new double[2];
        double[] v = new double[2];
        for (int t = 1; t <= steps; t++) {
            for (int i = 0; i < 2; i++) {
                double g = GRADS[t - 1][i];
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                double mh = m[i] / (1 - Math.pow(0.9, t));
                double vh = v[i] / (1 - Math.pow(0.999, t));
                p[i] -= 0.1 * mh / (Math.sqrt(vh) + 1e-8);
            }
        }
        return p;
    }
}

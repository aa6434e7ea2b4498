package lab.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class TorchAdamTest {

    /** torch.optim.Adam's update written out in double precision, as its documentation states it. */
    private static double[] torchAdam(double[] gradients, double lr, double rescale) {
        double p = 0;
        double m = 0;
        double v = 0;
        double[] after = new double[gradients.length];
        for (int t = 1; t <= gradients.length; t++) {
            double g = gradients[t - 1] * rescale;
            m = 0.9 * m + 0.1 * g;
            v = 0.999 * v + 0.001 * g * g;
            double mHat = m / (1 - Math.pow(0.9, t));
            double vHat = v / (1 - Math.pow(0.999, t));
            p -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
            after[t - 1] = p;
        }
        return after;
    }

    @Test
    void followsTorchAdamEvenWhereEpsDominates() {
        // given: gradients of 1e-8, where eps is as large as sqrt(v_hat) and its placement decides the step
        // (DJL's Optimizer.adam() moves p by ~0.03 lr at t = 1 here, torch.optim.Adam by 0.5 lr)
        double[] gradients = {4e-8, 2e-8, -1e-8, 3e-8, 1e-8};
        double[] expected = torchAdam(gradients, 0.01, 0.5);
        try (NDManager manager = NDManager.newBaseManager(Engine.getEngine("PyTorch").defaultDevice(), "PyTorch")) {
            NDArray p = manager.create(new float[] {0f});
            TorchAdam adam = new TorchAdam(manager, p.getShape(), 0.01f, 0.5f);
            for (int t = 0; t < gradients.length; t++) {
                // when
                try (NDArray g = manager.create(new float[] {(float) gradients[t]})) {
                    adam.step(p, g);
                }
                // then
                assertEquals(expected[t], p.getFloat(0), 1e-6 * Math.abs(expected[t]), "parameter after step " + (t + 1));
            }
            assertEquals(gradients.length, adam.steps());
            assertTrue(Math.abs(expected[0]) > 0.004, "the first step should be about half of lr, was " + expected[0]);
        }
    }

    @Test
    void followsTorchAdamForOrdinaryGradients() {
        // given
        double[] gradients = {0.3, -0.1, 0.25, 0.05, -0.4, 0.2};
        double[] expected = torchAdam(gradients, 0.001, 1);
        try (NDManager manager = NDManager.newBaseManager(Engine.getEngine("PyTorch").defaultDevice(), "PyTorch")) {
            NDArray p = manager.create(new float[] {0f, 0f});
            TorchAdam adam = new TorchAdam(manager, p.getShape(), 0.001f, 1f);
            for (int t = 0; t < gradients.length; t++) {
                // when: the same gradient on both elements
                try (NDArray g = manager.create(new float[] {(float) gradients[t], (float) gradients[t]})) {
                    adam.step(p, g);
                }
                // then
                assertEquals(expected[t], p.getFloat(1), 1e-6 * Math.abs(expected[t]), "parameter after step " + (t + 1));
            }
        }
    }

    @Test
    void leavesTheGradientAsItIs() {
        // given: the sweep's faithful setting hands Adam a running gradient sum it keeps adding to
        try (NDManager manager = NDManager.newBaseManager(Engine.getEngine("PyTorch").defaultDevice(), "PyTorch")) {
            NDArray p = manager.create(new float[] {0f, 0f});
            NDArray g = manager.create(new float[] {0.5f, -2f});
            TorchAdam adam = new TorchAdam(manager, p.getShape(), 0.1f, 0.5f);
            // when
            adam.step(p, g);
            // then
            assertEquals(0.5f, g.getFloat(0));
            assertEquals(-2f, g.getFloat(1));
        }
    }

    @Test
    void rejectsALearningRateThatIsNotPositive() {
        try (NDManager manager = NDManager.newBaseManager(Engine.getEngine("PyTorch").defaultDevice(), "PyTorch")) {
            NDArray p = manager.create(new float[] {0f});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new TorchAdam(manager, p.getShape(), Float.NaN, 1f));
            assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        }
    }
}

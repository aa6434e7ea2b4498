package lab.fused;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import lab.loop.IntraOpThreads;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchNormPassesTest {

    /** Three towers of 40 units on a batch of 600: more than one split's worth (Elementwise.MIN_SPLIT). */
    private static final Shape ACTIVATIONS = new Shape(3, 40, 600);
    private static final Shape PER_ROW = new Shape(3, 40, 1);

    /** Values in [-1, 1), with exact zeros of both signs and a NaN among them, as the edge cases ReLU must keep. */
    private static NDArray values(NDManager m, Shape shape, SplittableRandom rng) {
        float[] v = new float[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextDouble(-1, 1);
        }
        v[1] = -0f;
        v[2] = 0f;
        v[v.length - 1] = Float.NaN;
        return m.create(v, shape);
    }

    private static void onThreads(int threads, Runnable check) {
        IntraOpThreads.use(threads);
        try {
            check.run();
        } finally {
            IntraOpThreads.use(1);
        }
    }

    private static void scaleShiftReluIsTheOps() {
        SplittableRandom rng = new SplittableRandom(7);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray c = values(m, ACTIVATIONS, rng);
            NDArray scale = values(m, PER_ROW, rng);
            NDArray beta = values(m, PER_ROW, rng);
            // row 0: -0 * 0.5 + -0 = -0, the one input whose ReLU shows how a negative zero is kept
            scale.set(new NDIndex(0, 0, 0), 0.5f);
            beta.set(new NDIndex(0, 0, 0), -0f);
            NDArray ops = c.mul(scale).addi(beta).getNDArrayInternal().relu();
            NDArray pass = BatchNormPasses.scaleShiftReluPass(c, scale, beta);
            assertArrayEquals(ops.toFloatArray(), pass.toFloatArray());
            assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(pass.getFloat(0, 0, 1)));
        }
    }

    private static void scaleShiftReluWithBetaSharedByTheTowersIsTheOps() {
        SplittableRandom rng = new SplittableRandom(9);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray c = values(m, ACTIVATIONS, rng);
            NDArray scale = values(m, PER_ROW, rng);
            NDArray beta = values(m, new Shape(40, 1), rng); // one per unit, broadcast over the towers
            NDArray ops = c.mul(scale).addi(beta).getNDArrayInternal().relu();
            assertArrayEquals(ops.toFloatArray(), BatchNormPasses.scaleShiftReluPass(c, scale, beta).toFloatArray());
        }
    }

    private static void inputGradientIsTheOps() {
        SplittableRandom rng = new SplittableRandom(11);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray dy = values(m, ACTIVATIONS, rng);
            NDArray c = values(m, ACTIVATIONS, rng);
            NDArray scale = values(m, PER_ROW, rng);
            NDArray k2 = values(m, PER_ROW, rng);
            NDArray k3 = values(m, PER_ROW, rng);
            NDArray pass = BatchNormPasses.inputGradientPass(dy, scale, c, k2, k3);
            NDArray ops = dy.mul(scale).addi(c.mul(k2)).addi(k3);
            assertArrayEquals(ops.toFloatArray(), pass.toFloatArray());
        }
    }

    /** Splitting a pass over threads must change no value: one thread, and more than one split. */
    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 2, 3})
    void scaleShiftReluGivesTheBitsOfLibtorchsOps(int threads) {
        onThreads(threads, BatchNormPassesTest::scaleShiftReluIsTheOps);
    }

    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 2, 3})
    void scaleShiftReluBroadcastsASharedBetaAsLibtorchDoes(int threads) {
        onThreads(threads, BatchNormPassesTest::scaleShiftReluWithBetaSharedByTheTowersIsTheOps);
    }

    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 2, 3})
    void inputGradientGivesTheBitsOfLibtorchsOps(int threads) {
        onThreads(threads, BatchNormPassesTest::inputGradientIsTheOps);
    }
}

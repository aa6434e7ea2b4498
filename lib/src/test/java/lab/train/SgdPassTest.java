package lab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import lab.loop.IntraOpThreads;
import org.junit.jupiter.api.Test;

class SgdPassTest {

    /**
     * More than one split's worth (Elementwise.MIN_SPLIT), and not a multiple of the thread counts, so every split
     * has a remainder.
     */
    private static final int SIZE = 3 * (1 << 16) + 7;
    private static final float MOMENTUM = 0.9f;
    private static final float LR = 0.01f;

    private static float[] values(SplittableRandom rng, double scale) {
        float[] v = new float[SIZE];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (scale * rng.nextDouble(-1, 1));
        }
        return v;
    }

    /**
     * Runs five steps both ways from the same start: libtorch's separate ops (the update as it was written before
     * the one pass, kept here as the reference) and the pass on {@code threads} threads, the gradient in three
     * parts; checks parameters, buffer and sum bit for bit.
     */
    private static void assertSameBits(boolean faithful, int threads) {
        SplittableRandom rng = new SplittableRandom(42);
        float[] p0 = values(rng, 1);
        float[] b0 = values(rng, 0.1);
        float[] s0 = values(rng, 0.1);
        IntraOpThreads.use(threads);
        try (NDManager m = NDManager.newBaseManager()) {
            SgdPass pass = new SgdPass(MOMENTUM, LR);
            NDArray p1 = m.create(p0);
            NDArray b1 = m.create(b0);
            NDArray s1 = faithful ? m.create(s0) : null;
            NDArray p2 = m.create(p0);
            NDArray b2 = m.create(b0);
            NDArray s2 = faithful ? m.create(s0) : null;
            NDArray lr = m.create(LR);
            NDArray momentum = m.create(MOMENTUM);
            for (int step = 0; step < 5; step++) {
                NDArray g = m.create(values(rng, 1e-2));
                // reference: the separate ops
                NDArray used = g;
                if (faithful) {
                    s1.addi(g);
                    used = s1;
                }
                b1.muli(momentum).addi(used);
                p1.subi(b1.mul(lr));
                // the pass, on the gradient in three parts of uneven size
                NDList parts = new NDList(g.get(new NDIndex("0:5")), g.get(new NDIndex("5:70000")),
                        g.get(new NDIndex("70000:")));
                pass.apply(p2, s2, b2, parts);
            }
            assertArrayEquals(p1.toFloatArray(), p2.toFloatArray());
            assertArrayEquals(b1.toFloatArray(), b2.toFloatArray());
            if (faithful) {
                assertArrayEquals(s1.toFloatArray(), s2.toFloatArray());
            }
        } finally {
            IntraOpThreads.use(1);
        }
    }

    @Test
    void faithfulStepIsBitForBitTheSeparateOpsOnOneThread() {
        assertSameBits(true, 1);
    }

    @Test
    void faithfulStepIsBitForBitTheSeparateOpsOnThreeThreads() {
        assertSameBits(true, 3);
    }

    @Test
    void clearedStepIsBitForBitTheSeparateOpsOnTwoThreads() {
        assertSameBits(false, 2);
    }

    @Test
    void partsThatDoNotCoverTheParametersAreRefused() {
        try (NDManager m = NDManager.newBaseManager()) {
            SgdPass pass = new SgdPass(MOMENTUM, LR);
            NDArray p = m.zeros(new Shape(4));
            NDArray b = m.zeros(new Shape(4));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> pass.apply(p, null, b, new NDList(m.ones(new Shape(3)))));
            assertEquals("gradient parts hold 3 values, expected 4", e.getMessage());
        }
    }
}

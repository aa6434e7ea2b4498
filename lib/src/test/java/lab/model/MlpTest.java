package lab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import lab.data.Rows;
import org.junit.jupiter.api.Test;

class MlpTest {

    // A hand-built 4 -> 2 -> 2 net: h0 = relu(a), h1 = relu(0.5 - c); out0 = 2*h0, out1 = h1 - 1.
    private static final List<LinearWeights> HAND_BUILT = List.of(
            new LinearWeights(4, 2, new float[] {1, 0, 0, 0, 0, 0, -1, 0}, new float[] {0, 0.5f}),
            new LinearWeights(2, 2, new float[] {2, 0, 0, 1}, new float[] {0, -1}));
    private static final Rows INPUTS = Rows.of(new float[] {
        0.2f, 0f, 0.7f, 0f,
        0.3f, 0f, 0.1f, 0f,
        -1f, 5f, 0.5f, 5f,
    }, 4);

    private static final float[] HAND_OUTPUTS = {0.4f, -1f, 0.6f, -0.6f, 0f, -1f};

    @Test
    void thePassGivesAHandBuiltNetsReluOfTheAffineMapAndItsOutputs() {
        float[] h = MlpPass.hiddenActivations(HAND_BUILT, INPUTS);

        assertArrayEquals(new float[] {0.2f, 0f, 0.3f, 0.4f, 0f, 0f}, h, 1e-7f);
        assertArrayEquals(HAND_OUTPUTS, MlpPass.outputs(HAND_BUILT, INPUTS), 1e-6f);
    }

    @Test
    void stackedModelsEachGetTheirOwnActivationsAndOutputs() {
        // given: the hand-built net and a seeded 4 -> 2 -> 2 net of other weights
        List<LinearWeights> other = MlpWeights.pytorchDefault(new int[] {4, 2, 2}, 5);

        // when: both go through the pass together
        List<float[]> h = MlpPass.hiddenActivationsOfEach(List.of(HAND_BUILT, other), INPUTS);
        List<float[]> y = MlpPass.outputsOfEach(List.of(HAND_BUILT, other), INPUTS);

        // then: each equals the model alone, and the two differ
        assertArrayEquals(MlpPass.hiddenActivations(HAND_BUILT, INPUTS), h.get(0), 1e-7f);
        assertArrayEquals(MlpPass.hiddenActivations(other, INPUTS), h.get(1), 1e-7f);
        assertArrayEquals(HAND_OUTPUTS, y.get(0), 1e-6f);
        assertArrayEquals(MlpPass.outputs(other, INPUTS), y.get(1), 1e-7f);
        assertTrue(Math.abs(y.get(1)[0] - y.get(0)[0]) > 1e-3, "the two models should give different outputs");
    }

    @Test
    void thePassRefusesInputsOfAnotherWidth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MlpPass.outputs(HAND_BUILT, Rows.of(new float[] {1, 2, 3}, 3)));

        assertEquals("inputs have width 3, the net takes 4", e.getMessage());
    }

    @Test
    void blockLoadsGivenWeightsAndComputesTheHandBuiltNetsOutputs() {
        MlpBlock block = Mlp.builder().setInputs(4).setHiddenUnits(2).setOutputs(2)
                .optWeights(HAND_BUILT).build();
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            block.initialize(manager, DataType.FLOAT32, new Shape(3, 4));
            NDArray x = manager.create(INPUTS.values(), new Shape(INPUTS.shape()));

            float[] out = block.forward(new ParameterStore(manager, false), new NDList(x), false)
                    .singletonOrThrow().toFloatArray();

            assertArrayEquals(HAND_OUTPUTS, out, 1e-6f);
            assertArrayEquals(HAND_BUILT.get(0).weight(), Mlp.weights(block).get(0).weight(), 0f);
            assertArrayEquals(HAND_BUILT.get(1).bias(), Mlp.weights(block).get(1).bias(), 0f);
        }
    }

    @Test
    void blockStartsFromTheSeedsPytorchDefaultWeights() {
        MlpBlock block = Mlp.builder().setInputs(4).setHiddenUnits(16).setOutputs(2).optSeed(3).build();
        List<LinearWeights> expected = MlpWeights.pytorchDefault(new int[] {4, 16, 2}, 3);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 4));

            List<LinearWeights> loaded = Mlp.weights(block);

            assertEquals(2, loaded.size());
            for (int l = 0; l < 2; l++) {
                assertArrayEquals(expected.get(l).weight(), loaded.get(l).weight(), 0f);
                assertArrayEquals(expected.get(l).bias(), loaded.get(l).bias(), 0f);
            }
        }
    }

    @Test
    void initialWeightsLieWithinPytorchsBoundOfOneOverSqrtFanIn() {
        List<LinearWeights> init = Mlp.builder().setInputs(4).setHiddenUnits(16).setOutputs(2).optSeed(7)
                .initialWeights();

        assertWithin(init.get(0).weight(), 0.5f);
        assertWithin(init.get(0).bias(), 0.5f);
        assertWithin(init.get(1).weight(), 0.25f);
        assertWithin(init.get(1).bias(), 0.25f);
    }

    @Test
    void builderNamesTheMissingWidth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Mlp.builder().setInputs(4).setOutputs(2).build());

        assertEquals("hiddenUnits must be set to >= 1, got 0", e.getMessage());
    }

    @Test
    void builderRefusesWeightsOfTheWrongShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Mlp.builder().setInputs(4).setHiddenUnits(3).setOutputs(2).optWeights(HAND_BUILT).build());

        assertEquals("weights layer 0 is [2, 4], expected [3, 4]", e.getMessage());
    }

    private static void assertWithin(float[] values, float bound) {
        float max = 0;
        for (float v : values) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max <= bound, "max |value| " + max + " exceeds " + bound);
        assertTrue(max > bound / 2, "max |value| " + max + " is suspiciously far below " + bound);
    }
}

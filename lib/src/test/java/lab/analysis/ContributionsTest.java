package lab.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ContributionsTest {

    // A hand-built net on 2 points with 3 hidden neurons and 2 outputs:
    // neuron 0 feeds output 0 only, neuron 1 feeds both equally, neuron 2 never fires.
    private static final float[] ACTIVATIONS = {
        1f, 2f, 0f,
        3f, 4f, 0f,
    };
    private static final float[] W2 = {
        0.5f, 0.25f, 1f,
        0f, 0.25f, -1f,
    };

    @Test
    void contributionIsActivationTimesOutgoingWeight() {
        float[] contrib = Contributions.of(ACTIVATIONS, W2, 2, 3, 2);

        assertEquals(12, contrib.length);
        assertArrayEquals(new float[] {
            0.5f, 0f, 0.5f, 0.5f, 0f, 0f,
            1.5f, 0f, 1f, 1f, 0f, 0f,
        }, contrib, 0f);
    }

    @Test
    void meanVectorAveragesOverPoints() {
        float[] contrib = Contributions.of(ACTIVATIONS, W2, 2, 3, 2);

        float[] mean = Contributions.meanVectors(contrib, 2, 3, 2);

        assertArrayEquals(new float[] {1f, 0f, 0.75f, 0.75f, 0f, 0f}, mean, 1e-7f);
    }

    @Test
    void neuronSliceAndActivationColumnPickTheRightValues() {
        float[] contrib = Contributions.of(ACTIVATIONS, W2, 2, 3, 2);

        assertArrayEquals(new float[] {0.5f, 1f}, Contributions.ofNeuron(contrib, 2, 3, 2, 1, 1), 0f);
        assertArrayEquals(new float[] {2f, 4f}, Contributions.column(ACTIVATIONS, 2, 3, 1), 0f);
    }

    @Test
    void handBuiltNetGivesTheRolesAndScoresWorkedOutOnPaper() {
        float[] mean = Contributions.meanVectors(Contributions.of(ACTIVATIONS, W2, 2, 3, 2), 2, 3, 2);

        assertEquals(1.0, Orthogonality.score(mean[0], mean[1]), 1e-12);
        assertEquals(NeuronRole.OUTPUT_0_ONLY,
                NeuronRole.of(Contributions.column(ACTIVATIONS, 2, 3, 0), mean[0], mean[1]));
        assertEquals(0.0, Orthogonality.score(mean[2], mean[3]), 1e-7);
        assertEquals(NeuronRole.BOTH, NeuronRole.of(Contributions.column(ACTIVATIONS, 2, 3, 1), mean[2], mean[3]));
        assertEquals(NeuronRole.SILENT, NeuronRole.of(Contributions.column(ACTIVATIONS, 2, 3, 2), mean[4], mean[5]));
    }

    @Test
    void refusesAnActivationArrayOfTheWrongShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Contributions.of(new float[5], W2, 2, 3, 2));

        assertEquals("activations has 5 values, expected [2, 3]", e.getMessage());
    }
}

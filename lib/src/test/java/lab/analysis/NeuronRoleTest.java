package lab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NeuronRoleTest {

    private static final float[] ACTIVE = {0f, 0.5f, 1f};

    @Test
    void neuronWiredOnlyToOutputZeroServesOutputZeroOnly() {
        assertEquals(NeuronRole.OUTPUT_0_ONLY, NeuronRole.of(ACTIVE, 0.3, 0));
        assertEquals(NeuronRole.OUTPUT_0_ONLY, NeuronRole.of(ACTIVE, -0.3, 0.001));
    }

    @Test
    void neuronWiredOnlyToOutputOneServesOutputOneOnly() {
        assertEquals(NeuronRole.OUTPUT_1_ONLY, NeuronRole.of(ACTIVE, 0, -0.2));
    }

    @Test
    void neuronWithEqualWeightsToBothServesBoth() {
        assertEquals(NeuronRole.BOTH, NeuronRole.of(ACTIVE, 0.2, 0.2));
        // 10 degrees off the axis is past the 2.25-degree band
        double a = Math.toRadians(10);
        assertEquals(NeuronRole.BOTH, NeuronRole.of(ACTIVE, Math.cos(a), Math.sin(a)));
    }

    @Test
    void neuronThatNeverFiresOnTheGridIsSilentWhateverItsWeights() {
        assertEquals(NeuronRole.SILENT, NeuronRole.of(new float[] {0f, 0f, 0f}, 0, 0));
    }

    @Test
    void activeNeuronWithZeroMeanVectorReachesNeitherOutputAndIsSilent() {
        assertEquals(NeuronRole.SILENT, NeuronRole.of(ACTIVE, 0, 0));
    }

    @Test
    void refusesANonFiniteMeanVector() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NeuronRole.of(ACTIVE, Double.NaN, 0));

        assertEquals("mean contribution must be finite, got (NaN, 0.0)", e.getMessage());
    }
}

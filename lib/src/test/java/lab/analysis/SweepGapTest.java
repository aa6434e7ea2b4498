package lab.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SweepGapTest {

    @Test
    void gapIsMultiTaskMinusSingleTask() {
        assertArrayEquals(new double[] {0.1162, -0.0063}, SweepGap.gap(new double[] {0.0567, 0.0678},
                new double[] {0.1729, 0.0615}), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> SweepGap.gap(new double[1], new double[2]));
    }

    @Test
    void theSeedsGapAtWidthEightIsTheNotesPlusPointOneOneSix() {
        assertEquals(0.1162, SweepGap.seedGap()[0], 1e-9);
        assertEquals(SweepGap.SEED_WIDTHS.length, SweepGap.seedGap().length);
    }

    @Test
    void log2OfPowersOfTwoIsTheExponent() {
        assertArrayEquals(new double[] {3, 7, 14}, SweepGap.log2(new int[] {8, 128, 16384}), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> SweepGap.log2(new int[] {0}));
    }

    @Test
    void shrinkingPairsCountsWhereTheSmallerWidthHasTheLargerGap() {
        // given widths out of order: 8 -> .3, 16 -> .2, 32 -> .25, 64 -> .1
        int[] k = SweepGap.shrinkingPairs(new int[] {32, 8, 64, 16}, new double[] {0.25, 0.3, 0.1, 0.2});
        // pairs (8,16) yes, (16,32) no, (32,64) yes
        assertArrayEquals(new int[] {2, 3}, k);
    }

    @Test
    void stFlopsAtWidth1024MatchTheNotesPointSixSixPetaflopPerTenThousandEpochs() {
        double perRun = 10_000 * SweepGap.flopsPerEpoch(1024, 10, 1, 16, 3, 1024);
        assertEquals(0.66e15, perRun, 0.02e15);
    }
}

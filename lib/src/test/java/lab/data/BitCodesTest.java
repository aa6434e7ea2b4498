package lab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BitCodesTest {

    @Test
    void generatedCodesAreABijectionOfAllIndices() {
        BitCodes codes = BitCodes.generate(10, 0);

        assertEquals(1024, codes.count());
        boolean[] seen = new boolean[1024];
        for (int c : codes.codes()) {
            seen[c] = true;
        }
        for (boolean s : seen) {
            assertTrue(s);
        }
    }

    @Test
    void sameSeedGivesSameCodesAndAnotherSeedOthers() {
        assertArrayEquals(BitCodes.generate(10, 3).codes(), BitCodes.generate(10, 3).codes());
        assertTrue(!java.util.Arrays.equals(BitCodes.generate(10, 3).codes(), BitCodes.generate(10, 4).codes()));
    }

    @Test
    void bitsAreReadMostSignificantFirst() {
        // given index 0 -> 6 = 110, index 1 -> 1 = 001 (a hand-made bijection of 3-bit codes)
        BitCodes codes = new BitCodes(3, new int[] {6, 1, 0, 2, 3, 4, 5, 7});

        assertEquals("110", codes.format(0));
        assertEquals("001", codes.format(1));
        Rows t = codes.targets();
        assertEquals(8, t.rows());
        assertEquals(3, t.width());
        assertArrayEquals(new float[] {1, 1, 0, 0, 0, 1}, java.util.Arrays.copyOf(t.values(), 6));
    }

    @Test
    void lengthOutsideOneToSixteenIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BitCodes.generate(17, 0));
        assertTrue(e.getMessage().contains("17"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BitCodes.generate(0, 0));
    }

    @Test
    void aTableThatIsNotABijectionIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BitCodes(2, new int[] {0, 1, 1, 3}));
        assertTrue(e.getMessage().contains("index 2"), e.getMessage());
    }
}

package lab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AnalysisGridTest {

    @Test
    void seedGridFeedsEachPairToBothTasks() {
        Rows x = AnalysisGrid.seedGrid().inputs();

        assertEquals(25, x.rows());
        assertEquals(4, x.width());
        // point 7 = row 1 (a = 0.25), column 2 (b = 0.5)
        assertArrayEquals(new float[] {0.25f, 0.5f, 0.25f, 0.5f},
                new float[] {x.get(7, 0), x.get(7, 1), x.get(7, 2), x.get(7, 3)});
        assertArrayEquals(new float[] {1f, 1f, 1f, 1f},
                new float[] {x.get(24, 0), x.get(24, 1), x.get(24, 2), x.get(24, 3)});
    }

    @Test
    void refusesADegenerateGrid() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AnalysisGrid(1));

        assertEquals("grid side must be >= 2, got 1", e.getMessage());
    }
}

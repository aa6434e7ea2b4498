package lab.multimult;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class OpenQuestionsSettingsTest {

    @Test
    void bothProfilesAreValidAndFullHasTheIssuesScale() {
        // when
        OpenQuestionsSettings full = OpenQuestionsSettings.full();
        OpenQuestionsSettings.quick();
        // then
        assertEquals(List.of(2, 3, 4, 6, 8, 12, 16, 24, 32), full.widths());
        assertEquals(20, full.sweepSeeds());
        assertEquals(20, full.combineSeeds());
        assertEquals(4000, full.epochs());
        assertEquals(8, full.keep());
    }

    @Test
    void aWidthOfZeroIsRefusedWithOneSentence() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpenQuestionsSettings.quick().withWidths(List.of(0, 16)));
        assertEquals("a hidden width of 0 cannot be trained; give widths >= 1", e.getMessage());
    }

    @Test
    void aPruningTargetAboveTheWidthIsRefusedWithOneSentence() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpenQuestionsSettings.quick().withKeep(17));
        assertEquals("the pruning target of 17 neurons is outside the single-task width; keep between 1 and 16 "
                + "neurons", e.getMessage());
    }

    @Test
    void aNegativeRegularisationCoefficientIsRefusedWithOneSentence() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpenQuestionsSettings.quick().withPenaltyGrid(List.of(1e-4, -1e-3)));
        assertEquals("the regularisation coefficient -0.001 is not allowed; give coefficients that are finite and > 0",
                e.getMessage());
    }

    @Test
    void widthsWithoutTheCombinedWidthAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpenQuestionsSettings.quick().withWidths(List.of(2, 4)));
        assertEquals("the widths [2, 4] lack 16, the width of the combined model, which the jointly trained baseline "
                + "needs; add it", e.getMessage());
    }
}

package lab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import lab.multimult.OpenQuestionsSettings;
import org.junit.jupiter.api.Test;

class OpenQuestions004Test {

    @Test
    void optionsOverrideTheProfilesSettings() {
        // when
        OpenQuestionsSettings s = OpenQuestions004.parse(new String[] {"--epochs", "50", "--seeds", "4",
                "--widths", "2,8,16", "--keep", "8", "--penalties", "1e-5"}, Profile.QUICK);
        // then
        assertEquals(50, s.epochs());
        assertEquals(4, s.sweepSeeds());
        assertEquals(List.of(2, 8, 16), s.widths());
        assertEquals(List.of(1e-5), s.penaltyGrid());
    }

    @Test
    void badOptionsAreRefusedWithOneSentenceBeforeAnyStoreIsOpened() {
        assertEquals("a hidden width of 0 cannot be trained; give widths >= 1", refusal("--widths", "0,16"));
        assertEquals("the pruning target of 20 neurons is outside the single-task width; keep between 1 and 16 "
                + "neurons", refusal("--keep", "20"));
        assertEquals("the regularisation coefficient -1.0E-4 is not allowed; give coefficients that are finite and "
                + "> 0", refusal("--penalties", "-1e-4"));
    }

    private static String refusal(String option, String value) {
        return assertThrows(IllegalArgumentException.class,
                () -> OpenQuestions004.parse(new String[] {option, value}, Profile.QUICK)).getMessage();
    }
}

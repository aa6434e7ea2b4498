package lab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import lab.model.TaskMode;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    private static final String[] KNOWN = {"--epochs", "--seed", "--lr", "--arch", "--widths", "--modes"};

    @Test
    void givenOptionsAreReadAsTheirTypes() {
        // given
        CommandLine cl = new CommandLine(new String[] {"--epochs", "12", "--seed", "5000000000", "--lr", "1e-3",
                "--arch", "mt"}, KNOWN);
        // when / then
        assertEquals(12, cl.intOr("--epochs", 1));
        assertEquals(12, cl.requiredInt("--epochs"));
        assertEquals(5_000_000_000L, cl.longOr("--seed", 0));
        assertEquals(1e-3, cl.doubleOr("--lr", 0.5));
        assertEquals("mt", cl.textOr("--arch", "st"));
        assertEquals("mt", cl.requiredText("--arch"));
    }

    @Test
    void optionsLeftOutTakeTheFallback() {
        // given
        CommandLine cl = new CommandLine(new String[0], KNOWN);
        // when / then
        assertEquals(300, cl.intOr("--epochs", 300));
        assertEquals(7L, cl.longOr("--seed", 7));
        assertEquals(0.01, cl.doubleOr("--lr", 0.01));
        assertEquals("st", cl.textOr("--arch", "st"));
        assertEquals(List.of(8, 32), cl.listOr("--widths", Integer::parseInt, List.of(8, 32)));
    }

    @Test
    void anOptionGivenTwiceKeepsItsLastValue() {
        // given
        CommandLine cl = new CommandLine(new String[] {"--epochs", "1", "--epochs", "2"}, KNOWN);
        // when / then
        assertEquals(2, cl.intOr("--epochs", 0));
    }

    @Test
    void anUnknownOptionIsRefusedListingTheKnownOnes() {
        // given
        String[] args = {"--epochs", "3", "--epoch", "4"};
        // when
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CommandLine(args, KNOWN));
        // then
        assertEquals("unknown option '--epoch'; known: --epochs, --seed, --lr, --arch, --widths, --modes",
                e.getMessage());
    }

    @Test
    void aStrayValueIsRefusedAndACommandWithoutOptionsSaysSo() {
        // given
        String[] args = {"extra"};
        // when
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CommandLine(args));
        // then
        assertEquals("unknown option 'extra'; this command takes no options", e.getMessage());
    }

    @Test
    void anOptionWithoutValueIsRefusedNamingIt() {
        // given: --epochs last, and --seed followed by another option
        String[] last = {"--seed", "1", "--epochs"};
        String[] followed = {"--seed", "--epochs", "5"};
        // when
        IllegalArgumentException atEnd = assertThrows(IllegalArgumentException.class,
                () -> new CommandLine(last, KNOWN));
        IllegalArgumentException beforeAnother = assertThrows(IllegalArgumentException.class,
                () -> new CommandLine(followed, KNOWN));
        // then
        assertEquals("option --epochs needs a value", atEnd.getMessage());
        assertEquals("option --seed needs a value", beforeAnother.getMessage());
    }

    @Test
    void aBadNumberIsRefusedNamingTheOptionAndQuotingTheValue() {
        // given
        CommandLine cl = new CommandLine(new String[] {"--epochs", "ten", "--seed", "1.5", "--lr", "fast"}, KNOWN);
        // when / then
        assertEquals("--epochs must be a whole number, got 'ten'",
                assertThrows(IllegalArgumentException.class, () -> cl.intOr("--epochs", 1)).getMessage());
        assertEquals("--epochs must be a whole number, got 'ten'",
                assertThrows(IllegalArgumentException.class, () -> cl.requiredInt("--epochs")).getMessage());
        assertEquals("--seed must be a whole number, got '1.5'",
                assertThrows(IllegalArgumentException.class, () -> cl.longOr("--seed", 0)).getMessage());
        assertEquals("--lr must be a number, got 'fast'",
                assertThrows(IllegalArgumentException.class, () -> cl.doubleOr("--lr", 0.1)).getMessage());
    }

    @Test
    void aMissingRequiredOptionIsRefusedNamingIt() {
        // given
        CommandLine cl = new CommandLine(new String[0], KNOWN);
        // when / then
        assertEquals("missing option --arch",
                assertThrows(IllegalArgumentException.class, () -> cl.requiredText("--arch")).getMessage());
        assertEquals("missing option --epochs",
                assertThrows(IllegalArgumentException.class, () -> cl.requiredInt("--epochs")).getMessage());
    }

    @Test
    void aListIsSplitOnCommasTrimmedAndMappedByItsParser() {
        // given
        CommandLine cl = new CommandLine(new String[] {"--widths", "8, 16,,32", "--modes", "st,MT"}, KNOWN);
        // when
        List<Integer> widths = cl.listOr("--widths", Integer::parseInt, List.of(1));
        List<TaskMode> modes = cl.listOr("--modes", TaskMode::parse, List.of());
        // then
        assertEquals(List.of(8, 16, 32), widths);
        assertEquals(List.of(TaskMode.ST, TaskMode.MT), modes);
    }

    @Test
    void aBadListItemIsRefusedNamingTheOptionAndTheItem() {
        // given
        CommandLine cl = new CommandLine(new String[] {"--widths", "8,x", "--modes", "st,both"}, KNOWN);
        // when / then
        assertEquals("--widths: 'x' in '8,x' is not a number", assertThrows(IllegalArgumentException.class,
                () -> cl.listOr("--widths", Integer::parseInt, List.of())).getMessage());
        assertEquals("--modes: mode 'both' is not one of st, mt", assertThrows(IllegalArgumentException.class,
                () -> cl.listOr("--modes", TaskMode::parse, List.of())).getMessage());
    }

    @Test
    void aListWithoutItemsIsRefused() {
        // given
        CommandLine cl = new CommandLine(new String[] {"--widths", " , "}, KNOWN);
        // when
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cl.listOr("--widths", Integer::parseInt, List.of(8)));
        // then
        assertEquals("--widths must list at least one value, got ' , '", e.getMessage());
    }

    @Test
    void askingForAnUndeclaredOptionIsACallerError() {
        // given
        CommandLine cl = new CommandLine(new String[0], "--epochs");
        // when
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cl.intOr("--epoch", 1));
        // then
        assertEquals("'--epoch' is not an option of this command; known: --epochs", e.getMessage());
    }
}

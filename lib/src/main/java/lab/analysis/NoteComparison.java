package lab.analysis;

/**
 * How a 001 run compares with the seed 000 note's single run (validation MSE about 3e-4): the thresholds the
 * notebook's closing sentence uses, kept here so that the notebook only prints.
 */
public final class NoteComparison {

    /** The validation MSE the seed 000 note reports. */
    public static final double NOTE_VALIDATION_MSE = 3e-4;
    /** At or below this validation MSE a run is "in line with" the note (a few 1e-4, as the note's run). */
    public static final double IN_LINE_AT_MOST = 1e-3;

    private NoteComparison() {}

    /** Returns "in line with" when mse <= {@link #IN_LINE_AT_MOST}, else "well above". */
    public static String verdict(double mse) {
        return mse <= IN_LINE_AT_MOST ? "in line with" : "well above";
    }

    /** Returns mse / {@link #NOTE_VALIDATION_MSE}. */
    public static double ratio(double mse) {
        return mse / NOTE_VALIDATION_MSE;
    }
}

package lab.run;

import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * {@code bin/lab train <experiment> [options]}: runs an experiment's heavy training from the command line,
 * storing each finished piece so a rerun resumes. Every failure a user can cause (a bad option, a store made
 * with other settings, a damaged or unwritable store, a diverging loss, a run too large for memory) ends with one
 * sentence and exit code 2; anything else is a bug and shows its trace under a line saying so (exit code 3).
 */
public final class Train {

    private Train() {}

    public static void main(String[] args) {
        int code = run(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the command and returns its exit code (0, 2 for a user's error, 3 for a bug); prints errors to stderr. */
    static int run(String[] args) {
        if (args.length == 0) {
            return fail("usage: bin/lab train <experiment> [options]; experiments: " + String.join(", ", experiments()));
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case MultiMultRun.EXPERIMENT -> MultiMultRun.main(rest);
                case "002" -> Ensemble002.main(rest);
                case "004" -> OpenQuestions004.main(rest);
                case "sweep" -> SweepRunner.cli(rest);
                case "sweep-variants" -> SweepRunner.cli(withVariantsGrid(rest));
                case "sweep-plan" -> SweepRunner.plan(rest);
                case "sweep-search" -> SweepSearch.cli(rest);
                default -> {
                    return fail("unknown experiment '" + args[0] + "'; known: " + String.join(", ", experiments()));
                }
            }
            return 0;
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException | ArithmeticException e) {
            // bad options, other settings, damaged or unwritable stores, a diverging loss: all said in one sentence
            return fail(e.getMessage());
        } catch (OutOfMemoryError e) {
            return fail("the run ran out of memory (this JVM may use " + Budget.show(Runtime.getRuntime().maxMemory())
                    + "); train fewer models, samples or epochs at once, or give Java more with "
                    + "JAVA_TOOL_OPTIONS=-Xmx...");
        } catch (RuntimeException | Error e) {
            System.err.println("bin/lab train: internal error: this is a bug in multitask-lab; please report it "
                    + "with the trace below");
            e.printStackTrace();
            return 3;
        }
    }

    private static String[] experiments() {
        return new String[] {MultiMultRun.EXPERIMENT, "002", "004", "sweep", "sweep-variants", "sweep-plan", "sweep-search"};
    }

    /** Returns {@code sweep}'s options for the notebook's variants grid: {@code --grid variants} first. */
    private static String[] withVariantsGrid(String[] rest) {
        String[] out = new String[rest.length + 2];
        out[0] = "--grid";
        out[1] = "variants";
        System.arraycopy(rest, 0, out, 2, rest.length);
        return out;
    }

    private static int fail(String sentence) {
        System.err.println("bin/lab train: " + sentence);
        return 2;
    }
}

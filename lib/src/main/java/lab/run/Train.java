package lab.run;

import java.util.Arrays;

/**
 * {@code bin/lab train <experiment> [options]}: runs an experiment's heavy training from the command line,
 * storing each finished piece so a rerun resumes. Bad arguments end with one sentence and exit code 2.
 */
public final class Train {

    private Train() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            fail("usage: bin/lab train <experiment> [options]; experiments: " + String.join(", ", experiments()));
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case MultiMultRun.EXPERIMENT -> MultiMultRun.main(rest);
                case "002" -> Ensemble002.main(rest);
                case "004" -> OpenQuestions004.main(rest);
                case "sweep" -> SweepRunner.cli(rest);
                case "sweep-plan" -> SweepRunner.plan(rest);
                case "sweep-search" -> SweepSearch.cli(rest);
                default -> fail("unknown experiment '" + args[0] + "'; known: " + String.join(", ", experiments()));
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            fail(e.getMessage());
        }
    }

    private static String[] experiments() {
        return new String[] {MultiMultRun.EXPERIMENT, "002", "004", "sweep", "sweep-plan", "sweep-search"};
    }

    private static void fail(String sentence) {
        System.err.println("bin/lab train: " + sentence);
        System.exit(2);
    }
}

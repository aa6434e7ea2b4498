package lab.run;

import java.util.Locale;
import lab.store.ResultStore;
import lab.train.EnsembleSettings;

/**
 * {@code bin/lab train 002 [--models N] [--epochs E] [--lr X] [--samples S] [--chunk C] [--threads T]}: trains the
 * missing models of experiment 002 in the profile of {@code LAB_PROFILE} and stores them; prints a progress bar
 * and a summary. Options left out take the profile's values.
 */
public final class Ensemble002 {

    private Ensemble002() {}

    /** Parses the options, trains what is missing and prints what it did. */
    public static void main(String[] args) {
        Profile profile = Profile.current();
        EnsembleSettings settings = EnsembleRun.settings(profile);
        EnsembleRun.Options options = EnsembleRun.Options.of(profile);
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--models" -> options = options.withModels(parseInt(name, value));
                case "--epochs" -> settings = settings.withEpochs(parseInt(name, value));
                case "--lr" -> settings = settings.withLearningRate(parseDouble(name, value));
                case "--samples" -> settings = settings.withSamples(parseInt(name, value));
                case "--chunk" -> options = options.withChunk(parseInt(name, value));
                case "--threads" -> options = options.withThreads(parseInt(name, value));
                default -> throw new IllegalArgumentException("unknown option " + name
                        + "; known: --models --epochs --lr --samples --chunk --threads");
            }
        }
        ResultStore store = EnsembleRun.open(profile, settings);
        System.out.printf(Locale.ROOT, "002-multi-mult-ind-dist, profile %s: %d models, %s%n  store %s%n",
                profile, options.models(), settings, store.directory());
        EnsembleRun.Outcome outcome = EnsembleRun.run(store, settings, options,
                new TerminalProgress(System.out, "models", "model-epochs", settings.epochs()));
        System.out.println(outcome.summary(settings));
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }

    private static double parseDouble(String name, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + value + "'");
        }
    }
}

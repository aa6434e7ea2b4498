package lab.run;

import java.util.Locale;
import lab.analysis.EnsembleAnalysis;
import lab.analysis.OrthogonalityHeadline;
import lab.store.ResultStore;
import lab.train.EnsembleSettings;

/**
 * {@code bin/lab train 002 [--models N] [--epochs E] [--lr X] [--samples S] [--chunk C] [--threads T]}: trains the
 * missing models of experiment 002 in the profile of {@code LAB_PROFILE} and stores them; prints a progress bar,
 * a summary and the headline (median validation MSE, orthogonal fractions with and without silent neurons).
 * Options left out take the profile's values.
 */
public final class Ensemble002 {

    private Ensemble002() {}

    /** Parses the options, trains what is missing and prints what it did. */
    public static void main(String[] args) {
        CommandLine cl = new CommandLine(args, "--models", "--epochs", "--lr", "--samples", "--chunk", "--threads");
        Profile profile = Profile.current();
        EnsembleSettings defaults = EnsembleRun.settings(profile);
        EnsembleSettings settings = defaults.withEpochs(cl.intOr("--epochs", defaults.epochs()))
                .withLearningRate(cl.doubleOr("--lr", defaults.learningRate()))
                .withSamples(cl.intOr("--samples", defaults.samples()));
        EnsembleRun.Options o = EnsembleRun.Options.of(profile);
        EnsembleRun.Options options = new EnsembleRun.Options(cl.intOr("--models", o.models()),
                cl.intOr("--chunk", o.chunk()), cl.intOr("--threads", o.threads()));
        ResultStore store = EnsembleRun.open(profile, settings);
        System.out.printf(Locale.ROOT, "002-multi-mult-ind-dist, profile %s: %d models, %s%n  store %s%n",
                profile, options.models(), settings, store.directory());
        EnsembleRun.Outcome outcome = EnsembleRun.run(store, settings, options,
                new TerminalProgress(System.out, "models", "model-epochs", settings.epochs()));
        System.out.println(outcome.summary(settings));
        // the headline a user ran this for, as the notebook prints it
        EnsembleAnalysis.Losses losses = EnsembleAnalysis.Losses.of(EnsembleAnalysis.validationLosses(
                outcome.members()));
        System.out.printf(Locale.ROOT, "median validation MSE: %.3e (best %.3e, worst %.3e)%n", losses.median(),
                losses.best(), losses.worst());
        System.out.println(OrthogonalityHeadline.of(EnsembleAnalysis.vectors(outcome.members())).text());
    }
}

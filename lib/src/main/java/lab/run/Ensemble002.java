package lab.run;

import java.util.Locale;
import lab.analysis.EnsembleAnalysis;
import lab.analysis.OrthogonalityHeadline;
import lab.data.MultiplicationTask;
import lab.profile.Profile;
import lab.store.ResultStore;
import lab.train.EnsembleSettings;

/**
 * {@code bin/lab train 002 [--models N] [--epochs E] [--lr X] [--samples S] [--chunk C] [--threads T]}: trains the
 * missing models of experiment 002 in the profile of {@code LAB_PROFILE} and stores them; prints a progress bar,
 * a summary and the headline (median validation MSE, orthogonal fractions with and without silent neurons).
 * Options left out take the profile's values.
 */
public final class Ensemble002 {

    /** More threads than this only queue for the cores; more models per chunk stop helping long before. */
    static final int MAX_THREADS = 64;
    static final int MAX_CHUNK = 1024;

    private Ensemble002() {}

    /**
     * Refuses, before anything is trained or written, a run whose chunks or whose stored models do not fit this
     * JVM's memory, or whose results do not fit the disk.
     */
    static void checkFits(EnsembleSettings s, EnsembleRun.Options o, Profile profile) {
        // per sample and model in a chunk: inputs, targets, hidden activations and their gradients, as float32
        long perSample = 4L * (2 * (MultiplicationTask.INPUTS + 1 + MultiplicationTask.OUTPUTS) + 4L * s.hidden());
        long inFlight = Budget.times(Math.min(o.threads(), o.models()), Math.min(o.chunk(), o.models()));
        Budget.memory("--samples " + s.samples() + " (with --chunk " + o.chunk() + " and --threads " + o.threads()
                + ")", Budget.times(inFlight, Budget.times(s.samples(), perSample)), Budget.times(inFlight, perSample), 0);
        // every model's two loss curves are held once the ensemble is loaded, and in flight while training
        long perModel = Budget.plus(Budget.times(8, s.epochs()), 4096);
        Budget.memory("--models " + o.models() + " with --epochs " + s.epochs(), Budget.times(o.models(), perModel),
                perModel, 0);
        long perEntry = Budget.plus(Budget.times(8, s.epochs()), ResultStore.ENTRY_SLACK + 4L * 26 * s.hidden());
        Budget.disk(profile.results(EnsembleRun.EXPERIMENT), Budget.times(o.models(), perEntry));
    }

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
                Budget.range("--chunk", cl.intOr("--chunk", o.chunk()), 1, MAX_CHUNK),
                Budget.range("--threads", cl.intOr("--threads", o.threads()), 1, MAX_THREADS));
        checkFits(settings, options, profile);
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

package lab.run;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import lab.multimult.AblationStudy;
import lab.multimult.Answers;
import lab.multimult.CapacityStats;
import lab.multimult.CombineSummary;
import lab.multimult.OpenQuestionsResults;
import lab.multimult.OpenQuestionsRun;
import lab.multimult.OpenQuestionsSettings;
import lab.multimult.Partition;
import lab.store.ResultStore;
import lab.train.EnsembleMember;
import lab.train.EnsembleSettings;

/**
 * {@code bin/lab train 004 [--epochs E] [--fine-tune-epochs F] [--samples S] [--widths 2,3,..] [--keep K]
 * [--penalties 1e-5,1e-4] [--seeds N]}: trains what notebook 004 lacks in the profile of {@code LAB_PROFILE}, stores
 * it, and prints the five answers. Options left out take the profile's values; {@code --seeds N} sets the RNG seeds
 * of every stage to N (the search keeps at most its profile's count). Bad values are refused before anything is
 * written.
 */
public final class OpenQuestions004 {

    private OpenQuestions004() {}

    /** Parses the options, trains what is missing and prints the answers. */
    public static void main(String[] args) {
        Profile profile = Profile.current();
        OpenQuestionsSettings s = parse(args, profile);
        ResultStore store = OpenQuestionsRun.open(profile, s);
        System.out.printf(Locale.ROOT, "004-open-questions, profile %s: %s%n  store %s%n", profile, s,
                store.directory());
        long start = System.nanoTime();
        OpenQuestionsRun.Outcome outcome = OpenQuestionsRun.run(store, s,
                new TerminalProgress(System.out, "model-epochs", "model-epochs", 1));
        System.out.println(outcome.summary());
        OpenQuestionsResults r = outcome.results();
        List<AblationStudy.Source> sources = sources(profile, r);
        System.out.println("Q1 " + Answers.redundancy(r.pruningCurves(0), r.pruningCurves(1)));
        System.out.println("Q2 " + Answers.sharing(CapacityStats.of(r.sweep())));
        System.out.println("Q3 " + Answers.ablation(AblationStudy.of(sources)));
        int models = sources.stream().mapToInt(x -> x.members().size()).sum();
        System.out.println("Q4 " + Answers.partition(Partition.of(sources), models));
        List<CombineSummary> regimes = new ArrayList<>();
        for (String regime : OpenQuestionsRun.REGIMES) {
            regimes.add(CombineSummary.of(r, regime));
        }
        Answers.combine(regimes).forEach(line -> System.out.println("Q5 " + line));
        System.out.printf(Locale.ROOT, "004 done in %.1f s wall.%n", (System.nanoTime() - start) / 1e9);
    }

    /**
     * Returns the settings of the profile with the options applied; touches nothing on disk.
     *
     * @throws IllegalArgumentException with one sentence naming a bad option or value
     */
    static OpenQuestionsSettings parse(String[] args, Profile profile) {
        CommandLine cl = new CommandLine(args, "--epochs", "--fine-tune-epochs", "--samples", "--widths", "--keep",
                "--penalties", "--seeds");
        OpenQuestionsSettings d = OpenQuestionsRun.settings(profile);
        int seeds = cl.intOr("--seeds", -1);
        OpenQuestionsSettings s = d.withEpochs(cl.intOr("--epochs", d.epochs()))
                .withFineTuneEpochs(cl.intOr("--fine-tune-epochs", d.fineTuneEpochs()))
                .withSamples(cl.intOr("--samples", d.samples()))
                .withWidths(cl.listOr("--widths", Integer::parseInt, d.widths()))
                .withKeep(cl.intOr("--keep", d.keep()))
                .withPenaltyGrid(cl.listOr("--penalties", Double::parseDouble, d.penaltyGrid()));
        if (seeds != -1) {
            s = s.withSeeds(seeds, seeds, seeds, Math.min(seeds, d.searchSeeds()));
        }
        return s;
    }

    /** Returns the ablation sources: 002's stored models of this profile when present, and the capacity sweep. */
    public static List<AblationStudy.Source> sources(Profile profile, OpenQuestionsResults r) {
        List<AblationStudy.Source> out = new ArrayList<>();
        stored002(profile).ifPresent(m -> out.add(new AblationStudy.Source("002", m,
                EnsembleRun.settings(profile).task())));
        out.add(new AblationStudy.Source("capacity sweep", r.sweepModels(), r.settings().task()));
        return out;
    }

    /**
     * Returns 002's stored models of this profile (its profile settings, every stored seed from 0 up), or empty when
     * 002 has not been run or was run with other settings; creates nothing on disk.
     */
    public static Optional<List<EnsembleMember>> stored002(Profile profile) {
        if (!Files.isDirectory(profile.results(EnsembleRun.EXPERIMENT))) {
            return Optional.empty();
        }
        EnsembleSettings settings = EnsembleRun.settings(profile);
        try {
            ResultStore store = EnsembleRun.open(profile, settings);
            int n = 0;
            while (store.has(EnsembleRun.key(n))) {
                n++;
            }
            return n == 0 ? Optional.empty() : Optional.of(EnsembleRun.load(store, n));
        } catch (IllegalStateException otherSettings) {
            return Optional.empty();
        }
    }
}

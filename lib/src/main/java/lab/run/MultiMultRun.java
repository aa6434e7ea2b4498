package lab.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.analysis.NeuronAttribution;
import lab.analysis.NeuronRole;
import lab.analysis.NoteComparison;
import lab.data.AnalysisGrid;
import lab.loop.Progress;
import lab.model.LinearWeights;
import lab.profile.Profile;
import lab.store.Entry;
import lab.store.ResultStore;
import lab.train.MultiMultResult;
import lab.train.MultiMultSettings;
import lab.train.MultiMultTrainer;
import lab.train.Reproducibility;

/**
 * 001-multi-mult's run: one seed trained by {@link MultiMultTrainer}, or loaded when the result store already
 * holds it, so a notebook rerun renders from stored numbers. Results live in
 * {@code <results>/<profile>/001-multi-mult/runs/seed-<s>/}: final losses and time as values, loss histories
 * and final weights as float32 arrays.
 */
public final class MultiMultRun {

    /** The experiment's name in results paths and on {@code bin/lab train}. */
    public static final String EXPERIMENT = "001-multi-mult";

    private MultiMultRun() {}

    /** Returns the result for these settings: loaded when stored for this profile, else trained and stored. */
    public static MultiMultResult trainOrLoad(MultiMultSettings settings, Profile profile, Progress progress) {
        return trainOrLoad(settings, store(settings, profile), progress);
    }

    /** Returns whether the result for these settings is already stored for this profile. */
    public static boolean isStored(MultiMultSettings settings, Profile profile) {
        return store(settings, profile).has(key(settings));
    }

    /**
     * Returns the store of this profile's 001 results. Everything but the seed must match what is stored there;
     * each seed is one entry.
     *
     * @throws IllegalStateException naming each setting that differs from the stored ones
     */
    public static ResultStore store(MultiMultSettings settings, Profile profile) {
        return ResultStore.open(profile.results(EXPERIMENT), storeSettings(settings),
                Reproducibility.dependencies(Reproducibility.ARITHMETIC_001), Map.of());
    }

    static MultiMultResult trainOrLoad(MultiMultSettings settings, ResultStore store, Progress progress) {
        String key = key(settings);
        if (store.hasIntact(key)) {
            return fromEntry(settings, store.get(key));
        }
        MultiMultResult result = MultiMultTrainer.train(settings, progress);
        store.put(key, toEntry(result));
        return result;
    }

    /** Returns the settings the store compares: all but the seed, which names the entry. */
    static Map<String, String> storeSettings(MultiMultSettings s) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("widths", Arrays.toString(MultiMultSettings.WIDTHS));
        m.put("epochs", Integer.toString(s.epochs()));
        m.put("learningRate", Double.toString(s.learningRate()));
        m.put("samples", Integer.toString(s.samples()));
        m.put("trainFraction", Double.toString(s.trainFraction()));
        return m;
    }

    static String key(MultiMultSettings s) {
        return "seed-" + s.seed();
    }

    static Entry toEntry(MultiMultResult r) {
        Entry.Builder b = Entry.builder()
                .putValue("seed", r.settings().seed())
                .putValue("finalTrainLoss", r.finalTrainLoss())
                .putValue("finalValidationLoss", r.finalValidationLoss())
                .putTiming("seconds", r.seconds())
                .putArray("trainLoss", r.trainLoss(), r.trainLoss().length)
                .putArray("validationLoss", r.validationLoss(), r.validationLoss().length);
        for (int l = 0; l < r.weights().size(); l++) {
            LinearWeights w = r.weights().get(l);
            b.putArray("w" + (l + 1), w.weight(), w.out(), w.in());
            b.putArray("b" + (l + 1), w.bias(), w.out());
        }
        return b.build();
    }

    static MultiMultResult fromEntry(MultiMultSettings settings, Entry e) {
        if (e.getLong("seed") != settings.seed()) {
            throw new IllegalStateException("stored entry has seed " + e.getLong("seed") + ", expected "
                    + settings.seed());
        }
        List<LinearWeights> layers = new ArrayList<>();
        for (int l = 1; e.arrayNames().contains("w" + l); l++) {
            long[] shape = e.getShape("w" + l);
            layers.add(new LinearWeights((int) shape[1], (int) shape[0], e.getArray("w" + l), e.getArray("b" + l)));
        }
        return new MultiMultResult(settings, e.getArray("trainLoss"), e.getArray("validationLoss"), layers,
                e.getTiming("seconds"));
    }

    /**
     * {@code bin/lab train 001-multi-mult [--seed N]}: trains (or finds stored) the profile's run and prints its
     * final losses.
     */
    public static void main(String[] args) {
        CommandLine cl = new CommandLine(args, "--seed");
        Profile profile = Profile.current();
        MultiMultSettings defaults = profile == Profile.FULL ? MultiMultSettings.full() : MultiMultSettings.quick();
        MultiMultSettings settings = defaults.withSeed(cl.longOr("--seed", defaults.seed()));
        boolean stored = isStored(settings, profile);
        MultiMultResult r = trainOrLoad(settings, profile, (done, total, note) -> {
            if (done % 500 == 0 || done == total) {
                System.out.println(EXPERIMENT + ": epoch " + done + "/" + total + ": " + note);
            }
        });
        System.out.printf("%s (%s, RNG seed %d): %s; train MSE %.3e, validation MSE %.3e, %.1f s of training; in %s%n",
                EXPERIMENT, profile, settings.seed(), stored ? "already stored" : "trained", r.finalTrainLoss(),
                r.finalValidationLoss(), r.seconds(), store(settings, profile).directory());
        // the headline, as the notebook ends: the neurons' roles and the comparison with the note
        NeuronAttribution a = NeuronAttribution.of(r.weights(), AnalysisGrid.seedGrid());
        double mse = r.finalValidationLoss();
        System.out.printf(java.util.Locale.ROOT, "validation MSE %.2e is %s the seed 000 note's ~3e-4 (%.1fx); "
                + "hidden neurons: %d out 0 only, %d out 1 only, %d both, %d silent%n", mse,
                NoteComparison.verdict(mse), NoteComparison.ratio(mse), a.count(NeuronRole.OUTPUT_0_ONLY),
                a.count(NeuronRole.OUTPUT_1_ONLY), a.count(NeuronRole.BOTH), a.count(NeuronRole.SILENT));
    }
}

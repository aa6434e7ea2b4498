package lab.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.model.TaskMode;
import lab.profile.Profile;
import lab.train.SweepSetting;
import lab.train.SweepSettings;
import lab.train.SweepVariant;

/**
 * The st-vs-mt sweep's grid: widths x modes x settings x seeds, and for mt the variants (st is always plain),
 * every run with {@code epochs} epochs and the settings' defaults otherwise. {@link #runs()} lists it in a fixed
 * order (narrowest first); {@link #shard} picks a deterministic subset for one machine of many. A grid of plain
 * runs only (the default) lists exactly the runs, keys and order it did before variants existed.
 */
public record SweepGrid(List<Integer> widths, List<TaskMode> modes, List<SweepSetting> settings, List<Long> seeds,
        int epochs, List<SweepVariant> variants) {

    /** The widths of the variants table (and of its grid). */
    public static final List<Integer> VARIANT_WIDTHS = List.of(8, 32, 128);

    public SweepGrid {
        if (widths.isEmpty() || modes.isEmpty() || settings.isEmpty() || seeds.isEmpty() || variants.isEmpty()) {
            throw new IllegalArgumentException("the grid needs at least one width, mode, setting, seed and variant, "
                    + "got " + widths + ", " + modes + ", " + settings + ", " + seeds + ", " + variants);
        }
        unique("widths", widths);
        unique("modes", modes);
        unique("settings", settings);
        unique("seeds", seeds);
        unique("variants", variants);
        if (!modes.contains(TaskMode.MT) && variants.stream().anyMatch(v -> v != SweepVariant.PLAIN)) {
            throw new IllegalArgumentException("--variants " + variants + " are mt variants but --modes is "
                    + modes + "; add mt to --modes or drop --variants");
        }
        widths = List.copyOf(widths);
        modes = List.copyOf(modes);
        settings = List.copyOf(settings);
        seeds = List.copyOf(seeds);
        variants = List.copyOf(variants);
        // Every run is checked before any trains: a bad width or epoch count stops here.
        for (int w : widths) {
            SweepSettings.faithful(TaskMode.ST, w).withEpochs(epochs).withSeed(seeds.get(0));
        }
        for (long s : seeds) {
            SweepSettings.faithful(TaskMode.ST, widths.get(0)).withSeed(s);
        }
    }

    /** Returns the grid of plain runs (no mt variant): the sweep as it ran before variants existed. */
    public SweepGrid(List<Integer> widths, List<TaskMode> modes, List<SweepSetting> settings, List<Long> seeds,
            int epochs) {
        this(widths, modes, settings, seeds, epochs, List.of(SweepVariant.PLAIN));
    }

    private static void unique(String option, List<?> values) {
        for (int i = 0; i < values.size(); i++) {
            if (values.indexOf(values.get(i)) != i) {
                throw new IllegalArgumentException("--" + option + " lists " + values.get(i) + " twice; give each "
                        + "value once");
            }
        }
    }

    /**
     * Returns the notebook's grid for a profile: quick 2^3..2^5 at 400 epochs, RNG seed 0; full 2^3..2^7 at
     * 10,000 epochs, RNG seeds 0-4.
     */
    public static SweepGrid of(Profile profile) {
        List<TaskMode> modes = List.of(TaskMode.ST, TaskMode.MT);
        List<SweepSetting> settings = List.of(SweepSetting.FAITHFUL, SweepSetting.CORRECTED);
        return profile == Profile.FULL
                ? new SweepGrid(List.of(8, 16, 32, 64, 128), modes, settings, List.of(0L, 1L, 2L, 3L, 4L), 10_000)
                : new SweepGrid(List.of(8, 16, 32), modes, settings, List.of(0L), 400);
    }

    /**
     * Returns the notebook's variants grid for a profile: st and mt in every variant, both settings, with the
     * sweep's epochs (so it shares the sweep's store, and its st and plain mt runs are the sweep's own). full:
     * widths 2^3, 2^5, 2^7 and RNG seeds 0-2; quick: width 2^3 and RNG seed 0 only (it checks the machinery).
     */
    public static SweepGrid variants(Profile profile) {
        SweepGrid sweep = of(profile);
        return profile == Profile.FULL
                ? new SweepGrid(VARIANT_WIDTHS, sweep.modes(), sweep.settings(), List.of(0L, 1L, 2L), sweep.epochs(),
                        List.of(SweepVariant.values()))
                : new SweepGrid(VARIANT_WIDTHS.subList(0, 1), sweep.modes(), sweep.settings(), List.of(0L),
                        sweep.epochs(), List.of(SweepVariant.values()));
    }

    /**
     * Returns every run of the grid, narrowest first (an interrupted sweep has its cheap widths complete),
     * then setting, mode, seed and (mt only) variant.
     */
    public List<SweepSettings> runs() {
        List<SweepSettings> out = new ArrayList<>();
        List<Integer> w = new ArrayList<>(widths);
        w.sort(Comparator.naturalOrder());
        for (int width : w) {
            for (SweepSetting s : settings) {
                for (TaskMode m : modes) {
                    for (long seed : seeds) {
                        SweepSettings run = SweepSettings.of(s, m, width).withEpochs(epochs).withSeed(seed);
                        for (SweepVariant v : variants) {
                            if (m == TaskMode.MT || v == SweepVariant.PLAIN) {
                                out.add(v.applyTo(run));
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Returns shard {@code index} of {@code count} (0-based): the runs at positions index, index + count, ...
     * of {@link #runs()}. The shards of one grid are disjoint and together are the grid.
     *
     * @throws IllegalArgumentException unless 0 <= index < count <= the number of runs (no shard is empty)
     */
    public List<SweepSettings> shard(int index, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("--shard " + index + "/" + count + " has no shards: n must be >= 1");
        }
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("--shard " + index + "/" + count + " is not a shard: i/n needs "
                    + "0 <= i < n, so 0/" + count + " to " + (count - 1) + "/" + count);
        }
        List<SweepSettings> all = runs();
        if (count > all.size()) {
            throw new IllegalArgumentException("--shard " + index + "/" + count + " asks for " + count
                    + " shards of a grid of only " + all.size() + " runs; use at most " + all.size()
                    + " shards (an array of at most " + all.size() + " tasks)");
        }
        List<SweepSettings> out = new ArrayList<>();
        for (int i = index; i < all.size(); i += count) {
            out.add(all.get(i));
        }
        return out;
    }

    /**
     * Returns what every run stored in one place shares, for the result store to guard: epochs, batch, code
     * length, embedding width, layers and the faithful optimiser. Width, mode, setting (with the corrected
     * optimiser and learning rate) and seed name a run.
     */
    public Map<String, String> storeSettings() {
        SweepSettings f = SweepSettings.faithful(TaskMode.MT, 8).withEpochs(epochs);
        Map<String, String> m = new LinkedHashMap<>();
        m.put("experiment", "003-st-vs-mt-sweep");
        m.put("epochs", Integer.toString(epochs));
        m.put("batch", Integer.toString(f.batch()));
        m.put("bits", Integer.toString(f.bits()));
        m.put("embeddingWidth", Integer.toString(f.embeddingWidth()));
        m.put("layers", Integer.toString(f.layers()));
        m.put("faithful", f.optimizer() + " lr " + f.learningRate() + " momentum " + f.momentum()
                + (f.clearGradients() ? " cleared" : " running-sum"));
        return m;
    }
}

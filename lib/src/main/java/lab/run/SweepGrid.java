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

/**
 * The st-vs-mt sweep's grid: widths x modes x settings x seeds, every run with {@code epochs} epochs and the
 * settings' defaults otherwise. {@link #runs()} lists it in a fixed order (narrowest first); {@link #shard}
 * picks a deterministic subset for one machine of many.
 */
public record SweepGrid(List<Integer> widths, List<TaskMode> modes, List<SweepSetting> settings, List<Long> seeds,
        int epochs) {

    public SweepGrid {
        if (widths.isEmpty() || modes.isEmpty() || settings.isEmpty() || seeds.isEmpty()) {
            throw new IllegalArgumentException("the grid needs at least one width, mode, setting and seed, got "
                    + widths + ", " + modes + ", " + settings + ", " + seeds);
        }
        unique("widths", widths);
        unique("modes", modes);
        unique("settings", settings);
        unique("seeds", seeds);
        widths = List.copyOf(widths);
        modes = List.copyOf(modes);
        settings = List.copyOf(settings);
        seeds = List.copyOf(seeds);
        // Every run is checked before any trains: a bad width or epoch count stops here.
        for (int w : widths) {
            SweepSettings.faithful(TaskMode.ST, w).withEpochs(epochs).withSeed(seeds.get(0));
        }
        for (long s : seeds) {
            SweepSettings.faithful(TaskMode.ST, widths.get(0)).withSeed(s);
        }
    }

    private static void unique(String option, List<?> values) {
        for (int i = 0; i < values.size(); i++) {
            if (values.indexOf(values.get(i)) != i) {
                throw new IllegalArgumentException("--" + option + " lists " + values.get(i) + " twice; give each "
                        + "value once");
            }
        }
    }

    /** Returns the notebook's grid for a profile: quick 2^3..2^5 at 400 epochs, full 2^3..2^7 at 10,000. */
    public static SweepGrid of(Profile profile) {
        List<TaskMode> modes = List.of(TaskMode.ST, TaskMode.MT);
        List<SweepSetting> settings = List.of(SweepSetting.FAITHFUL, SweepSetting.CORRECTED);
        return profile == Profile.FULL
                ? new SweepGrid(List.of(8, 16, 32, 64, 128), modes, settings, List.of(0L), 10_000)
                : new SweepGrid(List.of(8, 16, 32), modes, settings, List.of(0L), 400);
    }

    /**
     * Returns every run of the grid, narrowest first (an interrupted sweep has its cheap widths complete),
     * then setting, mode, seed.
     */
    public List<SweepSettings> runs() {
        List<SweepSettings> out = new ArrayList<>();
        List<Integer> w = new ArrayList<>(widths);
        w.sort(Comparator.naturalOrder());
        for (int width : w) {
            for (SweepSetting s : settings) {
                for (TaskMode m : modes) {
                    for (long seed : seeds) {
                        out.add(SweepSettings.of(s, m, width).withEpochs(epochs).withSeed(seed));
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

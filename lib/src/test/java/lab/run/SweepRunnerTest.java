package lab.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import lab.loop.Progress;
import lab.model.TaskMode;
import lab.profile.Profile;
import lab.store.ResultStore;
import lab.train.SweepCheckpoint;
import lab.train.SweepCheckpointStore;
import lab.train.SweepResult;
import lab.train.SweepSetting;
import lab.train.SweepSettings;
import lab.train.SweepTrainer;
import lab.train.SweepVariant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepRunnerTest {

    @TempDir
    Path dir;

    private static SweepGrid tinyGrid() {
        return new SweepGrid(List.of(4, 8), List.of(TaskMode.ST, TaskMode.MT), List.of(SweepSetting.FAITHFUL,
                SweepSetting.CORRECTED), List.of(0L), 6);
    }

    @Test
    void finishedRunsAreStoredAndARerunTrainsNothing() throws Exception {
        // given
        SweepGrid grid = tinyGrid();
        ResultStore store = ResultStore.open(dir, grid.storeSettings());
        List<SweepResult> first = SweepRunner.run(grid.runs(), store, 2, Duration.ofMinutes(3), Progress.silent());
        assertEquals(8, store.keys().size());
        long stamp = Files.getLastModifiedTime(dir.resolve("runs").resolve(grid.runs().get(0).key())).toMillis();
        // when
        List<Long> reports = new ArrayList<>();
        List<SweepResult> again = SweepRunner.run(grid.runs(), ResultStore.open(dir, grid.storeSettings()), 2,
                Duration.ofMinutes(3), (d, t, n) -> reports.add(d));
        // then: everything came from the store at once
        assertEquals(List.of(48L), reports);
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i).curve(), again.get(i).curve());
            assertEquals(first.get(i).bestEpoch(), again.get(i).bestEpoch());
        }
        assertEquals(stamp, Files.getLastModifiedTime(dir.resolve("runs").resolve(grid.runs().get(0).key())).toMillis());
    }

    @Test
    void aKilledRunResumesFromItsStoredCheckpointAndEndsAsAnUninterruptedOne() {
        // given: a run killed right after its checkpoint at epoch 3
        SweepGrid grid = new SweepGrid(List.of(8), List.of(TaskMode.ST), List.of(SweepSetting.FAITHFUL), List.of(0L), 6);
        SweepSettings s = grid.runs().get(0);
        ResultStore store = ResultStore.open(dir.resolve("killed"), grid.storeSettings());
        SweepCheckpointStore inner = new SweepCheckpointStore(store, Duration.ZERO);
        RuntimeException kill = new RuntimeException("killed");
        lab.train.SweepCheckpoints dying = new lab.train.SweepCheckpoints() {
            @Override
            public java.util.Optional<SweepCheckpoint> load(SweepSettings x) {
                return inner.load(x);
            }

            @Override
            public void save(SweepCheckpoint c) {
                inner.save(c);
                if (c.epochsDone() == 3) {
                    throw kill;
                }
            }

            @Override
            public Duration interval() {
                return Duration.ZERO;
            }
        };
        assertThrows(RuntimeException.class, () -> SweepTrainer.run(s, Progress.silent(), dying));
        assertFalse(store.has(s.key()));
        assertEquals(3, inner.load(s).orElseThrow().epochsDone());
        // when
        List<Long> reports = new ArrayList<>();
        SweepResult resumed = SweepRunner.run(List.of(s), store, 1, Duration.ofMinutes(3), (d, t, n) -> reports.add(d))
                .get(0);
        // then
        SweepResult whole = SweepTrainer.run(s);
        assertArrayEquals(whole.curve(), resumed.curve());
        assertEquals(whole.bestLoss(), resumed.bestLoss());
        assertTrue(reports.stream().allMatch(d -> d == 0 || d >= 4), "epochs 1-3 were not trained again: " + reports);
        assertTrue(store.has(s.key()));
        assertTrue(store.loadCheckpoint(s.key()).isEmpty(), "the checkpoint is removed once the run is stored");
    }

    @Test
    void shardsAreDisjointAndTogetherAreTheGrid() {
        SweepGrid grid = tinyGrid();
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (int i = 0; i < 3; i++) {
            for (SweepSettings s : grid.shard(i, 3)) {
                assertTrue(seen.add(s.key()), "twice: " + s.key());
                total++;
            }
        }
        assertEquals(grid.runs().size(), total);
        assertEquals(grid.shard(1, 3), grid.shard(1, 3));
        assertThrows(IllegalArgumentException.class, () -> grid.shard(3, 3));
    }

    @Test
    void aShardBeyondItsCountOrMoreShardsThanRunsAreRefusedWithTheGridSize() {
        // given: a grid of 8 runs
        SweepGrid grid = tinyGrid();
        // when / then
        String beyond = assertThrows(IllegalArgumentException.class, () -> grid.shard(9, 8)).getMessage();
        assertTrue(beyond.contains("9/8") && beyond.contains("0/8 to 7/8"), beyond);
        String tooMany = assertThrows(IllegalArgumentException.class, () -> grid.shard(0, 9)).getMessage();
        assertTrue(tooMany.contains("only 8 runs") && tooMany.contains("at most 8"), tooMany);
        assertEquals(1, grid.shard(7, 8).size());
        // and from the command line, before any store is opened
        int runs = SweepGrid.of(Profile.current()).runs().size();
        String cli = assertThrows(IllegalArgumentException.class,
                () -> SweepRunner.plan(new String[] {"--shard", "0/" + (runs + 1)})).getMessage();
        assertTrue(cli.contains("only " + runs + " runs"), cli);
    }

    @Test
    void aRunAnotherWriterStoredMeanwhileIsNotStoredTwice() throws Exception {
        // given: a run stored by another shard while this one trained it
        SweepGrid grid = new SweepGrid(List.of(4), List.of(TaskMode.MT), List.of(SweepSetting.FAITHFUL), List.of(0L), 3);
        SweepSettings s = grid.runs().get(0);
        ResultStore store = ResultStore.open(dir, grid.storeSettings());
        SweepResult theirs = SweepTrainer.run(s);
        store.put(s.key(), SweepRunner.entry(theirs));
        long stamp = Files.getLastModifiedTime(dir.resolve("runs").resolve(s.key()).resolve("values.csv")).toMillis();
        // when
        SweepResult mine = SweepRunner.storeOnce(store, SweepTrainer.run(s));
        // then: the stored entry stays as it was and is what the run returns
        assertEquals(List.of(s.key()), store.keys());
        assertEquals(theirs.seconds(), mine.seconds());
        assertArrayEquals(theirs.curve(), mine.curve());
        assertEquals(stamp,
                Files.getLastModifiedTime(dir.resolve("runs").resolve(s.key()).resolve("values.csv")).toMillis());
    }

    @Test
    void twoWorkersWhoseLastRunTakesTheIdleCoreStoreTheNumbersOfOneWorker() {
        // given: three st runs of different lengths, so the last one trains alone for a while
        SweepGrid grid = new SweepGrid(List.of(8, 16, 32), List.of(TaskMode.ST), List.of(SweepSetting.FAITHFUL),
                List.of(0L), 12);
        // when: two workers (the tail gets both threads) and one worker (always one thread)
        List<SweepResult> two = SweepRunner.run(grid.runs(), ResultStore.open(dir.resolve("two"),
                grid.storeSettings()), 2, Duration.ofMinutes(3), Progress.silent());
        List<SweepResult> one = SweepRunner.run(grid.runs(), ResultStore.open(dir.resolve("one"),
                grid.storeSettings()), 1, Duration.ofMinutes(3), Progress.silent());
        // then
        for (int i = 0; i < one.size(); i++) {
            assertArrayEquals(one.get(i).curve(), two.get(i).curve(), one.get(i).settings().key());
            assertEquals(one.get(i).bestLoss(), two.get(i).bestLoss());
            assertEquals(one.get(i).bestEpoch(), two.get(i).bestEpoch());
        }
    }

    @Test
    void aBadWidthOrSettingIsRefusedBeforeAnyTraining() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SweepRunner.cli(new String[] {"--widths", "8,0"})).getMessage().contains("width 0"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SweepRunner.cli(new String[] {"--settings", "faithful,lazy"})).getMessage().contains("lazy"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SweepRunner.cli(new String[] {"--shard", "2"})).getMessage().contains("i/n"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SweepRunner.cli(new String[] {"--epochs", "0"})).getMessage().contains("epochs"));
    }

    @Test
    void anUnknownVariantOrAVariantWithStOnlyIsRefusedInOneSentence() {
        String unknown = assertThrows(IllegalArgumentException.class,
                () -> SweepRunner.plan(new String[] {"--variants", "plain,dropout"})).getMessage();
        assertEquals("--variants: variant 'dropout' is not one of plain, lossdrop, filter, residual", unknown);
        String st = assertThrows(IllegalArgumentException.class,
                () -> SweepRunner.plan(new String[] {"--modes", "st", "--variants", "residual"})).getMessage();
        assertTrue(st.contains("mt variants but --modes is [st]"), st);
    }

    @Test
    void aPlainGridKeepsItsRunsAndKeysAndVariantsOnlyAddMtRunsWithLongerKeys() {
        // given
        SweepGrid plain = SweepGrid.of(Profile.QUICK);
        SweepGrid variants = new SweepGrid(plain.widths(), plain.modes(), plain.settings(), plain.seeds(),
                plain.epochs(), List.of(SweepVariant.values()));

        // then: the plain grid is the one stored before variants existed
        assertEquals(12, plain.runs().size());
        assertEquals("faithful-st-h8-s0", plain.runs().get(0).key());
        assertEquals("corrected-adam0.1-mt-h32-s0", plain.runs().get(11).key());
        // each width and setting adds three mt variant runs after its plain mt
        assertEquals(12 + 3 * 2 * 3, variants.runs().size());
        assertEquals(List.of("faithful-st-h8-s0", "faithful-mt-h8-s0", "faithful-mt-h8-s0-lossdrop0.1",
                "faithful-mt-h8-s0-filter", "faithful-mt-h8-s0-residual"),
                variants.runs().subList(0, 5).stream().map(SweepSettings::key).toList());
        assertEquals(plain.storeSettings(), variants.storeSettings());
    }

    @Test
    void theVariantsGridOfTheFullProfileIsTheTablesGrid() {
        SweepGrid g = SweepGrid.variants(Profile.FULL);
        assertEquals(List.of(8, 32, 128), g.widths());
        assertEquals(List.of(0L, 1L, 2L), g.seeds());
        assertEquals(SweepGrid.of(Profile.FULL).epochs(), g.epochs());
        // st plain, mt in 4 variants: 5 runs per width, setting and RNG seed
        assertEquals(3 * 2 * 3 * 5, g.runs().size());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), SweepGrid.of(Profile.FULL).seeds());
    }

    @Test
    void eachVariantTrainsStoresAndLoadsUnderItsOwnKey() {
        // given: mt at width 4 for 3 epochs, faithful and corrected, every variant
        SweepGrid grid = new SweepGrid(List.of(4), List.of(TaskMode.MT), List.of(SweepSetting.FAITHFUL,
                SweepSetting.CORRECTED), List.of(0L), 3, List.of(SweepVariant.values()));
        ResultStore store = ResultStore.open(dir.resolve("variants"), grid.storeSettings());

        // when
        List<SweepResult> trained = SweepRunner.run(grid.runs(), store, 2, Duration.ofMinutes(3), Progress.silent());

        // then: 8 entries, each loads back with its variant, and the variants differ from plain
        assertEquals(8, store.keys().size());
        Set<Float> bests = new HashSet<>();
        for (SweepResult r : trained) {
            SweepResult loaded = SweepRunner.load(store, r.settings()).orElseThrow();
            assertArrayEquals(r.curve(), loaded.curve(), r.settings().key());
            assertEquals(r.settings(), loaded.settings());
            bests.add(r.bestLoss());
        }
        assertEquals(8, bests.size(), "every variant trains a different network");
        assertEquals(0.1, store.get("faithful-mt-h4-s0-lossdrop0.1").getDouble("loss_drop"), 1e-6);
        assertFalse(store.get("faithful-mt-h4-s0").valueNames().contains("loss_drop"), "plain entries are unchanged");
    }

    @Test
    void theFilterStartsFirstAndStLastAmongTheRunsOfAWidth() {
        // given
        SweepSettings st = SweepSettings.of(SweepSetting.FAITHFUL, TaskMode.ST, 8);
        SweepSettings mt = SweepSettings.of(SweepSetting.FAITHFUL, TaskMode.MT, 8);
        SweepSettings filter = lab.train.SweepVariant.FILTER.applyTo(mt);
        SweepSettings residual = lab.train.SweepVariant.RESIDUAL.applyTo(mt);
        // then
        assertEquals(0, SweepRunner.startRank(filter));
        assertEquals(1, SweepRunner.startRank(mt));
        assertEquals(1, SweepRunner.startRank(residual));
        assertEquals(2, SweepRunner.startRank(st));
    }
}

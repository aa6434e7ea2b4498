package lab.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.engine.Engine;
import lab.run.CommandLine;

/**
 * {@code java -cp 'lib/target/jars/*:bench/target/multitask-lab-bench.jar' lab.bench.Bench <command> [--key value ...]}: the Java side of
 * {@code bin/lab bench}. Each command runs one workload of this project and prints one JSON line per result on
 * stdout (seconds, losses, memory, BLAS, allocator, threads) for {@code bench/run} to collect. Bad arguments,
 * an option the command does not take included, end with one sentence and exit code 2.
 *
 * <p>Commands: {@code info}; {@code export --out DIR [--first 0] --models N}; {@code ceiling [--m 512 --k 1024
 * --n 1024] [--threads 2] [--seconds 3]}; {@code w1 --models N --epochs E [--workers 2] [--chunk 0]};
 * {@code sweep --arch st|mt --width H --epochs E [--threads 1] [--tower-threads 1]};
 * {@code profile-w1 [--models 1] [--epochs 200]} /
 * {@code profile-sweep --arch st|mt [--width 128] [--epochs 20] [--threads 1]} (op counts and op time of the
 * engine's profiler, trace in {@code --trace FILE}); {@code overhead [--calls 200000]} (microseconds per tiny op);
 * {@code bandwidth [--elements 33554432] [--threads 1] [--seconds 4]} (GB/s of in-place passes);
 * {@code cost [--widths 128,1024] [--models 100]} (FLOPs and bytes of an epoch, {@link WorkloadCost}).
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            fail("usage: Bench <info|export|ceiling|bandwidth|cost|overhead|w1|sweep|profile-w1|profile-sweep> [--key value ...]");
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "info" -> {
                    new CommandLine(rest); // refuses any option: info takes none
                    Engine.getInstance();
                    Map<String, Object> row = row("info");
                    row.put("engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
                    print(row);
                }
                case "export" -> {
                    CommandLine o = new CommandLine(rest, "--out", "--first", "--models");
                    BenchExport.write(Path.of(o.requiredText("--out")), o.longOr("--first", 0),
                            o.requiredInt("--models"));
                    Map<String, Object> row = row("export");
                    row.put("out", o.requiredText("--out"));
                    print(row);
                }
                case "ceiling" -> {
                    CommandLine o = new CommandLine(rest, "--m", "--k", "--n", "--threads", "--seconds");
                    int m = o.intOr("--m", 512);
                    int k = o.intOr("--k", 1024);
                    int n = o.intOr("--n", 1024);
                    int threads = o.intOr("--threads", 2);
                    double g = BenchCeiling.gflops(m, k, n, threads, o.doubleOr("--seconds", 3));
                    Map<String, Object> row = row("ceiling");
                    row.put("size", m + "x" + k + "x" + n);
                    row.put("threads", threads);
                    row.put("gflops", g);
                    print(row);
                }
                case "bandwidth" -> {
                    CommandLine o = new CommandLine(rest, "--elements", "--threads", "--seconds");
                    int elements = o.intOr("--elements", 1 << 25);
                    int threads = o.intOr("--threads", 1);
                    Map<String, Object> gbs = BenchBandwidth.run(elements, threads, o.doubleOr("--seconds", 4));
                    Map<String, Object> row = row("bandwidth"); // after the run: the engine is loaded, its BLAS named
                    row.put("elements", elements);
                    row.put("threads", threads);
                    row.put("gbs", gbs);
                    print(row);
                }
                case "cost" -> {
                    CommandLine o = new CommandLine(rest, "--widths", "--models");
                    for (int w : o.listOr("--widths", Integer::parseInt, java.util.List.of(128, 1024))) {
                        for (String arch : new String[] {"st", "mt"}) {
                            Map<String, Object> row = row("cost");
                            row.put("arch", arch);
                            row.put("width", w);
                            row.putAll(WorkloadCost.sweep(arch, w).row());
                            print(row);
                        }
                    }
                    Map<String, Object> row = row("cost");
                    row.put("arch", "w1");
                    row.put("models", o.intOr("--models", 100));
                    row.putAll(WorkloadCost.ensemble(o.intOr("--models", 100)).row());
                    print(row);
                }
                case "overhead" -> print(BenchOverhead.run(new CommandLine(rest, "--calls").intOr("--calls", 200_000)));
                case "w1" -> {
                    CommandLine o = new CommandLine(rest, "--models", "--epochs", "--workers", "--chunk");
                    print(BenchW1.run(o.requiredInt("--models"), o.requiredInt("--epochs"), o.intOr("--workers", 2),
                            o.intOr("--chunk", 0)));
                }
                case "sweep" -> {
                    CommandLine o = new CommandLine(rest, "--arch", "--width", "--epochs", "--threads",
                            "--tower-threads");
                    print(BenchSweep.run(o.requiredText("--arch"), o.requiredInt("--width"), o.requiredInt("--epochs"),
                            o.intOr("--threads", 1), o.intOr("--tower-threads", 1)));
                }
                case "profile-w1" -> {
                    CommandLine o = new CommandLine(rest, "--models", "--epochs", "--trace");
                    print(BenchProfile.w1(o.intOr("--models", 1), o.intOr("--epochs", 200),
                            Path.of(o.textOr("--trace", "/tmp/lab-bench-profile-w1.json"))));
                }
                case "profile-sweep" -> {
                    CommandLine o = new CommandLine(rest, "--arch", "--width", "--epochs", "--warmup", "--trace",
                            "--threads");
                    int epochs = o.intOr("--epochs", 20);
                    print(BenchProfile.sweep(o.requiredText("--arch"), o.intOr("--width", 128), epochs,
                            o.intOr("--warmup", Math.max(50, epochs)), o.intOr("--threads", 1),
                            Path.of(o.textOr("--trace", "/tmp/lab-bench-profile-sweep.json"))));
                }
                default -> fail("unknown command '" + args[0] + "'");
            }
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
        }
    }

    /** Returns a new output row for {@code workload} with the side and the environment fields filled in. */
    static Map<String, Object> row(String workload) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("side", "project");
        m.put("workload", workload);
        m.putAll(BenchEnv.describe());
        return m;
    }

    static void print(Map<String, Object> row) {
        row.put("rss_kib", BenchEnv.statusKib("VmRSS"));
        row.put("peak_rss_kib", BenchEnv.statusKib("VmHWM"));
        System.out.println(BenchEnv.json(row));
        System.out.flush();
    }

    private static void fail(String sentence) {
        System.err.println("bench: " + sentence);
        System.exit(2);
    }
}

package lab.run;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.engine.Engine;

/**
 * {@code java -cp 'lib/target/jars/*' lab.run.Bench <command> [--key value ...]}: the Java side of
 * {@code bin/lab bench}. Each command runs one workload of this project and prints one JSON line per result on
 * stdout (seconds, losses, memory, BLAS, allocator, threads) for {@code bench/run} to collect. Bad arguments end
 * with one sentence and exit code 2.
 *
 * <p>Commands: {@code info}; {@code export --out DIR [--first 0] --models N}; {@code ceiling [--m 512 --k 1024
 * --n 1024] [--threads 2] [--seconds 3]}; {@code w1 --models N --epochs E [--first 0]};
 * {@code sweep --arch st|mt --width H --epochs E [--threads 1] [--tower-threads 1]}; {@code profile-w1} /
 * {@code profile-sweep} (same options, op counts and op time of the engine's profiler); {@code overhead
 * [--calls 200000]} (microseconds per tiny op).
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            fail("usage: Bench <info|export|ceiling|overhead|w1|sweep|profile-w1|profile-sweep> [--key value ...]");
        }
        Map<String, String> o = options(Arrays.copyOfRange(args, 1, args.length));
        try {
            switch (args[0]) {
                case "info" -> {
                    Engine.getInstance();
                    Map<String, Object> row = row("info");
                    row.put("engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
                    print(row);
                }
                case "export" -> {
                    BenchExport.write(Path.of(required(o, "out")), longOf(o, "first", 0), intOf(o, "models", -1));
                    Map<String, Object> row = row("export");
                    row.put("out", o.get("out"));
                    print(row);
                }
                case "ceiling" -> {
                    int m = intOf(o, "m", 512);
                    int k = intOf(o, "k", 1024);
                    int n = intOf(o, "n", 1024);
                    int threads = intOf(o, "threads", 2);
                    double g = BenchCeiling.gflops(m, k, n, threads, doubleOf(o, "seconds", 3));
                    Map<String, Object> row = row("ceiling");
                    row.put("size", m + "x" + k + "x" + n);
                    row.put("threads", threads);
                    row.put("gflops", g);
                    print(row);
                }
                case "overhead" -> print(BenchOverhead.run(intOf(o, "calls", 200_000)));
                case "w1" -> print(BenchW1.run(intOf(o, "models", -1), intOf(o, "epochs", -1),
                        intOf(o, "workers", 2), intOf(o, "chunk", 0)));
                case "sweep" -> print(BenchSweep.run(required(o, "arch"), intOf(o, "width", -1),
                        intOf(o, "epochs", -1), intOf(o, "threads", 1), intOf(o, "tower-threads", 1)));
                case "profile-w1" -> print(BenchProfile.w1(intOf(o, "models", 1), intOf(o, "epochs", 200),
                        Path.of(o.getOrDefault("trace", "/tmp/lab-bench-profile-w1.json"))));
                case "profile-sweep" -> print(BenchProfile.sweep(required(o, "arch"), intOf(o, "width", 128),
                        intOf(o, "epochs", 20), Path.of(o.getOrDefault("trace", "/tmp/lab-bench-profile-sweep.json"))));
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

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                fail("expected --key value, got '" + args[i] + "'");
            }
            String key = args[i].substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                o.put(key, args[++i]);
            } else {
                o.put(key, "true");
            }
        }
        return o;
    }

    static String required(Map<String, String> o, String key) {
        String v = o.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + key);
        }
        return v;
    }

    static int intOf(Map<String, String> o, String key, int fallback) {
        String v = o.get(key);
        if (v == null && fallback < 0) {
            throw new IllegalArgumentException("missing --" + key);
        }
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be an integer, got '" + v + "'");
        }
    }

    static long longOf(Map<String, String> o, String key, long fallback) {
        String v = o.get(key);
        try {
            return v == null ? fallback : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be an integer, got '" + v + "'");
        }
    }

    static double doubleOf(Map<String, String> o, String key, double fallback) {
        String v = o.get(key);
        try {
            return v == null ? fallback : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a number, got '" + v + "'");
        }
    }

    private static void fail(String sentence) {
        System.err.println("bench: " + sentence);
        System.exit(2);
    }
}

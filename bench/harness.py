"""The driver behind `bin/lab bench`: runs each workload in the project (Java, `lab.run.Bench`) and in the
PyTorch scripts beside this file, alternating project / PyTorch so machine drift hits both, and prints medians
and the ratio project/PyTorch. `all` also rewrites BENCHMARKS.md.

Every child prints JSON lines; the raw lines of a run are kept in results/bench/<stamp>.jsonl.
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PY = "/usr/bin/python3"
LIBDIR = "/usr/lib/x86_64-linux-gnu"
OPENBLAS_DIR = LIBDIR + "/openblas-pthread"
TCMALLOC = LIBDIR + "/libtcmalloc.so.4"
JAVA_FLAGS = ["-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1"]

CHECK_TOLERANCE = 1e-4  # relative, on MSE after 50 epochs: float32 rounding (MKL vs OpenBLAS) stays near 1e-6
RAW = []          # every JSON row of this run, written to results/bench/<stamp>.jsonl
LOG = None


def say(msg):
    print(msg, flush=True)


def record(row):
    RAW.append(row)
    if LOG:
        LOG.write(json.dumps(row) + "\n")
        LOG.flush()


# ----------------------------------------------------------------------------------------- processes

def java_cmd(args, java_opts=()):
    return ["java", *JAVA_FLAGS, *java_opts, "-cp", os.path.join(ROOT, "lib/target/jars/*"), "lab.run.Bench", *args]


def pytorch_env(threads):
    """Returns the environment of a PyTorch process: OpenBLAS chosen for this process only (the directory holding
    OpenBLAS's libblas.so.3 first on the loader path), tcmalloc preloaded, every thread pool at `threads`, and
    passive OpenMP waiting (busy-waiting threads on a shared 2-core machine cost up to 20x)."""
    env = dict(os.environ)
    env["LD_LIBRARY_PATH"] = OPENBLAS_DIR + (":" + env["LD_LIBRARY_PATH"] if env.get("LD_LIBRARY_PATH") else "")
    if os.path.exists(TCMALLOC):
        env["LD_PRELOAD"] = TCMALLOC
    env["OMP_NUM_THREADS"] = str(threads)
    env["OPENBLAS_NUM_THREADS"] = str(threads)
    env["MKL_NUM_THREADS"] = str(threads)
    env["OMP_WAIT_POLICY"] = "PASSIVE"
    env.pop("PYTHONPATH", None)
    return env


def java_env():
    env = dict(os.environ)
    env["OMP_WAIT_POLICY"] = "PASSIVE"   # same as the PyTorch side; only matters with more than one thread
    return env


def start(cmd, env):
    return subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(proc, cmd):
    out, err = proc.communicate()
    rows = []
    for line in out.splitlines():
        line = line.strip()
        if line.startswith("{"):
            rows.append(json.loads(line))
    if proc.returncode != 0 or not rows:
        tail = "\n".join(err.strip().splitlines()[-15:])
        raise RuntimeError("command failed (exit %s): %s\n%s" % (proc.returncode, " ".join(cmd), tail))
    return rows


def run(cmd, env):
    """Returns the JSON rows a child printed; its wall time (start to exit) is added to the last row."""
    t0 = time.perf_counter()
    rows = finish(start(cmd, env), cmd)
    rows[-1]["process_seconds"] = time.perf_counter() - t0
    for r in rows:
        record(r)
    return rows


def run_parallel(cmds, env):
    """Runs the commands at once (one per core) and returns their last rows; wall = slowest child."""
    t0 = time.perf_counter()
    procs = [start(c, env) for c in cmds]
    rows = [finish(p, c)[-1] for p, c in zip(procs, cmds)]
    wall = time.perf_counter() - t0
    for r in rows:
        r["process_seconds"] = wall
        record(r)
    return rows


def py(script, *args):
    return [PY, os.path.join(HERE, script), *[str(a) for a in args]]


# ----------------------------------------------------------------------------------------- helpers

def median(xs):
    return statistics.median(xs) if xs else float("nan")


def machine():
    model, cores = "unknown CPU", os.cpu_count()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kib = int(f.readline().split()[1])
            mem = ", %.0f GiB RAM" % (kib / 2 ** 20)
    except (OSError, ValueError, IndexError):
        pass
    return "%s, %d cores%s, %s %s" % (model, cores, mem, platform.system(), platform.release())


def load_average():
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "?"


def split(n, parts):
    """Returns (first, count) chunks of 0..n-1, as even as possible."""
    out, first = [], 0
    for i in range(parts):
        count = n // parts + (1 if i < n % parts else 0)
        if count:
            out.append((first, count))
        first += count
    return out


def fmt(x, digits=3):
    if x is None or x != x:
        return "-"
    if abs(x) >= 100:
        return "%.0f" % x
    return ("%." + str(digits) + "g") % x


# ----------------------------------------------------------------------------------------- workloads

class Result:
    """One table row: a workload variant with project and PyTorch timings (same unit) and notes."""

    def __init__(self, name, unit, project, pytorch, threads, project_env, pytorch_env_desc, target, note=""):
        self.name, self.unit = name, unit
        self.project, self.pytorch = project, pytorch
        self.threads, self.project_env, self.pytorch_env = threads, project_env, pytorch_env_desc
        self.target, self.note = target, note

    @property
    def ratio(self):
        p, t = median(self.project), median(self.pytorch)
        return p / t if t and t == t and p == p else float("nan")

    def line(self):
        return "%-22s project %s %s | PyTorch %s %s | ratio %s (target %s) | %s" % (
            self.name, fmt(median(self.project)), self.unit, fmt(median(self.pytorch)), self.unit,
            fmt(self.ratio), self.target, self.note)


def env_of(row):
    return "%s, %s" % (row.get("blas", "?"), row.get("allocator", "?"))


def export_w1(models, directory):
    run(java_cmd(["export", "--out", directory, "--first", "0", "--models", str(models)]), java_env())


def pytorch_w1(form, data, models, epochs, procs, threads):
    """Returns (seconds, rows) of one PyTorch W1 run in `form` over `procs` processes of `threads` threads."""
    cmds = [py("w1.py", "--data", data, "--form", form, "--first", f, "--models", c, "--epochs", epochs,
               "--threads", threads) for f, c in split(models, procs)]
    rows = run_parallel(cmds, pytorch_env(threads))
    return max(r["seconds"] for r in rows), rows


def project_w1(models, epochs, threads):
    rows = run(java_cmd(["w1", "--models", str(models), "--epochs", str(epochs), "--workers", str(threads)]),
               java_env())
    return rows[-1]["seconds"], rows[-1]


W1_FORMS = [  # (label, form, processes, threads per process) with 2 cores in all
    ("loop, 2 proc x 1 thread", "loop", 2, 1),
    ("batched bmm, 1 proc x 2 threads", "batched", 1, 2),
    ("batched bmm, 2 proc x 1 thread", "batched", 2, 1),
]


def forms_for(threads):
    return [f for f in W1_FORMS if f[2] * f[3] == threads]


def w1(a, data):
    """W1: the 002 ensemble. Probes every PyTorch form on a slice, then alternates project / fastest form."""
    say("W1: %d models x %d epochs, 4-16-2 on 8000 rows, full-batch Adam; %d repeats" % (a.models, a.epochs, a.repeats))
    probe_models = min(a.models, 10)
    probes = {}
    for label, form, procs, threads in forms_for(a.threads):
        s, rows = pytorch_w1(form, data, probe_models, a.epochs, procs, threads)
        probes[label] = s
        say("  PyTorch probe %-34s %d models: %.2f s  [%s]" % (label, probe_models, s, env_of(rows[0])))
    best = min(probes, key=probes.get)
    label, form, procs, threads = next(f for f in W1_FORMS if f[0] == best)
    say("  fastest PyTorch form: " + best)
    proj, ref, pj_row, pt_rows = [], [], None, None
    for r in range(a.repeats):
        s, pj_row = project_w1(a.models, a.epochs, a.threads)
        proj.append(s)
        say("  [%d] project  %.2f s  (%s, rss %d MiB)" % (r + 1, s, env_of(pj_row), pj_row["rss_kib"] // 1024))
        s, pt_rows = pytorch_w1(form, data, a.models, a.epochs, procs, threads)
        ref.append(s)
        say("  [%d] PyTorch  %.2f s  (%s)" % (r + 1, s, best))
    # same numbers? compare the final training losses model by model
    pt_loss = [x for row in pt_rows for x in row["train_loss"]]
    pj_loss = pj_row.get("train_loss", [])
    worst = max((abs(p - q) / max(abs(q), 1e-12) for p, q in zip(pj_loss, pt_loss)), default=float("nan"))
    note = "PyTorch form: %s; final train loss, max rel. difference project vs PyTorch over %d models: %s" % (
        best, len(pt_loss), fmt(worst, 2))
    res = Result("W1 %dx%d" % (a.models, a.epochs), "s", proj, ref, a.threads, env_of(pj_row), env_of(pt_rows[0]),
                 "<= 1.0 (aim 0.5)", note)
    res.probes = probes
    res.probe_models = probe_models
    say("  " + res.line())
    return res


def check(a, data):
    """Trains seed 0 for 50 epochs in the project and in PyTorch from the same data and initial weights; returns
    (ok, text). PyTorch runs twice: with torch.optim.Adam (the reference) and with DJL's placement of eps, so a
    difference of Adam variant shows apart from float rounding."""
    epochs = 50
    pj = run(java_cmd(["w1", "--models", "1", "--epochs", str(epochs), "--workers", "1"]), java_env())[-1]
    rows = {}
    for adam in ("torch", "eps-on-raw"):
        rows[adam] = run(py("w1.py", "--data", data, "--form", "loop", "--models", 1, "--epochs", epochs,
                            "--threads", 1, "--adam", adam), pytorch_env(1))[-1]

    def rel(pt):
        return max(abs(pj["train_loss"][0] - pt["train_loss"][0]) / abs(pt["train_loss"][0]),
                   abs(pj["val_loss"][0] - pt["val_loss"][0]) / abs(pt["val_loss"][0]))
    r_torch, r_raw = rel(rows["torch"]), rel(rows["eps-on-raw"])
    ok = r_torch < CHECK_TOLERANCE
    text = ("check: seed 0, %d epochs from the same data and initial weights (exported by the project): "
            "training MSE of the last step project %.7g vs PyTorch %.7g (torch.optim.Adam), validation MSE %.7g vs "
            "%.7g: max relative difference %.2g (tolerance %.0e): %s. Against PyTorch with eps added to the "
            "uncorrected sqrt(v) (DJL's fused adamUpdate): %.7g, difference %.2g."
            % (epochs, pj["train_loss"][0], rows["torch"]["train_loss"][0], pj["val_loss"][0],
               rows["torch"]["val_loss"][0], r_torch, CHECK_TOLERANCE, "PASS" if ok else "FAIL",
               rows["eps-on-raw"]["train_loss"][0], r_raw))
    if not ok and r_raw < CHECK_TOLERANCE:
        text += (" So the project's trainer computes Adam with DJL's eps placement, not torch.optim.Adam's; "
                 "the arithmetic itself agrees.")
    say(text)
    record({"workload": "check", "ok": ok, "relative_difference": r_torch, "relative_difference_eps_on_raw": r_raw})
    return ok, text


def sweep_flops(arch, width, samples=1024, embed=16, bits=10):
    """Returns the FLOPs of one epoch, forward + backward = 3 x forward matmul FLOPs
    (2 * samples * sum of in*out over the Linear layers of every tower)."""
    towers, out = (bits, 1) if arch == "st" else (1, bits)
    macs = samples * towers * (embed * width + width * width + width * out)
    return 3 * 2 * macs


def sweep(a, workload, arch, width, proj_epochs, pt_epochs, target):
    say("%s %s: width %d, project %d epochs, PyTorch %d epochs (per-epoch compared); %d repeats"
        % (workload, arch, width, proj_epochs, pt_epochs, a.repeats))
    proj, ref, pj_row, pt_row = [], [], None, None
    for r in range(a.repeats):
        pj_row = run(java_cmd(["sweep", "--arch", arch, "--width", str(width), "--epochs", str(proj_epochs),
                               "--threads", str(a.threads)]), java_env())[-1]
        proj.append(pj_row["seconds_per_epoch"])
        say("  [%d] project  %.4g s/epoch (%s)" % (r + 1, pj_row["seconds_per_epoch"], env_of(pj_row)))
        pt_row = run(py("sweep.py", "--arch", arch, "--width", width, "--epochs", pt_epochs, "--threads", a.threads),
                     pytorch_env(a.threads))[-1]
        ref.append(pt_row["seconds_per_epoch"])
        say("  [%d] PyTorch  %.4g s/epoch" % (r + 1, pt_row["seconds_per_epoch"]))
    note = "project %d epochs, PyTorch %d epochs" % (proj_epochs, pt_epochs)
    if "lowest_loss" in pj_row:
        note += "; lowest batch loss project %.4g (epoch %d)" % (pj_row["lowest_loss"], pj_row["lowest_epoch"])
    if "lowest_loss" in pt_row:
        note += ", PyTorch %.4g (epoch %d, other init)" % (pt_row["lowest_loss"], pt_row["lowest_epoch"])
    res = Result("%s %s h=%d" % (workload, arch, width), "s/epoch", proj, ref, a.threads, env_of(pj_row),
                 env_of(pt_row), target, note)
    res.flops = sweep_flops(arch, width)
    res.memory = pj_row.get("rss_at_epoch")
    res.peak = pj_row.get("peak_rss_kib")
    say("  " + res.line())
    return res


def ceiling(a):
    rows = []
    for threads in sorted({1, a.threads}):
        row = run(java_cmd(["ceiling", "--threads", str(threads), "--seconds", "4"]), java_env())[-1]
        say("ceiling: DJL matmul %s, %d thread(s): %.1f GFLOP/s (%s)" % (row["size"], threads, row["gflops"],
                                                                         env_of(row)))
        rows.append(row)
    return rows


def memory(a):
    """Runs the project for 10,000 epochs (W1 ensemble and the W2 sweep) and reads VmRSS at 1,000 and 10,000."""
    out = []
    for cmd, label in (
            (["w1", "--models", "10", "--epochs", "10000", "--workers", str(a.threads), "--memory", "true"],
             "W1 10 models x 10,000 epochs"),
            (["sweep", "--arch", "mt", "--width", "128", "--epochs", "10000", "--threads", str(a.threads)],
             "W2 mt h=128, 10,000 epochs")):
        row = run(java_cmd(cmd), java_env())[-1]
        at = row.get("rss_at_epoch", {})
        r1, r10 = at.get("1000"), at.get("10000")
        growth = (r10 - r1) if r1 and r10 else None
        flat = growth is not None and growth < max(0.05 * r1, 16 * 1024)
        out.append({"label": label, "rss1k": r1, "rss10k": r10, "growth": growth, "peak": row.get("peak_rss_kib"),
                    "flat": flat, "env": env_of(row)})
        say("memory: %s: VmRSS %s MiB at epoch 1,000, %s MiB at 10,000 (growth %s MiB), peak %s MiB: %s"
            % (label, mib(r1), mib(r10), mib(growth), mib(row.get("peak_rss_kib")), "flat" if flat else "GROWS"))
    return out


def mib(kib):
    return "-" if kib is None else "%.1f" % (kib / 1024)


def trace_summary(path, epochs):
    """Returns op statistics per epoch from a libtorch Chrome trace: top-level op count and time (ops called
    from outside any other op, i.e. from Java/JNI), all ops, and the heaviest ops by self time."""
    with open(path) as f:
        events = [e for e in json.load(f) if e.get("ph") == "X"]
    by_tid = {}
    for e in events:
        by_tid.setdefault(e.get("tid"), []).append(e)
    top_count, top_us, self_by_name = 0, 0.0, {}
    for evs in by_tid.values():
        evs.sort(key=lambda e: (e["ts"], -e["dur"]))
        stack = []   # [end, name, child time]
        for e in evs:
            while stack and stack[-1][0] <= e["ts"]:
                end, name, child, dur = stack.pop()
                self_by_name[name] = self_by_name.get(name, 0.0) + dur - child
            if stack:
                stack[-1][2] += e["dur"]
            else:
                top_count += 1
                top_us += e["dur"]
            stack.append([e["ts"] + e["dur"], e["name"], 0.0, e["dur"]])
        while stack:
            end, name, child, dur = stack.pop()
            self_by_name[name] = self_by_name.get(name, 0.0) + dur - child
    total_self = sum(self_by_name.values()) or 1.0
    heavy = sorted(self_by_name.items(), key=lambda kv: -kv[1])[:6]
    return {"per_epoch_ops_top_level": top_count / epochs, "per_epoch_ops_all": len(events) / epochs,
            "per_epoch_op_seconds": top_us / 1e6 / epochs,
            "top_ops": [[n, round(us / total_self, 3)] for n, us in heavy]}


def profile(a, data):
    """Returns rows with op counts and op time per epoch on each side (the engines' own profilers)."""
    out = []
    trace = os.path.join(tempfile.gettempdir(), "lab-bench-trace-%d.json" % os.getpid())
    for cmd, label, epochs in ((["profile-w1", "--epochs", "200"], "W1 one 4-16-2 model", 200),
                               (["profile-sweep", "--arch", "st", "--width", "128", "--epochs", "30"],
                                "W2 st h=128", 30)):
        try:
            row = run(java_cmd(cmd + ["--trace", trace]), java_env())[-1]
            row.update(trace_summary(trace, epochs))
            os.remove(trace)
            row["label"] = label
            out.append(row)
            say("profile project %s: %s" % (label, profile_text(row)))
        except (RuntimeError, OSError, ValueError) as e:
            say("profile project %s: not available (%s)" % (label, str(e).splitlines()[0]))
    for cmd, label in ((py("profile.py", "--data", data, "--what", "w1", "--epochs", 200), "W1 one 4-16-2 model"),
                       (py("profile.py", "--what", "st", "--width", 128, "--epochs", 30), "W2 st h=128")):
        row = run(cmd, pytorch_env(1))[-1]
        row["label"] = label
        out.append(row)
        say("profile PyTorch %s: %s" % (label, profile_text(row)))
    return out


def profile_text(row):
    op = row.get("per_epoch_op_seconds", row.get("per_epoch_op_self_seconds"))
    return ("%.3g ms/epoch (%.3g ms under the profiler), %.0f top-level ops/epoch (%.0f ops in all), op time "
            "%.3g ms/epoch; heaviest ops by self time: %s" % (
                1e3 * row["per_epoch_seconds"], 1e3 * row["per_epoch_seconds_profiled"],
                row["per_epoch_ops_top_level"], row["per_epoch_ops_all"], 1e3 * op,
                ", ".join("%s %.0f%%" % (n, 100 * f) for n, f in row["top_ops"][:4])))


# ----------------------------------------------------------------------------------------- BENCHMARKS.md

def write_markdown(path, a, command, results, ceilings, memo, checked, prof, started, elapsed):
    ...  # filled in below (kept apart for readability)


def main():
    global LOG
    p = argparse.ArgumentParser(prog="bin/lab bench", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("target", nargs="?", default="all",
                   choices=("W1", "W2", "W3", "mem", "check", "ceiling", "profile", "all"))
    p.add_argument("--models", type=int, default=100, help="W1 models (100)")
    p.add_argument("--epochs", type=int, default=None, help="W1 epochs (4000); W2 project epochs (10000)")
    p.add_argument("--pt-epochs", type=int, default=None, help="W2 PyTorch epochs (1000 st / 2000 mt)")
    p.add_argument("--w3-epochs", type=int, default=3, help="W3 epochs on each side (3)")
    p.add_argument("--repeats", type=int, default=2, help="A B rounds per workload (2)")
    p.add_argument("--threads", type=int, default=2, help="threads on each side (2)")
    p.add_argument("--out", default=os.path.join(ROOT, "BENCHMARKS.md"), help="written by `all`")
    a = p.parse_args()
    command = "bin/lab bench " + " ".join(sys.argv[1:])
    stamp = datetime.datetime.utcnow().strftime("%Y%m%d-%H%M%S")
    raw_dir = os.path.join(os.environ.get("LAB_RESULTS", os.path.join(ROOT, "results")), "bench")
    os.makedirs(raw_dir, exist_ok=True)
    LOG = open(os.path.join(raw_dir, stamp + ".jsonl"), "w")
    started = datetime.datetime.utcnow()
    t0 = time.perf_counter()
    say("%s | %s | load %s | raw rows: %s" % (started.strftime("%Y-%m-%d %H:%M UTC"), machine(), load_average(),
                                              LOG.name))
    results, ceilings, memo, checked, prof = [], [], [], None, []
    tmp = tempfile.mkdtemp(prefix="lab-bench-")
    try:
        t = a.target
        if t in ("W1", "check", "profile", "all"):
            models = a.models if t in ("W1", "all") else 1
            export_w1(max(models, 1), tmp)
        if t in ("check", "all"):
            checked = check(a, tmp)
        if t in ("W1", "all"):
            a_w1 = argparse.Namespace(**vars(a))
            a_w1.epochs = a.epochs or 4000
            results.append(w1(a_w1, tmp))
        if t in ("W2", "all"):
            e = a.epochs if t == "W2" and a.epochs else 10000
            results.append(sweep(a, "W2", "st", 128, e, a.pt_epochs or 1000, "<= 0.3"))
            results.append(sweep(a, "W2", "mt", 128, e, a.pt_epochs or 2000, "<= 1.0"))
        if t in ("W3", "ceiling", "all"):
            ceilings = ceiling(a)
        if t in ("W3", "all"):
            for arch in ("st", "mt"):
                results.append(sweep(a, "W3", arch, 1024, a.w3_epochs, a.w3_epochs, ">= 50% of ceiling"))
        if t in ("mem", "all"):
            memo = memory(a)
        if t in ("profile", "all"):
            prof = profile(a, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    elapsed = time.perf_counter() - t0
    say("")
    for r in results:
        say(r.line())
    if t == "all":
        write_markdown(a.out, a, command, results, ceilings, memo, checked, prof, started, elapsed)
        say("wrote " + a.out)
    LOG.close()
    if checked and not checked[0]:
        sys.exit(1)


if __name__ == "__main__":
    main()

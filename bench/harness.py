"""The driver behind `bin/lab bench`: runs each workload in the project (Java, `lab.bench.Bench` of the `bench`
Maven module) and in the PyTorch scripts beside this file, alternating project / PyTorch so machine drift hits
both, and prints medians and the ratio project/PyTorch. `all` also rewrites BENCHMARKS.md.

Every child prints JSON lines; the raw lines of a run are kept in results/bench/<stamp>-<pid>.jsonl.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import breakdown
import physview

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# The reference: PyPI's torch pinned in bench/requirements.txt, in the environment bench/run sets up; Debian's
# python3-torch 1.13 is the second reference, shown only where it is faster.
PY = os.environ.get("BENCH_PYTHON") or os.path.join(ROOT, ".lab/bench-venv/bin/python")
PY_DEBIAN = "/usr/bin/python3"
ALLOCATOR = {"tcmalloc": True}
REFERENCE = {}  # "new"/"debian" -> "PyTorch 2.x.y (BLAS, parallel backend)", read from the processes at start  # whether PyTorch processes preload tcmalloc; W1's probe may turn it off
LIBDIR = "/usr/lib/x86_64-linux-gnu"
OPENBLAS_DIR = LIBDIR + "/openblas-pthread"
TCMALLOC = LIBDIR + "/libtcmalloc.so.4"
BENCH_JAR = "bench/target/multitask-lab-bench.jar"  # built by bench/run (mvn package), never in lib/target/jars
JAVA_FLAGS = ["-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1"]

CHECK_TOLERANCE = 1e-4  # relative, on MSE after 50 epochs: float32 rounding (MKL vs OpenBLAS) stays near 1e-6
RAW = []          # every JSON row of this run, written to results/bench/<stamp>-<pid>.jsonl
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
    # The library's jars plus the bench module's jar: the benchmarks are not in the jars the kernel loads.
    classpath = os.path.join(ROOT, "lib/target/jars/*") + os.pathsep + os.path.join(ROOT, BENCH_JAR)
    return ["java", *JAVA_FLAGS, *java_opts, "-cp", classpath, "lab.bench.Bench", *args]


def pytorch_env(threads, debian=False, tcmalloc=None):
    """Returns the environment of a PyTorch process: for Debian's 1.13, OpenBLAS chosen for this process only (the
    directory holding OpenBLAS's libblas.so.3 first on the loader path; PyPI's wheel links its own BLAS), tcmalloc
    preloaded unless the allocator probe found glibc faster, every thread pool at `threads`, and passive OpenMP
    waiting (busy-waiting threads on a shared 2-core machine cost up to 20x)."""
    env = dict(os.environ)
    if debian:
        env["LD_LIBRARY_PATH"] = OPENBLAS_DIR + (":" + env["LD_LIBRARY_PATH"] if env.get("LD_LIBRARY_PATH") else "")
    if (ALLOCATOR["tcmalloc"] if tcmalloc is None else tcmalloc) and os.path.exists(TCMALLOC):
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
    env["MALLOC_ARENA_MAX"] = "1"        # as bin/lab runs the project: one glibc arena (lab.loop.GlibcMalloc says why)
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


def py(script, *args, debian=False):
    return [PY_DEBIAN if debian else PY, os.path.join(HERE, script), *[str(a) for a in args]]


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


START = {"load": "?"}


def uptime():
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return "?"


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


# ----------------------------------------------------------------------------------------- workloads

class Result:
    """One table row: a workload variant with project and PyTorch timings (same unit) and notes."""

    def __init__(self, name, unit, project, pytorch, threads, project_env, pytorch_env_desc, target, note=""):
        self.name, self.unit = name, unit
        self.project, self.pytorch = project, pytorch
        self.threads, self.project_env, self.pytorch_env = threads, project_env, pytorch_env_desc
        self.target, self.note = target, note
        self.debian, self.debian_env = [], ""   # Debian's 1.13, timed only where its probe beat the PyPI wheel

    @property
    def ratio(self):
        p, t = median(self.project), median(self.pytorch)
        return p / t if t and t == t and p == p else float("nan")

    @property
    def ratio_limit_text(self):
        """The ratio the target asks for at most, as written: the number after '<=' ("<= 0.5", "<= 1.0 and ...")."""
        return self.target.split()[1]

    @property
    def ratio_limit(self):
        return float(self.ratio_limit_text)

    @property
    def debian_ratio(self):
        d = median(self.debian)
        return median(self.project) / d if self.debian and d == d else float("nan")

    def line(self):
        extra = " | Debian 1.13 %s %s (ratio %s)" % (physview.fmt(median(self.debian)), self.unit, physview.fmt(self.debian_ratio)) \
            if self.debian else ""
        return "%-22s project %s %s | PyTorch %s %s | ratio %s (target %s)%s | %s" % (
            self.name, physview.fmt(median(self.project)), self.unit, physview.fmt(median(self.pytorch)), self.unit,
            physview.fmt(self.ratio), self.target, extra, self.note)


def env_of(row):
    """Returns 'BLAS, allocator' as a process reported them, with library paths cut to their last two parts."""
    def short(text):
        return re.sub(r"/(?:[^/\s()]+/)+([^/\s()]+/[^/\s()]+)", r"\1", str(text))
    version = "torch %s, " % row["torch"] if row.get("torch") else ""
    return "%s%s, %s" % (version, short(row.get("blas", "?")), short(row.get("allocator", "?")))


def export_w1(models, directory):
    run(java_cmd(["export", "--out", directory, "--first", "0", "--models", str(models)]), java_env())


def pytorch_w1(form, data, models, epochs, procs, threads, debian=False, tcmalloc=None):
    """Returns (seconds, rows) of one PyTorch W1 run in `form` over `procs` processes of `threads` threads."""
    cmds = [py("w1.py", "--data", data, "--form", form, "--first", f, "--models", c, "--epochs", epochs,
               "--threads", threads, debian=debian) for f, c in split(models, procs)]
    rows = run_parallel(cmds, pytorch_env(threads, debian, tcmalloc))
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
    probe_models, probe_epochs = min(a.models, 10), min(a.epochs, 1000)
    probes = {}
    for label, form, procs, threads in forms_for(a.threads):
        s, rows = pytorch_w1(form, data, probe_models, probe_epochs, procs, threads)
        probes[label] = s
        say("  PyTorch probe %-34s %d models x %d epochs: %.2f s  [%s]" % (label, probe_models, probe_epochs, s,
                                                                         env_of(rows[0])))
    best = min(probes, key=probes.get)
    label, form, procs, threads = next(f for f in W1_FORMS if f[0] == best)
    say("  fastest PyTorch form: " + best)
    # the allocator a competent user would pick: tcmalloc preloaded or glibc malloc, whichever runs the form faster
    new_best = probes[best]
    if os.path.exists(TCMALLOC):
        glibc, _ = pytorch_w1(form, data, probe_models, probe_epochs, procs, threads, tcmalloc=False)
        ALLOCATOR["tcmalloc"] = probes[best] <= glibc
        ALLOCATOR["probe"] = "allocator probed on that form: tcmalloc %s s, glibc malloc %s s; PyTorch runs use %s" % (
            physview.fmt(probes[best]), physview.fmt(glibc), "tcmalloc" if ALLOCATOR["tcmalloc"] else "glibc malloc")
        say("  " + ALLOCATOR["probe"])
        new_best = min(new_best, glibc)
    # Debian's 1.13 in its own fastest form: a second column only if it beats the PyPI wheel on the probe
    deb_probes = {}
    for f in forms_for(a.threads):
        deb_probes[f[0]] = pytorch_w1(f[1], data, probe_models, probe_epochs, f[2], f[3], debian=True)[0]
    deb_best = min(deb_probes, key=deb_probes.get)
    deb_form = next(f for f in W1_FORMS if f[0] == deb_best)
    with_debian = deb_probes[deb_best] < new_best
    say("  Debian 1.13 probe, fastest %s: %.2f s: %s" % (deb_best, deb_probes[deb_best],
                                                         "faster, timed as a second column" if with_debian else
                                                         "not faster, left out"))
    proj, ref, deb, pj_row, pt_rows, deb_rows = [], [], [], None, None, None
    for r in range(a.repeats):
        s, pj_row = project_w1(a.models, a.epochs, a.threads)
        proj.append(s)
        say("  [%d] project  %.2f s  (%s, rss %d MiB)" % (r + 1, s, env_of(pj_row), pj_row["rss_kib"] // 1024))
        s, pt_rows = pytorch_w1(form, data, a.models, a.epochs, procs, threads)
        ref.append(s)
        say("  [%d] PyTorch  %.2f s  (%s)" % (r + 1, s, best))
        if with_debian:
            s, deb_rows = pytorch_w1(deb_form[1], data, a.models, a.epochs, deb_form[2], deb_form[3], debian=True)
            deb.append(s)
            say("  [%d] Debian 1.13  %.2f s  (%s)" % (r + 1, s, deb_best))
    # same numbers? compare the final training losses model by model
    pt_loss = [x for row in pt_rows for x in row["train_loss"]]
    pj_loss = pj_row.get("train_loss", [])
    worst = max((abs(p - q) / max(abs(q), 1e-12) for p, q in zip(pj_loss, pt_loss)), default=float("nan"))
    median_diff = median([abs(p - q) / max(abs(q), 1e-12) for p, q in zip(pj_loss, pt_loss)])
    note = ("PyTorch %s, form: %s; last-epoch training loss, relative difference project vs PyTorch over %d models: "
            "median %s, max %s (same start; the check above agrees to float rounding after 50 epochs, and over "
            "thousands of Adam steps such rounding differences grow until the runs drift apart)" % (pt_rows[0].get("torch", "?"), best, len(pt_loss), physview.fmt(median_diff, 2), physview.fmt(worst, 2)))
    res = Result("W1 %dx%d" % (a.models, a.epochs), "s", proj, ref, a.threads, env_of(pj_row), env_of(pt_rows[0]),
                 "<= 0.6", note)
    res.debian, res.debian_env = deb, env_of(deb_rows[0]) if deb_rows else ""
    res.debian_probes = deb_probes
    res.epochs_each = a.epochs
    res.probes = probes
    res.probe_models = probe_models
    res.probe_epochs = probe_epochs
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
            "uncorrected sqrt(v) (DJL's Optimizer.adam(), which the project does not use): %.7g, difference %.2g, "
            "so the check tells the two Adam variants apart."
            % (epochs, pj["train_loss"][0], rows["torch"]["train_loss"][0], pj["val_loss"][0],
               rows["torch"]["val_loss"][0], r_torch, CHECK_TOLERANCE, "PASS" if ok else "FAIL",
               rows["eps-on-raw"]["train_loss"][0], r_raw))
    if not ok and r_raw < CHECK_TOLERANCE:
        text += (" So the project's trainer computes Adam with DJL's eps placement, not torch.optim.Adam's "
                 "(lab.loop.TorchAdam corrects the fused update's eps); the arithmetic itself agrees.")
    say(text)
    record({"workload": "check", "ok": ok, "relative_difference": r_torch, "relative_difference_eps_on_raw": r_raw})
    return ok, text


def sweep_flops(arch, width, samples=1024, embed=16, bits=10):
    """Returns the FLOPs of one epoch, forward + backward = 3 x forward matmul FLOPs
    (2 * samples * sum of in*out over the Linear layers of every tower)."""
    towers, out = (bits, 1) if arch == "st" else (1, bits)
    macs = samples * towers * (embed * width + width * width + width * out)
    return 3 * 2 * macs


def project_sweep(arch, width, epochs, config):
    """config: (intra-op threads, tower threads)."""
    intra, towers = config
    return run(java_cmd(["sweep", "--arch", arch, "--width", str(width), "--epochs", str(epochs),
                         "--threads", str(intra), "--tower-threads", str(towers)]), java_env())[-1]


def pytorch_sweep(arch, width, epochs, threads, debian=False, form="module"):
    """form: "module" (nn modules and autograd, the reference) or "hand" (the project's own op sequence in PyTorch,
    a diagnostic: see bench/sweep.py)."""
    return run(py("sweep.py", "--arch", arch, "--width", width, "--epochs", epochs, "--threads", threads,
                  "--form", form, debian=debian), pytorch_env(threads, debian))[-1]


def describe_config(config):
    intra, towers = config
    return "%d intra-op" % intra if towers == 1 else "%d tower threads x %d intra-op" % (towers, intra)


def sweep_threads(a, arch, width, proj_epochs, pt_epochs):
    """Returns (project config, PyTorch threads, text): each side's fastest way to use a.threads cores on a short
    run. The project may put them into intra-op threads or, for st, into threads over the towers (each with one
    intra-op thread); PyTorch into intra-op threads. On one small model a second intra-op thread can cost more
    than it gives (most ops take ~10 us), so 1 is tried too: each side gets the same budget and uses it as it runs
    best."""
    counts = sorted({1, a.threads})
    configs = [(n, 1) for n in counts] + ([(1, a.threads)] if arch == "st" and a.threads > 1 else [])
    if len(configs) == 1:
        return configs[0], a.threads, None, "", {}, {}, a.threads
    # a tenth of the timed epochs, but at least 3 (the first epoch of a process carries its warm-up)
    pe, te = max(min(proj_epochs, 3), proj_epochs // 10), max(min(pt_epochs, 3), pt_epochs // 5)
    proj = {c: project_sweep(arch, width, pe, c)["seconds_per_epoch"] for c in configs}
    ref = {n: pytorch_sweep(arch, width, te, n)["seconds_per_epoch"] for n in counts}
    deb = {n: pytorch_sweep(arch, width, te, n, debian=True)["seconds_per_epoch"] for n in counts}
    hand = {n: pytorch_sweep(arch, width, te, n, form="hand")["seconds_per_epoch"] for n in counts}
    pick_p, pick_t, pick_d = min(configs, key=proj.get), min(counts, key=ref.get), min(counts, key=deb.get)
    text = ("ways to use the %d threads probed first (%d / %d epochs, s/epoch): project %s; PyTorch %s; Debian 1.13 "
            "%s (%s); PyTorch running the project's own ops (`--form hand`, below) %s; each side runs with its "
            "fastest" % (
                a.threads, pe, te, ", ".join("%s %.4g" % (describe_config(c), proj[c]) for c in configs),
                ", ".join("%d intra-op %.4g" % (n, ref[n]) for n in counts),
                ", ".join("%d intra-op %.4g" % (n, deb[n]) for n in counts),
                "faster, timed as a second column" if deb[pick_d] < ref[pick_t] else "not faster, left out",
                ", ".join("%d intra-op %.4g" % (n, hand[n]) for n in counts)))
    say("  " + text)
    return pick_p, pick_t, (pick_d if deb[pick_d] < ref[pick_t] else None), text, proj, ref, min(counts, key=hand.get)


def w3_epochs(a, arch):
    """Returns W3's epochs of `arch`: mt runs ten times st's (same wall time; measured on 2026-11-30, the project's
    W3 mt took 0.127 s an epoch over 20 epochs and 0.101 over 200, its warm-up inside the timed epochs)."""
    return a.w3_epochs * (10 if arch == "mt" else 1)


def sweep(a, workload, arch, width, proj_epochs, pt_epochs, target):
    say("%s %s: width %d, project %d epochs, PyTorch %d epochs (per-epoch compared); %d repeats"
        % (workload, arch, width, proj_epochs, pt_epochs, a.repeats))
    pj_threads, pt_threads, deb_threads, probed, probe_proj, probe_ref, hand_threads = sweep_threads(
        a, arch, width, proj_epochs, pt_epochs)
    proj, ref, deb, hand, pj_row, pt_row, deb_row, hand_row = [], [], [], [], None, None, None, None
    busy, pt_busy, hand_busy = [], [], []
    for r in range(a.repeats):
        pj_row = project_sweep(arch, width, proj_epochs, pj_threads)
        proj.append(pj_row["seconds_per_epoch"])
        if "cores_busy" in pj_row:
            busy.append((pj_row["cores_busy"], pj_row["trainer_thread_busy"]))
        say("  [%d] project  %.4g s/epoch (%s)" % (r + 1, pj_row["seconds_per_epoch"], env_of(pj_row)))
        pt_row = pytorch_sweep(arch, width, pt_epochs, pt_threads)
        ref.append(pt_row["seconds_per_epoch"])
        pt_busy.append(pt_row.get("cores_busy"))
        say("  [%d] PyTorch  %.4g s/epoch" % (r + 1, pt_row["seconds_per_epoch"]))
        if deb_threads:
            deb_row = pytorch_sweep(arch, width, pt_epochs, deb_threads, debian=True)
            deb.append(deb_row["seconds_per_epoch"])
            say("  [%d] Debian 1.13  %.4g s/epoch" % (r + 1, deb_row["seconds_per_epoch"]))
        hand_row = pytorch_sweep(arch, width, pt_epochs, hand_threads, form="hand")
        hand.append(hand_row["seconds_per_epoch"])
        hand_busy.append(hand_row.get("cores_busy"))
        say("  [%d] PyTorch, the project's ops  %.4g s/epoch" % (r + 1, hand_row["seconds_per_epoch"]))
    note = "project %d epochs, PyTorch %d epochs" % (proj_epochs, pt_epochs)
    if probed:
        note += "; " + probed
    if "lowest_loss" in pj_row:
        note += "; lowest batch loss project %.4g (epoch %d)" % (pj_row["lowest_loss"], pj_row["lowest_epoch"])
    cores_busy = trainer_busy = None
    if len(busy) == a.repeats:
        # CPU time over wall time in the timed runs, after their first tenth (BenchSweep)
        cores_busy, trainer_busy = median([b[0] for b in busy]), median([b[1] for b in busy])
        note += ("; project CPU over its timed epochs (median of the runs, CPU time / wall time): %.2f of %d cores "
                 "busy, its trainer thread %.0f%%" % (cores_busy, a.threads, 100 * trainer_busy))
    pt_cores = median(pt_busy) if None not in pt_busy else None
    hand_cores = median(hand_busy) if None not in hand_busy else None
    if pt_cores is not None and hand_cores is not None:
        note += ("; PyTorch's CPU the same way (its process, OpenMP's threads included): %.2f of %d cores busy, "
                 "running the project's ops %.2f" % (pt_cores, a.threads, hand_cores))

    used = "%d (project: %s; PyTorch: %d intra-op)" % (a.threads, describe_config(pj_threads), pt_threads)
    res = Result("%s %s h=%d" % (workload, arch, width), "s/epoch", proj, ref, used, env_of(pj_row),
                 env_of(pt_row), target, note)
    if deb_row:
        res.debian, res.debian_env = deb, env_of(deb_row)
    res.flops = sweep_flops(arch, width)
    res.arch, res.width, res.scaling = arch, width, (probe_proj, probe_ref)
    res.config = (pj_threads, pt_threads)   # (project's (intra-op, tower threads), PyTorch's intra-op threads)
    res.busy = (cores_busy, trainer_busy, pj_threads[1] > 1)
    # the project's op sequence in PyTorch: same initial weights as the module form, so equal losses show one computation
    res.hand, res.hand_threads = hand, hand_threads
    res.hand_busy = hand_cores   # cores busy running the project's ops in PyTorch (the project's own: res.busy)
    res.hand_loss = (pt_row["lowest_loss"], hand_row["lowest_loss"], pt_epochs)
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


def physical(a):
    """Returns {'bandwidth': rows, 'cost': {name: row}}: memory bandwidth probed on both sides (DRAM-sized and
    L3-sized arrays, 1 and a.threads threads) and the FLOP/byte counts of every workload (lab.bench.WorkloadCost)."""
    rows = []
    for elements, seconds in ((physview.DRAM_ELEMENTS, 4), (physview.CACHE_ELEMENTS, 2)):
        for threads in sorted({1, a.threads}):
            rj = run(java_cmd(["bandwidth", "--elements", str(elements), "--threads", str(threads),
                               "--seconds", str(seconds)]), java_env())[-1]
            rp = run(py("bandwidth.py", "--elements", elements, "--threads", threads, "--seconds", seconds),
                     pytorch_env(threads))[-1]
            rows += [rj, rp]
            say("bandwidth, %d MiB arrays, %d thread(s), GB/s: %s" % (
                elements * 4 // 2 ** 20, threads,
                ", ".join("%s %.1f" % (k, v) for r in (rj, rp) for k, v in r["gbs"].items())))
    widths = "128,512,1024,2048,4096,8192,16384"
    cost = {r["name"]: r for r in run(java_cmd(["cost", "--widths", widths, "--models", str(a.models)]), java_env())}
    for name in ("W1 %d models" % a.models, "st h=128", "mt h=128", "st h=1024", "mt h=1024"):
        c = cost[name]
        say("cost per epoch, %s: %.3g GFLOP in matmuls, %.3g GB moved, %d op calls" % (
            name, c["matmul_flops"] / 1e9, c["bytes"] / 1e9, c["calls"]))
    return {"bandwidth": rows, "cost": cost}


def profile_w3(a):
    """Returns the time breakdown of W3 st and mt at h=1024, each side under its own profiler, on one intra-op thread
    (the parts of a step one after another on one core) and on a.threads intra-op threads (as the timed W3 rows).
    Each side runs a.repeats times, alternating with the other, and the run with the shortest profiled epoch is
    kept: one short run on a shared machine read its 2-thread epoch anywhere from 0.9 to 2.1 s (2026-11-30)."""
    out = []
    trace = os.path.join(tempfile.gettempdir(), "lab-bench-w3-%d.json" % os.getpid())
    for threads in sorted({1, a.threads}):
        for arch, epochs, warmup in (("st", 2, 1), ("mt", 6, 3)):
            best = {}
            for attempt in range(max(1, a.repeats)):
                for side in ("project", "pytorch"):
                    b = profile_w3_run(side, arch, epochs, warmup, threads, trace)
                    if b and (side not in best or b["wall"] < best[side]["wall"]):
                        best[side] = b
            for side in ("project", "pytorch"):
                if side not in best:
                    continue
                b = best[side]
                b["runs"] = max(1, a.repeats)
                out.append(b)
                say("profile %s W3 %s h=1024, %d thread(s), fastest of %d: %.0f ms/epoch profiled (%.0f plain): %s; "
                    "outside the engine %.0f ms" % (side, arch, threads, b["runs"], 1e3 * b["wall"], 1e3 * b["plain"],
                                                    ", ".join("%s %.0f ms (matmul %.0f)" % (
                                                        ph, 1e3 * v["ops"], 1e3 * v["matmul"])
                                                        for ph, v in b["phases"].items()), 1e3 * b["outside"]))
    return out


def profile_w3_run(side, arch, epochs, warmup, threads, trace):
    """Returns one side's breakdown of one profiled W3 run (recorded in the raw rows), or None if it failed."""
    load = load_average().split()[0]   # others' work on the cores shows most in the 2-thread rows
    try:
        if side == "project":
            row = run(java_cmd(["profile-sweep", "--arch", arch, "--width", "1024", "--epochs", str(epochs),
                                "--warmup", str(warmup), "--threads", str(threads), "--trace", trace]),
                      java_env())[-1]
        else:
            row = run(py("opprofile.py", "--what", arch, "--width", 1024, "--epochs", epochs, "--warmup", warmup,
                         "--threads", threads, "--trace", trace), pytorch_env(threads))[-1]
        b = breakdown.breakdown(trace, epochs, side, row["per_epoch_seconds_profiled"],
                                row.get("java_pass_seconds_per_epoch"))
        os.remove(trace)
    except (RuntimeError, OSError, ValueError, KeyError) as e:
        say("profile %s W3 %s, %d thread(s): not available (%s)" % (side, arch, threads, str(e).splitlines()[0]))
        return None
    b.update(side=side, arch=arch, threads=threads, label="W3 %s h=1024" % arch, plain=row["per_epoch_seconds"],
             env=env_of(row), load=load)
    record({"workload": "w3-breakdown", **{k: v for k, v in b.items()}})
    return b


MEMORY_JAVA_OPTS = ["-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch"]


def memory(a):
    """Reads VmRSS at epoch 1,000 and at the end of long project runs (10,000 epochs by default) of the W1 ensemble
    and the W2 mt and st sweeps. The Java heap is fixed and touched up front (-Xms = -Xmx, AlwaysPreTouch), so what RSS
    gains after epoch 1,000 is native memory (libtorch tensors, DJL handles), not the heap growing into its limit."""
    out = []
    e = a.mem_epochs
    runs = [(["w1", "--models", str(a.mem_models), "--epochs", str(e), "--workers", str(a.threads)],
             "W1 %d models x %s epochs" % (a.mem_models, format(e, ","))),
            (["sweep", "--arch", "mt", "--width", "128", "--epochs", str(e), "--threads", "1"],
             "W2 mt h=128, %s epochs" % format(e, ",")),
            # the st towers on two threads: each step's arrays move from the workers' scopes to the trainer's
            (["sweep", "--arch", "st", "--width", "128", "--epochs", str(e), "--threads", "1",
              "--tower-threads", str(a.threads)],
             "W2 st h=128 on %d tower threads, %s epochs" % (a.threads, format(e, ",")))]
    for cmd, label in runs:
        row = run(java_cmd(cmd, MEMORY_JAVA_OPTS), java_env())[-1]
        at, peak, env = row.get("rss_at_epoch", {}), row.get("peak_rss_kib"), env_of(row)
        series = sorted((int(k), v) for k, v in at.items() if k.isdigit())
        r1, r10 = at.get(str(min(1000, e))), at.get(str(e))
        growth = (r10 - r1) if r1 and r10 else None
        # flat = no growth still going on: the highest reading of the second half is within 1% (or 8 MiB) of the
        # highest of the first half (single readings swing by ~10 MiB as malloc trims and refills its arenas)
        first = [v for k, v in series if k <= e // 2]
        second = [v for k, v in series if k >= e // 2]
        late = (max(second) - max(first)) if first and second else growth
        flat = late is not None and late < max(0.01 * (r1 or 0), 8 * 1024)
        out.append({"label": label, "rss1k": r1, "rss10k": r10, "growth": growth, "late": late, "peak": peak,
                    "flat": flat, "env": env, "epochs": e, "series": series})
        say("memory: %s: VmRSS %s MiB at epoch 1,000, %s MiB at the end (growth %s MiB, new high in the second "
            "half %s MiB), peak %s MiB: %s; every 1,000 epochs: %s" % (
                label, mib(r1), mib(r10), mib(growth), mib(late), mib(peak), "flat" if flat else "GROWS",
                " ".join(mib(v) for _, v in series)))
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


W1_LABEL = "W1 chunk of 10 models"


def profile(a, data):
    """Returns rows with op counts and op time per epoch on each side (the engines' own profilers)."""
    out = []
    trace = os.path.join(tempfile.gettempdir(), "lab-bench-trace-%d.json" % os.getpid())
    for cmd, label, epochs in ((["profile-w1", "--models", "10", "--epochs", "200"], W1_LABEL, 200),
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
    try:
        row = run(java_cmd(["overhead"]), java_env())[-1]
        out.append(row)
        say("overhead project: %.2f us per in-place op, %.2f us per op with a new result; W1 chunk matmuls %.0f us"
            % (row["us_per_inplace_op"], row["us_per_new_op"], row["us_w1_matmuls"]))
    except RuntimeError as e:
        say("overhead project: not available (%s)" % str(e).splitlines()[0])
    row = run(py("opprofile.py", "--what", "overhead"), pytorch_env(1))[-1]
    out.append(row)
    reference = LIBDIR + "/blas"
    if os.path.isdir(reference):   # Debian's 1.13 on its default reference BLAS: what the BLAS alone is worth
        env = pytorch_env(1, debian=True)
        env["LD_LIBRARY_PATH"] = reference
        ref = run(py("opprofile.py", "--what", "overhead", debian=True), env)[-1]
        ref["reference_blas"] = True
        out.append(ref)
        say("overhead PyTorch with %s: W1 chunk matmuls %.0f us" % (ref["blas"], ref["us_w1_matmuls"]))
    say("overhead PyTorch: %.2f us per in-place op, %.2f us per op with a new result; W1 chunk matmuls %.0f us"
        % (row["us_per_inplace_op"], row["us_per_new_op"], row["us_w1_matmuls"]))
    for cmd, label in ((py("opprofile.py", "--data", data, "--what", "w1", "--models", 10, "--epochs", 200), W1_LABEL),
                       (py("opprofile.py", "--what", "st", "--width", 128, "--epochs", 30), "W2 st h=128")):
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

def target_verdict(res, ceiling_gflops):
    """Returns (met, sentence) for a result against its target."""
    r = res.ratio
    if res.name.startswith("W3"):
        g = res.flops / median(res.project) / 1e9
        share = g / ceiling_gflops if ceiling_gflops else float("nan")
        met = share >= 0.6 and r <= 1.0
        return met, "%s: ratio %.2f (target <= 1.0)%s and %.0f%% of the ceiling (target >= 60%%)%s" % (
            res.name, r, "" if r <= 1.0 else ", missed by %.2f" % (r - 1.0), 100 * share,
            "" if share >= 0.6 else ", missed by %.0f points" % (100 * (0.6 - share)))
    limit = res.ratio_limit
    met = r <= limit
    return met, "%s: ratio %.2f (target <= %g)%s" % (
        res.name, r, limit, "" if met else ", missed by %.2f (%.1fx the target)" % (r - limit, r / limit))


def write_markdown(path, a, command, results, ceilings, memo, checked, prof, started, elapsed, phys=None,
                   w3prof=()):
    ceiling_gflops = max((c["gflops"] for c in ceilings), default=float("nan"))
    L = []
    w = L.append
    w("# Benchmarks: multitask-lab against PyTorch on the same machine")
    w("")
    w("Written by `%s` from %s to %s (%.0f min; load average (1, 5, 15 min) at the start %s, at the end %s: `uptime` "
      "then said `%s`). Do not edit by hand: rerun the command.%s"
      % (command, started.strftime("%Y-%m-%d %H:%M UTC"),
         (started + datetime.timedelta(seconds=elapsed)).strftime("%H:%M UTC"), elapsed / 60, START["load"],
         load_average(), uptime(),
         " Left out of this run (`--skip`): %s; their sections are missing." % ", ".join(a.skip) if a.skip else ""))
    w("")
    w("> **Reference of every number below**: %s from PyPI (pinned in `bench/requirements.txt`), measured %s; "
      "second reference, only where faster: Debian's %s." % (REFERENCE.get("new", "?"),
                                                             started.strftime("%Y-%m-%d %H:%M UTC"),
                                                             REFERENCE.get("debian", "?")))
    w("")
    w("- Machine: %s. The machine was shared with other work while this ran, so absolute times are noisy; "
      "each workload alternates project and PyTorch runs (A B A B, %d rounds) so drift hits both, and the "
      "tables give medians and the ratio project / PyTorch (below 1 = the project is faster)." % (machine(), a.repeats))
    w("- Threads: %d on each side. Project: `java %s` (%s); W1 trains on %d worker threads with 1 intra-op "
      "thread each; the sweep (W2, W3) runs each side in its fastest way of using the cores, found in a short "
      "probe run before the timed rounds: 1 or %d intra-op threads (set with `JniUtils.setNumThreads` in the "
      "project), or, for the project's st, the towers in groups on that many threads with 1 intra-op thread "
      "each (the threads column and the notes say what each side used). PyTorch: %s, the reference a user "
      "installs today: PyPI's default wheel pinned in `bench/requirements.txt` (PyPI serves no CPU-only torch wheel "
      "for Linux x86_64; this CUDA build runs on the CPU here, with no GPU), in the benchmark-only environment "
      "`.lab/bench-venv` that `bin/lab bench` sets up; `torch.set_num_threads`, `OMP_NUM_THREADS`/`MKL_NUM_THREADS` "
      "equal to its threads, its fastest form per workload (probed), `OMP_WAIT_POLICY=PASSIVE` on both sides "
      "(spinning OpenMP threads on a shared 2-core machine made PyTorch up to 20x slower). Debian's `python3-torch` "
      "(%s) is probed too and gets its own column only where it beats the wheel."
      % (a.threads, " ".join(JAVA_FLAGS), "intra-op threads 1 unless stated", a.threads, a.threads,
         REFERENCE.get("new", "PyTorch (PyPI)"), REFERENCE.get("debian", "1.13")))
    w("- BLAS and allocator, read from each process (`/proc/self/maps`, MKL's own `MKL_Get_Version_String` in the "
      "project's process, and `torch.__config__.show()` for the BLAS linked into the wheel's `libtorch_cpu.so`): the "
      "project uses the oneMKL linked statically into DJL's libtorch 2.7.1 and glibc malloc with one arena "
      "(`MALLOC_ARENA_MAX=1`, as `bin/lab` runs it); PyTorch from PyPI uses the BLAS its wheel links (the tables "
      "name each side's MKL version and build: where they agree, both sides multiply with the same MKL) and %s; "
      "Debian's 1.13 uses OpenBLAS (selected for its process only: `LD_LIBRARY_PATH=%s`, so Debian's reference "
      "BLAS, about 2.5x slower on W1, is never used). Each table repeats what the processes reported."
      % (ALLOCATOR.get("probe") or ("tcmalloc (`LD_PRELOAD=%s`)" % TCMALLOC if ALLOCATOR["tcmalloc"] and
                                    os.path.exists(TCMALLOC) else "glibc malloc"), OPENBLAS_DIR))
    sizes = []
    if "W1" not in a.skip:
        sizes.append("W1 %d models x %s epochs (the issue's W1 is 100 x 4,000; the work per model is the same, models "
                     "run in 10-model chunks on %d workers)" % (a.models, format(a.epochs or 4000, ","), a.threads))
    if "W2" not in a.skip:
        sizes.append("W2 width 128, project %s epochs, PyTorch %s epochs, compared per epoch (the seed 003 note ran 10,000)" % (
            format(a.w2_epochs, ","), format(a.w2_pt_epochs or max(1, a.w2_epochs // 10), ",")))
    if "W3" not in a.skip:
        sizes.append("W3 width 1,024, st %d and mt %d epochs on each side (mt's epoch is a tenth of st's work: ten "
                     "times the epochs keep the project's JIT warm-up, which cost mt a quarter of a 20-epoch run, "
                     "as small a part as in st)" % (w3_epochs(a, "st"), w3_epochs(a, "mt")))
    if "mem" not in a.skip:
        sizes.append("memory runs %s epochs" % format(a.mem_epochs, ","))
    w("- Sizes in this run: %s." % "; ".join(sizes))
    try:
        busy = float(START["load"].split()[0]) > 2 * (os.cpu_count() or 1)
    except ValueError:
        busy = False
    if busy:
        w("- **A heavily loaded machine**: load average %s at the start on %d cores. The A B A B ratios still compare "
          "the two sides under the same contention, but absolute times, the ceiling, the bandwidth, the shares of "
          "them and the probes' thread choices (a second thread buys little when other processes hold the cores) "
          "describe the contended machine, not a quiet one." % (START["load"], os.cpu_count() or 1))
    w("- Times exclude process start, imports and loading the native engine; they include everything from the "
      "first training op to the last (the project's JIT warm-up included).")
    w("")
    if checked:
        w("## Same computation")
        w("")
        w(checked[1])
        w("")
    if results:
        w("## Results")
        w("")
        w("| workload | project (median) | PyTorch (median) | ratio project/PyTorch | target | threads each side "
          "| project BLAS, allocator | PyTorch version, BLAS, allocator | Debian 1.13 where faster (median, ratio, "
          "BLAS, allocator) |")
        w("|---|---|---|---|---|---|---|---|---|")
        for r in results:
            w("| %s | %s %s | %s %s | **%s** | %s | %s | %s | %s | %s |" % (
                r.name, physview.fmt(median(r.project), 4), r.unit, physview.fmt(median(r.pytorch), 4), r.unit, physview.fmt(r.ratio),
                r.target, r.threads, r.project_env, r.pytorch_env,
                "%s %s, ratio %s, %s" % (physview.fmt(median(r.debian), 4), r.unit, physview.fmt(r.debian_ratio), r.debian_env)
                if r.debian else "slower (probe), not timed"))
        w("")
        w("Runs (seconds or seconds/epoch, in order): " + "; ".join(
            "%s project %s, PyTorch %s%s" % (r.name, ", ".join(physview.fmt(x, 4) for x in r.project),
                                              ", ".join(physview.fmt(x, 4) for x in r.pytorch),
                                              ", Debian 1.13 " + ", ".join(physview.fmt(x, 4) for x in r.debian)
                                              if r.debian else "") for r in results) + ".")
        w("")
        for r in results:
            w("- **%s**: %s." % (r.name, r.note))
            if hasattr(r, "probes"):
                w("  PyTorch forms probed first on %d models x %d epochs (seconds): %s; the table uses the fastest."
                  % (r.probe_models, r.probe_epochs, ", ".join("%s %s" % (k, physview.fmt(v)) for k, v in r.probes.items())))
                w("  Debian 1.13 probed the same way: %s." % ", ".join(
                    "%s %s" % (k, physview.fmt(v)) for k, v in r.debian_probes.items()))
        w("")
    same_ops = hand_section(results)
    if same_ops:
        w(same_ops)
    w3 = [r for r in results if r.name.startswith("W3")]
    if ceilings or w3:
        w("## W3: achieved GFLOP/s against the machine's ceiling")
        w("")
        for c in ceilings:
            w("- Ceiling: a %s float32 matmul in DJL, %d intra-op thread(s): **%.1f GFLOP/s** (best of repeated "
              "batches over 4 s, same run)." % (c["size"], c["threads"], c["gflops"]))
        if w3:
            w("- FLOPs per epoch = 3 x forward matmul FLOPs (forward + the two backward matmuls), forward = "
              "2 x 1024 samples x towers x (16h + h^2 + h*out); st: 10 towers, out 1; mt: 1 tower, out 10. "
              "BatchNorm, activations, loss and the optimiser are not counted.")
            w("")
            w("| workload | FLOP/epoch | project GFLOP/s | share of ceiling | PyTorch GFLOP/s |")
            w("|---|---|---|---|---|")
            for r in w3:
                gp = r.flops / median(r.project) / 1e9
                gt = r.flops / median(r.pytorch) / 1e9
                w("| %s | %.1f G | %.1f | **%.0f%%** | %.1f |" % (r.name, r.flops / 1e9, gp,
                                                              100 * gp / ceiling_gflops, gt))
        w("")
    facts = {}
    if phys:
        text, limits = physview.physical_section(results, phys["cost"], phys["bandwidth"], ceilings, a.threads)
        w(text)
        text, facts = physview.w3_section(w3prof, phys["cost"], ceilings, phys["bandwidth"])
        facts.update(limits=limits, cost=phys["cost"], threads=a.threads)
        w(text)
        w(physview.gpu_section(phys["cost"], results, limits["ceiling"], limits["cache"]))
    if memo:
        w("## Memory over %s epochs (project)" % format(memo[0]["epochs"], ","))
        w("")
        w("| run | VmRSS at epoch 1,000 | VmRSS at the last epoch | growth | new high in the second half | "
          "peak RSS (VmHWM) | flat? |")
        w("|---|---|---|---|---|---|---|")
        for m in memo:
            w("| %s | %s MiB | %s MiB | %s MiB | %s MiB | %s MiB | %s |" % (
                m["label"], mib(m["rss1k"]), mib(m["rss10k"]), mib(m["growth"]), mib(m["late"]), mib(m["peak"]),
                "yes" if m["flat"] else "**no**"))
        w("")
        for m in memo:
            w("- %s, VmRSS every 1,000 epochs (MiB): %s." % (m["label"], ", ".join(mib(v) for _, v in m["series"])))
        w("")
        w("Run with the Java heap fixed and touched at start (`%s`), so RSS growth after epoch 1,000 is native "
          "memory (libtorch tensors, DJL handles, malloc arenas) plus the JIT's code cache. Flat means no growth "
          "still going on: the highest reading of the second half is within 1%% of the RSS (or 8 MiB) of the highest "
          "reading of the first half; single readings swing by ~10 MiB as malloc trims and refills its arenas. "
          "(A 30,000-epoch run of both, `bin/lab bench mem --mem-epochs 30000`, stayed within that band after "
          "epoch 5,000.) The sweep reports progress every 200 ms, so its first reading "
          "is at the first report at or after epoch 1,000." % " ".join(MEMORY_JAVA_OPTS))
        w("")
    if prof:
        w("## Where the time goes")
        w("")
        w("1 thread, profiled with each engine's own profiler (libtorch's via "
          "`JniUtils.startProfile` for the project, `torch.autograd.profiler` for PyTorch). Top-level ops are "
          "the ones called from Java/Python; their summed duration is the time inside the engine; the rest of "
          "the wall time is the caller (Java + JNI + DJL bookkeeping, or Python). Profiling slows both sides, "
          "so compare shares, not absolute times.")
        w("")
        w("| side | workload | wall ms/epoch | profiled ms/epoch | top-level ops/epoch | all ops/epoch | op time "
          "ms/epoch | op time share of profiled wall | heaviest ops (self time) |")
        w("|---|---|---|---|---|---|---|---|---|")
        for row in prof:
            if row.get("workload") == "overhead":
                continue
            op = row["per_epoch_op_seconds"]
            w("| %s | %s | %.3g | %.3g | %.0f | %.0f | %.3g | %.0f%% | %s |" % (
                row["side"], row["label"], 1e3 * row["per_epoch_seconds"], 1e3 * row["per_epoch_seconds_profiled"],
                row["per_epoch_ops_top_level"], row["per_epoch_ops_all"], 1e3 * op,
                100 * min(1.0, op / row["per_epoch_seconds_profiled"]),
                ", ".join("%s %.0f%%" % (n.replace("aten::", ""), 100 * f) for n, f in row["top_ops"][:4])))
        w("")
        w(where_time_goes(prof, results, ceilings))
        w("")
    if results or memo:
        w("## Targets")
        w("")
        for r in results:
            met, text = target_verdict(r, ceiling_gflops)
            w("- %s %s." % ("met:" if met else "**missed:**", text))
        for m in memo:
            w("- %s memory of %s: growth %s MiB from epoch 1,000 to the end, new high in the second half %s MiB." % (
                "met:" if m["flat"] else "**missed:**", m["label"], mib(m["growth"]), mib(m["late"])))
        w("")
        w(why_missed(results, ceilings, prof, facts))
        w("")
    with open(path, "w") as f:
        f.write("\n".join(L))


def pick(prof, side, label=None, workload=None, reference=False):
    for r in prof:
        if r.get("side") == side and (label is None or r.get("label") == label) \
                and (workload is None or r.get("workload") == workload) and bool(r.get("reference_blas")) == reference:
            return r
    return None


def share(row, op):
    return sum(f for n, f in row.get("top_ops", []) if n == op)


def where_time_goes(prof, results, ceilings):
    """Returns markdown paragraphs on where an epoch's time goes and what would move it, from this run's numbers."""
    P = []
    ovj, ovp = pick(prof, "project", workload="overhead"), pick(prof, "pytorch", workload="overhead")
    ovr = pick(prof, "pytorch", workload="overhead", reference=True)
    w1j, w1p = pick(prof, "project", W1_LABEL), pick(prof, "pytorch", W1_LABEL)
    stj, stp = pick(prof, "project", "W2 st h=128"), pick(prof, "pytorch", "W2 st h=128")
    if ovj and ovp:
        P.append("**Fixed cost of a call.** A one-element op costs %.1f us from Java (%.1f us in place) and %.1f us "
                 "from Python (%.1f us in place): JNI plus DJL's bookkeeping is the same order as Python's "
                 "dispatch, so neither side wins on call overhead." % (
                     ovj["us_per_new_op"], ovj["us_per_inplace_op"], ovp["us_per_new_op"], ovp["us_per_inplace_op"]))
    if w1j and ovj:
        n, wall = w1j["per_epoch_ops_top_level"], w1j["per_epoch_seconds"]
        calls = n * ovj["us_per_new_op"] / 1e6
        elementwise = [(k, f) for k, f in w1j["top_ops"] if k not in ("aten::bmm", "aten::matmul", "aten::mm")]
        text = ("**W1.** One step of a 10-model chunk makes %.0f calls into libtorch (%.0f aten ops with the ones "
                "they call): forward, the hand-written backward, one fused Adam update of the flat parameter array, "
                "the validation forward. At %.1f us a call that is %.2f ms of the %.1f ms step (%.1f%%): W1 is bound "
                "by the work inside libtorch, not by calls or JNI. Of the op time, batched matmuls take %.0f%%; the "
                "rest is elementwise passes over [10, 16, 8000] arrays, led by %s." % (
                    n, w1j["per_epoch_ops_all"], ovj["us_per_new_op"], 1e3 * calls, 1e3 * wall, 100 * calls / wall,
                    100 * share(w1j, "aten::bmm"),
                    ", ".join("%s %.0f%%" % (k.replace("aten::", ""), 100 * f) for k, f in elementwise[:3])))
        if ovp and "us_w1_matmuls" in ovj:
            mj, mp = ovj["us_w1_matmuls"] / 1e3, ovp["us_w1_matmuls"] / 1e3
            text += (" The five matmuls of one step alone (same shapes and memory layouts on both sides, median of "
                     "200) take %.2f ms on the oneMKL inside DJL's libtorch 2.7.1 and %.2f ms under %s%s, so the "
                     "BLAS %s." % (
                         mj, mp, REFERENCE.get("new", "PyTorch"),
                         " (%.1f ms under Debian's 1.13 on Debian's default reference BLAS)" % (ovr["us_w1_matmuls"] / 1e3)
                         if ovr else "",
                         "costs the project %.1fx on them" % (mj / mp) if mj > 1.15 * mp else
                         "is not what separates the two sides" if mj > mp / 1.15 else
                         "favours the project (%.1fx)" % (mp / mj)))
        if w1p:
            text += (" PyTorch's batched form (baddbmm over stacked weights, autograd, `torch.optim.Adam`) takes "
                     "%.1f ms a step for the same 10 models with %.0f calls (%.0f ops); its heaviest ops are %s." % (
                         1e3 * w1p["per_epoch_seconds"], w1p["per_epoch_ops_top_level"], w1p["per_epoch_ops_all"],
                         ", ".join("%s %.0f%%" % (k.replace("aten::", ""), 100 * f) for k, f in w1p["top_ops"][:3])))
        P.append(text)
        P.append("**What would move W1.** The step is a fixed set of ~%.0f libtorch calls whose cost is memory "
                 "passes over [10, 16, 8000] arrays, so what moves it is fewer or cheaper passes: a cheaper ReLU "
                 "mask than `sign()` (%.0f%% of the op time here), fusing the bias, ReLU and mask passes, computing "
                 "the validation loss less often where the curve allows it (a quarter of the forward work), and, "
                 "where the matmuls lag, a BLAS other than the MKL linked statically into DJL's libtorch (no other "
                 "build is on Maven Central) or the 4-16-2 layers as plain Java loops (Vector API). More models per "
                 "chunk stops helping beyond ~10 (memory-bound); more workers than cores does not help."
                 % (n, 100 * share(w1j, "aten::sign")))
    if stj and stp:
        text = ("**W2 st.** The project computes the 10 towers as stacked networks (batched matmuls over the "
                "towers on feature-major [towers, units, batch] activations, a hand-written backward including "
                "BatchNorm; profiled on one thread): %.0f calls per epoch (2 steps), against "
                "%.0f calls (%.0f ops) for PyTorch's loop over 10 towers with autograd. The heaviest project ops are "
                "%s; PyTorch's are %s." % (
                    stj["per_epoch_ops_top_level"], stp["per_epoch_ops_top_level"], stp["per_epoch_ops_all"],
                    ", ".join("%s %.0f%%" % (k.replace("aten::", ""), 100 * f) for k, f in stj["top_ops"][:4]),
                    ", ".join("%s %.0f%%" % (k.replace("aten::", ""), 100 * f) for k, f in stp["top_ops"][:4])))
        if ovp:
            text += (" At %.1f us a call, PyTorch's loop spends about %.1f ms of its %.1f ms epoch in Python calls; "
                     "even counting all %.0f ops at the in-place cost (%.1f us) it is at most %.0f%%. The rest is "
                     "arithmetic both sides must do, so batching the towers saves little by itself; what the project "
                     "adds is the second core, by computing the towers in two groups on two threads (each tower's "
                     "numbers stay bit for bit the same)." % (
                         ovp["us_per_new_op"], stp["per_epoch_ops_top_level"] * ovp["us_per_new_op"] / 1e3,
                         1e3 * stp["per_epoch_seconds"], stp["per_epoch_ops_all"], ovp["us_per_inplace_op"],
                         100 * stp["per_epoch_ops_all"] * ovp["us_per_inplace_op"] / 1e6 / stp["per_epoch_seconds"]))
        P.append(text)
    w3 = [r for r in results if r.name.startswith("W3")]
    if w3 and ceilings:
        top = max(c["gflops"] for c in ceilings)
        parts = []
        for r in w3:
            gp, gt = r.flops / median(r.project) / 1e9, r.flops / median(r.pytorch) / 1e9
            parts.append("%s %.0f GFLOP/s project, %.0f PyTorch (%.0f%% and %.0f%% of the %.0f GFLOP/s ceiling)"
                         % (r.name, gp, gt, 100 * gp / top, 100 * gt / top, top))
        P.append("**W2/W3 and what would move them.** At width 128 (W2) the work is BatchNorm, elementwise passes "
                 "and small matmuls on 512-row batches; at width 1024 (W3) the [512 x 1024] x [1024 x 1024] tower "
                 "matmuls carry the FLOPs: " + "; ".join(parts) + ". Where the project's GFLOP/s trail "
                 "PyTorch's on the same FLOPs, the W3 section above says which part it is: the matmuls themselves "
                 "(how DJL's libtorch runs the batched tower products on its MKL and spreads them over the threads) "
                 "or the memory-bound passes (BatchNorm, ReLU, loss; the project's SGD update with the faithful "
                 "gradient sum, and BatchNorm's elementwise chains on arrays beyond the caches, already run as one "
                 "pass each).")
    return "\n\n".join(P)


def hand_section(results):
    """Returns the section on the project's own op sequence run in PyTorch, or "" when no sweep row has it."""
    rows = [r for r in results if getattr(r, "hand", None)]
    if not rows:
        return ""
    L = ["## The project's own ops in PyTorch", "",
         "The reference above is the model as a PyTorch user writes it (`bench/sweep.py`: nn modules, autograd, "
         "`torch.optim.SGD`, libtorch's fused BatchNorm kernels). `sweep.py --form hand` runs instead the project's "
         "own op sequence in the same PyTorch (`lab.model.TowerPass` and `lab.train.HandGradients` written with "
         "torch ops: feature-major activations, st's towers as batched products, BatchNorm from unfused ops, the "
         "backward by hand, the faithful update as in-place ops), timed in the same rounds (A B C A B C) on its own "
         "fastest thread count. It is not a form a user would write; it splits each ratio in two: the project against "
         "its own ops in PyTorch is what the engine costs as the project reaches it (DJL 0.35.1 and its libtorch "
         "2.7.1, the newest on Maven Central, called from Java), and those ops against the module form is what "
         "PyTorch's fused kernels and autograd are worth on this model. Both PyTorch forms start from the same "
         "initial weights and batches, so their lowest batch losses agree to float rounding when they compute the "
         "same thing.", "",
         "| workload | project, s/epoch | PyTorch, module form (the reference), s/epoch | PyTorch, the project's ops, "
         "s/epoch | project / the "
         "project's ops in PyTorch | the project's ops / module form in PyTorch | CPU s/epoch, project and the "
         "project's ops in PyTorch (cores busy) | their ratio | lowest batch loss, module form and the project's ops "
         "(same epochs) |",
         "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        p, m, h = median(r.project), median(r.pytorch), median(r.hand)
        lm, lh, epochs = r.hand_loss
        diff = abs(lh - lm) / abs(lm)
        cpu = engine_cpu(r)
        cpu_cells = ("%s (%.2f) and %s (%.2f) | %s" % (physview.fmt(cpu[0], 3), cpu[2], physview.fmt(cpu[1], 3), cpu[3],
                                                       physview.fmt(cpu[0] / cpu[1])) if cpu else "not measured | -")
        L.append("| %s | %s | %s | %s (%d intra-op) | **%s** | %s | %s | %.7g and %.7g over %d epochs (relative "
                 "difference %.1e%s) |" % (r.name, physview.fmt(p, 4), physview.fmt(m, 4), physview.fmt(h, 4),
                                           r.hand_threads, physview.fmt(p / h), physview.fmt(h / m), cpu_cells, lm, lh,
                                           epochs, diff,
                                           "" if diff <= 1e-3 else ": **more than rounding, so not the same "
                                           "computation**"))
    L.append("")
    L.append("CPU s/epoch is the process's CPU time (every thread: Java's or Python's, libtorch's OpenMP threads) over "
             "the wall time of the timed epochs after the first tenth, the cores busy, times the median s/epoch; "
             "both sides wait passively (`OMP_WAIT_POLICY=PASSIVE`), so a thread waiting for work burns no CPU. It "
             "splits the engine factor once more: a CPU ratio near 1 under a larger wall ratio means the project "
             "computes no more than PyTorch does with the same ops but leaves its cores idle longer (threads waiting "
             "for one another between ops); a CPU ratio as large as the wall ratio means it computes more.")
    L.append("")
    L.append("Runs of the project's ops in PyTorch (s/epoch, in order): " + "; ".join(
        "%s %s" % (r.name, ", ".join(physview.fmt(x, 4) for x in r.hand)) for r in rows) + ".")
    L.append("")
    return "\n".join(L)


def engine_cpu(r):
    """Returns (project's CPU s/epoch, its ops' in PyTorch, project's cores busy, its ops' cores busy) of a sweep row,
    or None when either side did not report its cores busy. CPU s/epoch = cores busy x median s/epoch."""
    cores_p, cores_h = getattr(r, "busy", (None,))[0], getattr(r, "hand_busy", None)
    if cores_p is None or cores_h is None or not getattr(r, "hand", None):
        return None
    return cores_p * median(r.project), cores_h * median(r.hand), cores_p, cores_h


def hand_sentence(r):
    """Returns the sentence splitting a sweep row's ratio at the project's own ops run in PyTorch, or ""."""
    if not getattr(r, "hand", None):
        return ""
    p, m, h = median(r.project), median(r.pytorch), median(r.hand)
    text = (" The project's own op sequence run in PyTorch (`--form hand`, section above) takes %s s/epoch: the "
            "project takes %sx that with the same arithmetic, which is the engine as the project reaches it (DJL's "
            "libtorch 2.7.1 called from Java against PyTorch 2.15 called from Python), and those ops take %sx the "
            "module form's time in PyTorch, which is what its fused BatchNorm kernels and autograd give or cost here."
            % (physview.fmt(h, 4), physview.fmt(p / h), physview.fmt(h / m)))
    limit = r.ratio_limit
    # a tenth either side of the target is within what one workload's runs swing by on this shared machine
    if 0.9 <= h / m / limit <= 1.1:
        text += (" That is within a tenth of the target of %s, inside the swing between runs here, so this run cannot "
                 "say whether the arithmetic alone would meet it; the larger part of the gap is %s." % (
                     r.ratio_limit_text, "the engine's cost per op" if p / h > h / m else "the arithmetic"))
    elif h / m > limit:
        text += (" So this op sequence misses the target of %s even at PyTorch's own speed per op: what bounds the "
                 "ratio is the arithmetic as the project does it, not only its engine. Changing that arithmetic (a "
                 "fused BatchNorm, say) rounds differently, so every stored sweep result, 003's recorded full runs "
                 "included, would have to be trained again." % r.ratio_limit_text)
    else:
        text += (" This op sequence meets the target of %s at PyTorch's speed per op, so here the engine's cost per op "
                 "is what stands between the project and the target." % r.ratio_limit_text)
    cpu = engine_cpu(r)
    if cpu and p / h > 1.05:
        # the share of the engine's extra wall time that CPU time accounts for
        worked = (cpu[0] / cpu[1] - 1) / (p / h - 1)
        text += (" The engine's factor of %s is %s: the project's process spends %sx the CPU time per epoch of "
                 "its ops in PyTorch (%.2f against %.2f of the 2 cores busy)." % (
                     physview.fmt(p / h), "mostly cores left idle (threads waiting for one another between ops), "
                     "not more CPU work" if worked < 0.5 else "mostly more CPU work in the project's process (its "
                     "ops, Java and the JIT compiler together), not idle cores", physview.fmt(cpu[0] / cpu[1]),
                     cpu[2], cpu[3]))
    return text


def why_missed(results, ceilings, prof, facts=None):
    """Returns one line per missed target on why, from this run's numbers."""
    ceiling_gflops = max((c["gflops"] for c in ceilings), default=float("nan"))
    ovj, ovp = pick(prof, "project", workload="overhead"), pick(prof, "pytorch", workload="overhead")
    w1j = pick(prof, "project", W1_LABEL)
    stp = pick(prof, "pytorch", "W2 st h=128")
    out = []
    for r in results:
        met, _ = target_verdict(r, ceiling_gflops)
        if met:
            continue
        if r.name.startswith("W1"):
            text = ("- %s: both sides do the same arithmetic as a few batched ops over all models, and call "
                    "overhead is negligible at this size, so the ratio is kernel speed on memory-bound passes" % r.name)
            if ovj and ovp:
                text += ("; the five matmuls of a step take %.2f ms (project, MKL) vs %.2f ms (PyTorch, %s)"
                         % (ovj["us_w1_matmuls"] / 1e3, ovp["us_w1_matmuls"] / 1e3, ovp.get("blas", "?")))
            if w1j:
                passes = [(k, f) for k, f in w1j["top_ops"] if k not in ("aten::bmm", "aten::matmul", "aten::mm")]
                text += (", and the project's elementwise passes (%s of its op time) add what PyTorch's fused "
                         "autograd kernels (threshold_backward, addmm with bias) avoid" % ", ".join(
                             "%s %.0f%%" % (k.replace("aten::", ""), 100 * f) for k, f in passes[:3]))
            if r.epochs_each < 1000:
                text += "; in runs this short the project also pays its JIT warm-up (~1,000 epochs)"
            out.append(text + ".")
        elif r.name.startswith("W2 st"):
            text = ("- %s: the target assumes PyTorch's loop over 10 towers is dominated by per-call overhead. At "
                    "width 128 with 512-row batches it is not" % r.name)
            if stp and ovp:
                text += (": calls cost at most about %.0f%% of PyTorch's epoch" % (
                    100 * stp["per_epoch_ops_all"] * ovp["us_per_inplace_op"] / 1e6 / stp["per_epoch_seconds"]))
            out.append(text + "; most of it is arithmetic (matmuls, BatchNorm) that batching the towers does not "
                       "remove. A ratio of %g needs that arithmetic done %.1fx faster than PyTorch does it: the "
                       "second core (towers on two threads) gives at most 2x over PyTorch's one-thread loop, the rest "
                       "would have to come from faster kernels or fused passes." % (
                           r.ratio_limit, 1 / r.ratio_limit))
            serial = serial_part(r)
            if serial:
                out[-1] += " Measured in the timed runs, the towers on two threads do not reach that 2x: " + serial
        elif r.name.startswith("W2 mt"):
            out.append("- %s: one tower, so both sides run the same ops; the ratio is kernel speed and the project's "
                       "per-op cost on small arrays (at this width the hand-written BatchNorm runs as separate "
                       "libtorch ops; the SGD update with the faithful gradient sum is one pass)." % r.name)
        if r.name.startswith("W2") and out and min(int(x) for x in re.findall(r"project (\d+) epochs", r.note)
                                                   or [10000]) < 1000:
            out[-1] += (" The project's run here is shorter than its JIT warm-up (~1,000 epochs), which it pays "
                        "inside the timed epochs, so this ratio overstates its steady-state cost.")
        elif r.name.startswith("W3"):
            out.append(w3_reason(r, facts or {}))
        out[-1] += hand_sentence(r)
        if facts and facts.get("cost"):
            out[-1] += " " + roofline_sentence(r, facts)
    return "\n".join(out)


def roofline_sentence(r, facts):
    """Returns how far each side's epoch is from the workload's roofline bound (physical view), or ''."""
    c = physview.cost_for(r, facts["cost"])
    lim = facts["limits"]
    if not c or not lim.get("cache"):
        return ""
    bound = physview.roofline_seconds(c, lim["ceiling"], lim["cache"])
    tj, tp = physview.per_epoch(r, r.project), physview.per_epoch(r, r.pytorch)
    return ("Physically: the unfused roofline bound of this epoch is %s s (every op at the ceiling or the L3 "
            "bandwidth); the project takes %.1fx that, PyTorch %.1fx." % (physview.fmt(bound), tj / bound, tp / bound))


NUMBERS = {1: "one", 2: "two", 3: "three", 4: "four"}
GAP_PARTS = (("matmuls", "matmul"), ("other ops", "other"), ("time outside the engine", "outside"))


def gap_parts(fj, fp, threads):
    """Returns 'the largest part of the gap is the <part>: <project> ms (project) against <PyTorch> (PyTorch), +d ms
    (detail); then ...': the parts of W3's epoch (matmuls, other ops, outside the engine) on `threads` threads,
    largest project-minus-PyTorch difference first."""
    def detail(key):
        if key == "matmul":
            return "%.0f GFLOP/s against %.0f, %.0f%% and %.0f%% of the %d-thread ceiling of %.0f" % (
                fj["gflops"], fp["gflops"], 1e11 * fj["gflops"] / fj["ceiling"], 1e11 * fp["gflops"] / fp["ceiling"],
                threads, fj["ceiling"] / 1e9)
        if key == "other":
            return "%.1f GB/s against %.1f on the same byte count" % (fj["gbs"], fp["gbs"])
        return ""

    def diff(key):
        return round(1e3 * (fj[key] - fp[key]))   # whole ms, so a rounding to zero reads +0, not -0
    parts = sorted(GAP_PARTS, key=lambda kv: diff(kv[1]), reverse=True)
    (name, key), rest = parts[0], parts[1:]
    lead = ("the project is ahead in every part, least in the " if diff(key) <= 0 else
            "the largest part of the gap is the " if fj["wall"] > fp["wall"] else
            "the project is ahead overall and loses most in the ")
    first = "%s%s: %.0f ms (project) against %.0f (PyTorch), %+.0f ms%s" % (
        lead, name, 1e3 * fj[key], 1e3 * fp[key], diff(key), " (%s)" % detail(key) if detail(key) else "")
    others = ["the %s %.0f ms against %.0f (%+.0f ms%s)" % (n, 1e3 * fj[k], 1e3 * fp[k], diff(k),
                                                             "; " + detail(k) if detail(k) else "") for n, k in rest]
    return first + "; then " + " and ".join(others)


def serial_part(r):
    """Returns, where the project's timed runs put the towers on threads, how busy the cores and the trainer thread
    were (the share of the epoch that runs on one core), else ''."""
    cores, trainer, towers = getattr(r, "busy", (None, None, False))
    if cores is None or not towers:
        return ""
    return ("the process kept %.2f of the 2 cores busy, and the trainer thread was busy %.0f%% of the wall time with "
            "the step's serial part (layer 0's product, the join of the groups with layer 0's and the embedding's "
            "gradient products, the update) while the tower threads waited. That part's libtorch ops run on one "
            "core: they keep one intra-op thread, since a product's bits depend on how it is split over threads, and "
            "layer 0 stays one product over all towers, since its bits depend on its shape (the update, a Java pass, "
            "takes both cores)." % (cores, 100 * trainer))


def w3_reason(r, facts):
    """Returns why W3 misses its targets: the measured breakdown on the timed rows' threads (the largest part of the
    gap there), the same on one thread, how each side's matmuls scale, and the roofline bound."""
    arch = r.arch
    n = facts.get("threads", 1)
    text = "- %s:" % r.name
    one = facts.get(("project", arch, 1)), facts.get(("pytorch", arch, 1))
    many = (facts.get(("project", arch, n)), facts.get(("pytorch", arch, n))) if n > 1 else (None, None)
    if all(many):
        fj, fp = many
        config = getattr(r, "config", None)
        timed = ("as the timed rows run; " if config == ((n, 1), n) else
                 "the timed rows ran the project on %s, PyTorch on %d intra-op; " % (
                     describe_config(config[0]), config[1]) if config else "")
        text += (" profiled on %s intra-op threads a side (%ssection above), the project's epoch takes %.0f ms "
                 "against PyTorch's %.0f, and %s." % (NUMBERS.get(n, str(n)), timed, 1e3 * fj["wall"],
                                                      1e3 * fp["wall"], gap_parts(fj, fp, n)))
    if all(one):
        fj, fp = one
        text += (" %s one thread a side the epoch takes %.0f ms against %.0f, and %s." % (
            "On" if all(many) else "on", 1e3 * fj["wall"], 1e3 * fp["wall"], gap_parts(fj, fp, 1)))
    if all(one) and all(many):
        text += (" The project's matmuls run %.2fx as fast on %s threads as on one, PyTorch's %.2fx (the profiles)."
                 % (one[0]["matmul"] / many[0]["matmul"], NUMBERS.get(n, str(n)), one[1]["matmul"] / many[1]["matmul"]))
    serial = serial_part(r)
    if serial:
        text += " In the timed rows, with the towers on two threads, " + serial
    sj, sp = r.scaling
    if (all(one) or all(many)) and sj and sp:
        one_j = sj[(1, 1)] if (1, 1) in sj else float("nan")
        text += (" The whole epoch gains %.2fx on the project's side from one thread to its fastest, PyTorch's "
                 "%.2fx (the short runs that chose each side's threads)." % (
                     one_j / min(sj.values()), sp.get(1, float("nan")) / min(sp.values())))
    c, lim = facts.get("cost", {}).get("%s h=1024" % arch), facts.get("limits")
    if c and lim and lim.get("cache"):
        bound = physview.roofline_seconds(c, lim["ceiling"], lim["cache"])
        best = c["matmul_flops"] / bound / lim["ceiling"]
        text += (" The 60%%-of-ceiling target asks the whole epoch to run at 60%% of the matmul ceiling, but the "
                 "BatchNorm, ReLU, loss and update passes move %.2f GB an epoch that no matmul covers: even at the "
                 "roofline bound (every op at the ceiling or the L3 bandwidth, unfused) the epoch reaches %.0f%% of "
                 "the ceiling, so %s." % (
                     c["other_bytes"] / 1e9, 100 * best,
                     "60% is out of reach for any unfused implementation on this machine, PyTorch's included; only "
                     "fusing those passes into the matmuls' epilogues would lift it" if best < 0.6 else
                     "60% is physically reachable, and the gap is implementation"))
    return text


def describe_reference(python):
    """Returns 'PyTorch <version> (<BLAS>, <parallel backend>)' as that interpreter's torch reports itself."""
    code = ("import sys, json; sys.path.insert(0, %r); import benchenv; d = benchenv.describe(); "
            "print(json.dumps(d))" % HERE)
    try:
        out = subprocess.run([python, "-c", code], capture_output=True, text=True, timeout=300,
                             env=pytorch_env(1, debian=python == PY_DEBIAN))
        d = json.loads(out.stdout.strip().splitlines()[-1])
    except (OSError, ValueError, IndexError, subprocess.TimeoutExpired):
        return "not available (%s)" % python
    return "PyTorch %s (%s, %s parallel backend)" % (d["torch"], d["blas"], d.get("parallel", "?"))


def main():
    global LOG
    p = argparse.ArgumentParser(prog="bin/lab bench", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("target", nargs="?", default="all",
                   choices=("W1", "W2", "W3", "mem", "check", "ceiling", "profile", "physical", "all"))
    p.add_argument("--models", type=int, default=100, help="W1 models (100)")
    p.add_argument("--epochs", type=int, default=None,
                   help="W1 epochs (4000); with target W2 alone, the project's W2 epochs")
    p.add_argument("--w2-epochs", type=int, default=10000, help="W2 project epochs (10000)")
    p.add_argument("--w2-pt-epochs", type=int, default=None,
                   help="W2 PyTorch epochs (default: a tenth of the project's; per-epoch times are compared)")
    p.add_argument("--w3-epochs", type=int, default=6, help="W3 st epochs on each side (6); mt runs ten times as many")
    p.add_argument("--mem-models", type=int, default=2, help="W1 models in the memory run (2)")
    p.add_argument("--mem-epochs", type=int, default=10000, help="epochs of the memory runs (10000)")
    p.add_argument("--repeats", type=int, default=2, help="A B rounds per workload (2)")
    p.add_argument("--threads", type=int, default=2, help="threads on each side (2)")
    p.add_argument("--out", default=os.path.join(ROOT, "BENCHMARKS.md"), help="written by `all`")
    p.add_argument("--skip", default="", help="with `all`: parts to leave out, comma-separated (check, W1, W2, W3, "
                   "mem, profile, physical); BENCHMARKS.md names them")
    a = p.parse_args()
    a.skip = [x.strip() for x in a.skip.split(",") if x.strip()]
    unknown = [x for x in a.skip if x not in ("check", "W1", "W2", "W3", "mem", "profile", "physical")]
    if unknown or (a.skip and a.target != "all"):
        p.error("--skip takes parts of `all` (check, W1, W2, W3, mem, profile, physical), got %s; use it with `all`"
                % ",".join(unknown or a.skip))
    command = "bin/lab bench " + " ".join(sys.argv[1:])
    stamp = datetime.datetime.utcnow().strftime("%Y%m%d-%H%M%S")
    raw_dir = os.path.join(os.environ.get("LAB_RESULTS", os.path.join(ROOT, "results")), "bench")
    os.makedirs(raw_dir, exist_ok=True)
    LOG = open(os.path.join(raw_dir, "%s-%d.jsonl" % (stamp, os.getpid())), "w")  # pid: two runs in one second
    started = datetime.datetime.utcnow()
    START["load"] = load_average()
    t0 = time.perf_counter()
    say("%s | %s | load %s | raw rows: %s" % (started.strftime("%Y-%m-%d %H:%M UTC"), machine(), load_average(),
                                              LOG.name))
    for side, python in (("new", PY), ("debian", PY_DEBIAN)):
        REFERENCE[side] = describe_reference(python)
        say("PyTorch reference %s: %s" % ("(PyPI)" if side == "new" else "(Debian, second column)", REFERENCE[side]))
    results, ceilings, memo, checked, prof, phys, w3prof = [], [], [], None, [], None, []
    tmp = tempfile.mkdtemp(prefix="lab-bench-")
    try:
        t = a.target

        def want(*parts):
            """True if the target is one of `parts`, or is `all` and not every one of them is skipped."""
            return t in parts or (t == "all" and any(q not in a.skip for q in parts))
        if want("W1", "check", "profile"):
            models = a.models if want("W1") else 10
            export_w1(max(models, 10), tmp)
        if want("check"):
            checked = check(a, tmp)
        if want("W1"):
            a_w1 = argparse.Namespace(**vars(a))
            a_w1.epochs = a.epochs or 4000
            results.append(w1(a_w1, tmp))
        if want("W2"):
            e = a.epochs if t == "W2" and a.epochs else a.w2_epochs
            pe = a.w2_pt_epochs or max(1, e // 10)
            results.append(sweep(a, "W2", "st", 128, e, pe, "<= 0.5"))
            results.append(sweep(a, "W2", "mt", 128, e, pe, "<= 0.8"))
        if want("W3", "ceiling", "physical"):
            ceilings = ceiling(a)
        if want("physical"):
            phys = physical(a)
        if want("W3"):
            for arch in ("st", "mt"):
                e = w3_epochs(a, arch)
                results.append(sweep(a, "W3", arch, 1024, e, e, "<= 1.0 and >= 60% of ceiling"))
        if want("mem"):
            memo = memory(a)
        if want("profile"):
            prof = profile(a, tmp)
        if want("profile", "physical"):
            w3prof = profile_w3(a)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    elapsed = time.perf_counter() - t0
    say("")
    for r in results:
        say(r.line())
    if phys:
        text, _ = physview.physical_section(results, phys["cost"], phys["bandwidth"], ceilings, a.threads)
        text2, _ = physview.w3_section(w3prof, phys["cost"], ceilings, phys["bandwidth"])
        say(text + "\n" + text2)
    if t == "all":
        write_markdown(a.out, a, command, results, ceilings, memo, checked, prof, started, elapsed, phys, w3prof)
        say("wrote " + a.out)
    LOG.close()
    if t == "check" and checked and not checked[0]:
        sys.exit(1)  # `all` reports the failed check in BENCHMARKS.md and still exits 0


if __name__ == "__main__":
    main()

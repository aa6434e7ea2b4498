"""The physical view of `bin/lab bench`: what each workload asks of the machine (matmul FLOPs and bytes moved per
epoch, counted from the shapes by lab.bench.WorkloadCost), what the machine offers (the matmul ceiling and the
memory bandwidth measured in the same run) and how close each side comes; where W3's time goes; and a GPU cost
model for the wide widths. Pure functions over the rows the probes printed: they return markdown lines.
"""
import os
import statistics

DRAM_ELEMENTS = 1 << 25       # 128 MiB arrays: far beyond the 32 MiB L3, so the probe streams from DRAM
CACHE_ELEMENTS = 1 << 19      # 2 MiB arrays: the size of one W3 activation [512, 1024], resident in L3

# GPU assumptions (vendor data sheets, float32 without TF32, which would change the numbers the notes quote)
GPUS = [
    ("NVIDIA A100 SXM 40 GB", 19.5e12, 1555e9, 40e9),
    ("NVIDIA H100 SXM 80 GB", 67e12, 3350e9, 80e9),
]
GPU_MATMUL_EFFICIENCY = 0.7   # share of FP32 peak a large cuBLAS SGEMM sustains
GPU_MEMORY_EFFICIENCY = 0.8   # share of the HBM bandwidth an elementwise kernel sustains
GPU_CALL_SECONDS = 10e-6      # host-side cost of one eager op (dispatch + launch); overlaps with the GPU's work
SWEEP_EPOCHS = 10000


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def best_bandwidth(rows, elements, threads, side=None):
    """Returns (GB/s, label) of the fastest pass among the bandwidth rows of that size and thread count."""
    top, label = 0.0, "-"
    for r in rows:
        if r.get("elements") == elements and r.get("threads") == threads and side in (None, r.get("side")):
            for k, v in r["gbs"].items():
                if v > top:
                    top, label = v, k
    return top, label


def roofline_seconds(cost, ceiling_flops, bandwidth_bytes):
    """Returns the roofline bound of an epoch: every op at the machine's limit, ops one after another (unfused):
    sum over ops of calls x max(FLOPs / ceiling, bytes / bandwidth)."""
    return sum(o["calls"] * max(o["flops"] / ceiling_flops, 4.0 * (o["read"] + o["written"]) / bandwidth_bytes)
               for o in cost["ops"])


def cost_for(result, cost):
    """Returns the WorkloadCost row of a result ('W2 st h=128' -> 'st h=128', 'W1 100x4000' -> 'W1 100 models')."""
    if result.name.startswith("W1"):
        return next((c for k, c in cost.items() if k.startswith("W1 ")), None)
    return cost.get(result.name.split(" ", 1)[1])


def per_epoch(result, values):
    """Returns seconds per epoch (W1 reports whole runs of all models)."""
    return median(values) / result.epochs_each if result.name.startswith("W1") else median(values)


def fmt(x, digits=3):
    if x is None or x != x:
        return "-"
    if abs(x) >= 100:
        return "%.0f" % x
    return ("%." + str(digits) + "g") % x


def physical_section(results, cost, bandwidth, ceilings, threads):
    """Returns the markdown of the physical view: bandwidth probes, work per epoch, achieved fractions."""
    L = []
    w = L.append
    ceiling = max((c["gflops"] for c in ceilings if c["threads"] == threads), default=float("nan")) * 1e9
    dram, dram_label = best_bandwidth(bandwidth, DRAM_ELEMENTS, threads)
    cache, cache_label = best_bandwidth(bandwidth, CACHE_ELEMENTS, threads)
    dram, cache = dram * 1e9, cache * 1e9   # bytes/s from here on
    w("## The physical view: work per epoch against the machine's limits")
    w("")
    w("**Memory bandwidth, measured in this run** (GB/s, best of timed batches; in-place passes, so nothing is "
      "allocated and no write-allocate read is hidden: `a += b` moves 12 bytes an element, `a *= s` 8). Project "
      "side: libtorch through DJL (`Bench bandwidth`: `NDArray.addi`, `muli`) and plain Java loops; PyTorch side: "
      "`bench/bandwidth.py` (`add_`, `mul_`).")
    w("")
    w("| side | pass | 128 MiB arrays (DRAM), 1 thread | DRAM, %d threads | 2 MiB arrays (L3, one W3 activation), "
      "1 thread | 2 MiB, %d threads |" % (threads, threads))
    w("|---|---|---|---|---|---|")
    passes = {}
    for r in bandwidth:
        for k, v in r["gbs"].items():
            passes.setdefault((r["side"], k), {})[(r["elements"], r["threads"])] = v
    names = {"djl_add": "libtorch via DJL, a += b", "djl_scale": "libtorch via DJL, a *= s",
             "java_add": "plain Java loop, a += b", "java_scale": "plain Java loop, a *= s",
             "torch_add": "torch, a += b", "torch_scale": "torch, a *= s"}
    for (side, k), v in sorted(passes.items()):
        w("| %s | %s | %s | %s | %s | %s |" % (side, names.get(k, k), fmt(v.get((DRAM_ELEMENTS, 1))),
                                              fmt(v.get((DRAM_ELEMENTS, threads))), fmt(v.get((CACHE_ELEMENTS, 1))),
                                              fmt(v.get((CACHE_ELEMENTS, threads)))))
    w("")
    w("The machine's figures used below (%d threads, the best pass of either side): DRAM **%.1f GB/s** (%s), "
      "L3-resident 2 MiB arrays **%.1f GB/s** (%s); matmul ceiling **%.0f GFLOP/s** (the DJL matmul above)."
      % (threads, dram / 1e9, dram_label, cache / 1e9, cache_label, ceiling / 1e9))
    w("")
    w("**Work per epoch, counted from the shapes** (`lab.bench.WorkloadCost`, checked against hand counts in "
      "`WorkloadCostTest`): matmul FLOPs (2mkn per [m,k]x[k,n]); bytes = every op of an unfused training step "
      "(PyTorch's eager op sequence) reading its operands and writing its result once, float32; BatchNorm forward "
      "reads its input twice, its backward reads gradient and input twice; the faithful update reads and writes "
      "the gradient sum, the momentum buffer and the parameters. Non-matmul FLOPs are left out (about one per "
      "element moved: memory bounds those ops). Arrays are counted as memory traffic even where a cache holds them, "
      "so for W2/W3 this is the traffic to the cache hierarchy, an upper bound on DRAM traffic.")
    w("")
    w("| workload | matmul GFLOP/epoch | GB moved/epoch (matmuls + other ops) | FLOP/byte | op calls/epoch | "
      "roofline bound s/epoch |")
    w("|---|---|---|---|---|---|")
    rows = []
    for r in results:
        c = cost_for(r, cost)
        if not c:
            continue
        bound = roofline_seconds(c, ceiling, cache) if ceiling == ceiling and cache else float("nan")
        rows.append((r, c, bound))
        w("| %s | %s | %s (%s + %s) | %s | %d | %s |" % (
            r.name, fmt(c["matmul_flops"] / 1e9), fmt(c["bytes"] / 1e9), fmt(c["matmul_bytes"] / 1e9),
            fmt(c["other_bytes"] / 1e9), fmt(c["matmul_flops"] / c["bytes"], 2), c["calls"], fmt(bound)))
    w("")
    w("The roofline bound runs every op at the machine's limit, one after another as an unfused framework does: "
      "sum over ops of max(FLOPs / ceiling, bytes / bandwidth), with the %d-thread ceiling and the L3 bandwidth "
      "above (the faster of the two memory figures, so the bound is the lower one)." % threads)
    w("")
    w("| workload | side | s/epoch (median) | matmul GFLOP/s | share of matmul ceiling | GB/s moved | share of L3 "
      "bandwidth | share of DRAM bandwidth | roofline bound / time |")
    w("|---|---|---|---|---|---|---|---|---|")
    for r, c, bound in rows:
        for side, values in (("project", r.project), ("PyTorch", r.pytorch)):
            t = per_epoch(r, values)
            g, b = c["matmul_flops"] / t, c["bytes"] / t
            w("| %s | %s | %s | %.1f | **%.0f%%** | %.1f | **%.0f%%** | %.0f%% | %.0f%% |" % (
                r.name, side, fmt(t, 4), g / 1e9, 100 * g / ceiling, b / 1e9, 100 * b / cache,
                100 * b / dram, 100 * bound / t))
    w("")
    return "\n".join(L), {"ceiling": ceiling, "dram": dram, "cache": cache}


PHASE_LABELS = [("forward", "matmul", "forward matmuls"), ("forward", "other", "forward BatchNorm, ReLU, loss"),
                ("backward", "matmul", "backward matmuls"),
                ("backward", "other", "backward BatchNorm, ReLU, loss, gradient assembly"),
                ("update", "ops", "optimiser update (incl. the faithful gradient sum)"),
                ("data", "ops", "batch slicing, shuffling")]


def part(b, phase, kind):
    p = b["phases"][phase]
    return p["ops"] - p["matmul"] if kind == "other" else p[kind]


def threads_of(b):
    """Returns the intra-op threads of a W3 breakdown (rows of runs before they were recorded were on one)."""
    return b.get("threads", 1)


def w3_section(breakdowns, cost, ceilings, bandwidth):
    """Returns the markdown of W3's time breakdown (each side on 1 and on the timed rows' intra-op threads) with the
    roofline statement per row, and {(side, arch, threads): facts} for the reasons under the targets."""
    if not breakdowns:
        return "", {}
    L = []
    w = L.append
    counts = sorted({threads_of(b) for b in breakdowns})
    limits = {}
    for n in counts:
        limits[n] = (max((c["gflops"] for c in ceilings if c["threads"] == n), default=float("nan")) * 1e9,
                     best_bandwidth(bandwidth, CACHE_ELEMENTS, n)[0] * 1e9,   # bytes/s
                     best_bandwidth(bandwidth, DRAM_ELEMENTS, n)[0] * 1e9)
    said = " and ".join("%d" % n for n in counts) if counts != [1] else "one"
    runs = min(b.get("runs", 1) for b in breakdowns)
    w("## Where W3's time goes (h=1024, %s intra-op thread%s a side)" % (said, "" if counts == [1] else "s"))
    w("")
    w("Each side's own profiler over whole epochs after a warm-up, on %s intra-op thread%s (towers in sequence: the "
      "ops of a step run one after another on the trainer thread, a product spreading over the threads inside its "
      "op), so the parts add up to the wall time. Project: libtorch's profiler (`JniUtils.startProfile`), phases "
      "read from the op sequence of a step (`bench/breakdown.py`); PyTorch: `torch.profiler` with the phases marked "
      "by `record_function`. Matmul time is the self time of the BLAS-calling ops (`mm`, `bmm`, `addmm`); "
      "allocation is the self time of `empty`/`empty_strided`/`resize_` inside ops; outside the engine is the "
      "wall time no op covers: Java, JNI, DJL's bookkeeping and closing of arrays (project), Python, dispatch and "
      "the autograd engine's own work (PyTorch). Each row's matmul rate is set against the DJL matmul ceiling "
      "at its thread count, its other ops against the L3 bandwidth at that count; the last column is the machine's "
      "1-minute load average as the run started (%d cores; others' work on them slows the 2-thread rows most)%s. "
      "ms per epoch:"
      % (said, "" if counts == [1] else "s", os.cpu_count(),
         "; each row is the fastest of %d runs of its side, the sides alternating" % runs if runs > 1 else ""))
    w("")
    w("| side | workload | threads | wall | " + " | ".join(label for _, _, label in PHASE_LABELS) +
      " | allocation inside ops (part of the columns before) | outside the engine | op calls/epoch | load as the "
      "run started |")
    w("|---|---|---|---|" + "---|" * len(PHASE_LABELS) + "---|---|---|---|")
    ordered = sorted(breakdowns, key=lambda b: (threads_of(b), b["arch"] != "st", b["side"] != "project"))
    for b in ordered:
        w("| %s | %s | %d | %.0f | " % (b["side"], b["label"], threads_of(b), 1e3 * b["wall"]) +
          " | ".join("%.1f" % (1e3 * part(b, ph, k)) for ph, k, _ in PHASE_LABELS) +
          " | %.1f | %.1f | %.0f | %s |" % (1e3 * sum(p["alloc"] for p in b["phases"].values()), 1e3 * b["outside"],
                                             sum(p["calls"] for p in b["phases"].values()), b.get("load", "-")))
    java = [b for b in ordered if sum(p.get("java", 0.0) for p in b["phases"].values()) > 0]
    if java:
        w("")
        w("The project's hand-written passes run in Java over libtorch's memory (`lab.fused`: BatchNorm's elementwise "
          "chains on arrays beyond the caches; `lab.train.SgdPass`: the SGD update with the faithful gradient sum), "
          "bit for bit the ops they replace; libtorch's profiler does not see them, so their own clock puts them in "
          "their phase's column (ms per epoch, forward / backward / update): " + "; ".join(
              "%s, %d thread%s %.1f / %.1f / %.1f" % (b["label"], threads_of(b), "" if threads_of(b) == 1 else "s",
                                                       *(1e3 * b["phases"][ph].get("java", 0.0)
                                                         for ph in ("forward", "backward", "update")))
              for b in java) + ".")
    if len(counts) > 1:
        w("")
        w("The machine during these runs: the DJL matmul ceiling measured %s in this run (%s), the 2 MiB "
          "in-place pass %s GB/s. Where the ceiling does not grow with the threads, other work held the cores and "
          "the rows at more threads measure the load as much as the code." % (
              " and ".join("%.0f GFLOP/s on %d thread%s" % (limits[n][0] / 1e9, n, "" if n == 1 else "s")
                           for n in counts),
              ", ".join("%.2fx on %d threads" % (limits[n][0] / limits[counts[0]][0], n) for n in counts[1:]),
              " and ".join("%.0f" % (limits[n][1] / 1e9) for n in counts)))
    w("")
    facts = {}
    for b in ordered:
        c = cost.get(b["arch"] + " h=1024")
        if not c:
            continue
        n = threads_of(b)
        ceiling, cache, dram = limits[n]
        mm = sum(b["phases"][p]["matmul"] for p in ("forward", "backward"))
        other = sum(part(b, p, "other") for p in ("forward", "backward")) + b["phases"]["update"]["ops"]
        other_bytes = c["other_bytes"]
        f = {"matmul": mm, "other": other, "outside": b["outside"], "wall": b["wall"], "ceiling": ceiling,
             "gflops": c["matmul_flops"] / mm / 1e9 if mm else float("nan"),
             "gbs": other_bytes / other / 1e9 if other else float("nan")}
        facts[(b["side"], b["arch"], n)] = f
        w("- **%s, W3 %s, %d thread%s**: the matmuls (%.1f GFLOP) take %.0f ms = %.0f GFLOP/s, **%.0f%% of the "
          "%d-thread ceiling** (%.0f GFLOP/s); the other ops (%.2f GB by the count above) take %.0f ms = %.1f GB/s, "
          "**%.0f%% of the %d-thread L3 bandwidth** (%.0f GB/s; %.0f%% of DRAM's %.1f); outside the engine %.0f ms "
          "(%.0f%%). At the limits the matmuls would need %.0f ms and the other ops %.0f ms: %s." % (
              b["side"], b["arch"], n, "" if n == 1 else "s", c["matmul_flops"] / 1e9, 1e3 * mm, f["gflops"],
              100 * f["gflops"] * 1e9 / ceiling, n, ceiling / 1e9, other_bytes / 1e9, 1e3 * other, f["gbs"],
              100 * f["gbs"] * 1e9 / cache, n, cache / 1e9, 100 * f["gbs"] * 1e9 / dram, dram / 1e9,
              1e3 * b["outside"], 100 * b["outside"] / b["wall"], 1e3 * c["matmul_flops"] / ceiling,
              1e3 * other_bytes / cache,
              "the epoch is bound by matmul compute (%.0f%% of the wall time is matmul)" % (100 * mm / b["wall"])
              if mm >= 0.5 * b["wall"] else
              "no single limit binds: matmuls are %.0f%% of the wall time" % (100 * mm / b["wall"])))
    w("")
    return "\n".join(L), facts


def gpu_section(cost, results, ceiling, cache):
    """Returns the markdown of the GPU cost model for the sweep's widths 2^9..2^14."""
    widths = sorted({int(k.split("=")[1]) for k in cost if k.startswith(("st h=", "mt h=")) and
                     int(k.split("=")[1]) >= 512})
    if not widths:
        return ""
    w3 = {r.arch: r for r in results if r.name.startswith("W3")}
    L = []
    w = L.append
    w("## GPU on paper: a cost model for the wide end of the sweep")
    w("")
    w("No GPU is reachable from these sessions (the workplace's GPU machine lists no Java and takes at most 64 MiB "
      "a call, less than DJL's 2.4 GB of CUDA natives), so the `gpu` Maven profile stays untested and these are "
      "estimates from the FLOP and byte counts above, not measurements. Assumptions: %s; matmuls at %.0f%% of the "
      "float32 peak (no TF32: it would change the numbers the notes quote), other ops at %.0f%% of the memory "
      "bandwidth, each op one kernel, %.0f us of host time per op call (eager dispatch and launch) that overlaps "
      "the GPU's work, so an epoch takes max(sum over ops of max(FLOPs / compute, bytes / bandwidth), calls x "
      "%.0f us). Memory: parameters, gradient, gradient sum and momentum buffer (16 bytes a parameter) must fit. "
      "A run is %s epochs, as in the seed 003 note. For comparison, this machine's CPU: its roofline bound (%.0f GFLOP/s, "
      "%.0f GB/s, 2 threads) and the project's measured W3 rate at h=1024 carried over by FLOPs."
      % ("; ".join("%s: %.1f TFLOP/s FP32, %.0f GB/s, %.0f GB" % (n, p / 1e12, bw / 1e9, mem / 1e9)
                   for n, p, bw, mem in GPUS),
         100 * GPU_MATMUL_EFFICIENCY, 100 * GPU_MEMORY_EFFICIENCY, GPU_CALL_SECONDS * 1e6, GPU_CALL_SECONDS * 1e6,
         format(SWEEP_EPOCHS, ","), ceiling / 1e9, cache / 1e9))
    w("")
    head = "| width | arch | matmul TFLOP/run | GB moved/epoch | parameter memory |"
    for n, _, _, _ in GPUS:
        head += " %s s/epoch | %s hours/run |" % (n.split(" 40")[0].split(" 80")[0], n.split(" 40")[0].split(" 80")[0])
    head += " CPU here, roofline bound hours/run | CPU here, project's W3 rate, hours/run |"
    w(head)
    w("|" + "---|" * (5 + 2 * len(GPUS) + 2))
    launch_bound, too_big = [], []
    for width in widths:
        for arch in ("st", "mt"):
            c = cost["%s h=%d" % (arch, width)]
            mem = 16 * c["parameters"]
            line = "| %d | %s | %s | %s | %s GB |" % (width, arch, fmt(c["matmul_flops"] * SWEEP_EPOCHS / 1e12),
                                                     fmt(c["bytes"] / 1e9), fmt(mem / 1e9))
            for n, peak, bw, cap in GPUS:
                kernels = roofline_seconds(c, GPU_MATMUL_EFFICIENCY * peak, GPU_MEMORY_EFFICIENCY * bw)
                t = max(kernels, c["calls"] * GPU_CALL_SECONDS)
                if c["calls"] * GPU_CALL_SECONDS > kernels:
                    launch_bound.append("%s %s on the %s" % (arch, width, n.split(" SXM")[0]))
                if mem >= cap:
                    too_big.append("%s %s on the %s (%s GB of parameter state)" % (arch, width, n.split(" SXM")[0],
                                                                                 fmt(mem / 1e9)))
                line += " %s | %s |" % (fmt(t, 3), fmt(t * SWEEP_EPOCHS / 3600, 3) if mem < cap else
                                        "does not fit (%s)" % fmt(t * SWEEP_EPOCHS / 3600, 3))
            cpu_bound = roofline_seconds(c, ceiling, cache) * SWEEP_EPOCHS / 3600 if ceiling == ceiling else float("nan")
            r = w3.get(arch)
            rate = r.flops / median(r.project) if r else float("nan")
            line += " %s | %s |" % (fmt(cpu_bound, 3), fmt(c["matmul_flops"] * SWEEP_EPOCHS / rate / 3600, 3))
            w(line)
    w("")
    w("Reading it: %s. %s" % (
        ("launch-bound (host time for the op calls exceeds the kernels' work, so fewer, fused ops would matter more "
         "than the card's peak): " + ", ".join(launch_bound)) if launch_bound else
        "no configuration is launch-bound at %.0f us a call: the kernels' work exceeds the host's" %
        (GPU_CALL_SECONDS * 1e6),
        ("Too big for the card: " + "; ".join(too_big) + " (the towers would have to be trained one at a time)."
         if too_big else "Every configuration fits both cards.")))
    w("")
    return "\n".join(L)

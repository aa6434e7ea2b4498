"""Where an epoch's time goes, from an engine profiler's Chrome trace (libtorch's for the project, torch.profiler's
for PyTorch): each op is put in a phase of the training step (forward, backward, update, data) and its time split
into matmul kernels, allocation inside ops and the rest; what the ops do not cover is the caller's time.

Phases. PyTorch's trace carries ranges the script marks (forward, loss, backward, optimizer). The project's hand
backward has no such marks, so its phases follow the op sequence of a step: the embedding gather opens the
forward, the sigmoid closes it; the backward runs to the concatenation of the flat gradient; the update follows,
and view and creation ops outside forward and backward (the next batch's slices) count as data. Where no
concatenation comes (the SGD update reads the gradient's parts where they are and runs in Java over libtorch's
memory, lab.train.SgdPass), the backward runs to the next step's gather: the update then has no engine ops, its
time comes from the project's own clock of its Java passes, and the next batch's slices count with the backward.
"""
import json

MATMUL = {"aten::mm", "aten::bmm", "aten::addmm", "aten::baddbmm", "aten::addbmm", "aten::mv", "aten::addmv",
          "aten::dot"}
ALLOC = {"aten::empty", "aten::empty_strided", "aten::resize_"}
VIEWS = {"aten::slice", "aten::reshape", "aten::view", "aten::permute", "aten::transpose", "aten::as_strided",
         "aten::zeros", "aten::select", "aten::expand", "aten::randperm", "aten::item", "aten::_local_scalar_dense"}
PHASES = ("forward", "backward", "update", "data")
MARKS = {"forward": "forward", "loss": "forward", "backward": "backward", "optimizer": "update"}


def load(path):
    with open(path) as f:
        d = json.load(f)
    events = d["traceEvents"] if isinstance(d, dict) else d
    return [e for e in events if e.get("ph") == "X" and e.get("cat") != "Trace" and "dur" in e]


def trees(events):
    """Returns {tid: [root nodes in time order]}; a node is a dict with name, dur, self, children, cat."""
    by_tid = {}
    for e in events:
        by_tid.setdefault(e.get("tid"), []).append(e)
    out = {}
    for tid, evs in by_tid.items():
        evs.sort(key=lambda e: (e["ts"], -e["dur"]))
        roots, stack = [], []
        for e in evs:
            node = {"name": e["name"], "cat": e.get("cat"), "ts": e["ts"], "dur": float(e["dur"]),
                    "self": float(e["dur"]), "children": []}
            while stack and stack[-1]["ts"] + stack[-1]["dur"] <= e["ts"]:
                stack.pop()
            if stack:
                stack[-1]["children"].append(node)
                stack[-1]["self"] -= node["dur"]
            else:
                roots.append(node)
            stack.append(node)
        out[tid] = roots
    return out


def walk(node):
    yield node
    for c in node["children"]:
        yield from walk(c)


def phase_units(roots, side):
    """Returns [(phase, node)]: the op-level units of the trace (ops called by Java/Python) with their phase."""
    units = []
    if side == "pytorch":
        for r in roots:
            if r.get("cat") == "user_annotation" and r["name"] in MARKS:
                units.extend((MARKS[r["name"]], c) for c in r["children"])
            else:
                units.append(("data", r))
        return units
    state = "data"
    for r in roots:
        name = r["name"]
        if name in ("aten::gather", "aten::embedding", "aten::index_select") and state != "forward":
            state = "forward"   # from "backward" too: an update in Java (SgdPass) leaves no op to end the backward
        phase = state
        if state == "update" and name in VIEWS:
            phase = "data"
        units.append((phase, r))
        if state == "forward" and name == "aten::sigmoid":
            state = "backward"
        elif state == "backward" and name == "aten::cat":
            state = "update"
    return units


def breakdown(path, epochs, side, wall_per_epoch, java_passes=None):
    """Returns per-epoch seconds: {phase: {ops, matmul, alloc, calls, java}}, op total, and outside = wall - ops.
    java_passes ({phase: seconds per epoch}, the project's own clock) are the hand-written passes in Java over
    libtorch's memory (lab.fused, lab.train.SgdPass), which the engine's profiler does not see: they count as ops
    of their phase (under `java`), not as time outside the engine."""
    per = {p: {"ops": 0.0, "matmul": 0.0, "alloc": 0.0, "calls": 0, "java": 0.0} for p in PHASES}
    for roots in trees(load(path)).values():
        for phase, unit in phase_units(roots, side):
            per[phase]["ops"] += unit["dur"]
            per[phase]["calls"] += 1
            for n in walk(unit):
                if n["name"] in MATMUL:
                    per[phase]["matmul"] += n["self"]
                elif n["name"] in ALLOC:
                    per[phase]["alloc"] += n["self"]
    for p in per.values():
        for k in ("ops", "matmul", "alloc"):
            p[k] = p[k] / 1e6 / epochs
        p["calls"] = p["calls"] / epochs
    for phase, seconds in (java_passes or {}).items():
        per[phase]["java"] = seconds
        per[phase]["ops"] += seconds
    ops = sum(p["ops"] for p in per.values())
    return {"phases": per, "ops": ops, "outside": max(0.0, wall_per_epoch - ops), "wall": wall_per_epoch}

"""Where a PyTorch epoch goes: runs the autograd profiler over some epochs of one workload and prints op counts
and op time per epoch next to the wall time per epoch (the rest is Python and dispatch overhead).
  --what w1: one 4-16-2 model (seed 0 from the exported data), full-batch Adam
  --what st|mt: the sweep model at --width, faithful SGD
"""
# Named opprofile, not profile: a script named profile.py shadows the standard library module that torch 2.x
# imports (cProfile), because Python puts the script's folder first on sys.path.
import argparse
import contextlib
import json
import time

import torch
import torch.nn.functional as F

import benchenv
import sweep as sw
import w1


def w1_batched_epochs(data, models):
    """One epoch of `models` models stacked as in w1.py's batched form (baddbmm over [M, ...] weights)."""
    d = w1.load(data, 0, models)
    x, y, xv, yv = d["x_train"], d["y_train"], d["x_val"], d["y_val"]
    w_1 = d["w1"].transpose(1, 2).contiguous().requires_grad_()
    b_1 = d["b1"].unsqueeze(1).contiguous().requires_grad_()
    w_2 = d["w2"].transpose(1, 2).contiguous().requires_grad_()
    b_2 = d["b2"].unsqueeze(1).contiguous().requires_grad_()
    opt = torch.optim.Adam([w_1, b_1, w_2, b_2], lr=1e-2)

    def mse(xs, ys):
        return ((torch.baddbmm(b_2, torch.relu(torch.baddbmm(b_1, xs, w_1)), w_2) - ys) ** 2).mean(dim=(1, 2))

    def epoch():
        opt.zero_grad(set_to_none=True)
        mse(x, y).sum().backward()
        opt.step()
        with torch.no_grad():
            mse(xv, yv)
    return epoch


def w1_epochs(data):
    d = w1.load(data, 0, 1)
    x, y = d["x_train"][0], d["y_train"][0]
    xv, yv = d["x_val"][0], d["y_val"][0]
    net = torch.nn.Sequential(torch.nn.Linear(4, 16), torch.nn.ReLU(), torch.nn.Linear(16, 2))
    opt = torch.optim.Adam(net.parameters(), lr=1e-2)

    def epoch():
        opt.zero_grad(set_to_none=True)
        F.mse_loss(net(x), y).backward()
        opt.step()
        with torch.no_grad():
            F.mse_loss(net(xv), yv)
    return epoch


def sweep_epochs(arch, width, phases=False):
    """One faithful sweep epoch; with `phases`, its parts marked as profiler ranges (forward, loss, backward,
    optimizer) so a trace tells them apart."""
    g = torch.Generator().manual_seed(0)
    code = torch.randperm(sw.CODES, generator=g)
    bits = ((code.unsqueeze(1) >> torch.arange(sw.BITS - 1, -1, -1)) & 1).float()
    net = sw.SingleTask(width) if arch == "st" else sw.MultiTask(width)
    opt = torch.optim.SGD(net.parameters(), lr=1e-3, momentum=0.9)
    mark = torch.profiler.record_function if phases else (lambda name: contextlib.nullcontext())

    def epoch():
        order = torch.randperm(sw.CODES, generator=g)
        for b in range(0, sw.CODES, 512):
            idx = order[b:b + 512]
            with mark("forward"):
                out = net(idx)
            with mark("loss"):
                loss = F.l1_loss(torch.sigmoid(out), bits[idx])
            with mark("backward"):
                loss.backward()
            with mark("optimizer"):
                opt.step()
            loss.item()
    return epoch


def overhead(calls=200000):
    """Returns microseconds per call of an in-place op and of an op with a new result, on one-element tensors."""
    a, b = torch.ones(1), torch.zeros(1)
    for _ in range(3):
        t0 = time.perf_counter()
        for _ in range(calls):
            a.add_(b)
        inplace = (time.perf_counter() - t0) / calls * 1e6
        t0 = time.perf_counter()
        for _ in range(calls):
            a.add(b)
        fresh = (time.perf_counter() - t0) / calls * 1e6
    return inplace, fresh


# a negative first dimension: a transposed view (last two axes swapped), as in the project's trainer
W1_MATMULS = [((10, 16, 5), (10, 5, 8000)), ((10, 2, 16), (10, 16, 8000)), ((10, 2, 8000), (-10, 8000, 16)),
              ((-10, 16, 2), (10, 2, 8000)), ((10, 16, 8000), (-10, 8000, 5))]


def operand(shape):
    if shape[0] > 0:
        return torch.rand(shape) * 2 - 1
    return (torch.rand((-shape[0], shape[2], shape[1])) * 2 - 1).transpose(1, 2)


def w1_matmuls():
    """Returns microseconds for the five batched matmuls of the project's W1 step (10-model chunk, feature-major),
    median of 200: the same shapes and layouts as `Bench overhead` times in DJL, so the BLAS is compared alone."""
    pairs = [(operand(a), operand(b)) for a, b in W1_MATMULS]
    us = []
    for r in range(250):
        t0 = time.perf_counter()
        for a, b in pairs:
            torch.matmul(a, b)
        if r >= 50:
            us.append((time.perf_counter() - t0) * 1e6)
    us.sort()
    return us[len(us) // 2]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--what", choices=("w1", "st", "mt", "overhead"), required=True)
    p.add_argument("--data")
    p.add_argument("--width", type=int, default=128)
    p.add_argument("--models", type=int, default=1, help="w1: models; more than 1 = the batched form")
    p.add_argument("--epochs", type=int, default=100)
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--trace", help="st|mt: write a Chrome trace with the phases marked here (bench/run reads it)")
    p.add_argument("--threads", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    if a.what == "overhead":
        inplace, fresh = overhead()
        print(json.dumps({"side": "pytorch", "workload": "overhead", "us_per_inplace_op": inplace,
                          "us_per_new_op": fresh, "us_w1_matmuls": w1_matmuls(), **benchenv.describe()}))
        return
    if a.what == "w1":
        epoch = w1_epochs(a.data) if a.models == 1 else w1_batched_epochs(a.data, a.models)
    else:
        epoch = sweep_epochs(a.what, a.width, phases=bool(a.trace))
    for _ in range(a.warmup):
        epoch()
    t0 = time.perf_counter()
    for _ in range(a.epochs):
        epoch()
    plain = (time.perf_counter() - t0) / a.epochs
    if a.trace:
        t0 = time.perf_counter()
        with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU]) as prof:
            for _ in range(a.epochs):
                epoch()
        profiled = (time.perf_counter() - t0) / a.epochs
        prof.export_chrome_trace(a.trace)
        print(json.dumps({"side": "pytorch", "workload": "profile-" + a.what, "epochs": a.epochs, "width": a.width,
                          "threads": a.threads, "per_epoch_seconds": plain, "per_epoch_seconds_profiled": profiled,
                          "trace": a.trace, **benchenv.describe()}))
        return
    t0 = time.perf_counter()
    with torch.autograd.profiler.profile() as prof:
        for _ in range(a.epochs):
            epoch()
    profiled = (time.perf_counter() - t0) / a.epochs
    events = prof.function_events
    # top-level ops only (no parent op): their CPU time covers everything the engine did
    top = [e for e in events if e.cpu_parent is None]
    self_us = sum(e.self_cpu_time_total for e in events)
    by_name = {}
    for e in events:
        by_name[e.name] = by_name.get(e.name, 0) + e.self_cpu_time_total
    heavy = sorted(by_name.items(), key=lambda kv: -kv[1])[:6]
    print(json.dumps({"side": "pytorch", "workload": "profile-" + a.what, "epochs": a.epochs,
                      "models": a.models,
                      "per_epoch_seconds": plain,
                      "per_epoch_ops_top_level": len(top) / a.epochs,
                      "per_epoch_ops_all": len(events) / a.epochs,
                      "per_epoch_seconds_profiled": profiled,
                      "per_epoch_op_seconds": sum(e.cpu_time_total for e in top) / 1e6 / a.epochs,
                      "top_ops": [[n, round(us / self_us, 3)] for n, us in heavy],
                      **benchenv.describe()}))


if __name__ == "__main__":
    main()

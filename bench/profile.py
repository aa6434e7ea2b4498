"""Where a PyTorch epoch goes: runs the autograd profiler over some epochs of one workload and prints op counts
and op time per epoch next to the wall time per epoch (the rest is Python and dispatch overhead).
  --what w1: one 4-16-2 model (seed 0 from the exported data), full-batch Adam
  --what st|mt: the sweep model at --width, faithful SGD
"""
import argparse
import json
import time

import torch
import torch.nn.functional as F

import benchenv
import sweep as sw
import w1


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


def sweep_epochs(arch, width):
    g = torch.Generator().manual_seed(0)
    code = torch.randperm(sw.CODES, generator=g)
    bits = ((code.unsqueeze(1) >> torch.arange(sw.BITS - 1, -1, -1)) & 1).float()
    net = sw.SingleTask(width) if arch == "st" else sw.MultiTask(width)
    opt = torch.optim.SGD(net.parameters(), lr=1e-3, momentum=0.9)

    def epoch():
        order = torch.randperm(sw.CODES, generator=g)
        for b in range(0, sw.CODES, 512):
            idx = order[b:b + 512]
            loss = F.l1_loss(torch.sigmoid(net(idx)), bits[idx])
            loss.backward()
            opt.step()
            loss.item()
    return epoch


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--what", choices=("w1", "st", "mt"), required=True)
    p.add_argument("--data")
    p.add_argument("--width", type=int, default=128)
    p.add_argument("--epochs", type=int, default=100)
    a = p.parse_args()
    torch.set_num_threads(1)
    epoch = w1_epochs(a.data) if a.what == "w1" else sweep_epochs(a.what, a.width)
    for _ in range(20):
        epoch()
    t0 = time.perf_counter()
    for _ in range(a.epochs):
        epoch()
    plain = (time.perf_counter() - t0) / a.epochs
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
                      "per_epoch_seconds": plain,
                      "per_epoch_ops_top_level": len(top) / a.epochs,
                      "per_epoch_ops_all": len(events) / a.epochs,
                      "per_epoch_seconds_profiled": profiled,
                      "per_epoch_op_seconds": sum(e.cpu_time_total for e in top) / 1e6 / a.epochs,
                      "top_ops": [[n, round(us / self_us, 3)] for n, us in heavy],
                      **benchenv.describe()}))


if __name__ == "__main__":
    main()

"""W1 in PyTorch: an ensemble of 4-16-2 MLPs, full-batch Adam (lr 1e-2), true MSE, one step per epoch.

Reads the data and initial weights that `lab.bench.Bench export` wrote (one .npy per array, leading axis =
model), so every model starts from the same numbers as the Java trainer. Two forms:
  loop    - one model at a time, nn.Linear + torch.optim.Adam (run one process per core, 1 thread each)
  batched - all models of this process stacked, torch.bmm over [M, ...] weights, one Adam over the stacks
Prints one JSON line: seconds of training (data loading excluded) and each model's final losses.
"""
import argparse
import json
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

import benchenv


def load(directory, first, count):
    def a(name):
        return torch.from_numpy(np.load(os.path.join(directory, name + ".npy"))[first:first + count].copy())
    return {k: a(k) for k in ("x_train", "y_train", "x_val", "y_val", "w1", "b1", "w2", "b2")}


class EpsOnRawAdam(torch.optim.Optimizer):
    """Adam with eps added to the uncorrected sqrt(v), as DJL's fused adamUpdate does:
    p -= lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps). PyTorch adds eps to sqrt(v / (1 - b2^t)).
    Used only by the check, to tell an Adam-variant difference from a numerical one."""

    def __init__(self, params, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            b1, b2 = group["betas"]
            for p in group["params"]:
                st = self.state[p]
                if not st:
                    st["t"], st["m"], st["v"] = 0, torch.zeros_like(p), torch.zeros_like(p)
                st["t"] += 1
                t, m, v, g = st["t"], st["m"], st["v"], p.grad
                m.mul_(b1).add_(g, alpha=1 - b1)
                v.mul_(b2).addcmul_(g, g, value=1 - b2)
                p.sub_(group["lr"] * (1 - b2 ** t) ** 0.5 / (1 - b1 ** t) * m / (v.sqrt() + group["eps"]))


def train_loop(d, epochs, validate, adam=torch.optim.Adam):
    """Returns per-model (training loss of the last step, before its update; validation loss after it), one model
    at a time (the project's trainers record the same two numbers)."""
    out = []
    for m in range(d["w1"].shape[0]):
        x, y, xv, yv = d["x_train"][m], d["y_train"][m], d["x_val"][m], d["y_val"][m]
        l1 = torch.nn.Linear(4, 16)
        l2 = torch.nn.Linear(16, 2)
        with torch.no_grad():
            l1.weight.copy_(d["w1"][m]); l1.bias.copy_(d["b1"][m])
            l2.weight.copy_(d["w2"][m]); l2.bias.copy_(d["b2"][m])
        net = torch.nn.Sequential(l1, torch.nn.ReLU(), l2)
        opt = adam(net.parameters(), lr=1e-2)
        for _ in range(epochs):
            opt.zero_grad(set_to_none=True)
            loss = F.mse_loss(net(x), y)
            loss.backward()
            opt.step()
            if validate:
                with torch.no_grad():
                    F.mse_loss(net(xv), yv)
        with torch.no_grad():
            out.append((float(loss), float(F.mse_loss(net(xv), yv))))
    return out


def train_batched(d, epochs, validate):
    """Returns per-model (training loss of the last step, validation loss after it); all models in one graph
    (bmm over stacked weights)."""
    x, y, xv, yv = d["x_train"], d["y_train"], d["x_val"], d["y_val"]     # [M, n, 4], [M, n, 2]
    w1 = d["w1"].transpose(1, 2).contiguous().requires_grad_()          # [M, 4, 16]
    b1 = d["b1"].unsqueeze(1).contiguous().requires_grad_()             # [M, 1, 16]
    w2 = d["w2"].transpose(1, 2).contiguous().requires_grad_()          # [M, 16, 2]
    b2 = d["b2"].unsqueeze(1).contiguous().requires_grad_()             # [M, 1, 2]
    opt = torch.optim.Adam([w1, b1, w2, b2], lr=1e-2)

    def per_model_mse(xs, ys):
        h = torch.relu(torch.baddbmm(b1, xs, w1))
        p = torch.baddbmm(b2, h, w2)
        return ((p - ys) ** 2).mean(dim=(1, 2))                         # [M]

    for _ in range(epochs):
        opt.zero_grad(set_to_none=True)
        # the sum keeps each model's gradient equal to its own MSE gradient: the models share nothing
        loss = per_model_mse(x, y)
        loss.sum().backward()
        opt.step()
        if validate:
            with torch.no_grad():
                per_model_mse(xv, yv)
    with torch.no_grad():
        return list(zip(loss.tolist(), per_model_mse(xv, yv).tolist()))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True, help="directory written by `Bench export`")
    p.add_argument("--form", choices=("loop", "batched"), required=True)
    p.add_argument("--first", type=int, default=0, help="first model index in the exported arrays")
    p.add_argument("--models", type=int, required=True)
    p.add_argument("--epochs", type=int, required=True)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--no-validate", action="store_true", help="skip the per-epoch validation loss")
    p.add_argument("--adam", choices=("torch", "eps-on-raw"), default="torch",
                   help="torch.optim.Adam, or DJL's placement of eps (loop form only, for the check)")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    d = load(a.data, a.first, a.models)
    start = time.perf_counter()
    if a.form == "loop":
        losses = train_loop(d, a.epochs, not a.no_validate,
                            torch.optim.Adam if a.adam == "torch" else EpsOnRawAdam)
    else:
        losses = train_batched(d, a.epochs, not a.no_validate)
    seconds = time.perf_counter() - start
    print(json.dumps({"side": "pytorch", "workload": "W1", "form": a.form, "adam": a.adam, "models": a.models,
                      "epochs": a.epochs, "threads": a.threads, "seconds": seconds,
                      "train_loss": [l[0] for l in losses], "val_loss": [l[1] for l in losses],
                      **benchenv.describe()}))


if __name__ == "__main__":
    main()

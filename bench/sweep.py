"""W2/W3 in PyTorch: the st-vs-mt sweep model of the seed 003 note in its faithful setting.

Embedding 1024x16 shared; st = 10 towers looped over as the original did, each Linear(16,h)+BN+ReLU,
Linear(h,h)+BN+ReLU, Linear(h,1); mt = one such tower with 10 outputs. Sigmoid, L1 loss (mean over batch and
bits), SGD lr 1e-3 momentum 0.9, batch 512 shuffled (2 steps an epoch), gradients never cleared (faithful).
Prints one JSON line: seconds, seconds per epoch, lowest per-batch loss and its epoch.

Two forms. `module` (the default) is the model as a PyTorch user writes it: nn modules, autograd, torch.optim.SGD,
libtorch's fused BatchNorm kernels. `hand` is the project's own op sequence written in PyTorch (lab.model.TowerPass
and lab.train.HandGradients): feature-major activations, the st towers as batched products, BatchNorm on batch
statistics from unfused ops, the backward by hand, the faithful update as in-place ops. It is not a way a user would
write the model; it separates what the engine and its binding cost (the project against `hand`) from what fused
kernels and autograd give (`hand` against `module`).
"""
import argparse
import json
import time

import torch
import torch.nn.functional as F

import benchenv

CODES = 1024
BITS = 10
EMBED = 16


def tower(h, out):
    return torch.nn.Sequential(
        torch.nn.Linear(EMBED, h), torch.nn.BatchNorm1d(h), torch.nn.ReLU(),
        torch.nn.Linear(h, h), torch.nn.BatchNorm1d(h), torch.nn.ReLU(),
        torch.nn.Linear(h, out))


class SingleTask(torch.nn.Module):
    def __init__(self, h):
        super().__init__()
        self.embed = torch.nn.Embedding(CODES, EMBED)
        self.towers = torch.nn.ModuleList([tower(h, 1) for _ in range(BITS)])

    def forward(self, idx):
        e = self.embed(idx)
        return torch.cat([t(e) for t in self.towers], dim=1)


class MultiTask(torch.nn.Module):
    def __init__(self, h):
        super().__init__()
        self.embed = torch.nn.Embedding(CODES, EMBED)
        self.tower = tower(h, BITS)

    def forward(self, idx):
        return self.tower(self.embed(idx))


class Hand:
    """The project's forward and hand-written backward (TowerPass, HandGradients) in PyTorch ops, no autograd."""

    EPS = 1e-5

    def __init__(self, arch, h):
        t = BITS if arch == "st" else 1
        out = 1 if arch == "st" else BITS
        self.st, self.t, self.h = arch == "st", t, h
        self.embed = torch.nn.Embedding(CODES, EMBED).weight.detach()
        layers = [tower(h, out) for _ in range(t)]
        # stored as the project stores them: layer 0 [D, T*h], later layers [T, in, out] (mt: [in, out])
        self.w0 = torch.cat([m[0].weight.detach().t() for m in layers], dim=1).contiguous()
        w1 = torch.stack([m[3].weight.detach().t() for m in layers])
        w2 = torch.stack([m[6].weight.detach().t() for m in layers])
        self.w1 = w1.contiguous() if self.st else w1[0].contiguous()
        self.w2 = w2.contiguous() if self.st else w2[0].contiguous()
        b2 = torch.stack([m[6].bias.detach() for m in layers])
        self.b2 = b2.reshape(t, 1, 1).contiguous() if self.st else b2.reshape(out, 1).contiguous()
        col = (t, h, 1) if self.st else (h, 1)
        self.g0, self.be0 = torch.ones(t * h, 1), torch.zeros(t * h, 1)
        self.g1, self.be1 = torch.ones(*col), torch.zeros(*col)
        self.params = [self.embed, self.w0, self.w1, self.w2, self.b2, self.g0, self.be0, self.g1, self.be1]
        self.sums = [torch.zeros_like(q) for q in self.params]
        self.bufs = [torch.zeros_like(q) for q in self.params]

    @staticmethod
    def norm(z, gamma, beta):
        c = z.sub_(z.mean(-1, keepdim=True))
        inv = c.square().mean(-1, keepdim=True).add_(Hand.EPS).pow_(-0.5)
        scale = inv * gamma
        return c, inv, scale, torch.relu(c * scale + beta)

    @staticmethod
    def norm_backward(c, inv, scale, act, da, minus_inv_b):
        dy = da.mul_(act.sign())
        dbeta = dy.sum(-1, keepdim=True)
        dgamma = (dy * c).sum(-1, keepdim=True).mul_(inv)
        k2 = (scale * inv).mul_(dgamma).mul_(minus_inv_b)
        k3 = (scale * dbeta).mul_(minus_inv_b)
        return dy * scale + c.mul_(k2) + k3, dgamma, dbeta

    def step(self, idx, y, lr=1e-3, momentum=0.9):
        """One step on the batch idx with targets y, [bits, B]; returns the loss."""
        b = idx.shape[0]
        t, h = self.t, self.h
        x = self.embed[idx]                                     # [B, D]
        z0 = self.w0.t().matmul(x.t())                          # [T*h, B]
        c0, inv0, sc0, a0 = self.norm(z0, self.g0, self.be0)
        a = a0.reshape(t, h, b) if self.st else a0
        w1t = self.w1.transpose(-1, -2)
        c1, inv1, sc1, a1 = self.norm(w1t.matmul(a), self.g1, self.be1)
        logits = self.w2.transpose(-1, -2).matmul(a1).add_(self.b2)
        s = torch.sigmoid(logits)
        yy = y.reshape(t, 1, b) if self.st else y
        diff = s - yy
        loss = diff.abs().mean()
        dz = diff.sign_().mul_(s - s.square()).mul_(1.0 / (b * BITS))
        g_w2 = a1.matmul(dz.transpose(-1, -2))
        g_b2 = dz.sum(-1, keepdim=True)
        d1, g_g1, g_be1 = self.norm_backward(c1, inv1, sc1, a1, self.w2.matmul(dz), -1.0 / b)
        g_w1 = a.matmul(d1.transpose(-1, -2))
        da0 = self.w1.matmul(d1)
        d0, g_g0, g_be0 = self.norm_backward(c0, inv0, sc0, a0, da0.reshape(t * h, b), -1.0 / b)
        g_embed = torch.zeros_like(self.embed).index_add_(0, idx, self.w0.matmul(d0).t())
        g_w0 = x.t().matmul(d0.t())
        grads = [g_embed, g_w0, g_w1, g_w2, g_b2, g_g0, g_be0, g_g1, g_be1]
        for q, g, sm, bf in zip(self.params, grads, self.sums, self.bufs):   # faithful: gradients never cleared
            sm.add_(g)
            bf.mul_(momentum).add_(sm)
            q.sub_(bf, alpha=lr)
        return loss


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--arch", choices=("st", "mt"), required=True)
    p.add_argument("--width", type=int, required=True)
    p.add_argument("--epochs", type=int, required=True)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--batch", type=int, default=512)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--form", choices=("module", "hand"), default="module")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    g = torch.Generator().manual_seed(a.seed)
    torch.manual_seed(a.seed)
    code = torch.randperm(CODES, generator=g)
    bits = ((code.unsqueeze(1) >> torch.arange(BITS - 1, -1, -1)) & 1).float()   # [1024, 10]
    if a.form == "hand":
        torch.set_grad_enabled(False)
        hand = Hand(a.arch, a.width)
        bits_major = bits.t().contiguous()                                          # [bits, 1024]

        def step(idx):
            return hand.step(idx, bits_major[:, idx])
    else:
        net = SingleTask(a.width) if a.arch == "st" else MultiTask(a.width)
        net.train()
        opt = torch.optim.SGD(net.parameters(), lr=1e-3, momentum=0.9)

        def step(idx):
            loss = F.l1_loss(torch.sigmoid(net(idx)), bits[idx])
            loss.backward()          # the original never called zero_grad: gradients accumulate (faithful)
            opt.step()
            return loss
    best, best_epoch = float("inf"), -1
    # CPU time of the whole process (every thread, OpenMP's included) over the epochs after the first tenth, as the
    # project's BenchSweep measures its own: how many of the cores the run kept busy
    warm = max(1, a.epochs // 10)
    window = None
    start = time.perf_counter()
    for epoch in range(1, a.epochs + 1):
        order = torch.randperm(CODES, generator=g)
        for b in range(0, CODES, a.batch):
            value = step(order[b:b + a.batch]).item()
            if value < best:
                best, best_epoch = value, epoch
        if epoch == warm:
            window = (time.perf_counter(), time.process_time())
    seconds = time.perf_counter() - start
    busy = {}
    if a.epochs > warm:
        wall = time.perf_counter() - window[0]
        busy = {"cores_busy": (time.process_time() - window[1]) / wall}
    print(json.dumps({"side": "pytorch", "workload": "sweep", "arch": a.arch, "width": a.width,
                      "epochs": a.epochs, "threads": a.threads, "form": a.form, "seconds": seconds,
                      "seconds_per_epoch": seconds / a.epochs, "lowest_loss": best, "lowest_epoch": best_epoch,
                      **busy, **benchenv.describe()}))


if __name__ == "__main__":
    main()

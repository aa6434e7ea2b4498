"""W2/W3 in PyTorch: the st-vs-mt sweep model of seed 003 in its faithful setting.

Embedding 1024x16 shared; st = 10 towers looped over as the original did, each Linear(16,h)+BN+ReLU,
Linear(h,h)+BN+ReLU, Linear(h,1); mt = one such tower with 10 outputs. Sigmoid, L1 loss (mean over batch and
bits), SGD lr 1e-3 momentum 0.9, batch 512 shuffled (2 steps an epoch), gradients never cleared (faithful).
Prints one JSON line: seconds, seconds per epoch, lowest per-batch loss and its epoch.
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


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--arch", choices=("st", "mt"), required=True)
    p.add_argument("--width", type=int, required=True)
    p.add_argument("--epochs", type=int, required=True)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--batch", type=int, default=512)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    g = torch.Generator().manual_seed(a.seed)
    torch.manual_seed(a.seed)
    code = torch.randperm(CODES, generator=g)
    bits = ((code.unsqueeze(1) >> torch.arange(BITS - 1, -1, -1)) & 1).float()   # [1024, 10]
    net = SingleTask(a.width) if a.arch == "st" else MultiTask(a.width)
    net.train()
    opt = torch.optim.SGD(net.parameters(), lr=1e-3, momentum=0.9)
    best, best_epoch = float("inf"), -1
    start = time.perf_counter()
    for epoch in range(1, a.epochs + 1):
        order = torch.randperm(CODES, generator=g)
        for b in range(0, CODES, a.batch):
            idx = order[b:b + a.batch]
            loss = F.l1_loss(torch.sigmoid(net(idx)), bits[idx])
            loss.backward()          # the original never called zero_grad: gradients accumulate (faithful)
            opt.step()
            value = loss.item()
            if value < best:
                best, best_epoch = value, epoch
    seconds = time.perf_counter() - start
    print(json.dumps({"side": "pytorch", "workload": "sweep", "arch": a.arch, "width": a.width,
                      "epochs": a.epochs, "threads": a.threads, "seconds": seconds,
                      "seconds_per_epoch": seconds / a.epochs, "lowest_loss": best, "lowest_epoch": best_epoch,
                      **benchenv.describe()}))


if __name__ == "__main__":
    main()

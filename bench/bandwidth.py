"""Memory bandwidth as PyTorch reaches it: GB/s of in-place float32 passes over two arrays (a += b: 12 bytes an
element, a *= s: 8 bytes), the best of timed batches, as `Bench bandwidth` measures it in DJL and plain Java.
Prints one JSON line."""
import argparse
import json
import time

import torch

import benchenv


def best(step, nbytes, seconds):
    reps = max(1, min(1000, int(2e8 / nbytes)))   # batches of about 0.2 GB
    for _ in range(reps):
        step()
    top, end = 0.0, time.perf_counter() + seconds
    while True:
        t0 = time.perf_counter()
        for _ in range(reps):
            step()
        top = max(top, reps * nbytes / (time.perf_counter() - t0) / 1e9)
        if time.perf_counter() >= end:
            return top


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--elements", type=int, default=1 << 25)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seconds", type=float, default=4)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    x, y = torch.rand(a.elements), torch.rand(a.elements)
    gbs = {"torch_add": best(lambda: x.add_(y), 12.0 * a.elements, a.seconds / 2),
           "torch_scale": best(lambda: x.mul_(1.0), 8.0 * a.elements, a.seconds / 2)}
    print(json.dumps({"side": "pytorch", "workload": "bandwidth", "elements": a.elements, "threads": a.threads,
                      "gbs": gbs, **benchenv.describe()}))


if __name__ == "__main__":
    main()

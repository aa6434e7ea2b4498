#!/usr/bin/env python3
"""Compares the sweep store a Slurm array wrote with the store of the same sweep run unsharded.

usage: compare_stores.py SHARDED_DIR UNSHARDED_DIR KEY...

SHARDED_DIR and UNSHARDED_DIR are experiment folders (<results>/quick/003). Passes when the sharded store
holds exactly the runs KEY... (each once: one folder per key, no temporaries, no checkpoints left) and every
stored file equals the unsharded one byte for byte, checksums and settings.csv included, except each entry's
wall-clock time (timing.csv and its own manifest timing.sha256: how long a run took is a fact about the machine,
kept apart from the results for this reason). Prints one line per run and a summary; exits 1 on any difference.
"""
import os
import sys


def files(root):
    out = set()
    for folder, _, names in os.walk(root):
        for n in names:
            out.add(os.path.relpath(os.path.join(folder, n), root))
    return out


WALL_CLOCK = ("timing.csv", "timing.sha256")


def same(a, b):
    with open(a, "rb") as fa, open(b, "rb") as fb:
        return fa.read() == fb.read()


def main(argv):
    if len(argv) < 4:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    sharded, unsharded, keys = argv[1], argv[2], argv[3:]
    problems = []
    runs = sorted(os.listdir(os.path.join(sharded, "runs")))
    if sorted(set(keys)) != sorted(keys):
        problems.append("the shards' plans name a run twice")
    extra = [r for r in runs if r not in keys]
    missing = [k for k in keys if k not in runs]
    if extra:
        problems.append("stored but not in the grid (or temporaries left): " + ", ".join(extra))
    if missing:
        problems.append("in the grid but not stored: " + ", ".join(missing))
    left = os.listdir(os.path.join(sharded, "checkpoints"))
    if left:
        problems.append("checkpoints left: " + ", ".join(left))
    mine, theirs = files(sharded), files(unsharded)
    if mine != theirs:
        problems.append("file sets differ: only sharded " + str(sorted(mine - theirs))
                        + ", only unsharded " + str(sorted(theirs - mine)))
    for key in keys:
        rel_files = sorted(f for f in mine & theirs if f.startswith(os.path.join("runs", key) + os.sep)
                           and os.path.basename(f) not in WALL_CLOCK)
        bad = [f for f in rel_files if not same(os.path.join(sharded, f), os.path.join(unsharded, f))]
        verdict = "identical" if rel_files and not bad else "DIFFERENT: " + ", ".join(bad or ["no files"])
        print(f"  {key:<30} {len(rel_files)} files {verdict}")
        if bad or not rel_files:
            problems.append(f"{key} differs from the unsharded run ({', '.join(bad) or 'no files'})")
    if not same(os.path.join(sharded, "settings.csv"), os.path.join(unsharded, "settings.csv")):
        problems.append("settings.csv differs")
    if problems:
        print("store check FAILED: " + "; ".join(problems))
        return 1
    print(f"store check passed: {len(keys)} runs, each stored once, every file identical to the unsharded run "
          "(all but each run's wall-clock timing.csv and timing.sha256)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

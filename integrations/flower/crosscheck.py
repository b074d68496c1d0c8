#!/usr/bin/env python3
"""Flower against the reference trainer: per-round train-loss differences, set against
Flower's own run-to-run noise.

  crosscheck.py --reference REF.csv FLOWER_SEED0.csv FLOWER_SEED1.csv … [--shared SHARED.csv]
                [--reference-noise SHARED_SEED1.csv SHARED_SEED2.csv …]

REF.csv holds the reference trainer's runs (flsim.py: the shared traces, or `flsim.py
execute PLAN` output); each FLOWER file the same runs from `pact-flower run|sweep` with
another --shuffle-seed (same initial weights and partition, another local shuffling);
SHARED.csv the same runs with --shuffle shared. For every run found in all files it
prints: |reference − Flower| by round (mean, max), Flower's noise (the standard
deviation over shuffle seeds, by round, averaged), how many rounds the reference lies
within Flower's range over the seeds, the final losses, and with --shared the largest
difference of the shared-stream run from the reference (0 means the same arithmetic).
With --reference-noise (the reference procedure with other shuffle seeds: `--shuffle
shared --shuffle-seed N`, which is flsim.py's arithmetic and draw order), a second
table sets Flower's mean against that procedure's mean and spread, round by round.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys


def losses(path: str) -> dict[str, list[float]]:
    runs: dict[str, list[tuple[int, float]]] = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            runs.setdefault(row["run"], []).append((int(row["round"]), float(row["train_loss"])))
    return {run: [l for _, l in sorted(rows)] for run, rows in runs.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reference", required=True)
    ap.add_argument("--shared")
    ap.add_argument("--reference-noise", nargs="+", default=[])
    ap.add_argument("flower", nargs="+")
    a = ap.parse_args(argv)
    ref = losses(a.reference)
    seeds = [losses(p) for p in a.flower]
    shared = losses(a.shared) if a.shared else {}
    runs = [r for r in seeds[0] if r in ref and all(r in s for s in seeds)]
    if not runs:
        print("no run is in every file", file=sys.stderr)
        return 1
    print(f"| run | rounds | mean abs(ref − Flower) | max | Flower noise (sd over {len(seeds)} seeds) | ref within Flower's range | final: ref, Flower mean ± sd | shared stream: max abs diff |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for run in runs:
        n = min(len(ref[run]), *(len(s[run]) for s in seeds))
        diffs, sds, inside = [], [], 0
        for k in range(1, n):
            values = [s[run][k] for s in seeds]
            mean = statistics.fmean(values)
            diffs.append(abs(ref[run][k] - mean))
            sds.append(statistics.stdev(values) if len(values) > 1 else 0.0)
            inside += min(values) <= ref[run][k] <= max(values)
        finals = [s[run][n - 1] for s in seeds]
        sd_final = statistics.stdev(finals) if len(finals) > 1 else 0.0
        sh = "—"
        if run in shared:
            sh = f"{max(abs(x - y) for x, y in zip(shared[run], ref[run])):.5f}"
        print(
            f"| {run} | {n - 1} | {statistics.fmean(diffs):.4f} | {max(diffs):.4f} | {statistics.fmean(sds):.4f} | "
            f"{inside} of {n - 1} | {ref[run][n - 1]:.4f}, {statistics.fmean(finals):.4f} ± {sd_final:.4f} | {sh} |"
        )
    if a.reference_noise:
        noise = [losses(p) for p in a.reference_noise]
        print()
        print(f"| run | mean abs(Flower mean − reference mean) | reference noise (sd over {len(noise) + 1} seeds) | Flower noise | final: reference mean ± sd, Flower mean ± sd |")
        print("| --- | --- | --- | --- | --- |")
        for run in runs:
            if not all(run in s for s in noise):
                continue
            n = min(len(ref[run]), *(len(s[run]) for s in seeds + noise))
            gaps, rsd, fsd = [], [], []
            for k in range(1, n):
                r = [ref[run][k]] + [s[run][k] for s in noise]
                f = [s[run][k] for s in seeds]
                gaps.append(abs(statistics.fmean(f) - statistics.fmean(r)))
                rsd.append(statistics.stdev(r))
                fsd.append(statistics.stdev(f) if len(f) > 1 else 0.0)
            rf = [ref[run][n - 1]] + [s[run][n - 1] for s in noise]
            ff = [s[run][n - 1] for s in seeds]
            print(
                f"| {run} | {statistics.fmean(gaps):.4f} | {statistics.fmean(rsd):.4f} | {statistics.fmean(fsd):.4f} | "
                f"{statistics.fmean(rf):.4f} ± {statistics.stdev(rf):.4f}, {statistics.fmean(ff):.4f} ± {statistics.stdev(ff):.4f} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""pact-flower: run pact plans, and calibration sweeps, in Flower.

  pact-flower run SCENARIO PLAN --out TRACE.csv [--seed S] [--learning-rate LR]
  pact-flower sweep SCENARIO --out TRACE.csv [--policies all,top2,...] [--schedules none,...] [--rounds N]
  pact-flower partition SCENARIO      (which images each node gets, and from where)

SCENARIO and PLAN are pact's files (docs/MODEL.md); PLAN is what `pact solve --json`
writes. The trace is pact's trace CSV, which `pact calibrate` reads.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile

from . import digits, policies
from .scenario import ScenarioError, load_plan, load_scenario
from .server_app import Job, Run
from .trace import TraceWriter


def _seed(args, scenario) -> int:
    """--seed, else the Dirichlet partition's seed (as the shared traces use it), else 0."""
    if args.seed is not None:
        return args.seed
    match = digits.matching_dirichlet(scenario)
    return match[1] if match else 0


def _job(args, runs, scenario, writer) -> Job:
    with open(args.scenario, encoding="utf-8") as f:
        text = json.dumps(json.load(f), separators=(",", ":"))
    seed = _seed(args, scenario)
    return Job(
        scenario,
        text,
        runs,
        writer,
        seed=seed,
        shuffle_seed=args.shuffle_seed,
        shuffle=args.shuffle,
        learning_rate=args.learning_rate,
        connect_timeout=args.connect_timeout,
    )


def _atomic_trace(path: str):
    """A temporary file beside ``path``, renamed over it only when the run succeeds."""
    directory = os.path.dirname(os.path.abspath(path)) or "."
    if not os.path.isdir(directory):
        raise ScenarioError(path, f"cannot write the trace: directory {directory} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=".pact-flower-", suffix=".csv", dir=directory)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp's 0600 would make the trace private
    return os.fdopen(fd, "w", newline="", encoding="utf-8"), tmp


def _execute(args, runs, scenario) -> int:
    from .engine import run_simulation

    out, tmp = _atomic_trace(args.out)
    try:
        with out:
            job = _job(args, runs, scenario, TraceWriter(out))
            print(f"pact-flower: {len(runs)} run{'s' if len(runs) != 1 else ''} on {len(scenario.nodes)} Flower nodes "
                  f"(simulation engine), seed {job.seed}, partition {digits.partition(scenario, job.seed).source}", file=sys.stderr)
            run_simulation(job, verbose=args.verbose)
        os.replace(tmp, args.out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    for tag, rows in job.records.items():
        last = rows[-1]
        print(f"{tag}: {len(rows) - 1} rounds, final train loss {last.train_loss:.5f}, test accuracy {last.test_acc:.4f}", file=sys.stderr)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


def cmd_run(args) -> int:
    scenario = load_scenario(args.scenario)
    plan = load_plan(args.plan, scenario)
    return _execute(args, [Run("plan", plan)], scenario)


def cmd_sweep(args) -> int:
    scenario = load_scenario(args.scenario)
    pols = [p for p in args.policies.split(",") if p]
    scheds = [s for s in args.schedules.split(",") if s]
    rounds = args.rounds or scenario.epochs
    match = digits.matching_dirichlet(scenario)
    seed = _seed(args, scenario)
    prefix = f"a{match[0]:g}-s{match[1]}-" if match else ""
    runs = []
    for p in pols:
        for s in scheds:
            try:
                plan = policies.policy_plan(scenario, p, s, rounds, seed)
            except ValueError as e:
                raise ScenarioError("--policies/--schedules", str(e)) from None
            runs.append(Run(f"{prefix}{p}-{s}", plan, policy=p, schedule=s))
    return _execute(args, runs, scenario)


def cmd_partition(args) -> int:
    scenario = load_scenario(args.scenario)
    part = digits.partition(scenario, _seed(args, scenario))
    _, _, ytr, _ = digits.data()
    import numpy as np

    print(json.dumps({"source": part.source, "nodes": [
        {"id": n.id, "samples": int(len(ix)), "labelHistogram": np.bincount(ytr[ix], minlength=10).tolist()}
        for n, ix in zip(scenario.nodes, part.indices)]}, indent=1))
    return 0


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="pact-flower", description="Run pact plans in Flower.")
    sub = ap.add_subparsers(dest="command", required=True)

    def common(p):
        p.add_argument("scenario", help="pact scenario JSON")
        p.add_argument("--seed", type=int, default=None, help="initial weights and shuffling (default: the partition's seed, else 0)")
        p.add_argument("--shuffle-seed", type=int, default=None, help="local shuffling only (default: --seed); vary it to see run-to-run noise")
        p.add_argument(
            "--shuffle",
            choices=["per-node", "shared"],
            default="per-node",
            help="per-node: each node draws its own order (a real deployment); shared: the server sends one stream, in flsim.py's order",
        )
        p.add_argument("--learning-rate", type=float, default=0.05, help="local SGD step (default 0.05, as the shared traces)")
        p.add_argument("--connect-timeout", type=float, default=60.0, help="seconds to wait for the nodes to connect")
        p.add_argument("--verbose", action="store_true", help="Flower's and Ray's own logs")

    r = sub.add_parser("run", help="run a pact plan and write its trace")
    common(r)
    r.add_argument("plan", help="plan JSON (pact solve --json)")
    r.add_argument("--out", required=True, help="trace CSV to write")
    r.set_defaults(func=cmd_run)
    s = sub.add_parser("sweep", help="calibration traces: node policies × pruning schedules")
    common(s)
    s.add_argument("--out", required=True, help="trace CSV to write")
    s.add_argument("--policies", default=",".join(policies.POLICIES), help="comma-separated: all, topN, randN, mid1")
    s.add_argument("--schedules", default=",".join(policies.SCHEDULES), help=f"comma-separated: {', '.join(policies.SCHEDULES)}")
    s.add_argument("--rounds", type=int, default=None, help="rounds per run (default: the scenario's epochs)")
    s.set_defaults(func=cmd_sweep)
    p = sub.add_parser("partition", help="each node's images (JSON)")
    p.add_argument("scenario")
    p.add_argument("--seed", type=int, default=None)
    p.set_defaults(func=cmd_partition)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except ScenarioError as e:
        print(f"pact-flower: {e}", file=sys.stderr)
        return 2
    except Exception as e:  # PlanError and the like: one clear line, no traceback
        from .plan_strategy import PlanError

        if isinstance(e, PlanError):
            print(f"pact-flower: {e}", file=sys.stderr)
            return 1
        raise


if __name__ == "__main__":
    sys.exit(main())

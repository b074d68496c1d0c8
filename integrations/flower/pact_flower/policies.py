"""The calibration policies of docs/MODEL.md ("Training traces"): which nodes train
each round and how far the model is pruned, as in the shared digits traces.

Node policies: ``all``, ``topN`` (the N largest nodes), ``randN`` (N random nodes
each round), ``mid1`` (the median-size node). Schedules give the pruning level of
round k; the remaining fraction is 0.8^level.
"""

from __future__ import annotations

import re

import numpy as np

from .scenario import Plan, PlanEpoch, Scenario

POLICIES = ["all", "top5", "top2", "rand5", "rand3"]
SMALL_POLICIES = ["top1", "mid1", "rand1", "rand2"]
SCHEDULES = {
    "none": lambda k: 0,
    "oneshot-L3-at10": lambda k: 3 if k >= 10 else 0,
    "oneshot-L6-at5": lambda k: 6 if k >= 5 else 0,
    "oneshot-L8-at20": lambda k: 8 if k >= 20 else 0,
    "gradual-every4-to8": lambda k: min(8, k // 4),
    "gradual-every2-to6": lambda k: min(6, k // 2),
    "early-L5-at1": lambda k: 5,
}
STEP = 0.8
_POLICY = re.compile(r"^(all|mid1|top[1-9][0-9]*|rand[1-9][0-9]*)$")


def check_policy(policy: str, nodes: int) -> None:
    if not _POLICY.match(policy):
        raise ValueError(f"policy {policy!r} is not one of all, topN, randN, mid1")
    if policy[:3] in ("top",) or policy.startswith("rand"):
        n = int(policy[3:] if policy.startswith("top") else policy[4:])
        if n > nodes:
            raise ValueError(f"policy {policy} needs {n} nodes; the scenario has {nodes}")


def choose(policy: str, sizes: list[int], rng: np.random.Generator) -> list[int]:
    """Node indices for one round (flsim.py's ``choose``)."""
    order = list(np.argsort(-np.array(sizes), kind="stable"))
    if policy == "all":
        return list(range(len(sizes)))
    if policy == "mid1":
        return [int(order[len(order) // 2])]
    if policy.startswith("top"):
        return sorted(int(i) for i in order[: int(policy[3:])])
    if policy.startswith("rand"):
        return sorted(rng.choice(len(sizes), int(policy[4:]), replace=False).tolist())
    raise ValueError(policy)


def policy_plan(scenario: Scenario, policy: str, schedule: str, rounds: int, seed: int) -> Plan:
    """The plan a policy and schedule make, with the random draws of the shared traces
    (``default_rng(77 + seed)`` for the random policies)."""
    check_policy(policy, len(scenario.nodes))
    if schedule not in SCHEDULES:
        raise ValueError(f"schedule {schedule!r} is not one of {', '.join(SCHEDULES)}")
    sizes = [n.samples for n in scenario.nodes]
    rng = np.random.default_rng(77 + seed)
    epochs = []
    for k in range(1, rounds + 1):
        chosen = choose(policy, sizes, rng)
        epochs.append(PlanEpoch(k, tuple(scenario.nodes[i].id for i in chosen), STEP ** SCHEDULES[schedule](k), None))
    return Plan(tuple(epochs))

"""pact's scenario and plan files (docs/MODEL.md), read with errors that name the field."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


class ScenarioError(ValueError):
    """A bad scenario or plan: ``where`` names the file's field, ``what`` the problem."""

    def __init__(self, where: str, what: str):
        super().__init__(f"{where}: {what}")
        self.where = where
        self.what = what


@dataclass(frozen=True)
class Node:
    id: str
    samples: int
    label_histogram: tuple[int, ...] | None


@dataclass(frozen=True)
class Scenario:
    name: str
    nodes: tuple[Node, ...]
    epochs: int
    batch_size: int
    local_epochs: int
    target_loss: float
    initial_loss: float
    pruning_levels: tuple[float, ...]

    def node(self, node_id: str) -> Node:
        for n in self.nodes:
            if n.id == node_id:
                return n
        raise KeyError(node_id)


@dataclass(frozen=True)
class PlanEpoch:
    epoch: int
    nodes: tuple[str, ...]
    remaining: float
    loss: float | None  # predicted loss after the epoch, when the plan has it


@dataclass(frozen=True)
class Plan:
    epochs: tuple[PlanEpoch, ...]


def _load(path: str, what: str) -> Any:
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        raise ScenarioError(path, f"cannot read the {what} file: {e.strerror or e}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise ScenarioError(f"{path}:{e.lineno}:{e.colno}", f"not JSON: {e.msg}") from None


def _number(obj: dict, key: str, where: str, default: Any = None, integer: bool = False, positive: bool = True):
    if key not in obj:
        if default is None:
            raise ScenarioError(f"{where}.{key}", "is missing")
        return default
    v = obj[key]
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise ScenarioError(f"{where}.{key}", f"must be a number, not {json.dumps(v)}")
    if integer and float(v) != int(v):
        raise ScenarioError(f"{where}.{key}", f"must be a whole number, not {v}")
    if positive and v <= 0:
        raise ScenarioError(f"{where}.{key}", f"must be positive, not {v}")
    return int(v) if integer else float(v)


def scenario_from_json(obj: Any, source: str = "scenario") -> Scenario:
    if not isinstance(obj, dict):
        raise ScenarioError(source, "must be a JSON object")
    training = obj.get("training")
    model = obj.get("model")
    nodes = obj.get("nodes")
    if not isinstance(training, dict):
        raise ScenarioError(f"{source}: training", "is missing or not an object")
    if not isinstance(model, dict):
        raise ScenarioError(f"{source}: model", "is missing or not an object")
    if not isinstance(nodes, list) or not nodes:
        raise ScenarioError(f"{source}: nodes", "must be a non-empty list")
    parsed: list[Node] = []
    seen: set[str] = set()
    for i, n in enumerate(nodes):
        where = f"{source}: nodes[{i}]"
        if not isinstance(n, dict):
            raise ScenarioError(where, "must be an object")
        node_id = n.get("id")
        if not isinstance(node_id, str) or not node_id:
            raise ScenarioError(f"{where}.id", "must be a non-empty string")
        if node_id in seen:
            raise ScenarioError(f"{where}.id", f"{node_id!r} is used by an earlier node")
        seen.add(node_id)
        samples = _number(n, "samples", where, integer=True, positive=False)
        hist = n.get("labelHistogram")
        if hist is not None:
            if not isinstance(hist, list) or any(isinstance(c, bool) or not isinstance(c, (int, float)) or c < 0 or c != int(c) for c in hist):
                raise ScenarioError(f"{where}.labelHistogram", "must be a list of whole non-negative counts")
            hist = tuple(int(c) for c in hist)
            if sum(hist) != samples:
                raise ScenarioError(f"{where}.labelHistogram", f"counts {sum(hist)} images but samples is {samples}")
        parsed.append(Node(node_id, samples, hist))
    levels = model.get("pruningLevels", [1.0])
    if not isinstance(levels, list) or not levels or any(isinstance(r, bool) or not isinstance(r, (int, float)) or not 0 < r <= 1 for r in levels):
        raise ScenarioError(f"{source}: model.pruningLevels", "must be a non-empty list of fractions in (0, 1]")
    return Scenario(
        name=str(obj.get("name", "")),
        nodes=tuple(parsed),
        epochs=_number(training, "epochs", f"{source}: training", integer=True),
        batch_size=_number(training, "batchSize", f"{source}: training", default=32, integer=True),
        local_epochs=_number(training, "localEpochs", f"{source}: training", default=1, integer=True),
        target_loss=_number(training, "targetLoss", f"{source}: training", positive=False),
        initial_loss=_number(training, "initialLoss", f"{source}: training", positive=False),
        pruning_levels=tuple(float(r) for r in levels),
    )


def load_scenario(path: str) -> Scenario:
    return scenario_from_json(_load(path, "scenario"), path)


def plan_from_json(obj: Any, scenario: Scenario, source: str = "plan") -> Plan:
    """A plan of docs/MODEL.md checked against its scenario: epochs 1..m in order, each a
    non-empty set of the scenario's nodes, a remaining fraction that never grows."""
    if not isinstance(obj, dict) or not isinstance(obj.get("epochs"), list):
        raise ScenarioError(f"{source}: epochs", "is missing; a plan is {\"epochs\": [{\"epoch\": 1, \"nodes\": [...], \"remaining\": 1.0}, ...]}")
    if obj.get("totals", {}).get("feasible") is False:
        raise ScenarioError(f"{source}: totals.feasible", "is false: pact found no feasible plan, so there is nothing to run")
    epochs: list[PlanEpoch] = []
    known = {n.id for n in scenario.nodes}
    previous = 1.0
    for i, e in enumerate(obj["epochs"]):
        where = f"{source}: epochs[{i}]"
        if not isinstance(e, dict):
            raise ScenarioError(where, "must be an object")
        number = e.get("epoch", i + 1)
        if number != i + 1:
            raise ScenarioError(f"{where}.epoch", f"is {number}; epochs must be numbered 1, 2, … in order")
        nodes = e.get("nodes")
        if not isinstance(nodes, list) or not nodes or any(not isinstance(n, str) for n in nodes):
            raise ScenarioError(f"{where}.nodes", "must be a non-empty list of node ids")
        unknown = [n for n in nodes if n not in known]
        if unknown:
            raise ScenarioError(f"{where}.nodes", f"{', '.join(unknown)} {'is' if len(unknown) == 1 else 'are'} not a node of scenario {scenario.name!r}")
        if len(set(nodes)) != len(nodes):
            raise ScenarioError(f"{where}.nodes", "names a node twice")
        if "remaining" in e:
            remaining = _number(e, "remaining", where)
        elif "level" in e:
            level = _number(e, "level", where, integer=True, positive=False)
            if not 0 <= level < len(scenario.pruning_levels):
                raise ScenarioError(f"{where}.level", f"is {level}; the scenario has levels 0…{len(scenario.pruning_levels) - 1}")
            remaining = scenario.pruning_levels[level]
        else:
            raise ScenarioError(where, "has neither remaining nor level")
        if remaining > 1 or remaining > previous + 1e-12:
            raise ScenarioError(f"{where}.remaining", f"is {remaining}, more than the {previous} before it; pruning never goes back")
        previous = remaining
        loss = e.get("loss")
        epochs.append(PlanEpoch(i + 1, tuple(nodes), remaining, float(loss) if isinstance(loss, (int, float)) and not isinstance(loss, bool) else None))
    if not epochs:
        raise ScenarioError(f"{source}: epochs", "is empty; a plan trains at least one epoch")
    return Plan(tuple(epochs))


def load_plan(path: str, scenario: Scenario) -> Plan:
    return plan_from_json(_load(path, "plan"), scenario, path)

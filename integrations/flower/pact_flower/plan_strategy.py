"""A Flower strategy that follows a pact plan.

In round k it sends the global model to exactly the nodes the plan names for epoch k
(pact node id → Flower node id through the mapping the server built by asking every
connected node its pact id), pruned to the plan's remaining fraction by global
magnitude pruning with a mask that only grows (applied before sending and after
aggregating), aggregates by FedAvg weighted by samples, and evaluates the new global
model on every node's local data (the sample-weighted train loss, i.e. the loss on
the union of the partitions, which is what pact's traces record). It runs exactly the
plan's epochs: ``Strategy.start(num_rounds=len(plan.epochs))``.

A node the plan names that is not connected, that fails, or that does not answer is
an error naming it (``PlanError``), never a silent skip.
"""

from __future__ import annotations

import json

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
from flwr.app import ArrayRecord, ConfigRecord, Message, MessageType, MetricRecord, RecordDict
from flwr.serverapp import Grid
from flwr.serverapp.strategy import FedAvg

from . import pruning
from .scenario import Plan

SAMPLES_KEY = "num-examples"


class PlanError(RuntimeError):
    """The federation cannot run the plan as written."""


@dataclass
class RoundRecord:
    round: int
    nodes: tuple[str, ...]
    samples: int
    remaining: float
    train_loss: float | None = None
    train_acc: float | None = None
    test_loss: float | None = None
    test_acc: float | None = None


def weighted_average(updates: list[tuple[list[np.ndarray], int]]) -> list[np.ndarray] | None:
    """FedAvg: the sample-weighted mean of the updates (None when no samples)."""
    total = sum(n for _, n in updates)
    if total <= 0:
        return None
    first = updates[0][0]
    acc = [np.zeros_like(a, dtype=np.float64) for a in first]
    for arrays, n in updates:
        if n <= 0:
            continue
        if len(arrays) != len(acc) or any(a.shape != b.shape for a, b in zip(arrays, acc)):
            raise PlanError("a node returned a model of another shape")
        for i, a in enumerate(arrays):
            acc[i] += a * n
    return [a / total for a in acc]


@dataclass
class PlanStrategy(FedAvg):
    plan: Plan
    node_ids: dict[str, int]  # pact node id → Flower node id
    masks: list[np.ndarray]
    train_config: dict = field(default_factory=dict)  # sent with every message (lr, seed, scenario …)
    on_round: Callable[[RoundRecord], None] | None = None
    timeout: float = 600.0
    # With a generator here, each round's shuffles are drawn from this one stream, node
    # after node in the plan's order, as the reference trainer (flsim.py) draws them: the
    # server sends each node the stream's state and advances it by that node's draws.
    shared_shuffle: np.random.Generator | None = None
    samples: dict[str, int] = field(default_factory=dict)  # pact node id → samples (from the query)
    local_epochs: int = 1

    def __post_init__(self) -> None:
        super().__init__(fraction_train=1.0, fraction_evaluate=1.0, min_available_nodes=1)
        self.remaining = 1.0
        self.records: dict[int, RoundRecord] = {}
        self._sent: dict[int, str] = {}  # Flower node id → pact node id of this round's train messages
        missing = sorted({n for e in self.plan.epochs for n in e.nodes} - set(self.node_ids))
        if missing:
            raise PlanError(
                f"the plan names node{'s' if len(missing) > 1 else ''} {', '.join(missing)}, "
                f"not connected to this federation (connected: {', '.join(sorted(self.node_ids)) or 'none'})"
            )

    # --- what a round sends --------------------------------------------------------

    def selection(self, server_round: int) -> list[tuple[str, int]]:
        """(pact id, Flower id) of the nodes the plan trains in this round."""
        if not 1 <= server_round <= len(self.plan.epochs):
            raise PlanError(f"round {server_round} is outside the plan's {len(self.plan.epochs)} epochs")
        return [(n, self.node_ids[n]) for n in self.plan.epochs[server_round - 1].nodes]

    def prune_for_round(self, server_round: int, params: list[np.ndarray]) -> list[np.ndarray]:
        """The global model pruned to this epoch's remaining fraction (the mask only grows)."""
        target = self.plan.epochs[server_round - 1].remaining
        if target < self.remaining - 1e-12:
            params, self.masks = pruning.prune(params, self.masks, target)
            self.remaining = target
        return pruning.apply(params, self.masks)

    def _config(self, server_round: int, pact_id: str) -> ConfigRecord:
        return ConfigRecord({**self.train_config, "server-round": server_round, "pact-node": pact_id})

    def configure_train(self, server_round: int, arrays: ArrayRecord, config: ConfigRecord, grid: Grid) -> Iterable[Message]:
        chosen = self.selection(server_round)
        connected = set(grid.get_node_ids())
        gone = [p for p, f in chosen if f not in connected]
        if gone:
            raise PlanError(f"round {server_round}: node{'s' if len(gone) > 1 else ''} {', '.join(gone)} of the plan {'are' if len(gone) > 1 else 'is'} no longer connected")
        params = self.prune_for_round(server_round, arrays.to_numpy_ndarrays())
        payload_arrays = ArrayRecord(params)
        mask_record = ArrayRecord(self.masks)
        self._sent = {f: p for p, f in chosen}
        messages = []
        for p, f in chosen:
            config = self._config(server_round, p)
            if self.shared_shuffle is not None and self.samples.get(p, 0) > 0:
                config["shuffle-state"] = json.dumps(self.shared_shuffle.bit_generator.state)
                for _ in range(self.local_epochs):
                    self.shared_shuffle.permutation(self.samples[p])
            messages.append(
                Message(
                    content=RecordDict({"arrays": payload_arrays, "mask": mask_record, "config": config}),
                    message_type=MessageType.TRAIN,
                    dst_node_id=f,
                )
            )
        return messages

    def _replies_by_node(self, server_round: int, replies: Iterable[Message], expected: dict[int, str], what: str) -> dict[str, RecordDict]:
        got: dict[str, RecordDict] = {}
        for msg in replies:
            pact_id = expected.get(msg.metadata.src_node_id, f"flower node {msg.metadata.src_node_id}")
            if msg.has_error():
                raise PlanError(f"round {server_round}: node {pact_id} failed to {what}: {msg.error.reason}")
            got[pact_id] = msg.content
        silent = sorted(set(expected.values()) - set(got))
        if silent:
            raise PlanError(f"round {server_round}: no {what} reply from node{'s' if len(silent) > 1 else ''} {', '.join(silent)} within {self.timeout:g} s")
        return got

    def aggregate_train(self, server_round: int, replies: Iterable[Message]) -> tuple[ArrayRecord | None, MetricRecord | None]:
        got = self._replies_by_node(server_round, replies, self._sent, "train")
        order = [p for p, _ in self.selection(server_round)]
        updates = [(got[p]["arrays"].to_numpy_ndarrays(), int(got[p]["metrics"][SAMPLES_KEY])) for p in order]
        samples = sum(n for _, n in updates)
        averaged = weighted_average(updates)
        self.records[server_round] = RoundRecord(server_round, tuple(order), samples, self.remaining)
        if averaged is None:  # every chosen node had no data: the model stays as it was
            return None, MetricRecord({SAMPLES_KEY: 0})
        return ArrayRecord(pruning.apply(averaged, self.masks)), MetricRecord({SAMPLES_KEY: samples})

    # --- evaluation: the global model on every node's data --------------------------

    def evaluation_messages(self, server_round: int, arrays: ArrayRecord) -> list[Message]:
        return [
            Message(
                content=RecordDict({"arrays": arrays, "config": self._config(server_round, p)}),
                message_type=MessageType.EVALUATE,
                dst_node_id=f,
            )
            for p, f in sorted(self.node_ids.items())
        ]

    def configure_evaluate(self, server_round: int, arrays: ArrayRecord, config: ConfigRecord, grid: Grid) -> Iterable[Message]:
        return self.evaluation_messages(server_round, arrays)

    def aggregate_evaluate(self, server_round: int, replies: Iterable[Message]) -> MetricRecord | None:
        expected = {f: p for p, f in self.node_ids.items()}
        got = self._replies_by_node(server_round, replies, expected, "evaluate")
        loss, acc = weighted_metrics([(c["metrics"]["train_loss"], c["metrics"]["train_acc"], int(c["metrics"][SAMPLES_KEY])) for c in got.values()])
        record = self.records.setdefault(server_round, RoundRecord(server_round, (), 0, self.remaining))
        record.train_loss, record.train_acc = loss, acc
        return MetricRecord({"train_loss": loss, "train_acc": acc})

    def record_test(self, server_round: int, loss: float, acc: float) -> None:
        """The server's held-out evaluation of the round; completes the round's record."""
        record = self.records.setdefault(server_round, RoundRecord(server_round, (), 0, self.remaining))
        record.test_loss, record.test_acc = loss, acc
        if self.on_round is not None:
            self.on_round(record)


def weighted_metrics(rows: list[tuple[float, float, int]]) -> tuple[float, float]:
    """Sample-weighted (loss, accuracy) over nodes; nodes without data count for nothing."""
    total = sum(n for _, _, n in rows if n > 0)
    if total == 0:
        return float("nan"), float("nan")
    return (
        float(sum(l * n for l, _, n in rows if n > 0) / total),
        float(sum(a * n for _, a, n in rows if n > 0) / total),
    )

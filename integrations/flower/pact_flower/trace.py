"""pact's training-trace CSV (docs/MODEL.md, "Training traces"): one row per round,
round 0 being the untrained model, so ``pact calibrate`` reads Flower runs directly."""

from __future__ import annotations

import csv
import math
from typing import IO

from .plan_strategy import RoundRecord

FIELDS = ["run", "alpha", "seed", "policy", "schedule", "round", "nodes", "samples", "remaining", "train_loss", "test_loss", "test_acc"]


def _fixed(x: float | None, digits: int) -> str:
    """Rounded as the shared traces write it (Python's shortest repr of round(x, digits))."""
    if x is None or not math.isfinite(x):
        return ""
    return str(round(float(x), digits))


class TraceWriter:
    """Writes rows as rounds finish (flushed, so a long sweep can be followed and an
    interrupted one keeps its finished rounds)."""

    def __init__(self, stream: IO[str]):
        self.stream = stream
        self.writer = csv.DictWriter(stream, FIELDS, lineterminator="\n")
        self.writer.writeheader()

    def write(self, record: RoundRecord, *, run: str, alpha: str, seed: str, policy: str, schedule: str) -> None:
        self.writer.writerow(
            {
                "run": run,
                "alpha": alpha,
                "seed": seed,
                "policy": policy,
                "schedule": schedule,
                "round": record.round,
                "nodes": ";".join(record.nodes),
                "samples": record.samples,
                "remaining": _fixed(record.remaining, 6),
                "train_loss": _fixed(record.train_loss, 5),
                "test_loss": _fixed(record.test_loss, 5),
                "test_acc": _fixed(record.test_acc, 4),
            }
        )
        self.stream.flush()


def read(path: str) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != FIELDS:
            raise ValueError(f"{path}: header {reader.fieldnames} is not the trace header {FIELDS}")
        return list(reader)

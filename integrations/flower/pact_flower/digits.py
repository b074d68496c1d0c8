"""scikit-learn's bundled digits (no download) and one partition per pact node.

The split is that of the shared traces: pixels scaled to [0, 1], 75/25 stratified
with seed 0 (1,347 training and 450 test images).

A node's partition follows its ``labelHistogram`` (or, without histograms, its
``samples`` drawn without regard to label). When the scenario's nodes are exactly a
Dirichlet partition of the shared traces (ids ``a<alpha>-s<seed>-n<i>`` whose samples
and histograms are those the reference trainer draws for that alpha and seed), the
very same images are used, so a plan trained here and in the traces sees the same
data; ``Partition.source`` says which.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .scenario import Scenario, ScenarioError

DIRICHLET_ID = re.compile(r"^a(?P<alpha>[0-9.eE+-]+)-s(?P<seed>\d+)-n(?P<index>\d+)$")


@lru_cache(maxsize=1)
def data() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(X_train, X_test, y_train, y_test)."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    d = load_digits()
    X = (d.data / 16.0).astype(np.float64)
    y = d.target.astype(np.int64)
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
    return Xtr, Xte, ytr, yte


def dirichlet_partition(y: np.ndarray, alpha: float, seed: int, n: int) -> list[np.ndarray]:
    """The reference trainer's label-Dirichlet partition (flsim.py ``partition``)."""
    rng = np.random.default_rng(1000 + seed)
    idx: list[list[int]] = [[] for _ in range(n)]
    for c in range(10):
        ids = np.flatnonzero(y == c)
        rng.shuffle(ids)
        p = rng.dirichlet(alpha * np.ones(n))
        cuts = (np.cumsum(p) * len(ids)).astype(int)[:-1]
        for k, part in enumerate(np.split(ids, cuts)):
            idx[k].extend(part.tolist())
    return [np.array(sorted(i), dtype=np.int64) for i in idx]


@dataclass(frozen=True)
class Partition:
    indices: list[np.ndarray]  # training-image indices, one array per scenario node
    source: str  # "dirichlet alpha=1 seed=0 (the shared traces' images)" or "label histograms, seed S"
    alpha: str  # for the trace's alpha column ("" when not a Dirichlet partition)
    seed: str  # for the trace's seed column


def matching_dirichlet(scenario: Scenario) -> tuple[float, int] | None:
    """(alpha, seed) when the scenario's nodes are exactly a shared Dirichlet partition."""
    _, _, ytr, _ = data()
    found = [DIRICHLET_ID.match(n.id) for n in scenario.nodes]
    if not found or any(m is None for m in found):
        return None
    alphas = {m["alpha"] for m in found}
    seeds = {m["seed"] for m in found}
    indices = sorted(int(m["index"]) for m in found)
    if len(alphas) != 1 or len(seeds) != 1 or indices != list(range(len(found))):
        return None
    alpha, seed = float(alphas.pop()), int(seeds.pop())
    parts = dirichlet_partition(ytr, alpha, seed, len(found))
    for node, m in zip(scenario.nodes, found):
        part = parts[int(m["index"])]
        if len(part) != node.samples:
            return None
        if node.label_histogram is not None and np.bincount(ytr[part], minlength=10).tolist() != list(node.label_histogram):
            return None
    return alpha, seed


def partition(scenario: Scenario, seed: int) -> Partition:
    """One array of training-image indices per node of the scenario, in node order."""
    _, _, ytr, _ = data()
    match = matching_dirichlet(scenario)
    if match is not None:
        alpha, pseed = match
        parts = dirichlet_partition(ytr, alpha, pseed, len(scenario.nodes))
        by_index = [parts[int(DIRICHLET_ID.match(n.id)["index"])] for n in scenario.nodes]
        return Partition(by_index, f"dirichlet alpha={alpha:g} seed={pseed} (the shared traces' images)", f"{alpha:g}", str(pseed))
    return Partition(histogram_partition(scenario, ytr, seed), f"label histograms, seed {seed}", "", str(seed))


def histogram_partition(scenario: Scenario, y: np.ndarray, seed: int) -> list[np.ndarray]:
    """Disjoint partitions with each node's label histogram (or sample count), drawn
    from the training images in a seeded random order; an error names the node and the
    class when the digits training set has too few images."""
    rng = np.random.default_rng(2000 + seed)
    classes = 10
    pools = {c: list(rng.permutation(np.flatnonzero(y == c))) for c in range(classes)}
    spare = list(rng.permutation(len(y)))
    taken = np.zeros(len(y), dtype=bool)
    parts: list[np.ndarray] = []
    for node in scenario.nodes:
        chosen: list[int] = []
        if node.label_histogram is not None:
            if len(node.label_histogram) != classes:
                raise ScenarioError(f"nodes[{node.id}].labelHistogram", f"has {len(node.label_histogram)} classes; the digits data has {classes}")
            for c, count in enumerate(node.label_histogram):
                pool = pools[c]
                if count > len(pool):
                    raise ScenarioError(
                        f"nodes[{node.id}].labelHistogram[{c}]",
                        f"asks for {count} images of digit {c}; only {len(pool)} of the 1,347 training images are left for it",
                    )
                chosen += [int(i) for i in pool[:count]]
                del pool[:count]
        else:
            free = [i for i in spare if not taken[i]]
            if node.samples > len(free):
                raise ScenarioError(f"nodes[{node.id}].samples", f"asks for {node.samples} images; only {len(free)} training images are left")
            chosen = [int(i) for i in free[: node.samples]]
        for i in chosen:
            taken[i] = True
        for c in range(classes):
            pools[c] = [i for i in pools[c] if not taken[i]]
        parts.append(np.array(sorted(chosen), dtype=np.int64))
    return parts

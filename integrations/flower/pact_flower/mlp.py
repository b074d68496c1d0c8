"""The 64-128-64-10 ReLU network of the shared digits traces, in numpy.

Initialisation, forward pass, cross-entropy and masked minibatch SGD are those of
the reference trainer that made the traces (flsim.py), so that a plan run in Flower
and the same plan run there start from the same weights and take the same kind of
steps. Parameters travel as a flat list ``[W0, b0, W1, b1, W2, b2]``.
"""

from __future__ import annotations

import numpy as np

HIDDEN = (128, 64)
INPUTS = 64
CLASSES = 10


def dims(hidden: tuple[int, ...] = HIDDEN) -> tuple[int, ...]:
    return (INPUTS,) + tuple(hidden) + (CLASSES,)


def initial_parameters(seed: int, hidden: tuple[int, ...] = HIDDEN) -> list[np.ndarray]:
    """He-normal weights and zero biases, drawn exactly as flsim.py's ``MLP(seed)``."""
    rng = np.random.default_rng(seed)
    d = dims(hidden)
    weights = [rng.normal(0, np.sqrt(2.0 / a), (a, b)) for a, b in zip(d, d[1:])]
    biases = [np.zeros(b) for b in d[1:]]
    return interleave(weights, biases)


def interleave(weights: list[np.ndarray], biases: list[np.ndarray]) -> list[np.ndarray]:
    out: list[np.ndarray] = []
    for w, b in zip(weights, biases):
        out += [w, b]
    return out


def split(params: list[np.ndarray]) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """``[W0, b0, W1, b1, …]`` → (weights, biases)."""
    if len(params) % 2:
        raise ValueError(f"expected weight/bias pairs, got {len(params)} arrays")
    return list(params[0::2]), list(params[1::2])


def weight_count(params: list[np.ndarray]) -> int:
    return sum(w.size for w in split(params)[0])


def _forward(weights, biases, X):
    acts = [X]
    h = X
    for i, (w, b) in enumerate(zip(weights, biases)):
        h = h @ w + b
        if i < len(weights) - 1:
            h = np.maximum(h, 0)
        acts.append(h)
    return acts


def loss_and_accuracy(params: list[np.ndarray], X: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Mean cross-entropy and accuracy; (nan, nan) on no data."""
    if len(y) == 0:
        return float("nan"), float("nan")
    weights, biases = split(params)
    z = _forward(weights, biases, X)[-1]
    z = z - z.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return float(-logp[np.arange(len(y)), y].mean()), float((z.argmax(1) == y).mean())


def train(
    params: list[np.ndarray],
    masks: list[np.ndarray],
    X: np.ndarray,
    y: np.ndarray,
    *,
    epochs: int,
    batch_size: int,
    learning_rate: float,
    rng: np.random.Generator,
) -> list[np.ndarray]:
    """Local training: ``epochs`` passes of minibatch SGD (no momentum) over (X, y) in a
    fresh random order each pass; a pruned weight (mask 0) never moves. Returns new arrays."""
    weights, biases = split([p.copy() for p in params])
    for _ in range(epochs):
        order = rng.permutation(len(y))
        for s in range(0, len(y), batch_size):
            batch = order[s : s + batch_size]
            _sgd_step(weights, biases, masks, X[batch], y[batch], learning_rate)
    return interleave(weights, biases)


def _sgd_step(weights, biases, masks, X, y, lr):
    acts = _forward(weights, biases, X)
    z = acts[-1]
    z = z - z.max(axis=1, keepdims=True)
    p = np.exp(z)
    p /= p.sum(axis=1, keepdims=True)
    p[np.arange(len(y)), y] -= 1
    g = p / len(y)
    for i in reversed(range(len(weights))):
        gw = acts[i].T @ g
        gb = g.sum(axis=0)
        if i > 0:
            g = (g @ weights[i].T) * (acts[i] > 0)
        weights[i] -= lr * gw * masks[i]
        biases[i] -= lr * gb

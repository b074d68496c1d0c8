"""Global magnitude pruning with a mask that only grows.

Only the weight matrices are pruned (biases never are), over all layers at once:
to keep a fraction ``remaining`` of all weights, the largest-magnitude weights among
those still unmasked are kept. A weight once pruned stays pruned (the mask only
grows), which is what pact's levels mean: the level of a plan never goes back.
"""

from __future__ import annotations

import numpy as np

from . import mlp


def full_masks(params: list[np.ndarray]) -> list[np.ndarray]:
    return [np.ones_like(w) for w in mlp.split(params)[0]]


def remaining_fraction(masks: list[np.ndarray]) -> float:
    total = sum(m.size for m in masks)
    return float(sum(m.sum() for m in masks) / total) if total else 1.0


def prune(params: list[np.ndarray], masks: list[np.ndarray], remaining: float) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Masks and parameters pruned to ``remaining`` of the weights (flsim.py's rule:
    keep ``round(remaining · total)`` weights, ties at the threshold kept). A fraction at
    or above what the masks already keep changes nothing."""
    if not 0 < remaining <= 1:
        raise ValueError(f"remaining fraction {remaining} is not in (0, 1]")
    weights, biases = mlp.split(params)
    flat = np.concatenate([np.abs(w[m > 0]) for w, m in zip(weights, masks)])
    total = sum(w.size for w in weights)
    keep = int(round(remaining * total))
    if keep >= len(flat):
        return [p.copy() for p in params], [m.copy() for m in masks]
    if keep <= 0:
        new_masks = [np.zeros_like(m) for m in masks]
    else:
        threshold = np.sort(flat)[::-1][keep - 1]
        new_masks = [((np.abs(w) >= threshold) & (m > 0)).astype(float) for w, m in zip(weights, masks)]
    return apply(params, new_masks), new_masks


def apply(params: list[np.ndarray], masks: list[np.ndarray]) -> list[np.ndarray]:
    """Pruned weights set to zero; biases unchanged."""
    weights, biases = mlp.split(params)
    return mlp.interleave([w * m for w, m in zip(weights, masks)], [b.copy() for b in biases])

"""Per-layer statistics of one forward and backward pass, read like a lab notebook.

Saturated means the unit sits where its derivative is nearly 0, so almost no gradient passes:
    sigmoid      a < 0.03 or a > 0.97     (derivative below 0.03)
    tanh         |a| > 0.97               (derivative below 0.06)
    elu          z < -3                   (derivative below 0.05 alpha; a within 5% of -alpha)
    swish, silu  z < -5                   (|derivative| below 0.03)
    gelu         z < -3                   (|derivative| below 0.012)
    relu, leaky_relu, prelu: never; their flat side is counted as dead instead.
Dead (ReLU family: relu, leaky_relu, prelu, elu) means the unit's pre-activation z is <= 0 for every
input of the batch: a ReLU unit then outputs 0 everywhere and its weights get no gradient at all; a
Leaky ReLU, PReLU or ELU unit still gets a small one, which is how such units can come back.
"""

from dataclasses import dataclass

import numpy as np

SATURATION = {
    "sigmoid": lambda z, a: (a < 0.03) | (a > 0.97),
    "tanh": lambda z, a: np.abs(a) > 0.97,
    "elu": lambda z, a: z < -3,
    "swish": lambda z, a: z < -5,
    "silu": lambda z, a: z < -5,
    "gelu": lambda z, a: z < -3,
}
RELU_FAMILY = ("relu", "leaky_relu", "prelu", "elu")


@dataclass(frozen=True, eq=False)
class LayerStats:
    """Statistics of one hidden layer over a batch."""

    layer: int
    activation: str
    pre_mean: float
    pre_std: float
    mean: float
    std: float
    saturated: float
    dead: float
    grad_norm: float
    update_ratio: float
    values: np.ndarray
    pre_values: np.ndarray


def saturated_fraction(name, z, a):
    """Return the fraction of entries of a layer that are saturated (see SATURATION)."""
    test = SATURATION.get(name)
    return float(test(z, a).mean()) if test is not None else 0.0


def dead_units(name, z):
    """Return a boolean per unit: True where z <= 0 for every row (ReLU family; else all False)."""
    if name not in RELU_FAMILY:
        return np.zeros(z.shape[1], dtype=bool)
    return np.all(z <= 0, axis=0)


def layer_stats(model, X, y, lr=None):
    """Return one LayerStats per hidden layer from a forward and backward pass of model on X, y.

    update_ratio is lr * |dL/dW| / |W| (the size of an SGD step relative to the weights); NaN without lr.
    """
    cache = model.forward(X)
    grads = model.backward(cache, y)
    stats = []
    for i, act in enumerate(model.activations, start=1):
        z, a = cache.z[i - 1], cache.a[i - 1]
        grad_norm = float(np.linalg.norm(grads[f"W{i}"]))
        weight_norm = float(np.linalg.norm(model.params[f"W{i}"]))
        ratio = lr * grad_norm / weight_norm if lr is not None and weight_norm > 0 else np.nan
        stats.append(
            LayerStats(
                layer=i,
                activation=act.name,
                pre_mean=float(z.mean()),
                pre_std=float(z.std()),
                mean=float(a.mean()),
                std=float(a.std()),
                saturated=saturated_fraction(act.name, z, a),
                dead=float(dead_units(act.name, z).mean()),
                grad_norm=grad_norm,
                update_ratio=ratio,
                values=a,
                pre_values=z,
            )
        )
    return stats


def histograms(stats, bins=40, pre=False):
    """Return (edges, counts): shared bin edges and one row of counts per layer, for plotting."""
    values = [s.pre_values if pre else s.values for s in stats]
    finite = np.concatenate([v[np.isfinite(v)] for v in values])
    low, high = (finite.min(), finite.max()) if finite.size else (0.0, 1.0)
    edges = np.linspace(low, high if high > low else low + 1, bins + 1)
    return edges, np.array([np.histogram(v, edges)[0] for v in values])


def report(stats):
    """Return one fixed-width line a layer: mean, std, saturated %, dead %, gradient norm."""
    return "\n".join(
        f"layer {s.layer:2d} ({s.activation:<10}): mean {s.mean:+.2f}, std {s.std:.2f}, "
        f"saturated {100 * s.saturated:5.1f}%, dead {100 * s.dead:5.1f}%, grad norm {s.grad_norm:.1e}"
        for s in stats
    )

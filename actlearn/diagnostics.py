"""Per-layer statistics of one forward and backward pass, read like a lab notebook.

Saturated means the unit sits where its derivative is nearly 0, so almost no gradient passes. Each
activation carries its own test, `act.saturated(z, a)`, and says it in words in `act.saturation_rule`
(sigmoid: "a < 0.03 or a > 0.97 (slope below 0.03)"); one without a test (ReLU's family) never
saturates: its flat side is counted as dead instead.
Dead (activations with `act.relu_like`: relu, leaky_relu, prelu, elu) means the unit's pre-activation
z is <= 0 for every input of the batch: a ReLU unit then outputs 0 everywhere and its weights get no
gradient at all; a Leaky ReLU, PReLU or ELU unit still gets a small one, which is how such units can
come back.
"""

from dataclasses import dataclass

import numpy as np

from actlearn.network import learns_slope


@dataclass(frozen=True, eq=False)
class LayerStats:
    """Statistics of one hidden layer over a batch."""

    layer: int
    activation: str
    pre_mean: float
    pre_std: float
    mean: float
    std: float
    saturated_fraction: float
    saturation_rule: str  # what saturated_fraction counts, in words ("" if the activation never saturates)
    dead_fraction: float
    grad_norm: float
    update_ratio: float
    values: np.ndarray
    pre_values: np.ndarray


def saturated_fraction(act, z, a):
    """Return the fraction of entries of a layer that are saturated, by act's own test (0 if it has none)."""
    return float(act.saturated(z, a).mean()) if act.saturated is not None else 0.0


def dead_units(act, z):
    """Return a boolean per unit: True where z <= 0 for every row (ReLU-like activations; else all False)."""
    if not act.relu_like:
        return np.zeros(z.shape[1], dtype=bool)
    return np.all(z <= 0, axis=0)


def layer_stats(model, X, y, lr=None, *, training=False):
    """Return one LayerStats per hidden layer from a forward and backward pass of model on X, y.

    update_ratio is lr * |dL/dW| / |W| (the size of an SGD step relative to the weights); NaN without lr.
    training=True measures a training step (batch norm: the batch's statistics, which then move the
    running ones); the default evaluates and leaves the model as it was.
    """
    cache = model.forward(X, training=training)
    grads = model.backward(cache, y)
    stats = []
    for i, layer in enumerate(model.activation_layers, start=1):
        # z feeds the activation and f = act(z) comes out; a is the layer's output (f, a GLU's f * v, or
        # with a skip, the layer's input plus that): saturation is read from z and f, the spread from a
        act, z, a = layer.f, cache.z[i], cache.a[i]
        f = act(z, alpha=layer.alpha) if learns_slope(act) else act(z)
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
                saturated_fraction=saturated_fraction(act, z, f),
                saturation_rule=act.saturation_rule,
                dead_fraction=float(dead_units(act, z).mean()),
                grad_norm=grad_norm,
                update_ratio=ratio,
                values=a,
                pre_values=z,
            )
        )
    return stats


def report(stats):
    """Return one fixed-width line a layer, then what saturated means for each activation in them."""
    layers = [
        f"layer {s.layer:2d} ({s.activation:<10}): mean {s.mean:+.2f}, std {s.std:.2f}, "
        f"saturated {100 * s.saturated_fraction:5.1f}%, dead {100 * s.dead_fraction:5.1f}%, "
        f"grad norm {s.grad_norm:.1e}"
        for s in stats
    ]
    rules = {s.activation: s.saturation_rule for s in stats if s.saturation_rule}
    return "\n".join(layers + [f"saturated ({name}): {rule}" for name, rule in rules.items()])

"""Optimisers (SGD, Adam) and gradient clipping: they update model.params in place from model.grads.

Weight decay (both optimisers) is L2 added to the gradient, as PyTorch's weight_decay does, on weights
and biases; on PReLU slopes only if decay_alpha=True (PyTorch's docs warn decay there hurts accuracy).
"""

import numpy as np


def _check_positive(name, value):
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a positive number; got {value!r}")


def _decayed(params, grads, weight_decay, decay_alpha):
    """Return grads with weight_decay * param added (L2), skipping PReLU slopes unless decay_alpha."""
    if weight_decay == 0:
        return grads
    return {
        key: g + weight_decay * params[key] if decay_alpha or not key.startswith("alpha") else g
        for key, g in grads.items()
    }


class SGD:
    """Stochastic gradient descent with optional momentum: v = momentum * v + g; p -= lr * v."""

    def __init__(self, lr, *, momentum=0.0, weight_decay=0.0, decay_alpha=False):
        _check_positive("lr", lr)
        if not 0 <= momentum < 1:
            raise ValueError(f"momentum must be in [0, 1); got {momentum!r}")
        if weight_decay < 0:
            raise ValueError(f"weight_decay must be >= 0; got {weight_decay!r}")
        self.lr, self.momentum, self.weight_decay, self.decay_alpha = lr, momentum, weight_decay, decay_alpha
        self.velocity = {}

    def step(self, params, grads):
        """Update params in place, one step against grads."""
        grads = _decayed(params, grads, self.weight_decay, self.decay_alpha)
        for key, g in grads.items():
            if self.momentum:
                g = self.velocity[key] = self.momentum * self.velocity.get(key, 0) + g
            params[key] -= self.lr * g


class Adam:
    """Adam (Kingma & Ba, 2015): steps scaled by running averages of the gradient and its square."""

    def __init__(self, lr=1e-3, *, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0, decay_alpha=False):
        _check_positive("lr", lr)
        for name, beta in (("beta1", beta1), ("beta2", beta2)):
            if not 0 <= beta < 1:
                raise ValueError(f"{name} must be in [0, 1); got {beta!r}")
        if weight_decay < 0:
            raise ValueError(f"weight_decay must be >= 0; got {weight_decay!r}")
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.weight_decay, self.decay_alpha = weight_decay, decay_alpha
        self.m, self.v, self.t = {}, {}, 0

    def step(self, params, grads):
        """Update params in place, one Adam step."""
        grads = _decayed(params, grads, self.weight_decay, self.decay_alpha)
        self.t += 1
        for key, g in grads.items():
            self.m[key] = self.beta1 * self.m.get(key, 0) + (1 - self.beta1) * g
            self.v[key] = self.beta2 * self.v.get(key, 0) + (1 - self.beta2) * g * g
            m_hat = self.m[key] / (1 - self.beta1**self.t)  # undo the bias towards the zero start
            v_hat = self.v[key] / (1 - self.beta2**self.t)
            params[key] -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


OPTIMIZERS = {"sgd": SGD, "adam": Adam}


def clip_by_global_norm(grads, max_norm):
    """Return (grads scaled so their joint norm is at most max_norm, the norm before clipping)."""
    _check_positive("max_norm", max_norm)
    norm = float(np.sqrt(sum(np.sum(g * g) for g in grads.values())))
    if norm <= max_norm:
        return dict(grads), norm
    return {key: g * (max_norm / norm) for key, g in grads.items()}, norm

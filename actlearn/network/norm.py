"""Normalisation layers: batch norm (over the batch) and layer norm (over a row's units).

Each shifts its input u to mean 0 and scales it to variance 1, then applies a learned scale gamma and
shift beta, one of each a unit. In the network they sit between a Dense layer and its activation.
"""

import numpy as np


def normalise(z, axis, eps=1e-5):
    """Return (x_hat, std): z shifted to mean 0 and scaled to variance 1 along axis, and the std used."""
    std = np.sqrt(z.var(axis=axis, keepdims=True) + eps)
    return (z - z.mean(axis=axis, keepdims=True)) / std, std


def normalise_backward(x_hat, std, axis, upstream):
    """Return d loss / d z of normalise(z, axis), given d loss / d x_hat."""
    # Ioffe & Szegedy 2015 (arXiv:1502.03167), section 3, in its compact form: the mean and the variance
    # depend on every z along axis, which adds the two mean terms.
    mean = lambda t: t.mean(axis=axis, keepdims=True)
    return (upstream - mean(upstream) - x_hat * mean(upstream * x_hat)) / std


class LayerNorm:
    """Layer normalisation (Ba et al. 2016): each row to mean 0, variance 1 over its units; gamma, beta."""

    def __init__(self, gamma, beta, eps=1e-5):
        self.gamma, self.beta, self.eps = gamma, beta, eps

    def forward(self, u, training=False):  # the same in training and evaluation
        self.x_hat, self.std = normalise(u, 1, self.eps)
        return self.gamma * self.x_hat + self.beta

    def backward(self, dz):
        self.dgamma = (dz * self.x_hat).mean(axis=0)
        self.dbeta = dz.mean(axis=0)
        return normalise_backward(self.x_hat, self.std, 1, dz * self.gamma)


class BatchNorm:
    """Batch normalisation (Ioffe & Szegedy 2015): each unit to mean 0, variance 1 over the batch.

    A training step uses the batch's own statistics and moves the running ones momentum of the way
    towards them (PyTorch's 0.1); evaluation uses the running statistics and leaves them alone.
    """

    def __init__(self, gamma, beta, momentum=0.1, eps=1e-5):
        self.gamma, self.beta, self.momentum, self.eps = gamma, beta, momentum, eps
        self.running_mean = np.zeros((1, len(gamma)))  # not learned: kept for evaluation
        self.running_var = np.ones((1, len(gamma)))

    def forward(self, u, training=False):
        self.training = training
        if training:
            self.x_hat, self.std = normalise(u, 0, self.eps)
            n, m = len(u), self.momentum
            unbiased = u.var(axis=0, keepdims=True) * n / max(n - 1, 1)  # as PyTorch keeps it
            self.running_mean = (1 - m) * self.running_mean + m * u.mean(axis=0, keepdims=True)
            self.running_var = (1 - m) * self.running_var + m * unbiased
        else:  # evaluation: the running statistics, fixed
            self.std = np.sqrt(self.running_var + self.eps)
            self.x_hat = (u - self.running_mean) / self.std
        return self.gamma * self.x_hat + self.beta

    def backward(self, dz):
        self.dgamma = (dz * self.x_hat).mean(axis=0)
        self.dbeta = dz.mean(axis=0)
        dx_hat = dz * self.gamma
        if not self.training:  # fixed statistics: a plain scale, nothing depends on the other rows
            return dx_hat / self.std
        return normalise_backward(self.x_hat, self.std, 0, dx_hat)

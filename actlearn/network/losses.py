"""The loss at the network's output, with its gradient d loss / d z_L: the start of the backward pass.

Each loss is the mean over the N rows of the batch. Its gradient is returned per example (not divided
by N), as every gradient passed between layers is; the layers' parameter gradients average over the rows.
"""

import numpy as np

from actlearn.activations import as_float_array, log_softmax, softmax


class SoftmaxCrossEntropy:
    """A classifier's output: p = softmax(z), loss = mean over the rows of -log p[y] (y: class labels)."""

    def output(self, z):
        """Return the class probabilities p = softmax(z), one row an example."""
        return softmax(z)

    def loss(self, z, y):
        """Return the mean cross-entropy, from the scores z (log_softmax stays finite for huge z)."""
        log_p = log_softmax(z)
        return float(-log_p[np.arange(len(y)), y].mean())

    def gradient(self, p, y):
        """Return dz = p - Y, with Y the one-hot targets: softmax and cross-entropy together."""
        dz = p.copy()
        dz[np.arange(len(y)), y] -= 1
        return dz

    def targets(self, y, n, classes):
        """Return y checked: one integer class label 0..classes - 1 for each of the n rows."""
        y = np.asarray(y)
        if y.shape != (n,):
            raise ValueError(f"y must hold one class label per row of X, shape ({n},); got {y.shape}")
        if y.dtype.kind not in "iu" or y.min(initial=0) < 0 or y.max(initial=0) >= classes:
            raise ValueError(f"y must hold integer class labels 0..{classes - 1}; got {y[:5]}...")
        return y


class MeanSquaredError:
    """A regression output: the scores z themselves, loss = mean over every entry of (z - y)^2."""

    def output(self, z):
        """Return the predicted values: the scores themselves."""
        return z

    def loss(self, z, y):
        """Return the mean squared error over every entry."""
        return float(np.mean((z - y) ** 2))

    def gradient(self, z, y):
        """Return dz = 2 (z - y) / k, per example: the mean over a row's k outputs."""
        return 2 * (z - y) / y.shape[1]

    def targets(self, y, n, width):
        """Return y checked and as floats: shape (n, width); a 1-D y is one column."""
        y = as_float_array(y)
        if y.ndim == 1 and width == 1:
            y = y[:, None]  # one target per row, as a column
        if y.shape != (n, width):
            raise ValueError(f"y must have shape ({n}, {width}) for a linear output; got {y.shape}")
        return y


LOSSES = {"softmax": SoftmaxCrossEntropy(), "linear": MeanSquaredError()}  # by the network's output

"""Checking backprop: every parameter's gradient against central finite differences."""

import numpy as np

from actlearn.gradcheck import numerical_gradients


def gradient_check(model, X, y, eps=1e-6, *, training=False):
    """Return the largest relative error between backprop and central finite differences, over all params.

    The error of one parameter array is |backprop - numeric| / (|backprop| + |numeric|) with |.| the
    Euclidean norm; run it in float64 on a small network (it does two forward passes per number).
    training=True checks a training step's gradients (batch norm: the batch's statistics, whose running
    averages then move with every pass); the default evaluates and leaves the model as it was.
    """
    backprop = model.backward(model.forward(X, training=training), y)
    numerics = numerical_gradients(lambda: model.loss(X, y, training=training), model.params, eps)
    worst = 0.0
    for key, numeric in numerics.items():
        scale = np.linalg.norm(backprop[key]) + np.linalg.norm(numeric)
        if scale > 0:
            worst = max(worst, float(np.linalg.norm(backprop[key] - numeric) / scale))
    return worst

"""Check a backward pass against finite differences, and show the comparison one parameter a line.

The check CS231n teaches (the centred difference and the relative error with its thresholds:
https://cs231n.github.io/neural-networks-3/#gradcheck), and the table Karpathy prints in "Becoming a
backprop ninja" (`cmp`: exact, approximate, max difference; https://github.com/karpathy/nn-zero-to-hero):

    numeric = numerical_gradients(lambda: loss(X, Y, params), params)
    table(backward(X, Y, params), numeric)
"""

import numpy as np

# A relative error below THRESHOLD passes (float64, eps 1e-6). CS231n: below 1e-4 is fine where the loss has
# kinks (ReLU), below 1e-7 where it is smooth; a real mistake (a sign, a factor N, a wrong derivative) gives
# 0.1 or more. Rounding puts the finite difference of an entry off by 1e-10 to 1e-9, a large relative error
# where the entry itself is near 0 (1e-11 against 2e-9 gives 0.99): below FLOOR, an entry counts by its
# absolute difference instead (2e-9 / 1e-4 = 2e-5, under THRESHOLD).
THRESHOLD = 1e-4
FLOOR = 1e-4
# Finite differences in float64 are off by about 1e-10 from rounding, and the last digits change with the
# CPU (its BLAS kernel): a table prints differences below DIFF_FLOOR, and errors below THRESHOLD, as bounds.
DIFF_FLOOR = 1e-6


def numerical_gradient(f, x, eps=1e-6):
    """Return d f(x) / d x by central differences, nudging each entry of x in place and restoring it."""
    if not (isinstance(x, np.ndarray) and x.dtype.kind == "f"):
        raise TypeError(f"x must be a float numpy array (it is nudged in place); got {_describe(x)}")
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        saved = x[index]
        x[index] = saved + eps
        up = f(x)
        x[index] = saved - eps
        down = f(x)
        x[index] = saved
        if np.ndim(up) != 0:
            raise ValueError(f"f must return one number (a loss); got an array of shape {np.shape(up)}")
        grad[index] = (up - down) / (2 * eps)  # central: the error shrinks like eps^2, not like eps
    return grad


def numerical_gradients(loss, params, eps=1e-6):
    """Return {name: d loss() / d params[name]} by central differences; loss() reads params itself."""
    return {name: numerical_gradient(lambda _: loss(), value, eps) for name, value in params.items()}


def rel_error(analytic, numeric):
    """Return the largest |a - n| / max(FLOOR, |a| + |n|) over the entries (CS231n's rel_error, floored)."""
    analytic, numeric = np.asarray(analytic, dtype=float), np.asarray(numeric, dtype=float)
    if analytic.shape != numeric.shape:
        shapes = f"{analytic.shape} and {numeric.shape}"
        raise ValueError(f"shapes differ: {shapes} (a gradient has its parameter's shape)")
    if analytic.size == 0:
        return 0.0
    # below FLOOR an entry is judged by its absolute difference: rounding alone cannot pass there otherwise
    return float(np.max(np.abs(analytic - numeric) / np.maximum(FLOOR, np.abs(analytic) + np.abs(numeric))))


def below(value, limit):
    """Return a rounding-level measurement as text that holds on every CPU: "< limit", or its two digits."""
    return f"< {limit:.0e}" if value < limit else f"{value:.2g}"


def bound(value, floor):
    """Return value as text: 0 when exactly 0 (the same arithmetic), else below(value, floor)."""
    return "0" if value == 0 else below(value, floor)


def compare(name, analytic, numeric):
    """Print one line: is analytic exactly numeric, close (np.allclose), the max abs difference, rel error."""
    analytic, numeric = np.asarray(analytic, dtype=float), np.asarray(numeric, dtype=float)
    if analytic.shape != numeric.shape:
        print(f"{name:<6} | shape {analytic.shape}, expected {numeric.shape}")
        return
    exact = bool(np.array_equal(analytic, numeric))
    close = bool(np.allclose(analytic, numeric))
    diff = float(np.max(np.abs(analytic - numeric), initial=0.0))
    error = rel_error(analytic, numeric)
    verdict = "ok" if error < THRESHOLD else "WRONG"
    print(
        f"{name:<6} | exact: {exact!s:5} | close: {close!s:5} | max abs diff: {bound(diff, DIFF_FLOOR):>8} | "
        f"rel error: {bound(error, THRESHOLD):>8} | {verdict}"
    )


def table(analytic, numeric):
    """Print compare(...) for every parameter of two dicts of gradients, in numeric's order."""
    missing = [name for name in numeric if name not in analytic]
    if missing:
        raise KeyError(f"analytic has no gradient for {', '.join(missing)}; it has {', '.join(analytic)}")
    for name in numeric:
        compare(name, analytic[name], numeric[name])


def _describe(x):
    if isinstance(x, np.ndarray):
        return f"an array of dtype {x.dtype}"
    return f"a {type(x).__name__}"

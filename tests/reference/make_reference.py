"""Write tests/reference/activations.npz: values and derivatives of every activation, from two sources.

The tests compare actlearn against this file; they need neither torch nor mpmath to run.

- mpmath at 60 significant digits is the truth (rounded once to float64). Limits at +-inf are taken as the
  value at +-10^1000, far beyond float64, where every function is within float64 rounding of its limit.
- PyTorch CPU float64 (autograd for the derivatives) is stored beside it, to show where a widely used
  library is exact and where it is not. The generator prints the points where torch is off by more than a
  relative 1e-10 (or gives NaN where the true answer is a number).

The derivative at a kink is the left-hand one, as PyTorch takes it: relu'(0) = 0, leaky_relu'(0) = alpha.

Re-run (from the repository root) in a venv of its own, so the project's .venv stays clean:

    python3 -m venv /tmp/refvenv
    /tmp/refvenv/bin/pip install torch==2.13.0 mpmath numpy
    /tmp/refvenv/bin/python tests/reference/make_reference.py
"""

import pathlib

import mpmath as mp
import numpy as np
import torch
import torch.nn.functional as F

mp.mp.dps = 60
HUGE = mp.mpf("1e1000")  # stands for +-inf in mpmath

# The grid: zero, tiny, moderate and huge inputs of both signs, the tails where naive formulas fail
# (sigmoid(-700), tanh'(20), elu(-1e-8), gelu(-10)), the edges of float64's exp range (709, 745), and the
# extreme points of swish and GELU and their derivatives.
MAGNITUDES = [1e-300, 1e-12, 1e-8, 1e-4, 0.01, 0.1, 0.5, 1, 1.5, 2, 3, 5, 8, 10, 15, 20, 30, 37, 40, 50]
MAGNITUDES += [100, 300, 700, 709, 720, 745, 1e4, 1e6, 1e300, float("inf")]
SPECIAL = [-0.7517915246935, -1.278464542761, -2.399357280515, -1.5, 0.75, 2.5]
SPECIAL += [-1.192431214515, -2.256376396361, 1.490571179485, -3, 3, 6, 4.5]  # mish's extremes, kinks
GRID = np.array(sorted({0.0, *MAGNITUDES, *(-m for m in MAGNITUDES), *SPECIAL}))

GELU_TANH_C = mp.mpf("0.044715")


def sigmoid(x):
    return 1 / (1 + mp.exp(-x))


def softplus(x, beta=1):
    return mp.log1p(mp.exp(beta * x)) / beta


SELU_ALPHA = mp.mpf("1.6732632423543772848170429916717")
SELU_SCALE = mp.mpf("1.0507009873554804934193349852946")


def ncdf(x):
    if abs(x) > 1e6:  # mpmath's erfc overflows near 10^1000; Phi is within e^(-10^11) of 0 or 1 here
        return mp.mpf(x > 0)
    return mp.erfc(-x / mp.sqrt(2)) / 2


def npdf(x):
    return mp.exp(-x * x / 2) / mp.sqrt(2 * mp.pi)


def gelu_tanh_parts(x):
    # 1 + tanh(u) = 2 sigmoid(2u) and 1 - tanh(u)^2 = 4 sigmoid(2u) sigmoid(-2u): no cancellation at 60 digits
    u = mp.sqrt(2 / mp.pi) * (x + GELU_TANH_C * x**3)
    du = mp.sqrt(2 / mp.pi) * (1 + 3 * GELU_TANH_C * x**2)
    return sigmoid(2 * u), sigmoid(-2 * u), du


# name -> (params, mpmath value, mpmath derivative, torch function)
CASES = {
    "sigmoid": ({}, sigmoid, lambda x: sigmoid(x) * sigmoid(-x), torch.sigmoid),
    "tanh": ({}, mp.tanh, lambda x: 1 / mp.cosh(x) ** 2, torch.tanh),
    "relu": ({}, lambda x: max(x, 0), lambda x: mp.mpf(x > 0), torch.relu),
    "leaky_relu": (
        {"alpha": 0.01},
        lambda x: x if x > 0 else mp.mpf("0.01") * x,
        lambda x: 1 if x > 0 else mp.mpf("0.01"),
        lambda t: F.leaky_relu(t, 0.01),
    ),
    "leaky_relu_alpha0.2": (
        {"alpha": 0.2},
        lambda x: x if x > 0 else mp.mpf("0.2") * x,
        lambda x: 1 if x > 0 else mp.mpf("0.2"),
        lambda t: F.leaky_relu(t, 0.2),
    ),
    "prelu": (
        {"alpha": 0.25},
        lambda x: x if x > 0 else x / 4,
        lambda x: 1 if x > 0 else mp.mpf("0.25"),
        lambda t: F.prelu(t, torch.tensor([0.25], dtype=t.dtype)),
    ),
    "elu": (
        {"alpha": 1.0},
        lambda x: x if x > 0 else mp.expm1(x),
        lambda x: 1 if x > 0 else mp.exp(x),
        F.elu,
    ),
    "elu_alpha0.5": (
        {"alpha": 0.5},
        lambda x: x if x > 0 else mp.expm1(x) / 2,
        lambda x: 1 if x > 0 else mp.exp(x) / 2,
        lambda t: F.elu(t, 0.5),
    ),
    "swish": (
        {"beta": 1.0},
        lambda x: x * sigmoid(x),
        lambda x: sigmoid(x) + x * sigmoid(x) * sigmoid(-x),
        F.silu,
    ),
    "swish_beta2": (
        {"beta": 2.0},
        lambda x: x * sigmoid(2 * x),
        lambda x: sigmoid(2 * x) + 2 * x * sigmoid(2 * x) * sigmoid(-2 * x),
        lambda t: t * torch.sigmoid(2 * t),  # torch has no swish with beta: the article's formula
    ),
    "gelu": (
        {"approximate": "none"},
        lambda x: x * ncdf(x),
        lambda x: ncdf(x) + x * npdf(x),
        lambda t: F.gelu(t, approximate="none"),
    ),
    "gelu_tanh": (
        {"approximate": "tanh"},
        lambda x: x * gelu_tanh_parts(x)[0],
        lambda x: (lambda s, s_neg, du: s + x * 2 * s * s_neg * du)(*gelu_tanh_parts(x)),
        lambda t: F.gelu(t, approximate="tanh"),
    ),
    "softplus": ({"beta": 1.0}, softplus, sigmoid, F.softplus),
    "softplus_beta2": (
        {"beta": 2.0},
        lambda x: softplus(x, 2),
        lambda x: sigmoid(2 * x),
        lambda t: F.softplus(t, beta=2.0),
    ),
    "selu": (
        {},
        lambda x: SELU_SCALE * (x if x > 0 else SELU_ALPHA * mp.expm1(x)),
        lambda x: SELU_SCALE * (1 if x > 0 else SELU_ALPHA * mp.exp(x)),
        F.selu,
    ),
    "mish": (
        {},
        lambda x: x * mp.tanh(softplus(x)),
        lambda x: mp.tanh(softplus(x)) + x * sigmoid(x) / mp.cosh(softplus(x)) ** 2,
        F.mish,
    ),
    "hardswish": (
        {},
        lambda x: x * min(max(x + 3, 0), 6) / 6,
        lambda x: 0 if x <= -3 else 1 if x >= 3 else (2 * x + 3) / 6,  # PyTorch's values at the kinks
        F.hardswish,
    ),
    "relu6": (
        {},
        lambda x: min(max(x, 0), 6),
        lambda x: mp.mpf(0 < x < 6),  # 0 at both kinks, as PyTorch
        F.relu6,
    ),
}


def truth(fn, x):
    """Return fn at x in mpmath, rounded once to float64; +-inf stands for +-10^1000."""
    arg = mp.sign(x) * HUGE if np.isinf(x) else mp.mpf(x)
    return float(fn(arg))


def with_torch(fn, x):
    """Return torch's float64 value and autograd derivative of an elementwise fn at every x."""
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    y = fn(t)
    y.sum().backward()
    return y.detach().numpy(), t.grad.numpy()


def off(torch_values, true_values):
    """Return a mask of where torch is not within a relative 1e-10 (absolute 1e-300) of the truth."""
    with np.errstate(invalid="ignore"):
        err = np.abs(torch_values - true_values)
        ok = (err <= 1e-10 * np.abs(true_values)) | (err <= 1e-300) | (torch_values == true_values)
    return ~ok


def softmax_cases():
    """Return logits, softmax and log_softmax (mpmath) and torch's softmax for a few 1-D vectors."""
    logits = np.array([[1.0, 2.0, 3.0], [1000.0, 1000.0, -5.0], [0.0, -30.0, -60.0], [1e308, -1e308, 0.0]])
    values, logs = [], []
    for row in logits:
        row_mp = [mp.mpf(v) for v in row]
        log_total = max(row_mp) + mp.log(mp.fsum(mp.exp(v - max(row_mp)) for v in row_mp))
        logs.append([float(v - log_total) for v in row_mp])
        values.append([float(mp.exp(v - log_total)) for v in row_mp])
    return logits, np.array(values), np.array(logs), torch.softmax(torch.tensor(logits), -1).numpy()


def main():
    data = {"grid": GRID}
    print("where torch float64 is not within 1e-10 of the truth:")
    for name, (params, value, grad, torch_fn) in CASES.items():
        value_true = np.array([truth(value, x) for x in GRID])
        grad_true = np.array([truth(grad, x) for x in GRID])
        value_torch, grad_torch = with_torch(torch_fn, GRID)
        for what, mine, theirs in (("value", value_true, value_torch), ("grad", grad_true, grad_torch)):
            for i in np.flatnonzero(off(theirs, mine)):
                print(
                    f"  {name:20} {what:5} x = {GRID[i]:<10.4g} torch {theirs[i]:<12.5g} mpmath {mine[i]:.5g}"
                )
        data[f"{name}/value_mpmath"], data[f"{name}/grad_mpmath"] = value_true, grad_true
        data[f"{name}/value_torch"], data[f"{name}/grad_torch"] = value_torch, grad_torch
        for key, val in params.items():
            data[f"{name}/param_{key}"] = np.array(val)
    logits, values, logs, values_torch = softmax_cases()
    data.update(
        {"softmax/logits": logits, "softmax/value_mpmath": values, "softmax/value_torch": values_torch}
    )
    data["log_softmax/value_mpmath"] = logs
    out = pathlib.Path(__file__).with_name("activations.npz")
    np.savez_compressed(out, **data)
    size = out.stat().st_size / 1024
    print(f"wrote {out} ({size:.0f} KB, {len(GRID)} grid points, {len(CASES)} functions)")


if __name__ == "__main__":
    main()

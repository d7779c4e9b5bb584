"""Time every activation and derivative against the memory floor, the best numpy/scipy form and the naive one.

For each function, at 10^6 float64 elements (--all adds float32 and 10^7): the median of several repeats of
- copy:  np.copyto into a ready array of the same size, the memory-bandwidth floor, for scale;
- ours:  actlearn's function through its public API only, act(x) and act.grad(x) (exact in the tails,
         NaN-safe, warning-free), so this runs unchanged on any rewrite of actlearn/activations.py;
- best:  the fastest numpy/scipy formulation we know (scipy.special.expit, x * ndtr(x), np.maximum, ...),
         which is often inexact in a tail or wrong for NaN/inf;
- naive: the article's formula (1 / (1 + exp(-x)), np.where(x > 0, x, 0), 0.5 x (1 + erf(x / sqrt 2)), ...).
The candidates are timed in turn, in a shuffled order, within each repeat, so a busy neighbour on a shared
machine slows all alike; the ratios are medians of the per-repeat ratios.

Targets (issue 12), at 10^6 float64: every activation and derivative within 2x of the best form and within
1.5x of the naive one. Plain, readable code is worth some speed; the course's arrays are small. A missed
target is flagged in the table; nothing fails on time. Other rows are measured, not judged.

Run: python benchmarks/bench_activations.py [--all] [--only sigmoid,swish]
"""

import os
import platform
import sys
import timeit

import numpy as np
import scipy
from scipy.special import erf, expit, ndtr
from scipy.special import softmax as scipy_softmax

import actlearn

SQRT2 = 2**0.5
SQRT_2PI = (2 * np.pi) ** 0.5
C = (2 / np.pi) ** 0.5  # GELU's tanh form
TARGET_BEST, TARGET_NAIVE = 2.0, 1.5  # ours / best and ours / naive, at 10^6 float64


def one_hot_upstream(x):
    """Return a fixed upstream gradient for softmax's vector-Jacobian product."""
    return np.random.default_rng(1).normal(size=x.shape).astype(x.dtype)


def typed(x, value):
    """Return value as a scalar of x's dtype, so np.where keeps float32."""
    return x.dtype.type(value)


def softmax_vjp(s, g):
    return s * (g - (g * s).sum(axis=-1, keepdims=True))


def naive_softmax(x):
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)


def naive_tanh(x):
    return (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))


def gelu_tanh(x):
    return 0.5 * x * (1 + np.tanh(C * (x + 0.044715 * x**3)))


def gelu_tanh_grad(x):
    t = np.tanh(C * (x + 0.044715 * x**3))
    return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * C * (1 + 3 * 0.044715 * x * x)


# name -> (ours forward, ours grad, best forward, best grad, naive forward, naive grad); each takes x
# (softmax's grads also take the upstream gradient g)
CASES = {
    "sigmoid": (
        actlearn.sigmoid,
        actlearn.sigmoid.grad,
        expit,
        lambda x: (lambda s: s * (1 - s))(expit(x)),
        lambda x: 1 / (1 + np.exp(-x)),
        lambda x: (lambda s: s * (1 - s))(1 / (1 + np.exp(-x))),
    ),
    "tanh": (
        actlearn.tanh,
        actlearn.tanh.grad,
        np.tanh,
        lambda x: 1 - np.tanh(x) ** 2,
        naive_tanh,
        lambda x: 1 - naive_tanh(x) ** 2,
    ),
    "relu": (
        actlearn.relu,
        actlearn.relu.grad,
        lambda x: np.maximum(x, 0),
        lambda x: (x > 0).astype(x.dtype),
        lambda x: np.where(x > 0, x, 0),
        lambda x: np.where(x > 0, 1.0, 0.0),
    ),
    "leaky_relu": (
        lambda x: actlearn.leaky_relu(x, alpha=0.01),
        lambda x: actlearn.leaky_relu.grad(x, alpha=0.01),
        lambda x: np.maximum(x, 0.01 * x),
        lambda x: np.where(x > 0, typed(x, 1), typed(x, 0.01)),
        lambda x: np.where(x > 0, x, 0.01 * x),
        lambda x: np.where(x > 0, 1.0, 0.01),
    ),
    "prelu": (
        lambda x: actlearn.prelu(x, alpha=0.25),
        lambda x: actlearn.prelu.grad(x, alpha=0.25),
        lambda x: np.maximum(x, 0.25 * x),
        lambda x: np.where(x > 0, typed(x, 1), typed(x, 0.25)),
        lambda x: np.where(x > 0, x, 0.25 * x),
        lambda x: np.where(x > 0, 1.0, 0.25),
    ),
    "elu": (
        actlearn.elu,
        actlearn.elu.grad,
        lambda x: np.where(x > 0, x, np.expm1(np.minimum(x, 0))),
        lambda x: np.where(x > 0, typed(x, 1), np.exp(np.minimum(x, 0))),
        lambda x: np.where(x > 0, x, np.exp(x) - 1),
        lambda x: np.where(x > 0, 1.0, np.exp(x)),
    ),
    "softmax": (
        actlearn.softmax,
        lambda x, g: actlearn.softmax.grad(x, g),
        lambda x: scipy_softmax(x, axis=-1),
        lambda x, g: softmax_vjp(scipy_softmax(x, axis=-1), g),
        naive_softmax,
        lambda x, g: softmax_vjp(naive_softmax(x), g),
    ),
    "swish": (
        actlearn.swish,
        actlearn.swish.grad,
        lambda x: x * expit(x),
        lambda x: (lambda s: s + x * s * (1 - s))(expit(x)),
        lambda x: x / (1 + np.exp(-x)),
        lambda x: (lambda s: s + x * s * (1 - s))(1 / (1 + np.exp(-x))),
    ),
    "gelu": (
        actlearn.gelu,
        actlearn.gelu.grad,
        lambda x: x * ndtr(x),
        lambda x: ndtr(x) + x * np.exp(-0.5 * x * x) / SQRT_2PI,
        lambda x: 0.5 * x * (1 + erf(x / SQRT2)),
        lambda x: 0.5 * (1 + erf(x / SQRT2)) + x * np.exp(-0.5 * x * x) / SQRT_2PI,
    ),
    "gelu (tanh)": (
        lambda x: actlearn.gelu(x, approximate="tanh"),
        lambda x: actlearn.gelu.grad(x, approximate="tanh"),
        lambda x: x * expit(2 * C * (x + 0.044715 * x**3)),
        gelu_tanh_grad,
        gelu_tanh,
        gelu_tanh_grad,
    ),
}


def time_in_turn(candidates, repeats):
    """Time zero-argument callables in turn within each repeat; return seconds, one row per repeat.

    Candidates timed back to back share the machine's load, so ratios taken within a repeat are steadier.
    """
    for fn in candidates:
        fn()  # warm up: first-touch page faults, caches
    times = np.empty((repeats, len(candidates)))
    order = np.random.default_rng(0)
    for r in range(repeats):
        # A fresh order each repeat: each call inherits the heap (and the caches) the previous one left,
        # and a fixed order would hand one candidate the same neighbour's leftovers every time.
        for i in order.permutation(len(candidates)):
            start = timeit.default_timer()
            candidates[i]()
            times[r, i] = timeit.default_timer() - start
    return times


def measure(candidates, repeats):
    """Time copy, ours, best and naive in turn.

    Return the median seconds of each, and the medians of the per-repeat ratios ours/copy, ours/best and
    ours/naive.
    """
    times = time_in_turn(candidates, repeats)
    ours = times[:, 1]
    ratios = np.median(ours[:, None] / times[:, [0, 2, 3]], axis=0)
    return np.median(times, axis=0), ratios


def verdict(n, dtype, ratio_best, ratio_naive):
    """Return the targets a row misses, 'ok', or '-' where no target applies."""
    if n != 10**6 or dtype != np.float64:
        return "-"
    missed = []
    if ratio_best > TARGET_BEST:
        missed.append(f"> {TARGET_BEST:g}x best")
    if ratio_naive > TARGET_NAIVE:
        missed.append(f"> {TARGET_NAIVE:g}x naive")
    return "**MISSED: " + ", ".join(missed) + "**" if missed else "ok"


def machine():
    """Return a one-paragraph description of the machine and the libraries."""
    cpu = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    coretype = os.environ.get("OPENBLAS_CORETYPE", "unset")
    return (
        f"{os.cpu_count()} cores (nproc), {cpu}; Python {platform.python_version()}, numpy {np.__version__}, "
        f"scipy {scipy.__version__}; OPENBLAS_CORETYPE={coretype} (irrelevant to elementwise ufuncs); "
        f"load average at start {os.getloadavg()[0]:.1f} (a shared machine: busy neighbours add noise)"
    )


def main(everything=False, only=None):
    sizes = [10**6, 10**7] if everything else [10**6]
    dtypes = (np.float64, np.float32) if everything else (np.float64,)
    print(machine() + "\n")
    print("| function | pass | dtype | n | copy ms | ours ms | best ms | naive ms | ours/copy | ours/best "
          "| ours/naive | targets |")  # fmt: skip
    print("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
    missed = 0
    with np.errstate(all="ignore"):  # the naive formulas overflow and divide by zero: that is their point
        for dtype in dtypes:
            for n in sizes:
                x = np.random.default_rng(0).normal(scale=3, size=n).astype(dtype)
                logits = x.reshape(-1, 10)  # softmax: a batch of 10-class logits
                g = one_hot_upstream(logits)
                out = np.empty_like(x)
                repeats = 15 if n <= 10**6 else 9
                for name, fns in CASES.items():
                    if only and name not in only:
                        continue
                    arg = logits if name == "softmax" else x
                    for pass_name, (ours, best, naive) in (("forward", fns[0::2]), ("grad", fns[1::2])):
                        extra = (g,) if name == "softmax" and pass_name == "grad" else ()
                        candidates = [lambda out=out, x=x: np.copyto(out, x)]
                        candidates += [lambda f=f, a=(arg, *extra): f(*a) for f in (ours, best, naive)]
                        times, ratios = measure(candidates, repeats)
                        flag = verdict(n, dtype, *ratios[1:])
                        missed += flag.startswith("**")
                        ms = " | ".join(f"{t * 1e3:.2f}" for t in times)
                        size = f"1e{len(str(n)) - 1}"
                        print(
                            f"| {name} | {pass_name} | {np.dtype(dtype).name} | {size} | {ms} "
                            f"| {ratios[0]:.2f} | {ratios[1]:.2f} | {ratios[2]:.2f} | {flag} |",
                            flush=True,
                        )
    print(f"\n{missed} row(s) missed a target. Load average at the end: {os.getloadavg()[0]:.1f}.")


if __name__ == "__main__":
    only = sys.argv[sys.argv.index("--only") + 1].split(",") if "--only" in sys.argv else None
    unknown = sorted(set(only or []) - set(CASES))
    if unknown:
        sys.exit(f"unknown function(s) {', '.join(unknown)}; the rows are: {', '.join(CASES)}")
    main(everything="--all" in sys.argv, only=only)

"""Time three stable sigmoids against the naive one, in one process: which costs what, and why.

- two exps: e^min(x, 0) / (1 + e^-|x|), the sigmoid before issue 23;
- where:    e = e^-|x|; where(x >= 0, 1, e) / (1 + e), the one-exponential form issue 23 proposed;
- max:      e = e^-|x|; max(e, x >= 0) / (1 + e), the one shipped (one exp, no per-element branch);
- naive:    1 / (1 + e^-x), which overflows below -709.8 and loses the subnormal tail.
Inputs of mixed sign (as a layer's pre-activations are) and the same sorted, at 10^5 and 10^6 float64.
Each repeat times the four in a shuffled order, so a busy neighbour slows all alike; printed: the median of
the per-repeat ratios ours / naive.

Run: python benchmarks/sigmoid_forms.py (not part of `make bench`; about 30 s)
"""

import timeit

import numpy as np


def two_exps(x):
    return np.exp(np.minimum(x, 0)) / (1 + np.exp(-np.abs(x)))


def where(x):
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1, e) / (1 + e)


def max_form(x):
    e = np.exp(-np.abs(x))
    return np.maximum(e, x >= 0) / (1 + e)


def naive(x):
    return 1 / (1 + np.exp(-x))


FORMS = {"two exps": two_exps, "where": where, "max": max_form, "naive": naive}


def main():
    print("| form | n | inputs | ours / naive |")
    print("|---|---|---|---:|")
    for n, repeats in ((10**5, 300), (10**6, 60)):
        for order in ("mixed signs", "sorted"):
            x = np.random.default_rng(0).normal(scale=3, size=n)
            if order == "sorted":
                x = np.sort(x)
            for form in FORMS.values():
                form(x)  # warm up
            times = {name: [] for name in FORMS}
            shuffle = np.random.default_rng(1)
            for _ in range(repeats):
                for name in shuffle.permutation(list(FORMS)):
                    start = timeit.default_timer()
                    FORMS[name](x)
                    times[name].append(timeit.default_timer() - start)
            naive_times = np.array(times["naive"])
            for name in ("two exps", "where", "max"):
                ratio = np.median(np.array(times[name]) / naive_times)
                print(f"| {name} | 1e{len(str(n)) - 1} | {order} | {ratio:.2f} |", flush=True)


if __name__ == "__main__":
    with np.errstate(over="ignore"):  # the naive form overflows below -709.8: that is its point
        main()

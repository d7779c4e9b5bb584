"""Shared data of the activation tests: the elementwise cases, the reference file, the error measures."""

import pathlib

import numpy as np

import actlearn

REFERENCE = np.load(pathlib.Path(__file__).parent / "reference" / "activations.npz")
GRID = REFERENCE["grid"]

# reference-file key -> (activation, params); the keys are those of tests/reference/make_reference.py
CASES = {
    "sigmoid": (actlearn.sigmoid, {}),
    "tanh": (actlearn.tanh, {}),
    "relu": (actlearn.relu, {}),
    "leaky_relu": (actlearn.leaky_relu, {"alpha": 0.01}),
    "leaky_relu_alpha0.2": (actlearn.leaky_relu, {"alpha": 0.2}),
    "prelu": (actlearn.prelu, {"alpha": 0.25}),
    "elu": (actlearn.elu, {"alpha": 1.0}),
    "elu_alpha0.5": (actlearn.elu, {"alpha": 0.5}),
    "swish": (actlearn.swish, {"beta": 1.0}),
    "swish_beta2": (actlearn.swish, {"beta": 2.0}),
    "gelu": (actlearn.gelu, {"approximate": "none"}),
    "gelu_tanh": (actlearn.gelu, {"approximate": "tanh"}),
    "softplus": (actlearn.softplus, {"beta": 1.0}),
    "softplus_beta2": (actlearn.softplus, {"beta": 2.0}),
    "selu": (actlearn.selu, {}),
    "mish": (actlearn.mish, {}),
    "hardswish": (actlearn.hardswish, {}),
    "relu6": (actlearn.relu6, {}),
}

# Every elementwise activation at the ends of its slider ranges too: "any finite input" covers these.
EDGE_PARAMS = [
    (actlearn.leaky_relu, {"alpha": 0.0}),
    (actlearn.leaky_relu, {"alpha": 0.5}),
    (actlearn.prelu, {"alpha": 0.0}),
    (actlearn.prelu, {"alpha": 1.0}),
    (actlearn.elu, {"alpha": 0.1}),
    (actlearn.elu, {"alpha": 3.0}),
    (actlearn.swish, {"beta": 0.0}),
    (actlearn.swish, {"beta": 10.0}),
    (actlearn.silu, {}),
    (actlearn.softplus, {"beta": 0.1}),
    (actlearn.softplus, {"beta": 10.0}),
]
ALL_CASES = list(CASES.values()) + EDGE_PARAMS
ELEMENTWISE = [act for act in actlearn.ACTIVATIONS.values() if act.elementwise]
KINKED = {"relu", "leaky_relu", "prelu", "elu"}


def case_id(case):
    """Return a readable pytest id for an (activation, params) pair."""
    act, params = case
    return act.name + "".join(f"-{k}={v}" for k, v in params.items())


def within(ours, truth, rel=1e-10, floor=1e-300):
    """Return a mask of where ours is within rel of truth, relatively (infinities must match exactly).

    Results below about 1e-300 lie in or next to float64's subnormals, which hold fewer digits, so
    relative precision cannot be kept there: an absolute error up to floor is allowed instead.
    """
    ours, truth = np.asarray(ours, dtype=np.float64), np.asarray(truth, dtype=np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        return (ours == truth) | (np.abs(ours - truth) <= np.maximum(rel * np.abs(truth), floor))


def relative_error(ours, truth):
    """Return |ours - truth| / |truth|, for messages."""
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        return np.abs(np.asarray(ours, dtype=np.float64) - truth) / np.abs(truth)


def ulps(ours, truth):
    """Return how far ours is from truth (rounded to ours' dtype) in units in the last place of that dtype.

    As in float64 (see within), results in or next to the dtype's subnormals hold fewer digits: an error
    below 1e8 times the smallest normal number (float64's 1e-300 floor) counts as 0 ulps; float16 is
    computed in float32, so for it the smallest normal number itself is the floor.
    """
    dtype = ours.dtype
    with np.errstate(over="ignore"):  # a truth beyond the dtype's largest number rounds to +-inf
        truth = np.asarray(truth).astype(dtype)
    with np.errstate(over="ignore", invalid="ignore"):
        spacing = np.spacing(np.abs(truth)).astype(np.float64)
        diff = np.abs(ours.astype(np.float64) - truth.astype(np.float64))
        err = diff / spacing
    floor = np.finfo(dtype).tiny * (1 if dtype == np.float16 else 1e8)
    return np.where((ours == truth) | (diff <= floor), 0.0, err)

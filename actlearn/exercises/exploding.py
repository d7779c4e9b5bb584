"""Exercises for 13-exploding-gradients: growth at width 256, PReLU's He std, clipping, clipping's angle."""

import numpy as np

from actlearn.exercises.core import Case, FunctionQuestion, Mistake, NumberQuestion, bind
from actlearn.exercises.core import ____ as ____  # re-exported: a starter cell holds it


def _clip(grads, max_norm):
    norm = np.sqrt(sum(np.sum(g**2) for g in grads))
    scale = min(1.0, max_norm / norm) if norm > 0 else 1.0
    return [g * scale for g in grads]


def _each_own_norm(grads, max_norm):
    return [g * min(1.0, max_norm / np.linalg.norm(g)) if np.linalg.norm(g) > 0 else g for g in grads]


def _always_scale(grads, max_norm):
    norm = np.sqrt(sum(np.sum(g**2) for g in grads))
    return [g * max_norm / norm for g in grads]


def _sum_of_norms(grads, max_norm):
    norm = sum(np.linalg.norm(g) for g in grads)
    return [g * min(1.0, max_norm / norm) for g in grads]


_rng = np.random.default_rng(12)
PAIR = [np.array([3.0, 4.0]), np.array([[0.0, 12.0]])]  # global norm 13

q1 = NumberQuestion(
    "exploding.growth_at_256",
    "Predict: a 10-layer ReLU network of width 256 (not 64) with std-1 weights. By what factor does the "
    "activations' standard deviation grow per layer? (2 significant digits)",
    hint=[
        "At width 64 the factor was sqrt(64) for the sum of 64 weighted inputs, divided by sqrt(2) for "
        "ReLU's halving of the mean square. What changes at width 256?",
        "The variance grows by n Var[w] / 2 per layer; the standard deviation by its square root, "
        "sqrt(256 / 2).",
    ],
    solution="""growth_256 = (256 / 2) ** 0.5  # about 11.3: sqrt(n Var[w] / 2), n = 256, Var[w] = 1""",
    answer_name="growth_256",
    value=np.sqrt(128),
    tol=0.75,  # 2 significant digits: 11 from the prediction sqrt(128) = 11.3, 12 from the measured 11.7
    mistakes=[
        (16.0, "sqrt(256) = 16 leaves out ReLU, which zeroes the negative half and halves the mean square"),
        (np.sqrt(32), "that is width 64's factor; at width 256 each unit sums 256 inputs: sqrt(256 / 2)"),
        (128.0, "that is the factor on the variance; the standard deviation grows by its square root"),
        (8.0, "that is sqrt(64), width 64 without ReLU's halving; here n = 256: sqrt(256 / 2)"),
    ],
    kind="predict",
)

q2 = NumberQuestion(
    "exploding.prelu_std",
    "A PReLU network of width 64 has the negative slope alpha = 0.25. Derive the weight standard "
    "deviation that keeps its activations' spread flat from layer to layer. (3 decimals)",
    hint=[
        "The variance is multiplied by n Var[w] (1 + alpha^2) / 2 per layer. Which Var[w] makes that 1?",
        "Var[w] = 2 / (n (1 + alpha^2)) with n = 64 and alpha = 0.25; the standard deviation is its "
        "square root.",
    ],
    solution="""prelu_std = (2 / (64 * (1 + 0.25**2))) ** 0.5  # about 0.1715, a little below He's 0.177""",
    answer_name="prelu_std",
    value=np.sqrt(2 / (64 * (1 + 0.25**2))),
    tol=6e-4,
    mistakes=[
        (
            np.sqrt(2 / 64),
            "that is He's std for ReLU; PReLU's negative half keeps alpha^2 of its mean square too",
        ),
        (2 / (64 * (1 + 0.25**2)), "that is the variance; the standard deviation is its square root"),
        (np.sqrt(1 / 64), "that is LeCun's (and square Xavier's) std, which halves the variance at ReLU"),
        (np.sqrt(2 / (64 * 1.25)), "the negative half keeps alpha^2 = 0.0625 of its mean square, not alpha"),
        (np.sqrt(2 * (1 + 0.25**2) / 64), "divide by 1 + alpha^2: the variance factor must come out as 1"),
    ],
    kind="derive",
)

q3 = FunctionQuestion(
    "exploding.clip_global_norm",
    "Write clip_global_norm(grads, max_norm): scale a list of arrays by one factor so that their "
    "global norm is at most max_norm; return new arrays and leave grads unchanged. It is checked on float32 "
    "arrays and on all-zero gradients too.",
    hint=[
        "The global norm treats all the arrays as one long vector: the square root of the sum of every "
        "squared entry of every array.",
        "If that norm is above max_norm, multiply every array by the same factor max_norm / norm; "
        "otherwise return them unchanged.",
    ],
    solution="""import numpy as np


def clip_global_norm(grads, max_norm):
    norm = np.sqrt(sum(np.sum(g**2) for g in grads))
    if norm <= max_norm:
        return list(grads)
    return [g * (max_norm / norm) for g in grads]  # one factor for all: the direction is kept""",
    signature="clip_global_norm(grads, max_norm)",
    reference=_clip,
    cases=[
        Case((PAIR, 2.6), label="grads [3, 4] and [[0, 12]] (global norm 13), max_norm = 2.6"),
        Case((PAIR, 20.0), label="grads [3, 4] and [[0, 12]] (global norm 13), max_norm = 20"),
        Case(([g.astype(np.float32) for g in PAIR], 1.0), label="float32 grads, max_norm = 1"),
        Case(([_rng.normal(size=s) for s in [(2, 3), (3,), (1,)]], 1.0), label="three arrays, max_norm = 1"),
        Case(([np.zeros(3), np.zeros((2, 2))], 1.0), label="all-zero grads, max_norm = 1"),
    ],
    mistakes=[
        Mistake(
            "you clipped each array by its own norm; the global norm takes the squares of all arrays at once",
            wrong=_each_own_norm,
        ),
        Mistake(
            "that clips each value (np.clip); clipping by norm scales everything by one factor",
            wrong=lambda grads, max_norm: [np.clip(g, -max_norm, max_norm) for g in grads],
        ),
        Mistake(
            "the norm was already below max_norm: scale only when it is above, by min(1, max_norm / norm)",
            wrong=_always_scale,
        ),
        Mistake(
            "the global norm is the square root of the sum of all squares, not the sum of the arrays' norms",
            wrong=_sum_of_norms,
        ),
    ],
    # PyTorch's own rule, min(max_norm / (norm + 1e-6), 1), is off by 1e-6 / norm: right, not a mistake
    tolerance={"float32": (1e-4, 1e-6), "float64": (1e-5, 1e-12)},
    quiet=False,  # max_norm / 0 for all-zero grads is fine when followed by min(1, ...)
    elementwise=False,
)

G = np.array([3.0, 4.0])
BY_VALUE, BY_NORM = np.clip(G, -1, 1), G / np.linalg.norm(G)  # [1, 1] and [0.6, 0.8]


def _cosine(a, b):
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


q4 = NumberQuestion(
    "exploding.direction",
    "Clip the gradient g = [3, 4] at 1, once by value and once by global norm. Derive the cosine of the "
    "angle between each result and g: give (by value, by global norm), 3 decimals.",
    hint=[
        "By value, np.clip puts each entry in [-1, 1]; by norm, g is scaled by 1 / |g| = 1 / 5. "
        "Then cos = a . g / (|a| |g|).",
        "By value: [1, 1], so cos = (3 + 4) / (sqrt(2) * 5). By norm: [0.6, 0.8], a multiple of g.",
    ],
    solution="""import math

clip_cosines = (7 / (5 * math.sqrt(2)), 1.0)  # (0.990, 1.000): one factor keeps the direction""",
    answer_name="clip_cosines",
    value=(_cosine(BY_VALUE, G), _cosine(BY_NORM, G)),
    tol=6e-4,
    parts=("cosine by value", "cosine by global norm"),
    mistakes=[
        ((1.0, _cosine(BY_VALUE, G)), "swapped: give the cosine by value first, then by global norm"),
        (
            (7 / 5, 1.0),
            "a . g / |g| = 7 / 5 leaves out |a|: [1, 1] has length sqrt(2), so divide by it too",
        ),
        ((1.0, 1.0), "clipping by value turns g: [3, 4] becomes [1, 1], whose ratio is 1, not 4/3"),
        (
            (float(np.degrees(np.arccos(_cosine(BY_VALUE, G)))), 0.0),
            "those are the angles in degrees; the question asks for their cosines",
        ),
    ],
    kind="derive",
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3, q4

"""Exercises for 12-exploding-gradients: compounding growth, and clipping by global norm."""

import numpy as np

from actlearn.exercises.core import Case, ChoiceQuestion, FunctionQuestion, Mistake, NumberQuestion, bind
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

q1 = FunctionQuestion(
    "exploding.clip_global_norm",
    "Write clip_global_norm(grads, max_norm): scale a list of arrays by one factor so that their "
    "global norm is at most max_norm.",
    hint="The global norm is sqrt(sum of every squared entry of every array). If it is above max_norm, "
    "multiply every array by max_norm / norm; otherwise leave them alone.",
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
    quiet=False,  # max_norm / 0 for all-zero grads is fine when followed by min(1, ...)
    elementwise=False,
)

q2 = NumberQuestion(
    "exploding.growth",
    "Each of 50 layers multiplies the gradient's norm by 1.1. By what factor has it grown after all 50? "
    "(3 significant digits)",
    hint="The factors compound, like interest.",
    solution="""growth = 1.1**50  # about 117: a 10% gain per layer compounds to more than a hundredfold""",
    answer_name="growth",
    value=1.1**50,
    tol=0.5,
    mistakes=[
        (1.1**49, "off by one: 50 layers give 50 factors of 1.1"),
        (1.1**51, "off by one: 50 layers give 50 factors of 1.1, not 51"),
        (55.0, "multiply the factors, don't add them: 1.1 ** 50"),
        (5.0, "that is 50 * 0.1; growth compounds: 1.1 ** 50"),
    ],
)

q3 = ChoiceQuestion(
    "exploding.direction",
    "Which kind of gradient clipping keeps the gradient's direction?",
    hint="Does the clipping multiply every entry by the same factor?",
    solution="""keeps_direction = "b"  # one factor for every entry: a shorter arrow pointing the same way""",
    answer_name="keeps_direction",
    options={
        "a": (
            "clipping by value (np.clip on each entry)",
            "clipping entries changes their ratios, so the direction turns",
        ),
        "b": ("clipping by global norm", "right"),
        "c": ("both", "clipping by value changes the ratios between entries, so the direction turns"),
        "d": ("neither", "clipping by global norm multiplies every entry by one factor: the direction stays"),
    },
    right="b",
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3

"""Exercises for 05-relu: a capped ReLU, a layer's dead fraction, zeros under Xavier, a leak's mean square."""

import numpy as np

from actlearn.exercises.core import (
    Case,
    FunctionQuestion,
    Mistake,
    NumberQuestion,
    bind,
    cases,
    elementwise_cases,
)
from actlearn.exercises.core import ____ as ____  # re-exported: a starter cell holds it


def _capped_relu(x, cap=6.0):
    return np.minimum(np.maximum(x, 0), cap)  # maximum and minimum pass NaN on


def _nan_at_inf(got, x, cap=6.0):
    """Say whether the answer is NaN at x = +inf, where it should be cap (inf - inf, the usual cause)."""
    x, got = np.asarray(x), np.asarray(got)
    return got.shape == x.shape and bool(np.any(np.isnan(got) & (x == np.inf)))


CAP_1 = cases([np.array([-2.0, 0.5, 1.0, 3.0]), np.array([-2.0, 0.5, 3.0], dtype=np.float32)], cap=1.0)

q1 = FunctionQuestion(
    "relu.capped",
    "Write capped_relu(x, cap=6.0): ReLU that stops rising at cap, min(max(0, x), cap), for any array x "
    "(±inf too; NaN stays NaN; float32 in, float32 out).",
    hint=[
        "Two steps: ReLU first, then do not let the result pass cap. numpy has an elementwise min too.",
        "np.maximum(x, 0) is ReLU and keeps NaN; np.minimum(..., cap) then caps it and keeps NaN too.",
    ],
    solution="""import numpy as np


def capped_relu(x, cap=6.0):
    return np.minimum(np.maximum(x, 0), cap)  # both pass NaN on; ReLU6 is cap = 6""",
    signature="capped_relu(x, cap=6.0)",
    reference=_capped_relu,
    cases=[*elementwise_cases(), *CAP_1],
    mistakes=[
        Mistake(
            "you ignored cap: use the cap you are given",
            wrong=lambda x, cap=6.0: np.minimum(np.maximum(x, 0), 6.0),
        ),
        Mistake("that is plain ReLU: stop rising at cap", wrong=lambda x, cap=6.0: np.maximum(x, 0)),
        Mistake(
            "negative inputs must give 0: take the ReLU first", wrong=lambda x, cap=6.0: np.minimum(x, cap)
        ),
        Mistake(
            "np.where(x > 0, ...) turns NaN into 0 (NaN > 0 is False); np.maximum and np.minimum pass NaN on",
            wrong=lambda x, cap=6.0: np.where(x > 0, np.minimum(x, cap), 0),
        ),
        Mistake(
            "right for finite x, but at x = inf it computes inf - inf = nan, and the prompt asks for inf "
            "too: cap with np.minimum(np.maximum(x, 0), cap)",
            when=_nan_at_inf,
        ),
    ],
)


def _dead_fraction(pre):
    return np.mean(np.all(pre <= 0, axis=0))


def _layer_with_dead_units(seed, batch, units, dead, dtype=np.float64):
    pre = np.random.default_rng(seed).normal(size=(batch, units))
    pre[:, dead] = -np.abs(pre[:, dead])
    pre[0, dead[:1]] = 0.0  # relu(0) = 0: a unit that is exactly 0 is dead too
    return pre.astype(dtype)


q2 = FunctionQuestion(
    "relu.dead_fraction",
    "Write dead_fraction(pre): for pre-activations of shape (batch, units), the fraction of units whose ReLU "
    "output is 0 for every input.",
    hint=[
        "A unit is a column of pre. relu(pre) is 0 exactly where pre <= 0 (0 included).",
        "np.all(pre <= 0, axis=0) says, for each unit, whether it is off for every input; take its mean.",
    ],
    solution="""import numpy as np


def dead_fraction(pre):
    dead = np.all(pre <= 0, axis=0)  # one True/False per unit (column)
    return np.mean(dead)""",
    signature="dead_fraction(pre)",
    reference=_dead_fraction,
    cases=[
        Case(
            (
                np.array(
                    [[1.0, -1.0, 0.0, -2.0, 3.0], [-1.0, -2.0, 0.0, -1.0, 2.0], [2.0, -3.0, 0.0, 1.0, -1.0]]
                ),
            )
        ),
        Case((_layer_with_dead_units(0, 64, 10, [2, 7]),)),
        Case((_layer_with_dead_units(1, 32, 6, [0, 1, 5], np.float32),)),
        Case((np.abs(_layer_with_dead_units(2, 16, 4, [])) + 0.1,)),
    ],
    mistakes=[
        Mistake(
            "that is the fraction of zero outputs; a unit is dead only if it is 0 for every input",
            wrong=lambda pre: np.mean(pre <= 0),
        ),
        Mistake(
            "np.all over axis 1 asks if an input silences every unit; a unit is a column: use axis=0",
            wrong=lambda pre: np.mean(np.all(pre <= 0, axis=1)),
        ),
        Mistake(
            "relu(0) = 0 too, so a pre-activation of exactly 0 counts as dead: use pre <= 0",
            wrong=lambda pre: np.mean(np.all(pre < 0, axis=0)),
        ),
        Mistake(
            "that is a count; divide by the number of units",
            wrong=lambda pre: np.sum(np.all(pre <= 0, axis=0)),
        ),
        Mistake(
            "that says which units are dead; the question asks for the fraction: take np.mean",
            wrong=lambda pre: np.all(pre <= 0, axis=0),
        ),
    ],
    elementwise=False,
)

q3 = NumberQuestion(
    "relu.zeros_xavier",
    "Predict the fraction of exact zeros in relu(X @ W) when W has Xavier's scale, sqrt(1 / fan-in), "
    "instead of He's sqrt(2 / fan-in), before running the cell below.",
    hint=[
        "Multiplying every weight by one positive number scales each pre-activation. Does it change a sign?",
        "ReLU outputs 0 exactly where the pre-activation is <= 0; with symmetric weights that is about half.",
    ],
    solution="""zeros_xavier = 0.5  # a smaller scale shrinks every pre-activation but keeps its sign""",
    answer_name="zeros_xavier",
    value=0.5,
    tol=0.02,
    mistakes=[
        (0.25, "half the variance does not mean half the zeros: scaling W scales z but keeps each sign"),
        (0.75, "smaller weights shrink z towards 0 from both sides; its sign, and so the zeros, stay put"),
        (0.354, "dividing by sqrt(2) changes sizes, not signs: the zeros are the negative z, still half"),
    ],
    kind="predict",
)

q4 = NumberQuestion(
    "relu.mean_square_leaky",
    "Leaky ReLU (the next notebook) keeps z for z > 0 and gives alpha * z otherwise. For z ~ N(0, 1), derive "
    "E[leaky_relu(z, 0.2)^2], the output's mean square, exactly or to 3 decimals.",
    hint=[
        "Split the mean over the two halves of z: z > 0 gives z^2, z <= 0 gives (0.2 z)^2 = 0.04 z^2.",
        "By symmetry each half of z holds half of E[z^2] = 1: 1/2 from the positive half, 0.04 * 1/2 from "
        "the negative one.",
    ],
    solution="""mean_square = (1 + 0.2**2) / 2  # positive half: 1/2; negative half: alpha^2 / 2""",
    answer_name="mean_square",
    value=(1 + 0.2**2) / 2,
    tol=1e-3,
    mistakes=[
        (0.5, "that is ReLU's 1/2: you forgot the leak's alpha^2 / 2 = 0.02 from the negative half"),
        (1.0, "that is E[z^2]; the negative half is scaled by alpha = 0.2, so its square shrinks"),
        (0.6, "the negative half gives (alpha z)^2 = alpha^2 z^2: it adds alpha^2 / 2, not alpha / 2"),
        (0.02, "that is only the negative half, alpha^2 / 2; add the positive half's 1/2"),
    ],
    kind="derive",
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3, q4

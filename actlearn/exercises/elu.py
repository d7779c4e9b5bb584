"""Exercises for 08-elu: ELU with expm1, its derivative, its floor, and where its mean lands."""

import numpy as np

import actlearn
from actlearn.exercises.core import (
    ChoiceQuestion,
    FunctionQuestion,
    Mistake,
    NumberQuestion,
    bind,
    cases,
    elementwise_cases,
)
from actlearn.exercises.core import ____ as ____  # re-exported: a starter cell holds it

GRID = np.array([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0])
TINY = np.array([-1e-10, -1e-13, 1e-13])  # where exp(x) - 1 loses most of its digits
MORE_DIGITS = {"float32": (1e-4, 1e-6), "float64": (1e-9, 0.0)}
CASES = [*elementwise_cases()[:1], *cases([GRID], alpha=2.0), *elementwise_cases()[1:], *cases([TINY])]

q1 = FunctionQuestion(
    "elu.function",
    "Write my_elu(x, alpha=1.0): x for x > 0, else alpha * (exp(x) - 1); accurate near 0, no overflow.",
    hint=[
        "np.expm1(x) computes exp(x) - 1 without losing the digits near 0 that the subtraction cancels.",
        "np.where evaluates both branches for every element, so exp(1000) would overflow on the branch it "
        "throws away: give expm1 only np.minimum(x, 0).",
    ],
    solution="""import numpy as np


def my_elu(x, alpha=1.0):
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0)))""",
    signature="my_elu(x, alpha=1.0)",
    reference=actlearn.elu,
    cases=CASES,
    tolerance=MORE_DIGITS,
    mistakes=[
        Mistake(
            "exp(x) - 1 loses digits near 0 (at x = -1e-10, from the 8th on); np.expm1(x) keeps them all",
            wrong=lambda x, alpha=1.0: np.where(x > 0, x, alpha * (np.exp(np.minimum(x, 0)) - 1)),
        ),
        Mistake(
            "np.where computes both branches, so exp(x) overflowed on the branch it throws away; "
            "take exp of np.minimum(x, 0)",
            wrong=lambda x, alpha=1.0: np.where(x > 0, x, alpha * np.expm1(x)),
        ),
        Mistake(
            "np.where computes both branches, so exp(x) overflowed on the branch it throws away; "
            "take exp of np.minimum(x, 0)",
            wrong=lambda x, alpha=1.0: np.where(x > 0, x, alpha * (np.exp(x) - 1)),
        ),
        Mistake(
            "you ignored alpha: for x <= 0 ELU is alpha * (exp(x) - 1)",
            wrong=lambda x, alpha=1.0: actlearn.elu(x),
        ),
    ],
)

q2 = FunctionQuestion(
    "elu.grad",
    "Write elu_grad(x, alpha=1.0): ELU's derivative, 1 where x > 0, alpha * exp(x) elsewhere; no overflow.",
    hint=[
        "Differentiate alpha * (exp(x) - 1): the constant -1 goes away.",
        "np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0))): as in elu, exp only sees numbers <= 0.",
    ],
    solution="""import numpy as np


def elu_grad(x, alpha=1.0):
    return np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0)))""",
    signature="elu_grad(x, alpha=1.0)",
    reference=actlearn.elu.grad,
    cases=CASES,
    mistakes=[
        Mistake(
            "np.where computes both branches, so exp(x) overflowed on the branch it throws away; "
            "take exp of np.minimum(x, 0)",
            wrong=lambda x, alpha=1.0: np.where(x > 0, 1.0, alpha * np.exp(x)),
        ),
        Mistake(
            "you ignored alpha: for x <= 0 the slope is alpha * exp(x)",
            wrong=lambda x, alpha=1.0: actlearn.elu.grad(x),
        ),
        Mistake(
            "the derivative of alpha * (exp(x) - 1) is alpha * exp(x): the -1 goes away",
            wrong=lambda x, alpha=1.0: np.where(x > 0, 1.0, alpha * np.expm1(np.minimum(x, 0))),
        ),
        Mistake("that is ELU's value, not its slope", wrong=actlearn.elu),
    ],
)

q3 = NumberQuestion(
    "elu.floor",
    "Derive the value ELU approaches as x goes to -inf, for alpha = 2.5.",
    hint=["As x -> -inf, exp(x) -> 0.", "alpha * (exp(x) - 1) tends to alpha * (0 - 1)."],
    solution="""elu_floor = 2.5 * (0 - 1)  # alpha * (exp(-inf) - 1) = -alpha = -2.5""",
    answer_name="elu_floor",
    value=-2.5,
    tol=1e-9,
    kind="derive",
    mistakes=[
        (-1.0, "that is the floor for alpha = 1; ELU saturates at -alpha"),
        (0.0, "that is ReLU's floor; ELU goes below zero, down to -alpha"),
        (2.5, "sign: alpha * (exp(x) - 1) tends to alpha * (0 - 1)"),
    ],
)

q4 = ChoiceQuestion(
    "elu.mean_normal",
    "z is standard normal. ReLU's mean output is 1 / sqrt(2 pi) = 0.40. Predict where ELU's mean output "
    "(alpha = 1) lands, before running the cell below.",
    hint=[
        "ELU equals ReLU for z > 0; for z < 0 it adds exp(z) - 1, a number between -1 and 0.",
        "The negative side is bounded by -1 while the positive side is not: can the two cancel exactly?",
    ],
    solution='elu_mean = "b"  # the negative outputs pull the mean down (to about 0.16), not to 0',
    answer_name="elu_mean",
    options={
        "a": (
            "exactly 0: ELU centres its outputs",
            "ELU is not odd-symmetric: its negative side is floored at -1 and its positive side is not",
        ),
        "b": ("between 0 and 0.40: lower than ReLU's, still positive", "right"),
        "c": (
            "below 0",
            "the negative outputs lie in (-1, 0) and only half the inputs are negative: too little to "
            "outweigh the positive half",
        ),
        "d": (
            "0.40, the same as ReLU's",
            "for z < 0 ELU gives exp(z) - 1 < 0 where ReLU gives 0, so its mean must be lower",
        ),
    },
    right="b",
    kind="predict",
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3, q4

"""Exercises for 08-elu: CELU, ELU's slope from its output, how near its floor, its mean at alpha = 3."""

import numpy as np
from scipy.special import ndtr

import actlearn
from actlearn.exercises.core import (
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
# E[elu(z)] for standard normal z: 1 / sqrt(2 pi) + alpha (e^(1/2) Phi(-1) - 1/2), Phi the normal CDF
ELU_MEAN_ALPHA_3 = 1 / np.sqrt(2 * np.pi) + 3 * (np.exp(0.5) * ndtr(-1.0) - 0.5)
CASES = [*elementwise_cases()[:1], *cases([GRID], alpha=2.0), *elementwise_cases()[1:], *cases([TINY])]


def celu(x, alpha=1.0):
    """Return CELU: x where x > 0, else alpha (e^(x / alpha) - 1), elementwise."""
    # as in actlearn.elu: expm1 keeps the digits near 0, min(x, 0) keeps exp from overflowing
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0) / alpha))


def elu_grad_from_output(y, alpha=1.0):
    """Return ELU's slope from its output y = elu(x): 1 where y > 0, else y + alpha."""
    return np.where(y > 0, 1.0, y + alpha)


q1 = FunctionQuestion(
    "elu.celu",
    "CELU (Barron, 2017) is x for x > 0, else alpha * (exp(x / alpha) - 1): write my_celu(x, alpha=1.0), "
    "accurate near 0 and without overflow; it is checked at x = +-1000, +-inf and NaN (NaN gives NaN) "
    "and on float32 input (keep float32).",
    hint=[
        "It is ELU with x / alpha inside the exponential: start from elu's code printed above.",
        "np.expm1 keeps the digits near 0; np.minimum(x, 0) keeps exp from overflowing on the branch "
        "np.where throws away.",
    ],
    solution="""import numpy as np


def my_celu(x, alpha=1.0):
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0) / alpha))""",
    signature="my_celu(x, alpha=1.0)",
    reference=celu,
    cases=CASES,
    tolerance=MORE_DIGITS,
    mistakes=[
        Mistake(
            "exp(x / alpha) - 1 loses digits near 0 (at x = -1e-10, from the 8th on); np.expm1 keeps them",
            wrong=lambda x, alpha=1.0: np.where(x > 0, x, alpha * (np.exp(np.minimum(x, 0) / alpha) - 1)),
        ),
        Mistake(
            "np.where computes both branches, so exp overflowed on the branch it throws away; "
            "take exp of np.minimum(x, 0) / alpha",
            wrong=lambda x, alpha=1.0: np.where(x > 0, x, alpha * np.expm1(x / alpha)),
        ),
        Mistake(
            "that is ELU: CELU divides x by alpha inside the exponential",
            wrong=lambda x, alpha=1.0: actlearn.elu(x, alpha=alpha),
        ),
        Mistake(
            "divide x by alpha inside the exponential, don't multiply",
            wrong=lambda x, alpha=1.0: np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0) * alpha)),
        ),
        Mistake(
            "you left out the alpha in front: CELU's floor is -alpha, as ELU's is",
            wrong=lambda x, alpha=1.0: np.where(x > 0, x, np.expm1(np.minimum(x, 0) / alpha)),
        ),
    ],
)

ELU_OUTPUTS = [
    actlearn.elu(GRID),
    actlearn.elu(GRID.astype(np.float32)),
    np.array([-0.999, -0.5, 0.0, 2.0, np.inf]),
    np.array([0.0, np.nan]),
]
ELU_OUTPUTS_2 = [actlearn.elu(GRID, alpha=2.0), np.array([-1.999, -1.0, 0.5])]

q2 = FunctionQuestion(
    "elu.grad_from_output",
    "Backprop often keeps only a layer's output y = elu(x), not x: write elu_grad_from_output(y, alpha=1.0), "
    "ELU's slope at that x computed from y alone; it is checked at y = inf and NaN (NaN gives NaN) and on "
    "float32 input (keep float32).",
    hint=[
        "For x > 0, y = x and the slope is 1; y > 0 tells you which side you are on.",
        "For x <= 0 the slope is alpha * exp(x), and y = alpha * (exp(x) - 1): write alpha * exp(x) with y.",
    ],
    solution="""import numpy as np


def elu_grad_from_output(y, alpha=1.0):
    return np.where(y > 0, 1.0, y + alpha)  # alpha e^x = alpha (e^x - 1) + alpha = y + alpha""",
    signature="elu_grad_from_output(y, alpha=1.0)",
    reference=elu_grad_from_output,
    cases=[*cases(ELU_OUTPUTS), *cases(ELU_OUTPUTS_2, alpha=2.0)],
    tails=False,  # the shared tails are x values; an output y is never below -alpha
    mistakes=[
        Mistake(
            "that is alpha * exp(y): the exponential belongs to x, and y is not x on the negative side",
            wrong=lambda y, alpha=1.0: np.where(y > 0, 1.0, alpha * np.exp(np.minimum(y, 0))),
        ),
        Mistake(
            "y + 1 is right only for alpha = 1: alpha * exp(x) = y + alpha",
            wrong=lambda y, alpha=1.0: np.where(y > 0, 1.0, y + 1),
        ),
        Mistake(
            "the slope on the negative side is y + alpha, not y",
            wrong=lambda y, alpha=1.0: np.where(y > 0, 1.0, y),
        ),
        Mistake("that is ELU's value at y, not its slope", wrong=actlearn.elu),
    ],
)

q3 = NumberQuestion(
    "elu.near_floor",
    "With alpha = 2.5, below which x does ELU come within 1e-8 of its floor, -alpha? Derive it (2 decimals).",
    hint=[
        "The gap to the floor is elu(x) - (-alpha) = alpha * (exp(x) - 1) + alpha. Simplify it.",
        "The gap is alpha * exp(x): solve 2.5 * exp(x) = 1e-8 for x with a logarithm.",
    ],
    solution="""import math

x_near_floor = math.log(1e-8 / 2.5)  # the gap alpha e^x falls below 1e-8 here: about -19.34""",
    answer_name="x_near_floor",
    value=float(np.log(1e-8 / 2.5)),
    tol=0.0075,  # -19.34, rounded to 2 decimals, or -19.33, cut off there
    kind="derive",
    mistakes=[
        (float(np.log(1e-8)), "that is alpha = 1's point; the gap is alpha * exp(x), so divide 1e-8 by 2.5"),
        (float(np.log(2.5e-8)), "the gap alpha * exp(x) = 1e-8 gives exp(x) = 1e-8 / 2.5, not 1e-8 * 2.5"),
        (-2.5, "that is the floor itself, a value of ELU; the question asks for an x"),
        (float(np.log(1e-8) - 2.5), "solve 2.5 * exp(x) = 1e-8: the 2.5 comes out as log(2.5), not 2.5"),
    ],
)

q4 = NumberQuestion(
    "elu.mean_alpha_3",
    "z is standard normal: the mean of relu(z) is 1 / sqrt(2 pi) = 0.40 and the mean of elu(z) with "
    "alpha = 1 is 0.16. Predict the mean of elu(z) with alpha = 3 (2 decimals), before running the cell "
    "below.",
    hint=[
        "ELU is ReLU plus alpha * (exp(z) - 1) on the negative side: what does that part add to the mean "
        "when alpha = 1?",
        "With alpha = 1 the negative side adds 0.16 - 0.40 = -0.24; alpha scales only that part.",
    ],
    solution="elu_mean = 0.40 + 3 * (0.16 - 0.40)  # the negative side's -0.24, three times: about -0.32",
    answer_name="elu_mean",
    value=ELU_MEAN_ALPHA_3,
    tol=0.011,
    kind="predict",
    mistakes=[
        (0.48, "alpha scales only the negative side, not the whole mean"),
        (0.16, "alpha multiplies the negative side, so the mean changes with it"),
        (0.40, "that is ReLU's mean; ELU adds alpha * (exp(z) - 1) for z < 0"),
        (-3.0, "that is near the floor, -alpha, where only very negative z land; most z are not"),
    ],
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3, q4

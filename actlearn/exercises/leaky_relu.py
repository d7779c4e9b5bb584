"""Exercises for 05-leaky-relu: Leaky ReLU, its derivative, and its value at a negative input."""

import numpy as np

import actlearn
from actlearn.exercises.core import FunctionQuestion, Mistake, NumberQuestion, bind, cases, elementwise_cases
from actlearn.exercises.core import ____ as ____  # re-exported: a starter cell holds it

GRID = np.array([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0])
WITH_ALPHA = cases([GRID, GRID.astype(np.float32)], alpha=0.2)  # catches an alpha that is ignored

q1 = FunctionQuestion(
    "leaky_relu.function",
    "Write my_leaky_relu(x, alpha=0.01): x where x > 0, alpha * x elsewhere; NaN stays NaN.",
    hint="For 0 <= alpha <= 1, alpha * x is below x exactly when x > 0: np.maximum(x, alpha * x).",
    solution="""import numpy as np


def my_leaky_relu(x, alpha=0.01):
    return np.maximum(x, alpha * x)  # valid for 0 <= alpha <= 1; NaN passes through""",
    signature="my_leaky_relu(x, alpha=0.01)",
    reference=actlearn.leaky_relu,
    cases=[*elementwise_cases()[:1], *WITH_ALPHA, *elementwise_cases()[1:]],
    mistakes=[
        Mistake(
            "you ignored alpha: use the alpha you are given",
            wrong=lambda x, alpha=0.01: actlearn.leaky_relu(x),
        ),
        Mistake(
            "for x <= 0 return alpha * x, not alpha", wrong=lambda x, alpha=0.01: np.where(x > 0, x, alpha)
        ),
        Mistake(
            "that is ReLU: for x <= 0 return alpha * x, not 0", wrong=lambda x, alpha=0.01: np.maximum(x, 0)
        ),
        Mistake(
            "sign error: for x < 0 the output alpha * x is negative",
            wrong=lambda x, alpha=0.01: np.where(x > 0, x, -alpha * x),
        ),
    ],
)


def _leaky_relu_grad(x, alpha=0.01):
    return actlearn.leaky_relu.grad(x, alpha=alpha)


q2 = FunctionQuestion(
    "leaky_relu.grad",
    "Write leaky_relu_grad(x, alpha=0.01): 1 where x > 0, else alpha (x = 0 too), in x's dtype; "
    "NaN stays NaN.",
    hint="np.where(x > 0, 1.0, alpha) gives the slopes; cast to x.dtype, and put NaN back where x is NaN.",
    solution="""import numpy as np


def leaky_relu_grad(x, alpha=0.01):
    x = np.asarray(x)
    grad = np.where(x > 0, 1.0, alpha).astype(x.dtype)
    return np.where(np.isnan(x), x, grad)  # NaN in, NaN out""",
    signature="leaky_relu_grad(x, alpha=0.01)",
    reference=_leaky_relu_grad,
    cases=[*elementwise_cases()[:1], *WITH_ALPHA, *elementwise_cases()[1:]],
    mistakes=[
        Mistake(
            "that is ReLU's slope: for x <= 0 it is alpha, not 0",
            wrong=lambda x, alpha=0.01: actlearn.relu.grad(x),
        ),
        Mistake(
            "at x = 0 the convention is alpha (as in PyTorch): use x > 0, not x >= 0",
            wrong=lambda x, alpha=0.01: np.where(x >= 0, 1.0, alpha),
        ),
        Mistake(
            "the slope of alpha * x is alpha, not alpha * x",
            wrong=lambda x, alpha=0.01: np.where(x > 0, 1.0, alpha * x),
        ),
        Mistake(
            "you ignored alpha: use the alpha you are given", wrong=lambda x, alpha=0.01: _leaky_relu_grad(x)
        ),
    ],
)

q3 = NumberQuestion(
    "leaky_relu.negative_output",
    "With alpha = 0.01, what is leaky_relu(-50)?",
    hint="For x <= 0, Leaky ReLU returns alpha * x.",
    solution="""leaky_at_minus_50 = 0.01 * -50  # alpha * x = -0.5""",
    answer_name="leaky_at_minus_50",
    value=-0.5,
    tol=1e-9,
    mistakes=[
        (0.0, "that is ReLU; Leaky ReLU keeps a small slope for x < 0: alpha * x"),
        (0.5, "sign: alpha * x is negative for x < 0"),
        (-50.0, "that is x itself; for x <= 0 the output is alpha * x"),
    ],
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3

"""Exercises for 04-relu: ReLU, its derivative with the convention at 0, and the dead fraction of a layer."""

import numpy as np

import actlearn
from actlearn.exercises.core import Case, FunctionQuestion, Mistake, bind, elementwise_cases
from actlearn.exercises.core import ____ as ____  # re-exported: a starter cell holds it

q1 = FunctionQuestion(
    "relu.relu",
    "Write my_relu(x) = max(0, x) for any array x; NaN stays NaN.",
    hint="np.maximum compares elementwise and passes NaN through; Python's max() does neither.",
    solution="""import numpy as np


def my_relu(x):
    return np.maximum(x, 0)""",
    signature="my_relu(x)",
    reference=actlearn.relu,
    cases=elementwise_cases(),
    mistakes=[
        Mistake(
            "np.where(x > 0, x, 0) turns NaN into 0 (NaN > 0 is False); np.maximum(x, 0) lets NaN through",
            wrong=lambda x: np.where(x > 0, x, 0),
        ),
        Mistake("x * (x > 0) computes -inf * 0 = nan; use np.maximum(x, 0)", wrong=lambda x: x * (x > 0)),
        Mistake(
            "(x + |x|) / 2 computes -inf + inf = nan; use np.maximum(x, 0)",
            wrong=lambda x: (x + np.abs(x)) / 2,
        ),
        Mistake("that is min(0, x): keep the positive part", wrong=lambda x: np.minimum(x, 0)),
    ],
)

q2 = FunctionQuestion(
    "relu.grad",
    "Write relu_grad(x): ReLU's derivative, 0 at x = 0 (PyTorch's convention), in x's dtype; NaN stays NaN.",
    hint="The slope is 1 where x > 0 and 0 elsewhere. np.heaviside(x, 0) does exactly that, NaN included.",
    solution="""import numpy as np


def relu_grad(x):
    return np.heaviside(x, 0)  # 1 for x > 0, 0 for x < 0, the second argument (0) at x = 0""",
    signature="relu_grad(x)",
    reference=actlearn.relu.grad,
    cases=elementwise_cases(),
    mistakes=[
        Mistake(
            "at x = 0 you returned 1; the convention (PyTorch's) is 0 there: use x > 0, not x >= 0",
            wrong=lambda x: np.heaviside(x, 1),
        ),
        Mistake("that is ReLU's value, not its slope", wrong=actlearn.relu),
        Mistake("sign error: the slope is 1 for x > 0 and 0 for x < 0", wrong=lambda x: np.heaviside(-x, 0)),
    ],
)


def _dead_fraction(pre):
    return np.mean(np.all(pre <= 0, axis=0))


def _layer_with_dead_units(seed, batch, units, dead, dtype=np.float64):
    pre = np.random.default_rng(seed).normal(size=(batch, units))
    pre[:, dead] = -np.abs(pre[:, dead])
    pre[0, dead[:1]] = 0.0  # relu(0) = 0: a unit that is exactly 0 is dead too
    return pre.astype(dtype)


q3 = FunctionQuestion(
    "relu.dead_fraction",
    "Write dead_fraction(pre): for pre-activations of shape (batch, units), the fraction of units whose ReLU "
    "output is 0 for every input.",
    hint="A unit is a column. It is dead if relu(pre) is 0 in its whole column: np.all(pre <= 0, axis=0).",
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

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3

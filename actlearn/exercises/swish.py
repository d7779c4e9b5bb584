"""Exercises for 09-swish: its minimum, the function with beta, and its derivative."""

import numpy as np

import actlearn
from actlearn.exercises.core import FunctionQuestion, Mistake, NumberQuestion, bind, cases, elementwise_cases
from actlearn.exercises.core import ____ as ____  # re-exported: a starter cell holds it

sigmoid = actlearn.sigmoid
GRID = np.array([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0])
# Swish at +-inf is a limit (0 * -inf) that a plain product can't give, so infinities are left out.
CASES = [
    *elementwise_cases(infinities=False)[:1],
    *cases([GRID], beta=2.0),
    *elementwise_cases(infinities=False)[1:],
]

q1 = NumberQuestion(
    "swish.minimum",
    "Where is swish's minimum (beta = 1), and what is its value there? Give (location, value), 3 decimals.",
    hint="Search a fine grid: x = np.linspace(-3, 0, 300001); look at actlearn.swish(x) and np.argmin.",
    solution="""import numpy as np

import actlearn

x = np.linspace(-3, 0, 300001)
y = actlearn.swish(x)
swish_min = (x[np.argmin(y)], y.min())  # about (-1.278, -0.278): the value is the location + 1""",
    answer_name="swish_min",
    value=(-1.2784645427610738, -0.2784645427610738),
    tol=1e-3,
    parts=("location", "value"),
    mistakes=[
        ((-0.278, -1.278), "swapped: give the location first, then the value"),
        ((1.278, 0.278), "swish dips below zero left of 0: both numbers are negative"),
        ((0.0, 0.0), "swish(0) = 0, but swish keeps falling left of 0 before it rises back"),
    ],
)

q2 = FunctionQuestion(
    "swish.function",
    "Write my_swish(x, beta=1.0) = x * sigmoid(beta * x), with no overflow even at x = -1000.",
    hint="Use a sigmoid that never overflows, like actlearn.sigmoid, rather than 1 + exp(-beta * x).",
    solution="""import actlearn


def my_swish(x, beta=1.0):
    return x * actlearn.sigmoid(beta * x)""",
    signature="my_swish(x, beta=1.0)",
    reference=actlearn.swish,
    cases=CASES,
    mistakes=[
        Mistake(
            "exp(-beta * x) overflowed; use a stable sigmoid (actlearn.sigmoid) for sigmoid(beta * x)",
            wrong=lambda x, beta=1.0: x / (1 + np.exp(-beta * x)),
        ),
        Mistake("you ignored beta: x * sigmoid(beta * x)", wrong=lambda x, beta=1.0: x * sigmoid(x)),
        Mistake(
            "that is sigmoid(beta * x) alone; swish multiplies it by x",
            wrong=lambda x, beta=1.0: sigmoid(beta * x),
        ),
        Mistake(
            "beta goes inside the sigmoid: x * sigmoid(beta * x), not beta * x * sigmoid(x)",
            wrong=lambda x, beta=1.0: beta * x * sigmoid(x),
        ),
    ],
)


def _product_rule_missing(x, beta=1.0):
    return sigmoid(beta * x)


q3 = FunctionQuestion(
    "swish.grad",
    "Write swish_grad(x, beta=1.0): the derivative of x * sigmoid(beta * x), with no overflow.",
    hint="Product rule, then chain rule: sigmoid(beta x) + x * beta * sigmoid'(beta x), "
    "and sigmoid' = s (1 - s).",
    solution="""import actlearn


def swish_grad(x, beta=1.0):
    s = actlearn.sigmoid(beta * x)
    return s + beta * x * s * (1 - s)""",
    signature="swish_grad(x, beta=1.0)",
    reference=actlearn.swish.grad,
    cases=CASES,
    mistakes=[
        Mistake(
            "product rule: you kept sigmoid(beta x) but dropped beta x sigmoid(beta x) (1 - sigmoid(beta x))",
            wrong=_product_rule_missing,
        ),
        Mistake(
            "the chain rule puts a factor beta in the second term: beta * x * s * (1 - s)",
            wrong=lambda x, beta=1.0: (s := sigmoid(beta * x)) + x * s * (1 - s),
        ),
        Mistake(
            "exp(-beta * x) overflowed; use a stable sigmoid (actlearn.sigmoid)",
            wrong=lambda x, beta=1.0: (s := 1 / (1 + np.exp(-beta * x))) + beta * x * s * (1 - s),
        ),
        Mistake("that is swish's value, not its slope", wrong=actlearn.swish),
    ],
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3

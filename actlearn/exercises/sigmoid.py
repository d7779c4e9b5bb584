"""Exercises for 02-sigmoid: a sigmoid that never overflows, its derivative from its output, its top slope."""

import numpy as np

import actlearn
from actlearn.exercises.core import FunctionQuestion, Mistake, NumberQuestion, bind, cases, elementwise_cases
from actlearn.exercises.core import ____ as ____  # re-exported: a starter cell holds it

q1 = FunctionQuestion(
    "sigmoid.stable",
    "Write stable_sigmoid(x): 1 / (1 + exp(-x)) for any array x, with no overflow even at x = -1000.",
    hint="exp(-x) overflows for x below about -710. Use e = np.exp(-np.abs(x)), which is never above 1: "
    "for x >= 0 sigmoid is 1 / (1 + e); for x < 0 it is e / (1 + e).",
    solution="""import numpy as np


def stable_sigmoid(x):
    x = np.asarray(x)
    e = np.exp(-np.abs(x))  # exp of a non-positive number: never overflows
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))""",
    signature="stable_sigmoid(x)",
    reference=actlearn.sigmoid,
    cases=elementwise_cases(),
    # nbgrader's hidden tests: larger arrays, of other shapes, that no visible case tried
    hidden_cases=cases([np.random.default_rng(2).normal(0, 300, (4, 5)), np.linspace(-800, 800, 33)]),
    mistakes=[
        Mistake(
            "exp(-x) overflowed; compute exp of a non-positive number only, e = np.exp(-np.abs(x))",
            wrong=lambda x: 1 / (1 + np.exp(-x)),
        ),
        Mistake(
            "exp(x) overflowed to inf and inf / inf is nan; compute exp of a non-positive number only",
            wrong=lambda x: np.exp(x) / (1 + np.exp(x)),
        ),
        Mistake(
            "sign error: that is sigmoid(-x), which falls instead of rising",
            wrong=lambda x: 1 / (1 + np.exp(x)),
        ),
        Mistake(
            "np.where computes both branches, so exp(-x) still overflows on the branch it throws away; "
            "compute e = np.exp(-np.abs(x)) first",
            wrong=lambda x: np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x))),
        ),
    ],
)

q2 = FunctionQuestion(
    "sigmoid.grad_from_output",
    "Write sigmoid_grad(s): given s = sigmoid(x) (not x), return the derivative d sigmoid / dx.",
    hint="Differentiate 1 / (1 + exp(-x)) and write the result in terms of sigmoid(x) itself.",
    solution="""def sigmoid_grad(s):
    return s * (1 - s)  # sigma'(x) = sigma(x) (1 - sigma(x)): backprop reuses the forward output""",
    signature="sigmoid_grad(s)",
    reference=lambda s: actlearn.sigmoid.grad(_logit(s)),
    cases=cases(
        [
            np.array([0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99]),
            0.5,
            np.array([[0.2, 0.4, 0.6], [0.8, 0.3, 0.7]]),
            np.array([0.01, 0.25, 0.5, 0.9], dtype=np.float32),
            np.array([0.0, 1.0]),
            np.array([0.5, np.nan]),
        ]
    ),
    mistakes=[
        Mistake(
            "you took the sigmoid of s again; s is already sigmoid's output: the derivative is s * (1 - s)",
            wrong=lambda s: actlearn.sigmoid(s) * (1 - actlearn.sigmoid(s)),
        ),
        Mistake(
            "1 - s**2 is tanh's derivative from its output; sigmoid's is s * (1 - s)",
            wrong=lambda s: 1 - s**2,
        ),
        Mistake(
            "sign error: s * (s - 1) is never positive, but sigmoid only rises", wrong=lambda s: s * (s - 1)
        ),
    ],
)


def _logit(s):
    """Return the x with sigmoid(x) = s."""
    with np.errstate(divide="ignore"):  # s = 0 and s = 1 give x = -inf and inf, as they should
        return np.log(s) - np.log1p(-s)


q3 = NumberQuestion(
    "sigmoid.max_grad",
    "What is the largest value sigmoid's derivative takes? Give a number, to 3 decimals.",
    hint="The derivative s * (1 - s) is largest where s = sigmoid(x) is 1/2. At which x is that?",
    solution="""max_grad = 0.5 * (1 - 0.5)  # at x = 0, where s = 1/2: 0.25""",
    answer_name="max_grad",
    value=0.25,
    tol=5e-4,
    mistakes=[
        (0.5, "that is sigmoid(0), the value; the question asks for the slope there"),
        (1.0, "that is tanh's steepest slope; sigmoid is 4 times flatter"),
        (0.0, "that is the slope far from 0, its infimum; the largest value is at x = 0"),
    ],
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3

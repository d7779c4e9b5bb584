"""Exercises for 03-sigmoid: a sigmoid that never overflows, its derivative, where a probability rounds."""

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

q1 = FunctionQuestion(
    "sigmoid.stable",
    "Write stable_sigmoid(x): 1 / (1 + exp(-x)) for any array x, with no overflow even at x = -1000.",
    hint=[
        "exp(-x) overflows for x below about -710: take exp only of a number that is not positive.",
        "e = np.exp(-np.abs(x)) is never above 1. For x >= 0 sigmoid is 1 / (1 + e); for x < 0 it is "
        "e / (1 + e) (multiply the top and bottom of 1 / (1 + e^-x) by e^x).",
        "Compute both forms from that one e and pick with np.where(x >= 0, ..., ...).",
    ],
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
    kind="code",
)

q2 = FunctionQuestion(
    "sigmoid.grad_from_output",
    "Write sigmoid_grad(s): given s = sigmoid(x) (not x), return the derivative d sigmoid / dx.",
    hint=[
        "Differentiate 1 / (1 + exp(-x)) and write the result in terms of sigmoid(x) itself.",
        "The text derives it: sigmoid'(x) = sigmoid(x) (1 - sigmoid(x)), and s is sigmoid(x).",
    ],
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
    kind="code",
)


def _logit(s):
    """Return the x with sigmoid(x) = s."""
    with np.errstate(divide="ignore"):  # s = 0 and s = 1 give x = -inf and inf, as they should
        return np.log(s) - np.log1p(-s)


q3 = NumberQuestion(
    "sigmoid.slope_at_ln3",
    "Derive sigmoid's slope at x = ln 3 by hand, from sigma' = sigma (1 - sigma) (e^(-ln 3) = 1/3).",
    hint=[
        "First the value: sigma(ln 3) = 1 / (1 + e^(-ln 3)) = 1 / (1 + 1/3).",
        "sigma(ln 3) = 3/4, so 1 - sigma(ln 3) = 1/4.",
        "The slope is the product of the two: 3/4 * 1/4.",
    ],
    solution="""slope = 0.75 * (1 - 0.75)  # sigma(ln 3) = 1 / (1 + 1/3) = 3/4; sigma' = 3/4 * 1/4 = 3/16""",
    answer_name="slope",
    value=3 / 16,
    tol=5e-4,
    mistakes=[
        (0.75, "that is sigma(ln 3), the value; the slope is sigma (1 - sigma) = 3/4 * 1/4"),
        (0.25, "that is the slope at x = 0, the steepest point; at x = ln 3 the curve is flatter"),
        (0.5625, "that is sigma^2 = (3/4)^2; the slope is sigma (1 - sigma) = 3/4 * 1/4"),
        (0.4375, "that is 1 - sigma^2, the form of tanh's derivative; sigmoid's is sigma (1 - sigma)"),
    ],
    kind="derive",
)

q4 = ChoiceQuestion(
    "sigmoid.loss_far_tail",
    "Predict what -np.log(sigmoid(-40.0)) prints: the loss of a confident wrong answer for label 1.",
    hint=[
        "This is the mirror image of the myth check's loss, -log(1 - sigmoid(40)), which was inf. "
        "Ask where the probability sits: near 0 or near 1?",
        "sigmoid(-40) is near 0. Floats near 0 keep their relative precision (the cell after the stable form "
        "printed it); floats near 1 do not.",
    ],
    solution="""loss = "b"  # sigmoid(-40) = 4.2e-18 is stored, not rounded to 0, so -log of it is 40""",
    answer_name="loss",
    options={
        "a": (
            "inf, like -log(1 - sigmoid(40))",
            "near 0 a float keeps its relative precision: sigmoid(-40) = 4.2e-18 is stored, not rounded "
            "to 0, so its log is finite; only 1 - sigmoid(40) lost it, because 1 - 4.2e-18 rounds to 1",
        ),
        "b": ("about 40, the true loss", "right"),
        "c": ("0", "-log(p) is 0 only for p = 1; sigmoid(-40) is about 4.2e-18"),
        "d": ("nan", "nan needs inf - inf, 0 * inf or the log of a negative number; none happens here"),
    },
    right="b",
    kind="predict",
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3, q4

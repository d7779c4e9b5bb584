"""Exercises for 03-tanh: tanh from sigmoid, its derivative from its output, how much steeper it is."""

import numpy as np

import actlearn
from actlearn.exercises.core import FunctionQuestion, Mistake, NumberQuestion, bind, cases, elementwise_cases
from actlearn.exercises.core import ____ as ____  # re-exported: a starter cell holds it

sigmoid = actlearn.sigmoid

q1 = FunctionQuestion(
    "tanh.from_sigmoid",
    "Write tanh_via_sigmoid(x) using actlearn.sigmoid and arithmetic only (no np.tanh, no np.exp).",
    hint="tanh is a sigmoid stretched to (-1, 1) and squeezed twice as steep: tanh(x) = 2 sigmoid(2x) - 1.",
    solution="""import actlearn


def tanh_via_sigmoid(x):
    return 2 * actlearn.sigmoid(2 * x) - 1""",
    signature="tanh_via_sigmoid(x)",
    reference=actlearn.tanh,
    cases=elementwise_cases(),
    mistakes=[
        Mistake("that is tanh(x / 2): feed 2 * x to the sigmoid", wrong=lambda x: 2 * sigmoid(x) - 1),
        Mistake("stretch the output to (-1, 1): 2 * sigmoid(2 * x) - 1", wrong=lambda x: sigmoid(2 * x) - 1),
        Mistake("sign error: subtract 1, don't add it", wrong=lambda x: 2 * sigmoid(2 * x) + 1),
        Mistake(
            "exp overflowed and inf / inf is nan; build tanh from the stable actlearn.sigmoid",
            wrong=lambda x: (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x)),
        ),
    ],
)


def _artanh(t):
    with np.errstate(divide="ignore"):  # t = -1 and 1 give x = -inf and inf, as they should
        return np.arctanh(t)


q2 = FunctionQuestion(
    "tanh.grad_from_output",
    "Write tanh_grad(t): given t = tanh(x) (not x), return the derivative d tanh / dx.",
    hint="Differentiate sinh / cosh with the quotient rule and write the result with tanh itself.",
    solution="""def tanh_grad(t):
    return 1 - t**2  # tanh'(x) = 1 - tanh(x)^2""",
    signature="tanh_grad(t)",
    reference=lambda t: actlearn.tanh.grad(_artanh(t)),
    cases=cases(
        [
            np.array([-0.99, -0.5, -0.1, 0.0, 0.1, 0.5, 0.99]),
            0.5,
            np.array([[-0.8, -0.2, 0.3], [0.6, 0.9, -0.4]]),
            np.array([-0.9, 0.0, 0.5, 0.9], dtype=np.float32),
            np.array([-1.0, 1.0]),
            np.array([0.5, np.nan]),
        ]
    ),
    mistakes=[
        Mistake(
            "t * (1 - t) is sigmoid's derivative from its output; tanh's is 1 - t**2",
            wrong=lambda t: t * (1 - t),
        ),
        Mistake("square t: the derivative is 1 - t**2", wrong=lambda t: 1 - t),
        Mistake("sign error: 1 - t**2, not 1 + t**2", wrong=lambda t: 1 + t**2),
        Mistake(
            "you took tanh of t again; t is already tanh's output: the derivative is 1 - t**2",
            wrong=lambda t: 1 - np.tanh(t) ** 2,
        ),
    ],
)

q3 = NumberQuestion(
    "tanh.steeper",
    "How many times steeper than sigmoid is tanh at x = 0? Give tanh'(0) / sigmoid'(0).",
    hint="Use tanh(x) = 2 sigmoid(2x) - 1 and the chain rule, or evaluate both .grad at 0.",
    solution="""import actlearn

ratio = actlearn.tanh.grad(0.0) / actlearn.sigmoid.grad(0.0)  # 1 / 0.25 = 4""",
    answer_name="ratio",
    value=4.0,
    tol=1e-3,
    mistakes=[
        (0.25, "upside down: tanh'(0) = 1 and sigmoid'(0) = 0.25, so the ratio is 1 / 0.25"),
        (2.0, "tanh(x) = 2 sigmoid(2x) - 1, so the chain rule gives 2 * 2 = 4, not 2"),
        (1.0, "tanh'(0) is 1, but sigmoid'(0) is 0.25, not 1"),
    ],
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3

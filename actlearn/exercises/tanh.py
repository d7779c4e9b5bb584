"""Exercises for 04-tanh: tanh from sigmoid, its derivative two ways, where it gets flatter than sigmoid."""

import numpy as np

import actlearn
from actlearn.exercises.core import FunctionQuestion, Mistake, NumberQuestion, bind, cases, elementwise_cases
from actlearn.exercises.core import ____ as ____  # re-exported: a starter cell holds it

sigmoid = actlearn.sigmoid

q1 = FunctionQuestion(
    "tanh.from_sigmoid",
    "Write tanh_via_sigmoid(x) using actlearn.sigmoid and arithmetic only (no np.tanh, no np.exp).",
    hint=[
        "tanh is a sigmoid stretched to (-1, 1), shifted down and squeezed twice as steep.",
        "tanh(x) = 2 sigmoid(2x) - 1.",
    ],
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
    kind="code",
)


def _artanh(t):
    with np.errstate(divide="ignore"):  # t = -1 and 1 give x = -inf and inf, as they should
        return np.arctanh(t)


q2 = FunctionQuestion(
    "tanh.grad_from_output",
    "Write tanh_grad(t): given t = tanh(x) (not x), return the derivative d tanh / dx.",
    hint=[
        "Differentiate sinh / cosh with the quotient rule and write the result with tanh itself.",
        "(cosh^2 - sinh^2) / cosh^2 = 1 - tanh^2, and t is tanh(x).",
    ],
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
    kind="code",
)

q3 = NumberQuestion(
    "tanh.chain_factor",
    "Derive k in tanh'(x) = k sigmoid'(2x), from tanh(x) = 2 sigmoid(2x) - 1 and the chain rule.",
    hint=[
        "Differentiate 2 sigmoid(2x) - 1 term by term: the - 1 has slope 0.",
        "The outer 2 stays; the chain rule brings out the slope of the inner 2x as a second factor.",
    ],
    solution="""k = 2 * 2  # d/dx [2 sigmoid(2x) - 1] = 2 sigmoid'(2x) * d(2x)/dx = 4 sigmoid'(2x)""",
    answer_name="k",
    value=4.0,
    tol=1e-6,
    mistakes=[
        (2.0, "the chain rule gives two factors of 2: the outer 2 and d(2x)/dx = 2, so 2 * 2"),
        (1.0, "tanh'(x) and sigmoid'(2x) are not equal: the outer 2 and d(2x)/dx = 2 multiply the slope"),
        (0.25, "upside down: tanh is the steeper one, so k is above 1; 0.25 is sigmoid'(0)"),
        (0.5, "the factors of 2 multiply the slope, they don't divide it: k = 2 * 2"),
    ],
    kind="derive",
)

CROSSING = 2 * float(np.arccosh((1 + np.sqrt(3)) / 2))  # cosh x = 2 cosh(x/2): tanh' = sigmoid' there

q4 = NumberQuestion(
    "tanh.slope_crossing",
    "Predict the |x| beyond which tanh's slope is smaller than sigmoid's, to one decimal, before running "
    "the cell below.",
    hint=[
        "Look at the table of slopes in 'Slope: 1 at zero': at x = 0 tanh is steeper, at x = 2 it is already "
        "flatter, so the crossing lies in between.",
        "tanh'(x) = 1 / cosh^2 x and sigmoid'(x) = e^-x / (1 + e^-x)^2 = 1 / (4 cosh^2 (x/2)). "
        "Set them equal: cosh x = 2 cosh(x/2).",
        "With c = cosh(x/2), cosh x = 2c^2 - 1, so 2c^2 - 2c - 1 = 0: c = (1 + sqrt 3) / 2 and "
        "x = 2 arccosh(c).",
    ],
    solution="""import numpy as np

crossing = 2 * np.arccosh((1 + np.sqrt(3)) / 2)  # 1.66: where cosh x = 2 cosh(x/2)""",
    answer_name="crossing",
    value=CROSSING,
    tol=0.07,
    mistakes=[
        (0.0, "at x = 0 tanh is 4 times steeper than sigmoid; it falls below only further out"),
        (CROSSING / 2, "that is x/2 = arccosh((1 + sqrt 3) / 2); the crossing is at x = 2 arccosh(...)"),
        (
            float(np.arccosh(2)),
            "that is where tanh' falls to 0.25, sigmoid's slope at 0; compare with sigmoid' at the same x, "
            "which is smaller there",
        ),
        (2.0, "at x = 2 tanh' = 0.071 is already below sigmoid' = 0.105 (the table): the crossing is sooner"),
    ],
    kind="predict",
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3, q4

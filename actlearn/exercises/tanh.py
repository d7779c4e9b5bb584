"""Exercises for 04-tanh: sigmoid from tanh, tanh's second derivative, where its slope halves or drops."""

import numpy as np

import actlearn
from actlearn.exercises.core import FunctionQuestion, Mistake, NumberQuestion, bind, cases, elementwise_cases
from actlearn.exercises.core import ____ as ____  # re-exported: a starter cell holds it
from actlearn.exercises.source_rules import RuledFunctionQuestion

q1 = RuledFunctionQuestion(
    "tanh.sigmoid_via_tanh",
    "Write sigmoid_via_tanh(x): the sigmoid from np.tanh and arithmetic only (no exp, no actlearn.sigmoid), "
    "for any array x (±inf and NaN too; float32 in, float32 out).",
    hint=[
        "The text showed tanh(x) = 2 sigmoid(2x) - 1. Solve it for the sigmoid.",
        "sigmoid(2x) = (1 + tanh(x)) / 2; now write y = 2x, so x = y / 2.",
    ],
    solution="""import numpy as np


def sigmoid_via_tanh(x):
    return (1 + np.tanh(x / 2)) / 2  # tanh(x) = 2 sigmoid(2x) - 1, solved for sigmoid, at x / 2""",
    signature="sigmoid_via_tanh(x)",
    reference=actlearn.sigmoid,  # default (absolute) tolerance: the lesson is the identity, not the tail
    cases=elementwise_cases(),
    mistakes=[
        Mistake("that is sigmoid(2x): feed x / 2 to tanh", wrong=lambda x: (1 + np.tanh(x)) / 2),
        Mistake("shift before you halve: (1 + tanh(x / 2)) / 2", wrong=lambda x: np.tanh(x / 2) / 2),
        Mistake("halve it: 1 + tanh runs from 0 to 2", wrong=lambda x: 1 + np.tanh(x / 2)),
        Mistake("sign error: that is sigmoid(-x), which falls", wrong=lambda x: (1 - np.tanh(x / 2)) / 2),
    ],
    must_call=("tanh",),
    forbidden=("exp", "expm1", "exp2", "expit", "sigmoid", "logistic", "logaddexp", "power", "cosh", "sinh"),
    rule="build the sigmoid from np.tanh and arithmetic, as the prompt asks",
    kind="code",
)


def _tanh_second(t):
    return -2 * t * (1 - t**2)  # d/dx (1 - t^2) = -2t dt/dx, and dt/dx = 1 - t^2


q2 = FunctionQuestion(
    "tanh.second_derivative",
    "Write tanh_second(t): given t = tanh(x) for t in [-1, 1] (NaN stays NaN; float32 in, float32 out), "
    "return tanh's second derivative d^2 tanh / dx^2, as a function of t.",
    hint=[
        "Start from tanh'(x) = 1 - t^2 with t = tanh(x), and differentiate it once more with respect to x.",
        "The chain rule: d/dx (1 - t^2) = -2t * dt/dx, and dt/dx is tanh' itself.",
        "Multiply the two: -2t * (1 - t^2), which is 0 at t = 0 and at t = -1 and 1.",
    ],
    solution="""def tanh_second(t):
    return -2 * t * (1 - t**2)  # d/dx (1 - t^2) = -2t dt/dx, and dt/dx = 1 - t^2""",
    signature="tanh_second(t)",
    reference=_tanh_second,
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
    quiet=False,  # through x = arctanh(t) is right too; it warns at t = -1 and 1, where x is infinite
    mistakes=[
        Mistake(
            "that is the first derivative, 1 - t^2; differentiate it once more with respect to x",
            wrong=lambda t: 1 - t**2,
        ),
        Mistake(
            "that is d/dt (1 - t^2); the chain rule multiplies by dt/dx = 1 - t^2 too",
            wrong=lambda t: -2 * t,
        ),
        Mistake(
            "sign error: tanh bends down for x > 0, so the second derivative is negative there",
            wrong=lambda t: 2 * t * (1 - t**2),
        ),
        Mistake("the derivative of t^2 is 2t: -2t (1 - t^2)", wrong=lambda t: -t * (1 - t**2)),
    ],
    kind="code",
)

HALF_SLOPE = float(
    np.log(1 + np.sqrt(2))
)  # 1 - t^2 = 1/2 at t = 1/sqrt 2, and artanh(1/sqrt 2) = ln(1 + sqrt 2)

q3 = NumberQuestion(
    "tanh.half_slope",
    "Derive the x > 0 where tanh's slope has fallen to 1/2, half its peak, to two decimals.",
    hint=[
        "tanh'(x) = 1 - tanh(x)^2. Set it to 1/2 and solve for t = tanh(x) first.",
        "t = 1 / sqrt(2), so x = artanh(1 / sqrt 2) = (1/2) ln((1 + t) / (1 - t)).",
        "(1 + t) / (1 - t) = (sqrt 2 + 1) / (sqrt 2 - 1) = (1 + sqrt 2)^2, so x = ln(1 + sqrt 2).",
    ],
    solution="""import numpy as np

half_slope = np.arctanh(1 / np.sqrt(2))  # 1 - t^2 = 1/2 at t = 1/sqrt 2: x = ln(1 + sqrt 2) = 0.88""",
    answer_name="half_slope",
    value=HALF_SLOPE,
    tol=0.006,  # 0.88, the two decimals asked for, is right
    mistakes=[
        (1 / np.sqrt(2), "that is t = tanh(x) at the point; x itself is artanh(t)"),
        (0.5, "that is t^2 at the point, 1 - 1/2; solve t = 1 / sqrt 2 for x"),
        (float(np.arctanh(0.5)), "that solves tanh(x) = 1/2; the slope is 1 - tanh(x)^2"),
        (float(np.arccosh(2)), "that is where the slope falls to 1/4, sigmoid's peak; 1/2 comes sooner"),
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

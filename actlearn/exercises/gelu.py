"""Exercises for 10-gelu: exact GELU, its tanh approximation, and the largest gap between them."""

import math

import numpy as np
from scipy.special import erf

import actlearn
from actlearn.exercises.core import FunctionQuestion, Mistake, NumberQuestion, bind, elementwise_cases
from actlearn.exercises.core import ____ as ____  # re-exported: a starter cell holds it

# GELU at -inf is a limit (-inf * 0) that the textbook formulas can't give, so infinities are left out.
CASES = elementwise_cases(infinities=False)
C = math.sqrt(2 / math.pi)


def _tanh_form(x, scale=C, power=3, half=0.5):
    return half * x * (1 + np.tanh(scale * (x + 0.044715 * x**power)))


q1 = FunctionQuestion(
    "gelu.tanh",
    "Write gelu_tanh(x) = 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))), keeping float32 as float32.",
    hint="Write the formula with np.tanh. Take sqrt(2 / pi) from math.sqrt: a numpy float64 constant would "
    "turn float32 inputs into float64.",
    solution="""import math

import numpy as np


def gelu_tanh(x):
    c = math.sqrt(2 / math.pi)  # a Python float: float32 stays float32
    return 0.5 * x * (1 + np.tanh(c * (x + 0.044715 * x**3)))""",
    signature="gelu_tanh(x)",
    reference=lambda x: actlearn.gelu(x, approximate="tanh"),
    cases=CASES,
    mistakes=[
        Mistake("0.044715 multiplies x cubed, x**3, not x squared", wrong=lambda x: _tanh_form(x, power=2)),
        Mistake(
            "that is exact GELU (the erf form); this asks for the tanh approximation", wrong=actlearn.gelu
        ),
        Mistake(
            "the factor is sqrt(2 / pi), about 0.798, not sqrt(pi / 2)",
            wrong=lambda x: _tanh_form(x, scale=math.sqrt(math.pi / 2)),
        ),
        Mistake("you left out the 0.5 in front", wrong=lambda x: _tanh_form(x, half=1.0)),
    ],
)

q2 = NumberQuestion(
    "gelu.max_gap",
    "What is the largest |exact GELU - tanh approximation| over all x? Give 2 significant digits (1.2e-3).",
    hint="Compute both on a fine grid, x = np.linspace(-6, 6, 100001); far from 0 they agree.",
    solution="""import numpy as np

import actlearn

x = np.linspace(-6, 6, 100001)
gap = np.abs(actlearn.gelu(x) - actlearn.gelu(x, approximate="tanh"))
max_gap = gap.max()  # 4.7e-4, near x = -2.70""",
    answer_name="max_gap",
    value=4.73e-4,
    tol=0.05e-4,
    mistakes=[
        (
            0.0,
            "they are close but not equal: compare them on a fine grid; take the largest absolute difference",
        ),
    ],
)

q3 = FunctionQuestion(
    "gelu.exact",
    "Write my_gelu(x) = x * Phi(x), Phi the standard normal CDF, exactly (scipy.special.erf may help).",
    hint="Phi(x) = (1 + erf(x / sqrt(2))) / 2. Use math.sqrt so float32 stays float32.",
    solution="""import math

from scipy.special import erf


def my_gelu(x):
    return 0.5 * x * (1 + erf(x / math.sqrt(2)))""",
    signature="my_gelu(x)",
    reference=actlearn.gelu,
    cases=CASES,
    mistakes=[
        Mistake(
            "Phi(x) = (1 + erf(x / sqrt(2))) / 2: divide x by sqrt(2) inside erf",
            wrong=lambda x: 0.5 * x * (1 + erf(x)),
        ),
        Mistake("that is the tanh approximation, off by up to 4.7e-4; use erf", wrong=_tanh_form),
        Mistake(
            "x * sigmoid(1.702 x) is another approximation; use erf",
            wrong=lambda x: x * actlearn.sigmoid(1.702 * x),
        ),
    ],
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3

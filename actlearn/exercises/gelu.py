"""Exercises for 11-gelu: the tanh approximation, how far the sigmoid one is off, exact GELU with its tail."""

import math

import numpy as np
from scipy.special import erf, erfc

import actlearn
from actlearn.exercises.core import Case, ChoiceQuestion, FunctionQuestion, Mistake, bind, elementwise_cases
from actlearn.exercises.core import ____ as ____  # re-exported: a starter cell holds it
from actlearn.exercises.source_rules import RuledFunctionQuestion

# GELU at -inf is a limit (-inf * 0) that the textbook formulas can't give, so infinities are left out.
CASES = elementwise_cases(infinities=False)
C = math.sqrt(2 / math.pi)


def _tanh_form(x, scale=C, power=3, half=0.5):
    return half * x * (1 + np.tanh(scale * (x + 0.044715 * x**power)))


q1 = FunctionQuestion(
    "gelu.tanh",
    "Write gelu_tanh(x) = 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))); it is checked at x = +-1000 and "
    "NaN (NaN gives NaN) and on float32 input (keep float32).",
    hint=[
        "Write the formula as it stands, with np.tanh and x**3.",
        "Take sqrt(2 / pi) from math.sqrt, a Python float: a numpy float64 constant like np.sqrt(2 / np.pi) "
        "turns float32 inputs into float64.",
    ],
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

q2 = ChoiceQuestion(
    "gelu.sigmoid_gap",
    "Predict: the paper's cheaper approximation, x sigmoid(1.702 x), is off from exact GELU by at most about "
    "how much?",
    hint=[
        "x sigmoid(1.702 x) is swish with beta = 1.702. Where is its minimum, by 10's rule "
        "(swish's minimum, -0.2785 at beta = 1, divided by beta)?",
        "Its minimum is -0.2785 / 1.702 = -0.164, GELU's is -0.170: at their lowest points the curves are "
        "already about 0.006 apart, so the largest gap is at least that. Which option alone fits?",
    ],
    solution="""how_far = "c"  # about 0.020 (at x = +-2.27): 40 times the tanh form's 4.7e-4""",
    answer_name="how_far",
    options={
        "a": (
            "about 1e-8: far closer than the tanh form",
            "the minima alone differ by 0.006: -0.2785 / 1.702 = -0.164 against GELU's -0.170",
        ),
        "b": (
            "about 5e-4, like the tanh form",
            "the minima alone differ by 0.006, more than ten times that: "
            "-0.2785 / 1.702 = -0.164 against -0.170",
        ),
        "c": ("about 0.02: rougher than the tanh form", "right"),
        "d": (
            "about 0.2: it is a different function",
            "its minimum, -0.2785 / 1.702 = -0.164, is within 0.006 of GELU's -0.170; the curves stay close",
        ),
    },
    right="c",
    kind="predict",
)

# The far tail, where (1 + erf(x / sqrt 2)) / 2 rounds to 0 and x Phi(x) does not: -10 Phi(-10) = -7.6e-23.
TAIL = Case((np.array([-10.0, -2.0, 2.0, 10.0]),))


def _erf_form(x):
    return 0.5 * x * (1 + erf(x / math.sqrt(2)))


q3 = RuledFunctionQuestion(
    "gelu.exact",
    "Write my_gelu(x) = x * Phi(x), Phi the standard normal CDF, with scipy.special.erfc only (no ndtr or "
    "erf): derive Phi from erfc. It must stay exact far in the negative tail: it is checked at x = -10 "
    "(about -7.6e-23, not 0) with a relative tolerance, at x = +-1000 and NaN (NaN gives NaN), and on "
    "float32 input (keep float32).",
    hint=[
        "The textbook form 0.5 x (1 + erf(x / sqrt 2)) rounds 1 + erf(...) to 0 below about -8.4, as above. "
        "erfc(u) = 1 - erf(u) is computed directly, tail and all: write 1 + erf(v) as an erfc.",
        "erf is odd, so 1 + erf(v) = 1 - erf(-v) = erfc(-v): Phi(x) = erfc(-x / sqrt 2) / 2.",
        "from scipy.special import erfc, then return 0.5 * x * erfc(-x / math.sqrt(2)) (a Python float "
        "keeps float32 as float32).",
    ],
    solution="""import math

from scipy.special import erfc


def my_gelu(x):
    # 1 + erf(v) = erfc(-v), which keeps the far tail that 1 + erf(v) rounds to 0 below x = -8.4
    return 0.5 * x * erfc(-x / math.sqrt(2))""",
    signature="my_gelu(x)",
    reference=actlearn.gelu,
    cases=[*CASES[:5], TAIL, *CASES[5:]],
    # Relative tolerance only: -7.6e-23 is a right answer at x = -10, and 0 is not.
    tolerance={"float32": (1e-4, 0.0), "float64": (1e-7, 0.0)},
    mistakes=[
        Mistake(
            "the erf form rounds 1 + erf(x / sqrt 2) to exactly 0 below x = -8.4; write it as "
            "erfc(-x / sqrt 2), which keeps the tail",
            wrong=_erf_form,
        ),
        Mistake(
            "Phi(x) = (1 + erf(x / sqrt(2))) / 2: divide x by sqrt(2) inside; with erfc, "
            "erfc(-x / sqrt 2) / 2",
            wrong=lambda x: 0.5 * x * (1 + erf(x)),
        ),
        Mistake(
            "that is the tanh approximation, off by up to 4.7e-4; Phi(x) is erfc(-x / sqrt 2) / 2",
            wrong=_tanh_form,
        ),
        Mistake(
            "x * sigmoid(1.702 x) is another approximation; Phi(x) is erfc(-x / sqrt 2) / 2",
            wrong=lambda x: x * actlearn.sigmoid(1.702 * x),
        ),
        Mistake(
            "that is Phi(x) alone, the gate; GELU multiplies it by x",
            wrong=lambda x: 0.5 * erfc(-x / math.sqrt(2)),
        ),
        Mistake(
            "erfc(u) = 1 - erf(u): 1 + erf(x / sqrt 2) is erfc(-x / sqrt 2), with a minus sign inside",
            wrong=lambda x: 0.5 * x * erfc(x / math.sqrt(2)),
        ),
    ],
    must_call=("erfc",),
    forbidden={"ndtr", "erf", "log_ndtr", "gelu", "cdf", "norm"},
    rule="derive Phi from scipy.special.erfc, as the prompt asks",
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3

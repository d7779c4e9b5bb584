"""The checkers of 11-gelu: each passes right answers written other ways and names the common wrong ones.

Expected values come from the maths: GELU(x) = x Phi(x) with Phi(x) = erfc(-x / sqrt 2) / 2, which keeps
the tail that 1 + erf(x / sqrt 2) rounds to 0 (-10 Phi(-10) = -7.6e-23); the tanh form is the paper's
0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))) (Hendrycks and Gimpel 2016, section 2).
(tests/test_exercises.py also runs this file's WRONG table through its generic checks.)
"""

import math
import statistics

import numpy as np
import pytest
from exercise_helpers import verdict
from scipy.special import erf, erfc, ndtr

import actlearn
from actlearn.exercises import gelu

sig = actlearn.sigmoid

WRONG = [
    ("gelu.tanh", lambda x: 0.5 * x * (1 + np.tanh(0.7978845608 * (x + 0.044715 * x * x))), "x cubed"),
    ("gelu.tanh", actlearn.gelu, "exact GELU"),
    (
        "gelu.tanh",
        lambda x: 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x**3))),
        "returned float64 for float32 input",
    ),
    ("gelu.tanh", lambda x: x * (1 + np.tanh(0.7978845608 * (x + 0.044715 * x**3))), "0.5 in front"),
    # the prompt says NaN gives NaN
    (
        "gelu.tanh",
        lambda x: np.where(np.isnan(x), 0.0, 0.5 * x * (1 + np.tanh(0.7978845608 * (x + 0.044715 * x**3)))),
        "NaN went in and a number came out",
    ),
    # swish at beta = 1.702 bottoms out at -0.2785 / 1.702 = -0.164, GELU at -0.170: the gap is >= 0.006
    ("gelu.sigmoid_gap", "a", "differ by 0.006"),
    ("gelu.sigmoid_gap", "b", "more than ten times that"),
    ("gelu.sigmoid_gap", "d", "the curves stay close"),
    ("gelu.sigmoid_gap", "e", "not an option"),
    # -10 Phi(-10) = -7.6e-23, but 1 + erf(-10 / sqrt 2) rounds to 0 in float64
    (
        "gelu.exact",
        lambda x: 0.5 * x * (1 + erf(x / math.sqrt(2))),
        "returned -0 (expected -7.62e-23) at x = -10",
    ),
    ("gelu.exact", lambda x: 0.5 * x * (1 + erf(x)), "divide x by sqrt(2)"),
    ("gelu.exact", lambda x: actlearn.gelu(x, approximate="tanh"), "tanh approximation"),
    ("gelu.exact", lambda x: x * sig(1.702 * x), "another approximation"),
    ("gelu.exact", lambda x: 0.5 * (1 + erf(x / math.sqrt(2))), "Phi(x) alone"),
    # erfc(u) = 1 - erf(u), so 1 + erf(v) = erfc(-v): without the minus sign it is x (1 - Phi(x))
    ("gelu.exact", lambda x: 0.5 * x * erfc(x / math.sqrt(2)), "with a minus sign inside"),
    ("gelu.exact", lambda x: x * ndtr(x) * np.float64(1.0), "returned float64 for float32 input"),
]


@pytest.mark.parametrize(
    ("qid", "answer"),
    [
        ("gelu.tanh", lambda x: 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)))),
        # 1 + tanh(u) = 2 sigmoid(2u): the same function, and it keeps the tail
        ("gelu.tanh", lambda x: x * sig(2 * math.sqrt(2 / math.pi) * (x + 0.044715 * x * x * x))),
        ("gelu.exact", lambda x: 0.5 * x * erfc(-x / math.sqrt(2))),
        ("gelu.exact", lambda x: x * (erfc(-x / math.sqrt(2)) / 2)),
        ("gelu.sigmoid_gap", "c"),
        ("gelu.sigmoid_gap", "(C)"),
    ],
)
def test_right_answers_pass(qid, answer):
    result, text = verdict(qid, answer)
    assert result, text


def test_the_right_option_is_not_the_longest_by_far():
    options = {key: text for key, (text, _) in gelu.q2.options.items()}
    others = [len(text) for key, text in options.items() if key != gelu.q2.right]
    assert len(options[gelu.q2.right]) <= 1.5 * statistics.median(others)


def gelu_with_ndtr(x):  # right values, but the prompt asks for Phi derived from erfc
    return x * ndtr(x)


def gelu_with_erf_and_erfc(x):  # right values, but erf is ruled out
    return np.where(x > 0, 0.5 * x * (1 + erf(x / math.sqrt(2))), 0.5 * x * erfc(-x / math.sqrt(2)))


@pytest.mark.parametrize(
    ("answer", "named"), [(gelu_with_ndtr, "uses ndtr"), (gelu_with_erf_and_erfc, "uses erf")]
)
def test_exact_gelu_must_derive_phi_from_erfc(answer, named):
    result, text = verdict("gelu.exact", answer)
    assert not result and "right values, but" in text and named in text, text

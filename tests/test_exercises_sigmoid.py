"""Notebook 03's checkers hold the tails the lesson teaches and accept what the prompts allow.

Expected values come from the maths: sigmoid(x) = e^x / (1 + e^x), about e^x far left, so sigmoid(-720) is
e^-720 (a subnormal float) and log sigmoid(-1000) is -1000; 3/16 = 0.1875 rounds to 0.187 or 0.188.
(tests/test_exercises.py also runs this file's WRONG table through its generic checks.)
"""

import math

import numpy as np
import pytest
from scipy.special import expit

import actlearn
from actlearn.exercises import sigmoid


def naive_silenced(x):
    with np.errstate(over="ignore"):  # the warning silenced; the value at -720 is still 0
        return 1 / (1 + np.exp(-x))


def flushes_the_tail(x):
    return 0.5 * (1 + np.tanh(x / 2))  # exact algebra, but 1 + tanh(-20) rounds to 0


WRONG = [  # (question, answer, what the verdict must say)
    ("sigmoid.stable", naive_silenced, "silenced or not"),
    ("sigmoid.stable", expit, "at x = -720"),
    ("sigmoid.stable", flushes_the_tail, "far tail was rounded to 0"),
    ("sigmoid.log_sigmoid", lambda x: np.log(actlearn.sigmoid(x)), "rounded to 0 is -inf"),
    ("sigmoid.log_sigmoid", lambda x: -np.log1p(np.exp(-x)), "exp(-x) overflowed"),
    ("sigmoid.log_sigmoid", lambda x: np.logaddexp(0, -x), "never positive"),
    ("sigmoid.log_sigmoid", lambda x: -np.logaddexp(0, x), "the other class"),
    ("sigmoid.slope_at_ln3", 0.19, "too large"),
    ("sigmoid.slope_at_ln3", 0.185, "too small"),
]


def test_the_tail_case_holds_what_the_maths_says():
    assert math.exp(-720) > 0 and naive_silenced(np.array([-720.0]))[0] == 0  # the naive value is wrong
    assert actlearn.sigmoid(-720.0) == pytest.approx(math.exp(-720), rel=1e-9)
    assert flushes_the_tail(np.array([-40.0]))[0] == 0 and -math.log(math.exp(-40)) == pytest.approx(40)


@pytest.mark.parametrize(
    "answer",
    [
        lambda x: np.where(
            x >= 0, 1 / (1 + np.exp(-np.abs(x))), np.exp(-np.abs(x)) / (1 + np.exp(-np.abs(x)))
        ),
        lambda x: np.exp(np.minimum(x, 0)) / (1 + np.exp(-np.abs(x))),
        lambda x: np.exp(-np.logaddexp(0, -x)),  # through the log, exact in both tails
    ],
)
def test_stable_forms_pass(answer):
    assert sigmoid.q1.grade(answer) is None


@pytest.mark.parametrize(
    "answer",
    [
        lambda x: -np.logaddexp(0, -x),
        lambda x: np.minimum(x, 0) - np.log1p(np.exp(-np.abs(x))),
    ],
)
def test_log_sigmoid_forms_pass(answer):
    assert sigmoid.q2.grade(answer) is None


def test_the_right_tail_the_prompt_promises_is_what_the_maths_says():
    assert "log_sigmoid(40) is about -4.2e-18" in sigmoid.q2.prompt
    assert sigmoid.q2.reference(np.array([40.0]))[0] == pytest.approx(-math.exp(-40), rel=1e-9)


def test_a_right_tail_cancelled_to_0_is_named_as_such():
    text = sigmoid.q2.grade(lambda x: x - np.logaddexp(0, x))  # right on paper; 40 - 40.000... is 0
    assert "at x = 40" in text and "cancels to 0" in text and "rounded to 0 is -inf" not in text


def test_a_right_answer_near_0_is_not_blamed_on_the_far_tail():
    text = sigmoid.q1.grade(lambda x: np.where(x >= 0, 1 / (1 + np.exp(-np.abs(x))), 0.0))
    assert "at x = -3" in text and "far tail" not in text


def test_log_sigmoid_is_right_far_left_where_the_probability_is_0():
    x = np.array([-1000.0])
    assert actlearn.sigmoid(x)[0] == 0 and sigmoid.q2.reference(x)[0] == -1000.0


@pytest.mark.parametrize("rounded", [0.1875, 0.187, 0.188, 3 / 16])
def test_the_slope_at_ln3_passes_rounded_to_three_decimals(rounded):
    s = 1 / (1 + math.exp(-math.log(3)))
    assert abs(rounded - s * (1 - s)) < 1e-3 and sigmoid.q3.grade(rounded) is None


def test_the_right_option_is_not_the_longest_by_far():
    lengths = {key: len(text) for key, (text, _) in sigmoid.q4.options.items()}
    others = sorted(n for key, n in lengths.items() if key != sigmoid.q4.right)
    assert lengths[sigmoid.q4.right] <= 1.5 * float(np.median(others))

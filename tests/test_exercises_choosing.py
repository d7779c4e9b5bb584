"""The checkers of 14-choosing-an-activation: numbers at the precision asked, and options that don't give
themselves away.

Expected values come from the maths: GELU'(x) = Phi(x) + x phi(x) is largest at x = sqrt 2 (GELU'' =
phi (2 - x^2)), and backprop multiplies one slope per layer, so ten such layers give GELU'(sqrt 2)^10.
(tests/test_exercises.py also runs this file's WRONG table through its generic checks.)
"""

import contextlib
import io
import statistics

import pytest
from scipy.stats import norm

from actlearn.exercises import choosing

WRONG = [
    ("choosing.gelu_chain", 3.35, "too small"),
    ("choosing.adam_race", 1, "letter of an option"),
]

STEEPEST = norm.cdf(2**0.5) + 2**0.5 * norm.pdf(2**0.5)


def right(question, answer):
    with contextlib.redirect_stdout(io.StringIO()):
        return question.verdict(answer).status == "right"


@pytest.mark.parametrize("answer", [STEEPEST**10, 3.36, 3.362, 1.1289**10, round(1.129**10, 2)])
def test_the_chain_accepts_the_product_at_the_digits_asked(answer):
    assert right(choosing.q3, answer)


@pytest.mark.parametrize("answer", [3.35, 3.37, 3.4, 10 * STEEPEST, STEEPEST**9, STEEPEST])
def test_the_chain_rejects_near_misses_and_sums(answer):
    assert not right(choosing.q3, answer)


def test_the_derive_question_is_not_answered_by_the_text_it_follows():
    # notebook 11 derives where GELU's slope peaks (sqrt 2); the question now asks what ten such slopes do
    assert "sqrt" not in choosing.q3.prompt and "1.1289" in choosing.q3.prompt


@pytest.mark.parametrize("question", [choosing.q1, choosing.q4, choosing.q5], ids=lambda q: q.id)
def test_the_right_option_is_no_longer_than_the_others(question):
    lengths = {key: len(text) for key, (text, _) in question.options.items()}
    others = [n for key, n in lengths.items() if key != question.right]
    assert lengths[question.right] <= 1.5 * statistics.median(others)


@pytest.mark.parametrize("question", [choosing.q1, choosing.q4, choosing.q5], ids=lambda q: q.id)
def test_the_right_option_is_not_the_longest(question):
    lengths = {key: len(text) for key, (text, _) in question.options.items()}
    assert lengths[question.right] < max(n for key, n in lengths.items() if key != question.right)

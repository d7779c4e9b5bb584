"""The checkers of 10-swish: each passes right answers written other ways and names the common wrong ones.

Expected values come from the maths: swish(x; beta) = swish(beta x; 1) / beta moves the beta = 1 minimum
(-1.2785, -0.2785) to (-0.639, -0.139) at beta = 2; swish'(0) = sigmoid(0) = 1/2 for every beta; below
x = -709.78, exp(-x) overflows, so x / (1 + exp(-x)) is 0 where swish is x e^x (about -1.5e-310 at -720).
(tests/test_exercises.py also runs this file's WRONG table through its generic checks.)
"""

import numpy as np
import pytest
from exercise_helpers import verdict
from scipy.special import expit

import actlearn
from actlearn.exercises import swish

sig = actlearn.sigmoid


def naive_swish_silenced(x, beta=1.0):
    with np.errstate(over="ignore"):  # the warning is gone; the wrong value is not
        return x / (1 + np.exp(-beta * x))


def naive_grad_silenced(x, beta=1.0):
    with np.errstate(over="ignore"):
        s = 1 / (1 + np.exp(-beta * x))
    return s + beta * x * s * (1 - s)


WRONG = [
    # swish(x; 2) = swish(2x; 1) / 2: the beta = 1 minimum (-1.2785, -0.2785) halved
    ("swish.minimum_at_beta", (-1.2785, -0.2785), "minimum at beta = 1"),
    ("swish.minimum_at_beta", (-2.557, -0.557), "multiplied by beta"),
    ("swish.minimum_at_beta", (-0.639, -0.2785), "the value shrinks too"),
    ("swish.minimum_at_beta", (-1.2785, -0.139), "the location shrinks too"),
    ("swish.minimum_at_beta", (-0.139, -0.639), "swapped"),
    ("swish.minimum_at_beta", (-0.60, -0.139), "the location -0.6 is too large"),
    ("swish.function", lambda x, beta=1.0: x / (1 + np.exp(-beta * x)), "overflow in exp at x = -1000"),
    ("swish.function", naive_swish_silenced, "silenced or not"),
    ("swish.function", naive_swish_silenced, "at x = -710"),
    # scipy's expit returns 0 below -709.78 (the toolchain notes): it loses the same tail
    ("swish.function", lambda x, beta=1.0: x * expit(beta * x), "tiny but not 0"),
    ("swish.function", lambda x, beta=1.0: x * sig(x), "ignored beta"),
    ("swish.function", lambda x, beta=1.0: beta * x * sig(x), "beta goes inside"),
    ("swish.function", lambda x, beta=1.0: sig(beta * x), "alone"),
    ("swish.function", lambda x, beta=1.0: np.float64(1.0) * x * sig(beta * x), "float64 for float32"),
    ("swish.grad", lambda x, beta=1.0: sig(beta * x), "product rule"),
    (
        "swish.grad",
        lambda x, beta=1.0: sig(x * beta) + x * sig(x * beta) * (1 - sig(x * beta)),
        "factor beta",
    ),
    ("swish.grad", naive_grad_silenced, "silenced or not"),
    ("swish.grad", actlearn.swish, "value, not its slope"),
    # swish'(0) = sigmoid(0) + beta * 0 * ... = 1/2 for every beta
    ("swish.slope_at_zero", 2.5, "beta / 2"),
    ("swish.slope_at_zero", 5, "beta is not swish's slope"),
    ("swish.slope_at_zero", 1.25, "the gate's own slope at 0, beta / 4"),
    ("swish.slope_at_zero", 1, "ReLU's slope"),
    ("swish.slope_at_zero", 0.25, "sigmoid's slope at 0"),
]


def swish_two_branches(x, beta=1.0):  # right, written out: exp of a non-positive number only
    e = np.exp(-np.abs(beta * x))
    return np.where(beta * x >= 0, x / (1 + e), x * e / (1 + e))


def swish_grad_two_branches(x, beta=1.0):
    e = np.exp(-np.abs(beta * x))
    s = np.where(beta * x >= 0, 1 / (1 + e), e / (1 + e))
    return s + beta * x * e / (1 + e) ** 2  # s (1 - s) = e / (1 + e)^2 on both sides


def swish_logaddexp(x, beta=1.0):  # right: sigmoid(bx) = exp(-log(1 + e^(-bx))); it warns only at NaN
    return x * np.exp(-np.logaddexp(0, -beta * x))


def swish_grad_from_s_and_y(x, beta=1.0):  # the derivation the prompt asks for: s' = s (1 - s)
    s = sig(beta * x)
    y = actlearn.swish(x, beta=beta)
    return s + beta * y * (1 - s)


@pytest.mark.parametrize(
    ("qid", "answer"),
    [
        ("swish.function", swish_two_branches),
        ("swish.function", swish_logaddexp),
        ("swish.grad", lambda x, beta=1.0: (s := sig(beta * x)) + beta * x * s * (1 - s)),
        ("swish.grad", swish_grad_two_branches),
        ("swish.grad", swish_grad_from_s_and_y),
        ("swish.minimum_at_beta", (-0.639, -0.139)),
        ("swish.slope_at_zero", 0.5),
    ],
)
def test_right_answers_pass(qid, answer):
    result, text = verdict(qid, answer)
    assert result, text


def test_the_tail_case_is_a_real_number_that_the_naive_formula_flushes_to_zero():
    x = -720.0
    assert 1e-311 < -x * np.exp(x) < 1e-309  # swish(x) = x e^x / (1 + e^x), about -1.5e-310
    with np.errstate(over="ignore"):
        assert x / (1 + np.exp(-x)) == 0


def tanh_gate_swish(x, beta=1.0):  # sigmoid(u) = (1 + tanh(u / 2)) / 2: 1 + tanh(-25) cancels to 0
    return x * 0.5 * (1 + np.tanh(beta * x / 2))


def tanh_gate_grad(x, beta=1.0):
    s = 0.5 * (1 + np.tanh(beta * x / 2))
    return s + beta * x * s * (1 - s)


def test_a_tanh_gate_is_told_that_1_plus_tanh_cancels_not_a_product_rule_slip():
    for qid, answer in [("swish.function", tanh_gate_swish), ("swish.grad", tanh_gate_grad)]:
        result, text = verdict(qid, answer)
        assert not result and "x = -50" in text and "1 + tanh(...) cancels" in text, text
        assert "product rule" not in text


def test_the_prompts_say_every_value_is_judged_relatively():
    for question in (swish.q2, swish.q3):
        assert "x = -30 and -50 included, is compared with a relative tolerance" in question.prompt


def library_gate_swish(x, beta=1.0):  # right values, but the prompt asks for the gate built from np.exp
    return x * actlearn.sigmoid(beta * x)


def three_sigmoids_grad(x, beta=1.0):  # right values, copied from the formula with a sigmoid per factor
    return actlearn.sigmoid(beta * x) + beta * x * actlearn.sigmoid(beta * x) * (
        1 - actlearn.sigmoid(beta * x)
    )


def library_slope_grad(x, beta=1.0):  # 10's own code: the second term from sigmoid's derivative
    return actlearn.sigmoid(beta * x) + beta * x * actlearn.sigmoid.grad(beta * x)


@pytest.mark.parametrize(
    ("qid", "answer", "named"),
    [
        ("swish.function", library_gate_swish, "uses sigmoid"),
        ("swish.grad", three_sigmoids_grad, "calls a sigmoid 3 times"),
        ("swish.grad", library_slope_grad, "uses grad"),
    ],
)
def test_the_stated_constraints_are_enforced_on_the_code(qid, answer, named):
    result, text = verdict(qid, answer)
    assert not result and "right values, but" in text and named in text, text

"""Notebook 04's checkers: the rule "from np.tanh, no exp" is enforced on the code, right forms pass.

Expected values come from the maths: sigmoid(x) = (1 + tanh(x/2)) / 2 solves tanh(x) = 2 sigmoid(2x) - 1;
tanh'' = -2 tanh (1 - tanh^2), checked here by a central difference; tanh' = 1/2 at x = ln(1 + sqrt 2).
(tests/test_exercises.py also runs this file's WRONG table through its generic checks.)
"""

import math

import numpy as np
import pytest

import actlearn
from actlearn.exercises import tanh


def sigmoid_from_exp(x):
    return np.exp(np.minimum(x, 0)) / (1 + np.exp(-np.abs(x)))  # right values, but the prompt rules out exp


def sigmoid_from_actlearn(x):
    return actlearn.sigmoid(x)


def sigmoid_without_tanh(x):
    return x * 0 + 0.5  # calls nothing, and is wrong anyway


WRONG = [  # (question, answer, what the verdict must say)
    ("tanh.sigmoid_via_tanh", lambda x: (1 + np.tanh(x)) / 2, "that is sigmoid(2x)"),
    ("tanh.sigmoid_via_tanh", lambda x: (1 - np.tanh(x / 2)) / 2, "sign error"),
    ("tanh.sigmoid_via_tanh", lambda x: np.tanh(x / 2) / 2, "shift before you halve"),
    ("tanh.second_derivative", lambda t: 1 - t**2, "first derivative"),
    ("tanh.second_derivative", lambda t: -2 * t, "the chain rule"),
    ("tanh.second_derivative", lambda t: 2 * t * (1 - t**2), "sign error"),
    ("tanh.second_derivative", lambda t: -t * (1 - t**2), "derivative of t^2 is 2t"),
    ("tanh.half_slope", 0.71, "that is t = tanh(x)"),
    ("tanh.half_slope", 0.55, "solves tanh(x) = 1/2"),
    ("tanh.half_slope", 1.32, "falls to 1/4"),
]


@pytest.mark.parametrize(("answer", "named"), [(sigmoid_from_exp, "exp"), (sigmoid_from_actlearn, "sigmoid")])
def test_a_sigmoid_not_built_from_tanh_is_caught_by_its_code(answer, named):
    verdict = tanh.q1.grade(answer)
    assert verdict is not None and f"uses {named}" in verdict, verdict


def test_sigmoid_from_tanh_passes_in_several_right_forms():
    assert tanh.q1.grade(lambda x: (1 + np.tanh(x / 2)) / 2) is None
    assert tanh.q1.grade(lambda x: 0.5 + 0.5 * np.tanh(0.5 * x)) is None


def test_the_second_derivative_matches_a_central_difference():
    x, h = np.linspace(-3, 3, 13), 1e-4
    second = (np.tanh(x + h) - 2 * np.tanh(x) + np.tanh(x - h)) / h**2
    assert np.allclose(tanh.q2.reference(np.tanh(x)), second, atol=1e-6)


def test_the_second_derivative_through_arctanh_passes_although_it_warns_at_t_1():
    def through_x(t):
        return -2 * t / np.cosh(np.arctanh(t)) ** 2  # at t = -1: arctanh is -inf, 1 / cosh^2 is 0: right

    assert tanh.q2.grade(through_x) is None


@pytest.mark.parametrize("answer", [0.88, 0.881, math.log(1 + math.sqrt(2))])
def test_the_half_slope_point_passes_at_two_decimals(answer):
    assert abs((1 - math.tanh(answer) ** 2) - 0.5) < 0.01 and tanh.q3.grade(answer) is None

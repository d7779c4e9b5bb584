"""Notebook 06's checkers: Leaky ReLU built from relu (its code is read), and k = 1 - alpha in its ReLU part.

(tests/test_exercises.py also runs this file's WRONG table through its generic checks.)
"""

import numpy as np

from actlearn import leaky_relu, relu
from actlearn.exercises import leaky_relu as exercises


def from_np_maximum(x, alpha=0.01):
    return np.maximum(x, alpha * x)  # right values, but the prompt rules np.maximum out


def sign_flipped(x, alpha=0.01):
    return relu(x) + alpha * relu(-x)


def through_x_minus_relu(x, alpha=0.01):
    return relu(x) + alpha * (x - relu(x))  # right for finite x; inf - inf at x = inf


WRONG = [  # (question, answer, what the verdict must say)
    ("leaky_relu.from_relu", from_np_maximum, "your code uses maximum"),
    ("leaky_relu.from_relu", sign_flipped, "sign error"),
    ("leaky_relu.from_relu", through_x_minus_relu, "inf - inf"),
    ("leaky_relu.relu_part", 0.2, "the straight line's weight"),
    ("leaky_relu.relu_part", 1, "add up to x"),
    ("leaky_relu.relu_part", 1.2, "not 1 + alpha"),
    ("leaky_relu.relu_part", -0.8, "sign"),
    ("leaky_relu.relu_part", "0.8", "a str"),
]


def test_the_decomposition_holds_for_the_accepted_k():
    x = np.linspace(-5, 5, 101)
    k = 0.8
    assert np.allclose(leaky_relu(x, alpha=0.2), 0.2 * x + k * relu(x))
    assert exercises.q4.grade(k) is None and exercises.q4.grade(1 - 0.2) is None


def with_relu_halves(x, alpha=0.01):
    return relu(x) - alpha * relu(-x)


def line_plus_relu(x, alpha=0.01):
    return alpha * x + (1 - alpha) * relu(x)


def via_actlearn(x, alpha=0.01):
    import actlearn

    return actlearn.relu(x) - alpha * actlearn.relu(-x)


def test_leaky_relu_built_from_relu_passes_in_several_right_forms():
    for answer in (with_relu_halves, line_plus_relu, via_actlearn):
        assert exercises.q1.grade(answer) is None, answer.__name__


def test_the_rule_the_prompt_states_is_the_rule_the_checker_reads():
    for construct in ("np.maximum", "np.minimum", "np.where"):
        assert construct in exercises.q1.prompt
    assert "maximum" in exercises.q1.grade(from_np_maximum)

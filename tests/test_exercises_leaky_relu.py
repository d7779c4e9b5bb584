"""Notebook 06's new derive question: the ReLU inside Leaky ReLU, k = 1 - alpha, checked against the function.

(tests/test_exercises.py also runs this file's WRONG table through its generic checks.)
"""

import numpy as np

from actlearn import leaky_relu, relu
from actlearn.exercises import leaky_relu as exercises

WRONG = [  # (question, answer, what the verdict must say)
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

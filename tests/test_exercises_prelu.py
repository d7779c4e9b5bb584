"""Notebook 07's one-step question: the slope after a gradient-descent step, against a finite difference.

Expected values come from the maths, not the package: dL/d alpha is estimated here by a central difference of
L = sum(upstream * prelu(x, alpha)), whose derivative in alpha is sum(upstream * min(x, 0)).
(tests/test_exercises.py also runs this file's WRONG table through its generic checks.)
"""

import numpy as np
import pytest

from actlearn.exercises import prelu as exercises

WRONG = [  # (question, answer, what the verdict must say)
    ("prelu.alpha_step", lambda a, x, u, lr: a + lr * np.sum(u * np.minimum(x, 0)), "subtracts"),
    ("prelu.alpha_step", lambda a, x, u, lr: np.sum(u * np.minimum(x, 0)), "that is the gradient"),
    ("prelu.alpha_step", lambda a, x, u, lr: a - lr * np.sum(u * x), "does not depend on alpha"),
    ("prelu.alpha_step", lambda a, x, u, lr: a - lr * np.mean(u * np.minimum(x, 0)), "that is the mean"),
    ("prelu.alpha_step", lambda a, x, u, lr: a - lr * np.sum(np.minimum(x, 0)), "upstream gradient"),
    ("prelu.alpha_step", lambda a, x, u, lr: a - lr * u * np.minimum(x, 0), "one number shared"),
    ("prelu.alpha_step", lambda a, x, u, lr: a - lr * np.sum(u * np.where(x <= 0, a, 1.0)), "d PReLU / dx"),
]


def leaky(x, alpha):
    return np.where(x > 0, x, alpha * x)


@pytest.mark.parametrize("case", exercises.q1.cases, ids=lambda c: c.label)
def test_the_step_matches_a_central_difference(case):
    alpha, x, upstream, lr = case.args
    h = 1e-6
    loss = lambda a: np.sum(upstream * leaky(x, a))  # noqa: E731
    grad = (loss(alpha + h) - loss(alpha - h)) / (2 * h)
    assert exercises.q1.reference(*case.args) == pytest.approx(alpha - lr * grad, rel=1e-8, abs=1e-10)


def test_right_forms_pass():
    assert exercises.q1.grade(lambda a, x, u, lr: a - lr * np.sum(u * np.minimum(x, 0))) is None
    assert exercises.q1.grade(lambda a, x, u, lr: a - lr * (u * np.where(x <= 0, x, 0)).sum()) is None


def test_the_right_option_of_the_axis_question_is_not_the_longest_by_far():
    lengths = {key: len(text) for key, (text, _) in exercises.q4.options.items()}
    others = sorted(n for key, n in lengths.items() if key != exercises.q4.right)
    assert lengths[exercises.q4.right] <= 1.5 * float(np.median(others))

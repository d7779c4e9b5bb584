"""Notebook 05's capped ReLU: right forms pass, each common slip is named, and inf is asked for in the prompt.

Expected values come from the definition: min(max(0, x), cap) is 0 at -inf, cap at inf and NaN at NaN.
(tests/test_exercises.py also runs this file's WRONG table through its generic checks.)
"""

import numpy as np
import pytest

from actlearn import relu
from actlearn.exercises import relu as exercises


def relu_in_place(x, cap=6.0):
    x[x < 0] = 0
    return np.minimum(x, cap)


WRONG = [  # (question, answer, what the verdict must say)
    ("relu.capped", lambda x, cap=6.0: np.maximum(x, 0), "plain ReLU"),
    ("relu.capped", lambda x, cap=6.0: np.minimum(x, cap), "negative inputs"),
    ("relu.capped", lambda x, cap=6.0: np.minimum(np.maximum(x, 0), 6.0), "ignored cap"),
    ("relu.capped", lambda x, cap=6.0: np.where(x > 0, np.minimum(x, cap), 0), "turns NaN into 0"),
    ("relu.capped", lambda x, cap=6.0: relu(x) - relu(x - cap), "inf - inf = nan"),
    ("relu.capped", relu_in_place, "changed its input in place"),
    ("relu.capped", lambda x, cap=6.0: min(max(x, 0), cap), "use np.where or np.maximum"),
    (
        "relu.capped",
        lambda x, cap=6.0: np.minimum(np.maximum(x, 0), cap).astype(np.float64),
        "returned float64 for float32 input",
    ),
]


@pytest.mark.parametrize(
    "answer",
    [
        lambda x, cap=6.0: np.minimum(np.maximum(x, 0), cap),
        lambda x, cap=6.0: np.clip(x, 0, cap),  # numpy's clip passes NaN on
        lambda x, cap=6.0: np.minimum(relu(x), cap),
    ],
)
def test_right_forms_pass(answer):
    assert exercises.q1.grade(answer) is None


def test_the_limits_the_prompt_asks_for_hold_in_the_reference():
    x = np.array([-np.inf, np.inf, np.nan])
    got = exercises.q1.reference(x, cap=6.0)
    assert got[0] == 0 and got[1] == 6 and np.isnan(got[2])


def test_the_leaky_mean_square_is_what_quadrature_gives_and_passes_rounded():
    z = np.linspace(-12, 12, 240_001)
    density = np.exp(-(z**2) / 2) / np.sqrt(2 * np.pi)
    mean_square = np.trapezoid(np.where(z > 0, z, 0.2 * z) ** 2 * density, z)
    assert mean_square == pytest.approx(0.52, abs=1e-6)
    assert exercises.q4.grade(0.52) is None and exercises.q4.grade(round(mean_square, 3)) is None


def test_relus_half_is_named_as_the_forgotten_leak():
    assert "forgot the leak" in exercises.q4.grade(0.5)

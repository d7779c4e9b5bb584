"""The checkers of 08-elu: each passes right answers written other ways and names the common wrong ones.

Expected values come from the maths: CELU is x for x > 0, else alpha (e^(x / alpha) - 1) (Barron 2017,
arXiv:1704.07483; the docs of torch.nn.CELU); ELU's slope alpha e^x equals y + alpha where
y = alpha (e^x - 1); E[elu(z)] for standard normal z is 1 / sqrt(2 pi) + alpha (e^(1/2) Phi(-1) - 1/2),
about -0.316 at alpha = 3; ELU's gap to its floor, alpha e^x, is 1e-8 at x = log(1e-8 / alpha).
(tests/test_exercises.py also runs this file's WRONG table through its generic checks.)
"""

import math

import numpy as np
import pytest
from exercise_helpers import verdict

from actlearn.exercises import elu

WRONG = [
    (
        "elu.celu",
        lambda x, alpha=1.0: np.where(x > 0, x, alpha * np.expm1(x / alpha)),
        "overflow in expm1 at x = 1000",
    ),
    (
        "elu.celu",
        lambda x, alpha=1.0: np.where(x > 0, x, alpha * (np.exp(np.minimum(x, 0) / alpha) - 1)),
        "np.expm1 keeps them",
    ),
    ("elu.celu", lambda x, alpha=1.0: np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0))), "that is ELU"),
    ("elu.celu", lambda x, alpha=1.0: np.maximum(x, 0), "returned 0 (expected -0.9502) at x = -3"),
    # the float32 answer must stay float32: a numpy float64 alpha promotes it
    (
        "elu.celu",
        lambda x, alpha=1.0: np.where(x > 0, x, np.float64(alpha) * np.expm1(np.minimum(x, 0) / alpha)),
        "returned float64 for float32 input",
    ),
    # the prompt says NaN gives NaN
    (
        "elu.celu",
        lambda x, alpha=1.0: np.where(
            np.isnan(x), 0.0, np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0) / alpha))
        ),
        "NaN went in and a number came out",
    ),
    ("elu.grad_from_output", lambda y, alpha=1.0: np.where(y > 0, 1.0, y + 1), "right only for alpha = 1"),
    ("elu.grad_from_output", lambda y, alpha=1.0: np.where(y > 0, 1.0, y), "not y"),
    (
        "elu.grad_from_output",
        lambda y, alpha=1.0: np.where(y > 0, 1.0, alpha * np.exp(np.minimum(y, 0))),
        "the exponential belongs to x",
    ),
    (
        "elu.grad_from_output",
        lambda y, alpha=1.0: np.where(y > 0, 1, y + alpha).astype(np.float64),
        "float64",
    ),
    # the prompt says NaN gives NaN: y <= 0 is False for NaN, so this np.where sends it to the 1
    ("elu.grad_from_output", lambda y, alpha=1.0: np.where(y <= 0, y + alpha, 1.0), "NaN went in"),
    # the gap to the floor is alpha e^x: 2.5 e^x = 1e-8 at x = log(4e-9) = -19.34
    ("elu.near_floor", -18.42, "alpha = 1's point"),
    ("elu.near_floor", -17.50, "not 1e-8 * 2.5"),
    ("elu.near_floor", -2.5, "the floor itself"),
    ("elu.near_floor", -20.92, "log(2.5), not 2.5"),
    ("elu.near_floor", -19.3, "too large"),  # one decimal is not the two asked for
    ("elu.mean_alpha_3", 0.48, "only the negative side"),
    ("elu.mean_alpha_3", 0.16, "changes with it"),
    ("elu.mean_alpha_3", -3, "near the floor"),
    ("elu.mean_alpha_3", -0.34, "too small"),
]


def celu_as_a_sum(x, alpha=1.0):  # right, written another way: max(0, x) + min(0, alpha (e^(x/a) - 1))
    return np.maximum(x, 0) + alpha * np.expm1(np.minimum(x, 0) / alpha)


@pytest.mark.parametrize(
    ("qid", "answer"),
    [
        ("elu.celu", lambda x, alpha=1.0: np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0) / alpha))),
        ("elu.celu", celu_as_a_sum),
        # alpha e^x = alpha (e^x - 1) + alpha
        ("elu.grad_from_output", lambda y, alpha=1.0: np.where(y > 0, 1.0, y + alpha)),
        # a learner may also undo the output, x = log1p(y / alpha): right for every output y > -alpha
        (
            "elu.grad_from_output",
            lambda y, alpha=1.0: np.where(y > 0, 1.0, alpha * np.exp(np.log1p(y / alpha))),
        ),
        ("elu.near_floor", -19.34),  # 2 decimals, as asked
        ("elu.near_floor", math.log(1e-8) - math.log(2.5)),
        ("elu.mean_alpha_3", -0.32),  # 0.40 + 3 (0.16 - 0.40), from the numbers the prompt gives
        ("elu.mean_alpha_3", -0.31),
        (
            "elu.mean_alpha_3",
            round(1 / math.sqrt(2 * math.pi) + 3 * (math.exp(0.5) * 0.15865525393 - 0.5), 3),
        ),
    ],
)
def test_right_answers_pass(qid, answer):
    result, text = verdict(qid, answer)
    assert result, text


def test_the_floor_of_celu_is_minus_alpha_and_its_slope_at_0_is_1_for_every_alpha():
    for alpha in (0.5, 1.0, 3.0):
        assert elu.celu(np.array(-np.inf), alpha) == -alpha
        h = 1e-7
        left = (elu.celu(0.0, alpha) - elu.celu(-h, alpha)) / h
        assert abs(left - 1) < 1e-6  # CELU's point: no corner at 0 whatever alpha is

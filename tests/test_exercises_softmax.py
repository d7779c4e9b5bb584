"""The checkers of 09-softmax: each passes right answers written other ways and names the common wrong ones.

Expected values come from the maths: softmax(x + c) = softmax(x); at three equal logits every s_i = 1/3,
so the Jacobian diag(s) - s s^T has 1/3 - 1/9 = 2/9 on its diagonal and -1/9 off it.
(tests/test_exercises.py also runs this file's WRONG table through its generic checks.)
"""

import numpy as np
import pytest
from exercise_helpers import verdict

import actlearn

WRONG = [
    (
        "softmax.stable",
        lambda x, axis=-1: np.exp(x) / np.exp(x).sum(axis, keepdims=True),
        "subtract the max first",
    ),
    (
        "softmax.stable",
        lambda x, axis=-1: np.exp(x - x.max()) / np.exp(x - x.max()).sum(axis, keepdims=True),
        "max of the whole array",
    ),
    (
        "softmax.stable",
        lambda x, axis=-1: np.exp(x - x.max()) / np.exp(x - x.max()).sum(),
        "doesn't sum to 1",
    ),
    ("softmax.stable", lambda x, axis=-1: actlearn.softmax(x), "doesn't sum to 1 along the axis"),
    (
        "softmax.stable",
        lambda x, axis=-1: np.exp(x - x.max(axis)) / np.exp(x - x.max(axis)).sum(axis),
        "did you forget keepdims=True?",
    ),
    # the prompt says float32 stays float32
    (
        "softmax.stable",
        lambda x, axis=-1: actlearn.softmax(np.asarray(x, dtype=float), axis=axis),
        "returned float64 for float32 input",
    ),
    ("softmax.temperature", lambda x, T: actlearn.softmax(x * T), "divide by T"),
    ("softmax.temperature", lambda x, T: actlearn.softmax(x), "ignored T"),
    ("softmax.temperature", lambda x, T: actlearn.softmax(x) / T, "before exp"),
    ("softmax.temperature", lambda x, T: np.exp(x / T) / np.exp(x / T).sum(-1, keepdims=True), "overflowed"),
    # exp(-1000) is about 1e-435, below the smallest float64 (5e-324): 0 on top and 0 below
    ("softmax.naive_fails", "a", "exp(-1000) rounds to 0"),
    ("softmax.naive_fails", "c", "0 / 0 is nan"),
    ("softmax.naive_fails", "d", "it underflows to 0"),
    # three equal logits: s_i = 1/3, so J_ii = 1/3 * 2/3 = 2/9 and J_ij = -1/9
    ("softmax.jacobian_entries", (0.25, -0.25), "two equal logits"),
    ("softmax.jacobian_entries", (-0.1111, 0.2222), "swapped"),
    ("softmax.jacobian_entries", (0.2222, 0.1111), "-s_i s_j"),
    ("softmax.jacobian_entries", (0.3333, -0.1111), "1/3 is s_i itself"),
    ("softmax.jacobian_entries", 0.2222, "give 2 numbers"),
    ("softmax.jacobian_entries", (0.22, -0.11), "too small"),  # the prompt asks for 4 decimals
]


def softmax_via_log(x, axis=-1):  # right, another way: exp of log-softmax
    shifted = x - np.max(x, axis=axis, keepdims=True)
    return np.exp(shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True)))


@pytest.mark.parametrize(
    ("qid", "answer"),
    [
        ("softmax.stable", softmax_via_log),
        ("softmax.temperature", lambda x, T: softmax_via_log(x / T)),
        ("softmax.naive_fails", "b"),
        ("softmax.jacobian_entries", (2 / 9, -1 / 9)),
        ("softmax.jacobian_entries", (0.2222, -0.1111)),  # 4 decimals, as the prompt allows
        ("softmax.jacobian_entries", (0.222, -0.111)),
    ],
)
def test_right_answers_pass(qid, answer):
    result, text = verdict(qid, answer)
    assert result, text

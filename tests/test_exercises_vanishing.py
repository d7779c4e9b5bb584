"""The checkers of 12-vanishing-gradients: right answers pass, rounded as asked; common wrong ones are named.

Expected values come from the maths: from layer 10 back to layer 1 of a one-unit sigmoid chain with w = 3
and every z = 0 lie nine steps, each w sigmoid'(0) = 3 / 4, so the ratio is 0.75^9 = 0.0751; a residual
block a = x + F(x) has da/dx = 1 + F'(x).
(tests/test_exercises.py also runs this file's WRONG table through its generic checks.)
"""

import statistics

import numpy as np
import pytest
from exercise_helpers import verdict

import actlearn
from actlearn.exercises import vanishing

sig = actlearn.sigmoid

WRONG = [
    # vanishing.layer_ratio: nine steps back from layer 10 to layer 1, each a weight 3 times sigma'(0) = 1/4
    ("vanishing.layer_ratio", (3 / 4) ** 10, "nine steps, so nine factors"),
    ("vanishing.layer_ratio", (1 / 4) ** 9, "left out the weights"),
    ("vanishing.layer_ratio", 3**9, "left out the slopes"),
    ("vanishing.layer_ratio", (4 / 3) ** 9, "upside down"),
    ("vanishing.layer_ratio", (3 / 2) ** 9 / 3**9, "not sigmoid(0) = 0.5"),
    ("vanishing.layer_ratio", 0.08, "too large"),  # one significant digit is not the three asked for
    ("vanishing.depth_20", "b", "nineteen"),
    ("vanishing.depth_20", "a", "at least 4x"),
    ("vanishing.depth_20", "d", "0.06 a layer"),
    ("vanishing.chain_grad", lambda z: np.sum(sig.grad(z)), "doesn't add them"),
    ("vanishing.chain_grad", lambda z: np.prod(sig(z)), "not the values"),
    ("vanishing.chain_grad", lambda z: 0.25 ** len(z), "the bound"),
    ("vanishing.chain_grad", lambda z: sig(z) * (1 - sig(z)), "returned shape (4,); expected shape ()"),
    ("vanishing.residual", "a", "the + x adds the derivative of x, which is 1"),
    ("vanishing.residual", "c", "add its derivative"),
    ("vanishing.residual", "d", "is 1, not x"),
]


@pytest.mark.parametrize(
    ("qid", "answer"),
    [
        ("vanishing.layer_ratio", 0.0751),  # three significant digits, as asked
        ("vanishing.layer_ratio", 0.75**9),
        (
            "vanishing.chain_grad",
            lambda z: float(np.prod(np.exp(-np.abs(z)) / (1 + np.exp(-np.abs(z))) ** 2)),
        ),
        ("vanishing.depth_20", "c"),
        ("vanishing.residual", "b"),
    ],
)
def test_right_answers_pass(qid, answer):
    result, text = verdict(qid, answer)
    assert result, text


@pytest.mark.parametrize("question", [vanishing.q2, vanishing.q4], ids=lambda q: q.id)
def test_the_right_option_is_not_the_longest_by_far(question):
    options = {key: text for key, (text, _) in question.options.items()}
    others = [len(text) for key, text in options.items() if key != question.right]
    assert len(options[question.right]) <= 1.5 * statistics.median(others)

"""The checkers of 13-exploding-gradients: right answers pass, rounded as asked; common wrong ones are named.

Expected values come from the maths: with std-1 weights a ReLU layer multiplies the spread by
sqrt(n Var[w] / 2) = sqrt(128) = 11.3 at width 256 (the notebook measures 11.7); PReLU keeps its spread
with Var[w] = 2 / (n (1 + alpha^2)), std 0.1715 at n = 64, alpha = 0.25 (He et al. 2015); clipping
by global norm scales every array by min(1, max_norm / norm), so it keeps g's direction (cosine 1)
where clipping [3, 4] by value at 1 gives [1, 1], cosine 7 / (5 sqrt 2) = 0.990.
(tests/test_exercises.py also runs this file's WRONG table through its generic checks.)
"""

import numpy as np
import pytest
from exercise_helpers import verdict

from actlearn.exercises import exploding


def clip_in_place(grads, max_norm):
    norm = np.sqrt(sum(np.sum(g**2) for g in grads))
    for g in grads:
        g *= min(1.0, max_norm / norm)
    return grads


WRONG = [
    # exploding.growth_at_256: the std grows by sqrt(n Var[w] / 2) = sqrt(128), about 11.3
    ("exploding.growth_at_256", 16, "leaves out ReLU"),
    ("exploding.growth_at_256", 5.66, "width 64's factor"),
    ("exploding.growth_at_256", 128, "factor on the variance"),
    ("exploding.growth_at_256", 8, "sqrt(64)"),
    ("exploding.growth_at_256", 13, "too large"),
    # exploding.prelu_std: Var[w] = 2 / (n (1 + alpha^2)) = 2 / 68, so std = 0.1715
    ("exploding.prelu_std", 0.177, "He's std for ReLU"),
    ("exploding.prelu_std", 0.0294, "that is the variance"),
    ("exploding.prelu_std", 0.125, "LeCun"),
    ("exploding.prelu_std", 0.158, "not alpha"),
    ("exploding.prelu_std", 0.182, "divide by 1 + alpha^2"),
    (
        "exploding.clip_global_norm",
        lambda gs, m: [g * min(1, m / np.linalg.norm(g)) for g in gs],
        "its own norm",
    ),
    ("exploding.clip_global_norm", lambda gs, m: [np.clip(g, -m, m) for g in gs], "clips each value"),
    (
        "exploding.clip_global_norm",
        lambda gs, m: [g * m / np.sqrt(sum(np.sum(h**2) for h in gs)) for g in gs],
        "already below max_norm",
    ),
    ("exploding.clip_global_norm", clip_in_place, "changed its input in place"),
    # the prompt says all-zero gradients are checked: g / norm * min(norm, max_norm) gives 0 / 0 = nan there
    (
        "exploding.clip_global_norm",
        lambda gs, m: [g / (n := np.sqrt(sum(np.sum(h**2) for h in gs))) * min(n, m) for g in gs],
        "all-zero grads",
    ),
    # g = [3, 4] clipped at 1: by value [1, 1], cos = 7 / (5 sqrt 2) = 0.990; by norm [0.6, 0.8], cos = 1
    ("exploding.direction", (1.0, 0.990), "swapped"),
    ("exploding.direction", (1.4, 1.0), "leaves out |a|"),
    ("exploding.direction", (1.0, 1.0), "clipping by value turns g"),
    ("exploding.direction", (8.13, 0.0), "angles in degrees"),
    ("exploding.direction", (0.98, 1.0), "too small"),  # 0.98 is not 0.990 to 3 decimals
]


def clip_like_pytorch(grads, max_norm):  # torch.nn.utils.clip_grad_norm_'s rule, eps 1e-6 and all
    norm = np.sqrt(sum(np.sum(g**2) for g in grads))
    coef = min(max_norm / (norm + 1e-6), 1.0)
    return [g * coef for g in grads]


def clip_with_min(grads, max_norm):  # right, written another way: one factor, capped at 1
    norm = np.sqrt(sum(np.sum(g * g) for g in grads))
    factor = 1.0 if norm <= max_norm else max_norm / norm
    return [g * factor for g in grads]


@pytest.mark.parametrize(
    ("qid", "answer"),
    [
        ("exploding.growth_at_256", 11),  # sqrt(128) = 11.3 to 2 significant digits
        ("exploding.growth_at_256", 11.3),
        ("exploding.growth_at_256", 12),  # the measured 11.7 to 2 significant digits
        ("exploding.growth_at_256", 11.7),
        ("exploding.prelu_std", 0.172),  # 3 decimals, as asked
        ("exploding.prelu_std", 0.1715),
        ("exploding.clip_global_norm", clip_with_min),
        ("exploding.direction", (0.990, 1.000)),  # 3 decimals, as asked
        ("exploding.direction", (7 / (5 * 2**0.5), 1)),
        ("exploding.clip_global_norm", clip_like_pytorch),
    ],
)
def test_right_answers_pass(qid, answer):
    result, text = verdict(qid, answer)
    assert result, text


def test_the_clip_prompt_says_what_the_in_place_check_wants():
    assert "return new arrays and leave grads unchanged" in exploding.q3.prompt
    result, text = verdict("exploding.clip_global_norm", clip_in_place)
    assert not result and "changed its input in place" in text

"""The checkers of 15-modern-activations: each passes a right answer and names the common wrong ones.

Expected values come from the maths, not from the package: softplus(0; beta) = log(2) / beta is the largest
gap to ReLU; 3 d h = 2 d (4 d) gives the SwiGLU width; hard-swish is x * clip(x + 3, 0, 6) / 6 by its
definition (Howard et al. 2019, eq. 2 and the text after it).
(tests/test_exercises.py also runs this file's WRONG table through its generic checks.)
"""

import math

import numpy as np
import pytest
from exercise_helpers import verdict

import actlearn
from actlearn.exercises import modern

WRONG = [
    ("modern.relu_in_selu", "a", "step by step"),
    ("modern.relu_in_selu", "b", "only part of the gap"),
    ("modern.relu_in_selu", "d", "well before that"),
    ("modern.relu_in_selu", 2, "letter of an option"),
    ("modern.softplus_gap", math.log(2), "the gap at beta = 1"),
    ("modern.softplus_gap", 4 * math.log(2), "beta divides the gap"),
    ("modern.softplus_gap", 0, "softplus never touches ReLU"),
    ("modern.softplus_gap", 0.25, "not 1 / 4"),
    ("modern.hardswish", lambda x: x * np.clip(x + 3, 0, 6), "forgot to divide by 6"),
    ("modern.hardswish", lambda x: np.clip(x + 3, 0, 6) / 6, "the hard sigmoid"),
    ("modern.hardswish", lambda x: x * np.clip(x, 0, 6) / 6, "without the + 3"),
    ("modern.hardswish", lambda x: x * np.maximum(x + 3, 0) / 6, "must stop at 1"),
    ("modern.hardswish", lambda x: x * actlearn.sigmoid(x), "that is swish"),
    ("modern.swiglu_width", 192, "that is 4d"),
    ("modern.swiglu_width", 96, "that is 2d"),
    ("modern.swiglu_width", 64, "that is 4d / 3"),
    ("modern.swiglu_width", 129, "too large"),
    ("modern.swiglu_width", 127.99, "127.99 is not a whole number"),  # not "128 is too small"
]

QUESTIONS = {q.id: q for q in (modern.q1, modern.q2, modern.q3, modern.q4)}


def my_hardswish(x):
    return x * np.minimum(np.maximum(x + 3, 0), 6) / 6  # the definition, written another way


@pytest.mark.parametrize(
    ("qid", "answer"),
    [
        ("modern.relu_in_selu", "c"),
        ("modern.relu_in_selu", " (C) "),
        ("modern.softplus_gap", math.log(2) / 4),
        ("modern.softplus_gap", 0.173),  # three decimals are enough
        ("modern.hardswish", my_hardswish),
        ("modern.swiglu_width", 128),
        ("modern.swiglu_width", 8 * 48 / 3),
    ],
)
def test_a_right_answer_passes(qid, answer):
    assert verdict(qid, answer)[0]


@pytest.mark.parametrize(
    ("qid", "answer", "feedback"), WRONG, ids=[f"{w[0]}-{i}" for i, w in enumerate(WRONG)]
)
def test_a_wrong_answer_is_named(qid, answer, feedback):
    right, text = verdict(qid, answer)
    assert not right
    assert feedback in text and text.count("\n") == 1


def test_the_softplus_gap_is_log_2_over_beta_at_the_corner():
    # an independent computation: log(1 + e^(4x)) / 4 - max(x, 0) on a fine grid, in plain numpy
    x = np.linspace(-3, 3, 600001)
    gap = np.logaddexp(0, 4 * x) / 4 - np.maximum(x, 0)
    assert gap.max() == pytest.approx(math.log(2) / 4, abs=1e-12)
    assert abs(x[gap.argmax()]) < 1e-9
    assert verdict("modern.softplus_gap", float(f"{gap.max():.3f}"))[0]


def test_the_swiglu_width_keeps_the_parameter_count():
    d = 48
    assert 2 * d * (4 * d) == 3 * d * 128  # GELU block: d x 4d and 4d x d; SwiGLU: two d x h and h x d


def test_the_relu_layer_prediction_matches_the_experiment():
    from actlearn.experiments import layer_moments

    run = layer_moments("selu", relu_at=25)  # the notebook's stack: 50 layers of 256 units
    assert run.variance[24] < 0.5  # the ReLU layer knocks the variance down ...
    within = np.abs(run.variance - 1) <= 0.1  # ... and the SELU layers after it bring it back, in 5-15 layers
    back = min(k for k in range(26, 51) if within[k - 1 :].all()) - 25
    assert 5 <= back <= 15
    assert verdict("modern.relu_in_selu", "c")[0]


def hardswish_by_pieces(x):
    return np.where(x <= -3, 0 * x, np.where(x >= 3, x, x * (x + 3) / 6))  # 0, x, and the parabola between


def hardswish_with_an_exponential(x):
    return x * np.clip(x + 3, 0, 6) / 6 * np.exp(0 * x)  # right values, but through exp


def hardswish_through_tanh(x):
    gate = (np.tanh(np.clip(x + 3, 0, 6) / 6 * 100) > -2) * np.clip(x + 3, 0, 6) / 6
    return x * gate


@pytest.mark.parametrize(
    "answer", [my_hardswish, hardswish_by_pieces, lambda x: x * np.clip(x + 3, 0, 6) / 6]
)
def test_every_way_of_writing_hardswish_without_an_exponential_passes(answer):
    assert verdict("modern.hardswish", answer)[0]


@pytest.mark.parametrize(
    ("answer", "named"),
    [
        (hardswish_with_an_exponential, "exp"),
        (hardswish_through_tanh, "tanh"),
        (lambda x: actlearn.hardswish(x), "hardswish"),
    ],
)
def test_the_stated_constraint_is_enforced_even_when_the_values_are_right(answer, named):
    right, text = verdict("modern.hardswish", answer)
    assert not right and f"it calls {named}" in text


def test_the_prompt_states_every_requirement_the_checker_tests():
    prompt = modern.q3.prompt
    assert "float32" in prompt and "NaN" in prompt and "exponential" in prompt


def test_the_option_the_text_answers_is_gone():
    # notebook 16 says the fixed point attracts; the question now asks how fast, which the text does not say
    assert all("fixed point" not in text for text, _ in modern.q1.options.values())


def test_a_dtype_keeping_answer_passes_on_the_inputs_the_prompt_names():
    # the checker's dtype advice (.astype(x.dtype)) must not fail on a plain Python number never promised
    def by_pieces_keeping_the_dtype(x):
        return np.where(x <= -3, 0.0, np.where(x >= 3, x, x * (x + 3) / 6)).astype(x.dtype)

    assert verdict("modern.hardswish", by_pieces_keeping_the_dtype)[0]


@pytest.mark.parametrize("answer", [128, 128.0, 2 / 3 * 4 * 48, 8 * 48 / 3])
def test_the_width_accepts_every_exact_form(answer):
    assert verdict("modern.swiglu_width", answer)[0]

"""Notebook 00's warm-ups: abs_via_relu is held to what its prompt says, and to nothing more."""

import numpy as np

from actlearn import relu
from actlearn.exercises import start

WRONG = [  # (tests/test_exercises.py runs this table through its generic checks too)
    ("start.abs_via_relu", lambda x: np.abs(x), "uses abs"),
    ("start.abs_via_relu", lambda x: np.maximum(x, -x), "uses maximum"),
]


def status(question, answer):
    return question.verdict(answer).status, question.grade(answer) or ""


def test_mathematically_right_forms_pass_including_one_that_is_nan_at_inf():
    def halves(x):
        return relu(x) + relu(-x)

    def twice_minus(x):  # 2 relu(x) - x is |x|; at inf it is inf - inf, which the prompt never asks for
        return 2 * relu(x) - x

    assert status(start.q2, halves) == ("right", "")
    assert status(start.q2, twice_minus) == ("right", "")


def test_forbidden_shortcuts_fail_and_are_named():
    def with_np_abs(x):
        return np.abs(x)

    def with_builtin_abs(x):
        return abs(x)

    def with_maximum(x):
        return np.maximum(x, -x)

    for answer, name in ((with_np_abs, "abs"), (with_builtin_abs, "abs"), (with_maximum, "maximum")):
        result, message = status(start.q2, answer)
        assert result == "wrong" and f"uses {name}" in message, message


def test_an_answer_without_relu_is_told_to_use_it():
    def squares(x):
        return (x * x) ** 0.5

    result, message = status(start.q2, squares)
    assert result == "wrong" and "never calls relu" in message


def test_only_tanh_is_odd_so_one_activation_is_zero_centred():
    import actlearn

    x = np.linspace(-5, 5, 101)
    acts = actlearn.ACTIVATIONS.values()
    odd = [act for act in acts if act.elementwise and np.allclose(act(-x), -act(x))]
    assert status(start.q3, len(odd)) == ("right", "")


def test_the_sigmoid_warm_up_states_no_rule_it_cannot_check():
    assert "type" not in start.q1.prompt  # a typed 0.5 is a number like any other: it passes
    assert start.q1.grade(1 / (1 + np.exp(-0.0))) is None and start.q1.grade(0.5) is None

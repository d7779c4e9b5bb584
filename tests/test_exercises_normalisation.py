"""The checkers of 14-normalisation-and-residuals: one right answer and the common wrong ones per question.

test_exercises.py runs its generic tests on these questions too, with the WRONG answers listed here.
"""

import contextlib
import io

import numpy as np
import pytest

from actlearn.exercises import normalisation
from actlearn.experiments import gradient_flow
from actlearn.network import MLP

EPS = 1e-5

WRONG = [
    (
        "normalisation.batch_norm",
        lambda z: (z - z.mean(axis=1, keepdims=True)) / np.sqrt(z.var(axis=1, keepdims=True) + EPS),
        "that is layer norm",
    ),
    (
        "normalisation.batch_norm",
        lambda z: (z - z.mean(axis=0)) / (z.var(axis=0) + EPS),
        "not by the variance",
    ),
    (
        "normalisation.batch_norm",
        lambda z: (z - z.mean(axis=0)) / np.sqrt(z.var(axis=0, ddof=1) + EPS),
        "biased variance",
    ),
    ("normalisation.batch_norm", lambda z: (z - z.mean(axis=0)) / np.sqrt(z.var(axis=0)), "divided 0 by 0"),
    (  # a small eps keeps the constant column finite: the verdict must not blame a division by 0
        "normalisation.batch_norm",
        lambda z: (z - z.mean(axis=0)) / np.sqrt(z.var(axis=0) + 1e-8),
        "add exactly eps = 1e-5",
    ),
    (
        "normalisation.batch_norm",
        lambda z: (z - z.mean(axis=0)) / (z.std(axis=0) + EPS),
        "inside the square root",
    ),
    ("normalisation.batch_norm", lambda z: z / np.sqrt(z.var(axis=0) + EPS), "subtract each unit's mean"),
    ("normalisation.relu_batch_norm", "a", "backprop multiplies each layer's 1 / std"),
    ("normalisation.relu_batch_norm", "b", "makes the gradient grow"),
    ("normalisation.relu_batch_norm", "d", "nothing in the network forces"),
    ("normalisation.residual_product", 1e-10, "that is the plain stack"),
    ("normalisation.residual_product", 1.0, "that is the skip alone"),
    ("normalisation.residual_product", 2.0, "the blocks multiply"),
    ("normalisation.residual_product", 1.1**9, "off by one"),
    ("normalisation.layer_norm_sigmoid", "a", "gamma and beta"),
    ("normalisation.layer_norm_sigmoid", "c", "only batch norm keeps running statistics"),
    ("normalisation.layer_norm_sigmoid", "d", "0% saturated"),
]


def status(question, answer):
    with contextlib.redirect_stdout(io.StringIO()):
        return question.verdict(answer).status


@pytest.mark.parametrize(
    ("qid", "answer", "feedback"), WRONG, ids=[f"{w[0]}-{i}" for i, w in enumerate(WRONG)]
)
def test_a_wrong_answer_is_named(qid, answer, feedback):
    question = {q.id: q for q in (normalisation.q1, normalisation.q2, normalisation.q3, normalisation.q4)}[
        qid
    ]
    verdict = question.verdict(answer)
    assert verdict.status == "wrong" and feedback in verdict.text


def test_right_answers_pass():
    def batch_norm(z):  # written from the paper's Algorithm 1, not from the module
        mu = np.sum(z, axis=0) / len(z)
        var = np.sum((z - mu) ** 2, axis=0) / len(z)
        return (z - mu) / np.sqrt(var + 1e-5)

    assert status(normalisation.q1, batch_norm) == "right"
    assert status(normalisation.q2, "c") == "right"
    assert status(normalisation.q3, 2.594) == "right"
    assert status(normalisation.q3, 2.6) == "wrong"  # 3 significant digits asked
    assert status(normalisation.q4, "b") == "right"


def test_batch_norm_question_agrees_with_the_network():
    model = MLP([4, 5, 2], norm="batch", seed=0)
    X = np.random.default_rng(1).standard_normal((16, 4))
    z = model.forward(X, training=True).z[1]  # gamma 1, beta 0: the normalised pre-activation itself
    assert np.allclose(z, normalisation._batch_norm(X @ model.params["W1"]), rtol=1e-12)


def test_the_predicted_answers_are_what_the_network_measures():
    plain = gradient_flow("relu", depth=30, init="he", n_samples=128)
    batch = gradient_flow("relu", depth=30, init="he", n_samples=128, norm="batch")
    assert 0.1 < plain.grad_ratio < 2 and batch.grad_ratio > 50  # q2: (c)
    ratio_layer = gradient_flow("sigmoid", depth=30, n_samples=128, norm="layer").grad_ratio
    assert (
        ratio_layer < 1e-6 < 0.1 < gradient_flow("sigmoid", depth=30, n_samples=128, norm="batch").grad_ratio
    )
    # q3 from the definition: multiply the derivatives of ten blocks a = h + 0.1 h
    factor = 1.0
    for _ in range(10):
        factor *= 1 + 0.1
    assert normalisation.q3.grade(round(factor, 3)) is None


def test_the_right_option_of_each_choice_is_no_longer_than_the_others():
    import statistics

    for question in (normalisation.q2, normalisation.q4):
        lengths = {key: len(text) for key, (text, _) in question.options.items()}
        others = [n for key, n in lengths.items() if key != question.right]
        assert lengths[question.right] <= 1.5 * statistics.median(others), question.id


def test_a_small_eps_is_not_told_it_divides_by_zero():
    verdict = normalisation.q1.verdict(lambda z: (z - z.mean(axis=0)) / np.sqrt(z.var(axis=0) + 1e-8))
    assert verdict.status == "wrong" and "divided 0 by 0" not in verdict.text

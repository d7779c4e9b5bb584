"""Notebook 17's exercises: wrong answers get their own feedback, and the right ones match the data.

WRONG is read by tests/test_exercises.py too, which runs its checks on every question of the course.
"""

import contextlib
import io

import numpy as np
import pytest

from actlearn import datasets
from actlearn.exercises import real_data
from actlearn.network import MLP

WRONG = [
    ("real_data.raw_counts", "a", "16 times larger"),
    ("real_data.raw_counts", "b", "where sigmoid is flat"),
    ("real_data.raw_counts", "d", "still sit on the slope"),
    ("real_data.per_class_accuracy", lambda t, p: np.mean(t == p), "returned shape ()"),
    (
        "real_data.per_class_accuracy",
        lambda t, p: np.array([np.sum((t == k) & (p == k)) / len(t) for k in range(10)]),
        "divides by every image",
    ),
    (
        "real_data.per_class_accuracy",
        lambda t, p: np.array([np.mean(t[p == k] == k) if np.any(p == k) else 0.0 for k in range(10)]),
        "precision",
    ),
    (
        "real_data.per_class_accuracy",
        lambda t, p: np.array([np.sum((t == k) & (p == k)) for k in range(10)], dtype=float),
        "those are counts",
    ),
    ("real_data.deep_sigmoid", 0.23**6, "six factors"),
    ("real_data.deep_sigmoid", 0.23**4, "four factors"),
    ("real_data.deep_sigmoid", 1.15, "don't add"),
    ("real_data.deep_sigmoid", 0.77**5, "not what it loses"),
    ("real_data.deep_sigmoid", 6.9e-4, "too large"),  # two significant digits asked: 6.4e-4
]


def verdict(question, answer):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        question.check(answer)
    return question.verdict(answer).status, out.getvalue()


@pytest.mark.parametrize(
    ("qid", "answer", "feedback"), WRONG, ids=[f"{w[0]}-{i}" for i, w in enumerate(WRONG)]
)
def test_each_wrong_answer_gets_its_feedback(qid, answer, feedback):
    question = next(q for q in (real_data.q1, real_data.q2, real_data.q3) if q.id == qid)
    status, text = verdict(question, answer)
    assert status == "wrong" and feedback in text, text


def test_the_predicted_share_of_saturated_outputs_is_what_the_data_give():
    # Computed from the raw weights, without the package's diagnostics: sigmoid's slope s (1 - s) < 0.03.
    X, _ = datasets.load("digits")
    W = MLP([64, 16, 16, 10], activation="sigmoid", init="xavier", seed=0).params["W1"]
    for pixels, low, high in ((X, 0.0, 0.0), (16 * X, 0.5, 0.9)):
        s = 1 / (1 + np.exp(-(pixels @ W)))
        assert low <= np.mean(s * (1 - s) < 0.03) <= high
    assert verdict(real_data.q1, "c")[0] == "right"


def test_per_class_accuracy_matches_the_confusion_matrix():
    rng = np.random.default_rng(3)
    y_true = np.concatenate([np.arange(10), rng.integers(0, 10, 90)])
    y_pred = np.where(rng.random(100) < 0.3, rng.integers(0, 10, 100), y_true)
    confusion = np.zeros((10, 10))
    np.add.at(confusion, (y_true, y_pred), 1)
    assert verdict(real_data.q2, lambda t, p: np.diag(confusion) / confusion.sum(axis=1))[0] == "wrong"
    expected = np.diag(confusion) / confusion.sum(axis=1)
    assert np.allclose(real_data._per_class_accuracy(y_true, y_pred), expected)


def test_deep_sigmoid_loses_the_differences_between_images_layer_by_layer():
    X, _ = datasets.load("digits")
    spread = []
    for name, init in (("sigmoid", "xavier"), ("relu", "he")):
        cache = MLP([64] + [32] * 6 + [10], activation=name, init=init, seed=0).forward(X)
        spread.append([a.std(axis=0).mean() for a in cache.a[1:-1]])
    sigmoid, relu = np.array(spread)
    kept = (sigmoid[-1] / sigmoid[0]) ** (1 / 5)  # the average factor per layer the prompt rounds to 0.23
    assert round(kept, 2) == 0.23 and np.all(sigmoid[1:] / sigmoid[:-1] < 0.4)
    assert relu[-1] > 0.05
    # both the derivation (0.23 ** 5) and the measured ratio pass, at the 2 digits asked
    for answer in (0.23**5, float(f"{sigmoid[-1] / sigmoid[0]:.2g}"), 6.4e-4):
        assert verdict(real_data.q3, answer)[0] == "right", answer


def test_the_right_option_of_each_choice_is_no_longer_than_the_others():
    import statistics

    for question in (real_data.q1,):
        lengths = {key: len(text) for key, (text, _) in question.options.items()}
        others = [n for key, n in lengths.items() if key != question.right]
        assert lengths[question.right] <= 1.5 * statistics.median(others), question.id


def test_the_right_option_of_the_prediction_is_not_the_longest():
    lengths = {key: len(text) for key, (text, _) in real_data.q1.options.items()}
    assert lengths[real_data.q1.right] < max(n for key, n in lengths.items() if key != real_data.q1.right)

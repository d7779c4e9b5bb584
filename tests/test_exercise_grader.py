"""The fresh-process grader: answers travel as data or source, and nothing in this process decides.

Each judge call starts Python twice (the judge and the learner's function), about a second each.
"""

import json

import numpy as np
import pytest

import actlearn
from actlearn.exercises import all_questions, grader
from actlearn.exercises.core import Question, ____

SCALE = 1.0  # a constant a helper reads: it travels with the answer


def helper_sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0, e) / (1.0 + e)


def swish_with_a_helper(x, beta=1.0):
    return SCALE * x * helper_sigmoid(beta * x)


def swish_silenced(x, beta=1.0):
    with np.errstate(all="ignore"):
        return x / (1 + np.exp(-beta * x))


def swish_that_loops(x, beta=1.0):
    while True:
        pass


def swish_of_objects(x, beta=1.0):
    return object()


class AlwaysEqual(str):
    def __eq__(self, other):
        return True

    __hash__ = str.__hash__


def verdict(question_id, answer_name, namespace):
    return grader.judge_elsewhere(grader.answer_payload(question_id, answer_name, namespace))


@pytest.mark.parametrize(
    "value",
    [
        0.25,
        np.float32(0.5),
        (1.0, -2.5),
        np.array([[1.0, np.nan], [np.inf, -0.0]], np.float32),
        {"a", "b"},
        "b",
    ],
    ids=repr,
)
def test_an_answer_travels_as_plain_data_and_comes_back_the_same(value):
    back = grader.decode(json.loads(json.dumps(grader.encode(value))))
    assert type(back) is type(value)
    if isinstance(value, np.ndarray):
        assert back.dtype == value.dtype and np.array_equal(back, value, equal_nan=True)
    else:
        assert back == value


def test_a_str_subclass_arrives_as_a_plain_str_and_other_objects_only_by_name():
    data = json.loads(json.dumps(grader.encode(AlwaysEqual("a"))))
    assert type(grader.decode(data)) is str and grader.decode(data) != "b"
    assert type(grader.decode(grader.encode(object()))).__name__ == "object"
    assert grader.decode(grader.encode(____)) is ____


def test_a_function_travels_with_its_helpers_constants_and_imports():
    source, constants = grader.function_source(swish_with_a_helper, globals())
    assert "import numpy as np" in source and "def helper_sigmoid" in source and "def swish_with" in source
    assert grader.decode(constants["SCALE"]) == 1.0
    namespace = {name: grader.decode(value) for name, value in constants.items()}
    exec(source, namespace)
    x = np.linspace(-5, 5, 11)
    assert np.allclose(namespace["swish_with_a_helper"](x), actlearn.swish(x))


def test_the_verdict_comes_from_a_fresh_process_that_patches_here_cannot_reach(monkeypatch):
    monkeypatch.setattr(Question, "grade", lambda *args, **kwargs: None)
    monkeypatch.setattr(actlearn.swish, "formula", "patched")  # nothing here is what the judge imports
    namespace = {"my_swish": swish_silenced, "slope": AlwaysEqual("0.5"), "blank": ____}
    silenced = verdict("swish.function", "my_swish", namespace)
    assert silenced["share"] < 1 and "returned -0 (expected" in silenced["message"]  # judged on values
    assert verdict("swish.slope_at_zero", "slope", namespace)["share"] == 0  # a str, not the number
    assert "not attempted" in verdict("swish.function", "blank", namespace)["message"]
    assert "no variable named my_swish" in verdict("swish.function", "my_swish", {})["message"]


def test_an_honest_answer_with_a_helper_gets_full_marks_and_partial_credit_counts_cases():
    right = verdict("swish.function", "my_swish", {"my_swish": swish_with_a_helper})
    assert right == {"share": 1.0, "points": 3, "label": "q2 (swish.function)", "message": None}
    assert grader.score(right, partial=False) == 3
    half = {"share": 0.5, "points": 3}
    assert grader.score(half, partial=False) == 0 and grader.score(half, partial=True) == 1.5


def test_a_runaway_or_a_non_array_answer_is_reported_from_its_own_process():
    runaway = verdict("swish.function", "my_swish", {"my_swish": swish_that_loops})
    assert runaway["share"] == 0 and "took longer than 2 s" in runaway["message"]
    objects = verdict("swish.function", "my_swish", {"my_swish": swish_of_objects})
    assert objects["share"] == 0 and "returned a object, not numbers" in objects["message"]


def test_submit_prints_the_verdict_and_returns_the_score_nbgrader_reads(capsys):
    score = grader.submit("swish.slope_at_zero", "slope", {"slope": 0.5})
    assert score == 1.0 and capsys.readouterr().out == "q4 (swish.slope_at_zero): ✓ Correct.\nscore: 1 of 1\n"


lambda_swish = lambda x, beta=1.0: SCALE * x * helper_sigmoid(beta * x)  # noqa: E731


def test_a_lambda_answer_travels_as_the_line_that_names_it():
    payload = grader.answer_payload("swish.function", "lambda_swish", globals())
    assert payload["name"] == "lambda_swish" and "def helper_sigmoid" in payload["source"]
    namespace = {name: grader.decode(value) for name, value in payload["constants"].items()}
    exec(payload["source"], namespace)
    assert namespace["lambda_swish"](np.float64(2.0)) == actlearn.swish(2.0)


@pytest.mark.slow
@pytest.mark.parametrize("qid", all_questions())
def test_the_grader_gives_every_reference_solution_full_marks(qid):
    question = all_questions()[qid]
    namespace = {"In": [question._solution]}  # as a kernel keeps the cell that defined it
    exec(question._solution, namespace)
    verdict = grader.judge(grader.answer_payload(qid, question.answer_name, namespace))
    assert (verdict["share"], verdict["message"]) == (1.0, None)


def test_an_activation_argument_travels_by_name_with_its_fixed_parameters():
    import copy

    for f in (
        actlearn.get("sigmoid"),
        copy.deepcopy(actlearn.get("elu")),
        actlearn.leaky_relu.with_params(alpha=0.2),
    ):
        back = grader.decode(json.loads(json.dumps(grader.encode(f))))
        x = np.linspace(-3, 3, 7)
        assert back.name == f.name and np.array_equal(back.grad(x), f.grad(x))


def backward_at_the_output(X, Y, params, cache, f):
    dz2 = cache["p"] - Y
    dz1 = dz2 @ params["W2"].T * f.grad(cache["a1"])  # f' at a1, not at z1
    N = len(X)
    return {"W1": X.T @ dz1 / N, "b1": dz1.mean(0), "W2": cache["a1"].T @ dz2 / N, "b2": dz2.mean(0)}


def backward_in_place(X, Y, params, cache, f):
    dz2 = cache["p"]
    dz2 -= Y  # changes the forward pass's p
    dz1 = dz2 @ params["W2"].T * f.grad(cache["z1"])
    N = len(X)
    return {"W1": X.T @ dz1 / N, "b1": dz1.mean(0), "W2": cache["a1"].T @ dz2 / N, "b2": dz2.mean(0)}


def test_a_backward_pass_is_judged_in_its_own_process_with_f_and_in_place_changes_seen():
    wrong = verdict("learning.backward", "backward", {"backward": backward_at_the_output})
    assert 0 < wrong["share"] < 1 and "f.grad(a1)" in wrong["message"]  # relu's f'(a1) = f'(z1): right there
    changed = verdict("learning.backward", "backward", {"backward": backward_in_place})
    assert changed["share"] == 0 and "changed cache['p'] in place" in changed["message"]


def abs_by_relu(x):
    return actlearn.relu(x) + actlearn.relu(-x)


ABSOLUTE = np.abs  # a forbidden function under another name


def abs_by_an_alias(x):
    return ABSOLUTE(x) + 0 * actlearn.relu(x)


def test_a_prompts_rule_is_enforced_on_the_source_the_fresh_process_receives():
    assert verdict("start.abs_via_relu", "answer", {"answer": abs_by_relu})["share"] == 1.0
    broken = verdict("start.abs_via_relu", "answer", {"answer": abs_by_an_alias})
    assert broken["share"] == 0 and "your code uses absolute" in broken["message"]

"""Every exercise checker passes its reference solution, catches realistic wrong answers with the right
feedback, and survives answers that raise, return None, run forever or hold the ____ blank."""

import contextlib
import importlib
import io
import math
import pathlib
import time

import numpy as np
import pytest
from scipy.special import erf, erfc

import actlearn
from actlearn.exercises import MODULES, all_questions
from actlearn.exercises.core import ChoiceQuestion, FunctionQuestion, NumberQuestion, SetQuestion

QUESTIONS = all_questions()
FUNCTIONS = [qid for qid, q in QUESTIONS.items() if isinstance(q, FunctionQuestion)]
VALUES = [qid for qid, q in QUESTIONS.items() if not isinstance(q, FunctionQuestion)]


def verdict(qid, answer):
    """Return (True if check printed a right verdict, what it printed), after checking it returned nothing."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        returned = QUESTIONS[qid].check(answer)
    assert returned is None, "check() must return nothing, or Jupyter echoes it under the verdict"
    return QUESTIONS[qid].verdict(answer).status == "right", out.getvalue()


def solve(qid):
    """Return the answer the question's printed solution defines, run in a fresh namespace."""
    namespace = {}
    exec(QUESTIONS[qid].solution_code, namespace)
    return namespace[QUESTIONS[qid].answer_name]


# --- the catalogue ------------------------------------------------------------------------------------------


def test_ids_are_unique_and_every_module_has_at_least_two_questions():
    per_module = {}
    for module_name in MODULES:
        module = importlib.import_module(f"actlearn.exercises.{module_name}")
        ids = [getattr(module, name).id for name in module.__all__ if name != "____"]
        assert len(ids) >= 2, module_name
        assert all(i.startswith(module_name + ".") for i in ids), ids
        per_module[module_name] = ids
    every_id = [i for ids in per_module.values() for i in ids]
    assert len(every_id) == len(set(every_id)) == len(QUESTIONS) >= 25


@pytest.mark.parametrize("qid", QUESTIONS)
def test_every_question_has_a_prompt_a_hint_and_a_solution(qid):
    q = QUESTIONS[qid]
    assert q.prompt and "\n" not in q.prompt
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        q.show()
        q.hint()
        q.solution()
    text = out.getvalue()
    assert text.startswith(f"{q.name} ({qid}): {q.prompt}")
    assert f"Hint 1 of {len(q.hints)} ({qid}" in text and all(len(hint) > 20 for hint in q.hints)
    assert f"Solution ({qid}):\n{q.solution_code}" in text


@pytest.mark.parametrize("module_name", MODULES)
def test_star_import_brings_only_the_questions_and_the_blank(module_name):
    namespace = {}
    exec(f"from actlearn.exercises.{module_name} import *", namespace)
    names = set(namespace) - {"__builtins__"}
    assert "____" in names
    assert all(name == "____" or name.startswith("q") for name in names), names


def test_all_questions_rejects_a_duplicate_id(monkeypatch):
    from actlearn.exercises import sigmoid

    monkeypatch.setattr(sigmoid.q2, "id", sigmoid.q1.id)
    with pytest.raises(ValueError, match="sigmoid.stable"):
        all_questions()


# --- right answers, and the blank ---------------------------------------------------------------------------


@pytest.mark.parametrize("qid", QUESTIONS)
def test_the_reference_solution_passes(qid):
    result, text = verdict(qid, solve(qid))
    assert result is True
    assert text == f"{QUESTIONS[qid].name} ({qid}): ✓ Correct.\n"


@pytest.mark.parametrize("qid", QUESTIONS)
def test_an_unfilled_starter_cell_runs_and_says_not_attempted(qid):
    q = QUESTIONS[qid]
    module = importlib.import_module(f"actlearn.exercises.{qid.split('.')[0]}")
    namespace = {name: getattr(module, name) for name in module.__all__}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(q.starter, namespace)
    assert (
        out.getvalue()
        == f"{q.name} ({qid}): not attempted yet — replace ____ with your answer and run again.\n"
    )


def test_a_half_filled_blank_still_counts_as_not_attempted():
    from actlearn.exercises.sigmoid import ____

    result, text = verdict("sigmoid.stable", lambda x: 1 / (1 + np.exp(-____)))
    assert result is False and "not attempted yet" in text
    result, text = verdict("sigmoid.stable", lambda x: 1 / (1 + math.exp(-____)))
    assert result is False and "not attempted yet" in text
    result, text = verdict("swish.minimum_at_beta", (-0.639, ____))
    assert result is False and "not attempted yet" in text


# --- realistic wrong answers, each with the feedback it deserves --------------------------------------------

sig = actlearn.sigmoid


def relu_in_place(x):
    x[x < 0] = 0
    return x


WRONG = [
    ("start.sigmoid_at_zero", 0, "tanh(0) or relu(0)"),
    ("start.sigmoid_at_zero", 1.0, "limit as x -> inf"),
    ("start.sigmoid_at_zero", 0.25, "the slope at 0"),
    ("start.sigmoid_at_zero", "0.5", "a str"),
    ("start.sigmoid_at_zero", 0.6, "0.6 is too large"),
    ("start.abs_via_relu", lambda x: actlearn.relu(x) - actlearn.relu(-x), "is x itself"),
    ("start.abs_via_relu", lambda x: 2 * actlearn.relu(x), "drops the negative half"),
    ("start.abs_via_relu", lambda x: np.minimum(x, 0), "only the negative part"),
    ("start.abs_via_relu", lambda x: float(abs(x)), "raised TypeError"),
    ("start.zero_centred_count", 14, "counts every activation"),
    ("start.zero_centred_count", 0, "at least one"),
    # tanh, leaky_relu, prelu, elu, swish, gelu, selu, mish and hardswish go below 0; only tanh is odd
    ("start.zero_centred_count", 9, "can output a negative number"),
    ("start.zero_centred_count", "1", "a str"),
    ("nonlinearity.collapse", lambda W1, b1, W2, b2: (W2 @ W1, W2 @ b1 + b2), "column convention"),
    ("nonlinearity.collapse", lambda W1, b1, W2, b2: (W2 @ W1, b1 @ W2 + b2), "other order"),
    ("nonlinearity.collapse", lambda W1, b1, W2, b2: (W1 @ W2, b1 + b2), "also acts on b1"),
    ("nonlinearity.collapse", lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2), "b2 is missing"),
    ("nonlinearity.collapse", lambda W1, b1, W2, b2: W1 @ W2, "expected a list or tuple of 2 items"),
    # the point (1, -2): u = x1 + x2 = -1, v = x1 - x2 = 3, score |v| - |u| = 2
    ("nonlinearity.fold_score", -2, "|u| - |v|"),
    ("nonlinearity.fold_score", 0, "without its ReLU"),
    ("nonlinearity.fold_score", 4, "|v| + |u|"),
    ("nonlinearity.fold_score", 3, "|v| alone"),
    ("nonlinearity.relu_not_additive", 0, "what a linear map gives"),
    ("nonlinearity.relu_not_additive", 1, "sign"),
    ("nonlinearity.relu_not_additive", -2, "relu(-1) is 0"),
    ("nonlinearity.deep_linear", "a", "universal approximation"),
    ("nonlinearity.deep_linear", "(c)", "XOR is not linearly separable"),
    ("nonlinearity.deep_linear", "d", "exactly one layer"),
    ("nonlinearity.deep_linear", "e", "'e' is not an option"),
    ("nonlinearity.deep_linear", 2, "letter of an option"),
    ("sigmoid.stable", lambda x: 1 / (1 + np.exp(-x)), "overflow in exp at x = -1000: exp(-x) overflowed"),
    ("sigmoid.stable", lambda x: np.exp(x) / (1 + np.exp(x)), "returned nan (expected 1) at x = 1000"),
    ("sigmoid.stable", lambda x: 1 / (1 + np.exp(x)), "sign error"),
    ("sigmoid.stable", lambda x: sig(np.asarray(x, dtype=float)), "returned float64 for float32 input"),
    (
        "sigmoid.stable",
        lambda x: np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x))),
        "np.where computes both branches",
    ),
    ("sigmoid.stable", lambda x: 1 / (1 + math.exp(-x)), "use np.exp for arrays"),
    # sigma(ln 3) = 1 / (1 + 1/3) = 3/4: the slope is 3/4 * 1/4 = 3/16
    ("sigmoid.slope_at_ln3", 3 / 4, "the value"),
    ("sigmoid.slope_at_ln3", 1 / 4, "the slope at x = 0"),
    ("sigmoid.slope_at_ln3", 9 / 16, "sigma^2"),
    ("sigmoid.slope_at_ln3", 1 - 9 / 16, "tanh's derivative"),
    ("sigmoid.slope_at_ln3", 0.2, "0.2 is too large"),
    ("sigmoid.slope_at_ln3", None, "your answer is None"),
    ("sigmoid.loss_far_tail", "a", "keeps its relative precision"),
    ("sigmoid.loss_far_tail", "c", "only for p = 1"),
    ("sigmoid.loss_far_tail", "d", "none happens here"),
    ("tanh.slope_crossing", 0, "4 times steeper"),
    ("tanh.slope_crossing", 0.83, "x/2"),
    ("tanh.slope_crossing", 1.32, "falls to 0.25"),  # sech^2 x = 1/4 at cosh x = 2
    ("tanh.slope_crossing", 2, "the crossing is sooner"),
    ("tanh.slope_crossing", 1.5, "1.5 is too small"),
    ("relu.dead_fraction", lambda pre: np.mean(pre <= 0), "fraction of zero outputs"),
    ("relu.dead_fraction", lambda pre: np.mean(np.all(pre <= 0, axis=1)), "use axis=0"),
    ("relu.dead_fraction", lambda pre: np.mean(np.all(pre < 0, axis=0)), "exactly 0"),
    ("relu.dead_fraction", lambda pre: np.sum(np.all(pre <= 0, axis=0)), "that is a count"),
    ("relu.zeros_xavier", 0.25, "scaling W scales z but keeps each sign"),
    ("relu.zeros_xavier", 0.75, "shrink z towards 0 from both sides"),
    ("relu.zeros_xavier", 0.5 / math.sqrt(2), "changes sizes, not signs"),
    ("relu.mean_square_leaky", 0.5, "forgot the leak"),
    ("relu.mean_square_leaky", 1, "that is E[z^2]"),
    ("relu.mean_square_leaky", 0.6, "not alpha / 2"),
    (
        "leaky_relu.from_relu",
        lambda x, alpha=0.01: actlearn.relu(x) - 0.01 * actlearn.relu(-x),
        "ignored alpha",
    ),
    ("leaky_relu.from_relu", lambda x, alpha=0.01: actlearn.relu(x), "that is ReLU"),
    (
        "leaky_relu.from_relu",
        lambda x: actlearn.relu(x) - 0.01 * actlearn.relu(-x),
        "keep the signature my_leaky_relu(x, alpha=0.01)",
    ),
    ("leaky_relu.zeros", 0.5, "that is ReLU's share"),
    ("leaky_relu.zeros", 0.01, "a slope, not a share of units"),
    ("leaky_relu.zeros", 0.5 - 0.005, "scales the negative side"),
    ("leaky_relu.silent_gradient", 0, "that is ReLU"),
    ("leaky_relu.silent_gradient", 2, "slope 1"),
    ("leaky_relu.silent_gradient", 0.01 * -3 * 2, "the output alpha * z"),
    ("leaky_relu.silent_gradient", 0.01 * -3, "the value"),
    ("prelu.alpha_grad_per_unit", lambda x, up: up * np.minimum(x, 0), "sum over the batch, axis 0"),
    ("prelu.alpha_grad_per_unit", lambda x, up: np.sum(up * np.minimum(x, 0), axis=1), "wrong axis"),
    ("prelu.alpha_grad_per_unit", lambda x, up: np.mean(up * np.minimum(x, 0), axis=0), "that is the mean"),
    ("prelu.alpha_grad_per_unit", lambda x, up: np.minimum(x, 0).sum(axis=0), "upstream gradient"),
    ("prelu.step_direction", "b", "so alpha rises"),
    ("prelu.step_direction", "c", "only inputs x <= 0 reach alpha"),
    ("prelu.step_direction", "d", "that is Leaky ReLU"),
    ("prelu.channel_axis", "a", "along dimension 1"),
    ("prelu.channel_axis", "c", "lines shapes up from the right"),
    ("prelu.channel_axis", "D", "lengths must match or be 1"),
    # choosing.softplus_slope: d/dx log(1 + e^x) = e^x / (1 + e^x) = sigmoid(x), every value in (0, 1)
    ("choosing.softplus_slope", "a", "ReLU's"),
    ("choosing.softplus_slope", "c", "sigmoid's slope"),
    ("choosing.softplus_slope", "d", "never negative"),
    ("choosing.softplus_slope", "softplus", "not an option"),
    (
        "choosing.never_zero_slope",
        {"sigmoid", "tanh", "leaky_relu", "prelu", "elu", "relu"},
        "relu does not belong",
    ),
    ("choosing.never_zero_slope", ["sigmoid", "tanh", "leaky-relu", "prelu"], "elu is missing"),
    (
        "choosing.never_zero_slope",
        {"sigmoid", "tanh", "leaky_relu", "prelu", "elu", "swish"},
        "swish does not",
    ),
    ("choosing.never_zero_slope", {"sigmoid", "softmax"}, "'softmax' is not one of the names"),
    ("choosing.never_zero_slope", "sigmoid", "expected a set of names"),
    # choosing.gelu_chain: one slope per layer, 1.1289^10 (tests/test_exercises_choosing.py has more)
    ("choosing.gelu_chain", 11.29, "added the slopes"),
    ("choosing.gelu_chain", 1.1289, "one layer's slope"),
    ("choosing.gelu_chain", 2.98, "nine layers"),
    ("choosing.gelu_chain", "3.36", "a str"),
    ("choosing.adam_race", "b", "largest slope"),
    ("choosing.adam_race", "c", "same lr"),
    ("choosing.adam_race", "d", "how Adam sizes"),
    ("choosing.regression_output", "a", "below 0"),
    ("choosing.regression_output", "b", "(0, 1)"),
    ("choosing.regression_output", "d", "(-1, 1)"),
]

# Later notebooks keep their wrong answers in a file of their own, tests/test_exercises_<module>.py.
for _path in sorted(pathlib.Path(__file__).parent.glob("test_exercises_*.py")):
    WRONG += importlib.import_module(_path.stem).WRONG


@pytest.mark.parametrize(
    ("qid", "answer", "feedback"), WRONG, ids=[f"{w[0]}-{i}" for i, w in enumerate(WRONG)]
)
def test_a_wrong_answer_gets_the_feedback_it_deserves(qid, answer, feedback):
    result, text = verdict(qid, answer)
    assert result is False
    assert text.startswith(f"{QUESTIONS[qid].name} ({qid}): ✗ ")
    assert feedback in text
    assert text.count("\n") == 1  # one verdict line


@pytest.mark.parametrize("qid", QUESTIONS)
def test_every_question_catches_at_least_three_wrong_answers_each_with_its_own_feedback(qid):
    texts = [verdict(qid, answer) for q, answer, _ in WRONG if q == qid]
    assert all(result is False for result, _ in texts)
    assert len({text for _, text in texts}) >= 3, "three wrong answers, three different verdicts"


@pytest.mark.parametrize("qid", FUNCTIONS)
def test_every_known_mistake_is_caught_and_named(qid):
    q = QUESTIONS[qid]
    messages = [m.message for m in q.mistakes]
    for mistake in q.mistakes:
        if mistake.wrong is not None:
            result, text = verdict(qid, mistake.wrong)
            assert result is False
            named = {message for message in messages if message in text}  # two mistakes may share one
            assert named == {mistake.message}, f"{mistake.message!r} should be named, not {named}: {text}"


@pytest.mark.parametrize("qid", [q for q in QUESTIONS if isinstance(QUESTIONS[q], NumberQuestion)])
def test_every_known_wrong_number_is_named(qid):
    for wrong, message in QUESTIONS[qid].mistakes:
        result, text = verdict(qid, wrong)
        assert result is False and message in text


# --- answers that misbehave ---------------------------------------------------------------------------------


def raises(*args, **kwargs):
    raise RuntimeError("something broke")


def returns_none(*args, **kwargs):
    pass


def loops_forever(*args, **kwargs):
    while True:
        pass


def swallows_everything(*args, **kwargs):
    while True:
        try:
            time.sleep(10)
        except Exception:
            pass


@pytest.mark.parametrize("qid", FUNCTIONS)
def test_a_raising_answer_is_reported(qid):
    result, text = verdict(qid, raises)
    assert result is False and "✗ raised RuntimeError at " in text and "(something broke)" in text


@pytest.mark.parametrize("qid", FUNCTIONS)
def test_a_none_returning_answer_is_reported(qid):
    result, text = verdict(qid, returns_none)
    assert result is False and "✗ returned None (did you forget `return`?)" in text


@pytest.mark.parametrize("qid", FUNCTIONS)
def test_an_endless_answer_is_stopped_and_reported(qid, monkeypatch):
    monkeypatch.setattr(QUESTIONS[qid], "time_limit", 0.05)
    result, text = verdict(qid, loops_forever)
    assert result is False and "✗ took longer than 0.05 s at " in text


@pytest.mark.parametrize("qid", FUNCTIONS)
def test_a_non_function_answer_is_reported(qid):
    result, text = verdict(qid, "x * 2")
    assert result is False and f"expected a function like {QUESTIONS[qid].signature}; got 'x * 2'" in text


@pytest.mark.parametrize("qid", FUNCTIONS)
def test_an_answer_returning_text_or_the_wrong_shape_is_reported(qid):
    result, text = verdict(qid, lambda *args, **kwargs: "0.5")
    assert result is False and "returned '0.5'" in text
    result, text = verdict(qid, lambda *args, **kwargs: np.zeros((7, 1, 3)))
    assert result is False and "shape (7, 1, 3)" in text


def test_an_except_exception_in_the_answer_cannot_swallow_the_time_limit(monkeypatch):
    monkeypatch.setattr(QUESTIONS["sigmoid.stable"], "time_limit", 0.05)
    result, text = verdict("sigmoid.stable", swallows_everything)
    assert result is False and "took longer than 0.05 s" in text


@pytest.mark.parametrize("qid", VALUES)
def test_a_value_question_reports_odd_answers(qid):
    for odd in (None, lambda: 1, [1, 2, 3], float("nan")):
        result, text = verdict(qid, odd)
        assert result is False and "✗ " in text and "checker itself failed" not in text


# --- the core -----------------------------------------------------------------------------------------------


def test_run_stops_a_slow_function_in_the_main_thread_and_restores_the_alarm_handler():
    import signal

    from actlearn.exercises.core import run

    def mine(signum, frame):
        pass

    previous = signal.signal(signal.SIGALRM, mine)
    try:
        assert run(loops_forever, time_limit=0.05).timed_out
        assert signal.getsignal(signal.SIGALRM) is mine
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_run_falls_back_to_waiting_when_not_in_the_main_thread():
    import threading

    from actlearn.exercises.core import run

    box = {}
    worker = threading.Thread(target=lambda: box.update(slow=run(time.sleep, (0.5,), time_limit=0.05)))
    worker.start()
    worker.join()
    assert box["slow"].timed_out
    box.clear()
    worker = threading.Thread(target=lambda: box.update(ok=run(np.exp, (np.array([1000.0]),))))
    worker.start()
    worker.join()
    assert box["ok"].value[0] == np.inf and box["ok"].warnings == ["overflow in exp"]


def test_warnings_of_the_learners_code_become_feedback_not_noise(recwarn):
    verdict("sigmoid.stable", lambda x: 1 / (1 + np.exp(-x)))
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]


def test_a_mutating_answer_does_not_change_the_checkers_inputs():
    q = QUESTIONS["relu.capped"]
    before = [np.copy(case.args[0]) for case in q.cases]
    verdict("relu.capped", relu_in_place)
    assert all(np.array_equal(b, c.args[0], equal_nan=True) for b, c in zip(before, q.cases, strict=True))


def test_verdicts_are_the_same_on_every_run():
    answer = lambda x: np.where(x > 0, x, 0)  # noqa: E731
    assert verdict("relu.capped", answer) == verdict("relu.capped", answer)


def test_a_question_shows_its_task_as_its_repr_and_a_choice_lists_its_options():
    assert repr(QUESTIONS["sigmoid.stable"]).startswith("q1 (sigmoid.stable): Write stable_sigmoid(x)")
    shown = repr(QUESTIONS["softmax.naive_fails"]).splitlines()
    assert [line[:5] for line in shown[1:]] == ["  (a)", "  (b)", "  (c)", "  (d)"]


@pytest.mark.parametrize("kind", [FunctionQuestion, NumberQuestion, ChoiceQuestion, SetQuestion])
def test_every_kind_of_question_is_used(kind):
    assert any(isinstance(q, kind) for q in QUESTIONS.values())


# --- the expected answers, derived independently of the package ---------------------------------------------


def test_the_number_answers_match_an_independent_derivation():
    from scipy.optimize import minimize_scalar

    swish_beta_2 = minimize_scalar(  # swish with beta = 2, searched directly, no scaling rule
        lambda x: x / (1 + math.exp(-2 * x)), bounds=(-3, 0), method="bounded", options={"xatol": 1e-10}
    )
    assert verdict("swish.minimum_at_beta", (round(swish_beta_2.x, 3), round(swish_beta_2.fun, 3)))[0]

    def swish_beta_5(x):
        return x / (1 + math.exp(-5 * x))

    h = 1e-6  # swish's slope at 0 with beta = 5, by a centred difference
    assert verdict("swish.slope_at_zero", (swish_beta_5(h) - swish_beta_5(-h)) / (2 * h))[0]
    assert verdict("softmax.jacobian_entries", (1 / 3 - 1 / 9, -1 / 9))[0]  # s = 1/3: s - s^2 and -s^2
    x = np.linspace(-8, 8, 400001)
    exact = 0.5 * x * (1 + erf(x / math.sqrt(2)))
    sigmoid_form = x / (1 + np.exp(-1.702 * x))
    assert 0.01 < np.max(np.abs(exact - sigmoid_form)) < 0.05  # option (c), "about 0.02"
    assert verdict("gelu.sigmoid_gap", "c")[0]
    # Phi(x) = erfc(-x / sqrt 2) / 2: no 1 + erf to round away the tail
    assert verdict("gelu.exact", lambda x: 0.5 * x * erfc(-x / math.sqrt(2)))[0]
    assert verdict("start.zero_centred_count", 1)[0]  # only tanh is odd, so only tanh is centred on 0
    assert verdict("vanishing.layer_ratio", 0.0751)[0]  # (3 * 0.25) ** 9 = 0.07508
    assert verdict("exploding.growth_at_256", 11.3)[0]  # sqrt(256 / 2)
    assert verdict("exploding.prelu_std", 0.1715)[0]  # sqrt(2 / (64 * 1.0625))
    gelu_slope = minimize_scalar(  # GELU' = Phi + x phi, largest on the positive side
        lambda x: (
            -(0.5 * (1 + math.erf(x / math.sqrt(2))) + x * math.exp(-x * x / 2) / math.sqrt(2 * math.pi))
        ),
        bounds=(0, 3),
        method="bounded",
        options={"xatol": 1e-10},
    )
    assert verdict("choosing.gelu_chain", round((-gelu_slope.fun) ** 10, 2))[0]  # one slope per layer
    never_zero = {"sigmoid", "tanh", "leaky_relu", "prelu", "elu"}  # relu is flat left of 0; swish, gelu dip
    assert verdict("choosing.never_zero_slope", never_zero)[0]


def test_the_answers_of_notebooks_00_to_03_match_an_independent_derivation():
    from scipy.optimize import brentq

    x1, x2 = 1.0, -2.0  # 01's hand-built XOR network scores |x1 - x2| - |x1 + x2|
    assert verdict("nonlinearity.fold_score", abs(x1 - x2) - abs(x1 + x2))[0]
    s = 1 / (1 + math.exp(-math.log(3)))
    assert verdict("sigmoid.slope_at_ln3", s * (1 - s))[0]
    assert verdict("tanh.half_slope", round(math.log(1 + math.sqrt(2)), 2))[0]  # 1 - tanh^2 = 1/2
    crossing = brentq(lambda x: 1 / math.cosh(x) ** 2 - math.exp(-x) / (1 + math.exp(-x)) ** 2, 0.5, 3)
    assert verdict("tanh.slope_crossing", round(crossing, 1))[0]
    assert verdict("sigmoid.loss_far_tail", "b")[0]  # -log(e^-40 / (1 + e^-40)) = 40 + log1p(e^-40)


def test_clipping_matches_the_network_module():
    from actlearn import network  # a broken import fails here; it must not turn into a skip

    def clip_with_network(grads, max_norm):  # the network keeps its gradients in a dict
        clipped, _ = network.clip_by_global_norm(dict(enumerate(grads)), max_norm)
        return [clipped[i] for i in range(len(grads))]

    assert verdict("exploding.clip_global_norm", clip_with_network)[0]

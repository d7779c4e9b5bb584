"""The exercise machinery: verdicts that display themselves, tiered hints, solutions a teacher can turn
off, the grading entry point nbgrader calls, names bound once, and issue 13's rules on every module."""

import contextlib
import copy
import io
import statistics
import subprocess
import sys
import types

import numpy as np
import pytest

import actlearn
from actlearn.exercises import MODULES, all_questions
from actlearn.exercises.core import (
    KINDS,
    POINTS,
    SOLUTIONS_ENV,
    ChoiceQuestion,
    FunctionQuestion,
    NumberQuestion,
    Question,
    Verdict,
    ____,
    bind,
    elementwise_cases,
    solutions_off,
    solutions_on,
)

QUESTIONS = all_questions()


def printed(action):
    """Return what action() printed, after checking that it returned nothing."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert action() is None
    return out.getvalue()


def choice(**kwargs):
    """Return a small multiple-choice question bound to the name q1."""
    settings = dict(
        id="test.choice",
        prompt="Predict which one",
        hint=["a nudge, in a few words", "a stronger hint, nearly the answer"],
        solution='pick = "b"',
        answer_name="pick",
        options={"a": ("zero", "it is not zero"), "b": ("one", "right")},
        right="b",
        kind="predict",
    )
    question = ChoiceQuestion(**settings | kwargs)
    bind({"q1": question})
    return question


# --- verdicts ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "status", "colour"),
    [(0.1875, "right", "#1a7f37"), (0.75, "wrong", "#cf222e"), (____, "blank", "#57606a")],
)
def test_a_verdict_is_one_coloured_html_line_with_the_same_plain_text(answer, status, colour):
    verdict = QUESTIONS["sigmoid.slope_at_ln3"].verdict(answer)
    assert verdict.status == status
    assert "\n" not in repr(verdict)
    assert verdict._repr_html_() == f'<div style="color: {colour}; font-weight: bold">{repr(verdict)}</div>'


def test_html_of_a_verdict_escapes_what_the_learner_typed():
    assert "&lt;b&gt;" in Verdict("wrong", "'<b>' is not an option")._repr_html_()


def test_check_hands_the_verdict_to_ipythons_display_when_a_kernel_runs(monkeypatch):
    shown = []
    fake = types.SimpleNamespace(
        get_ipython=lambda: object(), display=types.SimpleNamespace(display=shown.append)
    )
    monkeypatch.setitem(__import__("sys").modules, "IPython", fake)
    assert printed(lambda: QUESTIONS["sigmoid.slope_at_ln3"].check(0.1875)) == ""
    (verdict,) = shown
    assert isinstance(verdict, Verdict) and repr(verdict) == "q3 (sigmoid.slope_at_ln3): ✓ Correct."


def test_check_prints_the_plain_line_without_a_kernel():
    assert printed(lambda: QUESTIONS["sigmoid.slope_at_ln3"].check(0.75)).count("\n") == 1


# --- hints and solutions -----------------------------------------------------------------------------------


def test_hints_come_in_tiers_and_say_how_many_there_are():
    q = choice()
    assert printed(q.hint) == "Hint 1 of 2 (test.choice; q1.hint(2) for more): a nudge, in a few words\n"
    assert printed(lambda: q.hint(2)) == "Hint 2 of 2 (test.choice): a stronger hint, nearly the answer\n"
    assert printed(lambda: q.hint(3)) == "q1 (test.choice) has 2 hints: ask for q1.hint(1) to q1.hint(2).\n"


def test_a_single_hint_may_be_a_plain_string():
    q = choice(hint="the only hint there is")
    assert q.hints == ("the only hint there is",)
    assert printed(q.hint) == "Hint 1 of 1 (test.choice): the only hint there is\n"


@pytest.mark.parametrize("turn_off", ["call", "environment"])
def test_a_teacher_can_turn_solutions_off_while_check_and_hint_keep_working(turn_off, monkeypatch):
    q = QUESTIONS["sigmoid.slope_at_ln3"]
    if turn_off == "call":
        solutions_off()
    else:
        monkeypatch.setenv(SOLUTIONS_ENV, "off")
    try:
        assert "turned solutions off" in printed(q.solution) and "(1 - 0.75)" not in printed(q.solution)
        assert "✓ Correct." in printed(lambda: q.check(0.1875))
        assert printed(q.hint).startswith("Hint 1 of")
    finally:
        solutions_on()
    monkeypatch.delenv(SOLUTIONS_ENV, raising=False)
    assert "(1 - 0.75)" in printed(q.solution)


# --- grading -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("qid", QUESTIONS)
def test_grade_gives_a_real_verdict_on_a_blank(qid):
    assert (
        QUESTIONS[qid].grade(____) == f"{QUESTIONS[qid].label}: not attempted (the answer still holds ____)"
    )


@pytest.mark.parametrize("qid", QUESTIONS)
def test_grade_passes_the_reference_solution_on_every_case_hidden_ones_too(qid):
    namespace = {}
    exec(QUESTIONS[qid].solution_code, namespace)
    answer = namespace[QUESTIONS[qid].answer_name]
    assert QUESTIONS[qid].grade(answer) is None
    assert QUESTIONS[qid].grade(answer, hidden=True) is None


def test_grade_names_the_same_mistake_as_check():
    naive = lambda x: 1 / (1 + np.exp(-x))  # noqa: E731
    q = QUESTIONS["sigmoid.stable"]
    assert q.grade(naive) == repr(q.verdict(naive)).replace(" ✗", "")


def test_hidden_cases_catch_an_answer_that_only_fits_the_visible_ones():
    def small_arrays_only(x):
        return actlearn.sigmoid(x) if np.size(x) <= 8 else np.zeros_like(x)

    q = QUESTIONS["sigmoid.stable"]
    assert q.grade(small_arrays_only) is None
    assert "returned 0 (expected" in q.grade(small_arrays_only, hidden=True)


# --- names, kinds, options, predictions ------------------------------------------------------------------


def test_bind_names_questions_after_their_variables_and_returns_all():
    a, b = Question("t.a", "", "", "", ""), Question("t.b", "", "", "", "")
    assert bind({"q1": a, "q2": b, "other": 3}) == ["q1", "q2", "____"]
    assert (a.name, b.name) == ("q1", "q2") and repr(a).startswith("q1 (t.a)")


@pytest.mark.parametrize(
    "namespace", [{"q2": 1, "q1": 2}, {"q1": 1, "q3": 2}, {"first": 1}, {"q1": 1, "q2": 1}], ids=str
)
def test_bind_refuses_names_that_would_let_the_notebook_and_module_drift(namespace):
    questions = {}
    with pytest.raises(ValueError):
        bind(
            {
                name: questions.setdefault(value, Question(f"t.{value}", "", "", "", ""))
                for name, value in namespace.items()
            }
        )


def test_a_kind_must_be_one_of_the_known_kinds():
    assert KINDS == ("code", "predict", "derive", "explain", "recall")
    with pytest.raises(ValueError, match="kind 'guess' is not one of code, predict"):
        choice(kind="guess")
    assert all(q.kind in KINDS + (None,) for q in QUESTIONS.values())


def test_a_choice_question_lists_its_options_in_show_repr_and_markdown():
    q = choice()
    assert printed(q.show) == "q1 (test.choice): Predict which one\n  (a) zero\n  (b) one\n"
    assert q.options_markdown() == "- (a) zero\n- (b) one"


def test_a_predict_question_can_compare_with_a_value_computed_when_first_checked():
    runs = []

    def experiment():
        runs.append(1)
        return 1e-6

    q = NumberQuestion("t.ratio", "Predict the ratio", "a nudge", "ratio = 1e-6", "ratio", value=experiment,
                       tol=0, rtol=0.5, kind="predict")  # fmt: skip
    assert not runs, "nothing runs until a learner checks"
    assert q.grade(1.4e-6) is None and q.grade(0.6e-6) is None
    assert "too large" in q.grade(1.6e-6) and "too small" in q.grade(0.4e-6)
    assert len(runs) == 1


# --- issue 13's rules for each notebook's questions --------------------------------------------------------


def rule_breaks(module_name):
    """Return what a module's questions break of issue 13's rules, as a list of sentences."""
    questions = [q for q in QUESTIONS.values() if q.id.startswith(module_name + ".")]
    kinds = [q.kind for q in questions]
    found = []
    if len(questions) < 3:
        found.append(f"{len(questions)} questions; ask at least three")
    found += [f"{q.label} has no kind" for q in questions if q.kind is None]
    if kinds.count("recall") > 1:
        found.append(f"{kinds.count('recall')} recall questions; at most one")
    if module_name != "start" and "predict" not in kinds:
        found.append("no predict-then-run question")
    found += [
        f"{q.label}: a predict prompt says 'Predict'"
        for q in questions
        if q.kind == "predict" and "Predict" not in q.prompt
    ]
    return found


@pytest.mark.parametrize("module_name", MODULES)
def test_each_notebook_asks_questions_that_make_a_learner_think(module_name):
    assert rule_breaks(module_name) == []


def test_at_least_half_the_questions_have_two_hints_or_more():
    assert sum(len(q.hints) >= 2 for q in QUESTIONS.values()) >= len(QUESTIONS) / 2


# --- issue 21: name a mistake only when it is the cause; no way around the checker -------------------------


def test_a_mistake_is_named_only_where_that_mistake_fails_too():
    q = QUESTIONS["sigmoid.stable"]

    def float32_near_miss(x):  # stable, but a digit short in float32: the naive formula is right there
        x = np.asarray(x)
        value = actlearn.sigmoid(x)
        return value * np.asarray(1 + 1e-3, value.dtype) if value.dtype == np.float32 else value

    problem = q.grade(float32_near_miss)
    assert "x = -3" in problem and "overflow" not in problem


def relu_with_fmax(x):
    return np.fmax(x, 0.0)


def relu_with_where(x):
    return np.where(x > 0, x, 0.0)


@pytest.mark.parametrize(
    ("answer", "named", "not_named"),
    [(relu_with_fmax, "np.fmax", "np.where"), (relu_with_where, "np.where", "np.fmax")],
    ids=["fmax", "where"],
)
def test_nan_advice_names_the_construct_the_answer_used(answer, named, not_named):
    relu = FunctionQuestion(  # no known mistakes: the advice comes from the answer's code alone
        "t.relu",
        "Write relu(x).",
        "hint",
        "def relu(x): ...",
        "relu(x)",
        lambda x: np.maximum(x, 0.0),
        elementwise_cases(),
    )
    problem = relu.grade(answer)
    assert "at x = nan" in problem and named in problem and not_named not in problem


def test_no_overflow_is_judged_on_values_so_a_silenced_warning_hides_nothing():
    def silenced(x):
        with np.errstate(all="ignore"):
            return 1 / (1 + np.exp(-x))

    q = QUESTIONS["sigmoid.stable"]
    assert q.grade(silenced).startswith("q1 (sigmoid.stable): returned 0 (expected 2.032e-313) at x = -720")
    assert [case.args[0].dtype for case in q.tail_cases()] == [np.float64, np.float32]
    assert (
        QUESTIONS["relu.capped"].tail_cases() != []
        and QUESTIONS["tanh.second_derivative"].grade(lambda t: 2 * t**3 - 2 * t) is None
    )  # the tails its own solution passes, whatever its input means


def test_emptying_the_cases_cannot_make_a_wrong_answer_pass():
    q = copy.copy(QUESTIONS["sigmoid.stable"])
    q.cases = []
    assert "no cases left" in q.grade(lambda x: 0 * x)


def test_stopping_the_kernel_is_not_swallowed_as_the_answers_error():
    def pressed_stop(x):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        QUESTIONS["sigmoid.stable"].grade(pressed_stop)


def test_a_missing_answer_variable_gets_its_questions_verdict_not_a_traceback():
    cells = [
        "from actlearn.exercises.sigmoid import *",
        "def stable_sigmoidd(x):\n    return x\n\n\nq1.check(stable_sigmoid)",  # a typo in the def
        "some_other_name",  # any other NameError still shows as one
    ]
    script = (
        "from IPython.core.interactiveshell import InteractiveShell\n"
        "shell = InteractiveShell.instance(colors='NoColor')\n"
        f"for cell in {cells!r}:\n    shell.run_cell(cell)"
    )
    text = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert "q1 (sigmoid.stable): there is no variable named stable_sigmoid yet" in text
    assert text.count("NameError") == 2 and "some_other_name" in text  # its traceback: a header and a line


def test_solution_code_is_not_on_the_object_when_solutions_are_off():
    solutions_off()
    try:
        assert QUESTIONS["sigmoid.stable"].solution_code is None
    finally:
        solutions_on()
    assert "np.exp" in QUESTIONS["sigmoid.stable"].solution_code


def test_points_follow_the_work_a_question_asks_for():
    assert POINTS["code"] > POINTS["derive"] > POINTS["predict"] == POINTS["explain"] == 1
    assert all(q.points == POINTS[q.kind] for q in QUESTIONS.values())
    assert choice(points=4).points == 4


# --- options that don't give themselves away ----------------------------------------------------------------

CHOICES = {qid: q for qid, q in QUESTIONS.items() if isinstance(q, ChoiceQuestion)}


def long_right_option(question):
    """Return why question's right option stands out by length, or None: longest, and 1.5x the median."""
    right = len(question.options[question.right][0])
    others = [len(text) for key, (text, _) in question.options.items() if key != question.right]
    if right > max(others) and right > 1.5 * statistics.median(others):
        return f"right option {right} characters, the others' median {statistics.median(others):g}"
    return None


@pytest.mark.parametrize("qid", CHOICES)
def test_the_right_option_is_not_the_one_that_stands_out_by_length(qid):
    assert long_right_option(CHOICES[qid]) is None


def test_the_length_rule_catches_a_telltale_option():
    assert long_right_option(choice(options={"a": ("no", "x"), "b": ("yes, because of a long reason", "")}))
    assert long_right_option(choice(options={"a": ("zero", "x"), "b": ("one", "")})) is None

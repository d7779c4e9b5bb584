"""Four fixes in the exercise core (issue 21's fresh read of notebooks 08-13), each fed the answer that
showed the bug: a flag that keeps the shared tails off a question whose input is not an x, NaN's own
"invalid value" warning, a mistake matched only within the question's tolerance, list items judged at
their own dtype's tolerance."""

import numpy as np

import actlearn
from actlearn.exercises import elu, exploding
from actlearn.exercises.core import TAILS, FunctionQuestion, Mistake, compare, elementwise_cases


def swish_question(**kwargs):
    """Return a plain swish question: the reference is actlearn.swish, checked relative-only like 10's."""
    settings = dict(
        id="test.swish",
        prompt="Write my_swish(x, beta=1.0)",
        hint=["x times the gate"],
        solution="import actlearn\n\n\ndef my_swish(x, beta=1.0):\n    return x * actlearn.sigmoid(beta * x)",
        signature="my_swish(x, beta=1.0)",
        reference=actlearn.swish,
        cases=elementwise_cases(infinities=False),
        tolerance={"float32": (1e-4, 1e-6), "float64": (1e-7, 0.0)},
    )
    return FunctionQuestion(**settings | kwargs)


# --- item 3: the shared tails are x values; a question about ELU's output y can't take y = -720 -----------


def test_elu_slope_from_output_undone_with_log1p_passes():
    # alpha e^x with x = log1p(y / alpha): right for every ELU output y > -alpha
    answer = lambda y, alpha=1.0: np.where(y > 0, 1.0, alpha * np.exp(np.log1p(y / alpha)))  # noqa: E731
    assert elu.q2.grade(answer) is None


def test_tails_false_leaves_the_tail_cases_out_and_the_default_keeps_them():
    assert elu.q2.tail_cases() == []
    with_tails = swish_question()
    assert len(with_tails.tail_cases()) >= 1
    assert all(any(np.array_equal(case.args[0], x) for x in TAILS) for case in with_tails.tail_cases())
    assert swish_question(tails=False).tail_cases() == []


# --- item 4: NaN in warns "invalid value" in many right formulas; NaN-in, NaN-out judges the value --------


def test_a_right_answer_that_warns_only_on_nan_passes():
    answer = lambda x, beta=1.0: x * np.exp(-np.logaddexp(0, -beta * x))  # noqa: E731
    with np.errstate(invalid="raise"):  # it does warn there: the fix is in the checker, not the answer
        try:
            answer(np.array([np.nan]))
            warned = False
        except FloatingPointError:
            warned = True
    assert warned
    assert swish_question().grade(answer) is None


def test_an_invalid_value_warning_away_from_nan_is_still_named():
    # sqrt(x^2) is |x|, but sqrt of a negative number warns: the grid holds no NaN, so the warning counts
    question = swish_question(reference=np.abs, signature="my_abs(x)", solution="def my_abs(x): ...")
    answer = lambda x: np.where(x >= 0, x, np.sqrt(x) * 0 - x)  # noqa: E731
    problem = question.grade(answer)
    assert problem is not None and "invalid value" in problem


# --- item 5: with a relative-only tolerance, 0 is not "the same output" as a mistake's 1e-20 ---------------


def test_a_mistake_is_matched_only_within_the_questions_tolerance():
    # the product-rule mistake gives sigmoid(-50) = 1.9e-22 at x = -50; an answer giving 0 there is not it
    question = swish_question(
        reference=actlearn.swish.grad,
        mistakes=[Mistake("dropped the second term", wrong=lambda x, beta=1.0: actlearn.sigmoid(beta * x))],
    )
    tanh_gate = lambda x, beta=1.0: (s := 0.5 * (1 + np.tanh(beta * x / 2))) + beta * x * s * (1 - s)  # noqa: E731
    problem = question.grade(tanh_gate)
    assert problem is not None and "x = -50" in problem
    assert "dropped the second term" not in problem
    # and the mistake itself is still named
    assert "dropped the second term" in question.grade(lambda x, beta=1.0: actlearn.sigmoid(beta * x))


# --- item 6: a list answer's float32 item is judged at float32's tolerance, not float64's ----------------


def pytorch_clip(grads, max_norm):
    """Clip as torch.nn.utils.clip_grad_norm_ does: coef = min(max_norm / (norm + 1e-6), 1)."""
    norm = np.sqrt(sum(np.sum(g.astype(np.float64) ** 2) for g in grads))
    coef = min(max_norm / (norm + 1e-6), 1.0)
    return [(g * coef).astype(g.dtype) for g in grads]


def test_pytorchs_own_rule_passes_clip_global_norm():
    # its eps puts it 1e-6 / norm off: beyond float64's default rtol, so q3 allows 1e-5 (item 6's compare
    # test below is the dtype fix itself)
    float32_case = next(case for case in exploding.q3.cases if case.args[0][0].dtype == np.float32)
    got, expected = pytorch_clip(*float32_case.args), exploding.q3.reference(*float32_case.args)
    gap = max(float(np.max(np.abs(g - e) / np.abs(e).max())) for g, e in zip(got, expected, strict=True))
    assert 1e-7 < gap < 1e-4  # beyond float64's rtol, well within float32's
    assert exploding.q3.grade(pytorch_clip) is None


def test_each_list_item_is_judged_at_its_own_dtypes_tolerance():
    table = {"float32": (1e-4, 1e-6), "float64": (1e-7, 1e-12)}
    expected = [np.array([1.0, 2.0], np.float32), np.array([1.0, 2.0])]
    off = 1 + 1e-6  # within float32's rtol, beyond float64's
    assert compare([expected[0] * np.float32(off), expected[1]], expected, table) is None
    found = compare([expected[0], expected[1] * off], expected, table)
    assert found is not None and found[0].startswith("item 1")

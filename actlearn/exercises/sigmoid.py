"""Exercises for 03-sigmoid: a sigmoid that never overflows, its log from the logit, where it rounds."""

import numpy as np

import actlearn
from actlearn.exercises.core import (
    Case,
    ChoiceQuestion,
    FunctionQuestion,
    Mistake,
    NumberQuestion,
    bind,
    cases,
    elementwise_cases,
)
from actlearn.exercises.core import ____ as ____  # re-exported: a starter cell holds it

TAIL = cases([np.array([-720.0, -40.0])])  # the naive formula returns 0 at -720, a flushed tail at -40
RELATIVE = {"float32": (1e-4, 0.0), "float64": (1e-7, 0.0)}  # no absolute floor: 4e-18 is not 0


def _overflowed_to_zero(got, x):
    """Say whether the answer is 0 where e^-x overflows but sigmoid is still a float (-745 < x < -709.78)."""
    x = np.asarray(x)
    return bool(np.any((np.asarray(got) == 0) & (x < -709.78) & (x > -745)))


def _flushed_tail(got, x):
    """Say whether the answer is 0 far left (-709 < x < -36), where e^-x is an ordinary float."""
    x = np.asarray(x)
    return bool(np.any((np.asarray(got) == 0) & (x > -709) & (x < -36)))


q1 = FunctionQuestion(
    "sigmoid.stable",
    "Write stable_sigmoid(x): 1 / (1 + exp(-x)) for any array x (±inf included; float32 in, float32 out), "
    "with no overflow even at x = -1000, and the far tail kept: stable_sigmoid(-720) is about 2e-313, not 0.",
    hint=[
        "exp(-x) overflows for x below about -710: take exp only of a number that is not positive.",
        "e = np.exp(-np.abs(x)) is never above 1. For x >= 0 sigmoid is 1 / (1 + e); for x < 0 it is "
        "e / (1 + e) (multiply the top and bottom of 1 / (1 + e^-x) by e^x).",
        "Compute both forms from that one e and pick with np.where(x >= 0, ..., ...).",
    ],
    solution="""import numpy as np


def stable_sigmoid(x):
    x = np.asarray(x)
    e = np.exp(-np.abs(x))  # exp of a non-positive number: never overflows
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))""",
    signature="stable_sigmoid(x)",
    reference=actlearn.sigmoid,
    cases=[*elementwise_cases(nan=False), *TAIL],  # NaN unasked: np.logaddexp warns on it
    tolerance=RELATIVE,
    # nbgrader's hidden tests: larger arrays, of other shapes, that no visible case tried
    hidden_cases=cases([np.random.default_rng(2).normal(0, 300, (4, 5)), np.linspace(-800, 800, 33)]),
    mistakes=[  # the two tests on the value first: they name the tail losses precisely
        Mistake(
            "exp(-x) overflowed to inf and 1 / (1 + inf) gave 0, silenced or not; below x = -709.78 the true "
            "value is still a float: compute e = np.exp(-np.abs(x)) and use e / (1 + e) for x < 0",
            when=_overflowed_to_zero,
        ),
        Mistake(
            "the far tail was rounded to 0, so -log(sigmoid(x)), the loss, would be inf; near 0 a float "
            "keeps its relative precision: for x < 0 use e / (1 + e) with e = np.exp(x)",
            when=_flushed_tail,
        ),
        Mistake(
            "exp(-x) overflowed; compute exp of a non-positive number only, e = np.exp(-np.abs(x))",
            wrong=lambda x: 1 / (1 + np.exp(-x)),
        ),
        Mistake(
            "exp(x) overflowed to inf and inf / inf is nan; compute exp of a non-positive number only",
            wrong=lambda x: np.exp(x) / (1 + np.exp(x)),
        ),
        Mistake(
            "sign error: that is sigmoid(-x), which falls instead of rising",
            wrong=lambda x: 1 / (1 + np.exp(x)),
        ),
        Mistake(
            "np.where computes both branches, so exp(-x) still overflows on the branch it throws away; "
            "compute e = np.exp(-np.abs(x)) first",
            wrong=lambda x: np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x))),
        ),
    ],
    kind="code",
)


def _log_sigmoid(x):
    return -np.logaddexp(0, -x)  # log(1 / (1 + e^-x)) = -log(e^0 + e^-x)


def _right_tail_cancelled(got, x):
    """Say whether a finite answer is 0 at 36 < x < 745, where log sigmoid(x) is about -e^-x, not yet 0."""
    x, got = np.asarray(x), np.asarray(got)
    return bool(np.all(np.isfinite(got)) and np.any((got == 0) & (x > 36) & (x < 745)))


# log_sigmoid(40) is -4.2e-18: only a relative tolerance tells it from 0
RIGHT_TAIL = [Case((np.array([40.0, 50.0]),), tolerance=RELATIVE)]


q2 = FunctionQuestion(
    "sigmoid.log_sigmoid",
    "Write log_sigmoid(x): log(sigmoid(x)) for any finite array x (float32 in, float32 out), with no "
    "overflow, right in the left tail (log_sigmoid(-1000) is -1000) and in the right tail to full relative "
    "precision: log_sigmoid(40) is about -4.2e-18, not 0.",
    hint=[
        "Work from the logit, not the probability: sigmoid(-1000) rounds to 0, but its log is just -1000.",
        "log(1 / (1 + e^-x)) = -log(1 + e^-x) = -log(e^0 + e^-x). The myth check met a function for "
        "log(e^a + e^b) that never forms e^a or e^b.",
        "np.logaddexp(a, b) is log(e^a + e^b), computed without overflow: -np.logaddexp(0, -x).",
    ],
    solution="""import numpy as np


def log_sigmoid(x):
    return -np.logaddexp(0, -x)  # -log(e^0 + e^-x), without ever forming e^-x""",
    signature="log_sigmoid(x)",
    reference=_log_sigmoid,
    # finite x, as asked; x - logaddexp(0, x) is right on paper but cancels to 0 in the right tail
    cases=[*elementwise_cases(infinities=False, nan=False), *RIGHT_TAIL],
    mistakes=[
        Mistake(
            "log_sigmoid(x) is about -e^-x there, tiny but not 0: x - logaddexp(0, x) cancels to 0 once "
            "x > 37 (and log(sigmoid(x)) once sigmoid(x) rounds to 1); -np.logaddexp(0, -x) keeps "
            "those digits",
            when=_right_tail_cancelled,
        ),
        Mistake(
            "the log of a probability that rounded to 0 is -inf; its log is an ordinary number (-1000 at "
            "x = -1000): compute it from x, -np.logaddexp(0, -x)",
            wrong=lambda x: np.log(actlearn.sigmoid(x)),
        ),
        Mistake(
            "exp(-x) overflowed; np.logaddexp(0, -x) is log(1 + e^-x) without forming e^-x",
            wrong=lambda x: -np.log1p(np.exp(-x)),
        ),
        Mistake(
            "exp(-x) overflowed; np.logaddexp(0, -x) is log(1 + e^-x) without forming e^-x",
            wrong=lambda x: np.log(1 / (1 + np.exp(-x))),
        ),
        Mistake(
            "sign error: a probability is at most 1, so its log is never positive: -np.logaddexp(0, -x)",
            wrong=lambda x: np.logaddexp(0, -x),
        ),
        Mistake(
            "that is log(1 - sigmoid(x)) = log(sigmoid(-x)), the other class: -np.logaddexp(0, -x)",
            wrong=lambda x: -np.logaddexp(0, x),
        ),
    ],
    kind="code",
)


q3 = NumberQuestion(
    "sigmoid.slope_at_ln3",
    "Derive sigmoid's slope at x = ln 3 by hand, from sigma' = sigma (1 - sigma) (e^(-ln 3) = 1/3); "
    "give it to 3 decimals or exactly.",
    hint=[
        "First the value: sigma(ln 3) = 1 / (1 + e^(-ln 3)) = 1 / (1 + 1/3).",
        "sigma(ln 3) = 3/4, so 1 - sigma(ln 3) = 1/4.",
        "The slope is the product of the two: 3/4 * 1/4.",
    ],
    solution="""slope = 0.75 * (1 - 0.75)  # sigma(ln 3) = 1 / (1 + 1/3) = 3/4; sigma' = 3/4 * 1/4 = 3/16""",
    answer_name="slope",
    value=3 / 16,
    tol=1e-3,  # 0.187 and 0.188, 3/16 = 0.1875 rounded either way, are right
    mistakes=[
        (0.75, "that is sigma(ln 3), the value; the slope is sigma (1 - sigma) = 3/4 * 1/4"),
        (0.25, "that is the slope at x = 0, the steepest point; at x = ln 3 the curve is flatter"),
        (0.5625, "that is sigma^2 = (3/4)^2; the slope is sigma (1 - sigma) = 3/4 * 1/4"),
        (0.4375, "that is 1 - sigma^2, the form of tanh's derivative; sigmoid's is sigma (1 - sigma)"),
    ],
    kind="derive",
)

q4 = ChoiceQuestion(
    "sigmoid.loss_far_tail",
    "Predict what -np.log(sigmoid(-40.0)) prints: the loss of a confident wrong answer for label 1.",
    hint=[
        "This is the mirror image of the myth check's loss, -log(1 - sigmoid(40)), which was inf. "
        "Ask where the probability sits: near 0 or near 1?",
        "sigmoid(-40) is near 0. Floats near 0 keep their relative precision (the cell after the stable form "
        "printed it); floats near 1 do not.",
    ],
    solution="""loss = "b"  # sigmoid(-40) = 4.2e-18 is stored, not rounded to 0, so -log of it is 40""",
    answer_name="loss",
    options={
        "a": (
            "inf, like -log(1 - sigmoid(40))",
            "near 0 a float keeps its relative precision: sigmoid(-40) = 4.2e-18 is stored, not rounded "
            "to 0, so its log is finite; only 1 - sigmoid(40) lost it, because 1 - 4.2e-18 rounds to 1",
        ),
        "b": ("about 40, the true loss", "right"),
        "c": (
            "0, as for a sure and right answer",
            "-log(p) is 0 only for p = 1; sigmoid(-40) is about 4.2e-18",
        ),
        "d": (
            "nan, as the probability is too small",
            "nan needs inf - inf, 0 * inf or the log of a negative number; none happens here",
        ),
    },
    right="b",
    kind="predict",
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3, q4

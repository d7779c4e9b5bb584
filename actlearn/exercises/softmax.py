"""Exercises for 08-softmax: a stable softmax over an axis, temperature, and why the naive one fails."""

import numpy as np

import actlearn
from actlearn.exercises.core import Case, ChoiceQuestion, FunctionQuestion, Mistake, bind
from actlearn.exercises.core import ____ as ____  # re-exported: a starter cell holds it

ROWS = np.array([[1.0, 2.0, 3.0], [0.5, -1.0, 0.0]])


def _naive(x, axis=-1):
    return np.exp(x) / np.exp(x).sum(axis=axis, keepdims=True)


def _global_max(x, axis=-1):
    e = np.exp(x - np.max(x))
    return e / e.sum(axis=axis, keepdims=True)


def _sums_wrong(got, x, axis=-1):
    return not np.allclose(np.sum(got, axis=axis), 1)


q1 = FunctionQuestion(
    "softmax.stable",
    "Write stable_softmax(x, axis=-1): exp(x) / sum(exp(x)) along axis, with no overflow at [1000, 1000].",
    hint="softmax(x) = softmax(x - c) for any c. Subtract each row's max, np.max(x, axis, keepdims=True): "
    "then every exponent is <= 0.",
    solution="""import numpy as np


def stable_softmax(x, axis=-1):
    z = x - np.max(x, axis=axis, keepdims=True)  # every exponent <= 0: nothing overflows
    e = np.exp(z)
    return e / np.sum(e, axis=axis, keepdims=True)""",
    signature="stable_softmax(x, axis=-1)",
    reference=actlearn.softmax,
    cases=[
        Case((np.array([1.0, 2.0, 3.0]),)),
        Case((ROWS,)),
        Case((ROWS,), {"axis": 0}),
        Case((np.linspace(-2, 2, 24).reshape(2, 3, 4),), {"axis": 1}),
        Case((ROWS.astype(np.float32),)),
        Case((np.array([1000.0, 1000.0]),)),
        Case((np.array([-1000.0, -1000.0]),)),
        Case((np.array([[1000.0, 1000.0, 999.0], [0.0, 1.0, 2.0]]),)),
        Case((np.array([1000.0, 0.0], dtype=np.float32),)),
    ],
    mistakes=[
        Mistake(
            "exp overflowed (or underflowed to 0 / 0): subtract the max first, "
            "x - np.max(x, axis=axis, keepdims=True)",
            wrong=_naive,
        ),
        Mistake(
            "you subtracted the max of the whole array; subtract each row's own max, "
            "np.max(x, axis=axis, keepdims=True)",
            wrong=_global_max,
        ),
        Mistake(
            "your output doesn't sum to 1 along the axis it was given: take the max and the sum along axis, "
            "with keepdims=True",
            when=_sums_wrong,
        ),
    ],
    elementwise=False,
)


def _with_temperature(x, T):
    return actlearn.softmax(np.asarray(x) / T)


q2 = FunctionQuestion(
    "softmax.temperature",
    "Write softmax_t(x, T): softmax of x / T along the last axis, stable for any T > 0.",
    hint="Divide the logits by T, then apply your stable softmax: a high T flattens, a low T sharpens.",
    solution="""import numpy as np


def softmax_t(x, T):
    z = x / T
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)""",
    signature="softmax_t(x, T)",
    reference=_with_temperature,
    cases=[
        Case((np.array([1.0, 2.0, 3.0]), 1.0)),
        Case((np.array([1.0, 2.0, 3.0]), 0.5)),
        Case((np.array([1.0, 2.0, 3.0]), 10.0)),
        Case((ROWS, 2.0)),
        Case((ROWS.astype(np.float32), 2.0)),
        Case((np.array([1000.0, 999.0]), 0.1)),
    ],
    mistakes=[
        Mistake(
            "divide by T, don't multiply: a high temperature must flatten the distribution",
            wrong=lambda x, T: _with_temperature(x, 1 / T),
        ),
        Mistake("you ignored T: divide the logits by T", wrong=lambda x, T: actlearn.softmax(x)),
        Mistake(
            "divide the logits by T before exp, not the probabilities after",
            wrong=lambda x, T: actlearn.softmax(x) / T,
        ),
        Mistake("exp(x / T) overflowed: subtract the max of x / T first", wrong=lambda x, T: _naive(x / T)),
    ],
    elementwise=False,
)

q3 = ChoiceQuestion(
    "softmax.naive_fails",
    "Naive softmax, exp(x) / sum(exp(x)), returns [nan, nan] for x = [1000, 1000]. Why?",
    hint="What is the largest number a float64 can hold? What is exp(1000)?",
    solution="""why_nan = "b"  # exp(1000) is about 1e434, beyond float64's 1.8e308: inf; inf / inf is nan""",
    answer_name="why_nan",
    options={
        "a": (
            "exp(1000) is too small and rounds to 0, so it computes 0 / 0",
            "that happens at x = [-1000, -1000]; exp(1000) is far too large, not too small",
        ),
        "b": ("exp(1000) overflows to inf, and inf / inf is nan", "right"),
        "c": (
            "softmax is undefined when two entries are equal",
            "equal entries share the probability: the answer is [0.5, 0.5]",
        ),
        "d": (
            "1000 is outside softmax's domain",
            "softmax is defined for every real vector; subtracting the max turns this one into [0, 0]",
        ),
    },
    right="b",
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3

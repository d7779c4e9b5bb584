"""Exercises for 09-softmax: a stable softmax, temperature, the naive one at -1000, the Jacobian's entries."""

import numpy as np

import actlearn
from actlearn.exercises.core import Case, ChoiceQuestion, FunctionQuestion, Mistake, NumberQuestion, bind
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
    "Write stable_softmax(x, axis=-1): exp(x) / sum(exp(x)) along axis, with no overflow at [1000, 1000]; "
    "it is checked on 1-D, 2-D and 3-D inputs, along other axes, at +-1000 and on float32 input (keep "
    "float32).",
    hint=[
        "softmax(x) = softmax(x - c) for any c: choose a c that keeps every exponent <= 0.",
        "Subtract each row's own max along axis, np.max(x, axis=axis, keepdims=True), then exp and divide "
        "by the sum along the same axis.",
        "keepdims=True keeps the reduced axis as length 1, so x - max and e / sum broadcast row by row.",
    ],
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
    "Write softmax_t(x, T): softmax of x / T along the last axis, stable for any T > 0; it is checked on 1-D "
    "and 2-D inputs, at x = [1000, 999] with T = 0.1 and on float32 input (keep float32).",
    hint=[
        "Temperature acts on the logits, before exp: a high T must flatten the distribution.",
        "z = x / T, then the stable softmax of z along the last axis: subtract z's max before exp.",
    ],
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
    "Predict: what does the naive exp(x) / sum(exp(x)) return for x = [-1000, -1000], and why?",
    hint=[
        "exp(1000) overflows. At the other end: how small is exp(-1000), and can a float64 hold it?",
        "The smallest positive float64 is about 5e-324, and exp(-1000) is about 1e-435. "
        "What is the sum of two zeros, and what is 0 / 0?",
    ],
    solution="""why_nan = "b"  # exp(-1000) is about 1e-435, below float64's 5e-324: 0; 0 / 0 is nan""",
    answer_name="why_nan",
    options={
        "a": (
            "[0.5, 0.5]: the entries are equal, so they share the probability",
            "that is the true softmax, and the stable one gives it; the naive formula never gets that far: "
            "exp(-1000) rounds to 0",
        ),
        "b": ("[nan, nan]: exp(-1000) underflows to 0, and 0 / 0 is nan", "right"),
        "c": (
            "[0, 0]: exp(-1000) underflows to 0, so each probability is 0",
            "the top is 0, but so is the bottom, the sum of two zeros: 0 / 0 is nan, not 0",
        ),
        "d": (
            "[nan, nan]: exp(-1000) overflows to inf, and inf / inf is nan",
            "exp of a large negative number is tiny, not huge: it underflows to 0 (the overflow is at +1000)",
        ),
    },
    right="b",
    kind="predict",
)

q4 = NumberQuestion(
    "softmax.jacobian_entries",
    "Derive the Jacobian of softmax at three equal logits, z = [0, 0, 0]: give (a diagonal entry, "
    "an off-diagonal entry), as fractions or 4 decimals.",
    hint=[
        "Three equal logits share the probability: what is each s_i? Then use J_ij = s_i (delta_ij - s_j).",
        "Each s_i = 1/3. A diagonal entry is s_i (1 - s_i); an off-diagonal one is -s_i s_j.",
    ],
    solution="""s = 1 / 3  # three equal logits share the probability
jacobian_entries = (s * (1 - s), -s * s)  # (2/9, -1/9): a row sums to 2/9 - 2/9 = 0""",
    answer_name="jacobian_entries",
    value=(2 / 9, -1 / 9),
    tol=5e-4,
    parts=("diagonal entry", "off-diagonal entry"),
    mistakes=[
        ((0.25, -0.25), "that is two equal logits, where s_i = 1/2; with three, each s_i is 1/3"),
        ((-1 / 9, 2 / 9), "swapped: the diagonal entry s_i (1 - s_i) is the positive one"),
        ((2 / 9, 1 / 9), "an off-diagonal entry is -s_i s_j: raising z_j takes probability from s_i"),
        ((1 / 3, -1 / 9), "1/3 is s_i itself; the diagonal entry is s_i (1 - s_i)"),
        ((2 / 9, -2 / 9), "-2/9 is the sum of a row's two off-diagonal entries; one entry is -s_i s_j"),
    ],
    kind="derive",
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3, q4

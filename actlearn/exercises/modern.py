"""Exercises for 16-modern-activations: SELU's fixed point, Softplus's beta, hard-swish, SwiGLU's width."""

import inspect
import io
import math
import re
import textwrap
import tokenize

import numpy as np

import actlearn
from actlearn.exercises.core import (
    ChoiceQuestion,
    FunctionQuestion,
    Mistake,
    NumberQuestion,
    bind,
    elementwise_cases,
)
from actlearn.exercises.core import ____ as ____  # re-exported: a starter cell holds it

q1 = ChoiceQuestion(
    "modern.relu_in_selu",
    "Predict: a 50-layer SELU stack with LeCun init has one ReLU layer, at layer 25, right after which the "
    "variance is about 0.35. The fixed point attracts, so the SELU layers after it pull the variance back "
    "towards 1. How many layers after the ReLU until it stays within 0.1 of 1 for good?",
    hint=[
        "Attracting does not mean one step: each SELU layer moves the variance part of the way back.",
        "If each layer closed about a quarter of the remaining gap of 0.65, how many layers would it take "
        "to get under 0.1?",
    ],
    solution="""layers_back = "c"  # 7 layers (layer 32): each SELU layer closes part of the gap""",
    answer_name="layers_back",
    options={
        "a": (
            "1: the next SELU layer restores it",
            "one layer takes it from 0.35 to about 0.6: the fixed point attracts, but step by step",
        ),
        "b": ("2 to 4", "after 4 layers it is at about 0.81; each layer closes only part of the gap"),
        "c": ("5 to 15", "right"),
        "d": ("16 to 25", "it is within 0.1 of 1 well before that: the pull is quicker than that"),
    },
    right="c",
    kind="predict",
)

q2 = NumberQuestion(
    "modern.softplus_gap",
    "Work out, without running code: the largest gap max |softplus(x, beta=4) - relu(x)| over all x.",
    hint=[
        "The gap is largest where ReLU has its corner, at x = 0 (its derivative changes sign there).",
        "softplus(x; beta) = softplus(beta x; 1) / beta: shrink the beta = 1 picture by 1 / beta.",
        "softplus(0; beta = 1) = log(1 + e^0) = log 2, and ReLU(0) = 0.",
    ],
    solution="""import math

softplus_gap = math.log(2) / 4  # at x = 0: log(1 + e^0) / beta, about 0.1733""",
    answer_name="softplus_gap",
    value=math.log(2) / 4,
    tol=5e-4,
    mistakes=[
        (math.log(2), "that is the gap at beta = 1; softplus(x; beta) = softplus(beta x) / beta shrinks it"),
        (4 * math.log(2), "beta divides the gap: softplus(0; beta) = log 2 / beta, not beta log 2"),
        (0.0, "softplus never touches ReLU: at x = 0 it is log(2) / beta above it"),
        (1 / 4, "close, but the gap at x = 0 is log(1 + e^0) / beta = log(2) / 4, not 1 / 4"),
    ],
    kind="derive",
)


def _hardswish_no_scale(x):
    return x * np.clip(x + 3, 0, 6)


def _hard_sigmoid(x):
    return np.clip(x + 3, 0, 6) / 6


def _hardswish_no_shift(x):
    return x * np.clip(x, 0, 6) / 6


def _hardswish_no_cap(x):
    return x * np.maximum(x + 3, 0) / 6


# What "without an exponential" rules out: numpy's and math's exponentials, and the functions built on one.
EXPONENTIALS = {"exp", "exp2", "expm1", "expit", "logaddexp", "tanh", "sigmoid", "swish", "silu", "hardswish"}


def names_in_source(fn):
    """Return the names fn's source code uses, or None when Python cannot find its source."""
    try:
        source = textwrap.dedent(inspect.getsource(fn))
    except (OSError, TypeError):
        return None
    try:
        return {
            t.string
            for t in tokenize.generate_tokens(io.StringIO(source).readline)
            if t.type == tokenize.NAME
        }
    except (tokenize.TokenError, IndentationError):  # a lambda's line cut mid-expression: read the words
        return set(re.findall(r"[A-Za-z_]\w*", source))


class WithoutExponentialQuestion(FunctionQuestion):
    """A FunctionQuestion whose answer must compute its values without calling an exponential."""

    def problem(self, answer, hidden=False):
        found = super().problem(answer, hidden)  # wrong values first: their mistakes name the cause
        if found is None and callable(answer):
            used = sorted((names_in_source(answer) or set()) & EXPONENTIALS)
            if used:
                return (
                    f"the values are right, but it calls {', '.join(used)}: hard-swish is built without an "
                    "exponential, from a clip (relu6)"
                )
        return found


q3 = WithoutExponentialQuestion(
    "modern.hardswish",
    "Write my_hardswish(x) = x * relu6(x + 3) / 6 with numpy (MobileNetV3's hard-swish), without an "
    "exponential or a function built on one (exp, tanh, sigmoid, swish, actlearn.hardswish). It is checked "
    "on float64 and float32 arrays (keep the dtype) and on NaN, which must come out as NaN.",
    hint=[
        "relu6(u) is u clipped to [0, 6]: np.clip(u, 0, 6). It plays the part of 6 * sigmoid.",
        "relu6(x + 3) / 6 is the hard sigmoid: 0 below -3, 1 above 3, a straight line between. "
        "Multiply it by x, as swish multiplies x by sigmoid(x).",
    ],
    solution="""import numpy as np


def my_hardswish(x):
    return x * np.clip(x + 3, 0, 6) / 6""",
    signature="my_hardswish(x)",
    reference=actlearn.hardswish,
    # hard-swish at -inf is a limit (-inf * 0) that a plain product can't give, so infinities are left out
    # and plain Python numbers are left out too: the prompt promises arrays, so x.dtype may be used
    cases=[case for case in elementwise_cases(infinities=False) if isinstance(case.args[0], np.ndarray)],
    mistakes=[
        Mistake(
            "you forgot to divide by 6: relu6(x + 3) runs from 0 to 6, the gate from 0 to 1",
            wrong=_hardswish_no_scale,
        ),
        Mistake(
            "that is the hard sigmoid, the gate alone: hard-swish multiplies it by x", wrong=_hard_sigmoid
        ),
        Mistake(
            "the gate is relu6(x + 3): without the + 3 it is shut for every x < 0 and the dip is gone",
            wrong=_hardswish_no_shift,
        ),
        Mistake("the gate must stop at 1: clip x + 3 at 6 (relu6), not only at 0", wrong=_hardswish_no_cap),
        Mistake(
            "that is swish, x * sigmoid(x), with its exp: hard-swish replaces sigmoid(x) by relu6(x + 3) / 6",
            wrong=actlearn.swish,
        ),
    ],
)


class CountQuestion(NumberQuestion):
    """A NumberQuestion whose answer counts something: a fraction is named as such, not rounded away."""

    def problem(self, answer, hidden=False):
        found = super().problem(answer, hidden)
        is_number = isinstance(answer, (int, float, np.integer, np.floating)) and not isinstance(answer, bool)
        if found is not None and is_number and math.isfinite(answer) and answer != round(answer):
            return (
                f"{float(answer)!r} is not a whole number: h counts hidden units, and 3 d h = 8 d^2 exactly"
            )
        return found


q4 = CountQuestion(
    "modern.swiglu_width",
    "Work out: a GELU block with d = 48 has two weight matrices, d x 4d and 4d x d. How many hidden "
    "units must a SwiGLU block (three matrices: d x h, d x h, h x d) have for the same number of weights?",
    hint=[
        "Count the weights: the GELU block has 2 * d * 4d = 8 d^2. The SwiGLU block has 3 * d * h.",
        "Set 3 d h = 8 d^2 and solve for h: h = 8d / 3, two thirds of 4d.",
    ],
    solution="""d = 48
swiglu_hidden = 8 * d // 3  # 3 d h = 2 d (4 d)  =>  h = 2/3 of 4d = 128""",
    answer_name="swiglu_hidden",
    value=128,
    tol=1e-9,  # 8 * 48 / 3 in floats; 127.99 is told it is not whole, not that 128 is too small
    mistakes=[
        (
            192,
            "that is 4d, the GELU block's width: with three matrices the SwiGLU block would have 1.5x "
            "the weights",
        ),
        (96, "that is 2d: it gives 3 * 48 * 96 = 13,824 weights, not the GELU block's 8 * 48^2 = 18,432"),
        (64, "that is 4d / 3: count the matrices again, 3 d h = 2 d (4d) gives h = 8d / 3"),
    ],
    kind="derive",
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3, q4

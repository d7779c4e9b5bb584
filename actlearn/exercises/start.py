"""Exercises for 00-start-here: warm-ups that show how a question checks an answer."""

import numpy as np

import actlearn
from actlearn.exercises.core import Mistake, NumberQuestion, bind, elementwise_cases
from actlearn.exercises.core import ____ as ____  # re-exported: a starter cell holds it
from actlearn.exercises.source_rules import RuledFunctionQuestion

q1 = NumberQuestion(
    "start.sigmoid_at_zero",
    "Compute sigmoid at 0 by calling actlearn.sigmoid.",
    hint=[
        "An activation is called like a function, on a number or an array.",
        "sigmoid was imported in the setup cell: sigmoid(0.0).",
    ],
    solution="""from actlearn import sigmoid

sigmoid_at_zero = sigmoid(0.0)  # 1 / (1 + e^0) = 1/2""",
    answer_name="sigmoid_at_zero",
    value=0.5,
    tol=1e-9,
    mistakes=[
        (0.0, "that is tanh(0) or relu(0); sigmoid sits halfway between 0 and 1 at x = 0"),
        (1.0, "that is sigmoid's limit as x -> inf; at x = 0 it is halfway"),
        (0.25, "that is sigmoid.grad(0.0), the slope at 0; the question asks for the value sigmoid(0.0)"),
    ],
    kind="code",
)

q2 = RuledFunctionQuestion(
    "start.abs_via_relu",
    "Write abs_via_relu(x): return |x| using actlearn.relu and arithmetic only (no abs, np.abs, np.maximum).",
    hint=[
        "relu(x) keeps the positive part of x and turns the rest into 0. What keeps the negative part?",
        "relu(-x) is -x where x < 0 and 0 elsewhere: add it to relu(x).",
    ],
    solution="""from actlearn import relu


def abs_via_relu(x):
    return relu(x) + relu(-x)  # one of the two is always 0""",
    signature="abs_via_relu(x)",
    reference=np.abs,
    cases=elementwise_cases(infinities=False),  # the prompt asks nothing of inf: 2 relu(x) - x is right too
    mistakes=[
        Mistake("relu(x) - relu(-x) is x itself; add the two halves", wrong=lambda x: x),
        Mistake("2 * relu(x) drops the negative half; add relu(-x)", wrong=lambda x: 2 * actlearn.relu(x)),
        Mistake("relu(x) alone drops the negative half; add relu(-x)", wrong=actlearn.relu),
        Mistake(
            "-relu(-x) is min(x, 0), only the negative part; add relu(x)", wrong=lambda x: -actlearn.relu(-x)
        ),
    ],
    kind="code",
    must_call=("relu",),
    forbidden=("abs", "absolute", "fabs", "maximum", "fmax", "minimum", "fmin", "where", "sign", "clip"),
    rule="build |x| from relu and arithmetic (+, -, *), as the prompt asks",
)


def _can_go_negative():
    return sum(act.output_range.low < 0 for act in actlearn.ACTIVATIONS.values())


q3 = NumberQuestion(
    "start.zero_centred_count",
    "How many activations in actlearn.ACTIVATIONS are zero-centred? Count them with code (.zero_centred).",
    hint=[
        "actlearn.ACTIVATIONS maps each name to its activation; loop over its .values().",
        "Each activation has a True/False .zero_centred, and True counts as 1: sum them.",
    ],
    solution="""from actlearn import ACTIVATIONS

zero_centred_count = sum(act.zero_centred for act in ACTIVATIONS.values())""",
    answer_name="zero_centred_count",
    value=lambda: sum(act.zero_centred for act in actlearn.ACTIVATIONS.values()),
    tol=1e-9,
    mistakes=[
        (0, "at least one of them is zero-centred; look at each .zero_centred"),
        (
            len(actlearn.ACTIVATIONS),
            "that counts every activation; count only those whose .zero_centred is True",
        ),
        (
            _can_go_negative(),
            "that counts the activations that can output a negative number; zero-centred asks for more: "
            "f(-x) = -f(x), so the outputs centre on 0 when the inputs do",
        ),
    ],
    kind="code",
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3

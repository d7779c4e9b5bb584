"""Exercises for 00-start-here: warm-ups that show how a question checks an answer."""

import numpy as np

import actlearn
from actlearn.exercises.core import FunctionQuestion, Mistake, NumberQuestion, bind, elementwise_cases
from actlearn.exercises.core import ____ as ____  # re-exported: a starter cell holds it

q1 = NumberQuestion(
    "start.sigmoid_at_zero",
    "Compute sigmoid at 0 with actlearn.sigmoid (call it; don't type the number).",
    hint="Call the activation like a function: actlearn.sigmoid(0.0).",
    solution="""import actlearn

sigmoid_at_zero = actlearn.sigmoid(0.0)  # 1 / (1 + e^0) = 1/2""",
    answer_name="sigmoid_at_zero",
    value=0.5,
    tol=1e-9,
    mistakes=[
        (0.0, "that is tanh(0) or relu(0); sigmoid sits halfway between 0 and 1 at x = 0"),
        (1.0, "that is sigmoid's limit as x -> inf; at x = 0 it is halfway"),
    ],
)

q2 = FunctionQuestion(
    "start.abs_via_relu",
    "Write abs_via_relu(x): return |x| using actlearn.relu and arithmetic only.",
    hint="relu(x) keeps the positive part of x. What keeps the negative part, turned positive?",
    solution="""import actlearn


def abs_via_relu(x):
    return actlearn.relu(x) + actlearn.relu(-x)  # one of the two is always 0""",
    signature="abs_via_relu(x)",
    reference=np.abs,
    cases=elementwise_cases(),
    mistakes=[
        Mistake("relu(x) - relu(-x) is x itself; add the two halves", wrong=lambda x: x),
        Mistake("2 * relu(x) drops the negative half; add relu(-x)", wrong=lambda x: 2 * actlearn.relu(x)),
        Mistake("relu(x) alone drops the negative half; add relu(-x)", wrong=actlearn.relu),
    ],
)

q3 = NumberQuestion(
    "start.zero_centred_count",
    "How many activations in actlearn.ACTIVATIONS are zero-centred? Count them with code (.zero_centred).",
    hint="actlearn.ACTIVATIONS maps each name to its activation; each has a True/False .zero_centred.",
    solution="""import actlearn

zero_centred_count = sum(act.zero_centred for act in actlearn.ACTIVATIONS.values())""",
    answer_name="zero_centred_count",
    value=sum(act.zero_centred for act in actlearn.ACTIVATIONS.values()),
    tol=1e-9,
    mistakes=[
        (0, "at least one of them is zero-centred; look at each .zero_centred"),
        (
            len(actlearn.ACTIVATIONS),
            "that counts every activation; count only those whose .zero_centred is True",
        ),
    ],
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3

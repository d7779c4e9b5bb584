"""Exercises for 17-real-data: raw pixels saturate sigmoid, accuracy per digit, what deep sigmoid keeps."""

import numpy as np

from actlearn.exercises.core import Case, ChoiceQuestion, FunctionQuestion, Mistake, NumberQuestion, bind
from actlearn.exercises.core import ____ as ____  # re-exported: a starter cell holds it

q1 = ChoiceQuestion(
    "real_data.raw_counts",
    "Predict: feed the raw pixel counts (0 to 16) instead of counts / 16 to a fresh network with two "
    "hidden layers of 16 sigmoid units (Xavier init, seed 0). What share of layer 1's outputs is saturated "
    "at the start?",
    hint=[
        "With counts / 16, layer 1's pre-activations have a std of about 0.5: sigmoid's steep middle.",
        "Multiply every input by 16 and every pre-activation of layer 1 is multiplied by 16 too (the "
        "biases start at 0): a std of about 8.",
        "Sigmoid is saturated (slope below 0.03) once |z| is above about 3.5. What share of a normal "
        "distribution with std 8 lies beyond +-3.5?",
    ],
    solution='raw_counts = "c"  # about 65%: pre-activations 16 times larger, std about 8',
    answer_name="raw_counts",
    options={
        "a": (
            "none, as with counts / 16",
            "the weights are the same, so every pre-activation of layer 1 is 16 times larger",
        ),
        "b": (
            "a little: under a quarter",
            "a pre-activation std of about 8 puts most of them beyond +-3.5, where sigmoid is flat",
        ),
        "c": ("most: half to 90%", "right"),
        "d": (
            "every one",
            "the pre-activations are spread around 0 with std about 8; those near 0 still sit on the slope",
        ),
    },
    right="c",
    kind="predict",
)


def _per_class_accuracy(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    return np.array([np.mean(y_pred[y_true == k] == k) for k in range(10)])


def _labels(seed, n, wrong_rate):
    rng = np.random.default_rng(seed)
    y_true = np.concatenate([np.arange(10), rng.integers(0, 10, n - 10)])  # every digit at least once
    y_pred = np.where(rng.random(n) < wrong_rate, rng.integers(0, 10, n), y_true)
    return y_true, y_pred


q2 = FunctionQuestion(
    "real_data.per_class_accuracy",
    "Write per_class_accuracy(y_true, y_pred): for each digit k = 0..9, the fraction of the images of k that "
    "the network called k (an array of 10 numbers).",
    hint=[
        "Look only at the images whose true label is k: y_true == k picks them.",
        "Among those, count how many the network got right: np.mean(y_pred[y_true == k] == k).",
        "Do it for k in range(10) and put the ten fractions in one array.",
    ],
    solution="""import numpy as np


def per_class_accuracy(y_true, y_pred):
    return np.array([np.mean(y_pred[y_true == k] == k) for k in range(10)])""",
    signature="per_class_accuracy(y_true, y_pred)",
    reference=_per_class_accuracy,
    cases=[
        Case(
            (np.array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 1]), np.array([0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 7, 1]))
        ),
        Case(_labels(0, 200, 0.2)),
        Case(_labels(1, 60, 0.5)),
    ],
    mistakes=[
        Mistake(
            "that divides by every image; divide by the images of digit k only (y_true == k)",
            wrong=lambda t, p: np.array([np.sum((t == k) & (p == k)) / len(t) for k in range(10)]),
        ),
        Mistake(
            "that looks at the images the network *called* k (its precision); the question asks about "
            "the images that *are* k: select them with y_true == k",
            wrong=lambda t, p: np.array(
                [np.mean(t[p == k] == k) if np.any(p == k) else 0.0 for k in range(10)]
            ),
        ),
        Mistake(
            "those are counts; divide each by how many images of that digit there are",
            wrong=lambda t, p: np.array([np.sum((t == k) & (p == k)) for k in range(10)], dtype=float),
        ),
    ],
    elementwise=False,
)

SPREAD_KEPT = 0.23  # what each layer of the fresh 6-layer sigmoid network passes on, as the prompt says

q3 = NumberQuestion(
    "real_data.deep_sigmoid",
    "In the fresh 6-layer sigmoid network each layer passes on about 0.23 of the spread between images that "
    "it receives. What fraction of layer 1's spread is left at layer 6? (2 significant digits)",
    hint=[
        "Each layer multiplies the spread it receives by about 0.23.",
        "From layer 1 to layer 6 the spread passes through layers 2, 3, 4, 5 and 6: count the factors.",
    ],
    solution="""spread_left = 0.23**5  # five factors, one per layer after layer 1: about 6.4e-4""",
    answer_name="spread_left",
    value=SPREAD_KEPT**5,
    tol=0.0,
    rtol=0.05,  # 6.4e-4 and the printout's own ratio, 6.2e-4, both pass; one factor more or less does not
    mistakes=[
        (SPREAD_KEPT**6, "that is six factors: from layer 1 to layer 6 there are five steps"),
        (SPREAD_KEPT**4, "that is four factors: layers 2, 3, 4, 5 and 6 each apply one, five in all"),
        (5 * SPREAD_KEPT, "the factors multiply, they don't add: 0.23 ** 5"),
        ((1 - SPREAD_KEPT) ** 5, "0.23 is what each layer keeps, not what it loses"),
    ],
    kind="derive",
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3

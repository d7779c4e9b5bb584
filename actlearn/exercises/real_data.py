"""Exercises for 16-real-data: dead units at the start, accuracy per digit, why deep sigmoid stalls."""

import numpy as np

from actlearn.exercises.core import Case, ChoiceQuestion, FunctionQuestion, Mistake, bind
from actlearn.exercises.core import ____ as ____  # re-exported: a starter cell holds it

q1 = ChoiceQuestion(
    "real_data.dead_at_start",
    "Predict: a fresh layer of 256 ReLU units (He init, zero biases, seed 0) reads the 1,797 digit images. "
    "How many of its units are dead (0 on every image) before any training?",
    hint=[
        "On the spiral, with zero biases, each unit's line w . x = 0 passes through the origin, and the "
        "spiral's points lie all around the origin: some are always on the positive side.",
        "A digit's pixels are all >= 0, so every image lies in one corner of the 64-dimensional space. "
        "Can a unit's weights be negative where (almost) every image has ink?",
        "Each weight is a coin toss in sign; a unit is dead when its weights sum to a negative number over "
        "the ink of every image. That happens to some units, rarely, not to most.",
    ],
    solution='dead_at_start = "b"  # about 6 of 256 on digits; none on the spiral, whose points surround 0',
    answer_name="dead_at_start",
    options={
        "a": (
            "none, as on the spiral",
            "on the spiral the points surround the origin, so a zero-bias unit is always on for some; "
            "digits are all >= 0, and a unit whose weights are negative on their ink is off for all",
        ),
        "b": ("a few: between 1 and 20 of the 256", "right"),
        "c": (
            "about half",
            "about half of the *outputs* are 0 (each unit is off for about half the images), but a unit is "
            "dead only if it is 0 for every image",
        ),
        "d": ("all of them", "He init draws weights of both signs: most units fire for some images"),
    },
    right="b",
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

q3 = ChoiceQuestion(
    "real_data.deep_sigmoid",
    "Why does the 6-layer sigmoid network stall on digits while the 2-layer one learned them?",
    hint=[
        "Look at the spread across images, layer by layer, printed above: what reaches layer 6?",
        "Each sigmoid layer (Xavier init) passes on about a quarter of the differences between images: "
        "what is left after six layers, and what gradient can the first layers get back?",
    ],
    solution='deep_sigmoid = "c"',
    answer_name="deep_sigmoid",
    options={
        "a": (
            "sigmoid cannot represent the digits",
            "the 2-layer sigmoid network of the race learned most of them: it can represent them",
        ),
        "b": (
            "the pixels overflow sigmoid's exp",
            "the pixels lie in [0, 1], and actlearn's sigmoid never overflows anyway",
        ),
        "c": (
            "the differences between images shrink about fourfold a layer, so layer 6 sees nearly the same "
            "input for every image, and the gradient back to the first layers shrinks the same way",
            "right",
        ),
        "d": (
            "Adam's steps are too small for sigmoid's slope of at most 0.25",
            "Adam divides each step by the gradient's own size, so a uniformly small slope does not make "
            "its steps small",
        ),
    },
    right="c",
    kind="explain",
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3

"""Exercises for 15-normalisation-and-residuals: batch norm by hand, a prediction, the residual product."""

import numpy as np

from actlearn.exercises.core import Case, ChoiceQuestion, FunctionQuestion, Mistake, NumberQuestion, bind
from actlearn.exercises.core import ____ as ____  # re-exported: a starter cell holds it

EPS = 1e-5  # PyTorch's default, and actlearn.network's


def _batch_norm(z):
    return (z - z.mean(axis=0)) / np.sqrt(z.var(axis=0) + EPS)


_rng = np.random.default_rng(14)
BATCH = 3.0 + 2.0 * _rng.standard_normal((8, 4))  # columns with mean near 3, std near 2

q1 = FunctionQuestion(
    "normalisation.batch_norm",
    "Write batch_norm(z): normalise each column (unit) of a batch z, shape (examples, units), to mean 0 and "
    "variance 1 over the examples, as batch norm does in training, with eps = 1e-5 (no scale, no shift).",
    hint=[
        "Each unit gets its own mean and variance, taken down its column: axis=0.",
        "Divide by the standard deviation, sqrt(variance + eps), not by the variance; eps keeps a constant "
        "column from dividing by 0.",
        "(z - z.mean(axis=0)) / np.sqrt(z.var(axis=0) + 1e-5)",
    ],
    solution="""import numpy as np


def batch_norm(z):
    mean = z.mean(axis=0)  # one mean per unit, over the examples
    var = z.var(axis=0)  # the biased variance, as batch norm uses in training
    return (z - mean) / np.sqrt(var + 1e-5)""",
    signature="batch_norm(z)",
    reference=_batch_norm,
    cases=[
        Case((np.array([[1.0, 10.0], [5.0, 10.0]]),), label="[[1, 10], [5, 10]] (a constant column)"),
        Case((BATCH,), label="a batch of 8 examples, 4 units, means near 3 and stds near 2"),
        Case((np.array([[0.5, -2.0, 4.0], [1.5, 2.0, 0.0], [1.0, 0.0, 2.0]]),), label="3 examples, 3 units"),
    ],
    mistakes=[
        Mistake(
            "you normalised each row (each example, over its units): that is layer norm; batch norm "
            "normalises each column, over the examples (axis=0)",
            wrong=lambda z: (z - z.mean(axis=1, keepdims=True)) / np.sqrt(z.var(axis=1, keepdims=True) + EPS),
        ),
        Mistake(
            "divide by the standard deviation sqrt(var + eps), not by the variance",
            wrong=lambda z: (z - z.mean(axis=0)) / (z.var(axis=0) + EPS),
        ),
        Mistake(
            "batch norm normalises with the biased variance (divide by n, numpy's default ddof=0); "
            "the unbiased one (ddof=1) is only what the running variance keeps",
            wrong=lambda z: (z - z.mean(axis=0)) / np.sqrt(z.var(axis=0, ddof=1) + EPS),
        ),
        Mistake(
            "add eps = 1e-5 to the variance inside the square root: a constant column divided 0 by 0",
            when=lambda got, z: np.isnan(got).any(),
        ),
        Mistake(
            "close, but not batch norm's eps: add exactly eps = 1e-5 to the variance, inside the square root",
            when=lambda got, z: np.allclose(got, _batch_norm(z), rtol=1e-3, atol=1e-3),
        ),
        Mistake(
            "subtract each unit's mean before dividing: the output should have mean 0",
            wrong=lambda z: z / np.sqrt(z.var(axis=0) + EPS),
        ),
    ],
    quiet=False,  # a learner's 0 / 0 on the constant column is reported as a wrong value, not a warning
    elementwise=False,
    kind="code",
)

q2 = ChoiceQuestion(
    "normalisation.relu_batch_norm",
    "Predict: a 30-layer ReLU network with He init has gradients of about the same size in every layer "
    "(layer 1 / last about 0.5). Add batch norm to every hidden layer. What happens to that ratio?",
    hint=[
        "Batch norm divides each unit by its batch std; backprop multiplies by 1 / std on the way back.",
        "ReLU zeroes half of each normalised unit, so the next layer's pre-activation has a std below 1 "
        "before it is normalised again: each layer's 1 / std is above 1, and backprop multiplies them.",
    ],
    solution="""ratio_with_batch_norm = "c"  # about 270: each layer's 1 / std multiplies the gradient""",
    answer_name="ratio_with_batch_norm",
    options={
        "a": (
            "it stays about 1: batch norm keeps every layer at mean 0, variance 1",
            "the forward pass stays at variance 1, but backprop multiplies each layer's 1 / std: run the "
            "cell below",
        ),
        "b": (
            "it falls far below 1: the gradient vanishes",
            "each layer divides by a std below 1, which makes the gradient grow on its way back",
        ),
        "c": ("it rises far above 1: the gradient grows towards the input", "right"),
        "d": (
            "it becomes exactly 1 in every layer",
            "nothing in the network forces the norms to be equal; each layer multiplies the gradient",
        ),
    },
    right="c",
    kind="predict",
)

q3 = NumberQuestion(
    "normalisation.residual_product",
    "A chain of 10 one-unit residual blocks a = h + f(h), where every branch f has derivative 0.1 at its "
    "input. By what factor does d a_10 / d h_0 multiply the gradient? (3 significant digits)",
    hint=[
        "Differentiate one block: d a / d h = 1 + f'(h).",
        "The chain rule multiplies one such factor per block: (1 + 0.1) ten times.",
    ],
    solution="""residual_factor = 1.1**10  # about 2.59; without the skips it would be 0.1 ** 10 = 1e-10""",
    answer_name="residual_factor",
    value=1.1**10,
    tol=0.005,
    mistakes=[
        (0.1**10, "that is the plain stack a = f(h); the skip adds 1 to each block's derivative: 1 + 0.1"),
        (1.0, "that is the skip alone; each block's derivative is 1 + f'(h) = 1.1"),
        (2.0, "the blocks multiply, they don't add: (1 + 0.1) ** 10, not 1 + 10 * 0.1"),
        (1.1**9, "off by one: 10 blocks give 10 factors of 1.1"),
    ],
    kind="derive",
)

q4 = ChoiceQuestion(
    "normalisation.layer_norm_sigmoid",
    "Why does layer norm not rescue the plain 30-layer sigmoid stack, when batch norm does?",
    hint=[
        "Look at the table of signal and shared parts above: which part does each normalisation remove?",
        "Layer norm takes one mean and one std per example, across its units; batch norm one per unit, "
        "across the examples.",
    ],
    solution="""why_layer_norm_fails = "b"  # sigmoid's outputs near 0.5 give every example one big pattern;
# layer norm scales each example's whole vector, pattern included; batch norm subtracts each unit's
# batch mean, which removes the pattern and scales up what differs between examples""",
    answer_name="why_layer_norm_fails",
    options={
        "a": (
            "layer norm has no learned scale and shift",
            "it has them (gamma and beta), just as batch norm does",
        ),
        "b": ("it keeps the pattern every example shares; batch norm removes it", "right"),
        "c": (
            "layer norm uses running statistics, which lag behind",
            "only batch norm keeps running statistics, and only for evaluation",
        ),
        "d": (
            "layer norm acts after the activation, where sigmoid has already saturated",
            "here both act on the pre-activation; and the plain stack is not saturated (0% saturated)",
        ),
    },
    right="b",
    kind="explain",
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3, q4

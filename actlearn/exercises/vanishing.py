"""Exercises for 11-vanishing-gradients: the sigmoid bound, the real product of slopes, He initialisation."""

import numpy as np

import actlearn
from actlearn.exercises.core import Case, FunctionQuestion, Mistake, NumberQuestion, bind
from actlearn.exercises.core import ____ as ____  # re-exported: a starter cell holds it

q1 = NumberQuestion(
    "vanishing.sigmoid_bound",
    "Sigmoid's slope is at most 0.25. Through 10 sigmoid layers, what upper bound do the slopes alone put "
    "on the gradient? (Compute it; don't round.)",
    hint="Backprop multiplies one local slope per layer.",
    solution="""sigmoid_bound = 0.25**10  # about 9.5e-07: a millionth, before any weight has a say""",
    answer_name="sigmoid_bound",
    value=0.25**10,
    tol=1e-9,
    mistakes=[
        (0.25**9, "off by one: 10 layers give 10 factors of 0.25"),
        (0.25**11, "off by one: 10 layers give 10 factors of 0.25, not 11"),
        (2.5, "multiply the slopes, don't add them: 0.25 ** 10"),
        (0.5**10, "sigmoid's largest slope is 0.25, not 0.5"),
    ],
)


def _chain_grad(z):
    return np.prod(actlearn.sigmoid.grad(z))


q2 = FunctionQuestion(
    "vanishing.chain_grad",
    "Write chain_grad(z): for pre-activations z[0], z[1], ... of a chain of sigmoid units (weights 1), "
    "return d output / d input, the product of the slopes.",
    hint="Each layer adds a local slope sigmoid'(z) = s (1 - s), with s = sigmoid(z), "
    "and backprop multiplies them.",
    solution="""import numpy as np

import actlearn


def chain_grad(z):
    s = actlearn.sigmoid(z)
    return np.prod(s * (1 - s))""",
    signature="chain_grad(z)",
    reference=_chain_grad,
    cases=[
        Case((np.array([0.0, 1.0, -2.0, 3.0]),)),
        Case((np.zeros(3),)),
        Case((np.linspace(-3, 3, 30),)),
        Case((np.array([0.5]),)),
    ],
    mistakes=[
        Mistake(
            "backprop multiplies the local slopes (the chain rule); it doesn't add them",
            wrong=lambda z: np.sum(actlearn.sigmoid.grad(z)),
        ),
        Mistake(
            "multiply the slopes sigmoid'(z) = s (1 - s), not the values s = sigmoid(z)",
            wrong=lambda z: np.prod(actlearn.sigmoid(z)),
        ),
        Mistake(
            "that is the bound 0.25 ** depth; compute the actual slopes at z", wrong=lambda z: 0.25 ** len(z)
        ),
    ],
    tolerance={"float64": (1e-7, 0.0)},  # the product is tiny: compare digits, not distance from 0
    elementwise=False,
)

q3 = FunctionQuestion(
    "vanishing.he_std",
    "Write he_std(fan_in): the standard deviation of He (Kaiming) initialisation for a ReLU layer.",
    hint="ReLU zeroes half of its inputs, so He doubles the variance 1 / fan_in that keeps a linear layer's "
    "output variance steady.",
    solution="""import math


def he_std(fan_in):
    return math.sqrt(2 / fan_in)""",
    signature="he_std(fan_in)",
    reference=lambda fan_in: np.sqrt(2.0 / fan_in),
    cases=[Case((64,)), Case((1,)), Case((512,)), Case((3,))],
    mistakes=[
        Mistake(
            "that is LeCun's std, sqrt(1 / fan_in); ReLU zeroes half its inputs, so He doubles the variance",
            wrong=lambda fan_in: np.sqrt(1 / fan_in),
        ),
        Mistake("that is the variance; the std is its square root", wrong=lambda fan_in: 2 / fan_in),
        Mistake(
            "the square root covers the whole fraction: sqrt(2 / fan_in)",
            wrong=lambda fan_in: np.sqrt(2) / fan_in,
        ),
    ],
    elementwise=False,
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3

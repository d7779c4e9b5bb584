"""Exercises for 12-vanishing-gradients: a chain's gradient ratio, depth 20, slopes, residuals."""

import numpy as np

import actlearn
from actlearn.exercises.core import Case, ChoiceQuestion, FunctionQuestion, Mistake, NumberQuestion, bind
from actlearn.exercises.core import ____ as ____  # re-exported: a starter cell holds it

q1 = NumberQuestion(
    "vanishing.layer_ratio",
    "A chain of 10 sigmoid layers of one unit each, a_l = sigmoid(z_l) with z_l = w a_(l-1) + b_l: every "
    "weight is w = 3, and the biases put every pre-activation at z_l = 0. Derive the ratio "
    "(dL/dz_1) / (dL/dz_10) of the gradient reaching layer 1 to the one reaching layer 10. "
    "(3 significant digits)",
    hint=[
        "Go back one layer at a time with the chain rule: dL/dz_l = sigmoid'(z_l) * w * dL/dz_(l+1).",
        "Every z_l is 0, so every slope is sigmoid'(0) = 0.25: each step back multiplies by w * 0.25 = 0.75.",
        "From layer 10 back to layer 1 is nine steps, not ten: (3 * 0.25) ** 9.",
    ],
    solution="""layer_ratio = (3 * 0.25) ** 9  # nine steps back, each weight 3 times slope 0.25: 0.075""",
    answer_name="layer_ratio",
    value=0.75**9,
    tol=0.0,
    rtol=5e-3,
    mistakes=[
        (0.75**10, "off by one: from layer 10 back to layer 1 is nine steps, so nine factors of 3 * 0.25"),
        (0.25**9, "you left out the weights: each step back multiplies by w = 3 as well as by slope 0.25"),
        (0.25**10, "that is the slopes-only bound for ten factors; count nine steps, each with its weight 3"),
        (3.0**9, "you left out the slopes: each step back also multiplies by sigmoid'(0) = 0.25"),
        (0.75**-9, "upside down: that is layer 10 over layer 1; layer 1's gradient is the smaller one"),
        (0.5**9, "sigmoid'(0) is 0.25, not sigmoid(0) = 0.5: 3 * 0.25 per step"),
    ],
    kind="derive",
)

q2 = ChoiceQuestion(
    "vanishing.depth_20",
    "Predict: the same sigmoid network with Xavier init, but 20 hidden layers instead of 10. About how "
    "large is the gradient norm of layer 1 over that of layer 20?",
    hint=[
        "Above, each layer back cost a factor of about 0.23 (the geometric mean). How many such factors "
        "lie between layer 20 and layer 1?",
        "Nineteen factors of about 0.23: 0.23 ** 19. Count the powers of ten.",
    ],
    solution="""ratio_20 = "c"  # 19 factors of about 0.23: 0.23 ** 19 is about 1e-12""",
    answer_name="ratio_20",
    options={
        "a": (
            "about 0.5: Xavier init keeps it steady",
            "Xavier keeps the weights' factor near 1, but every sigmoid slope still costs at least 4x",
        ),
        "b": (
            "about 2e-6, as at depth 10",
            "each layer adds its own factor of about 0.23: twenty layers give nineteen of them, not nine",
        ),
        "c": ("about 1e-12, give or take 10x", "right"),
        "d": (
            "about 1e-24",
            "that would take a factor of about 0.06 a layer; nineteen factors of the measured 0.23 give "
            "0.23 ** 19, about 1e-12",
        ),
    },
    right="c",
    kind="predict",
)


def _chain_grad(z):
    return np.prod(actlearn.sigmoid.grad(z))


q3 = FunctionQuestion(
    "vanishing.chain_grad",
    "Write chain_grad(z): for pre-activations z[0], z[1], ... of a chain of sigmoid units (weights 1), "
    "return d output / d input, the product of the slopes.",
    hint=[
        "Each layer adds one local slope, and backprop multiplies them (the chain rule).",
        "The local slope is sigmoid'(z) = s (1 - s), with s = sigmoid(z): compute it for every z at once.",
        "s = actlearn.sigmoid(z), then np.prod(s * (1 - s)).",
    ],
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

q4 = ChoiceQuestion(
    "vanishing.residual",
    "A residual block computes a = x + F(x). Going back through one block, what does the chain rule "
    "multiply the gradient by?",
    hint=[
        "Differentiate a = x + F(x) with respect to x, one term at a time.",
        "The derivative of x is 1; the derivative of F(x) is F'(x). What does a product of such factors "
        "keep, even when every F' is small?",
    ],
    solution="""residual_factor = "b"  # d(x + F(x))/dx = 1 + F'(x): the 1 carries the gradient past F""",
    answer_name="residual_factor",
    options={
        "a": ("F'(x), as in a plain layer", "the + x adds the derivative of x, which is 1"),
        "b": ("1 + F'(x)", "right"),
        "c": (
            "exactly 1: the block is skipped",
            "the gradient flows through F too: add its derivative F'(x)",
        ),
        "d": ("x + F'(x)", "the derivative of x with respect to x is 1, not x"),
    },
    right="b",
    kind="derive",
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3, q4

"""Exercises for 06-leaky-relu: Leaky ReLU from relu, its zeros, a silent unit's gradient, its ReLU part."""

import numpy as np

import actlearn
from actlearn.exercises.core import (
    Mistake,
    NumberQuestion,
    bind,
    cases,
    elementwise_cases,
)
from actlearn.exercises.core import ____ as ____  # re-exported: a starter cell holds it
from actlearn.exercises.source_rules import RuledFunctionQuestion

GRID = np.array([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0])
WITH_ALPHA = cases([GRID, GRID.astype(np.float32)], alpha=0.2)  # catches an alpha that is ignored


def _nan_at_inf(got, x, alpha=0.01):
    """Say whether the answer is NaN at x = +inf, where it should be inf (inf - inf, the usual cause)."""
    x, got = np.asarray(x), np.asarray(got)
    return got.shape == x.shape and bool(np.any(np.isnan(got) & (x == np.inf)))


q1 = RuledFunctionQuestion(
    "leaky_relu.from_relu",
    "Write my_leaky_relu(x, alpha=0.01), x where x > 0 and alpha * x elsewhere (0 < alpha < 1), with "
    "actlearn.relu and arithmetic only: no np.maximum, np.minimum or np.where (the checker reads your code). "
    "For any array x: ±inf too; NaN stays NaN; float32 in, float32 out.",
    hint=[
        "relu(x) is the positive side already. What is left to add for x <= 0, and which relu gives it?",
        "relu(-x) is -x where x < 0 and 0 elsewhere, so -relu(-x) is the negative part min(x, 0). Scale it.",
    ],
    solution="""from actlearn import relu


def my_leaky_relu(x, alpha=0.01):
    return relu(x) - alpha * relu(-x)  # -relu(-x) is min(x, 0), the part alpha scales""",
    signature="my_leaky_relu(x, alpha=0.01)",
    reference=actlearn.leaky_relu,
    cases=[*elementwise_cases()[:1], *WITH_ALPHA, *elementwise_cases()[1:]],
    mistakes=[
        Mistake(
            "you ignored alpha: use the alpha you are given",
            wrong=lambda x, alpha=0.01: actlearn.leaky_relu(x),
        ),
        Mistake(
            "that is ReLU: for x <= 0 return alpha * x, not 0", wrong=lambda x, alpha=0.01: actlearn.relu(x)
        ),
        Mistake(
            "sign error: relu(-x) is positive where x < 0, so add -alpha * relu(-x)",
            wrong=lambda x, alpha=0.01: actlearn.relu(x) + alpha * actlearn.relu(-x),
        ),
        Mistake(
            "right for finite x, but x - relu(x) is inf - inf = nan at x = inf, and the prompt asks for inf "
            "too: write the negative part as -relu(-x)",
            when=_nan_at_inf,
        ),
    ],
    must_call=("relu",),
    forbidden=(
        "maximum",
        "minimum",
        "where",
        "fmax",
        "fmin",
        "clip",
        "abs",
        "absolute",
        "sign",
        "leaky_relu",
        "prelu",
        "select",
        "piecewise",
        "heaviside",
    ),
    rule="build Leaky ReLU from relu and arithmetic (+, -, *), as the prompt asks",
)


q2 = NumberQuestion(
    "leaky_relu.zeros",
    "Predict the fraction of exact zeros in leaky_relu(X @ W) for notebook 05's He-initialised layer "
    "(1000 standard normal inputs, 256 units), before running the cell below.",
    hint=[
        "ReLU gave about half: it maps every negative pre-activation to 0. What does Leaky ReLU map it to?",
        "alpha * z is 0 only where z is exactly 0; how often is a sum of random normal products exactly 0?",
    ],
    solution="""zeros_leaky = 0.0  # alpha * z is 0 only at z = 0, which random inputs never hit""",
    answer_name="zeros_leaky",
    value=0.0,
    tol=0.001,
    mistakes=[
        (0.5, "that is ReLU's share; Leaky ReLU maps z < 0 to alpha * z, small but not 0"),
        (0.01, "alpha is a slope, not a share of units: alpha * z is 0 only where z is exactly 0"),
        (0.495, "alpha does not switch off a share of units; it scales the negative side, still non-zero"),
    ],
    kind="predict",
)

q3 = NumberQuestion(
    "leaky_relu.silent_gradient",
    "A Leaky ReLU unit (alpha = 0.01) has pre-activation z = -3 and receives the upstream gradient "
    "dL/dy = 2.0 from the layer above. Derive dL/dz, the gradient it passes back towards its weights.",
    hint=[
        "Chain rule: dL/dz = dL/dy * dy/dz. Which side of the kink is z = -3 on?",
        "Left of the kink the slope dy/dz is alpha, whatever z is.",
    ],
    solution="""silent_grad = 2.0 * 0.01  # upstream times the slope alpha: 0.02""",
    answer_name="silent_grad",
    value=0.02,
    tol=1e-9,
    mistakes=[
        (0.0, "that is ReLU; Leaky ReLU's slope left of 0 is alpha, so the gradient is small but not 0"),
        (2.0, "that uses slope 1, an active unit's; z = -3 is on the leaky side, where the slope is alpha"),
        (-0.06, "that multiplies by the output alpha * z; the chain rule multiplies by the slope, alpha"),
        (-0.03, "that is leaky_relu(-3), the value; multiply the upstream gradient by the slope"),
    ],
    kind="derive",
)

q4 = NumberQuestion(
    "leaky_relu.relu_part",
    "Leaky ReLU is a straight line plus a ReLU: leaky_relu(x, alpha) = alpha * x + k * relu(x). "
    "Derive k for alpha = 0.2.",
    hint=[
        "Look at each side of 0. For x <= 0, relu(x) = 0, so the line alone must give alpha * x: it does.",
        "For x > 0 the sum must give x: alpha * x + k * x = x. Solve for k.",
    ],
    solution="""k = 1 - 0.2  # for x > 0: 0.2 x + k x = x, so k = 1 - alpha = 0.8; alpha = 1: no bend""",
    answer_name="k",
    value=0.8,
    tol=1e-6,
    mistakes=[
        (0.2, "that is alpha, the straight line's weight; for x > 0 the two parts must add up to x"),
        (1.0, "then x > 0 gives alpha * x + x = 1.2 x; the parts must add up to x, so k = 1 - alpha"),
        (1.2, "for x > 0 the sum alpha * x + k * x must equal x, so k = 1 - alpha, not 1 + alpha"),
        (-0.8, "sign: for x > 0, 0.2 x + k x = x gives k = +0.8"),
    ],
    kind="derive",
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3, q4

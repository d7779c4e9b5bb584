"""Exercises for 01-why-nonlinearity: stacked linear layers collapse into one."""

import numpy as np

from actlearn.exercises.core import Case, ChoiceQuestion, FunctionQuestion, Mistake, NumberQuestion, bind
from actlearn.exercises.core import ____ as ____  # re-exported: a starter cell holds it


def _collapse(W1, b1, W2, b2):
    return W2 @ W1, W2 @ b1 + b2


def _layers(n_in, n_hidden, n_out, seed):
    rng = np.random.default_rng(seed)
    shapes = [(n_hidden, n_in), (n_hidden,), (n_out, n_hidden), (n_out,)]
    return tuple(rng.normal(size=shape).round(2) for shape in shapes)


q1 = FunctionQuestion(
    "nonlinearity.collapse",
    "Write collapse(W1, b1, W2, b2): return (W, b) with W @ x + b == W2 @ (W1 @ x + b1) + b2 for every x.",
    hint="Expand W2 @ (W1 @ x + b1) + b2 and group what multiplies x and what does not.",
    solution="""def collapse(W1, b1, W2, b2):
    W = W2 @ W1  # the second layer acts last, so its matrix is on the left
    b = W2 @ b1 + b2  # the second layer also transforms the first layer's bias
    return W, b""",
    signature="collapse(W1, b1, W2, b2)",
    reference=_collapse,
    cases=[
        Case(_layers(3, 3, 3, seed=0), label="3 x 3 weights"),
        Case(_layers(3, 4, 2, seed=1), label="W1 of shape (4, 3) and W2 of shape (2, 4)"),
        Case(_layers(5, 8, 1, seed=2), label="W1 of shape (8, 5) and W2 of shape (1, 8)"),
    ],
    mistakes=[
        Mistake(
            "multiply in the other order, W2 @ W1: the second layer acts last",
            wrong=lambda W1, b1, W2, b2: (W1 @ W2, W2 @ b1 + b2),
        ),
        Mistake(
            "the second layer also acts on b1: b = W2 @ b1 + b2",
            wrong=lambda W1, b1, W2, b2: (W2 @ W1, b1 + b2),
        ),
        Mistake("b2 is missing: b = W2 @ b1 + b2", wrong=lambda W1, b1, W2, b2: (W2 @ W1, W2 @ b1)),
    ],
    elementwise=False,
)

q2 = NumberQuestion(
    "nonlinearity.relu_not_additive",
    "For a = 1 and b = -1, compute relu(a + b) - (relu(a) + relu(b)). (Any linear map would give 0.)",
    hint="Work out relu(a + b) = relu(0) first, then relu(1) and relu(-1).",
    solution="""import actlearn

a, b = 1.0, -1.0
gap = actlearn.relu(a + b) - (actlearn.relu(a) + actlearn.relu(b))  # 0 - (1 + 0) = -1""",
    answer_name="gap",
    value=-1.0,
    tol=1e-9,
    mistakes=[
        (0.0, "that is what a linear map gives; here relu(a + b) = relu(0) = 0, but relu(a) + relu(b) = 1"),
        (1.0, "sign: relu(a + b) - (relu(a) + relu(b)) = 0 - 1"),
        (-2.0, "relu(-1) is 0, not -1"),
    ],
)

q3 = ChoiceQuestion(
    "nonlinearity.deep_linear",
    "A network of 10 linear layers with no activation between them can represent:",
    hint="Use your collapse function nine times.",
    solution="""deep_linear = "b"  # ten linear layers collapse into one affine map, W x + b""",
    answer_name="deep_linear",
    options={
        "a": (
            "any continuous function, given enough width",
            "the universal approximation theorem needs a non-linearity between the layers",
        ),
        "b": ("exactly what one linear layer can: an affine map W x + b", "right"),
        "c": (
            "XOR, if it is deep enough",
            "XOR is not linearly separable, and depth adds nothing to a linear map",
        ),
        "d": (
            "more than one layer can, but less than a ReLU network",
            "it collapses to exactly one layer, no more and no less",
        ),
    },
    right="b",
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3

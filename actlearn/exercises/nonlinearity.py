"""Exercises for 02-why-nonlinearity: stacked linear layers collapse into one; a bend folds the plane."""

import numpy as np

from actlearn.exercises.core import Case, ChoiceQuestion, FunctionQuestion, Mistake, NumberQuestion, bind
from actlearn.exercises.core import ____ as ____  # re-exported: a starter cell holds it


def _collapse(W1, b1, W2, b2):
    return W1 @ W2, b1 @ W2 + b2


def _layers(n_in, n_hidden, n_out, seed):
    """Return (W1, b1, W2, b2) in the text's row convention: a batch X of shape (n, n_in) times W1."""
    rng = np.random.default_rng(seed)
    shapes = [(n_in, n_hidden), (n_hidden,), (n_hidden, n_out), (n_out,)]
    return tuple(rng.normal(size=shape).round(2) for shape in shapes)


q1 = FunctionQuestion(
    "nonlinearity.collapse",
    "Write collapse(W1, b1, W2, b2): return (W, b) with X @ W + b == (X @ W1 + b1) @ W2 + b2 for every X.",
    hint=[
        "Multiply out (X @ W1 + b1) @ W2 + b2 and sort the terms: those that start with X, and the rest.",
        "(X @ W1 + b1) @ W2 + b2 = X @ (W1 @ W2) + (b1 @ W2 + b2): read W and b off that.",
    ],
    solution="""def collapse(W1, b1, W2, b2):
    W = W1 @ W2  # X meets W1 first, so W1 is on the left (one point a row, as in the text)
    b = b1 @ W2 + b2  # the second layer also transforms the first layer's bias
    return W, b""",
    signature="collapse(W1, b1, W2, b2)",
    reference=_collapse,
    cases=[
        Case(_layers(3, 3, 3, seed=0), label="3 x 3 weights"),
        Case(_layers(3, 4, 2, seed=1), label="W1 of shape (3, 4) and W2 of shape (4, 2)"),
        Case(_layers(5, 8, 1, seed=2), label="W1 of shape (5, 8) and W2 of shape (8, 1)"),
    ],
    mistakes=[
        Mistake(
            "that is the column convention, W2 @ (W1 @ x + b1) + b2; the text puts one point a row, "
            "X @ W1, so W = W1 @ W2 and b = b1 @ W2 + b2",
            wrong=lambda W1, b1, W2, b2: (W2 @ W1, W2 @ b1 + b2),
        ),
        Mistake(
            "multiply in the other order, W1 @ W2: X meets W1 first",
            wrong=lambda W1, b1, W2, b2: (W2 @ W1, b1 @ W2 + b2),
        ),
        Mistake(
            "the second layer also acts on b1: b = b1 @ W2 + b2",
            wrong=lambda W1, b1, W2, b2: (W1 @ W2, b1 + b2),
        ),
        Mistake("b2 is missing: b = b1 @ W2 + b2", wrong=lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2)),
    ],
    elementwise=False,
    kind="code",
)

q2 = NumberQuestion(
    "nonlinearity.fold_score",
    "Predict the score the hand-built XOR network (W and w_out above) gives the point (1, -2), "
    "before running the cell below it.",
    hint=[
        "Work out u = x1 + x2 and v = x1 - x2 for this point first.",
        "u = -1 and v = 3. The four ReLU units give relu(u), relu(-u), relu(v), relu(-v); "
        "the output adds them with weights -1, -1, +1, +1.",
        "The score is |v| - |u|.",
    ],
    solution="""score = 2.0  # u = 1 + (-2) = -1 and v = 1 - (-2) = 3, so |v| - |u| = 3 - 1 = 2: class 1""",
    answer_name="score",
    value=2.0,
    tol=1e-6,
    mistakes=[
        (-2.0, "that is |u| - |v|: the units of u enter with weight -1 and those of v with +1, so |v| - |u|"),
        (0.0, "that is the network without its ReLU, where every score is 0; with the bend it is |v| - |u|"),
        (4.0, "that is |v| + |u|: the units of u enter with weight -1, so subtract |u|"),
        (3.0, "that is |v| alone; subtract |u| = |1 + (-2)| = 1"),
        (-4.0, "u = x1 + x2 = 1 + (-2) = -1 and v = x1 - x2 = 3; the score is |v| - |u|"),
    ],
    kind="predict",
)

q3 = NumberQuestion(
    "nonlinearity.relu_not_additive",
    "For a = 1 and b = -1, work out relu(a + b) - (relu(a) + relu(b)). (Any linear map would give 0.)",
    hint=[
        "Work out relu(a + b) = relu(0) first, then relu(1) and relu(-1).",
        "relu(0) = 0, relu(1) = 1 and relu(-1) = 0.",
    ],
    solution="""from actlearn import relu

a, b = 1.0, -1.0
gap = relu(a + b) - (relu(a) + relu(b))  # 0 - (1 + 0) = -1""",
    answer_name="gap",
    value=-1.0,
    tol=1e-9,
    mistakes=[
        (0.0, "that is what a linear map gives; here relu(a + b) = relu(0) = 0, but relu(a) + relu(b) = 1"),
        (1.0, "sign: relu(a + b) - (relu(a) + relu(b)) = 0 - 1"),
        (-2.0, "relu(-1) is 0, not -1"),
    ],
    kind="derive",
)

q4 = ChoiceQuestion(
    "nonlinearity.deep_linear",
    "A network of 10 linear layers with no activation between them can represent:",
    hint=[
        "Use your collapse function nine times.",
        "Each collapse turns two affine layers into one; what is left after nine of them?",
    ],
    solution="""deep_linear = "b"  # ten linear layers collapse into one affine map, X @ W + b""",
    answer_name="deep_linear",
    options={
        "a": (
            "any continuous function, given enough width",
            "the universal approximation theorem needs a non-linearity between the layers",
        ),
        "b": ("exactly what one affine layer X @ W + b can", "right"),
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
    kind="explain",
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3, q4

"""Exercises for 14-choosing-an-activation: softplus's slopes, zero slopes, GELU's steepest point, Adam."""

import actlearn
from actlearn.exercises.core import ChoiceQuestion, NumberQuestion, SetQuestion, bind
from actlearn.exercises.core import ____ as ____  # re-exported: a starter cell holds it

SQRT2 = 2**0.5

q1 = ChoiceQuestion(
    "choosing.softplus_slope",
    "Predict: softplus(x) = log(1 + e^x), a smooth ReLU, is not in the table above. Which set holds "
    "every value its slope takes?",
    hint=[
        "Differentiate log(1 + e^x): the derivative of log(u) is u' / u.",
        "The slope is e^x / (1 + e^x). Which function of notebook 03 is that, and what values does it take?",
    ],
    solution="""softplus_slope = "b"  # softplus' = e^x / (1 + e^x) = sigmoid(x): every value in (0, 1)""",
    answer_name="softplus_slope",
    options={
        "a": (
            "{0, 1}",
            "that is ReLU's; softplus bends smoothly, so its slope passes through every value in between",
        ),
        "b": ("(0, 1)", "right"),
        "c": (
            "(0, 0.25]",
            "that is the range of sigmoid's slope; softplus' is sigmoid itself, whose values fill (0, 1)",
        ),
        "d": (
            "[-0.1, 1.1]",
            "softplus only rises, so its slope is never negative; the dip below 0 is swish's and GELU's",
        ),
    },
    right="b",
    kind="predict",
)

ELEMENTWISE = tuple(name for name, act in actlearn.ACTIVATIONS.items() if act.elementwise and act.in_article)

q2 = SetQuestion(
    "choosing.never_zero_slope",
    "Which of " + ", ".join(ELEMENTWISE) + " have a derivative that is never exactly 0 at any finite x "
    "(with default parameters)?",
    hint=[
        "Read the min and max columns of the table: a slope can be exactly 0 on a flat piece, or where a "
        "smooth slope crosses from negative to positive.",
        "ReLU is flat left of 0. Swish and GELU have slopes below 0 and above 0, and their slopes are "
        "continuous: somewhere between, at their minimum, the slope is exactly 0.",
        "actlearn.get(name).derivative_range is a range you can test with `in`: is 0 in it?",
    ],
    solution="""import actlearn

names = ["sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu", "swish", "gelu"]
never_zero = {name for name in names if 0 not in actlearn.get(name).derivative_range}""",
    answer_name="never_zero",
    right={name for name in ELEMENTWISE if 0 not in actlearn.get(name).derivative_range},
    universe=ELEMENTWISE,
    notes={
        "sigmoid": "its slope s (1 - s) gets tiny far from 0, but never reaches 0",
        "tanh": "its slope 1 - tanh^2 gets tiny far from 0, but never reaches 0",
        "relu": "its slope is exactly 0 for every x < 0: the dying-ReLU problem",
        "leaky_relu": "its slope is alpha = 0.01 for x < 0, small but not 0",
        "prelu": "its slope is the learned alpha (0.25 to start) for x < 0",
        "elu": "its slope alpha * exp(x) for x < 0 is small but positive",
        "swish": "it has a minimum near x = -1.28, where its slope is exactly 0",
        "gelu": "it has a minimum near x = -0.75, where its slope is exactly 0",
    },
    kind="derive",
)

q3 = NumberQuestion(
    "choosing.gelu_steepest",
    "GELU(x) = x Phi(x) has the slope GELU'(x) = Phi(x) + x phi(x), where phi(x) = e^(-x^2/2) / sqrt(2 pi) "
    "is the standard normal density and Phi' = phi. Derive the x > 0 where GELU's slope is largest "
    "(3 decimals).",
    hint=[
        "The slope is largest where its own derivative, GELU''(x), is 0.",
        "phi'(x) = -x phi(x). Differentiate Phi(x) + x phi(x) term by term and take phi(x) out as a factor.",
        "GELU''(x) = phi(x) + phi(x) + x phi'(x) = phi(x) (2 - x^2): it is 0 where x^2 = 2.",
    ],
    solution="""gelu_steepest = 2**0.5  # GELU''(x) = phi(x) (2 - x^2) = 0 at x = sqrt(2), about 1.414""",
    answer_name="gelu_steepest",
    value=SQRT2,
    tol=1e-3,
    mistakes=[
        (
            -SQRT2,
            "that is where the slope is smallest (about -0.13, its dip below 0); the question asks x > 0",
        ),
        (1.0, "you dropped the Phi' = phi term: GELU'' = phi + (phi + x phi') = phi (2 - x^2)"),
        (0.0, "at 0 the slope is Phi(0) = 0.5; it keeps rising past 1 on the positive side"),
        (-0.752, "that is where GELU itself is smallest, where its slope is 0"),
        (2.40, "that is about where swish's slope peaks; GELU's peaks where x^2 = 2"),
    ],
    kind="derive",
)

q4 = ChoiceQuestion(
    "choosing.adam_race",
    "The race trains with Adam. Why can't sigmoid's bound, a slope of at most 0.25, decide that race "
    "by itself?",
    hint=[
        "Look at Adam's step, lr * m / (sqrt(v) + eps): what happens to it if every gradient of a "
        "parameter is multiplied by the same constant?",
        "m grows by that constant and sqrt(v) by that constant too: the ratio, and so the step, stays "
        "the same. What could still make sigmoid slow?",
    ],
    solution="""why_not_bound = "a"  # Adam divides by the running size: a constant factor cancels""",
    answer_name="why_not_bound",
    options={
        "a": (
            "Adam divides each step by the running size of that parameter's gradient: a constant factor "
            "on the gradient cancels",
            "right",
        ),
        "b": (
            "sigmoid's slope goes above 0.25 away from 0",
            "0.25 is its largest slope, at x = 0; away from 0 it is smaller",
        ),
        "c": (
            "Adam uses a larger learning rate for sigmoid networks",
            "every activation in the race gets the same lr, 0.01",
        ),
        "d": (
            "the bound only holds for the output layer",
            "it holds wherever a sigmoid sits; the reason is in how Adam sizes its steps",
        ),
    },
    right="a",
    kind="explain",
)

q5 = ChoiceQuestion(
    "choosing.regression_output",
    "Which output activation for a regression target that can be any real number (a temperature in °C)?",
    hint=[
        "Which of these can output -12.5 and 40.0 alike?",
        "Each of relu, sigmoid and tanh caps the output on at least one side.",
    ],
    solution="""regression_output = "c"  # a linear output: any squashing would cap the predictions""",
    answer_name="regression_output",
    options={
        "a": ("relu", "it can't predict anything below 0, like -12.5 °C"),
        "b": ("sigmoid", "it squashes every prediction into (0, 1)"),
        "c": ("none: a linear output", "right"),
        "d": ("tanh", "it squashes every prediction into (-1, 1)"),
    },
    right="c",
    kind="recall",
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3, q4, q5

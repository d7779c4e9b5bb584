"""Exercises for 14-choosing-an-activation: softplus's slopes, zero slopes, a chain of GELU slopes, Adam."""

import math

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

# GELU's largest slope, Phi(sqrt 2) + sqrt 2 phi(sqrt 2) (GELU'' = phi (2 - x^2) vanishes at sqrt 2)
GELU_MAX_SLOPE = 0.5 * (1 + math.erf(1.0)) + SQRT2 * math.exp(-1.0) / math.sqrt(2 * math.pi)

q3 = NumberQuestion(
    "choosing.gelu_chain",
    "The table at the top prints GELU's largest slope, +1.1289. A gradient flows back through 10 GELU "
    "layers, and at every layer the unit it passes sits exactly where GELU is steepest. By what factor "
    "do the activations' slopes alone multiply it? Give the number to 2 decimals.",
    hint=[
        "Backprop multiplies the gradient by the activation's slope once per layer (notebook 01).",
        "Ten layers: the factor is 1.1289 multiplied by itself ten times.",
    ],
    solution="""gelu_chain = 1.1289**10  # one slope per layer: about 3.36""",
    answer_name="gelu_chain",
    value=GELU_MAX_SLOPE**10,
    tol=0.006,  # 3.36, 3.362 and 1.1289**10 all pass; 3.35 and 3.37 do not
    mistakes=[
        (10 * GELU_MAX_SLOPE, "you added the slopes (10 x 1.1289); the chain rule multiplies them"),
        (GELU_MAX_SLOPE, "that is one layer's slope; ten layers multiply ten of them"),
        (GELU_MAX_SLOPE**9, "that is nine layers: count one slope for each of the ten"),
        (1.0, "GELU's slope is above 1 where it is steepest, so the product grows past 1"),
        (0.25**10, "0.25 is sigmoid's largest slope, not GELU's"),
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
    solution="""why_not_bound = "a"  # Adam divides by the gradient's running size: a factor cancels""",
    answer_name="why_not_bound",
    options={
        "a": ("Adam's step cancels a constant gradient factor", "right"),
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
        "a": ("relu, max(0, x)", "it can't predict anything below 0, like -12.5 °C"),
        "b": ("sigmoid, 1 / (1 + e^-x)", "it squashes every prediction into (0, 1)"),
        "c": ("none: a linear output", "right"),
        "d": ("tanh, (e^x - e^-x) / (e^x + e^-x)", "it squashes every prediction into (-1, 1)"),
    },
    right="c",
    kind="recall",
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3, q4, q5

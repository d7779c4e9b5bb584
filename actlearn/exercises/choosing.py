"""Exercises for 13-choosing-an-activation: output layers, and which slopes are never zero."""

import actlearn
from actlearn.exercises.core import ChoiceQuestion, SetQuestion, bind
from actlearn.exercises.core import ____ as ____  # re-exported: a starter cell holds it

q1 = ChoiceQuestion(
    "choosing.multiclass_output",
    "Which activation goes on the output layer of a classifier with 10 classes?",
    hint="The outputs should be 10 probabilities that add up to 1.",
    solution="""output_activation = "c"  # softmax: ten positive numbers that sum to 1""",
    answer_name="output_activation",
    options={
        "a": ("relu", "its outputs are unbounded and don't sum to 1"),
        "b": (
            "sigmoid",
            "it gives 10 independent yes/no probabilities (multi-label), not one choice among 10",
        ),
        "c": ("softmax", "right"),
        "d": ("tanh", "outputs in (-1, 1) are not probabilities"),
    },
    right="c",
)

ELEMENTWISE = tuple(name for name, act in actlearn.ACTIVATIONS.items() if act.elementwise and act.in_article)

q2 = SetQuestion(
    "choosing.never_zero_slope",
    "Which of " + ", ".join(ELEMENTWISE) + " have a derivative that is never exactly 0 at any finite x "
    "(with default parameters)?",
    hint="actlearn.get(name).derivative_range is a range you can test with `in`: is 0 in it?",
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
)

q3 = ChoiceQuestion(
    "choosing.regression_output",
    "Which output activation for a regression target that can be any real number (a temperature in °C)?",
    hint="Which of these can output -12.5 and 40.0 alike?",
    solution="""regression_output = "c"  # a linear output: any squashing would cap the predictions""",
    answer_name="regression_output",
    options={
        "a": ("relu", "it can't predict anything below 0, like -12.5 °C"),
        "b": ("sigmoid", "it squashes every prediction into (0, 1)"),
        "c": ("none: a linear output", "right"),
        "d": ("tanh", "it squashes every prediction into (-1, 1)"),
    },
    right="c",
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3

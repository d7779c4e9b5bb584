"""Exercises for the "Check yourself" section of every notebook, one module each, and their shared core.

In a notebook: `from actlearn.exercises.sigmoid import *` brings the questions (q1, q2, ...) and the blank
____. Then q1.show() prints the task, q1.check(answer) the verdict, q1.hint() and q1.solution() help.
"""

import importlib

from actlearn.exercises.core import Question

MODULES = (
    "start",
    "nonlinearity",
    "sigmoid",
    "tanh",
    "relu",
    "leaky_relu",
    "prelu",
    "elu",
    "softmax",
    "swish",
    "gelu",
    "vanishing",
    "exploding",
    "choosing",
)


def all_questions():
    """Return every question of the course by its id, like "sigmoid.stable", in notebook order."""
    questions = {}
    for module_name in MODULES:
        module = importlib.import_module(f"actlearn.exercises.{module_name}")
        for name in module.__all__:
            question = getattr(module, name)
            if isinstance(question, Question):
                if question.id in questions:
                    raise ValueError(f"two questions share the id {question.id!r}")
                questions[question.id] = question
    return questions

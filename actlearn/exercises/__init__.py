"""Exercises for the "Check yourself" section of every notebook, one module each, and their shared core.

In a notebook: `from actlearn.exercises.sigmoid import *` brings the questions (q1, q2, ...) and the blank
____. Then q1.show() prints the task, q1.check(answer) shows the verdict, q1.hint(), q1.hint(2) and
q1.solution() help. How to write a module of questions: actlearn/exercises/core.py's docstring.
"""

import importlib

from actlearn.exercises.core import Question
from actlearn.exercises.core import solutions_off as solutions_off  # for a teacher: hide q.solution()
from actlearn.exercises.core import solutions_on as solutions_on

MODULES = (
    "start",
    "learning",
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
    "normalisation",
    "modern",
    "real_data",
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

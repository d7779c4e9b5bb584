"""Rules a prompt states about how an answer is written ("using relu", "no np.exp"), checked on its code.

A value check cannot see them: np.abs(x) returns what relu(x) + relu(-x) does. So a question with such
a rule reads the answer's source (what `answer??` shows) and names the construct the prompt ruled out.
An answer whose source cannot be read (defined by exec, say) is judged on its values alone.
"""

import ast
import inspect
import textwrap

from actlearn.exercises.core import FunctionQuestion


def names_used(fn):
    """Return the names and attributes an answer's code mentions (np.abs gives "abs"), or None."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    except (OSError, TypeError, SyntaxError, IndentationError):
        return None
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Attribute):
            names.add(node.attr)
    return names


class RuledFunctionQuestion(FunctionQuestion):
    """A function question whose prompt also says what the answer must call and what it must not use."""

    def __init__(self, *args, must_call=(), forbidden=(), rule="", **kwargs):
        super().__init__(*args, **kwargs)
        self.must_call, self.forbidden, self.rule = tuple(must_call), frozenset(forbidden), rule

    def problem(self, answer, hidden=False):
        found = super().problem(answer, hidden)  # values first: a blank or a wrong value says so
        if found is not None:
            return found
        names = names_used(answer)
        if names is None:
            return None
        used = sorted(names & self.forbidden)
        if used:
            return f"right values, but your code uses {', '.join(used)}: {self.rule}"
        if self.must_call and not names & set(self.must_call):
            return f"right values, but your code never calls {' or '.join(self.must_call)}: {self.rule}"
        return None

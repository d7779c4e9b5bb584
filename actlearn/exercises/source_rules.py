"""Rules a prompt states about how an answer is written ("using relu", "no np.exp"), checked on its code.

A value check cannot see them: np.abs(x) returns what relu(x) + relu(-x) does. So a question with such
a rule reads the answer's code, the same code the grader sends to its fresh process (the function, the
helpers it calls, its imports), and names the construct the prompt ruled out. An answer whose source
cannot be read (defined by exec, say) is judged on its values alone in the kernel; the grader always has
the source.
"""

import ast
import textwrap

from actlearn.exercises.core import FunctionQuestion


def names_used(source):
    """Return the names, attributes and imports code mentions (np.abs gives "abs"), or None if unparsable."""
    try:
        tree = ast.parse(textwrap.dedent(source))
    except (SyntaxError, ValueError):
        return None
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Attribute):
            names.add(node.attr)
        elif isinstance(node, ast.alias):  # from numpy import absolute as a: "absolute"
            names.add(node.name.split(".")[-1])
    return names


def answer_source(fn):
    """Return the code the grader would send for fn (its helpers and imports included), or None."""
    from actlearn.exercises import grader  # grader imports core, as this module does: import it late

    try:
        return grader.function_source(fn, {})[0]
    except (LookupError, OSError, TypeError, AttributeError):
        return None


class RuledFunctionQuestion(FunctionQuestion):
    """A function question whose prompt also says what the answer must call and what it must not use."""

    def __init__(self, *args, must_call=(), forbidden=(), rule="", **kwargs):
        super().__init__(*args, **kwargs)
        self.must_call, self.forbidden, self.rule = tuple(must_call), frozenset(forbidden), rule

    def problem(self, answer, hidden=False):
        found = super().problem(answer, hidden)  # values first: a blank or a wrong value says so
        if found is not None:
            return found
        source = answer_source(answer)
        return None if source is None else self.rule_problem(source)

    def rule_problem(self, source):
        """Return the broken rule that source shows, or None (also when source does not parse)."""
        names = names_used(source)
        if names is None:
            return None
        used = sorted(names & self.forbidden)
        if used:
            return f"right values, but your code uses {', '.join(used)}: {self.rule}"
        if self.must_call and not names & set(self.must_call):
            return f"right values, but your code never calls {' or '.join(self.must_call)}: {self.rule}"
        return None

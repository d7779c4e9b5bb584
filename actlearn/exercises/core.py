"""The checking machinery behind every "Check yourself" exercise: questions, the ____ blank, verdicts.

A question checks an answer and shows one short verdict line. It never raises: an answer that raises,
returns None, loops forever, or has the wrong shape or dtype is reported, not crashed on. A function
answer runs on adversarial inputs (extremes, infinities, NaN, float32, several shapes) and is compared
with the package's own function; when it fails, the question looks for the known mistake that explains
the failure and names it.

Writing an exercise module (one a notebook; sigmoid.py is a full one):

    from actlearn.exercises.core import ____ as ____  # re-exported: a starter cell holds it
    from actlearn.exercises.core import ChoiceQuestion, FunctionQuestion, Mistake, NumberQuestion, bind

    q1 = FunctionQuestion(
        "sigmoid.stable",                        # id: "<module>.<slug>", stable (grading keys on it)
        "Write stable_sigmoid(x): ...",          # prompt: one line
        hint=["a nudge", "a stronger hint", "nearly the answer"],   # or one string
        solution="def stable_sigmoid(x): ...",   # code that defines the answer's name
        signature="stable_sigmoid(x)", reference=actlearn.sigmoid, cases=elementwise_cases(),
        mistakes=[Mistake("what went wrong and how to fix it", wrong=lambda x: 1 / (1 + np.exp(-x)))],
        hidden_cases=cases([...]),               # optional: only grade(hidden=True) and the grader run these
    )                                            # kind="code" by default; points by kind
    q2 = NumberQuestion(
        "sigmoid.slope_at_zero", "Predict sigmoid's slope at 0, before running the cell below.",
        hint="...", solution="slope = 0.25", answer_name="slope",
        value=0.25,                              # or a function computing it (run once, on first check)
        tol=5e-4, rtol=0.0,                      # right if |answer - value| <= tol + rtol * |value|
        mistakes=[(0.5, "that is sigmoid(0), the value; the question asks for the slope")],
        kind="predict",
    )
    q3 = ChoiceQuestion(
        "sigmoid.curve", "Predict: which curve is sigmoid's derivative?", hint="...",
        solution='curve = "b"', answer_name="curve",
        options={"a": ("a step", "why a is wrong"), "b": ("a bump at 0", "right")}, right="b",
        kind="predict",
    )
    __all__ = bind(globals())  # last line: names q1, q2, q3 after their variables, in order

Every question takes `kind`, one of KINDS: "code" (write a function), "predict" (write down what a cell
below will show, before running it; its prompt says "Predict"), "derive" (work a result out on paper),
"explain" (choose the reason), "recall" (read it off the text above); and `points`, its weight in an
nbgrader assignment (by default POINTS[kind]: code 3, derive 2, the others 1). The types:
FunctionQuestion (a function), NumberQuestion (a number or a tuple of them, named by parts=),
ChoiceQuestion (a letter; q.show() and repr list the options, and q.options_markdown() gives them as the
bullet list the markdown cell above the question must show) and SetQuestion (a set of names).

In a notebook, `from actlearn.exercises.sigmoid import *` brings q1, q2, ... and ____. A starter cell
ends with its check, alone on the last code line (tests/test_exercise_notebooks.py and
tools/make_assignments.py rely on it; comment lines may follow):

    # Stuck? q1.hint() gives a hint; q1.solution() shows one answer.
    def stable_sigmoid(x):
        return ____


    q1.check(stable_sigmoid)

A predict question's starter (`slope = ____` then `q2.check(slope)`) sits before the cell that reveals
the answer. Then:

    q1.check(answer)     display the verdict (green right, red wrong, grey not attempted); return None
    q1.hint(), q1.hint(2)   the first hint (a nudge), the next ones; each says how many there are
    q1.solution()        the reference solution, unless solutions_off() ran or ACTLEARN_SOLUTIONS=off
    q1.show()            the task, with the options of a choice
    q1.grade(answer)     None if right, else the message, a blank included; grade(answer, hidden=True)
                         runs the hidden cases
    q1.verdict(answer)   the Verdict object check() displays (.status: "right", "wrong" or "blank")

All of that is practice: it runs in the learner's kernel, which the learner's code can change. A grade
never comes from there: nbgrader's test cells hand the answer to grader.py, which judges it in a fresh
process with these same questions. An exam's learner gets exam_questions() instead, built from
exam_sheet(): they record answers and hold no key.
"""

import copy
import html
import inspect
import os
import re
import signal
import sys
import threading
import warnings
from dataclasses import dataclass, field

import numpy as np

TIME_LIMIT = 2.0  # seconds a call: generous, so a right answer never fails on a busy shared machine
TOLERANCE = {"float32": (1e-4, 1e-6), "float64": (1e-7, 1e-12)}  # (rtol, atol) by the answer's dtype
RIGHT, WRONG = "✓", "✗"


# --- the blank a starter cell holds -----------------------------------------------------------------


class Placeholder:
    """The blank ____; arithmetic on it (even np.exp(-____)) gives the blank back, so a cell still runs."""

    def __repr__(self):
        return "____"

    def _blank(self, *args, **kwargs):
        return self

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = _blank
    __pow__ = __rpow__ = __neg__ = __pos__ = __abs__ = __matmul__ = __rmatmul__ = _blank
    __call__ = __array_ufunc__ = __array_function__ = _blank


____ = Placeholder()


class NotAttempted(Exception):
    """The answer still holds ____."""


def holds_blank(value):
    """Return True if value is ____ or a list or tuple holding it."""
    if isinstance(value, Placeholder):
        return True
    return isinstance(value, (list, tuple)) and any(holds_blank(v) for v in value)


# --- running a learner's function safely --------------------------------------------------------------


class TimeLimitReached(BaseException):
    """Stops a learner's function (a BaseException, so the learner's `except Exception` can't swallow it)."""


@dataclass
class Outcome:
    """What one call of a learner's function did."""

    value: object = None
    error: BaseException = None
    timed_out: bool = False
    warnings: list = field(default_factory=list)  # short messages like "overflow in exp"


def quietly(fn, args=(), kwargs=None):
    """Return fn(*args, **kwargs) and the floating-point warnings it gave, without printing them."""
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn", under="ignore"):
        warnings.simplefilter("always")
        value = fn(*args, **(kwargs or {}))
    found = [str(w.message).replace(" encountered", "") for w in caught if w.category is RuntimeWarning]
    return value, list(dict.fromkeys(found))


def run(fn, args=(), kwargs=None, time_limit=TIME_LIMIT):
    """Call fn(*args, **kwargs) with a time limit and return an Outcome; never raise."""
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        return _run_with_alarm(fn, args, kwargs, time_limit)
    return _run_in_thread(fn, args, kwargs, time_limit)


def _run_with_alarm(fn, args, kwargs, time_limit):
    # SIGALRM interrupts a pure-Python loop in the main thread, which is where Jupyter runs a cell.
    def stop(signum, frame):
        raise TimeLimitReached

    previous = signal.signal(signal.SIGALRM, stop)
    try:
        try:
            signal.setitimer(signal.ITIMER_REAL, time_limit)
            value, found = quietly(fn, args, kwargs)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        return Outcome(value, warnings=found)
    except TimeLimitReached:
        return Outcome(timed_out=True)
    except KeyboardInterrupt:  # the learner pressed stop: stop, don't report it as the answer's error
        raise
    except BaseException as error:  # a learner's code may raise anything, even SystemExit
        return Outcome(error=error)
    finally:
        signal.signal(signal.SIGALRM, previous)


def _run_in_thread(fn, args, kwargs, time_limit):
    # Without SIGALRM we can only stop waiting: the runaway thread is a daemon and dies with the kernel.
    box = {}

    def target():
        try:
            box["value"], box["warnings"] = quietly(fn, args, kwargs)
        except BaseException as error:  # reported below; this thread is not the one a learner stops
            box["error"] = error

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(time_limit)
    if worker.is_alive():
        return Outcome(timed_out=True)
    if "error" in box:
        return Outcome(error=box["error"])
    return Outcome(box["value"], warnings=box["warnings"])


# --- describing values briefly --------------------------------------------------------------------------


def fmt(value):
    """Return a short, deterministic text for a number, an array or anything else."""
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (int, float, np.integer, np.floating)):
        return (
            f"{float(value):.4g}" if not float(value).is_integer() or abs(value) >= 1e16 else f"{value:.0f}"
        )
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        if value.ndim == 0:
            return fmt(value[()])
        if value.size > 8:
            return f"an array of shape {value.shape}"
        return "[" + ", ".join(fmt(v) for v in value) + "]"
    if isinstance(value, (list, tuple)) and len(value) <= 4:
        inner = ", ".join(fmt(v) for v in value)
        return f"[{inner}]" if isinstance(value, list) else f"({inner}{',' if len(value) == 1 else ''})"
    if isinstance(value, str):
        return repr(value) if len(value) <= 20 else repr(value[:17] + "...")
    return f"a {type(value).__name__}"


def same_values(a, b):
    """Return True if a and b hold the same numbers (NaN equal to NaN), nested lists and tuples included."""
    if isinstance(a, (list, tuple)):
        return isinstance(b, (list, tuple)) and len(a) == len(b) and all(map(same_values, a, b))
    try:
        return np.array_equal(a, b, equal_nan=True)
    except TypeError:
        return np.array_equal(a, b)


# --- what a learner sees: a verdict, a hint, a solution -----------------------------------------------


SOLUTIONS_ENV = "ACTLEARN_SOLUTIONS"  # "off" hides every q.solution(): a hub can set it for a whole class
_solutions = {"on": True}


def solutions_off():
    """Make q.solution() say that the teacher has turned solutions off (an assignment's setup does this)."""
    _solutions["on"] = False


def solutions_on():
    """Let q.solution() show the reference solutions again."""
    _solutions["on"] = True


def solutions_shown():
    """Return True unless solutions_off() ran or ACTLEARN_SOLUTIONS=off is set."""
    return _solutions["on"] and os.environ.get(SOLUTIONS_ENV, "on").lower() != "off"


class Verdict:
    """One verdict line that displays itself: coloured HTML in Jupyter, the same text anywhere else."""

    COLOURS = {"right": "#1a7f37", "wrong": "#cf222e", "blank": "#57606a", "recorded": "#0969da"}

    def __init__(self, status, text):
        self.status, self.text = status, text  # "right", "wrong", "blank" (not attempted) or "recorded"

    def __repr__(self):
        return self.text

    def _repr_html_(self):
        colour = self.COLOURS[self.status]
        return f'<div style="color: {colour}; font-weight: bold">{html.escape(self.text)}</div>'


def show(thing):
    """Display thing as rich output in IPython, or print it anywhere else."""
    ipython = sys.modules.get("IPython")  # imported already if a kernel runs us; never imported here
    if ipython is not None and ipython.get_ipython() is not None:
        ipython.display.display(thing)
    else:
        print(repr(thing))


# --- questions ----------------------------------------------------------------------------------------------

KINDS = ("code", "predict", "derive", "explain", "recall")  # what a question asks the learner to do
# What a question is worth in an nbgrader assignment unless it says: writing code or a derivation is more
# work, and harder to guess, than picking an option or writing down a prediction.
POINTS = {"code": 3, "derive": 2, "predict": 1, "explain": 1, "recall": 1, None: 1}


class Question:
    """One exercise: show() the task, check(answer), hint(), hint(2), solution(); grade(answer) for nbgrader.

    id is the stable key, like "sigmoid.stable"; the name (q1, q2, ...) comes from bind(). hint is a
    string or a list of strings, from a nudge to nearly the answer. kind is one of KINDS. points is what
    the question is worth in an nbgrader assignment.
    """

    def __init__(self, id, prompt, hint, solution, answer_name, kind=None, points=None):
        if kind is not None and kind not in KINDS:
            raise ValueError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
        self.id, self.prompt, self.answer_name = id, prompt, answer_name
        self.kind, self.points = kind, POINTS[kind] if points is None else points
        self.hints = (hint,) if isinstance(hint, str) else tuple(hint)
        self._solution = solution
        self.name = None  # bind() names it after the variable that holds it

    @property
    def label(self):
        """Return how verdicts name the question: "q1 (sigmoid.stable)"."""
        return f"{self.name or '?'} ({self.id})"

    def __repr__(self):
        return f"{self.label}: {self.prompt}"

    def show(self):
        """Print the task."""
        print(repr(self))

    def hint(self, number=1):
        """Print hint number `number` (1 is a nudge; later ones say more) and how many there are."""
        count = len(self.hints)
        if not 1 <= number <= count:
            print(
                f"{self.label} has {count} hint{'s' if count > 1 else ''}: ask for {self.name}.hint(1)"
                f"{f' to {self.name}.hint({count})' if count > 1 else ''}."
            )
            return
        more = f"; {self.name}.hint({number + 1}) for more" if number < count else ""
        print(f"Hint {number} of {count} ({self.id}{more}): {self.hints[number - 1]}")

    def solution(self):
        """Print the reference solution, unless the teacher has turned solutions off."""
        if not solutions_shown():
            print(
                f"Solution ({self.id}): your teacher has turned solutions off for this assignment; "
                f"{self.name}.hint() still helps."
            )
            return
        print(f"Solution ({self.id}):\n{self._solution}")

    @property
    def solution_code(self):
        """Return the reference solution as code that defines the answer (None when solutions are off)."""
        return self._solution if solutions_shown() else None

    def verdict(self, answer):
        """Return the Verdict on answer: right, wrong (naming the mistake) or not attempted."""
        problem = self._problem_or_blank(answer)
        if problem is NotAttempted:
            return Verdict(
                "blank", f"{self.label}: not attempted yet — replace ____ with your answer and run again."
            )
        if problem is None:
            return Verdict("right", f"{self.label}: {RIGHT} Correct.")
        return Verdict("wrong", f"{self.label}: {WRONG} {problem}")

    def check(self, answer):
        """Display the verdict on answer; return nothing, so Jupyter echoes nothing after it."""
        show(self.verdict(answer))

    def missing(self, name):
        """Return the verdict when the answer's variable does not exist (a NameError before check ran)."""
        return Verdict(
            "blank",
            f"{self.label}: there is no variable named {name} yet: define it (keep that name) and run "
            "the cell again.",
        )

    def grade(self, answer, hidden=False):
        """Return None if answer is right, else what is wrong (a blank too); the grader judges with it.

        With hidden=True, run the cases the learner's check() never ran (a FunctionQuestion's hidden_cases).
        """
        problem = self._problem_or_blank(answer, hidden)
        if problem is NotAttempted:
            return f"{self.label}: not attempted (the answer still holds ____)"
        return None if problem is None else f"{self.label}: {problem}"

    def _problem_or_blank(self, answer, hidden=False):
        try:
            if holds_blank(answer):
                return NotAttempted
            return self.problem(answer, hidden)
        except NotAttempted:
            return NotAttempted
        except KeyboardInterrupt:
            raise
        except BaseException as error:  # a bug in a checker must not look like the learner's fault
            return f"the checker itself failed ({type(error).__name__}); please report this"

    def problem(self, answer, hidden=False):
        """Return what is wrong with answer, or None if it is right (hidden: on the hidden cases too)."""
        raise NotImplementedError


def bind(namespace):
    """Name each question of a module after its variable (q1, q2, ...) and return the module's __all__.

    Call it last in an exercise module, `__all__ = bind(globals())`: the names must run q1, q2, ... in
    the order the questions are defined, so the notebook's numbering and the module's cannot drift.
    """
    found = [(name, value) for name, value in namespace.items() if isinstance(value, Question)]
    names = [name for name, _ in found]
    expected = [f"q{i}" for i in range(1, len(found) + 1)]
    if names != expected:
        raise ValueError(f"questions must be named {', '.join(expected)} in order; found {', '.join(names)}")
    if len({id(value) for _, value in found}) != len(found):
        raise ValueError("one question is bound to two names")
    for name, question in found:
        question.name = name
        ANSWER_NAMES[question.answer_name] = question
    explain_missing_answers()
    return [*names, "____"]


ANSWER_NAMES = {}  # answer variable -> its question, for the NameError `q1.check(my_swish)` gives first


def explain_missing_answers():
    """In IPython, answer a NameError for an answer variable with its question's verdict, not a traceback."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None or getattr(shell, "custom_exceptions", ()) == (NameError,):
        return

    def handler(shell, kind, error, traceback, tb_offset=None):
        question = ANSWER_NAMES.get(getattr(error, "name", None))
        if question is None:
            return shell.showtraceback((kind, error, traceback), tb_offset=tb_offset)
        show(question.missing(error.name))

    shell.set_custom_exc((NameError,), handler)


@dataclass
class Mistake:
    """A known wrong answer: a wrong function (or a test on the output) and what to tell the learner."""

    message: str
    wrong: object = None  # a function giving the mistake's output for the same arguments
    when: object = None  # or a test when(got, *args, **kwargs) -> True if the output shows the mistake


@dataclass
class Case:
    """One set of arguments a function answer is run on."""

    args: tuple
    kwargs: dict = field(default_factory=dict)
    label: str = None  # how a verdict names this input; by default, its arguments, briefly
    why: str = None  # what a failure here means when no known mistake explains it
    tolerance: dict = None  # more digits than the question asks, where a case needs them (a far tail)


# Where exp overflows (|x| > 709.78 in float64, 88.72 in float32) yet the true value is still a number: a
# naive formula gives inf or nan there even with its warning silenced. Judged with the question's own
# tolerance: 0 for a true 1e-309 is right unless the prompt asks for relative digits (its tolerance says).
TAILS = [
    np.array([-720.0, -715.0, -710.0, 710.0, 715.0, 720.0]),
    np.array([-92.0, -89.0, 89.0, 92.0], np.float32),
]
TAIL_WHY = "the true value is still a number here; an intermediate overflowed or underflowed"


def elementwise_cases(extremes=True, infinities=True, nan=True, **kwargs):
    """Return the inputs an elementwise function is checked on, friendly ones first, with kwargs on each."""
    grid = np.array([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0])
    inputs = [grid, 0.5, -2.0, np.linspace(-4, 4, 6).reshape(2, 3), np.linspace(-2, 2, 8).reshape(2, 2, 2)]
    inputs += [grid.astype(np.float32), np.array([-50.0, -30.0, 30.0, 50.0])]
    if extremes:
        inputs += [np.array([-1000.0, 1000.0]), np.array([-1000.0, 1000.0], dtype=np.float32)]
    if infinities:
        inputs += [np.array([-np.inf, np.inf])]
    if nan:
        inputs += [np.array([0.0, np.nan])]
    return cases(inputs, **kwargs)


def cases(inputs, **kwargs):
    """Return one Case a single-argument input, with kwargs on each."""
    return [Case((x,), dict(kwargs)) for x in inputs]


GENERIC_ERROR_HINTS = {
    "truth value of an array": "`if`, `and` and Python's max/min can't decide for a whole array; "
    "use np.where or np.maximum",
    "arrays can be converted": "math.exp and friends take one number; use np.exp for arrays",
    "could not be broadcast": "the shapes don't line up; did you forget keepdims=True?",
    "is not defined": "run the cells above first, or check the spelling",
    "unexpected keyword argument": "keep the signature {signature}",
    "positional argument": "keep the signature {signature}",
}


class FunctionQuestion(Question):
    """A question whose answer is a function, checked against a reference on many inputs."""

    def __init__(
        self,
        id,
        prompt,
        hint,
        solution,
        signature,
        reference,
        cases,
        mistakes=(),
        elementwise=True,
        quiet=True,
        tolerance=None,
        time_limit=TIME_LIMIT,
        hidden_cases=(),
        kind="code",
        points=None,
        tails=True,
    ):
        super().__init__(id, prompt, hint, solution, signature.split("(")[0], kind, points)
        self.hidden_cases = hidden_cases  # run only by grade(answer, hidden=True) and by the grader
        self.signature, self.reference, self.cases, self.mistakes = signature, reference, cases, mistakes
        self.arg_names = [a.split("=")[0].strip() for a in signature.split("(")[1].rstrip(")").split(",")]
        self.elementwise, self.quiet = elementwise, quiet
        self.tolerance, self.time_limit = tolerance, time_limit
        self.tails = tails  # False where the shared tail inputs are not inputs the question can take
        self._tails = None  # tail_cases(), worked out on first use

    @property
    def starter(self):
        """Return the code a starter cell holds."""
        return f"def {self.signature}:\n    return ____\n\n\n{self.name}.check({self.answer_name})"

    def problem(self, answer, hidden=False):
        if not callable(answer):
            return f"expected a function like {self.signature}; got {fmt(answer)}"
        if not self.cases:  # an empty list would pass anything
            return "this question has no cases left to run: run its import cell again (were cases changed?)"
        for case in self.hidden_cases if hidden else [*self.cases, *self.tail_cases()]:
            found = self._case_problem(answer, case)
            if found:
                return found
        return None

    def tail_cases(self):
        """Return the far-tail cases that the question's own solution passes.

        Only for an elementwise question that asks for no overflow: there a silenced warning can't hide
        a naive formula, whose value is inf or nan where the true one is a number.
        """
        if self._tails is None:
            self._tails = []
            if self.tails and self.quiet and self.elementwise and self.cases and self._solution:
                namespace = {"____": ____}
                exec(self._solution, namespace)  # the reference solution, to pick the tails it gets right
                solution = namespace[self.answer_name]
                for x in TAILS:
                    case = Case((x,), dict(self.cases[0].kwargs), why=TAIL_WHY)
                    try:
                        if self._case_problem(solution, case, run_here=True) is None:
                            self._tails.append(case)
                    except Exception:  # the reference has no value there (its input is not an x)
                        continue
        return self._tails

    def _where(self, args, kwargs, index=None):
        shown = dict(zip(self.arg_names, args, strict=False)) | kwargs
        if index is not None:
            shown[self.arg_names[0]] = np.asarray(args[0])[index]
        return ", ".join(f"{k} = {fmt(v)}" for k, v in shown.items())

    def _case_problem(self, answer, case, run_here=False):
        args = copy.deepcopy(case.args)  # the learner gets copies: our test arrays stay as they are
        expected = self.reference(*copy.deepcopy(case.args), **case.kwargs)
        outcome = (
            run(answer, args, case.kwargs, self.time_limit)
            if run_here
            else self._run(answer, args, case.kwargs)
        )
        where = case.label or self._where(case.args, case.kwargs)
        if _holds_nan(case.args[0]):  # NaN in warns "invalid value"; the NaN-in, NaN-out test judges it
            outcome.warnings = [w for w in outcome.warnings if not w.startswith("invalid value")]
        if outcome.timed_out:
            return f"took longer than {self.time_limit:g} s at {where}: is there a loop that never ends?"
        if outcome.error is not None:
            return self._error_problem(outcome.error, where)
        if holds_blank(outcome.value):
            raise NotAttempted
        if not same_values(args, case.args):
            return f"changed its input in place at {where}: build a new array instead (or work on x.copy())"
        found = compare(outcome.value, expected, self._tolerance(expected, case))
        if found is not None:
            text, index = found
            x = case.args[0]
            if not (
                self.elementwise and isinstance(x, np.ndarray) and x.shape == getattr(expected, "shape", None)
            ):
                index = None  # only an elementwise answer's output index points into x
            why = (
                self._explain(answer, outcome, case, expected, index)
                or ", ".join(outcome.warnings)
                or case.why
            )
            text = f"{text} at {where if index is None else self._where(case.args, case.kwargs, index)}"
            return f"{text}: {why}" if why else text
        if self.quiet and outcome.warnings:
            why = (
                self._explain(answer, outcome, case, expected, None)
                or "an intermediate result left the float range; rearrange it"
            )
            return f"{outcome.warnings[0]} at {self._warning_where(answer, case) or where}: {why}"
        return self._dtype_problem(outcome.value, expected, case)

    def _run(self, answer, args, kwargs):
        """Return the Outcome of answer(*args, **kwargs); the grader runs it in another process instead."""
        return run(answer, args, kwargs, self.time_limit)

    def _tolerance(self, expected, case=None):
        # a case or a question (ELU's expm1, a far tail's relative digits) may ask for more than TOLERANCE
        table = getattr(case, "tolerance", None) or self.tolerance or TOLERANCE
        if isinstance(expected, (list, tuple)):
            return table  # compare looks each item up by its own dtype
        return table.get(str(getattr(expected, "dtype", "float64")), table["float64"])

    def _error_problem(self, error, where):
        message = str(error).split("\n")[0]
        if "Placeholder" in message:
            raise NotAttempted
        text = f"raised {type(error).__name__} at {where}" + (f" ({message})" if message else "")
        for clue, advice in GENERIC_ERROR_HINTS.items():
            if clue in message:
                return f"{text}: {advice.format(signature=self.signature)}"
        return text

    def _warning_where(self, answer, case):
        """Return the first single element of x on which the answer warns, to point at it."""
        x = case.args[0]
        if not (self.elementwise and isinstance(x, np.ndarray) and x.ndim >= 1):
            return None
        for index in np.ndindex(x.shape):
            one = x[index].reshape(1)
            if self._run(answer, (one, *copy.deepcopy(case.args[1:])), case.kwargs).warnings:
                return self._where(case.args, case.kwargs, index)
        return None

    def _explain(self, answer, outcome, case, expected, index):
        """Return the known mistake that gives this very output and fails on this case too, or None."""
        code = source_of(answer)
        for mistake in self.mistakes:
            quoted = re.match(r"np\.(\w+)\(", mistake.message)  # a message that opens by quoting code
            if quoted and code and not re.search(rf"\b{quoted.group(1)}\b", code):
                continue  # blames a construct this answer doesn't use
            if _shows(mistake, outcome, case, expected, self._tolerance(expected, case), self.quiet):
                return mistake.message
        x = case.args[0]
        if index is not None and isinstance(x, np.ndarray) and x.shape and np.isnan(np.asarray(x)[index]):
            if re.search(r"\bfmax\b|\bfmin\b", code):
                return "NaN went in and a number came out: np.fmax and np.fmin drop NaN; np.maximum keeps it"
            if "where" in code:
                return (
                    "NaN went in and a number came out; a comparison like x > 0 is False for NaN, so "
                    "np.where picked a branch: let NaN pass through"
                )
            return "NaN went in and a number came out: let NaN pass through"
        return None

    def _dtype_problem(self, got, expected, case):
        x = case.args[0]
        if not (isinstance(x, np.ndarray) and isinstance(expected, np.ndarray)):
            return None
        dtype = np.asarray(got).dtype
        if dtype == expected.dtype:
            return None
        if dtype.kind in "biu":
            return f"returned {dtype} values; return floats: convert with .astype(x.dtype)"
        return (
            f"returned {dtype} for {x.dtype} input: keep the input's dtype (a numpy float64 constant like "
            "np.sqrt(2 / np.pi), or dtype=float, promotes it; use Python floats or .astype(x.dtype))"
        )


def _shows(mistake, outcome, case, expected, tolerance, quiet):
    """Return True if the learner's outcome on case is the one the mistake gives, and the mistake fails there.

    A mistake that is right on this case (a naive formula on small inputs) can't be why the answer failed.
    """
    try:
        if mistake.when is not None:
            return bool(mistake.when(outcome.value, *copy.deepcopy(case.args), **case.kwargs))
        value, found = quietly(mistake.wrong, copy.deepcopy(case.args), case.kwargs)
    except Exception:
        return False
    fails_here = compare(value, expected, tolerance) is not None or bool(quiet and found)
    # no looser than the question: where it is relative only, a 0 is not a tiny mistake's value
    atol = 1e-9 if isinstance(tolerance, dict) else min(1e-9, tolerance[1])
    return fails_here and compare(outcome.value, value, (1e-6, atol)) is None and found == outcome.warnings


def _holds_nan(x):
    """Return True if x is a float array or number holding NaN."""
    x = np.asarray(x) if isinstance(x, (np.ndarray, float, np.floating)) else None
    return x is not None and x.dtype.kind == "f" and bool(np.isnan(x).any())


def source_of(function):
    """Return a function's source code, or "" when it has none to show."""
    if isinstance(getattr(function, "source", None), str):
        return function.source  # the grader's stand-in for a function in another process
    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return ""


def compare(got, expected, tolerance):
    """Return (what is wrong, index of the first bad element or None), or None if got matches expected.

    tolerance is (rtol, atol), or a table of them by dtype, looked up for each item of a list.
    """
    if got is None:
        return "returned None (did you forget `return`?)", None
    if isinstance(expected, (list, tuple)):
        if not isinstance(got, (list, tuple)) or len(got) != len(expected):
            return f"returned {fmt(got)}; expected a list or tuple of {len(expected)} items", None
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):
            found = compare(g, e, tolerance)
            if found:
                return f"item {i} of your answer: {found[0]}", None
        return None
    try:
        numbers, expected = np.asarray(got), np.asarray(expected)
    except ValueError:  # a ragged list
        numbers = np.asarray(None)
    if numbers.dtype.kind not in "biuf":
        return f"returned {fmt(got)}, not numbers", None
    got = numbers
    if got.shape != expected.shape:
        return f"returned shape {got.shape}; expected shape {expected.shape}", None
    if isinstance(tolerance, dict):
        tolerance = tolerance.get(str(expected.dtype), tolerance["float64"])
    rtol, atol = tolerance
    with np.errstate(all="ignore"):
        bad = ~np.isclose(got.astype(float), expected, rtol=rtol, atol=atol, equal_nan=True)
    if not bad.any():
        return None
    index = tuple(int(i) for i in np.argwhere(bad)[0]) if bad.ndim else None
    g, e = (got[index], expected[index]) if index else (got, expected)
    g, e = fmt(g), fmt(e)
    if g == e:  # they differ beyond the 4th digit: show more
        g, e = (f"{float(v):.10g}" for v in (got[index or ()], expected[index or ()]))
    return f"returned {g} (expected {e})", index


class NumberQuestion(Question):
    """A question whose answer is a number (or a few numbers), right within a stated tolerance."""

    def __init__(
        self,
        id,
        prompt,
        hint,
        solution,
        answer_name,
        value,
        tol,
        mistakes=(),
        parts=None,
        rtol=0.0,
        kind=None,
        points=None,
    ):
        super().__init__(id, prompt, hint, solution, answer_name, kind, points)
        self._value, self.tol, self.rtol = value, tol, rtol  # right if |answer - value| <= tol + rtol |value|
        self.mistakes = mistakes  # (wrong value, message) pairs
        self.parts = parts  # names of the numbers when the answer is several, e.g. ("location", "value")

    @property
    def value(self):
        """Return the right number(s); a function given as value is computed once, on first use."""
        if callable(self._value):  # a predict question's value can be the experiment the reveal cell runs
            self._value = self._value()
        return self._value

    @property
    def starter(self):
        """Return the code a starter cell holds."""
        return f"{self.answer_name} = ____\n\n{self.name}.check({self.answer_name})"

    def problem(self, answer, hidden=False):
        numbers, problem = self._numbers(answer)
        if problem:
            return problem
        if self._close(numbers, self.value):
            return None
        for wrong, message in self.mistakes:
            if self._close(numbers, wrong):
                return f"{fmt(answer)} is not it: {message}"
        for i, (a, v) in enumerate(zip(numbers, self._as_tuple(self.value), strict=True)):
            if not self._close((a,), (v,)):
                which = f"the {self.parts[i]} " if self.parts else ""
                return f"{which}{fmt(a)} is too {'large' if a > v else 'small'}"
        return None

    def _as_tuple(self, value):
        return tuple(value) if isinstance(value, (tuple, list)) else (value,)

    def _close(self, numbers, target):
        target = self._as_tuple(target)
        return len(numbers) == len(target) and all(
            abs(a - t) <= self.tol + self.rtol * abs(t) for a, t in zip(numbers, target, strict=True)
        )

    def _numbers(self, answer):
        count = len(self._as_tuple(self.value))
        if count > 1:
            if (
                not isinstance(answer, (tuple, list, np.ndarray))
                or np.ndim(answer) != 1
                or len(answer) != count
            ):
                names = ", ".join(self.parts)
                return None, f"give {count} numbers, ({names}); got {fmt(answer)}"
            items = tuple(answer)
        else:
            items = (answer,)
        numbers = []
        for item in items:
            if item is None:
                return None, "your answer is None: assign a number to it"
            if isinstance(item, str):
                return None, f"your answer is a str ({fmt(item)}): give a number, without quotes"
            if isinstance(item, (bool, np.bool_)):
                return None, f"your answer is {item}, a bool: give a number"
            if callable(item):
                return None, "your answer is a function: call it and give the number it returns"
            array = np.asarray(item)
            if array.dtype.kind not in "iuf" or array.size != 1:
                return None, f"expected a number; got {fmt(item)}"
            number = float(array.reshape(()))
            if not np.isfinite(number):
                return None, f"your answer is {fmt(number)}: give a finite number"
            numbers.append(number)
        return tuple(numbers), None


class ChoiceQuestion(Question):
    """A multiple-choice question: the answer is an option's letter, like 'b'."""

    def __init__(self, id, prompt, hint, solution, answer_name, options, right, kind=None, points=None):
        super().__init__(id, prompt, hint, solution, answer_name, kind, points)
        self.options, self.right = options, right  # options: letter -> (text, why it is right or wrong)

    def __repr__(self):
        lines = [f"  ({key}) {text}" for key, (text, _) in self.options.items()]
        return "\n".join([super().__repr__(), *lines])

    def options_markdown(self):
        """Return the options as Markdown lines, to paste into the cell that asks the question."""
        return "\n".join(f"- ({key}) {text}" for key, (text, _) in self.options.items())

    @property
    def starter(self):
        """Return the code a starter cell holds."""
        return f'{self.answer_name} = ____  # a letter, like "a"\n\n{self.name}.check({self.answer_name})'

    def problem(self, answer, hidden=False):
        letters = ", ".join(self.options)
        if not isinstance(answer, str):
            return f"answer with the letter of an option, in quotes (one of {letters}); got {fmt(answer)}"
        key = answer.strip().strip("().").lower()
        if key not in self.options:
            return f"{fmt(answer)} is not an option; choose one of {letters}"
        if key == self.right:
            return None
        return f"({key}) is not it: {self.options[key][1]}"


class SetQuestion(Question):
    """A question whose answer is a set of names, like the activations with some property."""

    def __init__(
        self, id, prompt, hint, solution, answer_name, right, universe, notes, kind=None, points=None
    ):
        super().__init__(id, prompt, hint, solution, answer_name, kind, points)
        self.right, self.universe, self.notes = set(right), tuple(universe), notes  # notes: name -> why

    @property
    def starter(self):
        """Return the code a starter cell holds."""
        blank = f'{self.answer_name} = ____  # a set of names, like {{"relu", "tanh"}}'
        return f"{blank}\n\n{self.name}.check({self.answer_name})"

    def problem(self, answer, hidden=False):
        if not isinstance(answer, (set, frozenset, list, tuple)) or not all(
            isinstance(a, str) for a in answer
        ):
            return f'expected a set of names like {{"relu", "tanh"}}; got {fmt(answer)}'
        given = {a.strip().lower().replace("-", "_") for a in answer}
        unknown = sorted(given - set(self.universe))
        if unknown:
            return f"{unknown[0]!r} is not one of the names to choose from: {', '.join(self.universe)}"
        for name in self.universe:  # a fixed order, so the verdict is the same on every run
            if name in given and name not in self.right:
                return f"{name} does not belong: {self.notes[name]}"
            if name in self.right and name not in given:
                return f"{name} is missing: {self.notes[name]}"
        return None


# --- exam mode: questions that record, and hold no key --------------------------------------------------


def exam_sheet(question, hints=True):
    """Return what an exam's learner may see of question, as plain data: no right option, value or code."""
    sheet = {"id": question.id, "prompt": question.prompt, "answer_name": question.answer_name}
    sheet["hints"] = list(question.hints) if hints else []
    if isinstance(question, FunctionQuestion):
        sheet["signature"] = question.signature
    if isinstance(question, ChoiceQuestion):
        sheet["options"] = {key: text for key, (text, _) in question.options.items()}
    if isinstance(question, SetQuestion):
        sheet["universe"] = list(question.universe)
    return sheet


class RecordedQuestion(Question):
    """An exam's question: check() records the answer and says only whether it has the right form."""

    def __init__(self, sheet):
        super().__init__(sheet["id"], sheet["prompt"], sheet["hints"] or (), None, sheet["answer_name"])
        self.signature, self.options = sheet.get("signature"), sheet.get("options")

    def __repr__(self):
        lines = [f"  ({key}) {text}" for key, text in (self.options or {}).items()]
        return "\n".join([super().__repr__(), *lines])

    def hint(self, number=1):
        """Print a hint, if the teacher left hints on for this exam."""
        if self.hints:
            super().hint(number)
        else:
            print(f"{self.label}: no hints in this exam.")

    def solution(self):
        """Say that an exam shows no solutions."""
        print(f"{self.label}: an exam shows no solutions.")

    def verdict(self, answer):
        """Return "answer recorded", "not attempted" or what is wrong with the answer's form."""
        if holds_blank(answer):
            return Verdict(
                "blank", f"{self.label}: not attempted yet — replace ____ with your answer and run again."
            )
        if self.signature and not callable(answer):
            return Verdict(
                "wrong", f"{self.label}: expected a function like {self.signature}; got {fmt(answer)}"
            )
        if self.options and not (
            isinstance(answer, str) and answer.strip().strip("().").lower() in self.options
        ):
            return Verdict("wrong", f"{self.label}: answer with one of the letters {', '.join(self.options)}")
        return Verdict("recorded", f"{self.label}: answer recorded; it is graded after the exam.")

    def problem(self, answer, hidden=False):
        return "an exam's answers are graded after the exam, by the teacher's grader"


def exam_questions(sheets):
    """Return the exam's questions q1, q2, ... from their sheets (what exam_sheet gives)."""
    questions = [RecordedQuestion(sheet) for sheet in sheets]
    for number, question in enumerate(questions, 1):
        question.name = f"q{number}"
        ANSWER_NAMES[question.answer_name] = question
    explain_missing_answers()
    return questions

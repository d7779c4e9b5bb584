"""Exercises for 10-swish: its minimum at another beta, the function, its derivative, its slope at 0."""

import ast
import inspect
import textwrap

import numpy as np

import actlearn
from actlearn.exercises.core import Mistake, NumberQuestion, bind, cases, elementwise_cases
from actlearn.exercises.core import ____ as ____  # re-exported: a starter cell holds it
from actlearn.exercises.source_rules import RuledFunctionQuestion

sigmoid = actlearn.sigmoid
GRID = np.array([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0])
# Swish at +-inf is a limit (0 * -inf) that a plain product can't give, so infinities are left out.
# The far tail: below x = -709.78, exp(-x) overflows and x / (1 + exp(-x)) gives 0, silenced or not,
# where swish is x e^x, a tiny number float64 still holds (about -1.5e-310 at x = -720)
TAIL = [*cases([np.array([-710.0, -720.0])]), *cases([np.array([-360.0])], beta=2.0)]
CASES = [
    *elementwise_cases(infinities=False)[:1],
    *cases([GRID], beta=2.0),
    *elementwise_cases(infinities=False)[1:],
    *TAIL,
]
DIGITS = {"float32": (1e-4, 1e-6), "float64": (1e-7, 0.0)}  # relative only: the tail values are tiny


def _flushed_tail(got, x, beta=1.0):
    """Return True if the answer gave 0 where swish is tiny but not 0: exp(-beta x) overflowed."""
    got, x = np.asarray(got, dtype=float), np.asarray(x)
    return bool(np.any((got == 0) & (beta * x < -709.78) & (beta * x > -740)))


def _gate_cancelled(got, x, beta=1.0):
    """Return True if the answer gave 0 where exp(beta x) did not underflow: 1 + tanh(...) cancelled."""
    got, bx = np.asarray(got, dtype=float), beta * np.asarray(x)
    return bool(np.any((got == 0) & (bx < -30) & (bx > -709.78)))


GATE_CANCELLED = (
    "sigmoid(beta x) rounded to 0: 1 + tanh(...) cancels; for negative x compute the gate as "
    "e^(beta x) / (1 + e^(beta x))"
)
RELATIVE = "every value, x = -30 and -50 included, is compared with a relative tolerance"
LIBRARY_GATES = {"sigmoid", "expit", "swish", "silu", "tanh"}

MIN_X, MIN_Y = -1.2784645427610738, -0.2784645427610738  # swish's minimum at beta = 1 (printed in 10)

q1 = NumberQuestion(
    "swish.minimum_at_beta",
    "Derive, without a search: where is the minimum of swish with beta = 2, and what is its value there? "
    "Give (location, value), 3 decimals.",
    hint=[
        "Use the scaling rule above: swish(x; beta) = swish(beta x; 1) / beta. Where does beta x land on "
        "beta = 1's minimum?",
        "The minimum is at beta x = -1.2785, so x = -1.2785 / beta; the value there is "
        "swish(-1.2785; 1) / beta = -0.2785 / beta.",
    ],
    solution="""beta = 2
swish_min = (-1.2785 / beta, -0.2785 / beta)  # (-0.639, -0.139): the whole curve shrinks by 1 / beta""",
    answer_name="swish_min",
    value=(MIN_X / 2, MIN_Y / 2),
    tol=1e-3,
    parts=("location", "value"),
    mistakes=[
        ((MIN_X, MIN_Y), "that is the minimum at beta = 1; with beta = 2 the curve shrinks by 1 / beta"),
        (
            (2 * MIN_X, 2 * MIN_Y),
            "multiplied by beta: swish(x; beta) = swish(beta x; 1) / beta divides by it",
        ),
        ((MIN_X / 2, MIN_Y), "the value shrinks too: swish(x; beta) = swish(beta x; 1) / beta"),
        ((MIN_X, MIN_Y / 2), "the location shrinks too: the minimum sits where beta x = -1.2785"),
        ((MIN_Y / 2, MIN_X / 2), "swapped: give the location first, then the value"),
    ],
    kind="derive",
)

q2 = RuledFunctionQuestion(
    "swish.function",
    "Write my_swish(x, beta=1.0) = x * sigmoid(beta * x), the gate built from np.exp (np.where may pick its "
    "form for each sign), no library sigmoid (not actlearn's sigmoid or swish, scipy's expit or np.tanh), "
    "and no overflow even at x = -1000; it is checked on float32 input (keep float32), at NaN (NaN gives "
    "NaN) and in the far tail, x = -710 and -720, where swish is a tiny number (about -1.5e-310 at "
    f"x = -720), not 0; {RELATIVE}.",
    hint=[
        "beta goes inside the sigmoid: the gate is sigmoid(beta * x), and x multiplies it.",
        "1 / (1 + np.exp(-beta * x)) overflows at x = -1000. Take exp of a non-positive number only: "
        "e = np.exp(-np.abs(beta * x)).",
        "With that e the gate is 1 / (1 + e) where beta x >= 0 and e / (1 + e) where it is negative: "
        "pick with np.where.",
    ],
    solution="""import numpy as np


def my_swish(x, beta=1.0):
    e = np.exp(-np.abs(beta * x))  # exp of a non-positive number never overflows
    return x * np.where(beta * x >= 0, 1 / (1 + e), e / (1 + e))""",
    signature="my_swish(x, beta=1.0)",
    reference=actlearn.swish,
    cases=CASES,
    tolerance=DIGITS,
    mistakes=[
        Mistake(
            "exp(-beta * x) overflowed; take exp of a non-positive number only, np.exp(-np.abs(beta * x)), "
            "and pick the gate's form for each sign with np.where",
            wrong=lambda x, beta=1.0: x / (1 + np.exp(-beta * x)),
        ),
        Mistake(
            "exp(-beta * x) overflowed to inf (silenced or not), so x / inf gave 0 where swish is x e^x, "
            "tiny but not 0; for negative beta x compute the gate as e^(beta x) / (1 + e^(beta x))",
            when=_flushed_tail,
        ),
        Mistake(GATE_CANCELLED, when=_gate_cancelled),
        Mistake("you ignored beta: x * sigmoid(beta * x)", wrong=lambda x, beta=1.0: x * sigmoid(x)),
        Mistake(
            "that is sigmoid(beta * x) alone; swish multiplies it by x",
            wrong=lambda x, beta=1.0: sigmoid(beta * x),
        ),
        Mistake(
            "beta goes inside the sigmoid: x * sigmoid(beta * x), not beta * x * sigmoid(x)",
            wrong=lambda x, beta=1.0: beta * x * sigmoid(x),
        ),
    ],
    must_call=("exp",),
    forbidden=LIBRARY_GATES,
    rule="build the gate yourself from np.exp, as the prompt asks",
)


class OneGateQuestion(RuledFunctionQuestion):
    """A function question whose answer may compute the gate (a sigmoid, expit or tanh call) only once."""

    GATES = {"sigmoid", "expit", "tanh"}  # y may come from swish(x): the prompt allows it

    def problem(self, answer, hidden=False):
        found = super().problem(answer, hidden)
        if found is not None:
            return found
        calls = _calls(answer, self.GATES)
        if calls is not None and calls > 1:
            return f"right values, but your code calls a sigmoid {calls} times: {self.rule}"
        return None


def _calls(fn, names):
    """Return how many calls in fn's code go to one of names (np.tanh counts as tanh), or None."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    except (OSError, TypeError, SyntaxError, IndentationError):
        return None
    called = [node.func for node in ast.walk(tree) if isinstance(node, ast.Call)]
    return sum(getattr(f, "id", None) in names or getattr(f, "attr", None) in names for f in called)


def _product_rule_missing(x, beta=1.0):
    return sigmoid(beta * x)


q3 = OneGateQuestion(
    "swish.grad",
    "Write swish_grad(x, beta=1.0), the derivative of x * sigmoid(beta * x), from s = sigmoid(beta * x) and "
    "y = x * s alone: one sigmoid call, no second sigmoid and no sigmoid_grad (derive it). It is checked on "
    "float32 input (keep float32), at NaN (NaN gives NaN) and in the far tail, x = -710 and -720, where "
    f"the slope is tiny but not 0; {RELATIVE}.",
    hint=[
        "Product rule on x times sigmoid(beta x), then the chain rule inside the sigmoid.",
        "d/dx x s(beta x) = s + x * beta * s'(beta x), and s' = s (1 - s); x * s is y.",
        "With s = actlearn.sigmoid(beta * x) and y = x * s: return s + beta * y * (1 - s).",
    ],
    solution="""import actlearn


def swish_grad(x, beta=1.0):
    s = actlearn.sigmoid(beta * x)
    y = x * s
    return s + beta * y * (1 - s)  # s' = s (1 - s), so x beta s' = beta y (1 - s)""",
    signature="swish_grad(x, beta=1.0)",
    reference=actlearn.swish.grad,
    cases=CASES,
    tolerance=DIGITS,
    mistakes=[
        # first: at the tail, a 0 also sits within the generic atol of other mistakes' tiny values
        Mistake(
            "exp(-beta * x) overflowed to inf (silenced or not), so the sigmoid gave 0 where it is "
            "e^(beta x), tiny but not 0; use a stable sigmoid (actlearn.sigmoid)",
            when=_flushed_tail,
        ),
        Mistake(GATE_CANCELLED, when=_gate_cancelled),
        Mistake(
            "product rule: you kept sigmoid(beta x) but dropped beta x sigmoid(beta x) (1 - sigmoid(beta x))",
            wrong=_product_rule_missing,
        ),
        Mistake(
            "the chain rule puts a factor beta in the second term: beta * x * s * (1 - s)",
            wrong=lambda x, beta=1.0: (s := sigmoid(beta * x)) + x * s * (1 - s),
        ),
        Mistake(
            "exp(-beta * x) overflowed; use a stable sigmoid (actlearn.sigmoid)",
            wrong=lambda x, beta=1.0: (s := 1 / (1 + np.exp(-beta * x))) + beta * x * s * (1 - s),
        ),
        Mistake("that is swish's value, not its slope", wrong=actlearn.swish),
    ],
    forbidden={"sigmoid_grad", "grad"},
    rule="compute the gate s once and build the slope from s and y = x * s (s' = s (1 - s))",
)

q4 = NumberQuestion(
    "swish.slope_at_zero",
    "Predict swish's slope at x = 0 with beta = 5, before running the cell below.",
    hint=[
        "Put x = 0 into swish'(x) = sigmoid(beta x) + beta x sigmoid(beta x) (1 - sigmoid(beta x)).",
        "At x = 0 the second term has the factor x = 0, whatever beta is; the first is sigmoid(0).",
    ],
    solution="""slope = 0.5  # sigmoid(0) + 5 * 0 * ... = 1/2: beta sharpens the gate, not the slope at 0""",
    answer_name="slope",
    value=0.5,
    tol=1e-3,
    mistakes=[
        (2.5, "that is beta / 2: beta multiplies x inside the gate; at x = 0 the term beta x s (1 - s) is 0"),
        (5.0, "beta is not swish's slope: at x = 0 the gate is sigmoid(0) = 1/2 whatever beta is"),
        (1.25, "that is the gate's own slope at 0, beta / 4; swish's slope there is the gate's value, 1/2"),
        (1.0, "1 is ReLU's slope right of 0 (and swish's far right); at x = 0 the gate is only half open"),
        (
            0.25,
            "0.25 is sigmoid's slope at 0; swish'(0) is sigmoid(0) itself, plus a term that is 0 at x = 0",
        ),
        (0.0, "swish(0) = 0 is its value; the question asks for the slope"),
    ],
    kind="predict",
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3, q4

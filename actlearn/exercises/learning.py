"""Exercises for 01-how-a-network-learns: softmax's derivative, a backward pass checked by finite
differences, a learning rate ten times too large, and zero initialisation."""

import copy
import dis

import numpy as np

import actlearn
from actlearn.activations import log_softmax, softmax
from actlearn.exercises.core import (
    Case,
    ChoiceQuestion,
    FunctionQuestion,
    Mistake,
    NotAttempted,
    NumberQuestion,
    bind,
    fmt,
    holds_blank,
)
from actlearn.exercises.core import ____ as ____  # re-exported: a starter cell holds it
from actlearn.gradcheck import THRESHOLD, numerical_gradients, rel_error

PARAMS = ("W1", "b1", "W2", "b2")

# --- the two-layer network of the notebook ------------------------------------------------------------------


def forward(X, params, f):
    """Return the forward pass's values: z1, a1 = f(z1), z2 and the softmax probabilities p."""
    z1 = X @ params["W1"] + params["b1"]
    a1 = f(z1)
    z2 = a1 @ params["W2"] + params["b2"]
    return {"z1": z1, "a1": a1, "z2": z2, "p": softmax(z2)}


def loss(X, Y, params, f):
    """Return the mean cross-entropy of the network on X with one-hot targets Y."""
    z2 = forward(X, params, f)["z2"]
    return -np.mean(np.sum(Y * log_softmax(z2), axis=1))


BACKWARD = """def backward(X, Y, params, cache, f):
    N = len(X)
    dz2 = cache["p"] - Y  # (N, C): softmax with cross-entropy, per example
    dW2 = cache["a1"].T @ dz2 / N  # (H, C), like W2: the 1/N of the mean loss enters here
    db2 = dz2.mean(axis=0)  # (C,): one entry per output unit, averaged over the examples
    da1 = dz2 @ params["W2"].T  # (N, H)
    dz1 = da1 * f.grad(cache["z1"])  # (N, H): the activation's derivative at its input z1
    dW1 = X.T @ dz1 / N  # (D, H), like W1
    db1 = dz1.mean(axis=0)  # (H,)
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}"""


def _backward(
    X, Y, params, cache, f, *, slope="f.grad(z1)", divide=1, axis=0, sign=1, hidden_sign=1, flip=False
):
    """Return the backward pass with one mistake switched on (the defaults give the right one)."""
    N = len(X) ** divide  # divide=0: the 1/N left out; divide=2: applied twice
    dz2 = sign * (cache["p"] - Y)
    weight = lambda a, dz: (dz.T @ a if flip else a.T @ dz) / N  # noqa: E731
    bias = lambda dz: dz.sum(axis=axis) / N  # noqa: E731
    da1 = hidden_sign * dz2 @ params["W2"].T
    z1, a1 = cache["z1"], cache["a1"]
    slopes = {"f.grad(z1)": f.grad(z1), "f.grad(a1)": f.grad(a1), "1 - a1**2": 1 - a1**2}
    dz1 = da1 * slopes[slope] if slope else da1
    return {"W1": weight(X, dz1), "b1": bias(dz1), "W2": weight(cache["a1"], dz2), "b2": bias(dz2)}


def _mistake(**switch):
    """Return a wrong backward function: _backward with the switches given."""
    return lambda X, Y, params, cache, f: _backward(X, Y, params, cache, f, **switch)


F_OF_A = (
    "you took f' at the activation's output, f.grad(a1) (for sigmoid, sigmoid'(sigmoid(z1))); the chain "
    "rule takes it at the input: dz1 = da1 * f.grad(cache['z1'])"
)
NO_DERIVATIVE = (
    "the activation's derivative is left out: dz1 = da1 * f.grad(cache['z1']), not da1, because a1 = f(z1)"
)
TRANSPOSED = (
    "a transposed product: a gradient has its parameter's shape (dW2 like W2, (H, C)), so dW2 = a1.T @ dz2, "
    "dW1 = X.T @ dz1 and da1 = dz2 @ W2.T; write each array's shape beside its line"
)
NO_MEAN = (
    "the 1/N is left out: the loss is the mean over the N examples, so dW2 = a1.T @ dz2 / N and "
    "db2 = dz2.mean(axis=0)"
)
MEAN_TWICE = (
    "the 1/N is applied twice: dz2 = p - Y is per example; divide by N once, in dW and db "
    "(or divide dz2 by N and then only sum)"
)
BIAS_AXIS = (
    "the bias gradient is summed over the wrong axis: db has one entry per unit, the mean over the "
    "examples, dz.mean(axis=0)"
)
TANH_FORM = "you wrote tanh's derivative, 1 - a1**2; f can be any activation: use f.grad(cache['z1'])"
SIGN = "a sign error, so a step would go uphill: dz2 = p - Y (not Y - p); the lines after it only multiply"
HIDDEN_SIGN = (
    "a sign error after da1 (in da1, dz1 or dW1): dW2 and db2 are right, so dz2 = p - Y is; a step would go "
    "uphill"
)
# Names a learner's function may read from notebook 01's cells instead of its own arguments.
NOTEBOOK_NAMES = {"Xb", "Yb", "N", "batch", "dz2", "da1", "dz1", "grads"}


# Small random networks, every size different (N, D, H, C), so a transposed product shows in a shape.
def network_case(activation, N, D, H, C, seed):
    """Return a Case: a random network with hidden activation `activation`, a batch and its forward pass."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((N, D))
    Y = np.eye(C)[rng.integers(0, C, N)]
    params = {
        "W1": rng.standard_normal((D, H)),
        "b1": 0.5 * rng.standard_normal(H),
        "W2": rng.standard_normal((H, C)),
        "b2": 0.5 * rng.standard_normal(C),
    }
    f = actlearn.get(activation)
    sizes = f"N={N} examples, D={D} inputs, H={H} hidden, C={C} classes"
    label = f"a network with {activation} hidden units ({sizes})"
    return Case((X, Y, params, forward(X, params, f), f), label=label)


class BackwardQuestion(FunctionQuestion):
    """Write backward(X, Y, params, cache, f); checked against central finite differences on each case."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, reference=None, elementwise=False, **kwargs)
        self._numeric = {}  # finite differences of each case, computed once

    def numeric(self, case):
        """Return the finite-difference gradients of case's network (float64, eps 1e-6)."""
        kept = self._numeric.get(id(case))
        if kept is None or kept[0] is not case:  # keep the case itself, so a reused id cannot match
            X, Y, params, _, f = copy.deepcopy(case.args)
            kept = self._numeric[id(case)] = case, numerical_gradients(lambda: loss(X, Y, params, f), params)
        return kept[1]

    def _case_problem(self, answer, case):
        args = copy.deepcopy(case.args)  # the learner's copies: ours stay as they are
        outcome = self._run(answer, args, {})  # the grader runs it in the learner's own process
        where = case.label
        if outcome.timed_out:
            return f"took longer than {self.time_limit:g} s at {where}: is there a loop that never ends?"
        if outcome.error is not None:
            text = self._error_problem(outcome.error, where)  # raises NotAttempted if a blank is left
            borrowed = _notebook_names(answer)
            if borrowed:
                return _reads_notebook(borrowed)
            message = str(outcome.error).split("\n")[0]
            if "core dimension" in message or "could not be broadcast" in message:  # shapes that don't fit
                return f"raised {type(outcome.error).__name__} at {where} ({message}): {TRANSPOSED}"
            return text
        grads = outcome.value
        if holds_blank(grads) or (isinstance(grads, dict) and any(holds_blank(g) for g in grads.values())):
            raise NotAttempted
        if not isinstance(grads, dict):
            if grads is None:
                return "returned None (did you forget `return`?)"
            return (
                f"returned {fmt(grads)}; expected a dict of gradients, "
                '{"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}'
            )
        missing = [name for name in PARAMS if name not in grads]
        if missing:
            lacking = ", ".join(missing)
            return f"the dict you returned has no {lacking}: return one for each of {', '.join(PARAMS)}"
        for name in PARAMS:
            if _numbers(grads[name]) is None:
                return f"returned {fmt(grads[name])} for {name}, not an array of numbers"
        numeric = self.numeric(case)
        wrong = [name for name in PARAMS if not _matches(grads[name], numeric[name])]
        if wrong:
            return self._diagnose(answer, grads, wrong, case, numeric)
        changed = _changed(args, case.args)
        if changed:
            return (
                f"changed {changed} in place at {where}: the forward pass's values must stay as they are; "
                "build new arrays (dz2 = p - Y, not p -= Y)"
            )
        return None

    def _diagnose(self, answer, grads, wrong, case, numeric):
        """Return what is wrong: the known mistake that reproduces the learner's numbers, or the numbers."""
        borrowed = _notebook_names(answer)
        if borrowed:
            return _reads_notebook(borrowed)
        right_grads = _backward(*copy.deepcopy(case.args))  # the analytic gradients, to tell mistakes apart
        reproduced = []  # (names, text): the wrong gradients each known mistake gives
        for mistake in self.mistakes:
            theirs = mistake.wrong(*copy.deepcopy(case.args))
            names = [n for n in wrong if _reproduces(grads[n], theirs[n], right_grads[n])]
            if names:
                reproduced.append((names, mistake.message))
        found, explained = [], set()  # the mistake that explains most goes first: Y - p beats a hidden sign
        while True:
            left = [([n for n in names if n not in explained], text) for names, text in reproduced]
            names, text = max(left, key=lambda item: len(item[0]), default=([], ""))
            if not names:
                break
            found.append((names, text))
            explained.update(names)
        for name in wrong:
            if name in explained:
                continue
            got, expected = np.shape(grads[name]), numeric[name].shape
            if got != expected:
                text = f"it has shape {got}, but {name} has shape {expected}: a gradient has its parameter's"
            else:
                error = rel_error(grads[name], numeric[name])
                text = f"it disagrees with finite differences (relative error {error:.2g} > {THRESHOLD:g})"
            found.append(([name], text))
        right = [name for name in PARAMS if name not in wrong]
        head = f"{_names(wrong)} {'is' if len(wrong) == 1 else 'are'} wrong"
        head += f" ({_names(right)} {'is' if len(right) == 1 else 'are'} right)" if right else ""
        if len(found) == 1:
            return f"{head} at {case.label}: {found[0][1]}"
        return f"{head} at {case.label}: " + "; ".join(f"{_names(names)}: {text}" for names, text in found)


def _notebook_names(function):
    """Return the names of NOTEBOOK_NAMES the function reads as globals, sorted (none: an empty list)."""
    code = getattr(function, "__code__", None)  # a callable object has none: it reads nothing we can see
    codes, read = ([code] if code is not None else []), set()
    while codes:  # the function's own code and any inside it (a lambda, a comprehension)
        code = codes.pop()
        codes += [const for const in code.co_consts if hasattr(const, "co_code")]
        # a global read is LOAD_GLOBAL whether or not the name exists here (source run in a fresh process)
        read |= {i.argval for i in dis.get_instructions(code) if i.opname in ("LOAD_GLOBAL", "LOAD_NAME")}
    return sorted(read & NOTEBOOK_NAMES)


def _reads_notebook(names):
    """Return the problem of a function that reads the cells' batch instead of its arguments."""
    return (
        f"your function reads {', '.join(names)} from the cells above (a batch of 8): use only its arguments "
        "X, Y, params, cache, f, and N = len(X)"
    )


def _names(params):
    """Return the gradients' names, like "dW1, db1"."""
    return ", ".join(f"d{name}" for name in params)


def _numbers(value):
    """Return value as a numpy array of numbers, or None if it is not one (text, a ragged list)."""
    try:
        array = np.asarray(value)
    except ValueError:
        return None
    return array if array.dtype.kind in "biuf" else None


def _matches(got, numeric):
    """Return True if got is the gradient numeric within THRESHOLD (CS231n's relative error)."""
    got = np.asarray(got)
    return got.shape == numeric.shape and rel_error(got, numeric) < THRESHOLD


def _reproduces(got, theirs, right):
    """Return True if a mistake's gradient (theirs, unlike the right one) is what the learner got."""
    got, theirs = np.asarray(got), np.asarray(theirs)
    if theirs.shape != right.shape:
        return got.shape == theirs.shape  # a wrong shape is the mistake, whatever the numbers
    if rel_error(theirs, right) < THRESHOLD:
        return False  # this mistake gives the right gradient here: it cannot explain a wrong one
    return got.shape == theirs.shape and rel_error(got, theirs) < THRESHOLD


def _changed(args, originals):
    """Return the name of the first input the learner changed in place, or None."""
    names = ("X", "Y", "params", "cache")
    for name, arg, original in zip(names, args, originals, strict=False):
        if isinstance(original, dict):
            for key in original:
                if key not in arg or not np.array_equal(arg[key], original[key]):
                    return f"{name}[{key!r}]"
        elif not np.array_equal(arg, original):
            return name
    return None


q1 = NumberQuestion(
    "learning.softmax_gradient",
    "Derive dp_1/dz_j, how the true class's probability moves with each logit: softmax output "
    "p = (0.7, 0.2, 0.1), true class 1.",
    hint=[
        "p_1 = e^z_1 / S with S = e^z_0 + e^z_1 + e^z_2. Differentiate by z_j with the quotient rule; "
        "dS/dz_j = e^z_j.",
        "For j = 1 the numerator moves too: dp_1/dz_1 = p_1 - p_1 p_1 = p_1 (1 - p_1). "
        "For j != 1 only S moves: dp_1/dz_j = -p_1 p_j.",
        "So dp_1/dz_j = p_1 (y_j - p_j), with y the one-hot target (0, 1, 0): 0.2 * (-0.7, 0.8, -0.1).",
    ],
    solution=(
        "dp1_dz = (-0.2 * 0.7, 0.2 * (1 - 0.2), -0.2 * 0.1)  # p_1 (y_j - p_j); times dL/dp_1 = -1/p_1 "
        "= -5 it is p - y"
    ),
    answer_name="dp1_dz",
    value=(-0.14, 0.16, -0.02),
    tol=5e-4,
    parts=("dp_1/dz_0", "dp_1/dz_1", "dp_1/dz_2"),
    mistakes=[
        ((0.14, -0.16, 0.02), "the sign is flipped: raising the true class's logit z_1 raises p_1"),
        (
            (0.06, 0.16, 0.18),
            "p_1 (1 - p_j) holds only for j = 1; for another class only the sum S moves, so "
            "dp_1/dz_j = -p_1 p_j",
        ),
        ((0.0, 0.16, 0.0), "the other logits move p_1 too, through the sum S in the denominator: -p_1 p_j"),
        ((-0.7, 0.8, -0.1), "that is y - p: multiply by p_1 = 0.2, since dp_1/dz_j = p_1 (y_j - p_j)"),
        ((0.7, -0.8, 0.1), "that is dL/dz = p - y, one step further; the question asks for dp_1/dz"),
        ((0.21, -0.14, -0.07), "the true class is 1 (counting from 0), not 0"),
    ],
    kind="derive",
)

q2 = BackwardQuestion(
    "learning.backward",
    "Write backward(X, Y, params, cache, f): the gradients of the mean cross-entropy for W1, b1, W2, b2.",
    hint=[
        "Go from the loss back: dz2 = p - Y first, then the output layer's dW2, db2 and da1, then the "
        "hidden layer. Write each array's shape beside its line.",
        "A gradient has its parameter's shape: dW2 = a1.T @ dz2 / N is (H, C) like W2; da1 = dz2 @ W2.T "
        "is (N, H) like a1; biases average over the examples, axis=0.",
        "The hidden layer: dz1 = da1 * f.grad(z1), the derivative at the input z1 (not at a1); then "
        "dW1 = X.T @ dz1 / N and db1 = dz1.mean(axis=0).",
    ],
    solution=BACKWARD,
    signature="backward(X, Y, params, cache, f)",
    cases=[
        network_case("sigmoid", 6, 3, 5, 4, seed=1),
        network_case("tanh", 7, 4, 3, 2, seed=2),
        network_case("relu", 8, 2, 6, 3, seed=3),
        network_case("gelu", 5, 3, 4, 2, seed=4),
        network_case("elu", 9, 2, 5, 3, seed=5),
    ],
    hidden_cases=[
        network_case("swish", 10, 4, 7, 5, seed=6),
        network_case("leaky_relu", 11, 3, 8, 4, seed=7),
        network_case("softplus", 12, 5, 6, 3, seed=8),
    ],
    mistakes=[
        Mistake(F_OF_A, wrong=_mistake(slope="f.grad(a1)")),
        Mistake(NO_DERIVATIVE, wrong=_mistake(slope=None)),
        Mistake(TANH_FORM, wrong=_mistake(slope="1 - a1**2")),
        Mistake(TRANSPOSED, wrong=_mistake(flip=True)),
        Mistake(NO_MEAN, wrong=_mistake(divide=0)),
        Mistake(MEAN_TWICE, wrong=_mistake(divide=2)),
        Mistake(BIAS_AXIS, wrong=_mistake(axis=1)),
        Mistake(HIDDEN_SIGN, wrong=_mistake(hidden_sign=-1)),  # before SIGN: a tie goes to the first
        Mistake(SIGN, wrong=_mistake(sign=-1)),
    ],
    kind="code",
)

q3 = ChoiceQuestion(
    "learning.ten_times_lr",
    "Predict: gradient descent on L(w) = (w - 3)^2 from w = 0 with lr = 1.0, ten times the good 0.1. "
    "Where is w after 20 steps?",
    hint=[
        "Write one step out: w_new = w - lr * 2 (w - 3). Start from w = 0 with lr = 1.0.",
        "w_new - 3 = (1 - 2 lr) (w - 3): each step multiplies the distance to the minimum by 1 - 2 lr. "
        "What is that factor at lr = 1.0?",
    ],
    solution='where = "b"  # the distance to 3 is multiplied by 1 - 2 lr = -1: 0, 6, 0, 6, ...',
    answer_name="where",
    options={
        "a": (
            "at 3: the steps are ten times larger, so it gets there sooner",
            "a step is lr * 2 (w - 3) = 2 (w - 3) here, twice the distance to 3: it jumps past 3 to the "
            "mirror point, 6",
        ),
        "b": ("bouncing between 0 and 6 forever", "right"),
        "c": (
            "far away, farther with every step",
            "that needs lr above 1: each step multiplies the distance to 3 by 1 - 2 lr, which is exactly -1 "
            "here, so the distance stays 3",
        ),
        "d": (
            "near 3, after overshooting it a few times",
            "overshoots die out only while |1 - 2 lr| < 1 (lr between 0.5 and 1); at lr = 1 the factor "
            "is -1, so they never shrink",
        ),
    },
    right="b",
    kind="predict",
)

q4 = NumberQuestion(
    "learning.zero_init_tanh",
    "Predict: the network [2, 8, 3] with tanh hidden units, trained 100 SGD steps from all-zero weights. "
    "How many entries of W1 and W2 are not zero at the end?",
    hint=[
        "Start with the forward pass: z1 = X @ 0 + 0 = 0. What is a1 = tanh(z1)?",
        "a1 = tanh(0) = 0. Then dW2 = a1.T @ dz2 / N and da1 = dz2 @ W2.T: what are they while W2 = 0?",
        "Both are 0, so dz1 = da1 * f'(z1) = 0 and dW1 = 0 too: nothing moves but the output bias b2.",
    ],
    solution="nonzero = 0  # a1 = tanh(0) = 0, so dW2 = 0; W2 = 0, so da1 = 0 and dW1 = 0: only b2 learns",
    answer_name="nonzero",
    value=0,
    tol=0,
    mistakes=[
        (
            40,
            "every weight gets the same gradient, and here it is 0: tanh(0) = 0 makes a1 = 0, so "
            "dW2 = a1.T @ dz2 = 0, and W2 = 0 makes da1 = dz2 @ W2.T = 0",
        ),
        (24, "W2 cannot move either: its gradient a1.T @ dz2 is 0 because a1 = tanh(0) = 0"),
        (16, "W1 cannot move either: dz1 = da1 * f'(z1), and da1 = dz2 @ W2.T is 0 while W2 = 0"),
        (8, "no hidden unit moves: with W2 = 0 and a1 = 0 both layers' weight gradients are 0"),
    ],
    kind="predict",
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3, q4

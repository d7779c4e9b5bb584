"""The facts each activation states about itself, checked against the function itself.

Ranges, key points, monotonic, smooth, zero_centred and the parameters' slider ranges: every claim is
measured here (extremes found with scipy.optimize, not copied from the code).
"""

import numpy as np
import pytest
from activations_cases import ELEMENTWISE
from scipy import optimize

import actlearn
from actlearn.activations import Interval, Values

# Dense near 0, where every kink and extreme lies, and out into the tails; plus the limits at +-inf.
X = np.unique(np.concatenate([np.linspace(-8, 8, 160_001), np.geomspace(8, 1e300, 2000), [np.inf]]))
X = np.concatenate([X, [3 - 1e-12, 6 - 1e-12]])  # just inside kinks, where hardswish' nears its open ends
X = np.unique(np.concatenate([-X, X]))
ids = [act.name for act in ELEMENTWISE]


# A floating-point warning anywhere in these tests is an error (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("strict_floats")


def extreme(fn, lo, hi, kind):
    """Return (x, fn(x)) at the minimum or maximum of fn on [lo, hi], found by scipy.optimize."""
    sign = 1 if kind == "min" else -1
    found = optimize.minimize_scalar(lambda t: sign * float(fn(t)), bounds=(lo, hi), method="bounded",
                                     options={"xatol": 1e-10})  # fmt: skip
    return found.x, fn(found.x)


def check_range(stated, values, name):
    """Check that values lie in the stated range and that its ends are their infimum and supremum."""
    if isinstance(stated, Values):
        assert set(np.unique(values)) == set(stated.values), f"{name}: {np.unique(values)} vs {stated}"
        return
    # Allow a few roundings of the stated end (it is the true extreme rounded to float64).
    ends = np.array([stated.low, stated.high])
    slack = np.where(np.isfinite(ends), 4 * np.spacing(np.abs(ends)), 0)
    assert values.min() >= stated.low - slack[0], f"{name}: {values.min()} below {stated}"
    assert values.max() <= stated.high + slack[1], f"{name}: {values.max()} above {stated}"
    # Reached to within the grid's resolution (the exact extremes are checked with scipy.optimize below).
    assert values.min() == pytest.approx(stated.low, abs=1e-9), f"{name}: {stated.low} not reached"
    assert values.max() == pytest.approx(stated.high, abs=1e-9), f"{name}: {stated.high} not reached"


@pytest.mark.parametrize("act", ELEMENTWISE, ids=ids)
def test_output_range_is_true_and_tight(act):
    check_range(act.output_range, act(X), f"{act.name} output")


@pytest.mark.parametrize("act", ELEMENTWISE, ids=ids)
def test_derivative_range_is_true_and_tight(act):
    check_range(act.derivative_range, act.grad(X), f"{act.name} derivative")


@pytest.mark.parametrize("act", ELEMENTWISE, ids=ids)
def test_open_ends_are_never_reached_and_closed_ones_are(act):
    # An open end is only a limit: for |x| <= 15, where no result rounds onto it, it is never attained.
    # A closed end is attained (to within the grid's resolution).
    moderate = X[np.abs(X) <= 15]
    for stated, values in ((act.output_range, act(moderate)), (act.derivative_range, act.grad(moderate))):
        if isinstance(stated, Interval):
            for end, closed in zip((stated.low, stated.high), stated.closed, strict=True):
                if closed:
                    assert np.isclose(values, end, rtol=0, atol=1e-9).any(), f"{act.name}: {end} of {stated}"
                else:
                    assert not (values == end).any(), f"{act.name}: {end} of {stated} is reached"
                assert (end in stated) == closed


@pytest.mark.parametrize("name", ["swish", "gelu"])
def test_minimum_and_derivative_extremes_are_found_numerically(name):
    act = actlearn.get(name)
    # The minimum of f is where f' = 0: brentq finds that root to the last bit.
    x_min = optimize.brentq(act.grad, -3, -0.1, xtol=1e-15)
    y_min = act(x_min)
    key_x, key_y = act.key_points["minimum"]
    assert key_x == pytest.approx(x_min, abs=1e-12)
    assert key_y == pytest.approx(y_min, abs=1e-15)
    assert act.output_range.low == pytest.approx(y_min, abs=1e-15)
    assert act.output_range.closed[0] and y_min >= act.output_range.low - 1e-16
    _, grad_min = extreme(act.grad, -5, 0, "min")
    _, grad_max = extreme(act.grad, 0, 5, "max")
    assert act.derivative_range.low == pytest.approx(grad_min, abs=1e-14)
    assert act.derivative_range.high == pytest.approx(grad_max, abs=1e-14)


def test_gelu_minimum_is_where_the_course_says():
    x_min = optimize.brentq(actlearn.gelu.grad, -3, -0.1, xtol=1e-15)
    assert x_min == pytest.approx(-0.752, abs=5e-4)
    assert actlearn.gelu(x_min) == pytest.approx(-0.170, abs=5e-4)


@pytest.mark.parametrize("act", ELEMENTWISE, ids=ids)
def test_key_points_lie_on_the_curve_and_are_what_they_say(act):
    grid = X[np.abs(X) <= 8]
    for label, (x, y) in act.key_points.items():
        assert act(x) == pytest.approx(y, abs=1e-15), f"{act.name} {label}"
        if label == "steepest point":
            assert act.grad(x) == act.grad(grid).max()
        elif label.startswith("kink"):
            assert act.grad(x - 1e-9) != act.grad(x + 1e-9)
        elif label == "minimum":
            assert act(x) <= act(grid).min() + 1e-16 and abs(act.grad(x)) < 1e-14
        elif label == "saturates at":
            assert x == -np.inf and act(-1e3) == y
        else:
            pytest.fail(f"{act.name}: no check for a key point labelled {label!r}")


@pytest.mark.parametrize("act", ELEMENTWISE, ids=ids)
def test_monotonic_is_true(act):
    values, grads = act(X), act.grad(X)
    if act.monotonic:
        assert (np.diff(values) >= 0).all() and (grads >= 0).all()
    else:
        assert (np.diff(values) < -1e-3 * np.diff(X)).any()


@pytest.mark.parametrize("act", ELEMENTWISE, ids=ids)
def test_smooth_is_true(act):
    # Smooth (C-infinity) functions have a derivative whose second differences shrink like h^2; a kink
    # (ReLU: f' jumps) or a kink of f' (ELU, alpha = 1: f'' jumps at 0) leaves a difference of order h or 1.
    h = 1e-3
    x = np.arange(-6, 6, h) + h / 3  # so no sample falls on a kink
    g = act.grad(x)
    second_difference = np.abs(g[2:] - 2 * g[1:-1] + g[:-2]).max()
    assert (second_difference < 10 * h**2) == act.smooth, f"{act.name}: {second_difference:.2g}"


@pytest.mark.parametrize("act", ELEMENTWISE, ids=ids)
def test_zero_centred_means_odd_symmetric(act):
    # The docstring of Activation.zero_centred defines it as f(-x) = -f(x).
    x = X[np.isfinite(X)]
    odd = np.allclose(act(-x), -act(x), rtol=1e-15, atol=0)
    assert odd == act.zero_centred, act.name


def test_softmax_facts():
    rng = np.random.default_rng(0)
    logits = rng.normal(scale=5, size=(2000, 4))
    s = actlearn.softmax(logits)
    assert ((s > 0) & (s < 1)).all() and 0 not in actlearn.softmax.output_range
    jacobians = np.array([actlearn.softmax.jacobian(row) for row in logits[:200]])
    assert jacobians.min() >= -0.25 and jacobians.max() <= 0.25
    np.testing.assert_allclose(actlearn.softmax.jacobian([3.0, 3.0]), [[0.25, -0.25], [-0.25, 0.25]])
    assert actlearn.softmax.derivative_range.closed == (True, True)
    # monotonic: each probability rises with its own logit (the Jacobian's diagonal is >= 0)
    assert (np.diagonal(jacobians, axis1=1, axis2=2) >= 0).all() and actlearn.softmax.monotonic


@pytest.mark.parametrize("act", list(actlearn.ACTIVATIONS.values()) + [actlearn.silu], ids=lambda a: a.name)
def test_every_default_lies_in_its_slider_range(act):
    for name, param in act.params.items():
        if param.choices is not None:
            assert param.default in param.choices, f"{act.name}.{name}"
        else:
            assert param.low <= param.default <= param.high, f"{act.name}.{name}"
            assert param.low < param.high
        assert param.doc, f"{act.name}.{name} has no doc"
    assert act.formula and act.source and act.summary


def test_range_objects_print_and_test_membership():
    assert str(actlearn.gelu.output_range) == "[-0.17, inf)"
    assert str(actlearn.relu.derivative_range) == "{0, 1}"
    assert 0.5 in actlearn.sigmoid.output_range and 1.0 not in actlearn.sigmoid.output_range
    assert 0.25 in actlearn.sigmoid.derivative_range and 1.0 in actlearn.relu.derivative_range

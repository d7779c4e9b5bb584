"""Parameters with a domain, activations with parameters fixed, declared parameter derivatives, and what
a learner reads: ?? on a derivative, the card's calls, the Examples in each docstring."""

import dataclasses
import doctest
import inspect
import re

import numpy as np
import pytest

import actlearn
from actlearn import activations, checks

# A floating-point warning anywhere in these tests is an error (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("strict_floats")

EVERY = [*actlearn.ACTIVATIONS.values(), actlearn.silu]


# --- a parameter's domain is enforced on every call ----------------------------------------------------


@pytest.mark.parametrize("beta, shown", [(-1, "-1"), (0, "0"), (-0.5, "-0.5")])
def test_softplus_refuses_a_beta_that_is_not_positive(beta, shown):
    # log(1 + e^(beta x)) / beta divides by 0 at beta = 0; for beta < 0 it is a smooth min(x, 0), not softplus
    # (today's code returned 0.687 for softplus(1, beta=-1), whose formula gives log(1 + e^-1) / -1 = -0.313).
    message = f"softplus: beta must be > 0; got {shown}"
    for call in (actlearn.softplus, actlearn.softplus.grad):
        with pytest.raises(ValueError, match=re.escape(message)):
            call(1.0, beta=beta)
    with pytest.raises(ValueError, match=re.escape(message)):
        actlearn.softplus.with_params(beta=beta)
    assert "beta must be > 0" in actlearn.softplus.card()


def test_softplus_takes_any_positive_beta():
    x = np.array([-3.0, 0.0, 2.0])
    for beta in (1e-3, 0.5, 40.0):
        np.testing.assert_allclose(
            actlearn.softplus(x, beta=beta), np.log1p(np.exp(beta * x)) / beta, rtol=1e-14
        )


def test_elu_refuses_a_negative_alpha_and_is_relu_at_zero():
    with pytest.raises(ValueError, match=re.escape("elu: alpha must be >= 0; got -0.5")):
        actlearn.elu(1.0, alpha=-0.5)
    x = np.array([-np.inf, -2.0, 0.0, 3.0])
    np.testing.assert_array_equal(actlearn.elu(x, alpha=0.0), [0, 0, 0, 3])  # alpha (e^x - 1) with alpha = 0


def test_swish_takes_a_negative_beta_exactly():
    # x sigmoid(beta x) for beta = -2, written out: x / (1 + e^(2x)); x = -800 needs the stable sigmoid.
    x = np.array([-800.0, -1.0, 0.5, 3.0])
    expected = [-800.0, -1 / (1 + np.exp(-2.0)), 0.5 / (1 + np.exp(1.0)), 3 / (1 + np.exp(6.0))]
    np.testing.assert_allclose(actlearn.swish(x, beta=-2.0), expected, rtol=1e-15)


def test_a_slope_per_unit_is_checked_entry_by_entry():
    with pytest.raises(ValueError, match="alpha must be finite; got nan"):
        actlearn.prelu(np.ones((2, 2)), alpha=np.array([0.1, np.nan]))


@pytest.mark.parametrize("act", EVERY, ids=lambda a: a.name)
def test_every_default_and_slider_end_lies_in_its_domain(act):
    for name, param in act.params.items():
        if param.choices is None:
            for value in (param.default, param.low, param.high):
                assert value in param.domain, f"{act.name}.{name} = {value} outside {param.domain}"


def test_interval_reads_as_a_condition():
    assert activations.Interval(0.0, np.inf).condition() == "> 0"
    assert activations.Interval(0.0, np.inf, (True, False)).condition() == ">= 0"
    assert activations.Interval(-np.inf, 1.0, (False, True)).condition() == "<= 1"
    assert activations.Interval(0.0, 1.0, (True, False)).condition() == "in [0, 1)"


# --- with_params: an activation with some parameters fixed ----------------------------------------------


def test_with_params_fixes_a_parameter_and_keeps_the_facts():
    bound = actlearn.leaky_relu.with_params(alpha=0.3)
    x = np.array([-2.0, -0.5, 0.0, 1.5, np.nan])
    np.testing.assert_array_equal(bound(x), np.where(x > 0, x, 0.3 * x))  # Maas et al.'s formula, alpha 0.3
    np.testing.assert_array_equal(bound.grad(x), [0.3, 0.3, 0.3, 1.0, np.nan])
    assert bound.name == "leaky_relu(alpha=0.3)" and repr(bound) == "<activation leaky_relu(alpha=0.3)>"
    assert bound.fixed == {"alpha": 0.3} and bound.params == {} and bound.family == "leaky_relu"
    for fact in ("formula", "output_range", "derivative_range", "monotonic", "init", "relu_like", "source"):
        assert getattr(bound, fact) == getattr(actlearn.leaky_relu, fact), fact
    assert actlearn.get(bound) is bound
    assert "Fixed: alpha = 0.3" in bound.card()
    assert "f = leaky_relu.with_params(alpha=0.3); f(x), f.grad(x)" in bound.card()
    assert actlearn.leaky_relu(-1.0) == -0.01  # the original is left alone


def test_with_params_names_what_it_refuses():
    with pytest.raises(TypeError, match="unknown parameter.*beta.*it takes: alpha"):
        actlearn.leaky_relu.with_params(beta=1.0)
    with pytest.raises(TypeError, match="it takes: no parameters"):
        actlearn.relu.with_params(alpha=0.1)
    with pytest.raises(ValueError, match="'fast' is not one of 'none', 'tanh'"):
        actlearn.gelu.with_params(approximate="fast")
    with pytest.raises(TypeError, match=r"leaky_relu\(alpha=0.3\) has alpha fixed"):
        actlearn.leaky_relu.with_params(alpha=0.3)(1.0, alpha=0.5)
    with pytest.raises(TypeError, match="softmax has no parameters to fix"):
        actlearn.softmax.with_params(axis=0)
    assert actlearn.sigmoid.with_params() is actlearn.sigmoid


def test_with_params_works_for_choices_and_per_unit_values():
    x = np.array([[-3.0, -1.0], [0.5, 2.0]])
    tanh_gelu = actlearn.gelu.with_params(approximate="tanh")
    assert tanh_gelu.name == "gelu(approximate='tanh')"
    np.testing.assert_array_equal(tanh_gelu(x), actlearn.gelu(x, approximate="tanh"))
    slopes = actlearn.prelu.with_params(alpha=np.array([0.1, 0.5]))
    assert slopes.name == "prelu(alpha=[0.1, 0.5])"
    np.testing.assert_array_equal(slopes(x), [[0.1 * -3.0, 0.5 * -1.0], [0.5, 2.0]])


def test_a_fixed_slope_is_not_learned():
    # A network learns a parameter it has a derivative for: a fixed PReLU slope has none.
    assert hasattr(actlearn.prelu, "grad_alpha")
    fixed = actlearn.prelu.with_params(alpha=0.1)
    assert not hasattr(fixed, "grad_alpha") and fixed.param_grads == {}


# --- parameter derivatives are declared ----------------------------------------------------------------


def test_param_grads_give_each_activation_its_grad_methods():
    assert [name for name, act in actlearn.ACTIVATIONS.items() if act.param_grads] == ["prelu"]
    assert actlearn.prelu.param_grads == {"alpha": activations.prelu_grad_alpha}
    # Declared on a new activation, the field alone makes grad_alpha: d (alpha x) / d alpha = x for x <= 0.
    learned = dataclasses.replace(
        actlearn.leaky_relu, name="learned_leaky", param_grads={"alpha": lambda x, alpha: np.minimum(x, 0)}
    )
    np.testing.assert_array_equal(learned.grad_alpha([-2.0, 3.0], alpha=0.2), [-2.0, 0.0])
    assert not hasattr(actlearn.leaky_relu, "grad_alpha")
    with pytest.raises(ValueError, match="param_grads names 'beta'"):
        dataclasses.replace(actlearn.leaky_relu, param_grads={"beta": lambda x, alpha: x})


# --- what a learner reads ------------------------------------------------------------------------------


@pytest.mark.parametrize("act", EVERY, ids=lambda a: a.name)
def test_question_marks_on_grad_show_the_plain_derivative(act):
    from IPython.core import oinspect

    assert oinspect.getsource(act.grad) == inspect.getsource(act.derivative)  # what act.grad?? prints
    assert oinspect.getdoc(act.grad) == inspect.getdoc(act.derivative)  # what act.grad? prints
    assert str(inspect.signature(act.grad)) == str(inspect.signature(act.derivative))
    for name, function in act.param_grads.items():
        assert oinspect.getsource(getattr(act, f"grad_{name}")) == inspect.getsource(function)


@pytest.mark.parametrize("act", EVERY, ids=lambda a: a.name)
def test_every_call_the_card_shows_runs(act):
    (use,) = [line for line in act.card().splitlines() if line.startswith("Use: ")]
    calls = re.findall(rf"\b{act.name}(?:\.\w+)?\([^()]*\)", use)
    assert calls and f"{act.name}.grad(" in use, use
    x, upstream = np.array([-1.0, 0.5, 2.0]), np.array([0.2, -0.1, 0.3])
    for call in calls:
        out = eval(call, {act.name: act, "x": x, "upstream": upstream})  # noqa: S307 (our own card)
        assert np.shape(out) in ((3,), (3, 3)), call


def test_every_plain_function_shows_examples_that_hold():
    for act in EVERY:
        assert "Examples\n    --------\n    >>> " in act.forward.__doc__, f"{act.name} has no Examples"
    # The same run as `pytest --doctest-modules actlearn/activations.py`, kept in the unit layer.
    result = doctest.testmod(activations)
    assert result.failed == 0 and result.attempted >= 2 * len(EVERY)


@pytest.mark.parametrize(
    "act, params",
    [(actlearn.sigmoid, {}), (actlearn.swish, {"beta": 2.0}), (actlearn.gelu, {"approximate": "tanh"})],
    ids=["sigmoid", "swish", "gelu_tanh"],
)
def test_a_sigmoid_takes_one_exponential(act, params, monkeypatch):
    # e = e^-|x| serves both signs; the two-exponential form e^min(x, 0) / (1 + e^-|x|) paid for two
    exps, real_exp = [], np.exp
    monkeypatch.setattr(np, "exp", lambda x, *args: exps.append(x) or real_exp(x, *args))
    act(np.linspace(-5, 5, 11), **params)
    assert len(exps) == 1


def test_lookup_and_validators_live_in_checks_and_are_still_found_where_they_were():
    for name in ("lookup", "UnknownNameError", "as_float_array"):
        assert getattr(activations, name) is getattr(checks, name)
    assert checks.finite_number("beta", np.float32(2)) == 2.0
    with pytest.raises(TypeError, match="beta must be a real number; got True"):
        checks.finite_number("beta", True)

"""Adding an activation is one edit: a new Activation in the registry reaches every part of the course.

Softsign, x / (1 + |x|), is built here from the public objects and registered for each test only. Every
expected value below comes from its formula, written out again, not from the code under test.
"""

import dataclasses

import numpy as np
import pytest
from figure_helpers import line

import actlearn
from actlearn import diagnostics, experiments, network, plotting
from actlearn.__main__ import table
from actlearn.activations import Interval

SOFTSIGN = actlearn.Activation(
    name="softsign",
    forward=lambda x: x / (1 + np.abs(x)),
    derivative=lambda x: 1 / (1 + np.abs(x)) ** 2,
    formula=r"\mathrm{softsign}(x) = \frac{x}{1 + |x|}",
    output_range=Interval(-1.0, 1.0),
    derivative_range=Interval(0.0, 1.0, (False, True)),
    zero_centred=True,
    monotonic=True,
    smooth=False,  # |x| has a kink at 0: the second derivative jumps there
    source="Bergstra et al., Quadratic polynomials learn better image features, 2009",
    summary="a tanh-like squashing with polynomial, not exponential, tails",
    plain_formula="x / (1 + |x|)",
    init="xavier",
    saturated=lambda z, a: np.abs(a) > 0.9,
    saturation_rule="|a| > 0.9 (slope below 0.01)",
)


def softsign(x):
    return x / (1 + np.abs(x))


@pytest.fixture(autouse=True)
def registered(monkeypatch):
    monkeypatch.setitem(actlearn.ACTIVATIONS, "softsign", SOFTSIGN)


def test_get_finds_it_by_name():
    assert actlearn.get("softsign") is SOFTSIGN
    assert actlearn.get(" SoftSign ") is SOFTSIGN
    x = np.array([-3.0, 0.0, 1.0])
    assert np.allclose(actlearn.get("softsign")(x), [-0.75, 0.0, 0.5])
    assert np.allclose(actlearn.get("softsign").grad(x), [1 / 16, 1.0, 0.25])


def test_the_cli_table_has_its_row():
    (row,) = [ln for ln in table().splitlines() if ln.startswith("softsign ")]
    assert "x / (1 + |x|)" in row and "(-1, 1)" in row and "(0, 1]" in row and "Bergstra" in row


def test_plot_activation_draws_it_and_its_derivative():
    ax = plotting.plot_activation("softsign").axes[0]
    x = line(ax, "softsign(x)").get_xdata()
    assert np.allclose(line(ax, "softsign(x)").get_ydata(), softsign(x))
    assert np.allclose(line(ax, "derivative f'(x)").get_ydata(), 1 / (1 + np.abs(x)) ** 2)


def test_the_cheatsheet_has_its_panel_with_its_facts():
    fig = plotting.plot_cheatsheet()
    (ax,) = [ax for ax in fig.axes if ax.get_visible() and ax.get_title().startswith("softsign")]
    facts = " ".join(t.get_text() for t in ax.texts)
    assert "range (-1, 1)" in facts and "f' range (0, 1]" in facts


def test_diagnostics_use_its_saturation_test_and_its_relu_like_flag():
    rng = np.random.default_rng(0)
    X, y = rng.standard_normal((200, 2)), rng.integers(0, 2, 200)
    model = network.MLP([2, 1, 2], activation="softsign", seed=0)
    model.params["W1"][:] = [[10.0], [0.0]]  # z = 10 x0; |softsign(z)| > 0.9 exactly where |z| > 9
    (stats,) = diagnostics.layer_stats(model, X, y)
    assert stats.activation == "softsign"
    assert stats.saturated_fraction == pytest.approx(np.mean(np.abs(10 * X[:, 0]) > 9))
    assert 0 < stats.saturated_fraction < 1

    model.params["b1"][:] = -100.0  # z < 0 for every input: dead only for a ReLU-like activation
    assert diagnostics.layer_stats(model, X, y)[0].dead_fraction == 0
    relu_like = dataclasses.replace(SOFTSIGN, name="relu_like_softsign", relu_like=True)
    model.activations = [relu_like]
    assert diagnostics.layer_stats(model, X, y)[0].dead_fraction == 1


def test_gradient_flow_runs_it_through_a_deep_network():
    flow = experiments.gradient_flow("softsign", depth=4, width=8, init="xavier", n_samples=50)
    assert flow.activation == "softsign"
    # The same network by hand: the same weights, softsign written out, the same inputs.
    model = network.MLP([8] * 5 + [10], activation="softsign", init="xavier", seed=0)
    a = np.random.default_rng(0).standard_normal((50, 8))
    for i, std in enumerate(flow.activation_std, start=1):
        z = a @ model.params[f"W{i}"] + model.params[f"b{i}"]
        a = softsign(z)
        assert std == pytest.approx(a.std())
        assert flow.saturated_fraction[i - 1] == pytest.approx(np.mean(np.abs(a) > 0.9))
    assert np.all(flow.dead_fraction == 0) and np.all(flow.grad_norm > 0)


def test_train_uses_it_and_its_usual_init():
    run = experiments.train("xor", "softsign", depth=1, width=16, lr=0.05, epochs=200)
    assert run.model.activations[0] is SOFTSIGN and run.model.init == "xavier"
    assert run.final_test_acc >= 0.95  # XOR needs a bend, and softsign bends
    assert np.all(run.history["dead_fraction"] == 0)


def test_a_hidden_layer_may_use_it_but_dying_relu_refuses_it():
    assert "softsign" in network.hidden_activations()
    with pytest.raises(
        ValueError, match=r"ReLU family \(relu, leaky_relu, prelu, elu, selu, relu6\); got 'softsign'"
    ):
        experiments.dying_relu(activations=("softsign",))


def test_the_widgets_offer_it():
    from actlearn import widgets

    w = widgets.gradient_flow_explorer("softsign", depth=3, width=8)
    assert "softsign" in w.controls["activation"].options
    assert w.fig.axes[0].get_title() == "gradient norm per layer: softsign, xavier init"

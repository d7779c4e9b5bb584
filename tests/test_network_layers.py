"""Tests of the MLP's layers beyond dense ones: GLU blocks, batch and layer norm, residual connections."""

import inspect

import numpy as np
import pytest
from scipy.special import expit, ndtr

from actlearn.activations import UnknownNameError
from actlearn.gradcheck import numerical_gradient
from actlearn.network import (
    GLU,
    GLU_BLOCKS,
    MLP,
    Activation,
    BatchNorm,
    Dense,
    LayerNorm,
    PReLU,
    Residual,
    Sequential,
    glu_hidden_width,
    gradient_check,
)

rng = np.random.default_rng(15)
X = rng.standard_normal((9, 4))
Y = rng.integers(0, 3, 9)

# Each gate written from its formula (Shazeer 2020), not from actlearn's activations.
GATES = {
    "glu": expit,
    "geglu": lambda x: x * ndtr(x),
    "swiglu": lambda x: x * expit(x),
    "reglu": lambda x: np.maximum(x, 0),
}


# --- GLU family ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("block", list(GLU_BLOCKS))
def test_glu_block_computes_gate_times_value(block):
    model = MLP([4, 6, 2], block=block, output="linear", seed=1)
    p = model.params
    x_w, x_v = X @ p["W1"] + p["b1"], X @ p["V1"] + p["c1"]
    expected = (GATES[block](x_w) * x_v) @ p["W2"] + p["b2"]
    assert np.allclose(model.forward(X).output, expected, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("block", list(GLU_BLOCKS))
def test_glu_backprop_matches_finite_differences(block):
    model = MLP([4, 6, 5, 3], block=block, init="xavier", seed=2)
    assert gradient_check(model, X, Y) < (1e-5 if block == "reglu" else 1e-6)  # ReLU's kink costs digits


def test_swiglu_feed_forward_block_passes_the_gradient_check_with_a_skip():
    model = MLP([4, 8, 8, 4], block="swiglu", output="linear", residual=[False, True], seed=3)
    assert gradient_check(model, X, rng.standard_normal((9, 4))) < 1e-6


def test_glu_hidden_width_matches_a_dense_gelu_block_in_parameter_count():
    for d in (8, 30, 64, 96):
        gelu = MLP([d, 4 * d, d], activation="gelu", output="linear")
        swiglu = MLP([d, glu_hidden_width(d), d], block="swiglu", output="linear")
        # weights 2 * 4 d * d against 3 * h * d; the rounding of h and the biases leave a small gap
        assert abs(swiglu.num_params - gelu.num_params) / gelu.num_params < 0.02
    assert glu_hidden_width(3 * 64) == 512  # 2/3 of 4 * 192


def test_glu_block_fixes_its_gate_and_names_the_conflict():
    gates = [MLP([4, 6, 2], block=block).activations[0].name for block in GLU_BLOCKS]
    assert gates == ["sigmoid", "gelu", "silu", "relu"]
    with pytest.raises(ValueError, match=r"fixes its gate's activation \(silu\).*geglu \(gelu\)"):
        MLP([4, 6, 2], block="swiglu", activation="gelu")
    with pytest.raises(ValueError, match="not a GLU block's"):
        MLP([4, 6, 2], block="glu", norm="layer")
    with pytest.raises(UnknownNameError, match="swiglu"):
        MLP([4, 6, 2], block="swishglu")


# --- batch and layer normalisation ------------------------------------------------------------------------


@pytest.mark.parametrize("norm", ["batch", "layer"])
@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "prelu", "gelu"])
def test_normalised_backprop_matches_finite_differences(norm, activation):
    model = MLP([4, 6, 5, 3], activation=activation, norm=norm, init="xavier", seed=4)
    model.params["gamma1"] = rng.uniform(0.5, 1.5, 6)  # away from 1 and 0, so their roles show
    model.params["beta2"] = rng.uniform(-0.5, 0.5, 5)
    assert gradient_check(model, X, Y, training=True) < 1e-6  # the batch's statistics
    assert gradient_check(model, X, Y) < 1e-6  # evaluation: batch norm's running statistics


@pytest.mark.parametrize("norm", [None, "batch", "layer"])
@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_residual_backprop_matches_finite_differences(norm, activation):
    model = MLP([4, 5, 5, 5, 3], activation=activation, norm=norm, residual=True, init="xavier", seed=5)
    assert model.skips == [False, True, True]
    for key in [k for k in model.params if k.startswith(("b", "beta"))]:
        # an input row that ReLU zeroes entirely leaves z = b exactly: keep b off ReLU's kink at 0
        model.params[key] = rng.uniform(0.05, 0.2, model.params[key].shape)
    assert gradient_check(model, X, Y, training=True) < 1e-6


def test_a_linear_output_with_norm_and_residual_passes_the_gradient_check():
    model = MLP([4, 6, 6, 2], activation="tanh", norm="layer", residual=True, output="linear", seed=6)
    assert gradient_check(model, X, rng.standard_normal((9, 2))) < 1e-6


def test_batch_norm_drops_the_bias_it_would_cancel():
    model = MLP([4, 6, 5, 3], norm="batch")
    assert "b1" not in model.params and "b2" not in model.params and "b3" in model.params
    assert {"gamma1", "beta1", "gamma2", "beta2"} <= set(model.params)
    assert "b1" in MLP([4, 6, 5, 3], norm="layer").params  # a per-row mean does not cancel a per-unit bias


@pytest.mark.parametrize(("norm", "axis"), [("batch", 0), ("layer", 1)])
def test_normalised_pre_activation_has_mean_0_and_variance_1_along_its_axis(norm, axis):
    model = MLP([4, 6, 3], activation="tanh", norm=norm, init="normal", seed=7)
    u = X @ model.params["W1"] + model.params.get("b1", 0)
    z = model.forward(X, training=True).z[1]
    assert np.allclose(z.mean(axis=axis), 0, atol=1e-12)
    assert np.allclose(z.var(axis=axis), u.var(axis=axis) / (u.var(axis=axis) + 1e-5), atol=1e-12)


def test_batch_norm_keeps_running_statistics_with_momentum():
    model = MLP([4, 6, 3], norm="batch", seed=8, bn_momentum=0.1)
    u = X @ model.params["W1"]
    model.forward(X, training=True)
    assert np.allclose(model.running["mean1"], 0.1 * u.mean(axis=0))
    assert np.allclose(model.running["var1"], 0.9 + 0.1 * u.var(axis=0, ddof=1))  # unbiased, as PyTorch
    for _ in range(300):  # the same batch again and again: the running statistics converge to its own
        model.forward(X, training=True)
    assert np.allclose(model.running["mean1"], u.mean(axis=0))
    assert np.allclose(model.running["var1"], u.var(axis=0, ddof=1))


def test_evaluation_uses_the_running_statistics_and_leaves_them_alone():
    model = MLP([4, 6, 3], activation="tanh", norm="batch", seed=9)
    model.forward(X, training=True)
    running = {key: value.copy() for key, value in model.running.items()}
    one_row = X[:1]
    z = model.forward(one_row, training=False).z[1]
    u = one_row @ model.params["W1"]
    expected = (u - running["mean1"]) / np.sqrt(running["var1"] + 1e-5)
    assert np.allclose(z, expected, rtol=1e-12)
    assert all(np.array_equal(model.running[key], running[key]) for key in running)
    assert np.allclose(model.forward(one_row, training=True).z[1], 0)  # one row: nothing to compare with
    evaluated = model.forward(one_row, training=False).output
    assert np.array_equal(model.predict(one_row), evaluated.argmax(axis=1))


def test_backprop_in_evaluation_mode_matches_finite_differences():
    model = MLP([4, 6, 3], activation="tanh", norm="batch", seed=10)
    model.forward(X, training=True)  # running statistics away from their start
    grads = model.backward(model.forward(X, training=False), Y)
    numeric = numerical_gradient(lambda W: model.loss(X, Y, training=False), model.params["W1"])
    assert np.allclose(grads["W1"], numeric, rtol=1e-6, atol=1e-9)


def test_norm_options_fail_clearly():
    with pytest.raises(UnknownNameError, match="batch.*layer"):
        MLP([4, 6, 3], norm="group")
    with pytest.raises(ValueError, match="bn_momentum"):
        MLP([4, 6, 3], norm="batch", bn_momentum=1.5)


# --- residual blocks --------------------------------------------------------------------------------------


def test_residual_layer_adds_its_input_to_its_output():
    model = MLP([4, 6, 6, 6, 3], activation="tanh", residual=True, seed=11)
    cache = model.forward(X)
    assert [a.shape for a in cache.a] == [(9, 4), (9, 6), (9, 6), (9, 6), (9, 3)]
    assert np.allclose(cache.a[1], np.tanh(X @ model.params["W1"] + model.params["b1"]))  # the stem: no skip
    for i in (2, 3):
        z = cache.a[i - 1] @ model.params[f"W{i}"] + model.params[f"b{i}"]
        assert np.allclose(cache.a[i], cache.a[i - 1] + np.tanh(z))
        assert np.allclose(cache.z[i], z)


def test_residual_switches_per_layer():
    model = MLP([6, 6, 6, 3], residual=[True, False])
    assert model.skips == [True, False]
    assert MLP([4, 6, 6, 3]).skips == [False, False]


def test_residual_with_unequal_widths_names_them():
    with pytest.raises(ValueError, match="hidden layer 2 maps width 6 to 8"):
        MLP([4, 6, 8, 3], residual=True)
    with pytest.raises(ValueError, match="hidden layer 1 maps width 4 to 6"):
        MLP([4, 6, 6, 3], residual=[True, True])
    with pytest.raises(ValueError, match="residual lists 3 switches but sizes has 2 hidden layers"):
        MLP([4, 6, 6, 3], residual=[True, True, True])


# --- the options through diagnostics and experiments ----------------------------------------------------


def test_layer_stats_read_saturation_from_the_activation_not_the_residual_stream():
    from actlearn import sigmoid
    from actlearn.diagnostics import layer_stats

    model = MLP([5, 5, 5, 5, 3], activation="sigmoid", residual=True, init="normal", seed=12)
    X5 = rng.standard_normal((9, 5))
    stats = layer_stats(model, X5, Y)
    cache = model.forward(X5)
    for s, z, a in zip(stats, cache.z[1:], cache.a[1:], strict=False):
        assert s.saturated_fraction == pytest.approx(sigmoid.saturated(z, sigmoid(z)).mean())
        assert s.std == pytest.approx(a.std())  # the spread is the layer's output, skip included


def test_gradient_flow_takes_norm_and_residual():
    from actlearn.experiments import VARIANTS, flow_variants, gradient_flow

    plain = gradient_flow("sigmoid", depth=12, width=16, n_samples=64)
    batch = gradient_flow("sigmoid", depth=12, width=16, n_samples=64, norm="batch")
    assert (plain.label, batch.label) == ("plain", "batch norm")
    assert plain.grad_ratio == pytest.approx(plain.grad_norm[0] / plain.grad_norm[-1])
    assert plain.grad_ratio < 1e-5  # about 0.25 per layer, 11 layers
    assert 0.1 < batch.grad_ratio < 10
    flows = flow_variants("tanh", depth=4, width=8, n_samples=32)
    assert [f.label for f in flows] == [
        "plain",
        "batch norm",
        "layer norm",
        "residual",
        "batch norm + residual",
        "layer norm + residual",
    ]
    assert len(flows) == len(VARIANTS)


def test_train_takes_norm_residual_and_block_and_records_update_ratios():
    from actlearn.diagnostics import layer_stats
    from actlearn.experiments import train

    run = train("moons", "tanh", depth=3, width=8, epochs=30, norm="batch", residual=True, lr=0.01)
    assert run.model.norm == "batch" and run.model.skips == [False, True, True]
    assert run.history["update_ratio"].shape == (30, 4)
    assert np.all(np.isfinite(run.history["update_ratio"]))
    glu = train("moons", depth=1, width=8, epochs=5, block="glu")
    assert glu.model.block == "glu" and glu.model.init == "xavier"  # its gate's (sigmoid's) usual init
    # one plain SGD step moves W by lr * |dL/dW|: the same ratio diagnostics.layer_stats predicts
    sgd = train("moons", "tanh", depth=2, width=8, epochs=1, optimizer="sgd", lr=0.1, norm="layer")
    start = MLP(sgd.model.sizes, activation="tanh", init="xavier", norm="layer")
    expected = [s.update_ratio for s in layer_stats(start, sgd.X_train, sgd.y_train, lr=0.1)]
    assert np.allclose(sgd.history["update_ratio"][0][:2], expected)


def test_gradient_flow_splits_the_pre_activation_into_signal_and_shared_parts():
    from actlearn.experiments import gradient_flow

    plain = gradient_flow("sigmoid", depth=20, width=32, n_samples=64)
    batch = gradient_flow("sigmoid", depth=20, width=32, n_samples=64, norm="batch")
    assert plain.signal_std[-1] < 1e-8 < 0.1 < plain.shared_std[-1]  # every example gives the same z
    assert np.allclose(batch.signal_std, 1, atol=1e-3)  # variance u_var / (u_var + eps) per unit
    assert np.all(batch.shared_std < 1e-12)  # batch norm removes each unit's batch mean


# --- each layer alone: its backward against finite differences (float64) --------------------------------
#
# The loss is the mean over the N rows of sum(output * R) for a fixed random R. By the convention every
# layer follows (notebook 01), backward(R) receives the per-example gradient N dL/d output = R, returns
# the per-example N dL/d input, and keeps the batch-averaged dL/d parameter in its d<name> fields.


def _numeric_gradient(loss, array, eps=1e-6):
    """Return d loss() / d array by central differences, changing array in place and restoring it."""
    grad = np.zeros_like(array)
    for index in np.ndindex(array.shape):
        saved = array[index]
        array[index] = saved + eps
        up = loss()
        array[index] = saved - eps
        down = loss()
        array[index] = saved
        grad[index] = (up - down) / (2 * eps)
    return grad


def _relative_error(a, b):
    return float(np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b)))


def _check_layer(layer, x, params, training=False):
    """Return the largest relative error of layer's backward: its input gradient and each of params."""
    out = layer.forward(x, training)
    R = np.random.default_rng(0).standard_normal(out.shape)
    n = len(x)
    loss = lambda: float(np.sum(layer.forward(x, training) * R) / n)
    layer.forward(x, training)
    dx = layer.backward(R)
    grads = {name: getattr(layer, "d" + name) for name in params}
    errors = [_relative_error(dx, n * _numeric_gradient(loss, x))]
    errors += [_relative_error(grads[name], _numeric_gradient(loss, getattr(layer, name))) for name in params]
    return max(errors)


def _layer_input(width=4, n=7, seed=3):
    return np.random.default_rng(seed).standard_normal((n, width))


def test_dense_layer_backward_matches_finite_differences():
    rng = np.random.default_rng(1)
    layer = Dense(rng.standard_normal((4, 3)), rng.standard_normal(3))
    assert _check_layer(layer, _layer_input(), ["W", "b"]) < 1e-8


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("tanh", {}),
        ("sigmoid", {}),
        ("gelu", {"approximate": "tanh"}),
        ("elu", {"alpha": 0.5}),
        ("leaky_relu", {"alpha": 0.3}),
        ("swish", {"beta": 1.7}),
    ],
)
def test_activation_layer_backward_matches_finite_differences(name, params):
    import actlearn

    act = actlearn.get(name)
    layer = Activation(act.with_params(**params) if params else act)
    assert _check_layer(layer, _layer_input(), []) < 1e-8


@pytest.mark.parametrize("alpha", [np.array([0.2]), np.linspace(0.1, 0.4, 4)])
def test_prelu_layer_backward_matches_finite_differences(alpha):
    import actlearn

    layer = PReLU(actlearn.prelu, alpha.copy())
    assert _check_layer(layer, _layer_input(), ["alpha"]) < 1e-8
    assert layer.dalpha.shape == alpha.shape


@pytest.mark.parametrize("training", [True, False])
def test_batch_norm_layer_backward_matches_finite_differences(training):
    rng = np.random.default_rng(2)
    layer = BatchNorm(rng.uniform(0.5, 1.5, 4), rng.uniform(-0.5, 0.5, 4))
    layer.running_mean, layer.running_var = rng.standard_normal((1, 4)), rng.uniform(0.5, 2, (1, 4))
    assert _check_layer(layer, _layer_input(), ["gamma", "beta"], training=training) < 1e-7


def test_layer_norm_layer_backward_matches_finite_differences():
    rng = np.random.default_rng(3)
    layer = LayerNorm(rng.uniform(0.5, 1.5, 4), rng.uniform(-0.5, 0.5, 4))
    assert _check_layer(layer, _layer_input(), ["gamma", "beta"]) < 1e-7


def test_residual_and_sequential_backward_match_finite_differences():
    import actlearn

    rng = np.random.default_rng(4)
    dense = Dense(rng.standard_normal((4, 4)) / 2, rng.standard_normal(4))
    block = Residual(Sequential(dense, LayerNorm(np.ones(4), np.zeros(4)), Activation(actlearn.tanh)))
    x = _layer_input()
    out = block.forward(x)
    inner = np.tanh(LayerNorm(np.ones(4), np.zeros(4)).forward(x @ dense.W + dense.b))
    assert np.allclose(out, x + inner)  # the skip adds the input to the block's output
    assert _check_layer(block, x, []) < 1e-8


@pytest.mark.parametrize("block", list(GLU_BLOCKS))
def test_glu_layer_backward_matches_finite_differences(block):
    import actlearn

    rng = np.random.default_rng(5)
    gate, value = (Dense(rng.standard_normal((4, 3)), rng.standard_normal(3)) for _ in range(2))
    layer = GLU(actlearn.get(GLU_BLOCKS[block]), gate, value)
    x = _layer_input()
    assert np.allclose(layer.forward(x), GATES[block](x @ gate.W + gate.b) * (x @ value.W + value.b))
    assert _check_layer(layer, x, []) < (1e-6 if block == "reglu" else 1e-8)
    assert _check_layer(gate, x, ["W", "b"]) < 1e-8  # its Dense layers keep their own gradients
    layer.forward(x)
    layer.backward(np.ones((7, 3)))
    assert np.allclose(value.db, GATES[block](x @ gate.W + gate.b).mean(axis=0))  # d(gate * v)/dc = gate


def test_the_backward_lines_are_the_ones_notebook_01_teaches():
    # the backward-pass convention the package shares with notebook 01, whose learner writes these lines
    dense = inspect.getsource(Dense.backward)
    for line in (
        "self.dW = self.a_prev.T @ dz / len(dz)",
        "self.db = dz.mean(axis=0)",
        "return dz @ self.W.T",
    ):
        assert line in dense
    assert "return da * self.f.grad(self.z)  # f'(z), never f'(a)" in inspect.getsource(Activation.backward)

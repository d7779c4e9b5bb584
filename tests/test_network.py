"""Tests of the MLP: backprop against finite differences, inits, forward pass, optimisers, bad input."""

import numpy as np
import pytest
from scipy.special import softmax as scipy_softmax

from actlearn.activations import ALIASES, UnknownNameError
from actlearn.network import (
    MLP,
    SGD,
    Adam,
    clip_by_global_norm,
    gradient_check,
    hidden_activations,
)

rng = np.random.default_rng(42)
X_SMALL = rng.standard_normal((12, 3))
Y_SMALL = rng.integers(0, 3, 12)


@pytest.mark.parametrize("activation", hidden_activations() + list(ALIASES))
def test_backprop_matches_finite_differences(activation):
    model = MLP([3, 5, 4, 3], activation=activation, init="xavier", seed=1)
    assert gradient_check(model, X_SMALL, Y_SMALL) < 1e-6


@pytest.mark.parametrize("per_unit", [False, True])
def test_prelu_slope_gradient_matches_finite_differences(per_unit):
    model = MLP([3, 5, 4, 3], activation="prelu", init="he", seed=2, alpha=0.1, alpha_per_unit=per_unit)
    assert model.params["alpha1"].shape == ((5,) if per_unit else (1,))
    grads = model.backward(model.forward(X_SMALL), Y_SMALL)
    assert np.all(grads["alpha1"] != 0)  # the check below then really tests the slope
    assert gradient_check(model, X_SMALL, Y_SMALL) < 1e-6


def test_mixed_activations_and_linear_output_pass_the_gradient_check():
    model = MLP([3, 6, 5, 2], activation=["tanh", "prelu"], output="linear", seed=3)
    targets = rng.standard_normal((12, 2))
    assert gradient_check(model, X_SMALL, targets) < 1e-6


def test_gradient_check_catches_a_wrong_backward():
    model = MLP([3, 5, 3], activation="tanh", seed=4)
    right = model.backward

    def doubled(cache, y):
        return {key: 2 * g for key, g in right(cache, y).items()}

    model.backward = doubled
    assert gradient_check(model, X_SMALL, Y_SMALL) > 0.1


def test_forward_of_logistic_regression_is_softmax_of_affine():
    model = MLP([3, 4], seed=5, init="normal")
    W, b = model.params["W1"], model.params["b1"]
    b += np.arange(4.0)
    expected = scipy_softmax(X_SMALL @ W + b, axis=1)
    assert np.allclose(model.predict_proba(X_SMALL), expected, rtol=1e-12)
    assert np.array_equal(model.predict(X_SMALL), expected.argmax(axis=1))
    y = Y_SMALL
    assert model.loss(X_SMALL, y) == pytest.approx(-np.mean(np.log(expected[np.arange(12), y])), rel=1e-12)


def test_cache_keeps_z_and_a_of_every_layer():
    model = MLP([3, 5, 4, 3], activation="tanh", seed=6)
    cache = model.forward(X_SMALL)
    assert cache.z[0] is None and cache.a[0] is cache.X  # a_0 = X, as in the maths
    assert np.array_equal(cache.X, X_SMALL)
    assert [z.shape for z in cache.z[1:]] == [(12, 5), (12, 4), (12, 3)]
    assert np.allclose(cache.a[1], np.tanh(cache.z[1]))
    assert np.allclose(cache.a[2], np.tanh(cache.z[2]))
    assert np.allclose(cache.z[2], cache.a[1] @ model.params["W2"] + model.params["b2"])
    assert np.allclose(cache.output.sum(axis=1), 1) and cache.output is cache.a[3]


def test_softmax_loss_stays_finite_for_huge_logits():
    model = MLP([3, 3], init="normal", std=1e4, seed=0)
    assert np.isfinite(model.loss(X_SMALL, Y_SMALL))


@pytest.mark.parametrize(
    ("name", "std_of"),
    [
        ("xavier", lambda i, o: np.sqrt(2 / (i + o))),
        ("glorot_uniform", lambda i, o: np.sqrt(2 / (i + o))),  # U(-l, l) has std l / sqrt(3)
        ("he", lambda i, o: np.sqrt(2 / i)),
        ("kaiming_uniform", lambda i, o: np.sqrt(2 / i)),
        ("lecun", lambda i, o: np.sqrt(1 / i)),
        ("normal", lambda i, o: 0.5),
        ("uniform", lambda i, o: 0.5),
    ],
)
def test_init_schemes_have_the_published_spread(name, std_of):
    model = MLP([300, 500, 2], init=name, std=0.5, seed=0)
    W = model.params["W1"]
    assert W.mean() == pytest.approx(0, abs=0.01 * std_of(300, 500))
    assert W.std() == pytest.approx(std_of(300, 500), rel=0.01)
    if "uniform" in name:
        assert np.abs(W).max() <= np.sqrt(3) * std_of(300, 500)
    assert np.all(model.params["b1"] == 0)


def test_init_is_seeded_bit_for_bit_and_aliases_agree():
    a, b = MLP([2, 8, 8, 2], init="xavier", seed=7), MLP([2, 8, 8, 2], init="glorot", seed=7)
    for key in a.params:
        assert np.array_equal(a.params[key], b.params[key])
    assert not np.array_equal(a.params["W1"], MLP([2, 8, 8, 2], init="xavier", seed=8).params["W1"])
    assert np.array_equal(MLP([2, 3], init="he").params["W1"], MLP([2, 3], init="kaiming").params["W1"])
    assert np.all(MLP([2, 3], init="zeros").params["W1"] == 0)


def test_unknown_names_list_the_valid_ones():
    with pytest.raises(UnknownNameError, match="xavier"):
        MLP([2, 3], init="glorious")
    with pytest.raises(UnknownNameError, match="leaky_relu"):
        MLP([2, 4, 3], activation="relu7")
    with pytest.raises(ValueError, match="softmax is not a hidden-layer activation.*choose one of: sigmoid"):
        MLP([2, 4, 3], activation="softmax")


def test_aliases_and_activation_objects_are_accepted():
    import actlearn

    assert MLP([2, 4, 3], activation="SiLU").activations[0].name == "silu"
    assert MLP([2, 4, 3], activation=actlearn.tanh).activations[0].name == "tanh"


@pytest.mark.parametrize(
    ("sizes", "activation", "match"),
    [
        ([2], "relu", "sizes"),
        ([2, -3, 2], "relu", "sizes"),
        ([2, 0, 2], "relu", "sizes"),
        ([2, 4, 4, 2], ["relu"], "activation lists 1 names but sizes has 2 hidden layers"),
    ],
)
def test_bad_sizes_say_why(sizes, activation, match):
    with pytest.raises(ValueError, match=match):
        MLP(sizes, activation=activation)


def test_bad_data_shapes_say_what_was_expected():
    model = MLP([3, 4, 3])
    with pytest.raises(ValueError, match=r"X must have shape \(n, 3\)"):
        model.forward(np.zeros((5, 2)))
    with pytest.raises(ValueError, match="one class label per row"):
        model.loss(X_SMALL, Y_SMALL[:5])
    with pytest.raises(ValueError, match="labels 0..2"):
        model.loss(X_SMALL, Y_SMALL + 3)
    with pytest.raises(ValueError, match="predict_proba needs a classifier"):
        MLP([3, 1], output="linear").predict_proba(X_SMALL)


def test_sgd_step_and_momentum_by_hand():
    params = {"W1": np.array([1.0, 2.0])}
    g = {"W1": np.array([0.5, -1.0])}
    SGD(lr=0.1).step(params, g)
    assert np.allclose(params["W1"], [0.95, 2.1])
    params = {"W1": np.array([0.0])}
    opt = SGD(lr=1.0, momentum=0.5)
    opt.step(params, {"W1": np.array([1.0])})  # velocity 1
    opt.step(params, {"W1": np.array([1.0])})  # velocity 0.5 * 1 + 1 = 1.5
    assert params["W1"][0] == pytest.approx(-2.5)


def test_adam_first_step_is_lr_times_the_sign_of_the_gradient():
    params = {"W1": np.array([1.0, 1.0, 1.0])}
    Adam(lr=0.01).step(params, {"W1": np.array([3.0, -1e-3, 200.0])})
    assert np.allclose(params["W1"], [0.99, 1.01, 0.99], atol=1e-6)


@pytest.mark.parametrize("make", [lambda **kw: SGD(lr=0.1, **kw), lambda **kw: Adam(lr=0.1, **kw)])
def test_weight_decay_skips_the_prelu_slope_unless_asked(make):
    zero = {"W1": np.zeros(1), "alpha1": np.zeros(1)}
    params = {"W1": np.ones(1), "alpha1": np.ones(1)}
    make(weight_decay=0.5).step(params, zero)
    assert params["W1"][0] < 1 and params["alpha1"][0] == 1
    params = {"W1": np.ones(1), "alpha1": np.ones(1)}
    make(weight_decay=0.5, decay_alpha=True).step(params, zero)
    assert params["alpha1"][0] < 1


@pytest.mark.parametrize("make", [lambda: SGD(lr=-0.1), lambda: Adam(lr=0), lambda: SGD(lr=float("nan"))])
def test_bad_learning_rates_are_refused(make):
    with pytest.raises(ValueError, match="lr must be a positive number"):
        make()


def test_clip_by_global_norm():
    grads = {"a": np.array([3.0]), "b": np.array([4.0])}
    clipped, norm = clip_by_global_norm(grads, 1.0)
    assert norm == pytest.approx(5.0)
    assert np.allclose([clipped["a"][0], clipped["b"][0]], [0.6, 0.8])
    same, _ = clip_by_global_norm(grads, 10.0)
    assert same["a"][0] == 3.0 and same["b"][0] == 4.0
    with pytest.raises(ValueError, match="max_norm"):
        clip_by_global_norm(grads, 0)


def test_linear_output_learns_a_line():
    x = np.linspace(-1, 1, 50)[:, None]
    y = 3 * x - 1
    model = MLP([1, 1], output="linear", seed=0)
    opt = SGD(lr=0.5)
    for _ in range(200):
        opt.step(model.params, model.backward(model.forward(x), y))
    assert model.params["W1"][0, 0] == pytest.approx(3, abs=1e-6)
    assert model.params["b1"][0] == pytest.approx(-1, abs=1e-6)


def test_copy_is_independent():
    model = MLP([2, 3, 2])
    twin = model.copy()
    twin.params["W1"] += 1
    assert not np.array_equal(model.params["W1"], twin.params["W1"])


# --- evaluation changes nothing ---------------------------------------------------------------------------


def _batch_norm_model_with_moved_statistics():
    model = MLP([3, 5, 3], activation="tanh", norm="batch", seed=7)
    model.loss(X_SMALL, Y_SMALL, training=True)  # one training pass: running statistics off their start
    return model


def test_evaluating_twice_gives_one_answer_and_leaves_batch_norm_alone():
    model = _batch_norm_model_with_moved_statistics()
    running = {key: value.copy() for key, value in model.running.items()}
    first, second = model.loss(X_SMALL, Y_SMALL), model.loss(X_SMALL, Y_SMALL)
    assert first == second
    model.forward(X_SMALL)
    model.predict(X_SMALL)
    gradient_check(model, X_SMALL, Y_SMALL)
    for key, value in running.items():
        assert np.array_equal(model.running[key], value), key


def test_a_training_pass_moves_the_running_statistics():
    model = _batch_norm_model_with_moved_statistics()
    before = model.running["mean1"].copy()
    model.forward(X_SMALL, training=True)
    assert not np.array_equal(model.running["mean1"], before)


def test_backward_refuses_the_cache_of_an_older_forward_pass():
    model = MLP([3, 4, 3], activation="tanh")
    old = model.forward(X_SMALL)
    model.forward(X_SMALL[:5])
    with pytest.raises(ValueError, match="latest forward pass"):
        model.backward(old, Y_SMALL)


# --- the parameters of the activations reach the network --------------------------------------------------


def test_leaky_relu_alpha_reaches_the_network():
    default = MLP([3, 6, 3], activation="leaky_relu", seed=0)
    steep = MLP([3, 6, 3], activation="leaky_relu", activation_params={"alpha": 0.3}, seed=0)
    z = X_SMALL @ steep.params["W1"] + steep.params["b1"]
    a = np.where(z > 0, z, 0.3 * z)  # Leaky ReLU with slope 0.3 on the negative side, from its formula
    expected = scipy_softmax(a @ steep.params["W2"] + steep.params["b2"], axis=1)
    assert np.allclose(steep.predict_proba(X_SMALL), expected, rtol=1e-12)
    assert not np.allclose(default.predict_proba(X_SMALL), expected)
    assert gradient_check(steep, X_SMALL, Y_SMALL) < 1e-6


@pytest.mark.parametrize(
    ("activation", "name", "value"),
    [("elu", "alpha", 0.5), ("swish", "beta", 2.0), ("gelu", "approximate", "tanh")],
)
def test_every_activation_parameter_reaches_the_network_and_its_gradient(activation, name, value):
    import actlearn

    model = MLP([3, 5, 3], activation=activation, activation_params={name: value}, seed=1)
    z = X_SMALL @ model.params["W1"] + model.params["b1"]
    assert np.allclose(model.forward(X_SMALL).a[1], actlearn.get(activation)(z, **{name: value}))
    assert not np.allclose(model.forward(X_SMALL).a[1], actlearn.get(activation)(z))
    assert gradient_check(model, X_SMALL, Y_SMALL) < 1e-6


def test_a_parameter_the_activation_lacks_is_an_error_naming_the_valid_ones():
    with pytest.raises(TypeError, match="leaky_relu got unknown parameter.*beta.*it takes: alpha"):
        MLP([3, 4, 3], activation="leaky_relu", activation_params={"beta": 0.3})
    with pytest.raises(TypeError, match="relu got unknown parameter.*no parameters"):
        MLP([3, 4, 3], activation="relu", activation_params={"alpha": 0.3})
    with pytest.raises(ValueError, match="no hidden layer here is a PReLU.*activation_params"):
        MLP([3, 4, 3], activation="leaky_relu", alpha=0.3)
    with pytest.raises(ValueError, match="prelu learns alpha"):
        MLP([3, 4, 3], activation="prelu", activation_params={"alpha": 0.3})
    with pytest.raises(ValueError, match="takes no activation_params"):
        MLP([3, 4, 3], block="swiglu", activation_params={"beta": 2.0})


def test_prelu_slope_starts_where_asked():
    model = MLP([3, 5, 3], activation="prelu", alpha=0.1, alpha_per_unit=True)
    assert np.array_equal(model.params["alpha1"], np.full(5, 0.1))
    assert np.array_equal(MLP([3, 5, 3], activation="prelu").params["alpha1"], [0.25])  # PyTorch's start


# --- model.params: each name reads and writes its layer's array ---------------------------------------------


def test_setting_a_parameter_by_name_changes_what_the_network_computes():
    model = MLP([3, 4, 2], activation="relu")
    model.params["W1"] = np.zeros((3, 4))  # a new array, as notebook 02 sets its hand-made weights
    model.params["b2"] = np.array([0.0, 5.0])
    assert np.array_equal(model.predict(X_SMALL), np.ones(12))  # every hidden unit 0: class 1's bias wins
    with pytest.raises(KeyError, match="W1, b1, W2, b2"):
        model.params["W3"] = np.zeros((2, 2))
    model.params.update(W2=np.zeros((4, 2)))  # as notebook 01 copies its own weights in
    assert np.all(model.forward(X_SMALL).z[2] == model.params["b2"])

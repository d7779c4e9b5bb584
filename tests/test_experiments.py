"""Tests of the notebook experiments: each claim the course makes, checked with a fixed seed."""

import numpy as np
import pytest

from actlearn.activations import UnknownNameError
from actlearn.experiments import (
    TrainingDiverged,
    cost_per_element,
    dying_relu,
    gradient_flow,
    gradient_signs,
    linear_collapse,
    race,
    train,
    unit_grids,
)


def test_a_stack_of_linear_layers_is_one_matrix():
    result = linear_collapse(depth=5, width=4)
    assert len(result.weights) == 5
    assert np.allclose(result.product, np.linalg.multi_dot(result.weights), rtol=1e-13, atol=0)
    assert result.max_difference < 1e-12
    with pytest.raises(ValueError, match="depth"):
        linear_collapse(depth=0)


def test_sigmoid_gradients_vanish_and_relu_with_he_keeps_them():
    sigmoid = gradient_flow("sigmoid", depth=10, init="xavier")
    assert sigmoid.grad_norm[0] < 1e-3 * sigmoid.grad_norm[-1]
    relu = gradient_flow("relu", depth=10, init="he")
    ratio = relu.grad_norm / relu.grad_norm[-1]
    assert np.all((ratio > 0.1) & (ratio < 10))
    assert relu.layers.tolist() == list(range(1, 11))


def test_he_init_keeps_relu_activation_std_over_30_layers():
    # He et al. 2015 analyse the wide limit; at width 256 the random spread between layers is small.
    flow = gradient_flow("relu", depth=30, width=256, init="he")
    ratio = flow.activation_std / flow.input_std
    assert np.all((ratio >= 0.5) & (ratio <= 2))


def test_xavier_init_halves_relu_variance_every_layer():
    # Var(W) = 1/fan_in and ReLU keeps half of E[z^2]: the std falls by sqrt(2) a layer.
    flow = gradient_flow("relu", depth=30, width=256, init="xavier")
    shrink = flow.activation_std[-1] / flow.input_std
    assert 2**-15 / 4 < shrink < 2**-15 * 4
    slope = np.polyfit(flow.layers, np.log2(flow.activation_std), 1)[0]
    assert slope == pytest.approx(-0.5, abs=0.05)


def test_std_one_normal_init_explodes_relu_activations():
    flow = gradient_flow("relu", depth=30, init="normal", std=1.0)
    assert flow.activation_std[-1] > 1e15 * flow.input_std
    assert np.all(np.diff(np.log(flow.activation_std)) > 0)


def test_gradient_flow_refuses_bad_arguments():
    with pytest.raises(ValueError, match="depth"):
        gradient_flow("relu", depth=0)
    with pytest.raises(ValueError, match="width"):
        gradient_flow("relu", width=-4)
    with pytest.raises(UnknownNameError, match="he_uniform"):
        gradient_flow("relu", init="orthogonal")


@pytest.mark.parametrize("dataset", ["xor", "spiral"])
def test_one_tanh_hidden_layer_learns_what_logistic_regression_cannot(dataset):
    bent = train(dataset, "tanh", depth=1, width=16, init="xavier", lr=0.03, epochs=300)
    assert bent.final_test_acc >= 0.95
    flat = train(dataset, "tanh", depth=0, lr=0.03, epochs=300)
    assert flat.final_test_acc < 0.7  # two balanced classes: chance is 0.5


def test_train_history_has_one_row_per_epoch_and_is_reproducible():
    result = train("moons", "prelu", depth=2, width=8, epochs=40, n_samples=200)
    history = result.history
    for key in ("loss", "train_acc", "test_acc", "dead_fraction"):
        assert history[key].shape == (40,)
    assert history["grad_norm"].shape == (40, 3)
    assert history["alpha"].shape == (40, 2)
    assert history["dead_units"].shape == (40, 16)
    assert history["loss"][-1] < history["loss"][0]
    assert len(result.X_train) == 150 and len(result.X_test) == 50
    again = train("moons", "prelu", depth=2, width=8, epochs=40, n_samples=200)
    assert np.array_equal(again.history["loss"], history["loss"])


def test_prelu_learns_its_slope():
    result = train("spiral", "prelu", depth=2, width=16, epochs=300)
    start, end = result.history["alpha"][0], result.history["alpha"][-1]
    assert np.allclose(start, 0.25)
    assert np.all(np.abs(end - 0.25) > 0.02)


def test_dying_relu_kills_more_units_than_leaky_relu():
    results = {r.activation: r for r in dying_relu()}
    relu, leaky = results["relu"], results["leaky_relu"]
    assert relu.dead_fraction[-1] >= 0.2 > relu.dead_fraction[0]
    assert leaky.dead_fraction[-1] < relu.dead_fraction[-1]
    for r in results.values():
        assert r.dead_units.shape == (100, 128)
        assert 0 <= r.revived <= r.ever_dead
    # Units can come back: a flat-side unit of Leaky ReLU, PReLU or ELU still gets a gradient.
    assert sum(results[name].revived for name in ("leaky_relu", "prelu", "elu")) > 0


def test_dying_relu_only_takes_the_relu_family():
    with pytest.raises(ValueError, match="ReLU family"):
        dying_relu(activations=("relu", "tanh"))


def test_huge_learning_rate_stops_with_the_epoch():
    with pytest.raises(TrainingDiverged, match=r"diverged at epoch \d+") as info:
        train("moons", "relu", depth=1, width=16, optimizer="sgd", lr=1e6, epochs=100)
    assert 0 < info.value.epoch < 100
    assert len(info.value.history["loss"]) == info.value.epoch
    assert isinstance(info.value, RuntimeError)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"lr": -0.1}, "lr must be"),
        ({"epochs": 0}, "epochs must be"),
        ({"width": -2}, "width must be"),
        ({"depth": -1}, "depth must be"),
        ({"clip": 0}, "clip"),
    ],
)
def test_train_refuses_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        train("moons", **kwargs)


def test_train_names_unknown_datasets_and_optimisers():
    with pytest.raises(UnknownNameError, match="spiral"):
        train("swirl")
    with pytest.raises(UnknownNameError, match="adam"):
        train("moons", optimizer="lbfgs")


def test_snapshots_and_clipping():
    result = train("moons", "relu", depth=1, width=8, epochs=20, n_samples=100, snapshot_every=10, clip=0.5)
    assert [epoch for epoch, _ in result.snapshots] == [0, 10, 20]
    first = result.snapshots[0][1]
    assert not np.array_equal(first.params["W1"], result.model.params["W1"])
    assert np.array_equal(result.snapshots[-1][1].params["W1"], result.model.params["W1"])


def test_train_takes_an_x_y_pair_and_extra_dataset_options():
    X = np.array([[0.0, 0], [0, 1], [1, 0], [1, 1]] * 10)
    y = np.array([0, 1, 1, 0] * 10)
    assert train((X, y), "tanh", depth=1, width=8, init="xavier", lr=0.05, epochs=200).final_test_acc == 1.0
    three = train("spiral", dataset_options={"arms": 3}, epochs=5, n_samples=90)
    assert three.model.sizes[-1] == 3


def test_race_returns_one_record_per_activation():
    results = race(
        ["relu", "sigmoid"], dataset="moons", seeds=(0, 1), depth=1, width=8, epochs=60, target=0.8
    )
    assert [r.activation for r in results] == ["relu", "sigmoid"]
    for r in results:
        assert r.final_test_acc_per_seed.shape == (2,) and r.test_acc_per_seed.shape == (2, 60)
        assert r.mean == pytest.approx(r.final_test_acc_per_seed.mean())
        for curve, epoch in zip(r.test_acc_per_seed, r.epochs_to_target, strict=True):
            if np.isnan(epoch):
                assert curve.max() < 0.8
            else:
                assert curve[int(epoch)] >= 0.8 and np.all(curve[: int(epoch)] < 0.8)


def test_cost_per_element_reports_ratios_to_a_copy():
    costs = cost_per_element(["relu", "gelu", "softmax"])
    assert [c.activation for c in costs] == ["relu", "gelu", "softmax"]
    for c in costs:
        assert c.forward_ns > 0 and c.forward_backward_ns > 0
        # the median of per-repeat ratios, close to the ratio of the medians
        assert c.forward_ratio == pytest.approx(c.forward_ns / c.copy_ns, rel=0.5)


def test_all_positive_inputs_give_every_weight_gradient_one_sign():
    result = gradient_signs("sigmoid", width=8, n_samples=200)
    assert np.all(result.inputs > 0) and result.same_sign.all()
    row_signs = np.sign(result.grads)
    assert np.array_equal(row_signs, np.sign(result.delta)[:, None] * np.ones((1, 8)))


def test_zero_centred_inputs_mix_the_signs():
    result = gradient_signs("tanh", width=8, n_samples=200)
    # Each example agrees in sign only if its 8 inputs do: chance 2 / 2**8, under 1%.
    assert result.same_sign.mean() < 0.05


def test_gradient_signs_match_finite_differences_of_the_loss():
    r = gradient_signs("tanh", width=5, n_samples=4, seed=3)
    loss = lambda w, i: 0.5 * (r.inputs[i] @ w - r.targets[i]) ** 2
    h = 1e-6
    for i in range(4):
        numeric = [(loss(r.weights + h * e, i) - loss(r.weights - h * e, i)) / (2 * h) for e in np.eye(5)]
        np.testing.assert_allclose(r.grads[i], numeric, rtol=1e-6, atol=1e-9)


def test_gradient_signs_rejects_bad_input():
    with pytest.raises(UnknownNameError, match="sigmoid"):
        gradient_signs("sigmod")
    with pytest.raises(ValueError, match="width"):
        gradient_signs("tanh", width=0)


def test_train_names_an_unknown_keyword_and_the_valid_ones():
    with pytest.raises(TypeError, match=r"train\(\) got unknown keyword\(s\) epoch; it takes: .*epochs"):
        train("moons", epoch=10)


def test_train_passes_activation_params_to_the_network():
    settings = {"depth": 1, "width": 8, "epochs": 20, "n_samples": 100}
    default = train("moons", "leaky_relu", **settings)
    steep = train("moons", "leaky_relu", activation_params={"alpha": 0.3}, **settings)
    assert steep.model.activations[0](-1.0) == -0.3
    assert not np.array_equal(default.history["loss"], steep.history["loss"])


def test_trains_final_loss_is_evaluated_and_changes_nothing():
    run = train("moons", "tanh", depth=2, width=8, epochs=10, norm="batch", n_samples=100)
    running = {key: value.copy() for key, value in run.model.running.items()}
    assert run.final_loss == run.model.loss(run.X_train, run.y_train)
    unit_grids(run.model, run.X_train, resolution=4)
    for key, value in running.items():
        assert np.array_equal(run.model.running[key], value), key

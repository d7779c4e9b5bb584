"""Tests of the per-layer statistics, on networks whose answers can be worked out by hand."""

import re

import numpy as np
import pytest

from actlearn.activations import sigmoid, tanh
from actlearn.diagnostics import layer_stats, report
from actlearn.network import MLP

rng = np.random.default_rng(0)
X = rng.standard_normal((200, 2))
Y = rng.integers(0, 2, 200)


def test_dead_fraction_counts_units_negative_for_every_input():
    model = MLP([2, 4, 2], activation="relu", seed=0)
    # Unit 0 and 1 get a bias so negative that no input of this batch can reach zero.
    model.params["b1"][:] = [-100.0, -100.0, 0.0, 0.0]
    stats = layer_stats(model, X, Y)
    assert stats[0].dead_fraction == pytest.approx(0.5)
    # A dead ReLU unit passes no gradient to its weights.
    assert np.all(model.grads["W1"][:, :2] == 0)


def test_leaky_relu_counts_dead_units_too_but_sigmoid_never():
    for name, expected in [("leaky_relu", 0.25), ("elu", 0.25), ("sigmoid", 0.0)]:
        model = MLP([2, 4, 2], activation=name, seed=0)
        model.params["b1"][:] = [-100.0, 0, 0, 0]
        assert layer_stats(model, X, Y)[0].dead_fraction == pytest.approx(expected)


def test_tanh_saturation_by_hand():
    # z = 10 * x0: |tanh(z)| > 0.97 exactly where |z| > artanh(0.97).
    model = MLP([2, 1, 2], activation="tanh", seed=0)
    model.params["W1"][:] = [[10.0], [0.0]]
    expected = np.mean(np.abs(10 * X[:, 0]) > np.arctanh(0.97))
    assert layer_stats(model, X, Y)[0].saturated_fraction == pytest.approx(expected)
    assert 0 < expected < 1


def test_sigmoid_saturation_uses_the_stated_band():
    z = np.linspace(-10, 10, 2001)
    a = 1 / (1 + np.exp(-z))
    band = np.log(0.97 / 0.03)  # sigmoid(band) = 0.97
    assert sigmoid.saturated(z, a).mean() == pytest.approx(np.mean(np.abs(z) > band), abs=1e-3)


def test_means_stds_and_grad_norms_match_a_direct_computation():
    model = MLP([2, 8, 8, 2], activation=["tanh", "relu"], seed=3)
    stats = layer_stats(model, X, Y, lr=0.1)
    a1 = np.tanh(X @ model.params["W1"] + model.params["b1"])
    z2 = a1 @ model.params["W2"] + model.params["b2"]
    assert [s.layer for s in stats] == [1, 2] and [s.activation for s in stats] == ["tanh", "relu"]
    assert stats[0].mean == pytest.approx(a1.mean()) and stats[0].std == pytest.approx(a1.std())
    assert stats[1].pre_std == pytest.approx(z2.std())
    assert stats[1].mean == pytest.approx(np.maximum(z2, 0).mean())
    gn = np.linalg.norm(model.grads["W2"])
    assert stats[1].grad_norm == pytest.approx(gn)
    assert stats[1].update_ratio == pytest.approx(0.1 * gn / np.linalg.norm(model.params["W2"]))
    assert np.isnan(layer_stats(model, X, Y)[0].update_ratio)


def test_report_prints_one_fixed_width_line_a_layer():
    model = MLP([2, 8, 8, 8, 2], activation=["tanh", "relu", "sigmoid"], seed=3)
    lines = report(layer_stats(model, X, Y)).splitlines()
    # relu never saturates (its flat side counts as dead), so only tanh and sigmoid say what saturated means
    assert lines[3:] == [
        f"saturated (tanh): {tanh.saturation_rule}",
        f"saturated (sigmoid): {sigmoid.saturation_rule}",
    ]
    lines = lines[:3]
    pattern = (
        r"layer  \d \([a-z_ ]{10}\): mean [+-]\d\.\d\d, std \d\.\d\d, saturated [ \d]{3}\.\d%, "
        r"dead [ \d]{3}\.\d%, grad norm \d\.\de[+-]\d\d"
    )
    assert all(re.fullmatch(pattern, line) for line in lines), lines
    assert len({len(line) for line in lines}) == 1

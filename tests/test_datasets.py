"""Tests of the toy data sets: shapes, labels, seeding, and the geometry each one promises."""

import numpy as np
import pytest

from actlearn import datasets
from actlearn.activations import UnknownNameError


@pytest.mark.parametrize("name", list(datasets.DATASETS))
def test_shapes_dtypes_and_seeding(name):
    X, y = datasets.load(name, n_samples=101, seed=3)
    assert X.shape == (101, 2) and X.dtype == np.float64
    assert y.shape == (101,) and y.dtype == np.int64
    assert set(np.unique(y)) == {0, 1}
    X2, y2 = datasets.load(name, n_samples=101, seed=3)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    assert not np.array_equal(X, datasets.load(name, n_samples=101, seed=4)[0])


def test_xor_without_noise_labels_opposite_signs_as_class_1():
    X, y = datasets.xor(n_samples=500, noise=0.0)
    assert np.array_equal(y == 1, X[:, 0] * X[:, 1] < 0)
    assert np.all(np.abs(X) >= 0.1) and np.all(np.abs(X) <= 1)


def test_moons_without_noise_lie_on_two_unit_half_circles():
    X, y = datasets.moons(n_samples=300, noise=0.0)
    upper, lower = X[y == 0], X[y == 1]
    assert np.allclose(np.hypot(*upper.T), 1) and np.all(upper[:, 1] >= 0)
    assert np.allclose(np.hypot(lower[:, 0] - 1, lower[:, 1] - 0.5), 1) and np.all(lower[:, 1] <= 0.5)


def test_circles_without_noise_have_radius_one_and_factor():
    X, y = datasets.circles(n_samples=300, noise=0.0, factor=0.3)
    radius = np.hypot(*X.T)
    assert np.allclose(radius[y == 0], 1) and np.allclose(radius[y == 1], 0.3)


def test_spiral_has_one_balanced_class_an_arm():
    X, y = datasets.spiral(n_samples=301, arms=3, noise=0.0)
    assert np.bincount(y).tolist() == [101, 100, 100]
    radius = np.hypot(*X.T)
    assert radius.max() <= 1
    # Each arm is its own curve: angle = 2 pi (class / arms + radius), modulo a whole turn.
    expected = 2 * np.pi * (y / 3 + radius)
    gap = np.angle(np.exp(1j * (np.arctan2(X[:, 1], X[:, 0]) - expected)))
    assert np.allclose(gap, 0, atol=1e-9)


def test_noise_is_the_standard_deviation_added():
    clean, _ = datasets.moons(n_samples=20000, noise=0.0, seed=5)
    noisy, _ = datasets.moons(n_samples=20000, noise=0.2, seed=5)
    # Same seed draws the same clean points, then the noise on top.
    assert np.std(noisy - clean) == pytest.approx(0.2, rel=0.03)


def test_unknown_name_lists_the_valid_ones():
    with pytest.raises(UnknownNameError, match="xor, moons, circles, spiral"):
        datasets.load("swirl")


@pytest.mark.parametrize(
    ("kwargs", "word"),
    [
        ({"n_samples": 0}, "n_samples must"),
        ({"n_samples": 2.5}, "n_samples must"),
        ({"noise": -1}, "noise must"),
    ],
)
def test_bad_arguments_name_the_argument(kwargs, word):
    with pytest.raises(ValueError, match=word):
        datasets.spiral(**kwargs)


def test_bad_arms_and_factor():
    with pytest.raises(ValueError, match="arms"):
        datasets.spiral(arms=1)
    with pytest.raises(ValueError, match="factor"):
        datasets.circles(factor=1.5)


def test_train_test_split_partitions_the_rows():
    X = np.arange(40.0).reshape(20, 2)
    y = np.arange(20)
    X_train, X_test, y_train, y_test = datasets.train_test_split(X, y, test_fraction=0.25, seed=1)
    assert len(X_test) == 5 and len(X_train) == 15
    assert sorted(np.concatenate([y_train, y_test]).tolist()) == list(range(20))
    assert np.array_equal(X_train[:, 0], 2 * y_train) and np.array_equal(X_test[:, 0], 2 * y_test)
    again = datasets.train_test_split(X, y, test_fraction=0.25, seed=1)
    assert np.array_equal(again[1], X_test)


def test_train_test_split_bad_input():
    X, y = np.zeros((10, 2)), np.zeros(10, dtype=int)
    with pytest.raises(ValueError, match="test_fraction"):
        datasets.train_test_split(X, y, test_fraction=1.0)
    with pytest.raises(ValueError, match="X must be"):
        datasets.train_test_split(X, y[:5])

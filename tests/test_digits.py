"""The handwritten digits shipped with the package: shape, classes, scaling, seeded split, no network."""

import gzip
import socket

import numpy as np
import pytest

from actlearn import datasets, experiments
from actlearn.activations import UnknownNameError


def read_the_file_with_the_standard_library():
    """Return (pixel counts, labels) parsed by hand from the shipped file: an independent reading."""
    with gzip.open(datasets.DIGITS_FILE, "rt") as f:
        rows = [[int(v) for v in line.split(",")] for line in f if line.strip()]
    return np.array([r[:-1] for r in rows]), np.array([r[-1] for r in rows])


def test_every_image_is_there_with_its_label():
    X, y = datasets.load("digits")
    assert X.shape == (1797, 64) and X.dtype == np.float64
    assert y.shape == (1797,) and y.dtype == np.int64
    # The class counts of UCI's optdigits.tes, as its documentation lists them.
    assert np.bincount(y).tolist() == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]


def test_pixels_are_the_counts_divided_by_16_and_rows_keep_their_labels():
    counts, labels = read_the_file_with_the_standard_library()
    X, y = datasets.digits(seed=5)
    assert X.min() == 0 and X.max() == 1
    assert np.array_equal(np.unique(X * 16), np.arange(17))  # every count 0..16 occurs, nothing else
    # The same images with the same labels, in another order.
    by_row = {tuple(row) + (label,) for row, label in zip(counts, labels, strict=True)}
    assert {tuple(row) + (label,) for row, label in zip((X * 16).astype(int), y, strict=True)} == by_row
    assert not np.array_equal((X * 16).astype(int), counts)  # shuffled


def test_seeded_shuffle_and_subsample():
    X, y = datasets.load("digits", n_samples=300, seed=1)
    X2, y2 = datasets.load("digits", n_samples=300, seed=1)
    assert X.shape == (300, 64) and np.array_equal(X, X2) and np.array_equal(y, y2)
    assert not np.array_equal(X, datasets.load("digits", n_samples=300, seed=2)[0])
    assert set(np.unique(y)) == set(range(10))


def test_the_split_is_seeded_and_disjoint():
    X, y = datasets.digits()
    index = np.arange(len(y))
    tagged = np.column_stack([X, index])  # a column that names each image, to follow it through the split
    train, test, y_train, y_test = datasets.train_test_split(tagged, y, seed=0)
    again = datasets.train_test_split(tagged, y, seed=0)
    assert np.array_equal(train, again[0]) and np.array_equal(test, again[1])
    train_ids, test_ids = train[:, -1].astype(int), test[:, -1].astype(int)
    assert len(test_ids) == round(0.25 * 1797) and len(train_ids) + len(test_ids) == 1797
    assert not set(train_ids) & set(test_ids)
    assert np.array_equal(y[train_ids], y_train) and np.array_equal(y[test_ids], y_test)
    other = datasets.train_test_split(tagged, y, seed=1)[1][:, -1]
    assert not np.array_equal(np.sort(test_ids), np.sort(other))


def test_loads_with_the_network_cable_pulled(monkeypatch):
    def no_network(*args, **kwargs):
        raise OSError("the network is off in this test")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    datasets._digits_table.cache_clear()  # read the file again, under the block
    X, y = datasets.load("digits")
    assert X.shape == (1797, 64)
    with pytest.raises(OSError):
        socket.socket()  # the block works


def test_errors_name_what_is_valid():
    with pytest.raises(UnknownNameError, match="unknown dataset 'digit'; valid dataset names are: .*digits"):
        datasets.load("digit")
    with pytest.raises(ValueError, match="at most 1797"):
        datasets.digits(n_samples=2000)
    with pytest.raises(ValueError, match="n_samples must be a positive whole number"):
        datasets.digits(n_samples=0)


def test_the_2d_sets_stay_the_2d_sets():
    # Widgets that draw the input plane offer DATASETS: the digits are not a plane.
    assert "digits" not in datasets.DATASETS and "digits" in datasets.IMAGES


def test_a_network_learns_the_digits_through_train():
    run = experiments.train("digits", "relu", n_samples=400, epochs=60, seed=0)
    assert run.model.sizes == [64, 16, 16, 10]
    assert len(run.y_test) == 100 and run.final_test_acc > 0.5  # chance is 0.1

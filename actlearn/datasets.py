"""Data sets for classification, seeded and numpy only: four 2-D toy problems and real handwritten digits.

Each function returns (X, y): X is float64 with shape (n_samples, features), y is int64 with the class
labels 0..k-1. The 2-D sets (DATASETS) have 2 features; `noise` is the standard deviation of Gaussian
noise added to every coordinate, so their points live on roughly the same scale, about [-1, 1] (moons:
[-1, 2] x [-0.5, 1]). The digits (IMAGES) are 8x8 images, 64 features, read from a file shipped inside
the package (actlearn/data/README.md says where it comes from): no download, ever.
"""

import functools
import pathlib

import numpy as np

from actlearn.activations import lookup


def _check(n_samples, noise):
    if (
        isinstance(n_samples, (bool, np.bool_))
        or not isinstance(n_samples, (int, np.integer))
        or n_samples < 1
    ):
        raise ValueError(f"n_samples must be a positive whole number of points; got {n_samples!r}")
    if not np.isfinite(noise) or noise < 0:
        raise ValueError(f"noise must be a finite standard deviation >= 0; got {noise!r}")


def _split_evenly(n, k):
    """Return the class of each of n points, k classes as evenly as possible: 0, 0, ..., 1, 1, ..."""
    return np.repeat(np.arange(k), [n // k + (c < n % k) for c in range(k)]).astype(np.int64)


def xor(*, n_samples=200, noise=0.1, seed=0):
    """Return points in the four quadrants; class 1 where the two coordinates have opposite signs."""
    _check(n_samples, noise)
    rng = np.random.default_rng(seed)
    # Keep a margin of 0.1 from the axes so that small noise rarely carries a point across one.
    size = rng.uniform(0.1, 1.0, (n_samples, 2))
    sign = rng.choice([-1.0, 1.0], (n_samples, 2))
    X = size * sign
    y = (sign[:, 0] != sign[:, 1]).astype(np.int64)
    return X + noise * rng.standard_normal((n_samples, 2)), y


def moons(*, n_samples=200, noise=0.1, seed=0):
    """Return two interleaving half circles (the layout of scikit-learn's make_moons)."""
    _check(n_samples, noise)
    rng = np.random.default_rng(seed)
    y = _split_evenly(n_samples, 2)
    t = rng.uniform(0, np.pi, n_samples)
    upper = np.column_stack([np.cos(t), np.sin(t)])
    lower = np.column_stack([1 - np.cos(t), 0.5 - np.sin(t)])
    X = np.where(y[:, None] == 0, upper, lower)
    return X + noise * rng.standard_normal((n_samples, 2)), y


def circles(*, n_samples=200, noise=0.05, factor=0.5, seed=0):
    """Return a circle of radius 1 (class 0) around a circle of radius factor (class 1)."""
    _check(n_samples, noise)
    if not 0 < factor < 1:
        raise ValueError(
            f"factor is the inner radius over the outer one and must be in (0, 1); got {factor!r}"
        )
    rng = np.random.default_rng(seed)
    y = _split_evenly(n_samples, 2)
    t = rng.uniform(0, 2 * np.pi, n_samples)
    radius = np.where(y == 0, 1.0, factor)
    X = radius[:, None] * np.column_stack([np.cos(t), np.sin(t)])
    return X + noise * rng.standard_normal((n_samples, 2)), y


def spiral(*, n_samples=200, arms=2, noise=0.1, seed=0):
    """Return `arms` interleaved spiral arms, one class each, every arm winding one turn from the centre."""
    _check(n_samples, noise)
    if isinstance(arms, (bool, np.bool_)) or not isinstance(arms, (int, np.integer)) or arms < 2:
        raise ValueError(f"arms must be a whole number >= 2 (one class an arm); got {arms!r}")
    rng = np.random.default_rng(seed)
    y = _split_evenly(n_samples, arms)
    radius = rng.uniform(0.05, 1.0, n_samples)
    angle = 2 * np.pi * (y / arms + 1.0 * radius)
    X = radius[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    return X + noise * rng.standard_normal((n_samples, 2)), y


DIGITS_FILE = pathlib.Path(__file__).parent / "data" / "digits.csv.gz"


@functools.cache
def _digits_table():
    """Return the shipped file as (pixel counts, labels), read once; one row an image, its label last."""
    table = np.loadtxt(DIGITS_FILE, delimiter=",", dtype=np.int64)  # numpy reads .gz by itself
    return table[:, :-1], table[:, -1]


def digits(*, n_samples=None, seed=0):
    """Return 8x8 images of handwritten digits, shuffled by seed: X (n, 64) in [0, 1], y the digit 0..9.

    The UCI "Optical Recognition of Handwritten Digits" test part (Alpaydin & Kaynak, 1998; CC BY 4.0):
    1,797 images, about 180 of each digit. Each pixel is a count of inked cells, 0..16; X is that count
    divided by 16. Why not standardise each pixel instead: three pixels are blank in every image (a
    std of 0 to divide by), 0 should keep meaning "no ink", and a fixed divisor needs no statistics of
    the data, so none leak from the test images into training. Column c of X is the pixel in row c // 8,
    column c % 8 of the image.
    n_samples=None gives all 1,797; a number gives the first n_samples of the seeded shuffle.
    train_test_split(X, y, seed=seed) then gives a fixed, seeded train/test split.
    """
    pixels, labels = _digits_table()
    if n_samples is None:
        n_samples = len(labels)
    _check(n_samples, 0.0)
    if n_samples > len(labels):
        raise ValueError(f"n_samples can be at most {len(labels)} (every digit image); got {n_samples}")
    order = np.random.default_rng(seed).permutation(len(labels))[:n_samples]
    return pixels[order] / 16.0, labels[order].copy()


DATASETS = {"xor": xor, "moons": moons, "circles": circles, "spiral": spiral}  # the 2-D sets
IMAGES = {"digits": digits}


def load(name, **kwargs):
    """Return the data set called name, made with kwargs (n_samples, noise, seed, ...)."""
    return lookup("dataset", name, {**DATASETS, **IMAGES})(**kwargs)


def train_test_split(X, y, test_fraction=0.25, seed=0):
    """Return X_train, X_test, y_train, y_test after a seeded shuffle."""
    X, y = np.asarray(X), np.asarray(y)
    if X.ndim != 2 or len(X) != len(y):
        raise ValueError(f"X must be (n, features) and y must have n entries; got X {X.shape}, y {y.shape}")
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be between 0 and 1 (exclusive); got {test_fraction!r}")
    n_test = int(round(test_fraction * len(X)))
    if n_test == 0 or n_test == len(X):
        raise ValueError(
            f"test_fraction={test_fraction} of {len(X)} points leaves an empty train or test set"
        )
    order = np.random.default_rng(seed).permutation(len(X))
    test, train = order[:n_test], order[n_test:]
    return X[train], X[test], y[train], y[test]

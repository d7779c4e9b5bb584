"""softmax, its vector-Jacobian product and Jacobian, and log_softmax.

Infinite and NaN logits, as the code documents them: one +inf logit takes all the probability; a row
with several +inf logits, only -inf ones, or a NaN has no limit to take and is NaN (other rows untouched);
-inf logits get probability 0 (log-probability -inf).
"""

import numpy as np
import pytest
from activations_cases import REFERENCE, within

from actlearn import log_softmax, softmax

INF, NAN = np.inf, np.nan


# A floating-point warning anywhere in these tests is an error (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("strict_floats")


def test_matches_mpmath_including_huge_logits():
    logits = REFERENCE["softmax/logits"]  # includes [1000, 1000, -5], [0, -30, -60] and [1e308, -1e308, 0]
    assert within(softmax(logits), REFERENCE["softmax/value_mpmath"]).all()
    assert within(log_softmax(logits), REFERENCE["log_softmax/value_mpmath"]).all()


def test_log_softmax_keeps_the_digits_of_the_top_entry():
    # log(1 + 9.4e-14) keeps 3 digits of the answer; log1p of the rest keeps them all.
    truth = -np.log1p(np.exp(-30.0) + np.exp(-60.0))
    assert log_softmax([0.0, -30.0, -60.0])[0] == pytest.approx(truth, rel=1e-14)
    np.testing.assert_array_equal(log_softmax([1000.0, 0.0]), [0.0, -1000.0])
    assert np.isfinite(log_softmax([1e300, -1e300 / 3, 0.0])).all()


def test_sums_to_one_and_ignores_a_constant_shift():
    x = np.random.default_rng(0).normal(scale=10, size=(50, 7))
    s = softmax(x)
    np.testing.assert_allclose(s.sum(axis=-1), 1, rtol=1e-15)
    np.testing.assert_allclose(softmax(x + 123.0), s, rtol=1e-12)
    np.testing.assert_allclose(np.exp(log_softmax(x)), s, rtol=1e-13)
    np.testing.assert_array_equal(softmax([1000.0, 1000.0]), [0.5, 0.5])


def test_axis():
    x = np.random.default_rng(1).normal(size=(3, 4, 5))
    for axis in (0, 1, 2, -1):
        s = softmax(x, axis=axis)
        np.testing.assert_allclose(s.sum(axis=axis), 1, rtol=1e-15)
        moved = softmax(np.moveaxis(x, axis, -1))
        np.testing.assert_allclose(np.moveaxis(s, axis, -1), moved, rtol=1e-15)
        np.testing.assert_allclose(
            np.moveaxis(log_softmax(x, axis=axis), axis, -1), np.log(moved), rtol=1e-13
        )
    with pytest.raises(ValueError, match="out of bounds"):
        softmax(x, axis=3)


def test_jacobian_of_a_vector():
    x = np.array([0.5, -1.0, 2.0, 0.0])
    s, J = softmax(x), softmax.jacobian(x)
    np.testing.assert_allclose(J, np.diag(s) - np.outer(s, s), rtol=1e-15)
    h = 1e-6
    numeric = np.array([(softmax(x + h * e) - softmax(x - h * e)) / (2 * h) for e in np.eye(4)]).T
    np.testing.assert_allclose(J, numeric, atol=1e-10)
    np.testing.assert_allclose(J.sum(axis=0), 0, atol=1e-16)  # probabilities keep summing to 1
    with pytest.raises(ValueError, match="1-D"):
        softmax.jacobian(np.zeros((2, 3)))


def test_grad_is_the_vector_jacobian_product():
    rng = np.random.default_rng(2)
    x, upstream = rng.normal(size=(6, 4)), rng.normal(size=(6, 4))
    g = softmax.grad(x, upstream)
    for row in range(6):
        np.testing.assert_allclose(g[row], upstream[row] @ softmax.jacobian(x[row]), rtol=1e-12, atol=1e-15)
    # against finite differences of the scalar loss L(x) = sum(upstream * softmax(x))
    h = 1e-6
    for i, j in [(0, 0), (3, 2), (5, 3)]:
        step = np.zeros_like(x)
        step[i, j] = h
        loss = lambda z: np.sum(upstream * softmax(z))  # noqa: E731
        assert g[i, j] == pytest.approx((loss(x + step) - loss(x - step)) / (2 * h), abs=1e-9)
    np.testing.assert_allclose(softmax.grad(x.T, upstream.T, axis=0), g.T, rtol=1e-12)
    with pytest.raises(ValueError, match="upstream must have the shape of x"):
        softmax.grad(x, upstream[:, :3])


def test_infinite_and_nan_logits():
    x = np.array(
        [
            [INF, 0.0, -INF],  # one +inf takes everything
            [INF, INF, 0.0],  # inf - inf: no limit
            [-INF, -INF, -INF],  # 0 / 0: no limit
            [1.0, NAN, 2.0],
            [-INF, 0.0, 0.0],  # -inf is probability 0
            [1e308, -1e308, 0.0],  # finite, however far apart
        ]
    )
    s, logs = softmax(x), log_softmax(x)
    np.testing.assert_array_equal(s[0], [1, 0, 0])
    np.testing.assert_array_equal(logs[0], [0, -INF, -INF])
    assert np.isnan(s[1:4]).all() and np.isnan(logs[1:4]).all()
    np.testing.assert_array_equal(s[4], [0, 0.5, 0.5])
    np.testing.assert_allclose(logs[4], [-INF, -np.log(2), -np.log(2)], rtol=1e-15)
    np.testing.assert_array_equal(s[5], [1, 0, 0])
    np.testing.assert_array_equal(logs[5], [0, -INF, -1e308])
    np.testing.assert_array_equal(softmax.grad(x[[0, 5]], np.ones((2, 3))), np.zeros((2, 3)))


@pytest.mark.parametrize("dtype", [np.float16, np.float32])
def test_low_precision_keeps_its_dtype(dtype):
    x = np.array([[1.0, 2.0, 3.0], [60000.0, 0.0, -60000.0]], dtype=dtype)
    upstream = np.ones((2, 3))  # float64: the result still follows x
    for out in (softmax(x), log_softmax(x), softmax.grad(x, upstream), softmax.jacobian(x[0])):
        assert out.dtype == dtype
    exact = softmax(x.astype(np.float64))
    np.testing.assert_allclose(softmax(x), exact, rtol=4 * np.finfo(dtype).eps, atol=0)
    with np.errstate(over="ignore"):
        exact_logs = log_softmax(x.astype(np.float64)).astype(dtype)  # -120000 is -inf in float16
    np.testing.assert_allclose(log_softmax(x), exact_logs, rtol=4 * np.finfo(dtype).eps)


def test_inputs_scalars_and_empty_arrays():
    with pytest.raises(ValueError, match="at least one axis"):
        softmax(3.0)
    with pytest.raises(ValueError, match="at least one axis"):
        log_softmax(3.0)
    assert softmax(np.zeros((0, 4))).shape == (0, 4) and log_softmax(np.zeros((2, 0))).shape == (2, 0)
    np.testing.assert_array_equal(softmax([1, 1]), [0.5, 0.5])
    x = np.array([[3.0, 1.0], [0.0, 2.0]])
    before = x.copy()
    softmax(x), log_softmax(x), softmax.grad(x, x), softmax.jacobian(x[0])
    np.testing.assert_array_equal(x, before)
    np.testing.assert_array_equal(softmax(x.T), softmax(x.T.copy()))

"""gradcheck's finite differences match derivatives worked out by hand, and its table says what it sees."""

import contextlib
import io

import numpy as np
import pytest

from actlearn import gradcheck


def printed(fn, *args):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        fn(*args)
    return out.getvalue()


def test_the_numerical_gradient_of_a_cubic_is_three_x_squared():
    x = np.array([[-2.0, -0.5, 0.0], [0.3, 1.0, 4.0]])
    grad = gradcheck.numerical_gradient(lambda v: np.sum(v**3), x)
    np.testing.assert_allclose(grad, 3 * x**2, rtol=1e-8, atol=1e-8)


def test_the_numerical_gradient_of_a_quadratic_form_is_a_plus_a_transposed_times_x():
    rng = np.random.default_rng(0)
    A, x = rng.standard_normal((4, 4)), rng.standard_normal(4)
    grad = gradcheck.numerical_gradient(lambda v: v @ A @ v, x)
    np.testing.assert_allclose(grad, (A + A.T) @ x, rtol=1e-7, atol=1e-9)


def test_the_difference_is_central_its_error_shrinks_like_eps_squared():
    # sin at 1 with eps 1e-3: a one-sided difference is off by about eps/2 * sin(1) = 4e-4,
    # a central one by eps^2/6 * cos(1) = 9e-8
    x = np.array([1.0])
    grad = gradcheck.numerical_gradient(lambda v: np.sin(v[0]), x, eps=1e-3)
    assert abs(grad[0] - np.cos(1.0)) < 1e-7


def test_x_is_restored_exactly_and_f_sees_the_nudged_array_itself():
    x = np.array([0.1, 0.2, 0.3])
    before = x.copy()
    seen = []
    gradcheck.numerical_gradient(lambda v: seen.append(v is x) or float(np.sum(v)), x)
    assert np.array_equal(x, before) and all(seen) and len(seen) == 6


def test_numerical_gradients_of_a_dict_match_the_softmax_regression_gradient_by_hand():
    rng = np.random.default_rng(1)
    X, y = rng.standard_normal((5, 3)), np.array([0, 2, 1, 1, 0])
    params = {"W": rng.standard_normal((3, 3)), "b": rng.standard_normal(3)}

    def loss():
        z = X @ params["W"] + params["b"]
        z = z - z.max(axis=1, keepdims=True)
        log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return -log_p[np.arange(5), y].mean()

    z = X @ params["W"] + params["b"]
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    dz = (p - np.eye(3)[y]) / 5  # the textbook gradient of the mean cross-entropy
    numeric = gradcheck.numerical_gradients(loss, params)
    np.testing.assert_allclose(numeric["W"], X.T @ dz, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(numeric["b"], dz.sum(axis=0), rtol=1e-6, atol=1e-9)


def test_bad_inputs_get_clear_errors():
    with pytest.raises(TypeError, match="float numpy array"):
        gradcheck.numerical_gradient(lambda v: 0.0, np.array([1, 2]))
    with pytest.raises(TypeError, match="got a list"):
        gradcheck.numerical_gradient(lambda v: 0.0, [1.0, 2.0])
    with pytest.raises(ValueError, match="one number"):
        gradcheck.numerical_gradient(lambda v: v * 2, np.array([1.0, 2.0]))
    with pytest.raises(ValueError, match=r"\(2,\) and \(3,\)"):
        gradcheck.rel_error(np.zeros(2), np.zeros(3))
    with pytest.raises(KeyError, match="no gradient for b"):
        gradcheck.table({"W": np.zeros(2)}, {"W": np.zeros(2), "b": np.zeros(1)})


def test_rel_error_is_cs231ns_largest_relative_difference_with_its_floor():
    assert gradcheck.rel_error(np.array([1.0, 2.0]), np.array([1.0, 2.0])) == 0
    assert gradcheck.rel_error(np.array([1.0, 1.0]), np.array([1.0, 3.0])) == pytest.approx(0.5)
    assert gradcheck.rel_error(np.array([1.0]), np.array([-1.0])) == pytest.approx(1.0)  # a sign error
    # below the floor (1e-4) an entry counts by its absolute difference: rounding's 1e-10 cannot fail it
    assert gradcheck.rel_error(np.array([-3.5e-11]), np.array([-1.8e-9])) == pytest.approx(1.765e-5)
    assert gradcheck.rel_error(np.array([0.0]), np.array([1e-12])) == pytest.approx(1e-8)  # 1e-12 / 1e-4
    assert gradcheck.rel_error(np.array([0.0]), np.array([1e-3])) == pytest.approx(1.0)  # above it, relative


def test_the_table_prints_one_line_a_parameter_with_bounds_for_noise_and_digits_for_mistakes():
    right = {"W": np.array([[0.5, -0.25]]), "b": np.array([0.1])}
    numeric = {"W": right["W"] + 1e-10, "b": np.array([0.1])}
    lines = printed(gradcheck.table, right, numeric).splitlines()
    assert lines == [
        "W      | exact: False | close: True  | max abs diff:  < 1e-06 | rel error:  < 1e-04 | ok",
        "b      | exact: True  | close: True  | max abs diff:        0 | rel error:        0 | ok",
    ]
    wrong = printed(gradcheck.compare, "W", -right["W"], right["W"])
    assert wrong.endswith("| close: False | max abs diff:        1 | rel error:        1 | WRONG\n")
    assert "shape (2, 1), expected (1, 2)" in printed(gradcheck.compare, "W", right["W"].T, right["W"])


def test_below_prints_a_bound_under_the_limit_and_the_digits_above_it():
    assert gradcheck.below(0.0, 1e-15) == "< 1e-15"  # exactly 0 on one CPU, 2e-16 on another: the same line
    assert gradcheck.below(2.2e-16, 1e-15) == "< 1e-15"
    assert gradcheck.below(3.4e-12, 1e-15) == "3.4e-12"  # over the limit: the reader sees how far
    assert gradcheck.bound(0.0, 1e-6) == "0"

"""Accuracy of every elementwise activation and derivative: reference vectors, finite differences, dtypes.

The truth is mpmath at 60 digits, stored in tests/reference/activations.npz with PyTorch's float64 results
beside it (see tests/reference/make_reference.py). Neither is needed to run these tests.
"""

import numpy as np
import pytest
from activations_cases import ALL_CASES, CASES, GRID, REFERENCE, case_id, relative_error, ulps, within

import actlearn

# A floating-point warning anywhere in these tests is an error (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("strict_floats")


def derivative_tolerance(x, truth):
    """Return the absolute error allowed on top of 1e-10 relative: 1e-13 where f' crosses zero."""
    # Next to a zero of f' (swish near -1.28, GELU near -0.75) the terms of f' cancel, so only an absolute
    # error can be asked for. Out in the tails (|x| >= 5) the full relative precision is required.
    return np.where((np.abs(truth) < 1e-12) & (np.abs(x) < 5), 1e-13, 0.0)


@pytest.mark.parametrize("key", CASES)
def test_values_match_mpmath_to_1e10_relative(key):
    act, params = CASES[key]
    ours, truth = act(GRID, **params), REFERENCE[f"{key}/value_mpmath"]
    ok = within(ours, truth)
    assert ok.all(), f"{key} at x = {GRID[~ok]}: relative errors {relative_error(ours, truth)[~ok]}"


@pytest.mark.parametrize("key", CASES)
def test_derivatives_match_mpmath_to_1e10_relative(key):
    act, params = CASES[key]
    ours, truth = act.grad(GRID, **params), REFERENCE[f"{key}/grad_mpmath"]
    ok = within(ours, truth) | (np.abs(ours - truth) <= derivative_tolerance(GRID, truth))
    assert ok.all(), f"{key}' at x = {GRID[~ok]}: relative errors {relative_error(ours, truth)[~ok]}"


@pytest.mark.parametrize(
    "key, what, x",
    [
        ("sigmoid", "value", -700.0),
        ("sigmoid", "grad", 40.0),
        ("tanh", "grad", 20.0),
        ("elu", "value", -1e-8),
        ("gelu", "value", -10.0),
        ("gelu", "grad", -10.0),
        ("gelu_tanh", "value", -10.0),
        ("swish", "grad", -700.0),
    ],
)
def test_the_tails_that_naive_formulas_lose(key, what, x):
    # The classic failures: s(1 - s) and 1 - tanh^2 round to 0 (tanh'(20) is about 1.7e-17), exp(x) - 1
    # keeps no digit of elu(-1e-8), and 0.5x(1 + erf(x / sqrt 2)) is exactly 0 at -10 (truly about -7.6e-23).
    act, params = CASES[key]
    ours = (act if what == "value" else act.grad)(x, **params)
    truth = REFERENCE[f"{key}/{what}_mpmath"][GRID == x]
    assert ours != 0
    assert within(ours, truth, floor=0).all(), relative_error(ours, truth)


def test_torch_agrees_with_mpmath_except_in_known_places():
    # Two independent sources agreeing on the bulk of the grid is what makes the reference believable.
    # Where torch float64 is off (worth a remark in the course), it is only: derivatives of sigmoid and tanh
    # for |x| >= 8 (it computes s(1-s) and 1 - tanh^2), GELU for x <= -5 (the erf formula), and +-inf for
    # swish and GELU (NaN: inf * 0), plus the cancelling derivative next to a zero crossing.
    for key in CASES:
        for what in ("value", "grad"):
            truth, torch = REFERENCE[f"{key}/{what}_mpmath"], REFERENCE[f"{key}/{what}_torch"]
            with np.errstate(invalid="ignore"):
                bad = ~within(torch, truth) & ~(np.abs(torch - truth) <= derivative_tolerance(GRID, truth))
            tails_only = (np.abs(GRID[bad]) >= 5).all()
            assert tails_only, f"torch and mpmath disagree for {key} {what} at {GRID[bad]}"
            if key in ("relu", "leaky_relu", "prelu", "elu", "sigmoid", "tanh") and what == "value":
                assert not bad.any(), f"torch {key} should be exact; check the generator"
    assert REFERENCE["gelu/value_torch"][GRID == -10.0] == 0  # the erf formula's lost tail
    assert np.isnan(REFERENCE["swish/value_torch"][GRID == -np.inf])  # PyTorch's NaN at -inf


@pytest.mark.parametrize("alpha", [1.0, 0.5, 3.0])
def test_elu_keeps_every_digit_near_zero_where_exp_minus_one_cancels(alpha):
    # exp(x) - 1 keeps no digit of elu(-1e-12); expm1 keeps them all, down to -50 and in float32 too.
    # np.expm1 in float64 is the truth here (correctly rounded, or nearly).
    x = -np.geomspace(1e-12, 50, 20001)
    truth = alpha * np.expm1(x)
    ours = actlearn.elu(x, alpha=alpha)
    assert within(ours, truth, rel=1e-12).all(), relative_error(ours, truth).max()
    x32 = x.astype(np.float32)
    truth32 = alpha * np.expm1(x32.astype(np.float64))
    assert ulps(actlearn.elu(x32, alpha=alpha), truth32).max() <= 4


def test_swish_keeps_the_tail_where_exp_minus_x_overflows():
    # Below x = -709.8, e^-x overflows to inf and x / (1 + e^-x) would be -0; the truth is about x e^x,
    # a subnormal number: swish(-712) = -712 e^-712 and swish'(-712) = (1 - 712) e^-712, to 1e-300 relative.
    x = -712.0
    assert actlearn.swish(x) == pytest.approx(-np.exp(np.log(712) + x), rel=1e-10)
    assert actlearn.swish.grad(x) == pytest.approx(-np.exp(np.log(711) + x), rel=1e-10)


@pytest.mark.parametrize("case", ALL_CASES, ids=case_id)
def test_derivative_matches_central_differences(case):
    act, params = case
    x = np.concatenate([np.linspace(-12, 12, 241) + 0.05, [-30.0, -3e-3, 3e-3, 25.0]])
    h = 6e-6 * np.maximum(1, np.abs(x))  # about eps^(1/3) scaled to x: balances rounding and truncation
    numeric = (act(x + h, **params) - act(x - h, **params)) / (2 * h)
    np.testing.assert_allclose(act.grad(x, **params), numeric, rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize("dtype", [np.float16, np.float32])
@pytest.mark.parametrize("case", ALL_CASES, ids=case_id)
def test_low_precision_keeps_its_dtype_and_is_accurate_to_a_few_ulps(case, dtype):
    act, params = case
    info = np.finfo(dtype)
    rng = np.random.default_rng(0)
    x = np.concatenate([rng.normal(scale=4, size=400), rng.normal(scale=40, size=100)])
    x = np.concatenate([x, [0, 1e-3, -1e-3, 15, -15, -30, 80, -80, -700]]).astype(dtype)
    extremes = [info.max, -info.max, info.tiny, -info.tiny, info.smallest_subnormal]
    x = np.concatenate([x, extremes]).astype(dtype)
    x64 = x.astype(np.float64)
    for fn in (act, act.grad):
        ours = fn(x, **params)
        assert ours.dtype == dtype, f"{fn} turned {np.dtype(dtype)} into {ours.dtype}"
        truth = fn(x64, **params)  # exact to 1e-10 (the tests above); ulps() rounds it to dtype
        few_ulps = ulps(ours, truth) <= 4
        # Where f is ill-conditioned (|x f'/f| large: the tails of swish with beta != 1 and of GELU's tanh
        # form, a derivative next to its zero), rounding beta * x or a polynomial in float32 moves the result
        # by more than a few ulps, in any float32 implementation. There ask for the backward-stable answer:
        # within a few ulps of f at an input within 4 ulps of x.
        with np.errstate(over="ignore", invalid="ignore"):
            nearby = [fn(x64 * (1 + k * info.eps), **params) for k in (-4, 4)]
            spacing = np.spacing(np.abs(truth).astype(dtype)).astype(np.float64)
        low = np.minimum.reduce([truth, *nearby]) - 4 * spacing
        high = np.maximum.reduce([truth, *nearby]) + 4 * spacing
        backward_stable = (low <= ours) & (ours <= high)
        ok = few_ulps | backward_stable
        assert ok.all(), f"{fn} {np.dtype(dtype)} at x = {x[~ok]}: {ulps(ours, truth)[~ok]} ulps"


LIMITS = {
    # activation: (f(-inf), f(inf), f'(-inf), f'(inf)), from the maths, not from the code
    "sigmoid": (0, 1, 0, 0),
    "tanh": (-1, 1, 0, 0),
    "relu": (0, np.inf, 0, 1),
    "leaky_relu": (-np.inf, np.inf, 0.01, 1),
    "prelu": (-np.inf, np.inf, 0.25, 1),
    "elu": (-1, np.inf, 0, 1),
    "swish": (0, np.inf, 0, 1),
    "gelu": (0, np.inf, 0, 1),
    "softplus": (0, np.inf, 0, 1),
    "selu": (-1.6732632423543772 * 1.0507009873554805, np.inf, 0, 1.0507009873554805),
    "mish": (0, np.inf, 0, 1),
    "hardswish": (0, np.inf, 0, 1),
    "relu6": (0, 6, 0, 0),
}


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
@pytest.mark.parametrize("name", LIMITS)
def test_true_limits_at_infinity(name, dtype):
    act = actlearn.get(name)
    x = np.array([-np.inf, np.inf], dtype=dtype)
    at_minus, at_plus, grad_minus, grad_plus = LIMITS[name]
    # exact in float64; in float16/32 the limit rounded to the dtype (SELU's are irrational), to an ulp
    ulp = 0 if dtype == np.float64 else np.finfo(dtype).eps
    np.testing.assert_allclose(act(x), np.array([at_minus, at_plus]).astype(dtype), rtol=ulp)
    assert act.grad(x).tolist() == pytest.approx([grad_minus, grad_plus], rel=1e-3)
    if name == "gelu":
        assert act(x, approximate="tanh").tolist() == [0, np.inf]
        assert act.grad(x, approximate="tanh").tolist() == [0, 1]


@pytest.mark.parametrize(
    "case, at_minus, at_plus",
    [
        ((actlearn.leaky_relu, {"alpha": 0.0}), 0, np.inf),
        ((actlearn.prelu, {"alpha": 0.0}), 0, np.inf),
        ((actlearn.swish, {"beta": 0.0}), -np.inf, np.inf),  # x / 2
        ((actlearn.swish, {"beta": 10.0}), 0, np.inf),
        ((actlearn.elu, {"alpha": 3.0}), -3, np.inf),
    ],
    ids=lambda v: case_id(v) if isinstance(v, tuple) else "",
)
def test_limits_at_the_ends_of_the_slider_ranges(case, at_minus, at_plus):
    act, params = case
    assert act(np.array([-np.inf, np.inf]), **params).tolist() == [at_minus, at_plus]


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
@pytest.mark.parametrize("case", ALL_CASES, ids=case_id)
def test_nan_in_gives_nan_out_and_leaves_the_rest_alone(case, dtype):
    act, params = case
    x = np.array([-2.0, np.nan, 0.0, 3.0, np.nan], dtype=dtype)
    for fn in (act, act.grad):
        out = fn(x, **params)
        assert np.isnan(out).tolist() == [False, True, False, False, True], fn
        np.testing.assert_array_equal(out[[0, 2, 3]], fn(x[[0, 2, 3]], **params))


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
@pytest.mark.parametrize("case", ALL_CASES, ids=case_id)
def test_no_floating_point_warning_for_any_finite_input(case, dtype):
    # The fixture turns a warning into FloatingPointError; the extremes of each dtype are where they hide.
    act, params = case
    info = np.finfo(dtype)
    x = np.array([info.max, -info.max, info.tiny, -info.tiny, info.smallest_subnormal, 0, -0.0, 1, -1], dtype)
    for fn in (act, act.grad):
        out = fn(x, **params)
        assert not np.isnan(out).any(), f"{fn} gave NaN for a finite input: {out}"


@pytest.mark.parametrize("alpha", [0.01, 0.2])
def test_derivative_at_a_kink_is_the_left_hand_value(alpha):
    # PyTorch's choice: relu'(0) = 0, leaky_relu'(0) = alpha, and ELU's left-hand alpha * e^0 = alpha.
    for zero in (0.0, -0.0):
        assert actlearn.relu.grad(zero) == 0
        assert actlearn.leaky_relu.grad(zero, alpha=alpha) == alpha
        assert actlearn.prelu.grad(zero, alpha=alpha) == alpha
        assert actlearn.elu.grad(zero, alpha=alpha) == alpha
    assert actlearn.relu.grad(1e-300) == 1 and actlearn.leaky_relu.grad(1e-300, alpha=alpha) == 1

"""Property tests: identities and claims that must hold for any input hypothesis can think of."""

import numpy as np
import pytest
from activations_cases import ELEMENTWISE
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

import actlearn
from actlearn.activations import Interval

SETTINGS = settings(max_examples=40, deadline=None)
FINITE = st.floats(allow_nan=False, allow_infinity=False)
finite_arrays = arrays(np.float64, array_shapes(max_dims=2, max_side=8), elements=FINITE)


def in_closed_hull(values, stated):
    """Return whether values lie within [low, high] of a range (an open end may be met by rounding)."""
    if isinstance(stated, Interval):
        slack = 4e-16 * max(1.0, abs(stated.low) if np.isfinite(stated.low) else 1.0)
        return bool(((values >= stated.low - slack) & (values <= stated.high + 4e-16)).all())
    return bool(np.isin(values, stated.values).all())


# A floating-point warning anywhere in these tests is an error (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("strict_floats")


@pytest.mark.parametrize("act", ELEMENTWISE, ids=lambda a: a.name)
@SETTINGS
@given(x=finite_arrays)
def test_values_and_derivatives_stay_in_their_stated_ranges(act, x):
    assert in_closed_hull(act(x), act.output_range)
    assert in_closed_hull(act.grad(x), act.derivative_range)


@pytest.mark.parametrize("act", [a for a in ELEMENTWISE if a.monotonic], ids=lambda a: a.name)
@SETTINGS
@given(x=finite_arrays)
def test_monotonic_functions_never_decrease(act, x):
    y = act(np.sort(x, axis=None))
    assert (y[1:] >= y[:-1]).all()  # compared, not subtracted: SELU rightly gives inf - inf at the top


@SETTINGS
@given(x=finite_arrays)
def test_sigmoid_symmetry_and_tanh_identity(x):
    s = actlearn.sigmoid
    np.testing.assert_allclose(s(-x), 1 - s(x), rtol=0, atol=4e-16)  # a few roundings below 1
    x = np.clip(x, -1e300, 1e300)  # so that 2x stays finite
    np.testing.assert_allclose(actlearn.tanh(x), 2 * s(2 * x) - 1, rtol=0, atol=4e-16)


@SETTINGS
@given(
    x=arrays(np.float64, array_shapes(min_dims=1, max_dims=2, max_side=8), elements=st.floats(-700, 700)),
    shift=st.floats(-100, 100),
)
def test_softmax_sums_to_one_and_ignores_a_constant_shift(x, shift):
    s = actlearn.softmax(x)
    np.testing.assert_allclose(s.sum(axis=-1), 1, rtol=1e-14)
    assert ((s >= 0) & (s <= 1)).all()
    # x + shift rounds each logit by up to half an ulp of 800, which moves s by up to that, relatively.
    np.testing.assert_allclose(actlearn.softmax(x + shift), s, rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize("act", ELEMENTWISE + [actlearn.softmax], ids=lambda a: a.name)
@SETTINGS
@given(
    x=arrays(
        st.sampled_from([np.float16, np.float32, np.float64]),
        array_shapes(min_dims=1, max_dims=2, max_side=6),
        elements=st.floats(-1e4, 1e4, width=16),
    )
)
def test_dtype_is_kept(act, x):
    assert act(x).dtype == x.dtype
    if act is not actlearn.softmax:
        assert act.grad(x).dtype == x.dtype


@pytest.mark.parametrize("act", ELEMENTWISE, ids=lambda a: a.name)
@SETTINGS
@given(x=finite_arrays.filter(lambda a: a.size > 0), where=st.integers(0, 63))
def test_nan_is_propagated_where_it_is_and_nowhere_else(act, x, where):
    x = x.copy()
    flat = x.reshape(-1)
    flat[where % flat.size] = np.nan
    for fn in (act, act.grad):
        out = fn(x)
        np.testing.assert_array_equal(np.isnan(out), np.isnan(x))

"""What every activation accepts and refuses, PReLU's learnable slope, and the name registry."""

import numpy as np
import pytest
from activations_cases import ALL_CASES, ELEMENTWISE, case_id

import actlearn
from actlearn.checks import UnknownNameError, as_float_array, lookup

# A floating-point warning anywhere in these tests is an error (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("strict_floats")


@pytest.mark.parametrize("case", ALL_CASES, ids=case_id)
def test_lists_scalars_and_integers_give_float64(case):
    act, params = case
    for fn in (act, act.grad):
        expected = fn(np.array([-2.0, 0.0, 3.0]), **params)
        np.testing.assert_array_equal(fn([-2, 0, 3], **params), expected)
        np.testing.assert_array_equal(fn(np.array([-2, 0, 3], dtype=np.int8), **params), expected)
        assert fn(np.array([-2, 0, 3]), **params).dtype == np.float64
        scalar = fn(3, **params)
        assert np.ndim(scalar) == 0 and scalar.dtype == np.float64 and scalar == expected[2]
        assert fn(np.float32(3), **params).dtype == np.float32
        assert np.ndim(fn(np.array(-2.0), **params)) == 0


@pytest.mark.parametrize("case", ALL_CASES, ids=case_id)
def test_empty_and_non_contiguous_arrays_and_the_callers_array_is_left_alone(case):
    act, params = case
    x = np.linspace(-5, 5, 60).reshape(6, 10)
    before = x.copy()
    for fn in (act, act.grad):
        assert fn(np.zeros((0, 3)), **params).shape == (0, 3)
        np.testing.assert_array_equal(fn(x.T, **params), fn(x.T.copy(), **params))
        np.testing.assert_array_equal(fn(x[:, ::3], **params), fn(x[:, ::3].copy(), **params))
    np.testing.assert_array_equal(x, before)


@pytest.mark.parametrize(
    "bad", ["1.0", None, 1j, np.array([1 + 2j]), np.array([1, None], dtype=object), ["a"]]
)
@pytest.mark.parametrize("act", ELEMENTWISE + [actlearn.softmax], ids=lambda a: a.name)
def test_non_real_input_raises_a_type_error_that_says_what_was_expected(act, bad):
    with pytest.raises(TypeError, match="expected real numbers"):
        act(bad)
    if act is not actlearn.softmax:
        with pytest.raises(TypeError, match="expected real numbers"):
            act.grad(bad)


def test_as_float_array_keeps_float_dtypes_and_widens_integers():
    for dtype in (np.float16, np.float32, np.float64):
        assert as_float_array(np.zeros(2, dtype)).dtype == dtype
    assert as_float_array(np.zeros(2, np.int32)).dtype == np.float64
    assert as_float_array([True, False]).dtype == np.float64


def test_unknown_gelu_approximation_names_the_valid_ones():
    with pytest.raises(ValueError, match=r"approximate='fast'.*'none', 'tanh'"):
        actlearn.gelu(1.0, approximate="fast")
    with pytest.raises(ValueError, match="'none', 'tanh'"):
        actlearn.gelu.grad(1.0, approximate="fast")


@pytest.mark.parametrize(
    "act, bad, valid",
    [
        (actlearn.leaky_relu, "negative_slope", "alpha"),
        (actlearn.elu, "beta", "alpha"),
        (actlearn.swish, "alpha", "beta"),
        (actlearn.gelu, "approx", "approximate"),
        (actlearn.sigmoid, "alpha", "no parameters"),
        (actlearn.softmax, "dim", "axis"),
    ],
    ids=lambda v: getattr(v, "name", v),
)
def test_unknown_parameter_raises_a_type_error_listing_the_valid_ones(act, bad, valid):
    with pytest.raises(TypeError, match=f"{bad}.*{valid}"):
        act([1.0, 2.0], **{bad: 1})


def test_parameter_values_are_checked():
    with pytest.raises(TypeError, match="alpha must be a real number"):
        actlearn.leaky_relu(1.0, alpha="big")
    with pytest.raises(ValueError, match="alpha must be finite"):
        actlearn.elu(1.0, alpha=np.inf)
    with pytest.raises(ValueError, match="beta must be finite"):
        actlearn.swish.grad(1.0, beta=np.nan)


def test_get_accepts_aliases_case_hyphens_and_spaces():
    assert actlearn.get("Leaky-ReLU") is actlearn.leaky_relu
    assert actlearn.get(" GELU ") is actlearn.gelu
    assert actlearn.get("leaky relu") is actlearn.leaky_relu
    assert actlearn.get("SiLU") is actlearn.silu
    assert actlearn.get("logistic") is actlearn.sigmoid
    assert actlearn.get(actlearn.tanh) is actlearn.tanh
    assert list(actlearn.ACTIVATIONS) == [
        "sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu", "softmax", "swish", "gelu",
        "softplus", "selu", "mish", "hardswish", "relu6",
    ]  # fmt: skip
    assert [name for name, act in actlearn.ACTIVATIONS.items() if act.in_article] == [
        "sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu", "softmax", "swish", "gelu"
    ]  # fmt: skip


def test_unknown_name_lists_every_valid_name():
    with pytest.raises(UnknownNameError) as caught:
        actlearn.get("relu7")
    message = str(caught.value)
    assert "'relu7'" in message
    for name in [*actlearn.ACTIVATIONS, "silu"]:
        assert name in message
    assert isinstance(caught.value, KeyError) and isinstance(caught.value, ValueError)
    with pytest.raises(TypeError, match="expected an activation name"):
        actlearn.get(3)


def test_lookup_reads_the_same_for_any_kind_of_name():
    assert lookup("dataset", "xor", {"xor": 1, "moons": 2}) == 1
    with pytest.raises(KeyError, match="unknown dataset 'spiral'; valid dataset names are: xor, moons"):
        lookup("dataset", "spiral", {"xor": 1, "moons": 2})


def test_silu_is_swish_with_beta_one():
    x = np.linspace(-10, 10, 101)
    np.testing.assert_array_equal(actlearn.silu(x), actlearn.swish(x, beta=1.0))
    np.testing.assert_array_equal(actlearn.silu.grad(x), actlearn.swish.grad(x, beta=1.0))


# --- PReLU: a slope per unit, and its derivative with respect to the slope ------------------------------


def test_prelu_with_one_slope_per_unit_broadcasts_over_the_batch():
    x = np.random.default_rng(1).normal(size=(5, 3))
    alpha = np.array([0.0, 0.1, 0.7])
    out, grad = actlearn.prelu(x, alpha=alpha), actlearn.prelu.grad(x, alpha=alpha)
    for unit in range(3):
        column, a = x[:, unit], alpha[unit]
        np.testing.assert_array_equal(out[:, unit], np.where(column > 0, column, a * column))
        np.testing.assert_array_equal(grad[:, unit], np.where(column > 0, 1.0, a))


def test_prelu_grad_alpha_matches_finite_differences():
    x = np.array([[-2.0, -0.5, 0.3], [1.5, -3.0, -1e-3]])
    alpha = np.array([0.2, 0.25, 0.9])
    h = 1e-6
    numeric = (actlearn.prelu(x, alpha=alpha + h) - actlearn.prelu(x, alpha=alpha - h)) / (2 * h)
    np.testing.assert_allclose(actlearn.prelu.grad_alpha(x, alpha), numeric, rtol=1e-8, atol=1e-12)
    np.testing.assert_allclose(actlearn.prelu.grad_alpha(-2.0, 0.25), -2.0)
    assert actlearn.prelu.grad_alpha(2.0, 0.25) == 0


def test_prelu_keeps_float32_with_a_float64_slope():
    x = np.array([[-1.0, 2.0], [3.0, -4.0]], dtype=np.float32)
    alpha = np.array([0.25, 0.5])  # float64, one per unit
    assert actlearn.prelu(x, alpha=alpha).dtype == np.float32
    assert actlearn.prelu.grad(x, alpha=alpha).dtype == np.float32
    assert actlearn.prelu.grad_alpha(x, alpha).dtype == np.float32
    np.testing.assert_array_equal(actlearn.prelu(x, alpha=alpha), [[-0.25, 2], [3, -2]])


def test_leaky_relu_and_prelu_outside_zero_to_one_take_the_general_path():
    # max(x, alpha x) is only right for 0 <= alpha <= 1; a slope of 2 or -1 must still give the definition.
    x = np.array([-3.0, -1.0, 0.0, 2.0, np.nan])
    for alpha in (2.0, -1.0):
        expected = [-3 * alpha, -alpha, 0, 2, np.nan]
        np.testing.assert_array_equal(actlearn.leaky_relu(x, alpha=alpha), expected)
        np.testing.assert_array_equal(actlearn.prelu.grad(x, alpha=alpha), [alpha, alpha, alpha, 1, np.nan])


def test_parameters_can_be_given_by_position_or_by_name_but_not_both():
    x = np.array([-2.0, 3.0])
    np.testing.assert_array_equal(actlearn.prelu(x, 0.1), [-0.2, 3.0])
    np.testing.assert_array_equal(actlearn.leaky_relu.grad(x, 0.3), [0.3, 1.0])
    np.testing.assert_array_equal(actlearn.swish(x, 2.0), actlearn.swish(x, beta=2.0))
    np.testing.assert_array_equal(actlearn.gelu(x, "tanh"), actlearn.gelu(x, approximate="tanh"))
    with pytest.raises(TypeError, match="both by position and by name"):
        actlearn.elu(x, 0.5, alpha=0.5)
    with pytest.raises(TypeError, match="takes 0 parameter"):
        actlearn.sigmoid(x, 2.0)


# --- what a learner sees with ?? and ?, and how the module reads --------------------------------------


@pytest.mark.parametrize("act", ELEMENTWISE + [actlearn.softmax, actlearn.silu], ids=lambda a: a.name)
def test_question_marks_in_jupyter_show_the_plain_function_and_its_facts(act):
    from IPython.core import oinspect

    source = oinspect.getsource(act)  # what act?? prints
    assert source.startswith(f"def {act.name}(x"), source[:80]
    doc = oinspect.getdoc(act)  # what act? prints
    assert doc.splitlines()[0] == act.forward.__doc__.splitlines()[0]
    assert f"Output range: {act.output_range}" in doc and act.source in doc


def test_each_derivative_sits_right_below_its_function():
    import inspect

    for act in [*actlearn.ACTIVATIONS.values(), actlearn.silu]:
        lines, start = inspect.getsourcelines(act.forward)
        _, grad_start = inspect.getsourcelines(act.derivative)
        assert grad_start == start + len(lines) + 2, f"{act.name}'s derivative is not right below it"


def test_sigmoid_keeps_its_subnormal_tail_in_float64_and_float32():
    # The truth e^x / (1 + e^x) is e^x there, to far better than the subnormals' own spacing.
    assert actlearn.sigmoid(-710.0) == pytest.approx(np.exp(-710.0), rel=1e-6)  # 4.5e-309, not 0
    assert actlearn.sigmoid(-745.0) > 0 and actlearn.sigmoid(-746.0) == 0  # e^-746 rounds to 0
    tail32 = actlearn.sigmoid(np.float32(-89.0))
    assert tail32.dtype == np.float32 and tail32 == pytest.approx(np.exp(-89.0), rel=1e-3)  # 2.2e-39


def test_log_softmax_takes_every_axis_softmax_takes():
    x = np.random.default_rng(3).normal(size=(2, 3, 4))
    for axis in (None, 0, -1, (1, 2), (0, 2)):
        np.testing.assert_allclose(np.exp(actlearn.log_softmax(x, axis=axis)), actlearn.softmax(x, axis=axis))
        np.testing.assert_allclose(actlearn.softmax(x, axis=axis).sum(axis=axis), 1)

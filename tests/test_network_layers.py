"""Tests of the MLP's layers beyond dense ones: GLU blocks, batch and layer norm, residual connections."""

import numpy as np
import pytest
from scipy.special import expit, ndtr

from actlearn.activations import UnknownNameError
from actlearn.network import GLU_BLOCKS, MLP, glu_hidden_width, gradient_check

rng = np.random.default_rng(15)
X = rng.standard_normal((9, 4))
Y = rng.integers(0, 3, 9)

# Each gate written from its formula (Shazeer 2020), not from actlearn's activations.
GATES = {
    "glu": expit,
    "geglu": lambda x: x * ndtr(x),
    "swiglu": lambda x: x * expit(x),
    "reglu": lambda x: np.maximum(x, 0),
}


# --- GLU family ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("block", list(GLU_BLOCKS))
def test_glu_block_computes_gate_times_value(block):
    model = MLP([4, 6, 2], block=block, output="linear", seed=1)
    p = model.params
    x_w, x_v = X @ p["W1"] + p["b1"], X @ p["V1"] + p["c1"]
    expected = (GATES[block](x_w) * x_v) @ p["W2"] + p["b2"]
    assert np.allclose(model.forward(X).output, expected, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("block", list(GLU_BLOCKS))
def test_glu_backprop_matches_finite_differences(block):
    model = MLP([4, 6, 5, 3], block=block, init="xavier", seed=2)
    assert gradient_check(model, X, Y) < (1e-5 if block == "reglu" else 1e-6)  # ReLU's kink costs digits


def test_swiglu_feed_forward_block_passes_the_gradient_check_with_a_skip():
    model = MLP([4, 8, 8, 4], block="swiglu", output="linear", residual=[False, True], seed=3)
    assert gradient_check(model, X, rng.standard_normal((9, 4))) < 1e-6


def test_glu_hidden_width_matches_a_dense_gelu_block_in_parameter_count():
    for d in (8, 30, 64, 96):
        gelu = MLP([d, 4 * d, d], activation="gelu", output="linear")
        swiglu = MLP([d, glu_hidden_width(d), d], block="swiglu", output="linear")
        # weights 2 * 4 d * d against 3 * h * d; the rounding of h and the biases leave a small gap
        assert abs(swiglu.num_params - gelu.num_params) / gelu.num_params < 0.02
    assert glu_hidden_width(3 * 64) == 512  # 2/3 of 4 * 192


def test_glu_block_fixes_its_gate_and_names_the_conflict():
    gates = [MLP([4, 6, 2], block=block).activations[0].name for block in GLU_BLOCKS]
    assert gates == ["sigmoid", "gelu", "silu", "relu"]
    with pytest.raises(ValueError, match=r"fixes its gate's activation \(silu\).*geglu \(gelu\)"):
        MLP([4, 6, 2], block="swiglu", activation="gelu")
    with pytest.raises(ValueError, match="not a GLU block's"):
        MLP([4, 6, 2], block="glu", norm="layer")
    with pytest.raises(UnknownNameError, match="swiglu"):
        MLP([4, 6, 2], block="swishglu")

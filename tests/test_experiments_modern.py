"""Tests of notebook 16's experiments: SELU's fixed point through depth, dropout, the block race."""

import numpy as np
import pytest
from scipy import integrate
from scipy.stats import norm

from actlearn import experiments, selu

pytestmark = pytest.mark.usefixtures("strict_floats")

SMALL = {"depth": 50, "width": 128, "n_samples": 256}


def test_selu_maps_mean_0_variance_1_to_itself_by_integration():
    # the fixed point of Klambauer et al. (2017), computed by quadrature, not by the experiment
    mean, _ = integrate.quad(lambda z: selu(z) * norm.pdf(z), -np.inf, np.inf)
    second, _ = integrate.quad(lambda z: selu(z) ** 2 * norm.pdf(z), -np.inf, np.inf)
    assert abs(mean) < 1e-6 and abs(second - mean**2 - 1) < 1e-6


def test_selu_with_lecun_init_keeps_mean_0_and_variance_1_through_50_layers():
    run = experiments.layer_moments("selu", init="lecun", **SMALL)
    assert run.layers.tolist() == list(range(1, 51))
    assert np.all(np.abs(run.mean) < 0.1) and np.all(np.abs(run.variance - 1) < 0.15)


def test_what_breaks_the_fixed_point():
    he = experiments.layer_moments("selu", init="he", **SMALL)
    dropout = experiments.layer_moments("selu", init="lecun", dropout=0.1, **SMALL)
    relu = experiments.layer_moments("relu", init="lecun", **SMALL)
    assert he.variance[-1] > 100 * he.variance[0]  # grows layer after layer
    assert 1.3 < dropout.variance[-1] < 2.5  # a new, higher fixed point
    factor = (relu.variance[-1] / relu.variance[0]) ** (1 / 49)
    assert 0.4 < factor < 0.6  # ReLU with LeCun init halves the variance a layer


def test_inverted_dropout_zeroes_about_rate_and_keeps_the_mean():
    rng = np.random.default_rng(0)
    a = np.full((1000, 100), 2.0)
    dropped = experiments.inverted_dropout(a, 0.25, rng)
    assert np.mean(dropped == 0) == pytest.approx(0.25, abs=0.01)
    assert set(np.unique(dropped)) == {0.0, 2.0 / 0.75}
    assert dropped.mean() == pytest.approx(2.0, rel=0.02)


@pytest.mark.parametrize("bad", [{"dropout": 1.0}, {"dropout": -0.1}, {"depth": 0}, {"init": "nope"}])
def test_layer_moments_refuses_bad_arguments(bad):
    with pytest.raises(ValueError):
        experiments.layer_moments("selu", **{**SMALL, **bad})


def test_the_two_blocks_hold_the_same_number_of_weights():
    gelu_block = experiments.ffn_block("gelu", width=16)
    swiglu_block = experiments.ffn_block("swiglu", width=16)
    assert gelu_block.sizes == [16, 64, 16] and swiglu_block.sizes == [16, 43, 16]
    weights = lambda model: sum(p.size for k, p in model.params.items() if k[0] in "WV")
    assert weights(gelu_block) == 2 * 16 * 64 and weights(swiglu_block) == 3 * 16 * 43
    assert abs(swiglu_block.num_params / gelu_block.num_params - 1) < 0.02


def test_teacher_task_is_one_fixed_task_split_in_halves():
    X, Y, X_test, Y_test = experiments.teacher_task(width=8, n_samples=100)
    assert X.shape == X_test.shape == (50, 8) and Y.shape == Y_test.shape == (50, 8)
    again = experiments.teacher_task(width=8, n_samples=100)
    assert np.array_equal(X, again[0]) and np.array_equal(Y_test, again[3])
    assert np.concatenate([Y, Y_test]).std() == pytest.approx(1.0)


def test_ffn_race_trains_each_block_per_seed_and_learns():
    race = experiments.ffn_race(width=8, seeds=(0, 1), epochs=40, n_samples=128)
    assert list(race.train_loss) == ["gelu", "swiglu"] and race.seeds == (0, 1)
    for block in race.train_loss:
        assert race.train_loss[block].shape == (2, 40) and race.test_loss[block].shape == (2,)
        assert np.all(race.train_loss[block][:, -1] < 0.5 * race.train_loss[block][:, 0])
        assert not np.array_equal(race.train_loss[block][0], race.train_loss[block][1])  # seeds differ
    again = experiments.ffn_race(width=8, seeds=(0, 1), epochs=40, n_samples=128)
    assert np.array_equal(again.test_loss["swiglu"], race.test_loss["swiglu"])


def test_ffn_race_needs_a_seed():
    with pytest.raises(ValueError, match="seeds is empty"):
        experiments.ffn_race(seeds=())

"""What each hidden unit computes: the per-unit grids, their tiles, and the widget that scrubs training."""

import numpy as np
import pytest

from actlearn import datasets, experiments, plotting, widgets
from actlearn.network import MLP


def folding_network():
    """Return notebook 02's hand-built XOR network: four ReLUs computing relu(+-u), relu(+-v)."""
    net = MLP([2, 4, 2], activation="relu")
    net.params["W1"] = np.array([[1.0, -1.0, 1.0, -1.0], [1.0, -1.0, -1.0, 1.0]])  # u, -u, v, -v
    w_out = np.array([-1.0, -1.0, 1.0, 1.0])
    net.params["W2"] = np.column_stack([-w_out, w_out])
    return net


def test_each_grid_is_the_units_formula_over_the_plane():
    X = np.array([[-1.0, -1.0], [1.0, 1.0], [0.5, -0.5], [-0.5, 0.5]])  # each unit fires on one
    grids = experiments.unit_grids(folding_network(), X, resolution=5, margin=0.0)
    assert grids.extent == (-1.0, 1.0, -1.0, 1.0)
    gx, gy = np.meshgrid(grids.xs, grids.ys)  # row r is y = ys[r], column c is x = xs[c]
    u, v = gx + gy, gx - gy
    (values,) = grids.values
    for unit, expected in enumerate(
        [np.maximum(u, 0), np.maximum(-u, 0), np.maximum(v, 0), np.maximum(-v, 0)]
    ):
        assert np.allclose(values[unit], expected)
    assert grids.activations == ["relu"] and not grids.dead[0].any()


def test_a_unit_switched_off_everywhere_is_dead():
    net = folding_network()
    net.params["b1"] = np.array([0.0, -100.0, 0.0, 0.0])  # unit 2 never gets above 0
    X, _ = datasets.xor(n_samples=50)
    grids = experiments.unit_grids(net, X, resolution=8)
    assert grids.dead[0].tolist() == [False, True, False, False]
    assert np.all(grids.values[0][1] == 0)


def test_a_unit_silent_on_the_data_but_not_on_the_plane_is_dead_too():
    net = MLP([2, 1, 2], activation="relu")
    net.params["W1"] = np.array([[1.0], [0.0]])
    net.params["b1"] = np.array([-0.9])  # fires only for x1 > 0.9
    X = np.array([[-0.5, 0.0], [0.5, 0.0]])  # never there, but the margin of the plane reaches past 0.9
    grids = experiments.unit_grids(net, X, resolution=9, margin=0.5)
    assert grids.values[0][0].max() > 0
    assert grids.dead_on_data[0].tolist() == [True] and grids.dead[0].tolist() == [True]


def test_units_of_a_smooth_activation_are_never_called_dead():
    net = MLP([2, 3, 3, 2], activation="tanh", init="xavier")
    net.params["b1"] = np.full(3, -100.0)
    grids = experiments.unit_grids(net, np.zeros((4, 2)) + [[0, 1]], resolution=4)
    assert [d.tolist() for d in grids.dead] == [[False] * 3, [False] * 3]
    assert [v.shape for v in grids.values] == [(3, 4, 4), (3, 4, 4)]


def test_unit_grids_wants_a_plane():
    with pytest.raises(ValueError, match="2-input model"):
        experiments.unit_grids(MLP([64, 8, 10]), np.zeros((3, 64)))


def test_the_tiles_show_each_unit_and_mark_the_dead_ones():
    net = folding_network()
    net.params["b1"] = np.array([0.0, -100.0, 0.0, 0.0])
    X, y = datasets.xor(n_samples=60)
    fig = plotting.plot_unit_tiles(net, X, y, resolution=10)
    (ax,) = fig.axes
    dead_labels = [t for t in ax.texts if t.get_visible() and t.get_text() == "dead"]
    assert len(dead_labels) == 1 and "4 units, 1 dead" in ax.get_title()
    mosaic = ax.images[0].get_array()
    step = 10 + plotting.TILE_GAP
    assert mosaic.shape[:2] == (10, 4 * step - plotting.TILE_GAP)
    dead_tile = mosaic[:, step : step + 10]
    assert np.allclose(dead_tile, plotting.DEAD_GREY)
    alive = mosaic[:, :10, :3]
    assert alive.std() > 0.1  # a coloured ramp, not one colour
    assert len(ax.collections[0].get_offsets()) == 4 * 60  # the points over every tile


def test_a_wide_layer_wraps_onto_rows_one_row_label_a_layer():
    run = experiments.train("moons", "relu", depth=2, width=20, epochs=5, seed=0)
    fig = plotting.plot_unit_tiles(run.model, run.X_train, run.y_train, columns=8, resolution=6)
    (ax,) = fig.axes
    assert ax.images[0].get_array().shape[0] == 6 * (6 + plotting.TILE_GAP) - plotting.TILE_GAP  # 3 + 3 rows
    assert [t.get_text() for t in ax.get_yticklabels()] == ["layer 1\nrelu", "layer 2\nrelu"]


def test_unit_tiles_explorer_scrubs_through_training():
    w = widgets.unit_tiles_explorer("moons", "relu", width=6, epochs=40, snapshot_every=10, lr=0.05)
    assert list(w.controls["epoch"].options) == [0, 10, 20, 30, 40]
    (ax,) = w.fig.axes
    assert "epoch 0" in ax.get_title()
    mosaic = ax.images[0].get_array().copy()
    before = bytes(w.image.value)
    w.controls["epoch"].value = 40
    assert bytes(w.image.value) != before  # the picture the learner sees changed
    assert "epoch 40" in ax.get_title()
    assert not np.array_equal(ax.images[0].get_array(), mosaic)
    # The tiles at epoch 40 are the trained network's, as the pure function computes them.
    run = experiments.train("moons", "relu", width=6, epochs=40, lr=0.05, seed=0)
    X = np.concatenate([run.X_train, run.X_test])
    expected = plotting.unit_mosaic(experiments.unit_grids(run.model, X), 16)
    assert np.allclose(ax.images[0].get_array(), expected)


def test_unit_tiles_explorer_redraws_quickly_what_a_full_redraw_shows():
    w = widgets.unit_tiles_explorer("xor", "relu", width=4, epochs=20, snapshot_every=10)
    w.controls["epoch"].value = 20
    quick = np.asarray(w.fig.canvas.buffer_rgba()).copy()
    w.fig.canvas.draw()
    full = np.asarray(w.fig.canvas.buffer_rgba())
    assert (np.abs(quick.astype(int) - full.astype(int)).max(axis=-1) > 8).mean() < 1e-3


def test_unit_tiles_explorer_refuses_the_digits():
    with pytest.raises(ValueError, match="unknown dataset 'digits'"):
        widgets.unit_tiles_explorer("digits")


def test_plot_digits_shows_each_image_under_its_title_and_names_the_mistakes():
    X, y = datasets.digits(n_samples=6)
    said = y.copy()
    said[2] = (y[2] + 1) % 10
    fig = plotting.plot_digits(X, y, predicted=said, columns=4)
    (ax,) = fig.axes
    titles = [t.get_text() for t in ax.texts]
    assert titles[2] == f"{y[2]} said {said[2]}" and titles[0] == f"{y[0]} said {y[0]}"
    colors = [t.get_color() for t in ax.texts]
    assert colors[2] == plotting.OKABE_ITO["vermillion"] and colors[0] == plotting.OKABE_ITO["black"]
    mosaic = ax.images[0].get_array()
    assert mosaic.shape == (2 * 14, 4 * 10 - 2)  # 2 rows of 4: 8 pixels, a gap of 2, a title band of 4
    assert np.array_equal(mosaic[4:12, 0:8], X[0].reshape(8, 8))
    assert np.array_equal(mosaic[18:26, 10:18], X[5].reshape(8, 8))  # the second row, second column
    assert np.all(np.ma.getmaskarray(mosaic[18:26, 20:28]))  # no seventh image: blank (white)
    with pytest.raises(ValueError, match=r"\(n, 64\)"):
        plotting.plot_digits(np.zeros((2, 2)), [0, 1])

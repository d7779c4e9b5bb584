"""Drive every widget from Python, as a learner's slider would, and check what its figure shows."""

import base64

import ipywidgets
import numpy as np
import pytest
from figure_helpers import line, logistic
from scipy.special import erf

from actlearn import widgets
from actlearn.activations import ACTIVATIONS
from actlearn.datasets import load
from actlearn.experiments import gradient_flow, race


def changes_picture(w, key, value):
    """Set a control and return True if the PNG the learner sees changed."""
    before = bytes(w.image.value)
    w.controls[key].value = value
    return bytes(w.image.value) != before


@pytest.fixture(scope="module")
def explorer():
    return widgets.explorer(names=("relu", "leaky_relu", "prelu", "elu", "swish", "gelu"))


def test_explorer_shows_the_chosen_functions_on_first_display(explorer):
    ax = explorer.fig.axes[0]
    assert bytes(explorer.image.value).startswith(b"\x89PNG")
    shown = {ln.get_label() for ln in ax.lines if ln.get_visible() and not ln.get_label().startswith("_")}
    assert shown == {"relu", "leaky_relu", "prelu", "elu", "swish", "gelu"}
    assert explorer.message.value == ""


@pytest.mark.parametrize(
    "key, value, name, expected",
    [
        ("leaky_relu.alpha", 0.3, "leaky_relu", lambda x: np.where(x > 0, x, 0.3 * x)),
        ("prelu.alpha", 0.7, "prelu", lambda x: np.where(x > 0, x, 0.7 * x)),
        ("elu.alpha", 2.0, "elu", lambda x: np.where(x > 0, x, 2.0 * (np.exp(x) - 1))),
        ("swish.beta", 0.0, "swish", lambda x: x / 2),
        (
            "gelu.approximate",
            "tanh",
            "gelu",
            lambda x: 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x**3))),
        ),
    ],
)
def test_explorer_parameter_controls_move_their_curve(explorer, key, value, name, expected):
    ax = explorer.fig.axes[0]
    assert changes_picture(explorer, key, value)
    x = line(ax, name).get_xdata()
    assert np.allclose(line(ax, name).get_ydata(), expected(x), atol=1e-12)


BEYOND = {  # the definitions, written out independently of the package
    "softplus": lambda x: np.logaddexp(0, x),
    "selu": lambda x: (
        1.0507009873554805 * np.where(x > 0, x, 1.6732632423543772 * np.expm1(np.minimum(x, 0)))
    ),
    "mish": lambda x: x * np.tanh(np.logaddexp(0, x)),
    "hardswish": lambda x: x * np.minimum(np.maximum(x + 3, 0), 6) / 6,
    "relu6": lambda x: np.minimum(np.maximum(x, 0), 6),
}


@pytest.mark.parametrize("name", BEYOND)
def test_explorer_offers_the_activations_beyond_the_article_and_draws_each(name):
    w = widgets.explorer(names=(name,), x_range=(-8.0, 8.0))
    assert set(BEYOND) <= set(w.controls["names"].options) and w.message.value == ""
    x, y = line(w.fig.axes[0], name).get_data()
    assert np.allclose(y, BEYOND[name](x), atol=1e-12)


def test_explorer_softplus_beta_moves_its_curve():
    w = widgets.explorer(names=("softplus",))
    assert changes_picture(w, "softplus.beta", 5.0)
    x, y = line(w.fig.axes[0], "softplus").get_data()
    assert np.allclose(y, np.logaddexp(0, 5 * x) / 5, atol=1e-12)


def test_explorer_gelu_default_is_exact(explorer):
    explorer.controls["gelu.approximate"].value = "none"
    x = line(explorer.fig.axes[0], "gelu").get_xdata()
    assert np.allclose(line(explorer.fig.axes[0], "gelu").get_ydata(), 0.5 * x * (1 + erf(x / np.sqrt(2))))


def test_explorer_derivative_toggle(explorer):
    ax = explorer.fig.axes[0]
    assert line(ax, "_relu'").get_visible()
    assert changes_picture(explorer, "derivative", False)
    assert not line(ax, "_relu'").get_visible()
    explorer.controls["derivative"].value = True
    x = line(ax, "_relu'").get_xdata()
    assert np.array_equal(line(ax, "_relu'").get_ydata(), (x > 0).astype(float))


def test_explorer_x_range(explorer):
    assert changes_picture(explorer, "x_range", (-2.0, 3.0))
    ax = explorer.fig.axes[0]
    assert ax.get_xlim() == (-2.0, 3.0)
    x = line(ax, "relu").get_xdata()
    assert (x[0], x[-1]) == (-2.0, 3.0)


def test_explorer_names_selection_and_title(explorer):
    ax = explorer.fig.axes[0]
    assert changes_picture(explorer, "names", ("tanh",))
    visible = [ln.get_label() for ln in ax.lines if ln.get_visible() and ln.get_label() in ACTIVATIONS]
    assert visible == ["tanh"]
    assert r"\tanh" in ax.get_title()
    assert explorer.controls["swish.beta"].layout.display == "none"  # only the chosen functions' sliders
    explorer.controls["names"].value = ("tanh", "swish")
    assert explorer.controls["swish.beta"].layout.display == ""
    assert "tanh, swish" in ax.get_title()


def test_explorer_empty_selection_is_a_message_not_a_traceback(explorer):
    explorer.controls["names"].value = ()
    assert "Pick at least one activation" in explorer.message.value
    assert not any(ln.get_visible() for ln in explorer.fig.axes[0].lines if ln.get_label() in ACTIVATIONS)
    explorer.controls["names"].value = ("relu",)
    assert explorer.message.value == ""


def test_explorer_bad_arguments_are_shown_in_the_widget():
    w = widgets.explorer(["relu", "relux"])
    assert "unknown activation &#x27;relux&#x27;" in w.message.value
    assert "sigmoid, tanh, relu" in w.message.value
    assert w.controls["names"].value == ("relu",)
    w = widgets.explorer(["relu", "tanh"], beta=2.0)
    assert "none of relu, tanh takes &#x27;beta&#x27;" in w.message.value
    w = widgets.explorer(["swish"], beta=2.0)
    assert w.controls["swish.beta"].value == 2.0 and w.message.value == ""


def test_stored_output_carries_a_png_and_a_short_text():
    w = widgets.swish_morph()
    bundle = w._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"]) == bytes(w.image.value)
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"].startswith("swish morph: beta = 1.0")


def test_softmax_explorer_logits_temperature_and_overflow():
    w = widgets.softmax_explorer(logits=(2.0, 1.0, 0.1))
    ax_stable, ax_naive = w.fig.axes
    heights = lambda ax: np.array([bar.get_height() for bar in ax.patches])
    assert changes_picture(w, "z2", 3.0)
    e = np.exp([2.0, 1.0, 3.0])
    assert np.allclose(heights(ax_stable), e / e.sum())
    assert changes_picture(w, "z0", -1.0)
    assert changes_picture(w, "z1", 0.5)
    assert changes_picture(w, "temperature", 0.5)
    e = np.exp(np.array([-1.0, 0.5, 3.0]) / 0.5)
    assert np.allclose(heights(ax_stable), e / e.sum())
    assert np.allclose(heights(ax_naive), e / e.sum())
    assert "T = 0.5" in ax_stable.get_title()
    assert changes_picture(w, "shift", 800.0)  # exp(1600) overflows, the shifted form does not care
    assert np.allclose(heights(ax_stable), e / e.sum())
    assert [t.get_text() for t in ax_naive.texts] == ["nan"] * 3
    assert "nan" in ax_naive.get_title()
    assert "z = (799, 800, 803)" in ax_stable.get_title()


def test_softmax_explorer_bad_logits_are_shown_in_the_widget():
    w = widgets.softmax_explorer(logits=[1.0])
    assert "give 2 to 8 numbers; got 1" in w.message.value
    assert len(w.fig.axes[0].patches) == 3


def test_swish_morph_beta_and_its_minimum():
    w = widgets.swish_morph()
    ax = w.fig.axes[0]
    f = line(ax, "swish(x)")
    assert changes_picture(w, "beta", 4.0)
    x = f.get_xdata()
    assert np.allclose(f.get_ydata(), x * logistic(4 * x))
    fine = np.linspace(-3, 0, 300001)
    values = fine * logistic(4 * fine)
    marker = line(ax, "minimum")
    assert marker.get_xdata()[0] == pytest.approx(fine[np.argmin(values)], abs=1e-4)
    assert marker.get_ydata()[0] == pytest.approx(values.min(), abs=1e-9)
    assert "beta = 4.00" in ax.get_title()
    w.controls["beta"].value = 0.0
    assert np.allclose(f.get_ydata(), x / 2)
    assert len(marker.get_xdata()) == 0 and "no minimum" in ax.get_title()
    assert changes_picture(w, "derivative", False)
    assert not line(ax, "derivative").get_visible()


def test_gradient_flow_explorer_every_control():
    w = widgets.gradient_flow_explorer(activation="tanh", init="xavier", depth=5, width=16)
    ax_g, ax_s = w.fig.axes
    for key, value in [("depth", 8), ("width", 32), ("activation", "relu"), ("init", "he")]:
        assert changes_picture(w, key, value), key
    flow = gradient_flow("relu", depth=8, width=32, init="he")
    assert np.array_equal(ax_g.lines[0].get_xdata(), np.arange(1, 9))
    assert np.array_equal(ax_g.lines[0].get_ydata(), flow.grad_norm)
    assert np.array_equal(ax_s.lines[0].get_ydata(), flow.activation_std)
    assert ax_g.get_yscale() == "log"
    assert ax_g.get_title() == "gradient norm per layer: relu, he init"
    assert ax_g.get_xlim()[1] >= 8


def test_gradient_flow_explorer_draws_a_flat_profile_flat():
    w = widgets.gradient_flow_explorer("relu", init="he")  # norms within a factor of about 3
    w.controls["width"].value = 128
    for ax in w.fig.axes:
        low, high = ax.get_ylim()
        assert np.log10(high / low) >= 2 - 1e-9, ax.get_title()


def test_gradient_flow_explorer_explains_zero_gradients_and_bad_init():
    w = widgets.gradient_flow_explorer(depth=4, width=8)
    w.controls["init"].value = "zeros"
    assert "every gradient is exactly 0" in w.message.value
    w = widgets.gradient_flow_explorer(init="hee", depth=4, width=8)
    assert "unknown init &#x27;hee&#x27;; valid init names are: zeros" in w.message.value
    assert w.controls["init"].value == "xavier"


def test_prelu_training_scrubs_through_saved_epochs():
    w = widgets.prelu_training(epochs=40, snapshot_every=10)
    ax_b, ax_a = w.fig.axes
    assert list(w.controls["epoch"].options) == [0, 10, 20, 30, 40]
    assert "epoch 40" in ax_b.get_title()  # first display: the trained network
    assert changes_picture(w, "epoch", 0)
    marks = [ln for ln in ax_a.lines if ln.get_marker() == "o"][0]
    assert np.allclose(marks.get_ydata(), 0.25)  # every PReLU slope starts at PyTorch's 0.25
    assert np.array_equal(marks.get_xdata(), [0, 0])
    assert "epoch 0" in ax_b.get_title() and "0.250, 0.250" in ax_a.get_title()
    before = ax_b.images[0].get_array().copy()
    w.controls["epoch"].value = 40
    assert not np.array_equal(ax_b.images[0].get_array(), before)


def test_race_explorer_activations_and_dataset():
    w = widgets.race_explorer(activations=("relu", "tanh"), dataset="xor", epochs=20, panels=3)
    assert [ax.get_visible() for ax in w.fig.axes] == [True, True, False]
    assert changes_picture(w, "activations", ("gelu",))
    assert [ax.get_visible() for ax in w.fig.axes] == [True, False, False]
    assert w.fig.axes[0].get_title().startswith("gelu: test accuracy")
    assert changes_picture(w, "dataset", "moons")
    X, _ = load("moons", n_samples=400, seed=0)
    drawn = w.fig.axes[0].collections[0].get_offsets()
    assert np.array_equal(np.sort(drawn, axis=0), np.sort(X, axis=0))


def test_race_explorer_shows_given_race_results_without_retraining():
    (result,) = race(["tanh"], dataset="xor", seeds=(3,), epochs=5)
    w = widgets.race_explorer(activations=("tanh",), dataset="xor", epochs=5, panels=1, results=[result])
    # Seed 3's test points, not the seed-0 split a fresh training would draw.
    drawn = w.fig.axes[0].collections[0].get_offsets()
    X = np.concatenate([result.X_train, result.X_test])
    assert np.array_equal(drawn, X)
    assert w.fig.axes[0].get_title() == f"tanh: test accuracy {result.final_test_acc_per_seed[0]:.0%}"


def test_race_explorer_bad_choices_are_shown_in_the_widget():
    w = widgets.race_explorer(activations=("relu", "nope"), dataset="swirl", epochs=5, panels=2)
    assert "unknown dataset &#x27;swirl&#x27;; valid dataset names are: xor" in w.message.value
    w.controls["activations"].value = ()
    assert "Pick at least one activation" in w.message.value
    w.controls["activations"].value = ("relu", "tanh", "elu")
    assert "only 2 fit side by side" in w.message.value


@pytest.mark.parametrize(
    ("build", "control", "value"),
    [
        (lambda: widgets.explorer(["swish", "gelu"]), "swish.beta", 2.5),
        (widgets.swish_morph, "beta", 4.0),
        (widgets.softmax_explorer, "z1", 3.0),
        (widgets.softmax_explorer, "temperature", 2.0),
        (lambda: widgets.gradient_flow_explorer(depth=12, width=16), "depth", 20),
        (lambda: widgets.prelu_training(epochs=20, snapshot_every=5), "epoch", 10),
        (
            lambda: widgets.race_explorer(("relu", "tanh"), dataset="xor", epochs=10, panels=2),
            "dataset",
            "moons",
        ),
    ],
)
def test_a_quick_redraw_shows_what_a_full_redraw_shows(build, control, value):
    w = build()
    w.controls[control].value = value  # redrawn by blitting when the axes stayed the same
    quick = np.asarray(w.fig.canvas.buffer_rgba()).copy()
    w.fig.canvas.draw()
    full = np.asarray(w.fig.canvas.buffer_rgba())
    differs = np.abs(quick.astype(int) - full.astype(int)).max(axis=-1) > 8
    assert differs.mean() < 1e-3, f"{differs.sum()} pixels differ from a full redraw"


# --- every curve stays in view, whatever the controls say ------------------------------------------------


def values_to_try(control):
    """Return a few values of a control: both ends and a middle one, every option of a dropdown."""
    if isinstance(control, ipywidgets.SelectMultiple):
        options = list(control.options)
        return [(name,) for name in options] + [tuple(options), tuple(options[::3]), control.value]
    if isinstance(control, (ipywidgets.Dropdown, ipywidgets.SelectionSlider)):
        return [*control.options, control.value]
    if isinstance(control, ipywidgets.Checkbox):
        return [not control.value, control.value]
    if isinstance(control, ipywidgets.FloatRangeSlider):
        low, high, middle = control.min, control.max, (control.min + control.max) / 2
        return [(low, high), (low, low + 1), (high - 1, high), (middle, middle + 0.5), control.value]
    if isinstance(control, ipywidgets.FloatLogSlider):
        return [control.base**control.min, control.base**control.max, control.value]
    return [control.min, control.max, (control.min + control.max) / 2, control.value]


def curves_out_of_view(w):
    """Return a description of every visible line with finite data outside its axes' limits."""
    problems = []
    for ax in (ax for ax in w.fig.axes if ax.get_visible()):
        for ln in (ln for ln in ax.lines if ln.get_visible()):
            if not all(ln.get_transform().contains_branch_seperately(ax.transData)):
                continue  # a reference line across the whole axes (axhline, axvline)
            for data, (low, high), scale in (
                (ln.get_xdata(), ax.get_xlim(), ax.get_xscale()),
                (ln.get_ydata(), ax.get_ylim(), ax.get_yscale()),
            ):
                values = np.asarray(data, dtype=float)
                values = values[np.isfinite(values) & ((values > 0) if scale == "log" else True)]
                low, high = min(low, high), max(low, high)
                if values.size and (values.min() < low or values.max() > high):
                    problems.append(
                        f"{ln.get_label()}: [{values.min():.3g}, {values.max():.3g}] "
                        f"outside [{low:.3g}, {high:.3g}]"
                    )
    return problems


@pytest.mark.parametrize(
    "build",
    [
        lambda: widgets.explorer(["sigmoid", "relu"]),
        widgets.softmax_explorer,
        widgets.swish_morph,
        lambda: widgets.gradient_flow_explorer("tanh"),
        lambda: widgets.prelu_training(epochs=40, snapshot_every=10),
        lambda: widgets.race_explorer(("relu", "tanh"), dataset="xor", epochs=10, panels=2),
        lambda: widgets.normalisation_explorer("sigmoid", depth=6),
    ],
    ids=[
        "explorer",
        "softmax_explorer",
        "swish_morph",
        "gradient_flow_explorer",
        "prelu_training",
        "race",
        "normalisation_explorer",
    ],
)
def test_every_control_keeps_every_curve_in_view(build):
    w = build()
    assert curves_out_of_view(w) == []
    for key, control in w.controls.items():
        for value in values_to_try(control):
            control.value = value
            problems = curves_out_of_view(w)
            assert problems == [], f"{key} = {value!r}: {problems}"


def test_gradient_flow_explorer_refits_when_the_activation_changes():
    # The case a learner met: tanh's norms sit in 0.2-0.26, sigmoid's run over six decades.
    w = widgets.gradient_flow_explorer("tanh", depth=10, width=64)
    ax_g = w.fig.axes[0]
    w.controls["activation"].value = "sigmoid"
    norms = gradient_flow("sigmoid", depth=10, width=64, init="xavier").grad_norm
    low, high = ax_g.get_ylim()
    assert low <= norms.min() and norms.max() <= high
    w.controls["depth"].value, w.controls["width"].value = 13, 76
    norms = gradient_flow("sigmoid", depth=13, width=76, init="xavier").grad_norm
    low, high = ax_g.get_ylim()
    assert low <= norms.min() and norms.max() <= high
    assert ax_g.get_xlim()[0] <= 1 and ax_g.get_xlim()[1] >= 13


def test_normalisation_explorer_every_control():
    w = widgets.normalisation_explorer("sigmoid", depth=8)
    ax_g, ax_s, ax_t = w.fig.axes
    assert ax_g.get_title().startswith("sigmoid, plain: layer 1 / last = ")
    for key, value in [("norm", "batch"), ("residual", True), ("activation", "tanh"), ("depth", 12)]:
        assert changes_picture(w, key, value), key
    flow = gradient_flow("tanh", depth=12, norm="batch", residual=True, n_samples=128)
    assert np.array_equal(ax_g.lines[0].get_ydata(), flow.grad_norm)
    assert np.array_equal(ax_s.lines[0].get_ydata(), flow.activation_std)
    assert np.array_equal(ax_t.lines[0].get_ydata(), 100 * flow.saturated_fraction)
    assert ax_g.get_title() == f"tanh, batch norm + residual: layer 1 / last = {flow.grad_ratio:.1e}"


def test_normalisation_explorer_bad_norm_is_shown_in_the_widget():
    w = widgets.normalisation_explorer(depth=4, norm="group")
    assert "unknown norm &#x27;group&#x27;" in w.message.value
    assert w.controls["norm"].value == "none"

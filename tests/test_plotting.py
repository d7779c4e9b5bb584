"""Tests of actlearn.plotting: they read what was drawn (line data, limits, labels), never pixels."""

import ast
import importlib
import pathlib

import matplotlib
import numpy as np
import pytest
from figure_helpers import line, logistic

from actlearn import experiments, plotting
from actlearn.activations import ACTIVATIONS, UnknownNameError
from actlearn.diagnostics import layer_stats
from actlearn.experiments import Cost, gradient_flow
from actlearn.network import MLP


def draw(fig):
    fig.canvas.draw()  # mathtext and layout errors only show when drawn
    return fig


def test_plot_activation_draws_the_function_and_its_derivative():
    fig = draw(plotting.plot_activation("swish"))
    (ax,) = fig.axes
    f, df = line(ax, "swish(x)"), line(ax, "derivative f'(x)")
    x = f.get_xdata()
    assert np.allclose(f.get_ydata(), x * logistic(x))
    # The derivative against central differences of the drawn curve itself.
    slope = np.gradient(f.get_ydata(), x)
    assert np.allclose(df.get_ydata()[1:-1], slope[1:-1], atol=1e-3)
    assert df.get_linestyle() == "--"
    assert ax.get_xlim() == (x[0], x[-1])
    assert "x" in ax.get_xlabel() and "f'(x)" in ax.get_ylabel()
    assert ax.get_title() == r"$\mathrm{swish}(x) = x\,\sigma(\beta x)$"


def test_a_factor_in_front_of_the_cases_multiplies_every_case():
    # SELU = lambda (x if x > 0, alpha (e^x - 1) if x <= 0): its range starts at -lambda alpha, so the
    # negative branch must carry lambda too (the cheat sheet once dropped it).
    selu = plotting.mathtext("selu")
    positive, negative = (
        r"\lambda x\ \mathrm{if}\ x > 0",
        r"\lambda \alpha (e^{x} - 1)\ \mathrm{if}\ x \leq 0",
    )
    assert selu == rf"$\mathrm{{SELU}}(x) = {positive},\ {negative}$"
    elu = plotting.mathtext("elu")
    assert elu == r"$\mathrm{ELU}(x) = x\ \mathrm{if}\ x > 0,\ \alpha (e^{x} - 1)\ \mathrm{if}\ x \leq 0$"
    draw(plotting.plot_activation("selu"))  # and it still parses as mathtext


def test_swish_minimum_is_marked_where_the_drawn_curve_is_lowest():
    fig = draw(plotting.plot_activation("swish", x=np.linspace(-5, 5, 100001)))
    ax = fig.axes[0]
    f = line(ax, "swish(x)")
    lowest = np.argmin(f.get_ydata())
    marker = [ln for ln in ax.lines if ln.get_marker() == "o"][0]
    assert marker.get_xdata()[0] == pytest.approx(f.get_xdata()[lowest], abs=1e-3)
    assert marker.get_ydata()[0] == pytest.approx(f.get_ydata()[lowest], abs=1e-6)
    (note,) = [t.get_text() for t in ax.texts if "minimum" in t.get_text()]
    assert "-1.278" in note and "-0.278" in note


def test_output_range_is_shaded_between_its_finite_ends():
    ax = plotting.plot_activation("tanh").axes[0]
    (band,) = [p for p in ax.patches if "output range" in p.get_label()]
    assert band.get_y() == -1 and band.get_y() + band.get_height() == 1
    assert "(-1, 1)" in band.get_label()


def test_parameters_change_the_curve_and_hide_default_key_points():
    ax = plotting.plot_activation("elu", alpha=2.0).axes[0]
    f = line(ax, "elu(x)")
    x = f.get_xdata()
    neg = x < 0
    assert np.allclose(f.get_ydata()[neg], 2.0 * (np.exp(x[neg]) - 1))
    assert not [t for t in ax.texts if "saturates" in t.get_text()]  # -1 holds for alpha = 1 only


def test_derivative_can_be_left_out():
    ax = plotting.plot_activation("relu", derivative=False).axes[0]
    assert not [ln for ln in ax.lines if ln.get_linestyle() == "--"]


def test_softmax_panel_is_the_two_class_case_and_says_so():
    ax = draw(plotting.plot_activation("softmax")).axes[0]
    f = line(ax, "softmax([x, 0])[0](x)")
    x = f.get_xdata()
    assert np.allclose(f.get_ydata(), logistic(x))
    s = logistic(x)  # s0; the second output is s1 = 1 - s0
    assert np.allclose(line(ax, "diagonal d s0/d z0 = s0 (1 - s0)").get_ydata(), s * (1 - s))
    assert np.allclose(line(ax, "off-diagonal d s0/d z1 = -s0 s1").get_ydata(), -s * (1 - s))
    assert "2-class" in ax.get_title()
    low, high = ax.get_ylim()
    assert low < -0.2 and high > 0.2  # both entries in view: the Jacobian's entries span [-0.25, 0.25]


def test_given_axes_are_drawn_on():
    fig, ax = plotting.new_figure()
    assert plotting.plot_activation("relu", ax=ax) is fig
    assert line(ax, "relu(x)").get_ydata().max() == 5


def test_bad_input_gives_clear_errors():
    with pytest.raises(UnknownNameError, match="valid activation names are: sigmoid"):
        plotting.plot_activation("relux")
    with pytest.raises(TypeError, match="relu got unknown parameter.*beta"):
        plotting.plot_activation("relu", beta=2)
    with pytest.raises(TypeError, match="softmax takes no parameters"):
        plotting.plot_activation("softmax", alpha=1)
    with pytest.raises(ValueError, match="names is empty"):
        plotting.plot_comparison([])
    with pytest.raises(ValueError, match="one parameter at a time"):
        plotting.plot_comparison("leaky_relu", alpha=[0.1, 0.2], beta=[1, 2])
    with pytest.raises(TypeError, match="relu got unknown parameter"):
        plotting.plot_comparison(["relu", "swish"], beta=2.0)


def test_compare_sweeps_one_parameter_with_derivatives_beside():
    fig = draw(plotting.plot_comparison("swish", beta=[0.5, 1, 4]))
    ax_f, ax_d = fig.axes
    labels = [ln.get_label() for ln in ax_f.lines if not ln.get_label().startswith("_")]
    assert labels == ["swish, beta = 0.5", "swish, beta = 1", "swish, beta = 4"]
    x = line(ax_f, "swish, beta = 4").get_xdata()
    assert np.allclose(line(ax_f, "swish, beta = 4").get_ydata(), x * logistic(4 * x))
    slope = np.gradient(x * logistic(4 * x), x)
    assert np.allclose(line(ax_d, "swish, beta = 4").get_ydata()[1:-1], slope[1:-1], atol=2e-3)
    assert "beta" in ax_f.get_title()


def test_compare_several_functions():
    fig = plotting.plot_comparison(["relu", "tanh"], derivative=False)
    (ax,) = fig.axes
    assert np.allclose(line(ax, "tanh").get_ydata(), np.tanh(line(ax, "tanh").get_xdata()))
    assert line(ax, "relu").get_color() != line(ax, "tanh").get_color()


def test_cheat_sheet_has_every_activation_with_its_facts():
    fig = draw(plotting.plot_cheatsheet())
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert len(visible) == len(ACTIVATIONS)
    for ax, act in zip(visible, ACTIVATIONS.values(), strict=True):
        assert ax.get_title().startswith(act.name)
        facts = " ".join(t.get_text() for t in ax.texts)
        assert f"range {act.output_range}" in facts and f"f' range {act.derivative_range}" in facts
        # a vector-valued panel draws two Jacobian entries and says which line is which
        off_diagonal = any(ln.get_label().startswith("off-diagonal") for ln in ax.lines)
        assert off_diagonal == (not act.elementwise) == ("off-diagonal" in facts)


@pytest.mark.parametrize("page", ["article", "beyond"])
def test_cheat_sheet_pages_split_the_activations_by_the_article(page):
    fig = draw(plotting.plot_cheatsheet(page=page))
    titles = [ax.get_title().split("\n")[0] for ax in fig.axes if ax.get_visible()]
    expected = [name for name, act in ACTIVATIONS.items() if act.in_article == (page == "article")]
    assert titles == expected
    assert ("Beyond the article" in fig.get_suptitle()) == (page == "beyond")


def test_the_two_cheat_sheet_pages_hold_every_activation_once():
    article, beyond = plotting.cheatsheet_names("article"), plotting.cheatsheet_names("beyond")
    assert sorted(article + beyond) == sorted(ACTIVATIONS) and not set(article) & set(beyond)
    assert {"softplus", "selu", "mish", "hardswish", "relu6"} <= set(beyond)
    assert {"sigmoid", "tanh", "relu", "softmax", "gelu"} <= set(article)


def test_an_unknown_cheat_sheet_page_lists_the_pages():
    with pytest.raises(ValueError, match="all, article, beyond"):
        plotting.plot_cheatsheet(page="modern")


@pytest.mark.parametrize("init", ["lecun", "he"])
def test_layer_moments_draws_mean_and_variance_per_layer(init):
    run = experiments.layer_moments("selu", depth=12, width=32, n_samples=64, init=init)
    fig = plotting.plot_layer_moments([run])
    ax_m, ax_v = fig.axes
    assert np.array_equal(line(ax_m, run.label).get_ydata(), run.mean)
    assert np.array_equal(line(ax_v, run.label).get_ydata(), run.variance)
    assert ax_v.get_yscale() == "log"


def test_style_is_applied_inside_functions_only():
    before = dict(matplotlib.rcParams)
    ax = plotting.plot_activation("relu").axes[0]
    assert dict(matplotlib.rcParams) == before
    assert ax.title.get_fontsize() == plotting.STYLE["axes.titlesize"]
    assert line(ax, "relu(x)").get_color() == plotting.OKABE_ITO["blue"]


def test_figures_stay_out_of_pyplot_and_show_as_png_in_a_notebook():
    import matplotlib.pyplot as plt

    fig = plotting.plot_activation("gelu")
    assert plt.get_fignums() == []
    assert fig._repr_png_().startswith(b"\x89PNG\r\n\x1a\n")


class HalfPlane:
    """Class 1 right of x1 = 0, class 0 left of it, with certainty."""

    def predict_proba(self, X):
        right = (X[:, 0] > 0).astype(float)
        return np.column_stack([1 - right, right])

    def predict(self, X):
        return (X[:, 0] > 0).astype(int)


def test_decision_boundary_colours_each_region_by_its_class():
    X = np.array([[-1.0, -1.0], [-0.5, 1.0], [1.0, 0.5], [0.5, -1.0]])
    y = np.array([0, 0, 1, 0])
    ax = plotting.plot_decision_boundary(HalfPlane(), X, y).axes[0]
    (image,) = ax.images
    rgb = image.get_array()
    blue, vermillion = (matplotlib.colors.to_rgb(plotting.OKABE_ITO[c]) for c in ("blue", "vermillion"))
    assert np.allclose(rgb[:, 0], 0.45 * np.array(blue) + 0.55)
    assert np.allclose(rgb[:, -1], 0.45 * np.array(vermillion) + 0.55)
    assert ax.get_title() == "accuracy 75.0%"  # 3 of 4 points on their own side
    with pytest.raises(ValueError, match=r"shape \(n, 2\)"):
        plotting.plot_decision_boundary(HalfPlane(), X[:, :1], y)


def test_gradient_flow_figure_plots_norms_on_a_log_scale():
    flow = gradient_flow("tanh", depth=6, width=16)
    ax_g, ax_s = plotting.plot_gradient_flow({"tanh": flow}).axes
    assert ax_g.get_yscale() == "log" and ax_s.get_yscale() == "log"
    assert np.array_equal(ax_g.lines[0].get_xdata(), np.arange(1, 7))
    assert np.array_equal(ax_g.lines[0].get_ydata(), flow.grad_norm)
    assert np.array_equal(ax_s.lines[0].get_ydata(), flow.activation_std)
    assert "layer" in ax_g.get_xlabel()


def test_histograms_one_normalised_outline_per_layer():
    model = MLP([2, 8, 8, 2], activation="tanh", init="xavier")
    X = np.random.default_rng(0).standard_normal((64, 2))
    stats = layer_stats(model, X, np.arange(64) % 2)
    ax = plotting.plot_histograms(stats).axes[0]
    assert len(ax.patches) == 2
    for patch in ax.patches:
        counts, edges = patch.get_data().values, patch.get_data().edges
        assert np.sum(counts * np.diff(edges)) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="stats is empty"):
        plotting.plot_histograms([])


def test_softmax_bars_follow_the_temperature():
    ax = plotting.plot_softmax([1.0, 2.0, 3.0], temperature=2.0).axes[0]
    heights = [bar.get_height() for bar in ax.patches]
    e = np.exp(np.array([1.0, 2.0, 3.0]) / 2)
    assert np.allclose(heights, e / e.sum())
    assert "T = 2" in ax.get_title()


def test_naive_softmax_overflows_where_the_stable_one_does_not():
    stable = plotting.plot_softmax([1000.0, 999.0]).axes[0]
    naive = plotting.plot_softmax([1000.0, 999.0], naive=True).axes[0]
    assert np.allclose([b.get_height() for b in stable.patches], [logistic(1), logistic(-1)])
    assert [t.get_text() for t in naive.texts] == ["nan", "nan"]
    assert "nan" in naive.get_title()
    with pytest.raises(ValueError, match="temperature must be > 0"):
        plotting.plot_softmax([1, 2], temperature=0)


def test_cost_bars():
    records = [Cost("relu", 1.0, 3.0, 0.5, 2.0, 6.0), Cost("gelu", 8.0, 20.0, 0.5, 16.0, 40.0)]
    ax = plotting.plot_cost(records).axes[0]
    assert [b.get_height() for b in ax.patches] == [1.0, 8.0, 3.0, 20.0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["relu", "gelu"]
    assert "ns per element" in ax.get_ylabel()
    assert line(ax, "np.copyto (the floor)").get_ydata()[0] == 0.5


def test_gap_draws_the_difference_and_marks_its_largest_size():
    from scipy.special import erf

    x = np.linspace(-4, 4, 8001)
    ax = plotting.plot_gap("gelu", x=x, approximate="tanh").axes[0]
    curve, mark = ax.lines[0], ax.lines[1]
    tanh_form = 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x**3)))
    assert np.allclose(curve.get_ydata(), tanh_form - 0.5 * x * (1 + erf(x / np.sqrt(2))), atol=1e-15)
    assert abs(mark.get_xdata()[0]) == pytest.approx(2.70, abs=0.01)
    assert "largest |gap| (dot): 0.000473" in ax.texts[0].get_text()
    assert "gelu(x, approximate='tanh') - gelu(x)" in ax.get_title()


def test_gap_to_another_function_peaks_where_the_maths_says():
    # swish(x; beta) - relu(x) = -|x| sigmoid(-beta |x|) = -u sigmoid(-u) / beta with u = beta |x|: its
    # largest size is that of swish's minimum (u = 1.2785, size 0.2785) divided by beta.
    x = np.linspace(-1, 1, 200001)
    ax = plotting.plot_gap("swish", reference="relu", x=x, beta=50).axes[0]
    mark = ax.lines[1]
    assert abs(mark.get_xdata()[0]) == pytest.approx(1.2784645 / 50, abs=1e-4)
    assert mark.get_ydata()[0] == pytest.approx(-0.2784645 / 50, rel=1e-6)
    assert "- relu(x)" in ax.get_title()
    with pytest.raises(UnknownNameError):
        plotting.plot_gap("swish", reference="nope")


def test_jacobian_heatmap_shows_every_entry_on_a_scale_centred_at_zero():
    z = np.array([2.0, 1.0, 0.1])
    ax = plotting.plot_jacobian(z).axes[0]
    s = np.exp(z) / np.exp(z).sum()
    expected = np.array([[s[i] * ((i == j) - s[j]) for j in range(3)] for i in range(3)])  # d s_i / d z_j
    assert np.allclose(ax.images[0].get_array(), expected)
    assert [t.get_text() for t in ax.texts] == [f"{v:+.3f}" for v in expected.ravel()]
    low, high = ax.images[0].get_clim()
    assert low == -high == pytest.approx(-np.abs(expected).max())
    assert [t.get_text() for t in ax.get_xticklabels()] == ["z0", "z1", "z2"]
    with pytest.raises(ValueError, match="1-D list of 2 to 10"):
        plotting.plot_jacobian([[1.0, 2.0], [3.0, 4.0]])


def test_dead_fraction_draws_each_activations_curve_over_epochs():
    from actlearn.experiments import DyingResult

    dead = np.array([[False, False, False, False], [True, False, False, False], [True, True, False, False]])
    alive = np.zeros_like(dead)
    runs = [
        DyingResult("relu", dead.mean(axis=1), dead, revived=0, ever_dead=2, final_test_acc=1.0),
        DyingResult("leaky_relu", alive.mean(axis=1), alive, revived=0, ever_dead=0, final_test_acc=1.0),
    ]
    ax = draw(plotting.plot_dead_fraction(runs)).axes[0]
    relu_line = line(ax, "relu: 50.0% at the end")  # 2 of 4 units dead after the last update
    assert list(relu_line.get_xdata()) == [0, 1, 2]
    assert list(relu_line.get_ydata()) == [0.0, 0.25, 0.5]
    assert list(line(ax, "leaky_relu: 0.0% at the end").get_ydata()) == [0, 0, 0]
    assert ax.get_ylim() == (0, 1)
    assert len(draw(plotting.plot_dead_fraction(runs[0])).axes[0].get_legend().get_texts()) == 1
    with pytest.raises(ValueError, match="dying_relu"):
        plotting.plot_dead_fraction([])


def test_slopes_draw_one_line_per_prelu_layer_and_run():
    history = {"alpha": np.array([[0.25, 0.25], [0.2, 0.3], [0.1, 0.4]]), "loss": np.ones(3)}
    ax = draw(plotting.plot_slopes(history)).axes[0]
    assert list(line(ax, "layer 2").get_ydata()) == [0.25, 0.3, 0.4]
    assert list(line(ax, "layer 1").get_xdata()) == [0, 1, 2]
    decayed = {"alpha": history["alpha"] / 2}
    ax = draw(plotting.plot_slopes({"free": history, "decayed": decayed})).axes[0]
    assert list(line(ax, "layer 1, decayed").get_ydata()) == [0.125, 0.1, 0.05]
    assert line(ax, "layer 1, free").get_linestyle() != line(ax, "layer 1, decayed").get_linestyle()
    with pytest.raises(ValueError, match="activation='prelu'"):
        plotting.plot_slopes({"loss": np.ones(3)})


def test_a_flat_gradient_profile_is_drawn_flat_on_at_least_two_decades():
    flow = gradient_flow("relu", init="he")  # norms within a factor of about 3 of each other
    for ax in plotting.plot_gradient_flow(flow).axes:
        low, high = ax.get_ylim()
        assert np.log10(high / low) >= 2 - 1e-9
        assert all(low < y < high for line in ax.lines for y in line.get_ydata())


def test_std_per_layer_on_a_log_scale_with_the_input_std_for_reference():
    he = gradient_flow("relu", depth=4, init="he")
    tiny = gradient_flow("relu", depth=4, init="normal", std=0.01)
    ax = draw(plotting.plot_std_per_layer({"he": he, "tiny": tiny})).axes[0]
    assert ax.get_yscale() == "log"
    assert list(line(ax, "he").get_xdata()) == [1, 2, 3, 4]
    # std 0.01 weights over 64 inputs shrink the spread about 0.01 * sqrt(64 / 2) = 0.057 times a layer
    assert np.all(line(ax, "tiny").get_ydata() < 0.1 * line(ax, "he").get_ydata())
    (reference,) = [ln for ln in ax.lines if ln.get_label().startswith("input std")]
    assert reference.get_ydata()[0] == pytest.approx(1.0, abs=0.05)  # the input is standard normal
    assert len(draw(plotting.plot_std_per_layer(he)).axes[0].get_legend().get_texts()) == 1
    with pytest.raises(ValueError, match="empty"):
        plotting.plot_std_per_layer({})


def test_losses_draw_every_run_and_end_a_diverged_one_with_an_x():
    from actlearn.experiments import TrainingDiverged

    blown = TrainingDiverged("boom", 3, {"loss": np.array([1.0, 1e5, 1e40])})
    ax = draw(plotting.plot_losses({"clipped": {"loss": np.array([1.0, 0.5, 0.25, 0.1])}, "plain": blown}))
    ax = ax.axes[0]
    assert ax.get_yscale() == "log"
    assert list(line(ax, "clipped").get_ydata()) == [1.0, 0.5, 0.25, 0.1]
    plain = line(ax, "plain (diverged at epoch 3)")
    assert list(plain.get_xdata()) == [0, 1, 2]
    (cross,) = [ln for ln in ax.lines if ln.get_marker() == "x"]
    assert (list(cross.get_xdata()), list(cross.get_ydata())) == ([2], [1e40])
    assert cross.get_color() == plain.get_color()
    with pytest.raises(ValueError, match="empty"):
        plotting.plot_losses({})


def test_normalisation_figures_draw_what_they_are_given():
    from actlearn.experiments import flow_variants, race, train

    flows = flow_variants("tanh", depth=3, width=8, n_samples=16)
    fig = plotting.plot_signal({f.label: f for f in flows})
    ax_g, _, ax_t = fig.axes
    assert [line.get_label() for line in ax_g.lines] == [f.label for f in flows]
    assert np.array_equal(ax_t.lines[1].get_ydata(), 100 * flows[1].saturated_fraction)
    runs = {n: train("xor", "tanh", depth=2, width=4, epochs=5, norm=n) for n in (None, "layer")}
    fig = plotting.plot_update_ratios(runs)
    assert len(fig.axes) == 2 and fig.axes[0].get_yscale() == "log"
    assert np.array_equal(fig.axes[1].lines[0].get_ydata(), runs["layer"].history["update_ratio"][:, 0])
    races = {"plain": race(["relu", "tanh"], dataset="xor", seeds=(0, 1), epochs=5, width=4)}
    fig = plotting.plot_race_spread(races)
    dots = fig.axes[0].lines[0]
    assert np.array_equal(dots.get_ydata(), races["plain"][0].final_test_acc_per_seed)
    with pytest.raises(ValueError, match="races is empty"):
        plotting.plot_race_spread({})


@pytest.mark.parametrize("paper, size", [("a4", (8.27, 11.69)), ("letter", (8.5, 11.0))])
def test_printable_cheat_sheet_is_one_page_of_panels_and_the_decision_guide(paper, size):
    from actlearn.guide import DECISION_GUIDE

    fig = draw(plotting.plot_printable_cheatsheet(paper=paper))
    assert np.allclose(fig.get_size_inches(), size, atol=0.01)
    titles = [ax.get_title().split(",")[0] for ax in fig.axes if ax.get_visible() and ax.lines]
    assert titles == list(ACTIVATIONS)
    for ax in fig.axes:
        if ax.get_title() in ACTIVATIONS:
            act = ACTIVATIONS[ax.get_title()]
            assert f"range {act.output_range}" in " ".join(t.get_text() for t in ax.texts)
    text = " ".join(" ".join(t.get_text() for t in ax.texts) for ax in fig.axes)
    for heading, advice in DECISION_GUIDE.items():
        assert heading in text
        for item in advice:
            assert item.choice.split()[0] in text
    # readable when printed: no text under 6 pt
    sizes = [t.get_fontsize() for t in fig.findobj(matplotlib.text.Text) if t.get_text().strip()]
    assert min(sizes) >= 6


def test_printable_cheat_sheet_names_its_papers():
    with pytest.raises(ValueError, match="a4, letter"):
        plotting.plot_printable_cheatsheet(paper="a3")


def test_every_public_name_of_the_plotting_modules_is_plotting_dot_name_and_each_fits_a_few_screens():
    folder = pathlib.Path(plotting.__file__).parent
    modules = sorted(p for p in folder.glob("*.py") if p.name != "__init__.py")
    assert len(modules) >= 6, "style, curves, cheat sheet, training, softmax, images: one module a job"
    for path in modules:
        module = importlib.import_module(f"actlearn.plotting.{path.stem}")
        tree = ast.parse(path.read_text())
        defined = [node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))]
        defined += [t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets]
        for name in defined:
            if not name.startswith("_"):
                assert getattr(plotting, name) is getattr(module, name), f"plotting.{name} ({path.name})"
                assert name in plotting.__all__, name
        assert len(path.read_text().splitlines()) <= 400, f"{path.name} outgrew a few screens"


def test_descent_draws_one_panel_a_run_with_its_steps_on_the_loss_curve():
    def loss(w):
        return (w - 3) ** 2

    paths = {"small": np.array([0.0, 0.06, 0.12]), "large": np.array([0.0, 6.6, -1.32])}
    fig = plotting.plot_descent(loss, paths)
    assert [ax.get_title() for ax in fig.axes] == ["small", "large"]
    for ax, path in zip(fig.axes, paths.values(), strict=True):
        steps = next(line for line in ax.get_lines() if line.get_label() == "steps")
        np.testing.assert_allclose(steps.get_xdata(), path)
        np.testing.assert_allclose(steps.get_ydata(), (path - 3) ** 2)
    with pytest.raises(ValueError, match="paths is empty"):
        plotting.plot_descent(loss, {})

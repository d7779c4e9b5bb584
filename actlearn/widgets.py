"""Sliders over the plotting and experiment functions; each widget redraws one figure in place.

How a widget shows its figure, and why:
- The figure is a plain matplotlib Figure (no pyplot, no ipympl, no front-end extension beyond
  ipywidgets). A control change updates the figure's artists in place (line data, bar heights, image
  data, titles), renders it to PNG and puts the bytes in an `ipywidgets.Image`: the live picture.
- Nothing is printed. Bad input (an unknown name, a parameter a function does not take, an empty
  selection) shows as a one-line message in the widget, so a learner never meets a traceback wall and
  nbval, which compares text outputs, sees the same text on every run.
- A front end without a kernel (GitHub, nbviewer, an untrusted notebook in JupyterLab) cannot draw a
  widget, so the widget's display bundle also carries the PNG of its first figure and a short line
  of text: a live front end draws the widget, a static one shows the picture.

Every builder returns an `Explorer` (an `ipywidgets.VBox`) with `.fig`, `.controls` (name -> widget),
`.message` and `.image`, so tests and notebooks drive it from Python: `w.controls["beta"].value = 5`.
"""

import base64
import html

import ipywidgets as widgets
import numpy as np

from actlearn import plotting
from actlearn.activations import ACTIVATIONS, UnknownNameError, get, lookup, swish
from actlearn.datasets import DATASETS
from actlearn.experiments import gradient_flow, train, unit_grids
from actlearn.network import INITS, hidden_activations

WIDE = {"description_width": "initial"}


class Explorer(widgets.VBox):
    """A figure and its controls: .fig, .controls (name -> widget), .message (HTML) and .image (PNG)."""

    def __init__(self, fig, controls, update, summary, problem=None):
        self.fig, self.controls = fig, controls
        self.summary = f"{summary} (a static picture: run the notebook to use the controls)"
        self._update = update
        self.message = widgets.HTML()
        self.image = widgets.Image(format="png")
        row = widgets.HBox(list(controls.values()), layout=widgets.Layout(flex_flow="row wrap"))
        super().__init__([row, self.message, self.image])
        self.refresh()
        if problem:  # a bad argument to the builder, replaced by a default: say so until the next move
            self.show(problem)
        for control in controls.values():
            control.observe(self.refresh, names="value")

    def refresh(self, change=None):
        """Update the figure from the controls and render it; show a bad choice as the message."""
        try:
            with plotting.use_style():
                problem = self._update(self.controls)
        except (ValueError, TypeError) as error:  # UnknownNameError is a ValueError too
            problem = str(error)
        self.show(problem)
        self._draw()
        # The first picture is stored in the notebook, so keep it small; later ones must be quick.
        self.image.value = plotting.canvas_png(self.fig, small=change is None)

    def _draw(self):
        """Draw the figure, redrawing only the data when no axes changed its limits or labels.

        Drawing tick labels is most of a redraw's time. So a full draw keeps a picture of the figure
        without its data (the lines, bars, images, texts and legend of each axes, with its title and
        frame), and later moves paste it back and draw only the data on top ("blitting"), until an axis
        itself changes (its limits, scale or tick labels). tests/test_widgets.py checks the two agree.
        """
        canvas = self.fig.canvas
        if not hasattr(self, "_layout"):
            # Lay the figure out once, everything shown: constrained layout on every move would double
            # the redraw time, and laid out without its titles the axes would run into them.
            canvas.draw()
            self.fig.set_layout_engine("none")
            # An axes places its title only while the title is shown: remember where, for the redraws below.
            self._title_at = {ax.title: ax.title.get_position() for ax in self.fig.axes}
        axes = [ax for ax in self.fig.axes if ax.get_visible()]
        layout = [self.fig.get_suptitle()] + [
            (ax, ax.get_xlim(), ax.get_ylim(), ax.get_xscale(), ax.get_yscale(), ax.get_xlabel())
            + tuple(label.get_text() for label in ax.get_xticklabels())
            for ax in axes
        ]
        data = [
            a
            for ax in axes
            for a in (
                *ax.lines,
                *ax.collections,
                *ax.patches,
                *ax.images,
                *ax.texts,
                ax.title,
                *ax.spines.values(),
            )
        ]
        data += [ax.get_legend() for ax in axes if ax.get_legend()]
        data = sorted((a for a in data if a.get_visible()), key=lambda a: a.get_zorder())
        if layout != getattr(self, "_layout", None):
            for artist in data:
                artist.set_visible(False)
            canvas.draw()
            self._background, self._layout = canvas.copy_from_bbox(self.fig.bbox), layout
            for artist in data:
                artist.set_visible(True)
            for title, position in self._title_at.items():
                title.set_position(position)
        else:
            canvas.restore_region(self._background)
        for artist in data:
            artist.axes.draw_artist(artist)

    def show(self, problem):
        """Show problem (a short sentence) to the learner, or clear the message if it is None."""
        self.message.value = f'<b style="color:#D55E00">{html.escape(problem)}</b>' if problem else ""

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["image/png"] = base64.b64encode(self.image.value).decode("ascii")
        bundle["text/plain"] = self.summary
        return bundle


# --- activation functions -------------------------------------------------------------------------------


def _steady_ylim(ax, fit):
    """Fit the y-axis with fit(), but keep its old limits while the data still fill them.

    A steady axis is redrawn fastest (see Explorer._draw), and a learner's eye can follow the curve.
    fit() must set the limits itself: once set_ylim has run, matplotlib's autoscaling is off for good.
    """
    low, high = ax.get_ylim()
    fit()
    new_low, new_high = ax.get_ylim()
    span = (lambda a, b: np.log(b / a)) if ax.get_yscale() == "log" else (lambda a, b: b - a)
    if low <= new_low and new_high <= high and span(new_low, new_high) > 0.6 * span(low, high):
        ax.set_ylim(low, high)


def _fit_y_to_lines(ax, margin=0.1):
    """Set the y-limits to hold every visible line's finite data (on a log axis, its positive data)."""
    values = [
        np.asarray(line.get_ydata(), dtype=float).ravel()
        for line in ax.lines
        # a horizontal reference line (axhline) has its y in data units too; a vertical one has not
        if line.get_visible() and line.get_transform().contains_branch_seperately(ax.transData)[1]
    ]
    values = np.concatenate(values) if values else np.zeros(0)
    values = values[np.isfinite(values)]
    if ax.get_yscale() != "log":
        plotting.fit_y(ax, [values], margin)
        return
    values = values[values > 0]
    if values.size:  # a log axis cannot fit nothing: keep what it shows
        low, high = np.log10(values.min()), np.log10(values.max())
        pad = margin * max(high - low, 0.5)
        ax.set_ylim(10 ** (low - pad), 10 ** (high + pad))
        plotting.min_log_span(ax)  # a near-flat profile stays near-flat, not stretched over the axis


def _known(names):
    """Return (canonical names that exist, a message about the ones that don't)."""
    names = [names] if isinstance(names, str) else list(names)
    good, bad = [], []
    for name in names:
        try:
            act = get(name)
        except (UnknownNameError, TypeError):
            bad.append(repr(name))
            continue
        good.append("swish" if act.name == "silu" else act.name)
    problem = None
    if bad:
        problem = f"unknown activation {', '.join(bad)}; valid names are: {', '.join(ACTIVATIONS)}"
    return list(dict.fromkeys(good)), problem


def _param_control(act, name):
    spec = act.params[name]
    description = f"{act.name} {name}"
    if spec.choices is not None:
        return widgets.Dropdown(options=spec.choices, value=spec.default, description=description, style=WIDE)
    step = (spec.high - spec.low) / 100
    return widgets.FloatSlider(
        value=spec.default, min=spec.low, max=spec.high, step=step, description=description, style=WIDE
    )


def _set_params(controls, selected, params):
    """Set the sliders of the selected functions from params; return a message about unused ones."""
    for name, value in params.items():
        keys = [f"{act}.{name}" for act in selected if f"{act}.{name}" in controls]
        if not keys:
            takes = sorted({k.split(".")[1] for k in controls if k.split(".")[0] in selected})
            return f"none of {', '.join(selected) or 'the chosen functions'} takes {name!r}; " + (
                f"they take: {', '.join(takes)}" if takes else "they take no parameters"
            )
        for key in keys:
            controls[key].value = value
    return None


def explorer(names=("relu", "gelu", "swish"), *, derivative=True, x_range=(-5.0, 5.0), **params):
    """Return a widget to pick activations, move their parameters and see f and f' at once.

    Parameters
    ----------
    names : the activations shown first; pick others in the list (ctrl/cmd-click for several).
    derivative : start with f'(x) shown (dashed, same colour).
    x_range : the starting input range; its slider goes from -10 to 10.
    **params : starting parameter values, e.g. alpha=0.2 (every chosen function taking alpha gets it).
    """
    selected, problem = _known(names)
    controls = {
        "names": widgets.SelectMultiple(
            options=list(ACTIVATIONS), value=selected, rows=9, description="show"
        ),
        "derivative": widgets.Checkbox(value=derivative, description="show f'(x)"),
        "x_range": widgets.FloatRangeSlider(value=x_range, min=-10, max=10, step=0.5, description="x range"),
    }
    for act in ACTIVATIONS.values():
        for name in act.params:
            controls[f"{act.name}.{name}"] = _param_control(act, name)
    problem = problem or _set_params(controls, selected, params)

    fig, ax = plotting.new_figure(width=7.5, height=4.6)
    with plotting.use_style():
        solid = {n: ax.plot([], [], label=plotting.curve_label(n))[0] for n in ACTIVATIONS}
        dashed = {n: ax.plot([], [], ls="--", lw=1.6, label=f"_{n}'")[0] for n in ACTIVATIONS}
        ax.axhline(0, color="0.5", lw=0.8)
        ax.axvline(0, color="0.5", lw=0.8)
        ax.set_xlabel(plotting.X_LABEL)
        ax.set_ylabel("f(x) solid, f'(x) dashed")

    def update(c):
        chosen = [name for name in ACTIVATIONS if name in c["names"].value]
        for key, control in c.items():
            if "." in key:
                control.layout.display = "" if key.split(".")[0] in chosen else "none"
        low, high = c["x_range"].value
        x = np.linspace(low, high, 601)
        shown = []
        for i, name in enumerate(n for n in ACTIVATIONS if n in chosen):
            act = ACTIVATIONS[name]
            y, dy = plotting.curve(act, x, **{p: c[f"{name}.{p}"].value for p in act.params})
            color = plotting.PALETTE[i % 7]  # the first seven: the palette's yellow is hard to see on white
            solid[name].set_data(x, y)
            dashed[name].set_data(x, dy)
            solid[name].set_color(color)
            dashed[name].set_color(color)
            shown += [y, dy] if c["derivative"].value else [y]
        for name in ACTIVATIONS:
            solid[name].set_visible(name in chosen)
            dashed[name].set_visible(name in chosen and c["derivative"].value)
        ax.set_xlim(low, high if high > low else low + 1)
        if not chosen:
            ax.set_title("nothing chosen")
            ax.legend().remove()
            return "Pick at least one activation in the list (ctrl/cmd-click to choose several)."
        _steady_ylim(ax, lambda: plotting.fit_y(ax, shown))
        ax.legend(handles=[solid[n] for n in ACTIVATIONS if n in chosen], loc="upper left")
        if len(chosen) == 1:
            ax.set_title(plotting.mathtext(chosen[0]))
        else:
            ax.set_title(f"{', '.join(chosen)}: solid f(x), dashed f'(x)")
        return None

    summary = f"activation explorer: {', '.join(selected) or 'nothing chosen'}"
    return Explorer(fig, controls, update, summary, problem)


def softmax_explorer(logits=(2.0, 1.0, 0.1), *, temperature=1.0):
    """Return a widget: logits and temperature as sliders, stable and naive softmax as bars side by side.

    Parameters
    ----------
    logits : 2 to 8 starting scores, each within [-10, 10].
    temperature : the starting temperature, within [0.05, 10].
    """
    logits = [float(v) for v in np.atleast_1d(logits)]
    problem = None
    if not 2 <= len(logits) <= 8:
        problem = f"logits: give 2 to 8 numbers; got {len(logits)}, so the sliders start at (2, 1, 0.1)"
        logits = [2.0, 1.0, 0.1]
    controls = {
        f"z{i}": widgets.FloatSlider(value=v, min=-10, max=10, step=0.1, description=f"logit z{i}")
        for i, v in enumerate(logits)
    }
    controls["temperature"] = widgets.FloatLogSlider(
        value=temperature, base=10, min=np.log10(0.05), max=1, step=0.02, description="temperature T"
    )
    controls["shift"] = widgets.FloatSlider(
        value=0, min=0, max=1000, step=10, description="add to every z", style=WIDE
    )
    fig, (ax_stable, ax_naive) = plotting.new_figure(ncols=2, width=10, height=4.2)
    with plotting.use_style():
        stable = plotting.softmax_bars(ax_stable, logits)
        naive = plotting.softmax_bars(ax_naive, logits, naive=True)
        title = fig.suptitle("")  # its text changes below; calling suptitle() again would move it

    def update(c):
        z = np.array([c[f"z{i}"].value for i in range(len(logits))]) + c["shift"].value
        temperature = c["temperature"].value
        plotting.update_softmax_bars(ax_stable, *stable, z, temperature)
        plotting.update_softmax_bars(ax_naive, *naive, z, temperature, naive=True)
        title.set_text(
            f"softmax(z / T) with T = {temperature:.3g}: adding to every z changes only the naive one"
        )
        return None

    return Explorer(fig, controls, update, f"softmax explorer: logits {logits}", problem)


def swish_morph(beta=1.0, *, derivative=True):
    """Return a widget: beta from 0 (swish is x/2) to 10 (close to ReLU), with swish's minimum marked.

    Parameters
    ----------
    beta : the starting beta, within [0, 10].
    derivative : start with the derivative shown.
    """
    controls = {
        "beta": widgets.FloatSlider(value=beta, min=0, max=10, step=0.05, description="beta"),
        "derivative": widgets.Checkbox(value=derivative, description="show f'(x)"),
    }
    x = np.linspace(-4, 4, 601)
    fig, ax = plotting.new_figure(width=7.5, height=4.6)
    with plotting.use_style():
        ax.plot(x, x / 2, ":", color=plotting.OKABE_ITO["green"], lw=1.5, label="x / 2 (beta = 0)")
        ax.plot(
            x, np.maximum(x, 0), ":", color=plotting.OKABE_ITO["black"], lw=1.5, label="ReLU (beta -> inf)"
        )
        line = ax.plot(x, x, color=plotting.PALETTE[0], label="swish(x)")[0]
        grad = ax.plot(x, x, "--", color=plotting.PALETTE[1], label="derivative")[0]
        low = ax.plot([], [], "o", color=plotting.OKABE_ITO["black"], label="minimum")[0]
        ax.set_xlim(x[0], x[-1])
        # Every curve fits for every beta: swish(x) lies between x / 2 and ReLU, its slope in [-0.1, 1.1].
        ax.set_ylim(x[0] / 2 - 0.3, x[-1] + 0.3)
        ax.axhline(0, color="0.5", lw=0.8)
        ax.set_xlabel(plotting.X_LABEL)
        ax.set_ylabel("f(x), f'(x)")
        ax.legend(loc="upper left")
    # swish(x; beta) = swish(beta x; 1) / beta, so its minimum scales from beta = 1's by 1 / beta.
    x_min, y_min = swish.key_points["minimum"]

    def update(c):
        b = c["beta"].value
        line.set_ydata(swish(x, beta=b))
        grad.set_ydata(swish.grad(x, beta=b))
        grad.set_visible(c["derivative"].value)
        in_view = b > 0 and x_min / b >= x[0]  # below beta = 0.32 the minimum lies left of the axes
        low.set_data([x_min / b], [y_min / b]) if in_view else low.set_data([], [])
        where = f", minimum ({x_min / b:.3f}, {y_min / b:.3f})" if b > 0 else ", no minimum: a straight line"
        ax.set_title(f"{plotting.mathtext(swish)},  beta = {b:.2f}{where}")
        return None

    return Explorer(fig, controls, update, f"swish morph: beta = {beta}")


# --- experiments ----------------------------------------------------------------------------------------


def gradient_flow_explorer(activation="tanh", *, init="xavier", depth=10, width=64):
    """Return a widget: activation, init, depth and width -> per-layer gradient norm and activation std.

    Parameters
    ----------
    activation, init : starting choices (see actlearn.network.INITS for the inits).
    depth : hidden layers, 1 to 50.
    width : units per hidden layer, 4 to 256.
    """
    controls = {
        "activation": widgets.Dropdown(
            options=hidden_activations(), value=get(activation).name, description="activation"
        ),
        "init": widgets.Dropdown(options=list(INITS), value="xavier", description="init"),
        "depth": widgets.IntSlider(value=depth, min=1, max=50, description="depth"),
        "width": widgets.IntSlider(value=width, min=4, max=256, step=4, description="width"),
    }
    problem = None
    try:
        controls["init"].value = lookup("init", init, {name: name for name in INITS})
    except UnknownNameError as error:
        problem = f"{error}. Showing xavier."
    fig = plotting.plot_gradient_flow(
        gradient_flow(controls["activation"].value, depth=depth, width=width, init=controls["init"].value)
    )
    ax_g, ax_s = fig.axes
    grad_line, std_line = ax_g.lines[0], ax_s.lines[0]

    def update(c):
        flow = gradient_flow(
            c["activation"].value, depth=c["depth"].value, width=c["width"].value, init=c["init"].value
        )
        for line, ax, values in ((grad_line, ax_g, flow.grad_norm), (std_line, ax_s, flow.activation_std)):
            usable = np.isfinite(values) & (values > 0)  # a log axis shows only these
            line.set_data(flow.layers[usable], values[usable])
            ax.relim()
            ax.autoscale_view(scaley=False)  # x follows the depth; y is fitted by hand below
            _steady_ylim(ax, lambda ax=ax: _fit_y_to_lines(ax))
        ax_g.set_title(f"gradient norm per layer: {flow.activation}, {flow.init} init")
        ax_s.set_title(f"activation std per layer: depth {c['depth'].value}, width {c['width'].value}")
        if not np.all(np.isfinite(flow.grad_norm)):
            return "the gradients overflowed to inf or nan: this init makes them explode"
        if not np.any(flow.grad_norm > 0):
            return "every gradient is exactly 0: nothing would ever learn"
        return None

    return Explorer(
        fig,
        controls,
        update,
        f"gradient flow explorer: {activation}, {init}, depth {depth}, width {width}",
        problem,
    )


NORM_CHOICES = {"none": None, "batch": "batch", "layer": "layer"}


def normalisation_explorer(activation="sigmoid", *, depth=30, norm=None, residual=False, init="xavier"):
    """Return a widget: activation, depth, normalisation and a residual switch -> per-layer signal.

    The figure shows experiments.gradient_flow's gradient norm, activation spread and saturated
    fraction per layer (width 64), and the layer-1 / last-layer gradient ratio in the title.

    Parameters
    ----------
    activation : the starting activation (any hidden-layer one).
    depth : hidden layers, 2 to 50.
    norm : None, "batch" or "layer".
    residual : start with the skips on (every hidden layer after the first).
    init : the weights' init, fixed for the widget (see actlearn.network.INITS).
    """
    controls = {
        "activation": widgets.Dropdown(
            options=hidden_activations(), value=get(activation).name, description="activation"
        ),
        "depth": widgets.IntSlider(value=depth, min=2, max=50, description="depth"),
        "norm": widgets.Dropdown(options=list(NORM_CHOICES), value="none", description="norm"),
        "residual": widgets.Checkbox(value=bool(residual), description="residual", indent=False),
    }
    problem = None
    try:
        controls["norm"].value = lookup(
            "norm", "none" if norm is None else norm, {n: n for n in NORM_CHOICES}
        )
    except UnknownNameError as error:
        problem = f"{error}. Showing none."

    def flow_of(c):
        return gradient_flow(
            c["activation"].value,
            depth=c["depth"].value,
            init=init,
            norm=NORM_CHOICES[c["norm"].value],
            residual=c["residual"].value,
            n_samples=128,
        )

    fig = plotting.plot_signal(flow_of(controls))
    ax_g, ax_s, ax_t = fig.axes
    lines = [(ax_g, ax_g.lines[0], "grad_norm"), (ax_s, ax_s.lines[0], "activation_std")]
    saturated_line = ax_t.lines[0]

    def update(c):
        flow = flow_of(c)
        for ax, line, name in lines:
            values = getattr(flow, name)
            usable = np.isfinite(values) & (values > 0)  # a log axis shows only these
            line.set_data(flow.layers[usable], values[usable])
            ax.relim()
            ax.autoscale_view(scaley=False)
            _steady_ylim(ax, lambda ax=ax: _fit_y_to_lines(ax))
        saturated_line.set_data(flow.layers, 100 * flow.saturated_fraction)
        ax_t.relim()
        ax_t.autoscale_view(scaley=False)
        ax_g.set_title(f"{flow.activation}, {flow.label}: layer 1 / last = {flow.grad_ratio:.1e}")
        ax_t.set_title(f"saturated: {100 * flow.saturated_fraction.mean():.0f}% on average")
        if not np.all(np.isfinite(flow.grad_norm)):
            return "the gradients overflowed to inf or nan"
        return None

    summary = f"normalisation explorer: {activation}, depth {depth}, norm {norm}, residual {residual}"
    return Explorer(fig, controls, update, summary, problem)


def prelu_training(*, dataset="spiral", epochs=300, snapshot_every=10, depth=2, width=16, seed=0):
    """Return a widget to scrub through PReLU training: the decision boundary and the learned slopes.

    Training runs once, when the widget is built; the slider only redraws saved snapshots.

    Parameters
    ----------
    dataset : a name from actlearn.datasets.DATASETS.
    epochs : how long to train.
    snapshot_every : keep the model every this many epochs (the slider's step).
    depth, width : hidden layers and units in each; each hidden layer has its own learned slope alpha.
    seed : the seed of the data and the initial weights.
    """
    result = train(
        dataset, "prelu", depth=depth, width=width, epochs=epochs, seed=seed, snapshot_every=snapshot_every
    )
    models = dict(result.snapshots)
    X = np.concatenate([result.X_train, result.X_test])
    y = np.concatenate([result.y_train, result.y_test])
    k = int(y.max()) + 1
    keys = [key for key in result.model.params if key.startswith("alpha")]
    controls = {"epoch": widgets.SelectionSlider(options=list(models), value=epochs, description="epoch")}
    fig, (ax_b, ax_a) = plotting.new_figure(ncols=2, width=11, height=4.6)
    with plotting.use_style():
        image, _ = plotting.draw_decision_boundary(ax_b, result.model, X, y)
        # history row e holds the slopes after e updates; the trained model's slopes close the curve, so
        # every epoch the slider reaches, the last included, lies on it (and inside the axes)
        alpha = np.vstack([result.history["alpha"], [[result.model.params[key].mean() for key in keys]]])
        for j, key in enumerate(keys):
            ax_a.plot(np.arange(len(alpha)), alpha[:, j], label=f"layer {key[5:]}")
        now = ax_a.axvline(0, color=plotting.OKABE_ITO["black"], lw=1, ls=":")
        marks = ax_a.plot([], [], "o", color=plotting.OKABE_ITO["black"])[0]
        ax_a.set_xlabel("epoch")
        per_unit = any(result.model.params[key].size > 1 for key in keys)
        ax_a.set_ylabel("learned slope alpha" + (" (mean over units)" if per_unit else ""))
        ax_a.legend(loc="best")
    images = {}

    def update(c):
        epoch = c["epoch"].value
        model = models[epoch]
        if epoch not in images:  # a boundary costs a forward pass over the grid: draw each once
            images[epoch] = plotting.boundary_image(model, image.get_extent(), k)
        image.set_data(images[epoch])
        slopes = [float(model.params[key].mean()) for key in keys]
        now.set_xdata([epoch, epoch])
        marks.set_data([epoch] * len(slopes), slopes)
        accuracy = np.mean(model.predict(X) == y)
        ax_b.set_title(f"{dataset}, epoch {epoch}: accuracy {accuracy:.1%} on all {len(y)} points")
        ax_a.set_title("alpha at epoch {}: {}".format(epoch, ", ".join(f"{s:.3f}" for s in slopes)))
        return None

    return Explorer(fig, controls, update, f"PReLU training on {dataset}: {epochs} epochs")


def unit_tiles_explorer(
    dataset="moons",
    activation="relu",
    *,
    depth=2,
    width=8,
    epochs=200,
    snapshot_every=10,
    lr=0.01,
    seed=0,
    columns=16,
):
    """Return a widget to scrub through training: every hidden unit's output over the plane, epoch by epoch.

    Training runs once, when the widget is built; the slider only redraws the saved snapshots, each
    through experiments.unit_grids.

    Parameters
    ----------
    dataset : a name from actlearn.datasets.DATASETS (a 2-D set: the tiles show the input plane).
    activation : the hidden layers' activation.
    depth, width : hidden layers and units in each.
    epochs, lr, seed : the training run (Adam, full batch, the activation's usual init).
    snapshot_every : keep the weights every this many epochs (the slider's step).
    columns : tiles in a row.
    """
    lookup("dataset", dataset, DATASETS)  # a 2-D set only: digits have no plane to draw
    result = train(
        dataset,
        activation,
        depth=depth,
        width=width,
        epochs=epochs,
        lr=lr,
        seed=seed,
        snapshot_every=snapshot_every,
    )
    models = dict(result.snapshots)
    X, y = _points(result)
    controls = {"epoch": widgets.SelectionSlider(options=list(models), value=0, description="epoch")}
    first = unit_grids(models[0], X)
    columns, rows, _ = plotting.tile_layout(first, columns)
    size = min(1.2, 11 / columns)
    fig, ax = plotting.new_figure(width=max(size * columns + 1.2, 6.4), height=size * rows + 1.0)
    with plotting.use_style():
        tiles = plotting.draw_unit_tiles(ax, first, X, y, columns=columns)
        ax.set_xlabel(plotting.unit_tiles_title(first, 0).split("\n")[1], fontsize=10)
    grids = {0: first}

    def update(c):
        epoch = c["epoch"].value
        if epoch not in grids:  # each snapshot's grids cost a forward pass over the plane: compute once
            grids[epoch] = unit_grids(models[epoch], X)
        dead = plotting.update_unit_tiles(tiles, grids[epoch])
        accuracy = np.mean(models[epoch].predict(X) == y)
        ax.set_title(
            f"{dataset}, {activation}, epoch {epoch}: accuracy {accuracy:.1%}\n"
            + plotting.unit_tiles_title(grids[epoch], dead).split("\n", 1)[0],
            fontsize=11,
        )
        return None

    summary = f"unit tiles over training: {activation} on {dataset}, {epochs} epochs"
    return Explorer(fig, controls, update, summary)


def race_explorer(
    activations=("relu", "tanh", "gelu", "swish"), *, dataset="spiral", epochs=300, panels=4, results=()
):
    """Return a widget: pick activations and a data set, see their trained decision boundaries side by side.

    Each (activation, data set) is trained once, the first time it is picked, then kept.

    Parameters
    ----------
    activations : the ones shown first (at most `panels`).
    dataset : a name from actlearn.datasets.DATASETS.
    epochs : training length of each network.
    panels : how many boundaries fit side by side.
    results : RaceResults of experiments.race on this data set, shown (first seed) instead of retraining.
    """
    hidden = hidden_activations()
    chosen, problem = _known(activations)
    chosen = [name for name in chosen if name in hidden]
    try:
        lookup("dataset", dataset, DATASETS)
    except UnknownNameError as error:
        problem, dataset = str(error), "spiral"
    controls = {
        "activations": widgets.SelectMultiple(
            options=hidden, value=chosen[:panels], rows=8, description="race"
        ),
        "dataset": widgets.Dropdown(options=list(DATASETS), value=dataset, description="dataset"),
    }
    fig, _ = plotting.new_figure(ncols=panels, width=3.6 * panels, height=3.9)
    axes = fig.axes  # a list even when panels == 1
    # (activation, data set) -> (trained model, every point, their labels, test accuracy of that model)
    runs = {
        (r.activation, dataset): (r.model, *_points(r), float(r.final_test_acc_per_seed[0])) for r in results
    }

    def run(name, data):
        if (name, data) not in runs:
            result = train(data, name, epochs=epochs)  # with the activation's usual init
            runs[name, data] = (result.model, *_points(result), result.final_test_acc)
        return runs[name, data]

    model, X, y, _ = run(chosen[0] if chosen else "relu", dataset)
    with plotting.use_style():
        artists = [plotting.draw_decision_boundary(ax, model, X, y) for ax in axes]

    def update(c):
        names, data = list(c["activations"].value), c["dataset"].value
        if not names:
            for ax in axes:
                ax.set_visible(False)
            return "Pick at least one activation in the list (ctrl/cmd-click to choose several)."
        for i, (ax, (image, points)) in enumerate(zip(axes, artists, strict=True)):
            ax.set_visible(i < len(names))
            if i >= len(names):
                continue
            model, X, y, accuracy = run(names[i], data)
            k = int(y.max()) + 1
            extent = plotting.data_extent(X)
            image.set_data(plotting.boundary_image(model, extent, k))
            image.set_extent(extent)
            points.set_offsets(X)
            points.set_facecolors(plotting.class_colors(k)[y])
            ax.set_title(f"{names[i]}: test accuracy {accuracy:.0%}")
        if len(names) > panels:
            return f"only {panels} fit side by side: showing {', '.join(names[:panels])}"
        return None

    summary = f"activation race on {dataset}: {', '.join(chosen)}"
    return Explorer(fig, controls, update, summary, problem)


def _points(result):
    """Return every point of a TrainResult or RaceResult, train then test, and their labels."""
    return np.concatenate([result.X_train, result.X_test]), np.concatenate([result.y_train, result.y_test])

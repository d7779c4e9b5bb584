"""One house style for every figure of the course, and the figures themselves.

Every function returns the matplotlib Figure it drew (the Axes' Figure when given `ax=`) and never
calls plt.show(): a notebook shows a returned Figure once, and a test reads what was drawn.
Figures are made without pyplot, so they never pile up in pyplot's list of open figures; the
`Figure` class below shows itself as a PNG in a notebook even before pyplot is imported.

The style lives in `STYLE` and is applied only inside each function (`use_style()`), so importing
this module leaves matplotlib's global settings alone.
"""

import functools
import io
import re
import textwrap

import matplotlib
import matplotlib.figure
import numpy as np
import PIL.Image
from cycler import cycler
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.ticker import MaxNLocator

from actlearn.activations import ACTIVATIONS, Activation, Interval, get, lookup, softmax

# Okabe & Ito's palette: told apart by every common kind of colour blindness, and in greyscale.
OKABE_ITO = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "green": "#009E73",
    "orange": "#E69F00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
}
PALETTE = list(OKABE_ITO.values())

STYLE = {
    "axes.prop_cycle": cycler(color=PALETTE),
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.axisbelow": True,  # the grid under the data, also when a widget redraws only the data
    "axes.spines.top": False,
    "axes.spines.right": False,
    "font.size": 12,  # readable from the back of a classroom
    "axes.titlesize": 13,
    "axes.labelsize": 12,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 10,
    "legend.frameon": False,
    "lines.linewidth": 2.2,
    "figure.dpi": 90,  # stored notebook PNGs stay small
    "savefig.dpi": 90,
}

X_LABEL = "input x (pre-activation)"
DEFAULT_X = np.linspace(-5, 5, 801)


def use_style():
    """Return a context manager that applies the house style inside a `with` block."""
    return matplotlib.rc_context(STYLE)


def _styled(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with use_style():
            return fn(*args, **kwargs)

    return wrapper


class Figure(matplotlib.figure.Figure):
    """A matplotlib Figure that a notebook shows as a PNG, made without pyplot."""

    def _repr_png_(self):
        return png_bytes(self)


def new_figure(ncols=1, nrows=1, width=6.4, height=4.2):
    """Return (fig, axes) in the house style: a Figure with an Agg canvas, axes squeezed as pyplot does."""
    with use_style():
        fig = Figure(figsize=(width, height), layout="constrained")
        FigureCanvasAgg(fig)
        axes = fig.subplots(nrows, ncols, squeeze=True)
    return fig, axes


def png_bytes(fig, small=True):
    """Return the figure drawn on its Agg canvas as PNG bytes.

    small=True maps the picture to 128 colours: a third of the bytes in a stored notebook, for about
    twice the encoding time, so widgets answer a slider move with small=False.
    """
    fig.canvas.draw()
    return canvas_png(fig, small)


def canvas_png(fig, small=True):
    """Return what the figure's Agg canvas holds now as PNG bytes, without drawing it again."""
    image = PIL.Image.fromarray(np.asarray(fig.canvas.buffer_rgba())[..., :3])
    if small:
        image = image.quantize(128)
    buffer = io.BytesIO()
    image.save(buffer, format="png", compress_level=6 if small else 1)
    return buffer.getvalue()


def _axes(ax, width=6.4, height=4.2):
    if ax is None:
        return new_figure(width=width, height=height)
    return ax.figure, ax


# --- activation curves ------------------------------------------------------------------------------


def mathtext(act):
    """Return the activation's formula in the LaTeX subset matplotlib draws ($...$, no cases blocks)."""
    act = get(act)

    def cases(match):
        rows = [row.split("&") for row in match.group(1).split(r"\\")]
        return r",\ ".join(rf"{value.strip()}\ \mathrm{{if}}\ {test.strip()}" for value, test in rows)

    formula = re.sub(r"\\begin\{cases\}(.*?)\\end\{cases\}", cases, act.formula)
    formula = formula.replace(r"\le ", r"\leq ")  # mathtext knows \leq, not \le
    formula = re.sub(
        r"\\text\{\s*(.*?)\}", lambda m: r"\ \mathrm{" + m.group(1).replace(" ", r"\ ") + "}", formula
    )
    return f"${formula}$"


def curve(act, x, **params):
    """Return (y, dy), the activation and its derivative on x; a vector-valued one is of [x, 0].

    For a vector-valued activation (softmax) dy is the diagonal entry of its Jacobian, d s0 / d z0;
    two_class(act, x) also gives the off-diagonal one.
    """
    act = get(act)
    x = np.asarray(x, dtype=float)
    if not act.elementwise:
        if params:
            raise TypeError(f"{act.name} takes no parameters here; got {', '.join(params)}")
        y, diagonal, _ = two_class(act, x)
        return y, diagonal
    return act(x, **params), act.grad(x, **params)


def two_class(act, x):
    """Return s0, d s0 / d z0 and d s0 / d z1 of a vector-valued activation s at z = [x, 0], the 2-class case.

    For softmax, s0 = sigmoid(x), the diagonal entry is s0 (1 - s0) and the off-diagonal one -s0 s1.
    """
    z = np.stack([x, np.zeros_like(x)], axis=-1)
    upstream = np.broadcast_to([1.0, 0.0], z.shape)  # pick output 0: the row d s0 / d z_j
    row = act.grad(z, upstream)
    return act(z)[..., 0], row[..., 0], row[..., 1]


def curve_label(act):
    """Return the legend label of an activation; a vector-valued one says it is the 2-class case."""
    act = get(act)
    return act.name if act.elementwise else f"{act.name}([x, 0])[0]"


def _is_default(act, params):
    return all(params.get(name, spec.default) == spec.default for name, spec in act.params.items())


def _shade_output_range(ax, act, color):
    rng = act.output_range
    if not isinstance(rng, Interval):
        return
    top = rng.high if np.isfinite(rng.high) else 1e9  # an open end runs off the axes
    bottom = rng.low if np.isfinite(rng.low) else -1e9
    if np.isfinite(rng.low) or np.isfinite(rng.high):
        ax.axhspan(bottom, top, color=color, alpha=0.08, lw=0, label=f"output range {rng}")


def _annotate_key_points(ax, act, params):
    if not _is_default(act, params):
        return  # the stored key points hold for the default parameters only
    for label, (x, y) in act.key_points.items():
        if np.isfinite(x):
            ax.plot([x], [y], "o", color=OKABE_ITO["black"], ms=6, zorder=5)
            low, high = ax.get_ylim()
            near_bottom = y < low + 0.25 * (high - low)  # text below would sit on the tick labels
            below = y <= 0 and not near_bottom
            ax.annotate(
                f"{label}\n({x:.3f}, {y:.3f})",
                (x, y),
                xytext=(12, -28) if below else (-10, 14) if near_bottom else (12, 10),
                textcoords="offset points",
                ha="right" if near_bottom else "left",
                fontsize=10,
            )
        else:
            ax.axhline(y, color=OKABE_ITO["black"], ls=":", lw=1, label=f"{label} {y:g}")


@_styled
def plot_activation(name_or_act, *, ax=None, derivative=True, x=None, **params):
    """Return a figure of one activation and its derivative, its output range shaded and key points marked.

    A vector-valued activation (softmax) is drawn in the 2-class case, s = softmax([x, 0]): s0, and two
    entries of its Jacobian, the diagonal d s0 / d z0 (dashed) and the off-diagonal d s0 / d z1 (dotted).

    Parameters
    ----------
    name_or_act : str or Activation, e.g. "swish" or actlearn.swish.
    ax : matplotlib Axes to draw on; a new figure if None.
    derivative : also draw f'(x), dashed.
    x : the inputs to draw at; default 801 points on [-5, 5].
    **params : the activation's parameters, e.g. beta=2.0 for swish.
    """
    act = get(name_or_act)
    x = DEFAULT_X if x is None else np.asarray(x, dtype=float)
    y, dy = curve(act, x, **params)
    fig, ax = _axes(ax)
    color = PALETTE[0]
    _shade_output_range(ax, act, color)
    ax.plot(x, y, color=color, label=f"{curve_label(act)}(x)")
    drawn = [y]
    if derivative and act.elementwise:
        ax.plot(x, dy, color=PALETTE[1], ls="--", label="derivative f'(x)")
        drawn.append(dy)
    elif derivative:
        _, diagonal, off_diagonal = two_class(act, x)
        ax.plot(x, diagonal, color=PALETTE[1], ls="--", label="diagonal d s0/d z0 = s0 (1 - s0)")
        ax.plot(x, off_diagonal, color=PALETTE[2], ls=":", label="off-diagonal d s0/d z1 = -s0 s1")
        drawn += [diagonal, off_diagonal]
    _fit_y(ax, drawn)
    _annotate_key_points(ax, act, params)  # after the limits are set: it places text by them
    ax.set_xlim(x[0], x[-1])
    ax.axhline(0, color="0.5", lw=0.8)
    ax.axvline(0, color="0.5", lw=0.8)
    ax.set_xlabel(X_LABEL)
    ax.set_ylabel("f(x), f'(x)" if derivative else "f(x)")
    title = mathtext(act)
    if not act.elementwise:
        title += f"\n2-class case: {curve_label(act)}"
    ax.set_title(title)
    ax.legend(loc="upper left")
    return fig


def _fit_y(ax, curves, margin=0.1):
    values = np.concatenate([np.ravel(c) for c in curves])
    values = values[np.isfinite(values)]
    low, high = (values.min(), values.max()) if values.size else (-1.0, 1.0)
    pad = margin * max(high - low, 1e-3)
    ax.set_ylim(low - pad, high + pad)


def _min_log_span(ax, decades=2.0):
    """Widen a log y-axis to span at least this many decades, so a flat profile looks flat."""
    low, high = ax.get_ylim()
    missing = decades - np.log10(high / low)
    if missing > 0:
        ax.set_ylim(low / 10 ** (missing / 2), high * 10 ** (missing / 2))


def _sweep(params):
    """Split params into fixed values and at most one swept parameter (a list of values)."""
    swept = {k: list(v) for k, v in params.items() if isinstance(v, (list, tuple, np.ndarray))}
    if len(swept) > 1:
        raise ValueError(f"sweep one parameter at a time; got lists for {', '.join(swept)}")
    fixed = {k: v for k, v in params.items() if k not in swept}
    if not swept:
        return fixed, None, [None]
    ((name, values),) = swept.items()
    if not values:
        raise ValueError(f"{name} is an empty list: give at least one value to compare")
    return fixed, name, values


@_styled
def plot_comparison(names, *, x=None, derivative=True, **params):
    """Return a figure of several activations (or one at several parameter values), derivatives beside.

    Parameters
    ----------
    names : one name or Activation, or a list of them.
    x : the inputs to draw at; default 801 points on [-5, 5].
    derivative : add a second axes with the derivatives.
    **params : a value applies to every function (each must take it); a list sweeps it,
        e.g. plot_comparison("swish", beta=[0.5, 1, 2, 10]).
    """
    names = [names] if isinstance(names, (str, Activation)) else list(names)
    if not names:
        raise ValueError("names is empty: pick at least one activation to compare")
    acts = [get(n) for n in names]
    fixed, swept, values = _sweep(params)
    x = DEFAULT_X if x is None else np.asarray(x, dtype=float)
    fig, axes = new_figure(ncols=2 if derivative else 1, width=11 if derivative else 6.4)
    ax_f, ax_d = axes if derivative else (axes, None)
    ys = []
    for act in acts:
        for value in values:
            p = dict(fixed) if swept is None else {**fixed, swept: value}
            y, dy = curve(act, x, **p)
            label = curve_label(act) + ("" if swept is None else f", {swept} = {value:g}")
            line = ax_f.plot(x, y, label=label)[0]
            if derivative:
                ax_d.plot(x, dy, color=line.get_color(), ls="--", label=label)
            ys += [y, dy] if derivative else [y]
    for ax, what in ((ax_f, "f(x)"), (ax_d, "derivative f'(x)")):
        if ax is None:
            continue
        ax.set_xlim(x[0], x[-1])
        ax.axhline(0, color="0.5", lw=0.8)
        ax.set_xlabel(X_LABEL)
        ax.set_ylabel(what)
        ax.set_title(what if swept is None else f"{what}, sweeping {swept}")
    _fit_y(ax_f, [line.get_ydata() for line in ax_f.lines])
    if derivative:
        _fit_y(ax_d, [line.get_ydata() for line in ax_d.lines])
    ax_f.legend(loc="upper left")
    return fig


@_styled
def plot_gap(name_or_act, *, ax=None, reference=None, x=None, **params):
    """Return a figure of f(x; params) - reference(x), the largest |gap| marked with its place and size.

    Parameters
    ----------
    name_or_act : the activation to draw, e.g. "gelu".
    ax : Axes to draw on; a new figure if None.
    reference : the activation it is compared with, at its default parameters; default the same one.
    x : the inputs to draw at; default 801 points on [-5, 5].
    **params : the parameters of the first one, e.g. approximate="tanh" for GELU, beta=50 for swish.
    """
    act = get(name_or_act)
    ref = act if reference is None else get(reference)
    x = DEFAULT_X if x is None else np.asarray(x, dtype=float)
    gap = act(x, **params) - ref(x)
    fig, ax = _axes(ax)
    setting = ", ".join(f"{k}={v!r}" for k, v in params.items())
    label = f"{act.name}(x{', ' + setting if setting else ''}) - {ref.name}(x)"
    ax.plot(x, gap, color=PALETTE[0], label=label)
    i = int(np.nanargmax(np.abs(gap)))
    ax.plot([x[i]], [gap[i]], "o", color=OKABE_ITO["black"], ms=6, zorder=5)
    # The text goes in a corner on the side away from the peak, where the curve is near zero.
    ax.text(
        0.02,
        0.04 if gap[i] > 0 else 0.96,
        f"largest |gap| (dot): {abs(gap[i]):.3g} at x = {x[i]:.3f}",
        transform=ax.transAxes,
        va="bottom" if gap[i] > 0 else "top",
        fontsize=10,
    )
    _fit_y(ax, [gap], margin=0.25)
    ax.set_xlim(x[0], x[-1])
    ax.axhline(0, color="0.5", lw=0.8)
    ax.set_xlabel(X_LABEL)
    ax.set_ylabel("difference")
    ax.set_title(label)
    return fig


CHEATSHEET_PAGES = {
    "all": ("Activation functions", lambda act: True),
    "article": ("The article's activation functions", lambda act: act.in_article),
    "beyond": ("Beyond the article, activations of modern networks", lambda act: not act.in_article),
}


def cheatsheet_names(page="all"):
    """Return the names of the activations on one page of the cheat sheet: "all", "article" or "beyond"."""
    _, keep = lookup("cheat sheet page", page, CHEATSHEET_PAGES)
    return [name for name, act in ACTIVATIONS.items() if keep(act)]


def _panel_x(act):
    """Return [-5, 5] widened to show every key point with room to spare (ReLU6's cap at 6)."""
    ends = [x for x, _ in act.key_points.values() if np.isfinite(x)]
    low, high = min([-5.0, *(e - 2 for e in ends)]), max([5.0, *(e + 2 for e in ends)])
    return np.linspace(low, high, 801)


@_styled
def plot_cheatsheet(*, page="all", x=None):
    """Return one figure with every activation of a page: curve, derivative, formula, range and f' range.

    A vector-valued activation's panel (softmax) is its 2-class case, with its Jacobian's diagonal entry
    dashed and an off-diagonal one dotted; its f' range is the range of those entries.

    Parameters
    ----------
    page : "all" (every activation), "article" (the ones the source article covers, act.in_article)
        or "beyond" (the modern ones it does not: Softplus, SELU, Mish, hard-swish, ReLU6).
    x : the inputs to draw at; default 801 points on [-5, 5], widened where a key point lies outside.
    """
    names = cheatsheet_names(page)  # an unknown page raises here, listing the three
    title, _ = CHEATSHEET_PAGES[page]
    ncols = 3
    nrows = -(-len(names) // ncols)
    fig, axes = new_figure(ncols=ncols, nrows=nrows, width=16, height=4.6 * nrows + 0.6)
    axes = np.atleast_1d(axes)
    for ax, name in zip(axes.flat, names, strict=False):
        act = ACTIVATIONS[name]
        plot_activation(act, ax=ax, x=_panel_x(act) if x is None else x)
        ax.set_xlabel("x")
        ax.set_ylabel("")
        ax.set_title(f"{act.name}\n{ax.get_title()}", fontsize=12)
        facts = f"range {act.output_range}\nf' range {act.derivative_range}"
        if not act.elementwise:
            facts += " (Jacobian entries)\ndashed: diagonal d s0/d z0\ndotted: off-diagonal d s0/d z1"
        ax.text(
            0.03,
            0.96,
            facts,
            transform=ax.transAxes,
            ha="left",
            va="top",
            fontsize=10,
            bbox={"facecolor": "white", "alpha": 0.8, "lw": 0},
        )
        ax.get_legend().remove()
    for ax in axes.flat[len(names) :]:
        ax.set_visible(False)
    fig.suptitle(f"{title}: solid f(x), dashed f'(x), shaded the output range", fontsize=15)
    return fig


PAPERS = {"a4": (210 / 25.4, 297 / 25.4), "letter": (8.5, 11.0)}  # portrait, in inches
PRINT_SIZES = {"title": 11, "name": 8.5, "text": 7, "ticks": 6}  # points: 6 pt and up is readable on paper


def _small_panel(ax, act):
    """Draw one activation small: f solid, f' dashed, its output range shaded and written in the corner."""
    x = _panel_x(act)
    y, dy = curve(act, x)
    _shade_output_range(ax, act, PALETTE[0])
    ax.plot(x, y, color=PALETTE[0], lw=1.2)
    ax.plot(x, dy, color=PALETTE[1], lw=1.0, ls="--")
    drawn = [y, dy]
    if not act.elementwise:
        off_diagonal = two_class(act, x)[2]
        ax.plot(x, off_diagonal, color=PALETTE[2], lw=1.0, ls=":")
        drawn.append(off_diagonal)
    _fit_y(ax, drawn)
    ax.set_xlim(x[0], x[-1])
    ax.axhline(0, color="0.5", lw=0.5)
    ax.axvline(0, color="0.5", lw=0.5)
    ax.tick_params(labelsize=PRINT_SIZES["ticks"], length=2, pad=1)
    ax.yaxis.set_major_locator(MaxNLocator(4))
    ax.set_title(act.name if act.elementwise else f"{act.name}, 2 classes", fontsize=PRINT_SIZES["name"])
    facts = f"range {act.output_range}\nf' {act.derivative_range}"
    if not act.elementwise:
        facts += "\nf': Jacobian entries"
    ax.text(0.03, 0.97, facts, transform=ax.transAxes, ha="left", va="top", fontsize=PRINT_SIZES["ticks"],
            bbox={"facecolor": "white", "alpha": 0.8, "lw": 0, "pad": 1})  # fmt: skip


def _key(ax):
    """Turn a spare panel into the key to the line styles, and say where the page comes from."""
    ax.set_axis_off()
    styles = [
        ("f(x)", {"color": PALETTE[0], "lw": 1.2}),
        ("derivative f'(x)", {"color": PALETTE[1], "lw": 1.0, "ls": "--"}),
        ("softmax: off-diagonal\nd s0/d z1 (2 classes)", {"color": PALETTE[2], "lw": 1.0, "ls": ":"}),
    ]
    handles = [matplotlib.lines.Line2D([], [], label=label, **style) for label, style in styles]
    handles.append(matplotlib.patches.Patch(color=PALETTE[0], alpha=0.08, label="output range"))
    ax.legend(handles=handles, loc="upper left", fontsize=PRINT_SIZES["text"], frameon=False)
    ax.text(0, 0, "actlearn\npython -m actlearn cheatsheet", transform=ax.transAxes, va="bottom",
            fontsize=PRINT_SIZES["ticks"], color="0.4")  # fmt: skip


def _guide_lines(width):
    """Return the decision guide as (text, weight) lines wrapped to width characters."""
    from actlearn.guide import ALWAYS, DECISION_GUIDE

    lines = []
    for heading, advice in DECISION_GUIDE.items():
        lines += [("", "normal"), (heading, "heading")]
        for situation, choice, why in advice:
            lines += [(t, "bold") for t in textwrap.wrap(f"{situation} \N{RIGHTWARDS ARROW} {choice}", width)]
            lines += [
                (t, "normal") for t in textwrap.wrap(why, width, initial_indent="  ", subsequent_indent="  ")
            ]
    lines += [("", "normal"), *((t, "bold") for t in textwrap.wrap(ALWAYS, width))]
    return lines[1:]


def plot_printable_cheatsheet(*, paper="a4"):
    """Return one printable page: every activation in a small panel, notebook 14's decision guide beside.

    Parameters
    ----------
    paper : "a4" (210 x 297 mm) or "letter" (8.5 x 11 in); the figure is that size, portrait.
    """
    width, height = lookup("paper", paper, PAPERS)
    names = cheatsheet_names("all")
    ncols = 3
    nrows = -(-len(names) // ncols)
    with use_style():
        fig = Figure(figsize=(width, height), layout="constrained")
        FigureCanvasAgg(fig)
        fig.get_layout_engine().set(w_pad=0.04, h_pad=0.04, wspace=0.02, hspace=0.02)
        fig.suptitle(
            "Activation functions: solid f(x), dashed f'(x), shaded the output range",
            fontsize=PRINT_SIZES["title"],
        )
        left, right = fig.subfigures(1, 2, width_ratios=[1.75, 1], wspace=0.01)
        axes = left.subplots(nrows, ncols)
        for ax, name in zip(axes.flat, names, strict=False):
            _small_panel(ax, ACTIVATIONS[name])
        _key(axes.flat[len(names)])
        for ax in axes.flat[len(names) + 1 :]:
            ax.set_visible(False)
        ax = right.subplots()
        ax.set_axis_off()
        ax.set_title("Choosing one (notebook 14's decision guide)", fontsize=PRINT_SIZES["name"], loc="left")
        lines = _guide_lines(width=46)
        step = 1 / max(len(lines), 74)  # a short guide keeps its line height
        for i, (text, weight) in enumerate(lines):
            ax.text(0, 1 - i * step, text, transform=ax.transAxes, va="top", ha="left",
                    fontsize=PRINT_SIZES["name"] if weight == "heading" else PRINT_SIZES["text"],
                    fontweight="normal" if weight == "normal" else "bold")  # fmt: skip
    return fig


# --- experiment figures ------------------------------------------------------------------------------


def class_colors(k):
    """Return k RGB colours, one per class, from the palette."""
    return np.array([matplotlib.colors.to_rgb(c) for c in PALETTE[:k]])


def boundary_image(model, extent, k, resolution=150):
    """Return an RGB image of the model's class probabilities over extent, paled so points stand out."""
    x0, x1, y0, y1 = extent
    gx, gy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    proba = model.predict_proba(np.column_stack([gx.ravel(), gy.ravel()]))
    rgb = proba @ class_colors(k)
    return (0.45 * rgb + 0.55).reshape(resolution, resolution, 3)


def data_extent(X, margin=0.3):
    """Return (x0, x1, y0, y1) that holds every point of X with a margin."""
    low, high = X.min(axis=0) - margin, X.max(axis=0) + margin
    return (low[0], high[0], low[1], high[1])


def draw_decision_boundary(ax, model, X, y, resolution=150):
    """Draw the model's class regions on ax with the points over them; return (image, points) to update."""
    k = int(max(y.max() + 1, model.predict_proba(X[:1]).shape[1]))
    extent = data_extent(X)
    image = ax.imshow(
        boundary_image(model, extent, k, resolution), origin="lower", extent=extent, aspect="auto"
    )
    points = ax.scatter(X[:, 0], X[:, 1], c=class_colors(k)[y], s=14, edgecolors="black", linewidths=0.4)
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    ax.grid(False)
    return image, points


@_styled
def plot_decision_boundary(model, X, y, *, ax=None, title=None, resolution=150, legend=False):
    """Return a figure of a trained classifier's regions on 2-D data, with the points over them.

    Parameters
    ----------
    model : anything with predict_proba(X) -> (n, k), like actlearn.network.MLP.
    X, y : the points (n, 2) and their labels (n,).
    ax : Axes to draw on; a new figure if None.
    title : the axes title; default the accuracy on X.
    legend : if True, a legend names each class's colour.
    """
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X must have shape (n, 2) for a 2-D picture; got {X.shape}")
    fig, ax = _axes(ax, width=5, height=4.6)
    _, points = draw_decision_boundary(ax, model, X, y, resolution)
    if legend:
        for k, colour in enumerate(class_colors(int(y.max()) + 1)):
            ax.scatter([], [], color=colour, s=14, edgecolors="black", linewidths=0.4, label=f"class {k}")
        ax.legend(loc="upper right", fontsize="small", frameon=True, framealpha=0.9)
    accuracy = np.mean(model.predict(X) == y)
    ax.set_title(title if title is not None else f"accuracy {accuracy:.1%}")
    return fig


def _labelled(flows):
    return flows if isinstance(flows, dict) else {"": flows}


@_styled
def plot_gradient_flow(flows):
    """Return a figure of per-layer gradient norms and activation std, both on log scales.

    Parameters
    ----------
    flows : one result of experiments.gradient_flow, or a dict label -> result to overlay.
    """
    fig, (ax_g, ax_s) = new_figure(ncols=2, width=11)
    for label, flow in _labelled(flows).items():
        ax_g.semilogy(flow.layers, flow.grad_norm, "o-", ms=3, label=label or None)
    ax_g.set_title("gradient norm per layer")
    ax_g.set_ylabel("||dL/dW|| (log scale)")
    ax_g.set_xlabel("layer (1 = nearest the input)")
    ax_g.xaxis.set_major_locator(MaxNLocator(integer=True))  # layers are whole numbers: no tick at 2.5
    if len(_labelled(flows)) > 1:
        ax_g.legend()
    plot_std_per_layer(flows, ax=ax_s)  # the same colours: both axes cycle the palette in order
    _min_log_span(ax_g)
    return fig


@_styled
def plot_std_per_layer(flows, *, ax=None):
    """Return a figure of each layer's activation std on a log scale, with the input's std dotted.

    Parameters
    ----------
    flows : one result of experiments.gradient_flow, or a dict label -> result to overlay.
    ax : Axes to draw on; a new figure if None.
    """
    flows = _labelled(flows)
    if not flows:
        raise ValueError("flows is empty: pass experiments.gradient_flow(...) or a dict label -> result")
    fig, ax = _axes(ax, width=7)
    for label, flow in flows.items():
        ax.semilogy(flow.layers, flow.activation_std, "o-", ms=3, label=label or None)
    input_std = next(iter(flows.values())).input_std
    ax.axhline(input_std, color=OKABE_ITO["black"], lw=1, ls=":", label=f"input std ({input_std:.2f})")
    ax.set_xlabel("layer (1 = nearest the input)")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    low, high = ax.get_ylim()
    ax.set_ylim(low, max(high, 1.5 * input_std))  # room above the dotted line, so it is not the frame's edge
    ax.set_ylabel("std of activations (log scale)")
    ax.set_title("activation spread per layer")
    ax.legend()
    _min_log_span(ax)
    return fig


@_styled
def plot_signal(flows):
    """Return a figure of per-layer gradient norm, activation spread and saturated fraction, side by side.

    Parameters
    ----------
    flows : one result of experiments.gradient_flow, or a dict label -> result to overlay (flow.label
        is a good label: "plain", "batch norm + residual", ...).
    """
    flows = _labelled(flows)
    if not flows:
        raise ValueError("flows is empty: pass experiments.gradient_flow(...) or a dict label -> result")
    fig, (ax_g, ax_s, ax_t) = new_figure(ncols=3, width=15, height=4.4)
    for label, flow in flows.items():
        ax_g.semilogy(flow.layers, flow.grad_norm, "o-", ms=3, label=label or None)
        ax_t.plot(flow.layers, 100 * flow.saturated_fraction, "o-", ms=3, label=label or None)
    ax_g.set_title("gradient norm per layer")
    ax_g.set_ylabel("||dL/dW|| (log scale)")
    plot_std_per_layer(flows, ax=ax_s)
    ax_t.set_ylim(-2, 102)
    ax_t.set_ylabel("saturated entries (%)")
    ax_t.set_title("saturated per layer")
    for ax in (ax_g, ax_t):
        ax.set_xlabel("layer (1 = nearest the input)")
    if len(flows) > 1:
        ax_s.get_legend().remove()  # one legend is enough: the same colours on all three
        ax_t.legend(fontsize="small")
    return fig


@_styled
def plot_update_ratios(runs, *, target=1e-3):
    """Return a figure per run of each layer's update/weight ratio over training, target dashed.

    Parameters
    ----------
    runs : dict label -> a TrainResult of experiments.train (its history["update_ratio"]).
    target : the ratio drawn as a guide (Karpathy's rule of thumb: about 1e-3).
    """
    if not runs:
        raise ValueError("runs is empty: pass a dict label -> TrainResult")
    fig, axes = new_figure(ncols=len(runs), width=5.5 * len(runs), height=4.2)
    axes = np.atleast_1d(axes)
    for ax in axes[1:]:
        ax.sharey(axes[0])  # one scale, so the panels compare at a glance
    for ax, (label, run) in zip(axes, runs.items(), strict=True):
        ratios = np.asarray(run.history["update_ratio"])
        epochs = np.arange(1, len(ratios) + 1)
        for layer in range(ratios.shape[1]):
            name = "output" if layer == ratios.shape[1] - 1 else f"layer {layer + 1}"
            ax.semilogy(epochs, ratios[:, layer], label=name)
        ax.axhline(target, color=OKABE_ITO["black"], lw=1, ls="--", label=f"{target:g}")
        ax.set_xlabel("epoch")
        ax.set_title(label)
    axes[0].set_ylabel("|update| / |W| (log scale)")
    axes[-1].legend(fontsize="small", ncol=2)
    return fig


@_styled
def plot_race_spread(races, *, ax=None):
    """Return a figure of final test accuracy, one dot per seed, grouped by activation and by setting.

    Parameters
    ----------
    races : dict label -> the list of RaceResults experiments.race returned under that setting.
    ax : Axes to draw on; a new figure if None.
    """
    if not races:
        raise ValueError("races is empty: pass a dict label -> list of RaceResults")
    fig, ax = _axes(ax, width=7)
    names = [r.activation for r in next(iter(races.values()))]
    width = 0.8 / len(races)
    for k, (label, results) in enumerate(races.items()):
        for j, r in enumerate(results):
            x = j + (k - (len(races) - 1) / 2) * width
            seeds = r.final_test_acc_per_seed
            color = PALETTE[k % len(PALETTE)]
            ax.plot(
                np.full(len(seeds), x), seeds, "o", color=color, alpha=0.7, label=label if j == 0 else None
            )
            ax.plot([x - width / 3, x + width / 3], [r.mean, r.mean], color=color, lw=2)
    ax.set_xticks(range(len(names)), names)
    ax.set_ylabel("final test accuracy")
    ax.set_title("one dot per seed, bar = mean")
    ax.legend()
    return fig


@_styled
def plot_histograms(stats, *, ax=None, bins=60):
    """Return a figure of each hidden layer's activation histogram, one outline per layer.

    Parameters
    ----------
    stats : the list from diagnostics.layer_stats (each record has layer, activation, values, mean, std).
    ax : Axes to draw on; a new figure if None.
    bins : number of histogram bins, shared by every layer.
    """
    if not stats:
        raise ValueError("stats is empty: pass the list from diagnostics.layer_stats(model, X, y)")
    fig, ax = _axes(ax, width=7)
    values = [np.ravel(s.values) for s in stats]
    edges = np.histogram_bin_edges(np.concatenate(values), bins=bins)
    for s, v in zip(stats, values, strict=True):
        counts, _ = np.histogram(v, bins=edges, density=True)
        ax.stairs(
            counts, edges, label=f"layer {s.layer} ({s.activation}): mean {s.mean:+.2f}, std {s.std:.2f}"
        )
    ax.set_xlabel("activation value")
    ax.set_ylabel("density")
    ax.set_title("activations per layer")
    ax.legend()
    return fig


@_styled
def plot_training(result):
    """Return a figure of loss and accuracy over epochs.

    Parameters
    ----------
    result : a TrainResult from experiments.train, or its history dict.
    """
    history = getattr(result, "history", result)
    epochs = np.arange(1, len(history["loss"]) + 1)
    fig, (ax_l, ax_a) = new_figure(ncols=2, width=11)
    ax_l.semilogy(epochs, history["loss"])
    ax_l.set_ylabel("training loss (nats, log scale)")
    ax_l.set_title("loss")
    ax_a.plot(epochs, history["train_acc"], label="train")
    ax_a.plot(epochs, history["test_acc"], label="test")
    ax_a.set_ylim(0, 1.02)
    ax_a.set_ylabel("accuracy (fraction correct)")
    ax_a.set_title("accuracy")
    ax_a.legend()
    for ax in (ax_l, ax_a):
        ax.set_xlabel("epoch")
    return fig


@_styled
def plot_losses(runs, *, ax=None):
    """Return a figure of training loss over epochs (log scale), one line per run; a diverged run ends in x.

    Parameters
    ----------
    runs : dict label -> a TrainResult, its history dict, or a caught experiments.TrainingDiverged
        (its .history holds the epochs before the loss or a gradient became NaN or inf).
    ax : Axes to draw on; a new figure if None.
    """
    if not runs:
        raise ValueError("runs is empty: pass a dict label -> TrainResult (or TrainingDiverged)")
    fig, ax = _axes(ax, width=7)
    for label, run in runs.items():
        loss = np.asarray(getattr(run, "history", run)["loss"])
        epochs = np.arange(len(loss))
        diverged = getattr(run, "epoch", None)  # only a TrainingDiverged knows when it blew up
        if diverged is not None:
            label = f"{label} (diverged at epoch {diverged})"
        line = ax.semilogy(epochs, loss, label=label)[0]
        if diverged is not None and len(loss):
            ax.plot(epochs[-1], loss[-1], "x", ms=12, mew=3, color=line.get_color())
    ax.set_xlabel("epoch (updates so far)")
    ax.set_ylabel("training loss (nats, log scale)")
    ax.set_title("training loss")
    ax.legend()
    return fig


@_styled
def plot_dead_fraction(results, *, ax=None):
    """Return a figure of the fraction of dead hidden units over training, one line per activation.

    Parameters
    ----------
    results : the list from experiments.dying_relu (or one DyingResult).
    ax : Axes to draw on; a new figure if None.
    """
    results = [results] if hasattr(results, "dead_fraction") else list(results)
    if not results:
        raise ValueError("results is empty: pass the list from experiments.dying_relu(...)")
    fig, ax = _axes(ax)
    for r in results:
        label = f"{r.activation}: {r.dead_fraction[-1]:.1%} at the end"
        ax.plot(np.arange(len(r.dead_fraction)), r.dead_fraction, label=label)
    ax.set_ylim(0, 1)
    ax.set_xlabel("epoch (updates so far)")
    ax.set_ylabel("dead units (fraction of hidden units)")
    ax.set_title("dead units: pre-activation <= 0 on every training point")
    ax.legend(loc="upper left")
    return fig


@_styled
def plot_slopes(results, *, ax=None):
    """Return a figure of PReLU's learned slope alpha over training, one line per PReLU layer.

    Parameters
    ----------
    results : a TrainResult of experiments.train with activation="prelu" (or its history dict), or a
        dict label -> such result to overlay runs (one line style per run).
    ax : Axes to draw on; a new figure if None.
    """
    single = hasattr(results, "history") or "loss" in results  # a history dict always has a loss
    runs = {"": results} if single else results
    fig, ax = _axes(ax, width=7)
    styles = ["-", "--", ":", "-."]
    for k, (label, result) in enumerate(runs.items()):
        history = getattr(result, "history", result)
        if "alpha" not in history:
            raise ValueError(f"run {label!r} has no PReLU layer: train it with activation='prelu'")
        alpha = np.asarray(history["alpha"])
        for j in range(alpha.shape[1]):
            name = f"layer {j + 1}" + (f", {label}" if label else "")
            ax.plot(np.arange(len(alpha)), alpha[:, j], ls=styles[k % 4], color=PALETTE[j % 7], label=name)
    ax.axhline(0, color=OKABE_ITO["black"], lw=0.8)
    ax.axhline(1, color=OKABE_ITO["black"], lw=0.8, ls=":")
    ax.set_xlabel("epoch (updates so far)")
    params = [getattr(getattr(r, "model", None), "params", {}) for r in runs.values()]
    per_unit = any(np.size(v) > 1 for p in params for k, v in p.items() if k.startswith("alpha"))
    ax.set_ylabel("learned slope alpha" + (" (mean over units)" if per_unit else ""))
    ax.set_title("PReLU slopes: 0 is ReLU, 1 is a straight line")
    ax.legend(loc="best")
    return fig


def naive_softmax(z):
    """Return exp(z) / sum(exp(z)) with no shift: overflows to nan once a logit passes about 709."""
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(np.asarray(z, dtype=float))
        return e / e.sum()


def softmax_bars(ax, logits, temperature=1.0, naive=False):
    """Draw the probability bars of softmax(logits / temperature) on ax; return (bars, labels)."""
    k = len(logits)
    bars = ax.bar(np.arange(k), np.zeros(k), color=PALETTE[1] if naive else PALETTE[0])
    labels = [ax.text(i, 0, "", ha="center", va="bottom", fontsize=10) for i in range(k)]
    ax.set_ylim(0, 1.15)
    ax.set_ylabel("probability")
    ax.set_xlabel("class (its logit z)")
    update_softmax_bars(ax, bars, labels, logits, temperature, naive)
    return bars, labels


def update_softmax_bars(ax, bars, labels, logits, temperature=1.0, naive=False):
    """Set the bars and labels of softmax_bars to new logits and temperature; return the probabilities."""
    z = np.asarray(logits, dtype=float)
    if z.ndim != 1 or z.size == 0:
        raise ValueError(f"logits must be a non-empty 1-D list of numbers; got shape {z.shape}")
    if not temperature > 0:
        raise ValueError(f"temperature must be > 0; got {temperature}")
    p = naive_softmax(z / temperature) if naive else softmax(z / temperature)
    for bar, label, value in zip(bars, labels, p, strict=True):
        bar.set_height(np.nan_to_num(value))
        label.set_y(np.nan_to_num(value) + 0.01)
        label.set_text(f"{value:.2f}")
    ax.set_xticks(np.arange(z.size), [f"z{i}" for i in range(z.size)])
    how = "naive exp(z) / sum exp(z)" if naive else "stable: exp(z - max z) / sum"
    logits = ", ".join(f"{v:.3g}" for v in z)
    overflow = ": overflow gives nan" if np.isnan(p).any() else ""
    ax.set_title(f"{how}\nT = {temperature:.3g}, z = ({logits}){overflow}")
    return p


@_styled
def plot_softmax(logits, *, ax=None, temperature=1.0, naive=False):
    """Return a bar chart of softmax(logits / temperature), each bar labelled with its probability.

    Parameters
    ----------
    logits : 1-D scores.
    ax : Axes to draw on; a new figure if None.
    temperature : > 0; small sharpens towards the largest logit, large flattens towards uniform.
    naive : compute exp(z) / sum exp(z) with no max shift, to show it overflowing.
    """
    fig, ax = _axes(ax, width=5.5)
    softmax_bars(ax, np.atleast_1d(np.asarray(logits, dtype=float)), temperature, naive)
    return fig


@_styled
def plot_jacobian(logits, *, ax=None):
    """Return a heatmap of softmax's Jacobian at logits, entry (i, j) = d s_i / d z_j, each one labelled.

    Parameters
    ----------
    logits : 1-D scores z, 2 to 10 of them (so every label fits).
    ax : Axes to draw on; a new figure if None.
    """
    z = np.asarray(logits, dtype=float)
    if z.ndim != 1 or not 2 <= z.size <= 10:
        raise ValueError(f"logits must be a 1-D list of 2 to 10 numbers; got shape {z.shape}")
    jac = softmax.jacobian(z)
    fig, ax = _axes(ax, width=5.8, height=4.6)
    # A colour scale symmetric about 0, so white means 0: blue entries are positive, red negative.
    limit = max(float(np.abs(jac).max()), 1e-12)
    image = ax.imshow(jac, cmap="RdBu", vmin=-limit, vmax=limit)
    for (i, j), value in np.ndenumerate(jac):
        color = "white" if abs(value) > 0.6 * limit else "black"  # readable on the deepest colours too
        ax.text(j, i, f"{value:+.3f}", ha="center", va="center", fontsize=10, color=color)
    k = z.size
    ax.set_xticks(np.arange(k), [f"z{j}" for j in range(k)])
    ax.set_yticks(np.arange(k), [f"s{i}" for i in range(k)])
    ax.set_xlabel("logit z_j it is differentiated by")
    ax.set_ylabel("output s_i = softmax(z)_i")
    ax.set_title("softmax Jacobian d s_i / d z_j\nat z = [" + ", ".join(f"{v:.3g}" for v in z) + "]")
    ax.grid(False)
    fig.colorbar(image, ax=ax, label="d s_i / d z_j")
    return fig


@_styled
def plot_cost(records, *, ax=None):
    """Return a bar chart of nanoseconds per element, forward and forward+backward, per activation.

    Parameters
    ----------
    records : the list from experiments.cost_per_element.
    ax : Axes to draw on; a new figure if None.
    """
    if not records:
        raise ValueError("records is empty: pass the list from experiments.cost_per_element(...)")
    fig, ax = _axes(ax, width=8)
    where = np.arange(len(records))
    forward = [r.forward_ns for r in records]
    both = [r.forward_backward_ns for r in records]
    ax.bar(where - 0.2, forward, 0.4, label="forward")
    ax.bar(where + 0.2, both, 0.4, label="forward + backward")
    ax.axhline(records[0].copy_ns, color=OKABE_ITO["black"], ls=":", lw=1.5, label="np.copyto (the floor)")
    ax.set_xticks(where, [r.activation for r in records])
    ax.set_ylabel("time (ns per element)")
    ax.set_title("cost per element")
    ax.legend()
    return fig


# --- what each hidden unit computes, and images ------------------------------------------------------------

# A dead unit's tile: its output is flat over the plane, so there is nothing to colour.
DEAD_GREY = (0.8, 0.8, 0.8, 1.0)
TILE_GAP = 4  # pixels of white between tiles


def _tile_layout(grids, columns):
    """Return (columns, rows, the first row of each layer): a row of tiles a layer, wrapped at columns."""
    widths = [len(values) for values in grids.values]
    columns = max(1, min(columns, max(widths)))
    rows, first_rows = 0, []
    for width in widths:
        first_rows.append(rows)
        rows += -(-width // columns)
    return columns, rows, first_rows


def _tile_corner(grids, first_rows, columns, layer, unit):
    """Return the pixel (x, y) of the top-left corner of a unit's tile in the mosaic."""
    step = len(grids.xs) + TILE_GAP
    return (unit % columns) * step, (first_rows[layer] + unit // columns) * step


def unit_mosaic(grids, columns=16):
    """Return an RGBA image of every unit's tile (viridis, each its own scale; dead ones grey), gaps white."""
    columns, rows, first_rows = _tile_layout(grids, columns)
    size = len(grids.xs)
    step = size + TILE_GAP
    mosaic = np.ones((rows * step - TILE_GAP, columns * step - TILE_GAP, 4))
    cmap = matplotlib.colormaps["viridis"]
    for layer, (values, dead) in enumerate(zip(grids.values, grids.dead, strict=True)):
        for unit, (tile, is_dead) in enumerate(zip(values, dead, strict=True)):
            x, y = _tile_corner(grids, first_rows, columns, layer, unit)
            low, high = tile.min(), tile.max()
            scaled = (tile - low) / (high - low) if high > low else np.zeros_like(tile)
            # the tile's row 0 is the bottom of the plane; an image's row 0 is its top
            mosaic[y : y + size, x : x + size] = DEAD_GREY if is_dead else cmap(scaled[::-1])
    return mosaic


def draw_unit_tiles(ax, grids, X=None, y=None, *, columns=16):
    """Draw every hidden unit's tile on ax, a row a layer; return the artists update_unit_tiles changes.

    One image holds every tile (one axes for a hundred units draws in a blink); X, y (optional) are
    drawn over every tile, coloured by class.
    """
    columns, rows, first_rows = _tile_layout(grids, columns)
    size = len(grids.xs)
    image = ax.imshow(unit_mosaic(grids, columns), interpolation="nearest")
    labels = []
    corners = [
        (layer, unit, *_tile_corner(grids, first_rows, columns, layer, unit))
        for layer, values in enumerate(grids.values)
        for unit in range(len(values))
    ]
    for layer, unit, x, y_top in corners:
        text = ax.text(
            x + size / 2 - 0.5, y_top + size / 2 - 0.5, "dead", ha="center", va="center", fontsize=9
        )
        labels.append((layer, unit, text))
    if X is not None:
        x0, x1, y0, y1 = grids.extent
        X = np.asarray(X, dtype=float)
        px = (X[:, 0] - x0) / (x1 - x0) * size - 0.5  # from the plane to a tile's pixels
        py = (y1 - X[:, 1]) / (y1 - y0) * size - 0.5
        offsets = np.concatenate([np.column_stack([px + x, py + y_top]) for _, _, x, y_top in corners])
        colors = class_colors(int(np.max(y)) + 1)[np.asarray(y)] if y is not None else [(0, 0, 0)]
        ax.scatter(offsets[:, 0], offsets[:, 1], c=np.tile(colors, (len(corners), 1)), s=1, lw=0, alpha=0.6)
    step = size + TILE_GAP
    ticks = [first * step + size / 2 for first in first_rows]
    ax.set_yticks(ticks, [f"layer {i + 1}\n{name}" for i, name in enumerate(grids.activations)])
    ax.set_xticks([])
    ax.tick_params(length=0)
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    tiles = (image, labels, columns)
    update_unit_tiles(tiles, grids)
    return tiles


def update_unit_tiles(tiles, grids):
    """Set the artists of draw_unit_tiles to new grids of the same network shape; return the dead count."""
    image, labels, columns = tiles
    image.set_data(unit_mosaic(grids, columns))
    for layer, unit, text in labels:
        text.set_visible(bool(grids.dead[layer][unit]))
    return int(sum(int(np.sum(dead)) for dead in grids.dead))


def unit_tiles_title(grids, dead):
    """Return the title of a unit-tiles figure: how many units, how many dead, how to read the colours."""
    units = sum(len(values) for values in grids.values)
    return (
        f"each hidden unit's output over the input plane: {units} units, {dead} dead\n"
        "dark: lowest output, yellow: highest (per tile); grey: dead"
    )


@_styled
def plot_unit_tiles(model, X, y=None, *, columns=16, resolution=40, tile=1.2, grids=None):
    """Return a figure of every hidden unit's output over the input plane: one tile a unit, a row a layer.

    A dead unit (ReLU-like, pre-activation <= 0 on every data point or everywhere on the plane) is a
    grey tile marked "dead".

    Parameters
    ----------
    model : a 2-input network, like an actlearn.network.MLP trained on a 2-D data set.
    X, y : the points (n, 2), which set the plane shown, and their labels (None: no points drawn).
    columns : tiles in a row; a wider layer wraps onto more rows.
    resolution : grid points along each side of a tile.
    tile : the size of one tile, in inches (shrunk so the figure is at most 12 inches wide).
    grids : experiments.unit_grids(model, X) if already computed.
    """
    from actlearn.experiments import unit_grids  # experiments sits below plotting: no import cycle

    if grids is None:
        grids = unit_grids(model, X, resolution=resolution)
    if not grids.values:
        raise ValueError("the model has no hidden layer: there is no unit to draw")
    columns, rows, _ = _tile_layout(grids, columns)
    size = min(tile, 11 / columns)
    fig, ax = new_figure(width=max(size * columns + 1.2, 6.4), height=size * rows + 1.0)
    tiles = draw_unit_tiles(ax, grids, X, y, columns=columns)
    ax.set_title(unit_tiles_title(grids, update_unit_tiles(tiles, grids)), fontsize=11)
    return fig


@_styled
def plot_layer_moments(runs):
    """Return a figure of each layer's mean and variance (log scale) in deep stacks, 0 and 1 dotted.

    Parameters
    ----------
    runs : one result of experiments.layer_moments, or a list of them to overlay.
    """
    runs = [runs] if hasattr(runs, "variance") else list(runs)
    if not runs:
        raise ValueError("runs is empty: pass experiments.layer_moments(...) or a list of them")
    fig, (ax_m, ax_v) = new_figure(ncols=2, width=12, height=4.6)
    for run in runs:
        ax_m.plot(run.layers, run.mean, "o-", ms=2.5, label=run.label)
        ax_v.semilogy(run.layers, run.variance, "o-", ms=2.5, label=run.label)
    ax_m.axhline(0, color=OKABE_ITO["black"], ls=":", lw=1.2)
    ax_v.axhline(1, color=OKABE_ITO["black"], ls=":", lw=1.2, label="the fixed point: mean 0, variance 1")
    ax_m.set_title("mean of each layer's outputs")
    ax_v.set_title("variance of each layer's outputs")
    ax_m.set_ylabel("mean")
    ax_v.set_ylabel("variance (log scale)")
    for ax in (ax_m, ax_v):
        ax.set_xlabel("layer (1 = nearest the input)")
    ax_v.legend(loc="upper left")
    return fig


@_styled
def plot_digits(X, y, *, predicted=None, columns=10, title=None):
    """Return a figure of 8x8 digit images, each titled with its label (and the prediction, if given).

    Parameters
    ----------
    X : (n, 64) pixel values in [0, 1], like actlearn.datasets.digits() gives.
    y : (n,) the digit each image shows.
    predicted : (n,) what a network said; each title then reads "3 said 8", in red where wrong.
    columns : images in a row.
    title : the figure's title.
    """
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim != 2 or X.shape[1] != 64 or len(X) != len(y) or len(X) == 0:
        raise ValueError(
            f"X must be (n, 64) images, n >= 1, with one label each in y; got X {X.shape}, y {y.shape}"
        )
    columns = min(columns, len(X))
    rows = -(-len(X) // columns)
    gap, label = 2, 4  # pixels between images, and above each for its title
    step_x, step_y = 8 + gap, 8 + gap + label
    # One image holds every digit: one axes draws many times faster than one axes a digit.
    mosaic = np.full((rows * step_y, columns * step_x - gap), np.nan)
    fig, ax = new_figure(width=0.9 * columns + 0.3, height=1.1 * rows + (0.5 if title else 0.1))
    for i, image in enumerate(X):
        top, left = (i // columns) * step_y + label, (i % columns) * step_x
        mosaic[top : top + 8, left : left + 8] = image.reshape(8, 8)
        if predicted is None:
            text, color = f"{y[i]}", OKABE_ITO["black"]
        else:
            wrong = predicted[i] != y[i]
            text = f"{y[i]} said {predicted[i]}"
            color = OKABE_ITO["vermillion"] if wrong else OKABE_ITO["black"]
        ax.text(left + 3.5, top - 1, text, ha="center", va="bottom", fontsize=9, color=color)
    cmap = matplotlib.colormaps["gray_r"].with_extremes(bad="white")
    ax.imshow(mosaic, cmap=cmap, vmin=0, vmax=1, interpolation="nearest")
    ax.set_axis_off()
    if title:
        ax.set_title(title, fontsize=12)
    return fig


@_styled
def plot_block_race(race):
    """Return a figure of a feed-forward block race: training loss per seed, and each seed's test loss.

    Parameters
    ----------
    race : the BlockRace from experiments.ffn_race.
    """
    fig, (ax_l, ax_t) = new_figure(ncols=2, width=12, height=4.6)
    for k, (label, curves) in enumerate(race.train_loss.items()):
        color, model = PALETTE[k % 7], race.blocks[label]
        name = f"{label} (hidden {model.sizes[1]}, {model.num_params:,} parameters)"
        epochs = np.arange(1, curves.shape[1] + 1)
        for i, curve in enumerate(curves):
            ax_l.semilogy(epochs, curve, color=color, lw=1.2, alpha=0.8, label=name if i == 0 else None)
        tests = race.test_loss[label]
        ax_t.plot(np.full(len(tests), k), tests, "o", color=color, ms=7, alpha=0.8)
        ax_t.plot([k - 0.25, k + 0.25], [tests.mean()] * 2, color=color, lw=2.5)
        ax_t.annotate(
            f"mean {tests.mean():.3f}\nspread {tests.min():.3f}-{tests.max():.3f}",
            (k + 0.3, tests.mean()),
            va="center",
            fontsize=10,
        )
    ax_l.set_xlabel("epoch (full-batch Adam steps)")
    ax_l.set_ylabel("training loss (mean squared error, log scale)")
    ax_l.set_title(f"training loss, one line per seed ({len(race.seeds)} seeds)")
    ax_l.legend(loc="upper right")
    labels = list(race.test_loss)
    ax_t.set_xticks(np.arange(len(labels)), labels)
    ax_t.set_xlim(-0.5, len(labels) + 0.2)
    ax_t.set_ylim(0, 1.15 * max(t.max() for t in race.test_loss.values()))
    ax_t.set_ylabel("test loss (mean squared error)")
    ax_t.set_title("test loss after training: a dot per seed, the bar their mean")
    return fig


# --- notebook 01: gradient descent on one parameter -----------------------------------------------------


@_styled
def plot_descent(loss, paths, *, w=None):
    """Return a figure of gradient descent on one parameter, a panel a run: the loss curve and the steps.

    Parameters
    ----------
    loss : the loss as a function of the parameter, elementwise on an array.
    paths : dict label -> the parameter after each step, the start first.
    w : the parameter values to draw the curve over; steps outside them run off the panel.
    """
    if not paths:
        raise ValueError("paths is empty: pass a dict label -> the parameter's values, step by step")
    w = np.linspace(-2, 8, 401) if w is None else np.asarray(w, dtype=float)
    fig, axes = new_figure(ncols=len(paths), width=3.8 * len(paths), height=3.6)
    top = float(np.max(loss(w)))
    for ax, (label, path) in zip(np.atleast_1d(axes), paths.items(), strict=True):
        path = np.asarray(path, dtype=float)
        ax.plot(w, loss(w), color=OKABE_ITO["black"], lw=1.5)
        ax.plot(path, loss(path), "o-", ms=4, lw=1, color=OKABE_ITO["vermillion"], label="steps")
        ax.plot(path[:1], loss(path[:1]), "s", ms=8, color=OKABE_ITO["blue"], label="start")
        ax.set_xlim(w.min(), w.max())
        ax.set_ylim(-0.05 * top, 1.05 * top)
        ax.set_xlabel("parameter w")
        ax.set_title(label)
    np.atleast_1d(axes)[0].set_ylabel("loss L(w)")
    np.atleast_1d(axes)[0].legend(loc="upper center")
    return fig

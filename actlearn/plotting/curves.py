"""Activation curves: one function and its derivative, several compared, the gap between two."""

import re

import numpy as np

from actlearn.activations import Activation, Interval, get
from actlearn.plotting.style import (
    DEFAULT_X,
    OKABE_ITO,
    PALETTE,
    X_LABEL,
    figure_and_axes,
    fit_y,
    new_figure,
    styled,
)


def mathtext(act):
    """Return the activation's formula in the LaTeX subset matplotlib draws ($...$, no cases blocks)."""
    act = get(act)

    def cases(match):
        # A factor in front of the braces multiplies every case (SELU's lambda), so each row carries it.
        factor = match.group(1).strip()
        rows = [row.split("&") for row in match.group(2).split(r"\\")]
        return " " + r",\ ".join(
            rf"{factor} {value.strip()}\ \mathrm{{if}}\ {test.strip()}".strip() for value, test in rows
        )

    formula = re.sub(r"(?<==)([^=]*?)\\begin\{cases\}(.*?)\\end\{cases\}", cases, act.formula)
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


def shade_output_range(ax, act, color):
    """Shade the band of y the activation's outputs can reach (an open end runs off the axes)."""
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


@styled
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
    fig, ax = figure_and_axes(ax)
    color = PALETTE[0]
    shade_output_range(ax, act, color)
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
    fit_y(ax, drawn)
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


@styled
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
    fit_y(ax_f, [line.get_ydata() for line in ax_f.lines])
    if derivative:
        fit_y(ax_d, [line.get_ydata() for line in ax_d.lines])
    ax_f.legend(loc="upper left")
    return fig


@styled
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
    fig, ax = figure_and_axes(ax)
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
    fit_y(ax, [gap], margin=0.25)
    ax.set_xlim(x[0], x[-1])
    ax.axhline(0, color="0.5", lw=0.8)
    ax.set_xlabel(X_LABEL)
    ax.set_ylabel("difference")
    ax.set_title(label)
    return fig

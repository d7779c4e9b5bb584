"""The cheat sheet: every activation on one screen page, and a printable page with the decision guide."""

import textwrap

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.ticker import MaxNLocator

from actlearn.activations import ACTIVATIONS, lookup
from actlearn.plotting.curves import curve, plot_activation, shade_output_range, two_class
from actlearn.plotting.style import PALETTE, Figure, fit_y, new_figure, styled, use_style

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


@styled
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
    shade_output_range(ax, act, PALETTE[0])
    ax.plot(x, y, color=PALETTE[0], lw=1.2)
    ax.plot(x, dy, color=PALETTE[1], lw=1.0, ls="--")
    drawn = [y, dy]
    if not act.elementwise:
        off_diagonal = two_class(act, x)[2]
        ax.plot(x, off_diagonal, color=PALETTE[2], lw=1.0, ls=":")
        drawn.append(off_diagonal)
    fit_y(ax, drawn)
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

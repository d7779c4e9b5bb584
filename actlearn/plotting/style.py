"""The house style and the figure plumbing every plotting module shares: colours, Figure, limits."""

import functools
import io

import matplotlib
import matplotlib.figure
import numpy as np
import PIL.Image
from cycler import cycler
from matplotlib.backends.backend_agg import FigureCanvasAgg

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


def styled(fn):
    """Return fn wrapped so that it draws in the house style."""

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


def figure_and_axes(ax, width=6.4, height=4.2):
    """Return (fig, ax): ax's own figure, or a new figure in the house style when ax is None."""
    if ax is None:
        return new_figure(width=width, height=height)
    return ax.figure, ax


def fit_y(ax, curves, margin=0.1):
    """Set ax's y-limits to hold every finite value of the curves, with a margin of their span."""
    values = np.concatenate([np.ravel(c) for c in curves])
    values = values[np.isfinite(values)]
    low, high = (values.min(), values.max()) if values.size else (-1.0, 1.0)
    pad = margin * max(high - low, 1e-3)
    ax.set_ylim(low - pad, high + pad)


def min_log_span(ax, decades=2.0):
    """Widen a log y-axis to span at least this many decades, so a flat profile looks flat."""
    low, high = ax.get_ylim()
    missing = decades - np.log10(high / low)
    if missing > 0:
        ax.set_ylim(low / 10 ** (missing / 2), high * 10 ** (missing / 2))

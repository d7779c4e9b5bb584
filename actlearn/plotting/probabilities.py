"""Softmax: probability bars (stable and naive, with a temperature) and its Jacobian."""

import numpy as np

from actlearn.activations import softmax
from actlearn.plotting.style import PALETTE, figure_and_axes, styled


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


@styled
def plot_softmax(logits, *, ax=None, temperature=1.0, naive=False):
    """Return a bar chart of softmax(logits / temperature), each bar labelled with its probability.

    Parameters
    ----------
    logits : 1-D scores.
    ax : Axes to draw on; a new figure if None.
    temperature : > 0; small sharpens towards the largest logit, large flattens towards uniform.
    naive : compute exp(z) / sum exp(z) with no max shift, to show it overflowing.
    """
    fig, ax = figure_and_axes(ax, width=5.5)
    softmax_bars(ax, np.atleast_1d(np.asarray(logits, dtype=float)), temperature, naive)
    return fig


@styled
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
    fig, ax = figure_and_axes(ax, width=5.8, height=4.6)
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

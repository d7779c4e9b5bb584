"""What the plotting and widget tests share: a headless backend and ways to read a drawn figure."""

import matplotlib

matplotlib.use("Agg")  # headless, set here so the notebooks (nbval) keep their own backend

import numpy as np


def logistic(x):
    """The sigmoid written out, independent of actlearn's, to check curves against."""
    return 1 / (1 + np.exp(-x))


def line(ax, label):
    """Return the one line of ax with this legend label."""
    (found,) = [ln for ln in ax.lines if ln.get_label() == label]
    return found

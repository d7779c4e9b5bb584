"""Time each widget's answer to a control change: set the value, the figure is redrawn and its PNG made.

Prints a markdown table: the median and 90th percentile over 50 changes of the whole answer (update the
artists, draw on the Agg canvas, encode the PNG the learner sees), and the median of the canvas draw alone.
"""

import os

# The matrices here are small (64 x 64): BLAS threads only add overhead, and on a shared machine they
# oversubscribe the cores and make the timings swing tenfold. Set before numpy is imported.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import time  # noqa: E402

import matplotlib  # noqa: E402

matplotlib.use("Agg")

import matplotlib.figure  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402

from actlearn import widgets  # noqa: E402

CHANGES = 50


def cycle(values):
    return [values[i % len(values)] for i in range(CHANGES)]


def measure(w, key, values):
    """Return (median, p90) ms of setting controls[key] to each value, and the median ms of a bare draw."""
    answer, draw = [], []
    for value in values:
        start = time.perf_counter()
        w.controls[key].value = value
        answer.append(time.perf_counter() - start)
        start = time.perf_counter()
        w.fig.canvas.draw()
        draw.append(time.perf_counter() - start)
    answer, draw = 1000 * np.array(answer), 1000 * np.array(draw)
    return np.median(answer), np.percentile(answer, 90), np.median(draw)


def calibrate():
    """Return the median ms to draw a one-line figure: scale the table by it to compare machines."""
    fig = matplotlib.figure.Figure(figsize=(6.4, 4.8))
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    ax.plot(np.arange(600))
    times = []
    for _ in range(CHANGES):
        start = time.perf_counter()
        fig.canvas.draw()
        times.append(time.perf_counter() - start)
    return 1000 * np.median(times)


def cases():
    yield "explorer", "swish.beta", widgets.explorer(), cycle(list(np.linspace(0.5, 5, 10))), 50
    yield "softmax_explorer", "z0", widgets.softmax_explorer(), cycle(list(np.linspace(-3, 3, 10))), 50
    yield "swish_morph", "beta", widgets.swish_morph(), cycle(list(np.linspace(0, 10, 11))), 50
    flow = widgets.gradient_flow_explorer(depth=50, width=64)
    yield "gradient_flow_explorer (depth 50)", "width", flow, cycle([60, 64, 68, 72]), 150
    prelu = widgets.prelu_training()
    epochs = list(prelu.controls["epoch"].options)
    for epoch in epochs:  # the first visit of an epoch computes its boundary once; time the scrubbing
        prelu.controls["epoch"].value = epoch
    yield "prelu_training (scrub)", "epoch", prelu, cycle(epochs[::-1]), None
    race = widgets.race_explorer()
    datasets = list(race.controls["dataset"].options)
    start = time.perf_counter()
    for name in datasets:  # first visits train the four networks of each data set
        race.controls["dataset"].value = name
    first = 1000 * (time.perf_counter() - start) / (len(datasets) - 1)
    print(f"race_explorer: first visit of a data set (training 4 networks): {first:.0f} ms\n")
    yield "race_explorer (cached)", "dataset", race, cycle(datasets), None


def main():
    load = os.getloadavg()[0]
    print(f"{CHANGES} changes each; load average {load:.1f} on {os.cpu_count()} cores; BLAS threads 1\n")
    print(f"calibration: a one-line 6.4 x 4.8 in figure draws in {calibrate():.0f} ms here\n")
    rows = []
    for name, key, w, values, target in cases():
        median, p90, draw = measure(w, key, values)
        goal = f"< {target} ms" if target else "-"
        rows.append(f"| {name} | {key} | {median:.0f} | {p90:.0f} | {draw:.0f} | {goal} |")
    print("| widget | control | median ms | p90 ms | canvas draw alone, median ms | target |")
    print("| --- | --- | ---: | ---: | ---: | --- |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()

"""Training and diagnostics: losses, races, gradient flow through depth, layer statistics, cost."""

import numpy as np
from matplotlib.ticker import MaxNLocator

from actlearn.plotting.style import OKABE_ITO, PALETTE, figure_and_axes, min_log_span, new_figure, styled


def _labelled(flows):
    return flows if isinstance(flows, dict) else {"": flows}


@styled
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
    min_log_span(ax_g)
    return fig


@styled
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
    fig, ax = figure_and_axes(ax, width=7)
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
    min_log_span(ax)
    return fig


@styled
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


@styled
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


@styled
def plot_race_spread(races, *, ax=None):
    """Return a figure of final test accuracy, one dot per seed, grouped by activation and by setting.

    Parameters
    ----------
    races : dict label -> the list of RaceResults experiments.race returned under that setting.
    ax : Axes to draw on; a new figure if None.
    """
    if not races:
        raise ValueError("races is empty: pass a dict label -> list of RaceResults")
    fig, ax = figure_and_axes(ax, width=7)
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


@styled
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
    fig, ax = figure_and_axes(ax, width=7)
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


@styled
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
    fig, ax = figure_and_axes(ax, width=7)
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


@styled
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
    fig, ax = figure_and_axes(ax)
    for r in results:
        label = f"{r.activation}: {r.dead_fraction[-1]:.1%} at the end"
        ax.plot(np.arange(len(r.dead_fraction)), r.dead_fraction, label=label)
    ax.set_ylim(0, 1)
    ax.set_xlabel("epoch (updates so far)")
    ax.set_ylabel("dead units (fraction of hidden units)")
    ax.set_title("dead units: pre-activation <= 0 on every training point")
    ax.legend(loc="upper left")
    return fig


@styled
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
    fig, ax = figure_and_axes(ax, width=7)
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


@styled
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


@styled
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


@styled
def plot_cost(records, *, ax=None):
    """Return a bar chart of nanoseconds per element, forward and forward+backward, per activation.

    Parameters
    ----------
    records : the list from experiments.cost_per_element.
    ax : Axes to draw on; a new figure if None.
    """
    if not records:
        raise ValueError("records is empty: pass the list from experiments.cost_per_element(...)")
    fig, ax = figure_and_axes(ax, width=8)
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


@styled
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

"""The experiments behind the notebooks: pure, seeded functions that return arrays and small records.

Nothing here plots; actlearn.plotting draws what these return, and the tests read the same records.
Training is full batch (the data sets are small): one epoch is one gradient step on all training points.
"""

import inspect
import time
from dataclasses import dataclass, field

import numpy as np

from actlearn.activations import ACTIVATIONS, as_float_array, get, lookup
from actlearn.datasets import load, train_test_split
from actlearn.diagnostics import dead_units, layer_stats
from actlearn.network import (
    GLU_BLOCKS,
    INITS,
    MLP,
    OPTIMIZERS,
    clip_by_global_norm,
    glu_hidden_width,
    hidden_activation,
)


def _check_count(name, value, minimum=1):
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ValueError(f"{name} must be a whole number >= {minimum}; got {value!r}")


# --- why non-linearity: stacked linear layers collapse into one ----------------------------------------


@dataclass(frozen=True, eq=False)
class LinearCollapse:
    """A stack of linear layers, the single matrix it equals, and how far apart their outputs are."""

    weights: list
    product: np.ndarray
    max_difference: float
    scale: float  # the largest |output|, to judge the difference against


def linear_collapse(*, depth=5, width=4, seed=0):
    """Return a depth-layer linear stack, its product matrix and the largest gap between their outputs."""
    _check_count("depth", depth)
    _check_count("width", width)
    rng = np.random.default_rng(seed)
    weights = [rng.standard_normal((width, width)) / np.sqrt(width) for _ in range(depth)]
    product = np.eye(width)
    for W in weights:
        product = product @ W
    X = rng.standard_normal((100, width))
    out = X
    for W in weights:  # layer by layer, as the network computes it
        out = out @ W
    one_matrix = X @ product
    return LinearCollapse(
        weights, product, float(np.max(np.abs(out - one_matrix))), float(np.max(np.abs(one_matrix)))
    )


# --- vanishing and exploding gradients -----------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class GradientFlow:
    """Per-layer statistics of a deep, untrained network: arrays of length depth, layer 1 first."""

    activation: str
    init: str
    layers: np.ndarray
    grad_norm: np.ndarray
    activation_mean: np.ndarray
    activation_std: np.ndarray
    pre_activation_std: np.ndarray
    saturated_fraction: np.ndarray
    dead_fraction: np.ndarray
    input_std: float
    norm: str = None
    residual: bool = False
    signal_std: np.ndarray = None  # spread of z over the examples: the part of z that carries the input
    shared_std: np.ndarray = None  # spread over the units of z's batch mean: the part every example shares

    @property
    def grad_ratio(self):
        """Return layer 1's gradient norm over the last hidden layer's: below 1, the gradient vanishes."""
        return float(self.grad_norm[0] / self.grad_norm[-1])

    @property
    def label(self):
        """Return a short name of the network: "plain", "batch norm", "layer norm + residual", ..."""
        parts = [f"{self.norm} norm"] if self.norm else []
        parts += ["residual"] if self.residual else []
        return " + ".join(parts) or "plain"


def gradient_flow(
    activation,
    *,
    depth=10,
    width=64,
    init="xavier",
    seed=0,
    n_samples=256,
    std=1.0,
    classes=10,
    norm=None,
    residual=False,
):
    """Return how activations and gradients change with depth in a fresh depth-hidden-layer network.

    The input is a batch of n_samples standard normal vectors of size width with random labels; std is
    the spread of the "normal" and "uniform" inits. norm (None, "batch", "layer") and residual go to MLP:
    every hidden layer normalises its pre-activation; with residual, every layer after the first adds
    its input to its output.
    """
    _check_count("depth", depth)
    _check_count("width", width)
    _check_count("n_samples", n_samples)
    model = MLP(
        [width] * (depth + 1) + [classes],
        activation=activation,
        init=init,
        seed=seed,
        std=std,
        norm=norm,
        residual=residual,
    )
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_samples, width))
    y = rng.integers(0, classes, n_samples)
    with np.errstate(over="ignore", invalid="ignore"):  # a bad init may overflow: that is the lesson
        stats = layer_stats(model, X, y, training=True)  # the gradients of a training step
    column = lambda name: np.array([getattr(s, name) for s in stats])
    return GradientFlow(
        activation=model.activations[0].name,
        init=init,
        layers=np.arange(1, depth + 1),
        grad_norm=column("grad_norm"),
        activation_mean=column("mean"),
        activation_std=column("std"),
        pre_activation_std=column("pre_std"),
        saturated_fraction=column("saturated_fraction"),
        dead_fraction=column("dead_fraction"),
        input_std=float(X.std()),
        norm=model.norm,
        residual=any(model.skips),
        signal_std=np.array([np.std(s.pre_values - s.pre_values.mean(axis=0)) for s in stats]),
        shared_std=np.array([np.std(s.pre_values.mean(axis=0)) for s in stats]),
    )


VARIANTS = (
    {"norm": None, "residual": False},
    {"norm": "batch", "residual": False},
    {"norm": "layer", "residual": False},
    {"norm": None, "residual": True},
    {"norm": "batch", "residual": True},
    {"norm": "layer", "residual": True},
)


def flow_variants(activation, *, variants=VARIANTS, **options):
    """Return one GradientFlow per variant (a dict of norm and residual) of the same network and batch.

    options go to gradient_flow (depth, width, init, seed, ...); every variant starts from the same seed.
    """
    return [gradient_flow(activation, **variant, **options) for variant in variants]


# --- training ------------------------------------------------------------------------------------------


class TrainingDiverged(RuntimeError):
    """Training produced NaN or inf; .epoch says when and .history holds the rows before it."""

    def __init__(self, message, epoch, history):
        super().__init__(message)
        self.epoch, self.history = epoch, history


@dataclass(frozen=True, eq=False)
class TrainResult:
    """A trained model, its data, and its history: one row per epoch, row e for the model after e updates.

    history keys: loss, train_acc, test_acc, dead_fraction (of ReLU-like hidden units), dead_units
    (epochs, units) booleans, grad_norm (epochs, layers) norms of dL/dW, update_ratio (epochs, layers)
    |W after - W before| / |W before|, the size of each step relative to the weights (Karpathy's monitor:
    about 1e-3 is healthy), and alpha (epochs, PReLU layers), the mean slope of each PReLU layer, when
    there is one.
    """

    model: MLP
    history: dict
    X_train: np.ndarray
    X_test: np.ndarray
    y_train: np.ndarray
    y_test: np.ndarray
    snapshots: list = field(default_factory=list)
    final_loss: float = np.nan
    final_train_acc: float = np.nan
    final_test_acc: float = np.nan


def _dead_units(model, cache):
    """Return one boolean per ReLU-like hidden unit (layer 1 first): dead on the batch in cache."""
    dead = [
        dead_units(act, z) for act, z in zip(model.activations, cache.z[1:-1], strict=True) if act.relu_like
    ]
    return np.concatenate(dead) if dead else np.zeros(0, dtype=bool)


def train(
    dataset="spiral",
    activation=None,
    *,
    depth=2,
    width=16,
    init=None,
    lr=0.01,
    epochs=300,
    seed=0,
    optimizer="adam",
    clip=None,
    weight_decay=0.0,
    decay_alpha=False,
    n_samples=400,
    noise=None,
    snapshot_every=None,
    momentum=0.0,
    activation_params=None,
    alpha=None,
    alpha_per_unit=False,
    test_fraction=0.25,
    norm=None,
    residual=False,
    block="dense",
    bn_momentum=0.1,
    dataset_options=None,
    **unknown,
):
    """Return a TrainResult: an MLP trained full batch on a toy data set, with its per-epoch history.

    dataset is a name from actlearn.datasets.DATASETS (made with n_samples, noise, seed and
    dataset_options, e.g. {"arms": 3}), "digits" (n_samples images, None for all 1,797) or an (X, y) pair.
    The network has depth hidden layers of width units; init=None takes the activation's usual init
    (activation.init). momentum is used by SGD only. activation_params (e.g. {"alpha": 0.3} for
    leaky_relu), alpha and alpha_per_unit (PReLU's learned slope), norm, residual, block and bn_momentum
    go to MLP (activation=None: ReLU, or a GLU block's own gate). Only the training steps run in training
    mode; the final loss and the accuracies are evaluated (batch norm: running statistics).
    Raises TrainingDiverged on NaN/inf.
    """
    if unknown:
        valid = ", ".join(list(inspect.signature(train).parameters)[:-1])
        raise TypeError(f"train() got unknown keyword(s) {', '.join(sorted(unknown))}; it takes: {valid}")
    _check_count("epochs", epochs)
    _check_count("depth", depth, minimum=0)
    _check_count("width", width)
    if snapshot_every is not None:
        _check_count("snapshot_every", snapshot_every)
    if isinstance(dataset, str):
        options = {"n_samples": n_samples, "seed": seed, **(dataset_options or {})}
        if noise is not None:
            options["noise"] = noise
        X, y = load(dataset, **options)
    else:
        if dataset_options:
            raise ValueError("dataset_options make a named data set; this dataset is an (X, y) pair")
        X, y = dataset
        X, y = as_float_array(X), np.asarray(y)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_fraction, seed)
    classes = int(y.max()) + 1
    hidden = activation if activation is not None else GLU_BLOCKS.get(block, "relu")  # a GLU's own gate
    model = MLP(
        [X.shape[1], *[width] * depth, classes],
        activation=activation,
        init=get(hidden).init if init is None else init,
        seed=seed,
        activation_params=activation_params,
        alpha=alpha,
        alpha_per_unit=alpha_per_unit,
        norm=norm,
        residual=residual,
        block=block,
        bn_momentum=bn_momentum,
    )
    make = lookup("optimizer", optimizer, OPTIMIZERS)
    options = {"momentum": momentum} if make is OPTIMIZERS["sgd"] else {}
    opt = make(lr=lr, weight_decay=weight_decay, decay_alpha=decay_alpha, **options)
    if clip is not None and not clip > 0:
        raise ValueError(f"clip (the largest allowed gradient norm) must be positive or None; got {clip!r}")

    prelu_layers = [i for i in range(1, depth + 1) if f"alpha{i}" in model.params]
    rows = {
        name: []
        for name in (
            "loss",
            "train_acc",
            "test_acc",
            "dead_fraction",
            "dead_units",
            "grad_norm",
            "update_ratio",
        )
    }
    if prelu_layers:
        rows["alpha"] = []
    history = lambda: {key: np.array(value) for key, value in rows.items()}
    snapshots = []
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):  # NaN is caught below, by epoch
        for epoch in range(epochs):
            cache = model.forward(X_train, training=True)
            loss = model.loss_of(cache, y_train)
            grads = model.backward(cache, y_train)
            layer_norms = [np.linalg.norm(grads[f"W{i}"]) for i in range(1, model.depth + 1)]
            if not (np.isfinite(loss) and np.all(np.isfinite(layer_norms))):
                raise TrainingDiverged(
                    f"training diverged at epoch {epoch}: the loss or a gradient became NaN or inf "
                    f"(lr={lr} is probably too large; try a smaller lr or clip=1.0)",
                    epoch,
                    history(),
                )
            if snapshot_every and epoch % snapshot_every == 0:
                snapshots.append((epoch, model.copy()))
            rows["loss"].append(loss)
            rows["train_acc"].append(np.mean(cache.output.argmax(axis=1) == y_train))
            rows["test_acc"].append(np.mean(model.predict(X_test) == y_test))
            dead = _dead_units(model, cache)
            rows["dead_units"].append(dead)
            rows["dead_fraction"].append(dead.mean() if dead.size else 0.0)
            rows["grad_norm"].append(layer_norms)
            if prelu_layers:
                rows["alpha"].append([model.params[f"alpha{i}"].mean() for i in prelu_layers])
            if clip is not None:
                grads, _ = clip_by_global_norm(grads, clip)
            before = {f"W{i}": model.params[f"W{i}"].copy() for i in range(1, model.depth + 1)}
            opt.step(model.params, grads)
            rows["update_ratio"].append(
                [np.linalg.norm(model.params[key] - W) / np.linalg.norm(W) for key, W in before.items()]
            )
        final_loss = model.loss(X_train, y_train)
    if not np.isfinite(final_loss):
        raise TrainingDiverged(
            f"training diverged at epoch {epochs}: the loss became {final_loss}", epochs, history()
        )
    if snapshot_every:
        snapshots.append((epochs, model.copy()))
    return TrainResult(
        model=model,
        history=history(),
        X_train=X_train,
        X_test=X_test,
        y_train=y_train,
        y_test=y_test,
        snapshots=snapshots,
        final_loss=final_loss,
        final_train_acc=float(np.mean(model.predict(X_train) == y_train)),
        final_test_acc=float(np.mean(model.predict(X_test) == y_test)),
    )


# --- what each hidden unit computes ---------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class UnitGrids:
    """Every hidden unit's output over a grid of the input plane, layer by layer (layer 1 first).

    values[i] has shape (units, resolution, resolution): row r, column c is the unit's output at
    (xs[c], ys[r]). dead[i] is True for a ReLU-like unit whose pre-activation is <= 0 on every data
    point or at every grid point (its output there is flat: 0 for ReLU); dead_on_data[i] the first test
    alone.
    """

    extent: tuple  # (x0, x1, y0, y1)
    xs: np.ndarray
    ys: np.ndarray
    activations: list  # the activation's name, one a layer
    values: list
    dead: list
    dead_on_data: list


def unit_grids(model, X, *, resolution=40, margin=0.3):
    """Return UnitGrids: each hidden unit of a 2-input model evaluated over the plane that holds X."""
    X = as_float_array(X)
    if X.ndim != 2 or X.shape[1] != 2 or model.sizes[0] != 2:
        raise ValueError(
            f"unit_grids draws the input plane: it needs a 2-input model and X of shape (n, 2); "
            f"got a model with sizes {model.sizes} and X of shape {X.shape}"
        )
    _check_count("resolution", resolution, 2)
    low, high = X.min(axis=0) - margin, X.max(axis=0) + margin
    xs, ys = np.linspace(low[0], high[0], resolution), np.linspace(low[1], high[1], resolution)
    gx, gy = np.meshgrid(xs, ys)
    on_grid = model.forward(np.column_stack([gx.ravel(), gy.ravel()]))
    on_data = model.forward(X)
    values, dead, dead_on_data = [], [], []
    for act, z_grid, a_grid, z_data in zip(
        model.activations, on_grid.z[1:-1], on_grid.a[1:-1], on_data.z[1:-1], strict=True
    ):
        values.append(a_grid.T.reshape(-1, resolution, resolution))
        silent_on_data = dead_units(act, z_data)
        dead_on_data.append(silent_on_data)
        dead.append(silent_on_data | dead_units(act, z_grid))
    return UnitGrids(
        extent=(float(low[0]), float(high[0]), float(low[1]), float(high[1])),
        xs=xs,
        ys=ys,
        activations=[act.name for act in model.activations],
        values=values,
        dead=dead,
        dead_on_data=dead_on_data,
    )


# --- choosing an activation: a race --------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class RaceResult:
    """One activation's results over several seeds: one final test accuracy and one test curve per seed.

    sample_std is the sample standard deviation (ddof=1) of the final accuracies, NaN for a single seed.
    """

    activation: str
    final_test_acc_per_seed: np.ndarray
    mean: float
    sample_std: float
    epochs_to_target: np.ndarray
    test_acc_per_seed: np.ndarray
    model: MLP
    X_train: np.ndarray
    X_test: np.ndarray
    y_train: np.ndarray
    y_test: np.ndarray


def race(
    activations,
    *,
    dataset="spiral",
    seeds=(0, 1, 2, 3, 4),
    depth=2,
    width=16,
    epochs=200,
    target=0.9,
    init=None,
    **options,
):
    """Return one RaceResult per activation: each trained on the same seeds, with the same settings.

    init=None takes each activation's usual init; test_acc_per_seed is (seeds, epochs); epochs_to_target
    is the first epoch whose test accuracy reaches target (NaN if never). options go to train(). A ranking
    needs its spread, so the default is five seeds.
    """
    if len(seeds) == 0:
        raise ValueError("seeds must list at least one seed")
    results = []
    for activation in activations:
        runs = [
            train(dataset, activation, depth=depth, width=width, init=init, epochs=epochs, seed=s, **options)
            for s in seeds
        ]
        final = np.array([run.final_test_acc for run in runs])
        curves = np.array([run.history["test_acc"] for run in runs])
        reached = [np.flatnonzero(curve >= target) for curve in curves]
        first = runs[0]
        results.append(
            RaceResult(
                activation=first.model.activations[0].name if first.model.activations else str(activation),
                final_test_acc_per_seed=final,
                mean=float(final.mean()),
                sample_std=float(final.std(ddof=1)) if len(final) > 1 else np.nan,
                epochs_to_target=np.array([r[0] if r.size else np.nan for r in reached], dtype=float),
                test_acc_per_seed=curves,
                model=first.model,
                X_train=first.X_train,
                X_test=first.X_test,
                y_train=first.y_train,
                y_test=first.y_test,
            )
        )
    return results


# --- dying ReLU ----------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class DyingResult:
    """Dead units of one activation over training: dead_units[e, u] is True if unit u is dead at epoch e."""

    activation: str
    dead_fraction: np.ndarray
    dead_units: np.ndarray
    revived: int
    ever_dead: int
    final_test_acc: float


def dying_relu(
    activations=("relu", "leaky_relu", "prelu", "elu"),
    *,
    lr=0.1,
    epochs=100,
    seed=0,
    dataset="moons",
    depth=2,
    width=64,
    optimizer="adam",
    momentum=0.0,
):
    """Return one DyingResult per activation, trained at a high learning rate from the same start.

    A unit is dead when its pre-activation is <= 0 on every training point; revived counts the units
    that were dead at some epoch and alive at the end.
    """
    _check_count("epochs", epochs)
    for activation in activations:
        if not get(activation).relu_like:
            family = ", ".join(name for name, act in ACTIVATIONS.items() if act.relu_like)
            raise ValueError(f"dying_relu compares the ReLU family ({family}); got {activation!r}")
    results = []
    for activation in activations:
        run = train(
            dataset,
            activation,
            depth=depth,
            width=width,
            init="he",
            lr=lr,
            epochs=epochs,
            seed=seed,
            optimizer=optimizer,
            momentum=momentum,
        )
        dead = run.history["dead_units"]
        ever = dead.any(axis=0)
        results.append(
            DyingResult(
                activation=run.model.activations[0].name,
                dead_fraction=dead.mean(axis=1),
                dead_units=dead,
                revived=int(np.sum(ever & ~dead[-1])),
                ever_dead=int(ever.sum()),
                final_test_acc=run.final_test_acc,
            )
        )
    return results


# --- choosing an activation: the cost of one -----------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Cost:
    """Time per element of one activation: the median over the repeats, and the middle half of them.

    The ratios are the median over the repeats of each repeat's time divided by the copy's time in that
    same repeat; forward_iqr and forward_backward_iqr are (25th, 75th percentile) in ns per element.
    """

    activation: str
    forward_ns: float
    forward_backward_ns: float
    copy_ns: float
    forward_ratio: float
    forward_backward_ratio: float
    forward_iqr: tuple = (np.nan, np.nan)
    forward_backward_iqr: tuple = (np.nan, np.nan)


# 10,000 float64 numbers (80 kB): the size of a batch of activations in the course's networks. It fits in the
# cache and under malloc's mmap threshold, so a timing measures the arithmetic, not the page faults a fresh
# 800 kB array costs (which made one function 1x or 5x a copy depending on what ran before it).
COST_SIZE = 10**4
COST_REPEATS = 31


def _seconds(fn, args):
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def _forward_backward(f, x, upstream):
    """Run f forward and backward once: values, then the gradient it passes back."""
    if not f.elementwise:  # a vector-valued grad is its vector-Jacobian product
        return f(x), f.grad(x, upstream)
    return f(x), f.grad(x) * upstream


def _per_element(seconds):
    """Return the median and the (25th, 75th) percentiles of timings, in ns per element."""
    ns = 1e9 * np.asarray(seconds) / COST_SIZE
    return float(np.median(ns)), tuple(float(q) for q in np.percentile(ns, [25, 75]))


def cost_per_element(
    activations=("sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu", "swish", "gelu"),
):
    """Return one Cost per activation, measured the course's one way: COST_SIZE numbers, COST_REPEATS runs.

    Each repeat times a copy of the array, then each f(x) and f(x) plus its backward, f.grad(x) * upstream
    (a vector-valued one like softmax: its vector-Jacobian product over rows of 10), so a busy moment of
    the machine slows every function of that repeat alike. A first, untimed round warms the caches.
    """
    rng = np.random.default_rng(0)
    x, upstream = rng.standard_normal(COST_SIZE), rng.standard_normal(COST_SIZE)
    scratch = np.empty_like(x)
    functions = [get(activation) for activation in activations]
    rows = [
        (x, upstream) if f.elementwise else (x.reshape(-1, 10), upstream.reshape(-1, 10)) for f in functions
    ]
    copy_s, seconds = [], []  # seconds[repeat][k] = (forward, forward + backward) of function k
    for _ in range(COST_REPEATS + 1):
        copy_s.append(_seconds(np.copyto, (scratch, x)))
        seconds.append(
            [
                (_seconds(f, r[:1]), _seconds(_forward_backward, (f, *r)))
                for f, r in zip(functions, rows, strict=True)
            ]
        )
    copy_s, seconds = np.array(copy_s[1:]), np.array(seconds[1:])
    results = []
    for k, f in enumerate(functions):
        forward, both = seconds[:, k, 0], seconds[:, k, 1]
        (forward_ns, forward_iqr), (both_ns, both_iqr) = _per_element(forward), _per_element(both)
        copy_ns = _per_element(copy_s)[0]
        forward_ratio, both_ratio = float(np.median(forward / copy_s)), float(np.median(both / copy_s))
        results.append(
            Cost(f.name, forward_ns, both_ns, copy_ns, forward_ratio, both_ratio, forward_iqr, both_iqr)
        )
    return results


# --- tanh: zero-centred inputs and the signs of a neuron's weight gradients ------------------------------


@dataclass(frozen=True, eq=False)
class GradientSigns:
    """One linear neuron fed by an activation's outputs: each example's dL/dw, one row per example."""

    activation: str
    inputs: np.ndarray  # (n_samples, width): the activation's outputs, which the neuron reads
    weights: np.ndarray  # (width,)
    targets: np.ndarray  # (n_samples,)
    delta: np.ndarray  # (n_samples,): dL/dz, the error signal arriving at the neuron
    grads: np.ndarray  # (n_samples, width): dL/dw = delta * inputs
    same_sign: np.ndarray  # (n_samples,): True where every weight's gradient has one sign


def gradient_signs(activation, *, width=8, n_samples=16, seed=0):
    """Return each example's dL/dw for a neuron z = inputs @ w reading activation(standard normal).

    The loss of one example is (z - y)^2 / 2 with a random target y, so dL/dw = (z - y) * inputs: each
    weight's gradient has the sign of z - y times the sign of its input.
    """
    _check_count("width", width)
    _check_count("n_samples", n_samples)
    act = get(activation)
    rng = np.random.default_rng(seed)
    inputs = act(rng.standard_normal((n_samples, width)))
    weights = rng.standard_normal(width) / np.sqrt(width)
    targets = rng.standard_normal(n_samples)
    delta = inputs @ weights - targets
    grads = delta[:, None] * inputs
    signs = np.sign(grads)
    return GradientSigns(
        activation=act.name,
        inputs=inputs,
        weights=weights,
        targets=targets,
        delta=delta,
        grads=grads,
        same_sign=np.all(signs == signs[:, :1], axis=1),
    )


# --- SELU: the self-normalising fixed point, and what breaks it -----------------------------------------


@dataclass(frozen=True, eq=False)
class LayerMoments:
    """Each layer's mean and variance in a deep stack: arrays of length depth, layer 1 first."""

    label: str
    layers: np.ndarray
    mean: np.ndarray
    variance: np.ndarray


def inverted_dropout(a, rate, rng):
    """Return a with each entry zeroed with probability rate and the rest divided by 1 - rate."""
    keep = rng.random(a.shape) >= rate
    return np.where(keep, a / (1 - rate), 0.0)  # the kept ones scaled up, so the mean stays the same


def layer_moments(
    activation="selu",
    *,
    depth=50,
    width=256,
    n_samples=512,
    init="lecun",
    dropout=0.0,
    relu_at=None,
    label=None,
    seed=0,
):
    """Return the mean and variance of every layer of a deep stack fed standard normal inputs.

    Layer i computes a_i = act(a_{i-1} @ W_i), no bias, W_i drawn by init; dropout > 0 applies plain
    inverted dropout to each layer's output (as in training); relu_at = k makes layer k a ReLU instead.
    """
    _check_count("depth", depth)
    _check_count("width", width)
    _check_count("n_samples", n_samples, 2)
    if not 0 <= dropout < 1:
        raise ValueError(f"dropout must be a rate in [0, 1); got {dropout!r}")
    act = get(activation)
    draw = lookup("init", init, INITS)
    rng = np.random.default_rng(seed)
    a = rng.standard_normal((n_samples, width))
    means, variances = [], []
    for layer in range(1, depth + 1):
        f = get("relu") if layer == relu_at else act
        a = f(a @ draw(rng, width, width, 1.0))
        if dropout:
            a = inverted_dropout(a, dropout, rng)
        means.append(a.mean())
        variances.append(a.var())
    if label is None:
        label = f"{act.name}, {init} init" + (f", dropout {dropout:g}" if dropout else "")
        label += f", ReLU at layer {relu_at}" if relu_at else ""
    return LayerMoments(label, np.arange(1, depth + 1), np.array(means), np.array(variances))


# --- the GLU family: a SwiGLU feed-forward block beside a GELU one, same parameter count ------------------


@dataclass(frozen=True, eq=False)
class BlockRace:
    """Feed-forward blocks trained on one task over several seeds, by block label."""

    blocks: dict  # label -> the MLP of the first seed (its sizes and num_params)
    train_loss: dict  # label -> (seeds, epochs): mean squared error on the training points, each epoch
    test_loss: dict  # label -> (seeds,): on the held-out points, after the last epoch
    seeds: tuple


def teacher_task(*, width=16, n_samples=768, seed=0):
    """Return (X_train, Y_train, X_test, Y_test): y = tanh(x A) B, a random dense teacher, halves split."""
    _check_count("width", width)
    _check_count("n_samples", n_samples, 4)
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((width, 4 * width)) / np.sqrt(width)
    B = rng.standard_normal((4 * width, width)) / np.sqrt(4 * width)
    X = rng.standard_normal((n_samples, width))
    Y = np.tanh(X @ A) @ B
    Y = Y / Y.std()  # unit variance: a loss of 1 is as good as predicting 0
    half = n_samples // 2
    return X[:half], Y[:half], X[half:], Y[half:]


def ffn_block(block, *, width=16, seed=0):
    """Return a feed-forward block width -> hidden -> width, an MLP with a linear output.

    block "gelu" (or another elementwise activation) is the transformer's dense block, hidden 4 width; a GLU
    block ("swiglu", "geglu", "glu", "reglu") has hidden 2/3 of 4 width (network.glu_hidden_width), so
    both hold the same number of weights.
    """
    if block in GLU_BLOCKS:
        return MLP([width, glu_hidden_width(width), width], block=block, output="linear", seed=seed)
    act = hidden_activation(block)
    return MLP([width, 4 * width, width], activation=act, output="linear", seed=seed)


def ffn_race(
    *, width=16, blocks=("gelu", "swiglu"), seeds=(0, 1, 2, 3, 4), epochs=150, lr=1e-2, n_samples=768
):
    """Return a BlockRace: each block of ffn_block trained full batch with Adam on teacher_task, per seed.

    The task is the same for every seed; the seed draws the block's initial weights.
    """
    _check_count("epochs", epochs)
    if not seeds:
        raise ValueError("seeds is empty: give at least one seed, e.g. (0, 1, 2)")
    X, Y, X_test, Y_test = teacher_task(width=width, n_samples=n_samples)
    made, train_loss, test_loss = {}, {}, {}
    for block in blocks:
        curves, finals = [], []
        for seed in seeds:
            model, opt = ffn_block(block, width=width, seed=seed), OPTIMIZERS["adam"](lr=lr)
            losses = []
            for _ in range(epochs):
                cache = model.forward(X, training=True)
                losses.append(model.loss_of(cache, Y))
                opt.step(model.params, model.backward(cache, Y))
            curves.append(losses)
            finals.append(model.loss(X_test, Y_test))
            made.setdefault(block, model)
        train_loss[block], test_loss[block] = np.array(curves), np.array(finals)
    return BlockRace(made, train_loss, test_loss, tuple(seeds))

"""A multilayer perceptron in numpy, with backprop written out by hand.

Conventions, so the code reads like the maths:
- Layer i (1-based) computes z_i = a_{i-1} @ W_i + b_i, with a_0 = X. W_i has shape (fan_in, fan_out).
- Hidden layers apply an activation: a_i = f(z_i). The last layer is the output: softmax probabilities
  (loss: mean cross-entropy) or the plain values z_L (loss: mean squared error).
- model.params and model.grads are dicts with keys "W1", "b1", ..., and "alpha{i}" for each PReLU layer;
  a GLU layer adds its value projection "V{i}", "c{i}"; a normalised layer its scale and shift
  "gamma{i}", "beta{i}". Batch norm's running mean and variance live in model.running (not learned).
- Options of MLP, each a switch on every hidden layer: block (dense or a GLU layer), norm (batch or
  layer normalisation of the pre-activation, before the activation), residual (a = h + f(h)).
- Weight decay (both optimisers) is L2 added to the gradient, as PyTorch's weight_decay does, on weights
  and biases; on PReLU slopes only if decay_alpha=True (PyTorch's docs warn decay there hurts accuracy).
"""

import copy
from dataclasses import dataclass, field

import numpy as np

from actlearn.activations import ACTIVATIONS, Activation, as_float_array, get, log_softmax, lookup, softmax

# --- initialisation ------------------------------------------------------------------------------------


def _normal(rng, fan_in, fan_out, std):
    return std * rng.standard_normal((fan_in, fan_out))


def _uniform(rng, fan_in, fan_out, limit):
    return rng.uniform(-limit, limit, (fan_in, fan_out))


# Each scheme draws W from its fan-in and fan-out; `std` is only read by "normal" and "uniform".
INITS = {
    "zeros": lambda rng, i, o, std: np.zeros((i, o)),
    "normal": lambda rng, i, o, std: _normal(rng, i, o, std),
    "uniform": lambda rng, i, o, std: _uniform(rng, i, o, np.sqrt(3) * std),  # same std as "normal"
    "xavier": lambda rng, i, o, std: _normal(rng, i, o, np.sqrt(2 / (i + o))),
    "xavier_uniform": lambda rng, i, o, std: _uniform(rng, i, o, np.sqrt(6 / (i + o))),
    "he": lambda rng, i, o, std: _normal(rng, i, o, np.sqrt(2 / i)),
    "he_uniform": lambda rng, i, o, std: _uniform(rng, i, o, np.sqrt(6 / i)),
    "lecun": lambda rng, i, o, std: _normal(rng, i, o, np.sqrt(1 / i)),
}
INITS.update(glorot=INITS["xavier"], glorot_uniform=INITS["xavier_uniform"])
INITS.update(kaiming=INITS["he"], kaiming_uniform=INITS["he_uniform"])


# --- the network ------------------------------------------------------------------------------------------


@dataclass
class Cache:
    """What a forward pass keeps for backprop, one entry a layer (the output layer last).

    z: the activation's input (after normalisation, if any); f: the activation's values f(z);
    v: a GLU layer's value projection (None elsewhere); norm: a normalised layer's (x_hat, std, axis)
    (None elsewhere); a: the layer's output, f (dense), f * v (GLU), plus the layer's input with a skip.
    """

    X: np.ndarray
    z: list
    a: list
    f: list = field(default_factory=list)
    v: list = field(default_factory=list)
    norm: list = field(default_factory=list)

    @property
    def output(self):
        """Return the network's output: probabilities (softmax) or values (linear)."""
        return self.a[-1]

    def add(self, z, f, a, v=None, norm=None):
        """Keep one more layer's values, in order."""
        self.z.append(z)
        self.f.append(f)
        self.a.append(a)
        self.v.append(v)
        self.norm.append(norm)


def _check_sizes(sizes):
    sizes = list(sizes)
    if len(sizes) < 2:
        raise ValueError(
            f"sizes must list at least the input and output widths, like [2, 16, 2]; got {sizes}"
        )
    for size in sizes:
        if isinstance(size, (bool, np.bool_)) or not isinstance(size, (int, np.integer)) or size < 1:
            raise ValueError(f"sizes must be positive whole numbers (layer widths); got {sizes}")
    return [int(s) for s in sizes]


def hidden_activations():
    """Return the names of the activations a hidden layer can use: the elementwise ones."""
    return [name for name, act in ACTIVATIONS.items() if act.elementwise]


def hidden_activation(name):
    """Return the activation called name, refusing a vector-valued one (softmax is an output, not hidden)."""
    act = get(name)
    if not act.elementwise:
        raise ValueError(
            f"{act.name} is not a hidden-layer activation here (it is vector-valued: an output layer); "
            f"choose one of: {', '.join(hidden_activations())}"
        )
    return act


def learns_slope(act):
    """Return True if a network learns the activation's slope alpha (PReLU): it knows d act / d alpha."""
    return hasattr(act, "grad_alpha")


# --- gated linear units (GLU family): a layer, not an elementwise function --------------------------------

# A GLU hidden layer reads its input a twice: a = act(x W + b) * (x V + c), the gate times the value
# (Dauphin et al. 2017; Shazeer 2020, "GLU Variants Improve Transformer", arXiv:2002.05202). Each block
# name fixes the gate's activation.
GLU_BLOCKS = {"glu": "sigmoid", "geglu": "gelu", "swiglu": "silu", "reglu": "relu"}
BLOCKS = ("dense", *GLU_BLOCKS)


def glu_hidden_width(width, expansion=4):
    """Return the GLU hidden width whose block has a dense block's weights: 2/3 of expansion * width.

    A dense feed-forward block width -> h -> width has 2 h width weights; a GLU block has three matrices
    (W, V and the output), 3 h width: h = 2/3 * 4 * width matches, LLaMA's choice (Touvron et al. 2023).
    """
    return max(1, round(2 * expansion * width / 3))


def glu(act, z, v):
    """Return a GLU layer's output: the gate act(z) times the value v."""
    return act(z) * v


def glu_backward(act, z, v, upstream):
    """Return (d loss / d z, d loss / d v) of glu(act, z, v), given d loss / d output."""
    return upstream * v * act.grad(z), upstream * act(z)


# --- normalisation: batch norm (over the batch) and layer norm (over the features) -------------------------

NORMS = {"batch": 0, "layer": 1}  # the axis the mean and variance are taken over


def normalise(z, axis, eps=1e-5):
    """Return (x_hat, std): z shifted to mean 0 and scaled to variance 1 along axis, and the std used."""
    std = np.sqrt(z.var(axis=axis, keepdims=True) + eps)
    return (z - z.mean(axis=axis, keepdims=True)) / std, std


def normalise_backward(x_hat, std, axis, upstream):
    """Return d loss / d z of normalise(z, axis), given d loss / d x_hat."""
    # Ioffe & Szegedy 2015 (arXiv:1502.03167), section 3, in its compact form: the mean and the variance
    # depend on every z along axis, which adds the two mean terms.
    mean = lambda t: t.mean(axis=axis, keepdims=True)
    return (upstream - mean(upstream) - x_hat * mean(upstream * x_hat)) / std


# --- the network ------------------------------------------------------------------------------------------


def _check_residual(residual, sizes):
    """Return one boolean per hidden layer: does it add its input to its output (h + f(h))?"""
    hidden = len(sizes) - 2
    if isinstance(residual, (bool, np.bool_)):
        # True skips every hidden layer but the first, which maps the input to the hidden width (a stem)
        skips = [False] + [bool(residual)] * (hidden - 1) if hidden else []
    else:
        skips = [bool(r) for r in residual]
        if len(skips) != hidden:
            raise ValueError(f"residual lists {len(skips)} switches but sizes has {hidden} hidden layers")
    for i, skip in enumerate(skips, start=1):
        if skip and sizes[i - 1] != sizes[i]:
            raise ValueError(
                f"a residual block adds a layer's input to its output, so their widths must be equal: "
                f"hidden layer {i} maps width {sizes[i - 1]} to {sizes[i]} (sizes {sizes})"
            )
    return skips


class MLP:
    """A multilayer perceptron: sizes like [2, 16, 16, 2] give two hidden layers of 16 units.

    block: "dense" (a = f(x W + b)) or a GLU layer, "glu", "geglu", "swiglu" or "reglu"
    (a = act(x W + b) * (x V + c), the gate's act fixed by the name: sigmoid, gelu, silu, relu);
    MLP([d, h, d], block="swiglu", output="linear") is a SwiGLU feed-forward block W2 (silu(x W) * (x V)),
    and glu_hidden_width(d) the h that matches MLP([d, 4 d, d], activation="gelu") in parameter count.
    norm: None, "batch" or "layer": each hidden layer normalises its pre-activation, then scales and
    shifts it by learned gamma{i}, beta{i} (batch norm drops the bias b{i}: the mean subtraction cancels it).
    residual: True gives every hidden layer after the first a skip, a = h + f(h) (or one switch a layer).
    bn_momentum: how far batch norm's running mean and variance move towards each batch's (PyTorch's 0.1).
    """

    def __init__(
        self,
        sizes,
        *,
        activation=None,
        init="he",
        seed=0,
        output="softmax",
        alpha=0.25,
        alpha_per_unit=False,
        std=1.0,
        block="dense",
        norm=None,
        residual=False,
        bn_momentum=0.1,
        eps=1e-5,
    ):
        self.sizes = _check_sizes(sizes)
        hidden = len(self.sizes) - 2
        self.block = lookup("block", block, {name: name for name in BLOCKS})
        if self.block != "dense":
            gate = GLU_BLOCKS[self.block]
            if activation is not None:
                raise ValueError(
                    f"block={self.block!r} fixes its gate's activation ({gate}); leave activation out, or "
                    f"pick the block by its gate: {', '.join(f'{b} ({g})' for b, g in GLU_BLOCKS.items())}"
                )
            activation = gate
        activation = "relu" if activation is None else activation
        single = isinstance(activation, (str, Activation))
        names = [activation] * hidden if single else list(activation)
        if len(names) != hidden:
            raise ValueError(f"activation lists {len(names)} names but sizes has {hidden} hidden layers")
        self.activations = [hidden_activation(name) for name in names]
        self.output = lookup("output", output, {"softmax": "softmax", "linear": "linear"})
        self.norm = None if norm is None else lookup("norm", norm, {name: name for name in NORMS})
        if self.norm is not None and self.block != "dense":
            raise ValueError(
                f"norm={self.norm!r} normalises a dense layer's pre-activation, not a GLU block's"
            )
        self.skips = _check_residual(residual, self.sizes)
        if not 0 <= bn_momentum <= 1:
            raise ValueError(f"bn_momentum must be in [0, 1]; got {bn_momentum!r}")
        self.bn_momentum, self.eps = bn_momentum, eps
        self.init = init
        draw = lookup("init", init, INITS)
        if not np.isfinite(std) or std < 0:
            raise ValueError(f"std (the spread of 'normal' and 'uniform' init) must be >= 0; got {std!r}")
        rng = np.random.default_rng(seed)
        self.params = {}
        for i, (fan_in, fan_out) in enumerate(zip(self.sizes[:-1], self.sizes[1:], strict=True), start=1):
            self.params[f"W{i}"] = draw(rng, fan_in, fan_out, std)
            if not (self.norm == "batch" and i <= hidden):
                self.params[f"b{i}"] = np.zeros(fan_out)
        for i in range(1, hidden + 1):
            if self.block != "dense":
                self.params[f"V{i}"] = draw(rng, self.sizes[i - 1], self.sizes[i], std)
                self.params[f"c{i}"] = np.zeros(self.sizes[i])
            if self.norm is not None:
                self.params[f"gamma{i}"] = np.ones(self.sizes[i])
                self.params[f"beta{i}"] = np.zeros(self.sizes[i])
        for i, act in enumerate(self.activations, start=1):
            if learns_slope(act):
                self.params[f"alpha{i}"] = np.full(self.sizes[i] if alpha_per_unit else 1, float(alpha))
        # batch norm's running statistics: not learned, only used by forward(X, training=False)
        self.running = {}
        if self.norm == "batch":
            for i in range(1, hidden + 1):
                self.running[f"mean{i}"] = np.zeros((1, self.sizes[i]))
                self.running[f"var{i}"] = np.ones((1, self.sizes[i]))
        self.grads = {}

    @property
    def depth(self):
        """Return the number of weight layers (hidden layers + the output layer)."""
        return len(self.sizes) - 1

    @property
    def num_params(self):
        """Return the number of learned numbers (weights, biases, scales, shifts, slopes)."""
        return sum(p.size for p in self.params.values())

    def _act_params(self, i):
        """Return the keyword arguments of hidden layer i's activation (the PReLU slope, if any)."""
        return {"alpha": self.params[f"alpha{i}"]} if f"alpha{i}" in self.params else {}

    def _normalise(self, i, u, training):
        """Return (z, (x_hat, std, axis)): hidden layer i's pre-activation u normalised, scaled, shifted."""
        if self.norm == "batch" and not training:  # evaluation: the running statistics, fixed
            std = np.sqrt(self.running[f"var{i}"] + self.eps)
            x_hat, axis = (u - self.running[f"mean{i}"]) / std, None
        else:
            axis = NORMS[self.norm]
            x_hat, std = normalise(u, axis, self.eps)
        if self.norm == "batch" and training:
            n, m = len(u), self.bn_momentum
            unbiased = u.var(axis=0, keepdims=True) * n / max(n - 1, 1)  # as PyTorch keeps it
            self.running[f"mean{i}"] = (1 - m) * self.running[f"mean{i}"] + m * u.mean(axis=0, keepdims=True)
            self.running[f"var{i}"] = (1 - m) * self.running[f"var{i}"] + m * unbiased
        return self.params[f"gamma{i}"] * x_hat + self.params[f"beta{i}"], (x_hat, std, axis)

    def _hidden_forward(self, i, a_prev, cache, training):
        """Run hidden layer i on its input a_prev, keeping what backprop needs in cache."""
        act = self.activations[i - 1]
        z = a_prev @ self.params[f"W{i}"] + self.params.get(f"b{i}", 0.0)
        norm = None
        if self.norm is not None:
            z, norm = self._normalise(i, z, training)
        f = act(z, **self._act_params(i))
        v = None
        if self.block != "dense":
            v = a_prev @ self.params[f"V{i}"] + self.params[f"c{i}"]
        h = f if v is None else glu(act, z, v)
        a = a_prev + h if self.skips[i - 1] else h
        cache.add(z, f, a, v=v, norm=norm)
        return a

    def forward(self, X, *, training=True):
        """Return a Cache with every layer's pre-activation z and activation a.

        training=True normalises batch norm layers by the batch's own statistics (and moves the running
        ones towards them); training=False uses the running statistics, as evaluation does.
        """
        X = as_float_array(X)
        if X.ndim != 2 or X.shape[1] != self.sizes[0]:
            raise ValueError(f"X must have shape (n, {self.sizes[0]}); got {X.shape}")
        cache = Cache(X, [], [])
        a = X
        for i in range(1, self.depth):
            a = self._hidden_forward(i, a, cache, training)
        z = a @ self.params[f"W{self.depth}"] + self.params[f"b{self.depth}"]
        out = softmax(z) if self.output == "softmax" else z
        cache.add(z, out, out)  # the output layer: no activation of its own, no skip
        return cache

    def _check_targets(self, y, n):
        y = np.asarray(y)
        if self.output == "linear":
            y = as_float_array(y)
            if y.ndim == 1 and self.sizes[-1] == 1:
                y = y[:, None]  # one target per row, as a column
            if y.shape != (n, self.sizes[-1]):
                raise ValueError(
                    f"y must have shape ({n}, {self.sizes[-1]}) for a linear output; got {y.shape}"
                )
            return y
        if y.shape != (n,):
            raise ValueError(f"y must hold one class label per row of X, shape ({n},); got {y.shape}")
        if y.dtype.kind not in "iu" or y.min(initial=0) < 0 or y.max(initial=0) >= self.sizes[-1]:
            raise ValueError(f"y must hold integer class labels 0..{self.sizes[-1] - 1}; got {y[:5]}...")
        return y

    def loss_of(self, cache, y):
        """Return the loss of a forward pass: mean cross-entropy (softmax) or mean squared error (linear)."""
        y = self._check_targets(y, len(cache.X))
        if self.output == "linear":
            return float(np.mean((cache.output - y) ** 2))
        log_p = log_softmax(cache.z[-1])
        return float(-log_p[np.arange(len(y)), y].mean())

    def loss(self, X, y, *, training=True):
        """Return the loss on X, y."""
        return self.loss_of(self.forward(X, training=training), y)

    def _hidden_backward(self, i, a_prev, cache, da):
        """Return (d loss / d a_prev, the gradients of hidden layer i's parameters), given d loss / d a_i."""
        act, z, params = self.activations[i - 1], cache.z[i - 1], self._act_params(i)
        grads = {}
        if self.block != "dense":
            dz, dv = glu_backward(act, z, cache.v[i - 1], da)
            grads[f"V{i}"], grads[f"c{i}"] = a_prev.T @ dv, dv.sum(axis=0)
        else:
            if learns_slope(act):
                per_unit = (da * act.grad_alpha(z, params["alpha"])).sum(axis=0)
                grads[f"alpha{i}"] = per_unit if params["alpha"].size > 1 else per_unit.sum(keepdims=True)
            dz = da * act.grad(z, **params)
        if self.norm is not None:
            x_hat, std, axis = cache.norm[i - 1]
            grads[f"gamma{i}"], grads[f"beta{i}"] = (dz * x_hat).sum(axis=0), dz.sum(axis=0)
            dx_hat = dz * self.params[f"gamma{i}"]
            dz = dx_hat / std if axis is None else normalise_backward(x_hat, std, axis, dx_hat)
        grads[f"W{i}"] = a_prev.T @ dz
        if f"b{i}" in self.params:
            grads[f"b{i}"] = dz.sum(axis=0)
        da_prev = dz @ self.params[f"W{i}"].T
        if self.block != "dense":
            da_prev = da_prev + dv @ self.params[f"V{i}"].T
        if self.skips[i - 1]:
            da_prev = da_prev + da  # the skip passes the gradient through unchanged
        return da_prev, grads

    def backward(self, cache, y):
        """Return (and keep in self.grads) d loss / d parameter for every parameter, by backprop."""
        y = self._check_targets(y, len(cache.X))
        n = len(y)
        if self.output == "softmax":
            # Softmax and cross-entropy together have the simple gradient (p - onehot) / n.
            dz = cache.output.copy()
            dz[np.arange(n), y] -= 1
            dz /= n
        else:
            dz = 2 * (cache.output - y) / y.size
        L = self.depth
        a_last = cache.a[L - 2] if L > 1 else cache.X
        grads = {f"W{L}": a_last.T @ dz, f"b{L}": dz.sum(axis=0)}
        da = dz @ self.params[f"W{L}"].T  # gradient flowing into the last hidden layer's output
        for i in range(L - 1, 0, -1):
            a_prev = cache.a[i - 2] if i > 1 else cache.X
            da, layer_grads = self._hidden_backward(i, a_prev, cache, da)
            grads.update(layer_grads)
        self.grads = {key: grads[key] for key in self.params}
        return self.grads

    def predict_proba(self, X):
        """Return the class probabilities, shape (n, classes), evaluating (batch norm: running statistics)."""
        if self.output != "softmax":
            raise ValueError("predict_proba needs a classifier (output='softmax'); this network is linear")
        return self.forward(X, training=False).output

    def predict(self, X):
        """Return the predicted class of each row (softmax) or the predicted values (linear), evaluating."""
        out = self.forward(X, training=False).output
        return out.argmax(axis=1) if self.output == "softmax" else out

    def copy(self):
        """Return an independent copy (the parameters are copied, not shared)."""
        return copy.deepcopy(self)

    def __repr__(self):
        names = ", ".join(act.name for act in self.activations) or "none"
        extra = "".join(
            [
                f", block={self.block!r}" if self.block != "dense" else "",
                f", norm={self.norm!r}" if self.norm else "",
                ", residual" if any(self.skips) else "",
            ]
        )
        return f"MLP(sizes={self.sizes}, hidden: {names}, init={self.init!r}, output={self.output!r}{extra})"


# --- optimisers -----------------------------------------------------------------------------------------


def _check_positive(name, value):
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a positive number; got {value!r}")


def _decayed(params, grads, weight_decay, decay_alpha):
    """Return grads with weight_decay * param added (L2), skipping PReLU slopes unless decay_alpha."""
    if weight_decay == 0:
        return grads
    return {
        key: g + weight_decay * params[key] if decay_alpha or not key.startswith("alpha") else g
        for key, g in grads.items()
    }


class SGD:
    """Stochastic gradient descent with optional momentum: v = momentum * v + g; p -= lr * v."""

    def __init__(self, lr, *, momentum=0.0, weight_decay=0.0, decay_alpha=False):
        _check_positive("lr", lr)
        if not 0 <= momentum < 1:
            raise ValueError(f"momentum must be in [0, 1); got {momentum!r}")
        if weight_decay < 0:
            raise ValueError(f"weight_decay must be >= 0; got {weight_decay!r}")
        self.lr, self.momentum, self.weight_decay, self.decay_alpha = lr, momentum, weight_decay, decay_alpha
        self.velocity = {}

    def step(self, params, grads):
        """Update params in place, one step against grads."""
        grads = _decayed(params, grads, self.weight_decay, self.decay_alpha)
        for key, g in grads.items():
            if self.momentum:
                g = self.velocity[key] = self.momentum * self.velocity.get(key, 0) + g
            params[key] -= self.lr * g


class Adam:
    """Adam (Kingma & Ba, 2015): steps scaled by running averages of the gradient and its square."""

    def __init__(self, lr=1e-3, *, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0, decay_alpha=False):
        _check_positive("lr", lr)
        for name, beta in (("beta1", beta1), ("beta2", beta2)):
            if not 0 <= beta < 1:
                raise ValueError(f"{name} must be in [0, 1); got {beta!r}")
        if weight_decay < 0:
            raise ValueError(f"weight_decay must be >= 0; got {weight_decay!r}")
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.weight_decay, self.decay_alpha = weight_decay, decay_alpha
        self.m, self.v, self.t = {}, {}, 0

    def step(self, params, grads):
        """Update params in place, one Adam step."""
        grads = _decayed(params, grads, self.weight_decay, self.decay_alpha)
        self.t += 1
        for key, g in grads.items():
            self.m[key] = self.beta1 * self.m.get(key, 0) + (1 - self.beta1) * g
            self.v[key] = self.beta2 * self.v.get(key, 0) + (1 - self.beta2) * g * g
            m_hat = self.m[key] / (1 - self.beta1**self.t)  # undo the bias towards the zero start
            v_hat = self.v[key] / (1 - self.beta2**self.t)
            params[key] -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


OPTIMIZERS = {"sgd": SGD, "adam": Adam}


def clip_by_global_norm(grads, max_norm):
    """Return (grads scaled so their joint norm is at most max_norm, the norm before clipping)."""
    _check_positive("max_norm", max_norm)
    norm = float(np.sqrt(sum(np.sum(g * g) for g in grads.values())))
    if norm <= max_norm:
        return dict(grads), norm
    return {key: g * (max_norm / norm) for key, g in grads.items()}, norm


# --- checking backprop --------------------------------------------------------------------------------------


def gradient_check(model, X, y, eps=1e-6):
    """Return the largest relative error between backprop and central finite differences, over all params.

    The error of one parameter array is |backprop - numeric| / (|backprop| + |numeric|) with |.| the
    Euclidean norm; run it in float64 on a small network (it does two forward passes per number).
    """
    backprop = model.backward(model.forward(X), y)
    worst = 0.0
    for key, param in model.params.items():
        numeric = np.zeros_like(param)
        for index in np.ndindex(param.shape):
            saved = param[index]
            param[index] = saved + eps
            up = model.loss(X, y)
            param[index] = saved - eps
            down = model.loss(X, y)
            param[index] = saved
            numeric[index] = (up - down) / (2 * eps)
        scale = np.linalg.norm(backprop[key]) + np.linalg.norm(numeric)
        if scale > 0:
            worst = max(worst, float(np.linalg.norm(backprop[key] - numeric) / scale))
    return worst

"""A multilayer perceptron in numpy, with backprop written out by hand.

Conventions, so the code reads like the maths:
- Layer i (1-based) computes z_i = a_{i-1} @ W_i + b_i, with a_0 = X. W_i has shape (fan_in, fan_out).
- Hidden layers apply an activation: a_i = f(z_i). The last layer is the output: softmax probabilities
  (loss: mean cross-entropy) or the plain values z_L (loss: mean squared error).
- model.params and model.grads are dicts with keys "W1", "b1", ..., and "alpha{i}" for each PReLU layer.
- Weight decay (both optimisers) is L2 added to the gradient, as PyTorch's weight_decay does, on weights
  and biases; on PReLU slopes only if decay_alpha=True (PyTorch's docs warn decay there hurts accuracy).
"""

import copy
from dataclasses import dataclass

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
    """What a forward pass keeps for backprop: the input, and z and a of every layer (the output last)."""

    X: np.ndarray
    z: list
    a: list

    @property
    def output(self):
        """Return the network's output: probabilities (softmax) or values (linear)."""
        return self.a[-1]


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


class MLP:
    """A multilayer perceptron: sizes like [2, 16, 16, 2] give two hidden layers of 16 units."""

    def __init__(
        self,
        sizes,
        *,
        activation="relu",
        init="he",
        seed=0,
        output="softmax",
        alpha=0.25,
        alpha_per_unit=False,
        std=1.0,
    ):
        self.sizes = _check_sizes(sizes)
        hidden = len(self.sizes) - 2
        single = isinstance(activation, (str, Activation))
        names = [activation] * hidden if single else list(activation)
        if len(names) != hidden:
            raise ValueError(f"activation lists {len(names)} names but sizes has {hidden} hidden layers")
        self.activations = [hidden_activation(name) for name in names]
        self.output = lookup("output", output, {"softmax": "softmax", "linear": "linear"})
        self.init = init
        draw = lookup("init", init, INITS)
        if not np.isfinite(std) or std < 0:
            raise ValueError(f"std (the spread of 'normal' and 'uniform' init) must be >= 0; got {std!r}")
        rng = np.random.default_rng(seed)
        self.params = {}
        for i, (fan_in, fan_out) in enumerate(zip(self.sizes[:-1], self.sizes[1:], strict=True), start=1):
            self.params[f"W{i}"] = draw(rng, fan_in, fan_out, std)
            self.params[f"b{i}"] = np.zeros(fan_out)
        for i, act in enumerate(self.activations, start=1):
            if learns_slope(act):
                self.params[f"alpha{i}"] = np.full(self.sizes[i] if alpha_per_unit else 1, float(alpha))
        self.grads = {}

    @property
    def depth(self):
        """Return the number of weight layers (hidden layers + the output layer)."""
        return len(self.sizes) - 1

    def _act_params(self, i):
        """Return the keyword arguments of hidden layer i's activation (the PReLU slope, if any)."""
        return {"alpha": self.params[f"alpha{i}"]} if f"alpha{i}" in self.params else {}

    def forward(self, X):
        """Return a Cache with every layer's pre-activation z and activation a."""
        X = as_float_array(X)
        if X.ndim != 2 or X.shape[1] != self.sizes[0]:
            raise ValueError(f"X must have shape (n, {self.sizes[0]}); got {X.shape}")
        cache = Cache(X, [], [])
        a = X
        for i in range(1, self.depth + 1):
            z = a @ self.params[f"W{i}"] + self.params[f"b{i}"]
            if i < self.depth:
                a = self.activations[i - 1](z, **self._act_params(i))
            else:
                a = softmax(z) if self.output == "softmax" else z
            cache.z.append(z)
            cache.a.append(a)
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

    def loss(self, X, y):
        """Return the loss on X, y."""
        return self.loss_of(self.forward(X), y)

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
        grads = {}
        for i in range(self.depth, 0, -1):
            a_prev = cache.a[i - 2] if i > 1 else cache.X
            grads[f"W{i}"] = a_prev.T @ dz
            grads[f"b{i}"] = dz.sum(axis=0)
            if i == 1:
                break
            da = dz @ self.params[f"W{i}"].T  # gradient flowing into the activation of layer i - 1
            act, z, params = self.activations[i - 2], cache.z[i - 2], self._act_params(i - 1)
            if learns_slope(act):
                alpha = params["alpha"]
                per_unit = (da * act.grad_alpha(z, alpha)).sum(axis=0)
                grads[f"alpha{i - 1}"] = per_unit if alpha.size > 1 else per_unit.sum(keepdims=True)
            dz = da * act.grad(z, **params)
        self.grads = {key: grads[key] for key in self.params}
        return self.grads

    def predict_proba(self, X):
        """Return the class probabilities, shape (n, classes)."""
        if self.output != "softmax":
            raise ValueError("predict_proba needs a classifier (output='softmax'); this network is linear")
        return self.forward(X).output

    def predict(self, X):
        """Return the predicted class of each row (softmax) or the predicted values (linear)."""
        out = self.forward(X).output
        return out.argmax(axis=1) if self.output == "softmax" else out

    def copy(self):
        """Return an independent copy (the parameters are copied, not shared)."""
        return copy.deepcopy(self)

    def __repr__(self):
        names = ", ".join(act.name for act in self.activations) or "none"
        return f"MLP(sizes={self.sizes}, hidden: {names}, init={self.init!r}, output={self.output!r})"


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

"""The multilayer perceptron: a list of layers run forward, then backward in reverse, with its loss.

Indices follow the maths (notebook 01): a_0 = X; hidden layer l computes z_l = a_{l-1} W_l + b_l and
a_l = f(z_l) (with its options: normalised z, a GLU gate, a skip); the output layer L gives the scores
z_L, turned into softmax probabilities (loss: mean cross-entropy) or kept as values (mean squared error).
model.params and model.grads name every learned array as before: "W1", "b1", ..., "alpha{l}" (PReLU),
"V{l}", "c{l}" (a GLU's value), "gamma{l}", "beta{l}" (normalisation); each name reads and writes the
array inside its layer. model.running holds batch norm's "mean{l}" and "var{l}" (not learned).
"""

import copy
import dataclasses
from collections.abc import MutableMapping

import numpy as np

from actlearn.activations import ACTIVATIONS, Activation, as_float_array, get, lookup
from actlearn.network.glu import BLOCKS, GLU, GLU_BLOCKS
from actlearn.network.inits import INITS
from actlearn.network.layers import Activation as ActivationLayer
from actlearn.network.layers import Dense, PReLU, Residual, Sequential
from actlearn.network.losses import LOSSES
from actlearn.network.norm import BatchNorm, LayerNorm

NORMS = {"batch": 0, "layer": 1}  # the axis the mean and variance are taken over


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


@dataclasses.dataclass
class Cache:
    """What a forward pass computed, indexed as in the maths (layer 1 is the first hidden layer).

    a[0] is X and a[l] layer l's output (a skip included); z[l] is what layer l's activation reads (its
    pre-activation, normalised if the layer normalises; a GLU's gate input); z[0] is None. The output
    layer L: z[L] its scores, a[L] the network's output (softmax probabilities, or the scores).
    """

    a: list
    z: list

    @property
    def X(self):
        """Return the input the pass started from."""
        return self.a[0]

    @property
    def output(self):
        """Return the network's output: probabilities (softmax) or values (linear)."""
        return self.a[-1]


class Parameters(MutableMapping):
    """A dict-like view of the arrays held by a network's layers: name -> the layer's array, read and set."""

    def __init__(self, places):
        self.places = places  # name -> (layer, attribute name): "W2" -> (the second Dense layer, "W")

    def __getitem__(self, name):
        layer, attribute = self.places[name]
        return getattr(layer, attribute)

    def __setitem__(self, name, value):
        if name not in self.places:
            raise KeyError(f"no parameter {name!r} in this network; it has: {', '.join(self.places)}")
        layer, attribute = self.places[name]
        setattr(layer, attribute, value)

    def __delitem__(self, name):
        raise TypeError(f"a network's parameters are part of its layers: {name!r} can be set, not removed")

    def __iter__(self):
        return iter(self.places)

    def __len__(self):
        return len(self.places)

    def gradients(self):
        """Return d loss / d each array, as the layers' last backward pass left them ("W1" -> dW)."""
        return {name: getattr(layer, "d" + attribute) for name, (layer, attribute) in self.places.items()}

    def __repr__(self):
        return repr(dict(self))


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


def _hidden_acts(activation, block, hidden):
    """Return the activation of each hidden layer: one for all, one a layer, or a GLU block's gate."""
    if block != "dense":
        gate = GLU_BLOCKS[block]
        if activation is not None:
            raise ValueError(
                f"block={block!r} fixes its gate's activation ({gate}); leave activation out, or "
                f"pick the block by its gate: {', '.join(f'{b} ({g})' for b, g in GLU_BLOCKS.items())}"
            )
        activation = gate
    activation = "relu" if activation is None else activation
    single = isinstance(activation, (str, Activation))
    names = [activation] * hidden if single else list(activation)
    if len(names) != hidden:
        raise ValueError(f"activation lists {len(names)} names but sizes has {hidden} hidden layers")
    return [hidden_activation(name) for name in names]


def _activation_layer(act, width, activation_params, alpha, alpha_per_unit):
    """Return the layer that applies act; PReLU's learns its slope, from alpha (PyTorch's 0.25 if None)."""
    if learns_slope(act):
        return PReLU(act, np.full(width if alpha_per_unit else 1, 0.25 if alpha is None else float(alpha)))
    # with its parameters fixed, the layer calls f(z) and f.grad(z) as the maths writes them
    return ActivationLayer(act.with_params(**activation_params) if activation_params else act)


def _norm_layers(norm, width, momentum, eps):
    """Return [the normalisation layer of a hidden layer of width units], or [] without one."""
    if norm == "batch":
        return [BatchNorm(np.ones(width), np.zeros(width), momentum, eps)]
    if norm == "layer":
        return [LayerNorm(np.ones(width), np.zeros(width), eps)]
    return []


def _check_activation_params(acts, params, block):
    """Refuse activation parameters a hidden layer cannot use, naming the ones it takes."""
    if block != "dense":
        raise ValueError(f"block={block!r} fixes its gate's activation; it takes no activation_params")
    for act in acts:
        if learns_slope(act) and "alpha" in params:
            raise ValueError(
                f"{act.name} learns alpha; set where it starts with alpha=, not activation_params"
            )
        act(0.0, **params)  # an unknown name raises here, listing the ones act takes


class MLP:
    """A multilayer perceptron: sizes like [2, 16, 16, 2] give two hidden layers of 16 units.

    block: "dense" (a = f(x W + b)) or a GLU layer, "glu", "geglu", "swiglu" or "reglu"
    (a = act(x W + b) * (x V + c), the gate's act fixed by the name: sigmoid, gelu, silu, relu);
    MLP([d, h, d], block="swiglu", output="linear") is a SwiGLU feed-forward block W2 (silu(x W) * (x V)),
    and glu_hidden_width(d) the h that matches MLP([d, 4 d, d], activation="gelu") in parameter count.
    activation_params: fixed parameters of every hidden activation, e.g. {"alpha": 0.3} for leaky_relu.
    alpha, alpha_per_unit: where PReLU's learned slope starts, and one slope a unit instead of a layer.
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
        activation_params=None,
        init="he",
        seed=0,
        output="softmax",
        alpha=None,
        alpha_per_unit=False,
        std=1.0,
        block="dense",
        norm=None,
        residual=False,
        bn_momentum=0.1,
        eps=1e-5,
    ):
        self.sizes = _check_sizes(sizes)
        self.block = lookup("block", block, {name: name for name in BLOCKS})
        acts = _hidden_acts(activation, self.block, len(self.sizes) - 2)
        activation_params = dict(activation_params or {})
        if activation_params:
            _check_activation_params(acts, activation_params, self.block)
        if (alpha is not None or alpha_per_unit) and not any(learns_slope(act) for act in acts):
            raise ValueError(
                "alpha and alpha_per_unit set PReLU's learned slope, and no hidden layer here is a PReLU; "
                "a fixed parameter goes in activation_params, e.g. {'alpha': 0.3} for leaky_relu"
            )
        self.output = lookup("output", output, {"softmax": "softmax", "linear": "linear"})
        self.criterion = LOSSES[self.output]
        self.norm = None if norm is None else lookup("norm", norm, {name: name for name in NORMS})
        if self.norm is not None and self.block != "dense":
            raise ValueError(
                f"norm={self.norm!r} normalises a dense layer's pre-activation, not a GLU block's"
            )
        self.skips = _check_residual(residual, self.sizes)
        if not 0 <= bn_momentum <= 1:
            raise ValueError(f"bn_momentum must be in [0, 1]; got {bn_momentum!r}")
        self.init = init
        draw = lookup("init", init, INITS)
        if not np.isfinite(std) or std < 0:
            raise ValueError(f"std (the spread of 'normal' and 'uniform' init) must be >= 0; got {std!r}")

        rng = np.random.default_rng(seed)
        fans = list(zip(self.sizes[:-1], self.sizes[1:], strict=True))
        dense = [Dense(draw(rng, fan_in, fan_out, std), np.zeros(fan_out)) for fan_in, fan_out in fans]
        self.layers, self.activation_layers = [], []
        for i, act in enumerate(acts, start=1):  # the hidden layers
            width = self.sizes[i]
            if self.block != "dense":  # a GLU layer; its value projection V is drawn after every W
                value = Dense(draw(rng, self.sizes[i - 1], width, std), np.zeros(width))
                act_layer = layer = GLU(act, dense[i - 1], value)
            else:  # Dense, then normalisation if any, then the activation
                act_layer = _activation_layer(act, width, activation_params, alpha, alpha_per_unit)
                layer = Sequential(dense[i - 1], *_norm_layers(self.norm, width, bn_momentum, eps), act_layer)
            self.layers.append(Residual(layer) if self.skips[i - 1] else layer)
            self.activation_layers.append(act_layer)
        self.layers.append(dense[-1])  # the output layer: the scores z_L, no activation of its own
        self.params = Parameters(self._parameter_places(dense))
        self.running = Parameters(  # batch norm's running statistics: not learned
            {
                f"{stat}{i}": (layer, f"running_{stat}")
                for i, layer in self._hidden_parts(BatchNorm)
                for stat in ("mean", "var")
            }
        )
        self.grads = {}
        self._latest = None  # the Cache of the latest forward pass, the one backward can use

    def _hidden_parts(self, kind):
        """Return (l, part) for every part of hidden layer l that is a kind (BatchNorm, GLU, ...)."""
        found = []
        for i, layer in enumerate(self.layers[:-1], start=1):
            layer = layer.block if isinstance(layer, Residual) else layer
            parts = layer.layers if isinstance(layer, Sequential) else [layer]
            found += [(i, part) for part in parts if isinstance(part, kind)]
        return found

    def _parameter_places(self, dense):
        """Return name -> (layer, attribute) of every learned array, in the order model.params lists them."""
        places = {}
        for i, layer in enumerate(dense, start=1):
            places[f"W{i}"] = (layer, "W")
            if not (self.norm == "batch" and i < self.depth):  # batch norm's Dense keeps b = 0, unlearned
                places[f"b{i}"] = (layer, "b")
        for i, glu_layer in self._hidden_parts(GLU):
            places[f"V{i}"], places[f"c{i}"] = (glu_layer.value, "W"), (glu_layer.value, "b")
        for i, norm_layer in self._hidden_parts((BatchNorm, LayerNorm)):
            places[f"gamma{i}"], places[f"beta{i}"] = (norm_layer, "gamma"), (norm_layer, "beta")
        for i, slope in self._hidden_parts(PReLU):
            places[f"alpha{i}"] = (slope, "alpha")
        return places

    @property
    def activations(self):
        """Return each hidden layer's activation (its gate's, in a GLU layer), layer 1 first."""
        return [layer.f for layer in self.activation_layers]

    @activations.setter
    def activations(self, acts):
        for layer, act in zip(self.activation_layers, acts, strict=True):
            layer.f = act

    @property
    def depth(self):
        """Return the number of weight layers (hidden layers + the output layer)."""
        return len(self.sizes) - 1

    @property
    def num_params(self):
        """Return the number of learned numbers (weights, biases, scales, shifts, slopes)."""
        return sum(p.size for p in self.params.values())

    def forward(self, X, *, training=False):
        """Return a Cache of every layer's z and a; training=True for a training step (batch norm).

        A training step normalises batch norm layers by the batch's own statistics and moves the running
        ones towards them; evaluation (the default) uses the running statistics and changes nothing.
        """
        X = as_float_array(X)
        if X.ndim != 2 or X.shape[1] != self.sizes[0]:
            raise ValueError(f"X must have shape (n, {self.sizes[0]}); got {X.shape}")
        a, z = [X], [None]
        for layer, act_layer in zip(self.layers[:-1], self.activation_layers, strict=True):  # hidden
            a.append(layer.forward(a[-1], training))
            z.append(act_layer.z)
        z.append(self.layers[-1].forward(a[-1]))  # the output layer's scores z_L
        a.append(self.criterion.output(z[-1]))
        self._latest = Cache(a, z)
        return self._latest

    def loss_of(self, cache, y):
        """Return the loss of a forward pass: mean cross-entropy (softmax) or mean squared error (linear)."""
        y = self.criterion.targets(y, len(cache.X), self.sizes[-1])
        return self.criterion.loss(cache.z[-1], y)

    def loss(self, X, y, *, training=False):
        """Return the loss on X, y (evaluating, unless training=True)."""
        return self.loss_of(self.forward(X, training=training), y)

    def backward(self, cache, y):
        """Return (and keep in self.grads) d loss / d parameter for every parameter, by backprop.

        cache is the latest forward pass's: each layer kept what its backward needs from that pass.
        """
        if cache is not self._latest:
            raise ValueError(
                "backward needs the Cache of this model's latest forward pass; run forward again"
            )
        y = self.criterion.targets(y, len(cache.X), self.sizes[-1])
        grad = self.criterion.gradient(cache.output, y)  # dz_L = p - Y, per example
        for layer in reversed(self.layers):
            grad = layer.backward(grad)  # d loss / d the layer's output -> d loss / d its input
        self.grads = self.params.gradients()
        return self.grads

    def predict_proba(self, X):
        """Return the class probabilities, shape (n, classes), evaluating (batch norm: running statistics)."""
        if self.output != "softmax":
            raise ValueError("predict_proba needs a classifier (output='softmax'); this network is linear")
        return self.forward(X).output

    def predict(self, X):
        """Return the predicted class of each row (softmax) or the predicted values (linear), evaluating."""
        out = self.forward(X).output
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

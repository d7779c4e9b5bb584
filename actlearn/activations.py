"""Every activation of the course, each with its derivative right below it and its facts as data.

Each function is the textbook formula made stable; one comment each says which trick buys which property.
What tests/test_activations_*.py check, and so all this module promises:
- float64 values within 1e-10 relative of mpmath's 60 digits at 71 inputs from -inf to inf (0, +-1e-300,
  +-1e-12 ... +-1e300, the tails where naive formulas fail, the extremes of swish, GELU and Mish), at the
  default parameters and at one more setting of Leaky ReLU, ELU, swish, GELU and softplus; a result below
  1e-300 (float64's subnormals hold fewer digits) within 1e-300. Derivatives the same, except next to a
  zero of the derivative (the minima of swish, GELU and Mish), where its terms cancel: where it is below
  1e-12, within 1e-13 absolute.
- Derivatives within 1e-7 relative (1e-9 absolute) of central differences at 245 inputs in [-30, 25].
- float16 and float32 kept, within 4 ulps of the float64 result (or, where the function is ill-conditioned,
  of its value at an input within 4 ulps), at 514 random and extreme inputs.
- The true limits at +-inf, NaN in and NaN out, and no floating-point warning at random finite inputs or
  at each dtype's extremes (there also with each parameter at the ends of its slider range).
The Activation object after each section adds what every function needs: input checks, parameter checks
(each Param's domain), float16 computed in float32, parameters by name or position.
"""

import dataclasses
import functools
from dataclasses import dataclass, field

import numpy as np
from scipy.special import ndtr

from actlearn.checks import UnknownNameError as UnknownNameError  # re-exported: it was public here
from actlearn.checks import as_float_array, finite_number, lookup

INF = float("inf")


# --- facts as data -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Interval:
    """A range of real numbers, with each end open or closed."""

    low: float
    high: float
    closed: tuple = (False, False)

    def __contains__(self, value):
        above = value >= self.low if self.closed[0] else value > self.low
        below = value <= self.high if self.closed[1] else value < self.high
        return bool(above and below)

    def __str__(self):
        left = "[" if self.closed[0] else "("
        right = "]" if self.closed[1] else ")"
        return f"{left}{_short(self.low)}, {_short(self.high)}{right}"

    def condition(self):
        """Return membership as a condition a person reads: '> 0', '>= 0', 'in [0, 1]'."""
        if self.high == INF:
            return f"{'>=' if self.closed[0] else '>'} {_short(self.low)}"
        if self.low == -INF:
            return f"{'<=' if self.closed[1] else '<'} {_short(self.high)}"
        return f"in {self}"


@dataclass(frozen=True)
class Values:
    """A finite set of values, like ReLU's derivative {0, 1}."""

    values: tuple

    def __contains__(self, value):
        return value in self.values

    def __str__(self):
        return "{" + ", ".join(_short(v) for v in self.values) + "}"


def _short(value):
    if value == INF:
        return "inf"
    if value == -INF:
        return "-inf"
    return f"{value:.4f}".rstrip("0").rstrip(".")  # both ends to the same 4 decimals: [-0.0998, 1.0998]


ANY_REAL = Interval(-INF, INF)


@dataclass(frozen=True)
class Param:
    """A parameter of an activation: its default, a slider range (or its choices) and the values it may take.

    low and high only set a slider; domain is enforced on every call (softplus's beta must be > 0).
    """

    default: object
    low: float = None
    high: float = None
    choices: tuple = None
    doc: str = ""
    per_unit: bool = False  # may also be an array, one value per unit (PReLU's slope)
    # The values it may take (finite ones, in here); the reason is a comment where it is set. The card shows
    # it; repr leaves it out, so that a Param prints as before.
    domain: Interval = field(default=ANY_REAL, repr=False)


# --- the Activation object --------------------------------------------------------------------------


class Derivative:
    """A derivative of an activation, called as the activation is; in Jupyter, ?? shows its plain code."""

    def __init__(self, function, call):
        functools.update_wrapper(self, function)  # __wrapped__ (IPython's ?? follows it), __doc__, __name__
        self.call = call  # the Activation's checks around function

    def __call__(self, x, *args, **params):
        return self.call(x, *args, **params)

    def __repr__(self):
        return f"<derivative {self.__name__}>"


@dataclass(eq=False)
class Activation:
    """One activation function: call it for values, .grad for d/dx, and read its facts.

    with_params(alpha=0.3) returns it with parameters fixed, an activation a network can use as it is.
    The ranges and key points are stated for the default parameters (ELU's output range is (-alpha, inf),
    printed here for alpha = 1); the notebooks show how they move with each parameter.
    """

    name: str
    forward: object  # the plain function, f(x, **params)
    derivative: object  # its derivative, f'(x, **params)
    formula: str
    output_range: object
    derivative_range: object
    zero_centred: bool  # odd-symmetric, f(-x) = -f(x): outputs centre on zero when inputs do
    monotonic: bool  # never decreasing
    smooth: bool  # infinitely differentiable everywhere
    source: str
    params: dict = field(default_factory=dict)
    param_grads: dict = field(default_factory=dict)  # name -> d f / d param, f(x, **params): a learned one
    key_points: dict = field(default_factory=dict)
    summary: str = ""
    plain_formula: str = ""  # the formula in plain text, for a terminal
    init: str = "he"  # the usual weight init for a hidden layer of it: "xavier" or "he"
    saturated: object = None  # (z, a) -> bool mask where the slope is nearly 0; None: never saturates
    saturation_rule: str = ""  # that test in words, for the diagnostics report
    relu_like: bool = False  # a flat or near-flat side for z <= 0: a unit off for every input counts as dead
    elementwise: bool = True  # False for softmax: vector-valued, an output layer, not a hidden activation
    in_article: bool = True  # one of the nine the course's source article covers (Saket Kumar, Medium)
    fixed: dict = field(default_factory=dict)  # parameters set once by with_params, no longer in params

    def __post_init__(self):
        # In Jupyter, sigmoid?? shows the plain function's own code: IPython follows __wrapped__, as it does
        # for a decorated function, and so do sigmoid.grad?? and prelu.grad_alpha??. sigmoid? shows getdoc():
        # the function's docstring and the facts.
        self.__wrapped__ = self.forward
        self.grad = Derivative(self.derivative, self._grad)
        for name, function in self.param_grads.items():
            if name not in self.params:
                raise ValueError(f"{self.name}: param_grads names {name!r}, which is not one of its params")
            setattr(self, f"grad_{name}", Derivative(function, functools.partial(self._call, function)))

    def getdoc(self):
        """Return the plain function's docstring followed by the facts (IPython's ? shows this)."""
        return f"{self.forward.__doc__}\n\n{self.card()}"

    def card(self):
        """Return the facts about this activation as a few lines of text."""
        params = "".join(
            f"\n    {name} = {p.default!r}: {p.doc}"
            + (f"; {name} must be {p.domain.condition()}" if p.domain != ANY_REAL else "")
            for name, p in self.params.items()
        )
        fixed = ", ".join(f"{name} = {_setting(value)}" for name, value in self.fixed.items())
        return (
            f"{self.summary[:1].upper()}{self.summary[1:]}.\n\n"
            f"Formula: {self.plain_formula}\n"
            f"Output range: {self.output_range}; derivative range: {self.derivative_range}"
            + (" (at the default parameters, not the fixed ones below)\n" if self.fixed else "\n")
            + f"Zero-centred: {self.zero_centred}; monotonic: {self.monotonic}; smooth: {self.smooth}\n"
            + (f"Parameters:{params}\n" if params else "")
            + (f"Fixed: {fixed}\n" if fixed else "")
            + f"Use: {self.usage()}\n"
            f"Source: {self.source}"
        )

    def usage(self):
        """Return how to call this activation and its derivatives, as one line."""
        f, setup = self.name, ""
        if self.fixed:
            settings = ", ".join(f"{name}={_setting(value)}" for name, value in self.fixed.items())
            f, setup = "f", f"f = {self.family}.with_params({settings}); "
        calls = [f"{f}(x)", f"{f}.grad(x)", *(f"{f}.grad_{name}(x)" for name in self.param_grads)]
        return f"{setup}{', '.join(calls)}; the facts: {f}.output_range and so on"

    @property
    def family(self):
        """Return the name without what with_params fixed: leaky_relu for leaky_relu(alpha=0.3)."""
        return self.name.partition("(")[0]

    def with_params(self, **params):
        """Return this activation with the given parameters fixed: the same facts, called without them."""
        checked = self._check_params(params)
        if not params:
            return self
        fixed = {**self.fixed, **{name: checked[name] for name in params}}
        settings = ", ".join(f"{name}={_setting(value)}" for name, value in fixed.items())
        return dataclasses.replace(
            self,
            name=f"{self.family}({settings})",
            params={name: p for name, p in self.params.items() if name not in fixed},
            param_grads={name: g for name, g in self.param_grads.items() if name not in fixed},  # not learned
            fixed=fixed,
        )

    def __call__(self, x, *args, **params):
        """Return the activation of x, elementwise."""
        return self._call(self.forward, x, *args, **params)

    def _grad(self, x, *args, **params):
        return self._call(self.derivative, x, *args, **params)

    def _call(self, fn, x, *args, **params):
        return self._apply(fn, x, self._named(args, params))

    def _named(self, args, params):
        """Return the parameters given by position (in the order of self.params) joined to those by name."""
        if len(args) > len(self.params):
            raise TypeError(f"{self.name} takes {len(self.params)} parameter(s) after x; got {len(args)}")
        named = dict(zip(self.params, args, strict=False))  # the first len(args) names
        twice = sorted(set(named) & set(params))
        if twice:
            raise TypeError(f"{self.name} got {', '.join(twice)} both by position and by name")
        return {**named, **params}

    def _apply(self, fn, x, params):
        x = as_float_array(x)
        params = self._check_params(params)
        # float16 has too few bits to compute in: work in float32, round once at the end.
        work = x.astype(np.float32) if x.dtype == np.float16 else x
        with np.errstate(over="ignore"):  # a result beyond float16's range rounds to +-inf, as it should
            out = np.asarray(fn(work, **params)).astype(x.dtype, copy=False)
        return out[()] if out.ndim == 0 else out

    def _check_params(self, given):
        """Return every parameter's value, given or default, after checking each against its Param."""
        again = sorted(set(given) & set(self.fixed))
        if again:
            raise TypeError(f"{self.name} has {', '.join(again)} fixed already; call it without")
        unknown = sorted(set(given) - set(self.params))
        if unknown:
            valid = ", ".join(self.params) or "no parameters"
            raise TypeError(f"{self.name} got unknown parameter(s) {', '.join(unknown)}; it takes: {valid}")
        checked = dict(self.fixed)
        for name, spec in self.params.items():
            value = given.get(name, spec.default)
            if spec.choices is not None:
                if value not in spec.choices:
                    choices = ", ".join(repr(c) for c in spec.choices)
                    raise ValueError(f"{self.name}: {name}={value!r} is not one of {choices}")
                checked[name] = value
                continue
            if spec.per_unit and np.ndim(value) > 0:
                value = as_float_array(value)
                numbers = [finite_number(name, v) for v in value.ravel().tolist()]
            else:
                value = finite_number(name, value)
                numbers = [value]
            outside = [v for v in numbers if v not in spec.domain]
            if outside:
                raise ValueError(
                    f"{self.name}: {name} must be {spec.domain.condition()}; got {_setting(outside[0])}"
                )
            checked[name] = value
        return checked

    def __repr__(self):
        if self.fixed:
            return f"<activation {self.name}>"
        params = ", ".join(f"{k}={p.default!r}" for k, p in self.params.items())
        return f"<activation {self.name}({'x' + (', ' + params if params else '')})>"


def _setting(value):
    """Return a parameter's value as it reads in a call: 0.3, 'tanh', [0.1, 0.2]."""
    if isinstance(value, str):
        return repr(value)
    if np.ndim(value) > 0:
        return "[" + ", ".join(f"{v:g}" for v in np.ravel(value)) + "]"
    return f"{value:g}"


def _times(a, b):
    """Return a * b, where 0 * inf is 0: the limit of x sigmoid(x) at -inf, and of every such product here."""
    with np.errstate(invalid="ignore", over="ignore"):  # a product beyond the largest float is rightly inf
        product = np.asarray(a * b)
    if not np.isnan(product).any():
        return product
    return np.where(np.isnan(product) & ~(np.isnan(a) | np.isnan(b)), 0, product)  # 0 * inf, not a NaN in


# --- sigmoid ----------------------------------------------------------------------------------------


def sigmoid(x):
    """Return the logistic sigmoid 1 / (1 + e^-x), elementwise.

    Examples
    --------
    >>> sigmoid([-np.inf, -1.0, 0.0, 1.0, np.inf, np.nan]).round(4)
    array([0.    , 0.2689, 0.5   , 0.7311, 1.    ,    nan])
    >>> sigmoid(np.float32([-3.0, 3.0])).round(4)
    array([0.0474, 0.9526], dtype=float32)
    >>> print(f"{sigmoid(-740.0):.1e}")  # the tail that 1 / (1 + e^740) rounds to 0
    4.2e-322
    """
    # e = e^-|x| never overflows: 1 / (1 + e) for x >= 0, and e / (1 + e) = e^x / (1 + e^x) for x < 0,
    # which keeps the far negative tail (down to e^-745) that 1 / (1 + e^-x) loses when e^-x overflows.
    # The numerator, 1 or e, is max(e, x >= 0) as e <= 1: np.where(x >= 0, 1, e) says the same but branches
    # on every element, 1.3-1.6x slower on inputs of mixed sign (benchmarks/README.md)
    e = np.exp(-np.abs(x))
    return np.maximum(e, x >= 0) / (1 + e)


def sigmoid_grad(x):
    """Return sigmoid'(x) = sigmoid(x) (1 - sigmoid(x)), elementwise."""
    # s (1 - s) rounds to 0 for x > 37; e / (1 + e)^2 with e = e^-|x| keeps every digit (sigmoid' is even)
    e = np.exp(-np.abs(x))
    return e / (1 + e) ** 2


sigmoid = Activation(
    name="sigmoid",
    forward=sigmoid,
    derivative=sigmoid_grad,
    formula=r"\sigma(x) = \frac{1}{1 + e^{-x}}",
    output_range=Interval(0.0, 1.0),
    derivative_range=Interval(0.0, 0.25, (False, True)),
    zero_centred=False,
    monotonic=True,
    smooth=True,
    source="logistic function (Verhulst, 1838); in backprop: Rumelhart, Hinton & Williams, 1986",
    key_points={"steepest point": (0.0, 0.5)},
    summary="squashes to (0, 1); the output layer for a yes/no probability",
    plain_formula="1 / (1 + e^-x)",
    init="xavier",
    saturated=lambda z, a: (a < 0.03) | (a > 0.97),
    saturation_rule="a < 0.03 or a > 0.97 (slope below 0.03)",
)


# --- tanh -------------------------------------------------------------------------------------------


def tanh(x):
    """Return the hyperbolic tangent (e^x - e^-x) / (e^x + e^-x), elementwise.

    Examples
    --------
    >>> tanh([-np.inf, -1.0, 0.0, 1.0, np.inf, np.nan]).round(4)
    array([-1.    , -0.7616,  0.    ,  0.7616,  1.    ,     nan])
    >>> tanh(np.float32([-3.0, 3.0])).round(4)
    array([-0.9951,  0.9951], dtype=float32)
    """
    return np.tanh(x)


def tanh_grad(x):
    """Return tanh'(x) = 1 - tanh(x)^2, elementwise."""
    # 1 - tanh^2 rounds to 0 for |x| > 19; 4e / (1 + e)^2 with e = e^-2|x| keeps every digit.
    # e^-2|x| as (e^-|x|)^2, since 2|x| overflows for the largest floats.
    e = np.exp(-np.abs(x)) ** 2
    return 4 * e / (1 + e) ** 2


tanh = Activation(
    name="tanh",
    forward=tanh,
    derivative=tanh_grad,
    formula=r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
    output_range=Interval(-1.0, 1.0),
    derivative_range=Interval(0.0, 1.0, (False, True)),
    zero_centred=True,
    monotonic=True,
    smooth=True,
    source="hyperbolic tangent; recommended for hidden layers by LeCun et al., Efficient BackProp, 1998",
    key_points={"steepest point": (0.0, 0.0)},
    summary="squashes to (-1, 1), centred on zero; recurrent networks' classic choice",
    plain_formula="(e^x - e^-x) / (e^x + e^-x)",
    init="xavier",
    saturated=lambda z, a: np.abs(a) > 0.97,
    saturation_rule="|a| > 0.97 (slope below 0.06)",
)


# --- ReLU -------------------------------------------------------------------------------------------


def relu(x):
    """Return the rectified linear unit max(0, x), elementwise.

    Examples
    --------
    >>> relu([-np.inf, -1.0, 0.0, 1.0, np.inf, np.nan])
    array([ 0.,  0.,  0.,  1., inf, nan])
    >>> relu(np.float32([-3.0, 3.0]))
    array([0., 3.], dtype=float32)
    """
    return np.maximum(x, 0)  # passes NaN through; np.where(x > 0, x, 0) would turn it into 0


def relu_grad(x):
    """Return relu'(x): 1 for x > 0, else 0 (0 at the kink, as PyTorch), elementwise."""
    return np.sign(np.maximum(x, 0))  # 1 where relu(x) > 0, else 0; sign keeps NaN, where x > 0 would not


relu = Activation(
    name="relu",
    forward=relu,
    derivative=relu_grad,
    formula=r"\mathrm{ReLU}(x) = \max(0, x)",
    output_range=Interval(0.0, INF, (True, False)),
    derivative_range=Values((0.0, 1.0)),
    zero_centred=False,
    monotonic=True,
    smooth=False,
    source="Nair & Hinton, Rectified Linear Units Improve Restricted Boltzmann Machines, 2010",
    key_points={"kink": (0.0, 0.0)},
    summary="the default for hidden layers: cheap, and its gradient is 1 wherever it is active",
    plain_formula="max(0, x)",
    relu_like=True,
)


# --- Leaky ReLU and PReLU -----------------------------------------------------------------------------


def leaky_relu(x, alpha=0.01):
    """Return x where x > 0, else alpha x, elementwise (PyTorch calls alpha negative_slope).

    Examples
    --------
    >>> leaky_relu([-np.inf, -1.0, 0.0, 1.0, np.inf, np.nan])
    array([ -inf, -0.01,  0.  ,  1.  ,   inf,   nan])
    >>> leaky_relu(np.float32([-3.0, 3.0]), alpha=0.2)
    array([-0.6,  3. ], dtype=float32)
    """
    # max(0, x) + alpha min(0, x), as PyTorch documents it; _times makes alpha = 0 give 0 at x = -inf,
    # the limit, where 0 * -inf would be NaN
    return np.maximum(x, 0) + _times(alpha, np.minimum(x, 0))


def leaky_relu_grad(x, alpha=0.01):
    """Return leaky_relu'(x): 1 for x > 0, else alpha (alpha at the kink, as PyTorch), elementwise."""
    return np.where(x <= 0, alpha, np.sign(x))  # sign(x) is 1 for x > 0, and NaN for NaN


leaky_relu = Activation(
    name="leaky_relu",
    forward=leaky_relu,
    derivative=leaky_relu_grad,
    formula=r"\mathrm{LeakyReLU}(x) = \begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}",
    output_range=Interval(-INF, INF),
    derivative_range=Values((0.01, 1.0)),
    zero_centred=False,
    monotonic=True,
    smooth=False,
    source="Maas, Hannun & Ng, Rectifier Nonlinearities Improve Neural Network Acoustic Models, 2013",
    params={"alpha": Param(0.01, 0.0, 0.5, doc="slope for x <= 0 (PyTorch: negative_slope)")},
    key_points={"kink": (0.0, 0.0)},
    summary="ReLU with a small slope for negative inputs, so no unit's gradient is ever exactly 0",
    plain_formula="x if x > 0 else alpha x",
    relu_like=True,
)


def prelu(x, alpha=0.25):
    """Return Leaky ReLU with a learned slope alpha: x where x > 0, else alpha x, elementwise.

    alpha may be one number or one slope per unit: an array that broadcasts against x's last axis
    (x of shape (batch, units), alpha of shape (units,)). PyTorch's nn.PReLU applies its (C,) weight
    along dimension 1 instead; for (batch, units) inputs the two agree.

    Examples
    --------
    >>> prelu([-np.inf, -1.0, 0.0, 1.0, np.inf, np.nan])
    array([ -inf, -0.25,  0.  ,  1.  ,   inf,   nan])
    >>> prelu(np.float32([[-3.0, -3.0]]), alpha=np.array([0.1, 0.5]))  # a slope per unit
    array([[-0.3, -1.5]], dtype=float32)
    """
    return np.maximum(x, 0) + _times(alpha, np.minimum(x, 0))  # Leaky ReLU's; only who sets alpha differs


def prelu_grad(x, alpha=0.25):
    """Return prelu'(x) with respect to x: 1 for x > 0, else alpha, elementwise."""
    return np.where(x <= 0, alpha, np.sign(x))  # sign(x) is 1 for x > 0, and NaN for NaN


def prelu_grad_alpha(x, alpha=0.25):
    """Return d prelu / d alpha, elementwise: x where x <= 0, else 0."""
    # Broadcast against alpha too, so that one slope per unit gets one derivative per unit.
    return np.minimum(x, 0) * np.ones_like(alpha, dtype=x.dtype)


prelu = Activation(
    name="prelu",
    forward=prelu,
    derivative=prelu_grad,
    formula=r"\mathrm{PReLU}(x) = \begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases},"
    r"\ \alpha \text{ learned}",
    output_range=Interval(-INF, INF),
    derivative_range=Values((0.25, 1.0)),
    zero_centred=False,
    monotonic=True,
    smooth=False,
    source="He, Zhang, Ren & Sun, Delving Deep into Rectifiers, 2015",
    params={
        "alpha": Param(
            0.25, 0.0, 1.0, doc="the learned slope for x <= 0; PyTorch starts it at 0.25", per_unit=True
        )
    },
    param_grads={"alpha": prelu_grad_alpha},  # prelu.grad_alpha(x, alpha): what a network learns alpha by
    key_points={"kink": (0.0, 0.0)},
    summary="Leaky ReLU whose slope is a parameter the network learns",
    plain_formula="x if x > 0 else alpha x, alpha learned",
    relu_like=True,
)


# --- ELU ----------------------------------------------------------------------------------------------


def elu(x, alpha=1.0):
    """Return the exponential linear unit: x where x > 0, else alpha (e^x - 1), elementwise.

    Examples
    --------
    >>> elu([-np.inf, -1.0, 0.0, 1.0, np.inf, np.nan]).round(4)
    array([-1.    , -0.6321,  0.    ,  1.    ,     inf,     nan])
    >>> elu(np.float32([-3.0, 3.0]), alpha=0.5).round(4)
    array([-0.4751,  3.    ], dtype=float32)
    """
    # expm1 keeps the digits that e^x - 1 cancels near 0; min(x, 0) keeps it from overflowing on the
    # branch np.where throws away
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0)))


def elu_grad(x, alpha=1.0):
    """Return elu'(x): 1 for x > 0, else alpha e^x (alpha at the kink), elementwise."""
    return np.where(x > 0, 1, alpha * np.exp(np.minimum(x, 0)))


elu = Activation(
    name="elu",
    forward=elu,
    derivative=elu_grad,
    formula=r"\mathrm{ELU}(x) = \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}",
    output_range=Interval(-1.0, INF),
    derivative_range=Interval(0.0, 1.0, (False, True)),
    zero_centred=False,
    monotonic=True,
    smooth=False,
    source="Clevert, Unterthiner & Hochreiter, Fast and Accurate Deep Network Learning by ELUs, 2015",
    params={
        "alpha": Param(
            1.0,
            0.1,
            3.0,
            doc="the negative saturation value is -alpha",
            # Clevert et al. define ELU for alpha > 0; alpha = 0 is its limit, ReLU. A negative alpha turns
            # the negative side upward (not monotonic), which is no ELU.
            domain=Interval(0.0, INF, (True, False)),
        )
    },
    key_points={"saturates at": (-INF, -1.0)},
    summary="smooth negative part that saturates at -alpha, pulling mean activations towards zero",
    plain_formula="x if x > 0 else alpha (e^x - 1)",
    relu_like=True,
    saturated=lambda z, a: z < -3,
    saturation_rule="z < -3 (slope below 0.05 alpha; a within 5% of -alpha)",
)


# --- softmax ------------------------------------------------------------------------------------------


def softmax(x, axis=-1):
    """Return e^x_i / sum_j e^x_j along axis: probabilities that sum to 1.

    Examples
    --------
    >>> softmax([[1.0, 2.0, 3.0], [np.inf, 0.0, 0.0], [np.nan, 0.0, 0.0]]).round(4)
    array([[0.09  , 0.2447, 0.6652],
           [1.    , 0.    , 0.    ],
           [   nan,    nan,    nan]])
    >>> softmax(np.float32([1000.0, 0.0]))
    array([1., 0.], dtype=float32)
    """
    e = np.exp(_minus_max(x, axis))
    return e / np.sum(e, axis=axis, keepdims=True)


def softmax_grad(x, upstream, axis=-1):
    """Return the vector-Jacobian product upstream @ J along axis: s * (g - sum(g * s)), s = softmax(x)."""
    s = softmax(x, axis)
    return s * (upstream - np.sum(upstream * s, axis=axis, keepdims=True))


def log_softmax(x, axis=-1):
    """Return log(softmax(x)) along axis, finite wherever softmax(x) > 0, accurate for large logits.

    Examples
    --------
    >>> log_softmax([1000.0, 0.0, -np.inf])
    array([    0., -1000.,   -inf])
    """
    return softmax._apply(_log_softmax, x, {"axis": axis})


def _log_softmax(x, axis=-1):
    if x.size == 0:
        return x
    z = _minus_max(x, axis)
    # log of the sum would round 1 + (the rest) to 1 and lose the largest entry's tiny log-probability;
    # log1p of the rest keeps it. The rest: every e^z but one of the maxima, each of which is e^0 = 1.
    e = np.exp(z)
    maxima = np.sum(z == 0, axis=axis, keepdims=True)
    rest = np.sum(np.where(z == 0, 0, e), axis=axis, keepdims=True) + (maxima - 1)
    return z - np.log1p(rest)


def _minus_max(x, axis):
    """Return x minus its max along axis: every entry is then <= 0, so e^x cannot overflow.

    softmax(x) = softmax(x - c) for any c, so this changes nothing else. Where the max is infinite,
    x - max is inf - inf: a row with one +inf logit gives that entry 0 and -inf elsewhere (it takes all
    the probability); several +inf logits, only -inf ones, or a NaN leave NaN (there is no limit to take).
    """
    if x.size == 0:
        return x
    top = np.max(x, axis=axis, keepdims=True)
    with np.errstate(over="ignore", invalid="ignore"):  # -1e308 - 1e308 is rightly -inf; inf - inf see above
        z = x - top
    if not np.isposinf(top).any():
        return z
    one_inf = np.isposinf(top) & (np.sum(np.isposinf(x), axis=axis, keepdims=True) == 1)
    return np.where(one_inf, np.where(np.isposinf(x), 0, -INF), z)


class Softmax(Activation):
    """Softmax is vector-valued: its derivative is a Jacobian, used through a vector-Jacobian product."""

    def __call__(self, x, axis=-1, **unknown):
        """Return softmax of x along axis."""
        if unknown:
            raise TypeError(f"softmax got unknown parameter(s) {', '.join(sorted(unknown))}; it takes: axis")
        return self._apply(self.forward, x, {"axis": axis})

    def _check_params(self, given):
        return given  # only axis, which numpy checks

    def usage(self):
        """Return how to call softmax, its vector-Jacobian product and its Jacobian, as one line."""
        return (
            "softmax(x, axis=-1); softmax.grad(x, upstream, axis=-1), the vector-Jacobian product "
            "upstream @ J; softmax.jacobian(x), J itself for a 1-D x"
        )

    def with_params(self, **params):
        """Refuse: softmax has no parameter to fix (its axis is chosen at each call)."""
        raise TypeError(
            f"softmax has no parameters to fix; got {', '.join(params) or 'none'} (pass axis= when calling)"
        )

    def _apply(self, fn, x, params):
        x = as_float_array(x)
        if x.ndim == 0:
            raise ValueError("softmax needs at least one axis to normalise over; got a scalar")
        return super()._apply(fn, x, params)

    def _grad(self, x, upstream, axis=-1):
        x, g = as_float_array(x), as_float_array(upstream)
        if g.shape != x.shape:
            raise ValueError(f"upstream must have the shape of x, {x.shape}; got {g.shape}")
        return self._apply(self.derivative, x, {"upstream": g.astype(x.dtype), "axis": axis})

    def jacobian(self, x):
        """Return the full Jacobian diag(s) - s s^T of a 1-D input."""
        x = as_float_array(x)
        if x.ndim != 1:
            raise ValueError(f"jacobian needs a 1-D vector of logits; got shape {x.shape}")
        s = self(x)
        return np.diag(s) - np.outer(s, s)


softmax = Softmax(
    name="softmax",
    forward=softmax,
    derivative=softmax_grad,
    formula=r"\mathrm{softmax}(x)_i = \frac{e^{x_i}}{\sum_j e^{x_j}}",
    output_range=Interval(0.0, 1.0),
    derivative_range=Interval(-0.25, 0.25, (True, True)),  # every entry of the Jacobian
    zero_centred=False,
    monotonic=True,  # in its own logit: p_i rises with x_i (and falls as any other x_j rises)
    smooth=True,
    source="Bridle, Probabilistic Interpretation of Feedforward Classification Network Outputs, 1990",
    summary="turns a vector of scores into probabilities that sum to 1; the multi-class output layer",
    plain_formula="e^x_i / sum_j e^x_j",
    elementwise=False,
)


# --- Swish / SiLU -------------------------------------------------------------------------------------


def swish(x, beta=1.0):
    """Return x sigmoid(beta x), elementwise.

    Examples
    --------
    >>> swish([-np.inf, -1.0, 0.0, 1.0, np.inf, np.nan]).round(4)
    array([ 0.    , -0.2689,  0.    ,  0.7311,     inf,     nan])
    >>> swish(np.float32([-3.0, 3.0]), beta=2.0).round(4)
    array([-0.0074,  2.9926], dtype=float32)
    """
    bx = _times(beta, x)  # beta = 0 gives swish = x / 2 even at +-inf, where 0 * inf would be NaN
    return _times(x, sigmoid(bx))  # -inf * sigmoid(-inf) takes its limit, 0


def swish_grad(x, beta=1.0):
    """Return swish'(x) = sigmoid(beta x) + beta x sigmoid'(beta x), elementwise."""
    bx = _times(beta, x)
    return sigmoid(bx) + _times(bx, sigmoid_grad(bx))  # sigmoid_grad keeps the tails that s (1 - s) loses


def silu(x):
    """Return the sigmoid linear unit x sigmoid(x): swish with beta = 1, elementwise.

    Examples
    --------
    >>> silu([-np.inf, -1.0, 0.0, 1.0, np.inf, np.nan]).round(4)
    array([ 0.    , -0.2689,  0.    ,  0.7311,     inf,     nan])
    >>> silu(np.float32([-3.0, 3.0])).round(4)
    array([-0.1423,  2.8577], dtype=float32)
    """
    return swish(x, 1.0)


def silu_grad(x):
    """Return silu'(x) = sigmoid(x) + x sigmoid'(x), elementwise."""
    return swish_grad(x, 1.0)


swish = Activation(
    name="swish",
    forward=swish,
    derivative=swish_grad,
    formula=r"\mathrm{swish}(x) = x\,\sigma(\beta x)",
    output_range=Interval(-0.2784645427610738, INF, (True, False)),
    derivative_range=Interval(-0.09983932012886692, 1.0998393201288669, (True, True)),
    zero_centred=False,
    monotonic=False,
    smooth=True,
    source="Ramachandran, Zoph & Le, Searching for Activation Functions, 2017 (SiLU: Elfwing et al., 2017)",
    # beta may be any real number: sigmoid is stable for any argument and _times(beta, x) takes the limits, so
    # beta < 0 is the mirror image x sigmoid(-|beta| x), as exact as beta > 0
    params={"beta": Param(1.0, 0.0, 10.0, doc="beta = 0 gives x / 2; large beta approaches ReLU")},
    key_points={"minimum": (-1.2784645427610738, -0.2784645427610738)},
    summary="a smooth, non-monotonic ReLU: dips below zero before rising",
    plain_formula="x sigmoid(beta x)",
    saturated=lambda z, a: z < -5,
    saturation_rule="z < -5 (|slope| below 0.03)",
)

silu = Activation(
    name="silu",
    forward=silu,
    derivative=silu_grad,
    formula=r"\mathrm{SiLU}(x) = x\,\sigma(x)",
    output_range=swish.output_range,
    derivative_range=swish.derivative_range,
    zero_centred=False,
    monotonic=False,
    smooth=True,
    source="Elfwing, Uchibe & Doya, Sigmoid-Weighted Linear Units, 2017; swish with beta = 1",
    key_points=swish.key_points,
    summary="swish with beta = 1, the name PyTorch and JAX use",
    plain_formula="x sigmoid(x)",
    saturated=swish.saturated,
    saturation_rule=swish.saturation_rule,
)


# --- GELU ---------------------------------------------------------------------------------------------

SQRT_2_OVER_PI = float(np.sqrt(2 / np.pi))  # Python floats, so float32 stays float32
SQRT_2PI = float(np.sqrt(2 * np.pi))
GELU_TANH_C = 0.044715


def gelu(x, approximate="none"):
    """Return the Gaussian error linear unit x Phi(x), Phi the standard normal CDF, elementwise.

    approximate="tanh" gives the paper's approximation x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) / 2.

    Examples
    --------
    >>> gelu([-np.inf, -1.0, 0.0, 1.0, np.inf, np.nan]).round(4)
    array([ 0.    , -0.1587,  0.    ,  0.8413,     inf,     nan])
    >>> gelu(np.float32([-3.0, 3.0]), approximate="tanh").round(4)
    array([-0.0036,  2.9964], dtype=float32)
    """
    if approximate == "tanh":
        # 1 + tanh(u) = 2 sigmoid(2u), and sigmoid keeps the far negative tail that 1 + tanh rounds to 0
        return _times(x, sigmoid(_gelu_two_u(x)))
    # ndtr(x) is Phi(x), and keeps the far negative tail that (1 + erf(x / sqrt 2)) / 2 rounds to 0
    return _times(x, ndtr(x))


def gelu_grad(x, approximate="none"):
    """Return gelu'(x) = Phi(x) + x phi(x), phi the standard normal density, elementwise."""
    if approximate == "tanh":
        two_u = _gelu_two_u(x)
        xc = np.clip(x, -1e4, 1e4)  # as in _gelu_two_u: sigmoid'(2u) is exactly 0 beyond
        two_u_slope = 2 * SQRT_2_OVER_PI * (1 + 3 * GELU_TANH_C * xc * xc)
        return sigmoid(two_u) + xc * two_u_slope * sigmoid_grad(two_u)
    xc = np.clip(x, -40, 40)  # phi(x) is exactly 0 beyond |x| = 40; clipping keeps x^2 from overflowing
    return ndtr(x) + xc * np.exp(-xc * xc / 2) / SQRT_2PI


def _gelu_two_u(x):
    """Return 2u = 2 sqrt(2/pi) (x + 0.044715 x^3), the tanh form's argument, doubled for sigmoid."""
    xc = np.clip(x, -1e4, 1e4)  # sigmoid(2u) is exactly 0 or 1 beyond; clipping keeps x^3 from overflowing
    return 2 * SQRT_2_OVER_PI * (xc + GELU_TANH_C * xc * xc * xc)


gelu = Activation(
    name="gelu",
    forward=gelu,
    derivative=gelu_grad,
    formula=r"\mathrm{GELU}(x) = x\,\Phi(x) = \frac{x}{2}\left(1 + \mathrm{erf}\frac{x}{\sqrt{2}}\right)",
    output_range=Interval(-0.16997120747990366, INF, (True, False)),
    derivative_range=Interval(-0.12890414518515479, 1.1289041451851548, (True, True)),
    zero_centred=False,
    monotonic=False,
    smooth=True,
    source="Hendrycks & Gimpel, Gaussian Error Linear Units (GELUs), 2016",
    params={
        "approximate": Param(
            "none", choices=("none", "tanh"), doc="'tanh' uses the tanh approximation (PyTorch's flag)"
        )
    },
    key_points={"minimum": (-0.7517915246935645, -0.16997120747990366)},
    summary="x weighted by the chance a standard normal is below x; the transformer default (BERT, GPT-2)",
    plain_formula="x Phi(x), Phi the normal CDF",
    saturated=lambda z, a: z < -3,
    saturation_rule="z < -3 (|slope| below 0.012)",
)


# --- beyond the article: Softplus, SELU, Mish, hard-swish, ReLU6 --------------------------------------


def softplus(x, beta=1.0):
    """Return the smooth ReLU log(1 + e^(beta x)) / beta, elementwise.

    Examples
    --------
    >>> softplus([-np.inf, -1.0, 0.0, 1.0, np.inf, np.nan]).round(4)
    array([0.    , 0.3133, 0.6931, 1.3133,    inf,    nan])
    >>> softplus(np.float32([-3.0, 3.0]), beta=2.0).round(3)
    array([1.000e-03, 3.001e+00], dtype=float32)
    """
    # log(1 + e^u) = max(u, 0) + log1p(e^-|u|): the exponent is never positive, so nothing overflows, and
    # log1p keeps the far negative tail, where the answer is about e^u; max(u, 0) / beta is max(x, 0)
    bx = _times(beta, x)
    return np.maximum(x, 0) + np.log1p(np.exp(-np.abs(bx))) / beta


def softplus_grad(x, beta=1.0):
    """Return softplus'(x) = sigmoid(beta x), elementwise."""
    return sigmoid(_times(beta, x))


softplus = Activation(
    name="softplus",
    forward=softplus,
    derivative=softplus_grad,
    formula=r"\mathrm{softplus}(x) = \frac{1}{\beta} \log\left(1 + e^{\beta x}\right)",
    output_range=Interval(0.0, INF),
    derivative_range=Interval(0.0, 1.0),
    zero_centred=False,
    monotonic=True,
    smooth=True,
    source="Dugas et al., Incorporating Second-Order Functional Knowledge for Better Option Pricing, 2001",
    params={
        "beta": Param(
            1.0,
            0.1,
            10.0,
            doc="sharpness: large beta approaches ReLU (PyTorch: beta)",
            # beta = 0 divides by 0, and for beta < 0 the formula is -softplus(-x), a smooth min(x, 0)
            domain=Interval(0.0, INF),
        )
    },
    summary="a smooth ReLU: log(1 + e^x), whose derivative is the sigmoid",
    plain_formula="log(1 + e^(beta x)) / beta",
    saturated=lambda z, a: z < -5,
    saturation_rule="z < -5 (slope below 0.007)",
    in_article=False,
)


SELU_ALPHA = 1.6732632423543772848170429916717  # Klambauer et al. 2017, eq. 14, to full float64 precision
SELU_SCALE = 1.0507009873554804934193349852946


def selu(x):
    """Return the scaled ELU: scale x where x > 0, else scale alpha (e^x - 1), elementwise.

    Examples
    --------
    >>> selu([-np.inf, -1.0, 0.0, 1.0, np.inf, np.nan]).round(4)
    array([-1.7581, -1.1113,  0.    ,  1.0507,     inf,     nan])
    >>> selu(np.float32([-3.0, 3.0])).round(4)
    array([-1.6706,  3.1521], dtype=float32)
    """
    # alpha and scale are chosen so that mean 0 and variance 1 are a fixed point of each layer (LeCun init)
    return SELU_SCALE * np.where(x > 0, x, SELU_ALPHA * np.expm1(np.minimum(x, 0)))  # as ELU


def selu_grad(x):
    """Return selu'(x): scale for x > 0, else scale alpha e^x (that at the kink), elementwise."""
    return SELU_SCALE * np.where(x > 0, 1, SELU_ALPHA * np.exp(np.minimum(x, 0)))


selu = Activation(
    name="selu",
    forward=selu,
    derivative=selu_grad,
    formula=r"\mathrm{SELU}(x) = \lambda \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}",
    output_range=Interval(-SELU_SCALE * SELU_ALPHA, INF),
    derivative_range=Interval(0.0, SELU_SCALE * SELU_ALPHA, (False, True)),
    zero_centred=False,
    monotonic=True,
    smooth=False,
    source="Klambauer, Unterthiner, Mayr & Hochreiter, Self-Normalizing Neural Networks, 2017",
    key_points={"saturates at": (-INF, -SELU_SCALE * SELU_ALPHA)},
    summary="ELU scaled so that a deep stack keeps mean 0 and variance 1 by itself (with LeCun init)",
    plain_formula="scale (x if x > 0 else alpha (e^x - 1)), alpha 1.6733, scale 1.0507",
    init="lecun",
    relu_like=True,
    saturated=lambda z, a: z < -3,
    saturation_rule="z < -3 (slope below 0.09)",
    in_article=False,
)


def mish(x):
    """Return x tanh(softplus(x)), elementwise.

    Examples
    --------
    >>> mish([-np.inf, -1.0, 0.0, 1.0, np.inf, np.nan]).round(4)
    array([ 0.    , -0.3034,  0.    ,  0.8651,     inf,     nan])
    >>> mish(np.float32([-3.0, 3.0])).round(4)
    array([-0.1456,  2.9865], dtype=float32)
    """
    return _times(x, np.tanh(softplus(x)))  # -inf * tanh(0) takes its limit, 0


def mish_grad(x):
    """Return mish'(x) = tanh(softplus(x)) + x tanh'(softplus(x)) sigmoid(x), elementwise."""
    sp = softplus(x)
    return np.tanh(sp) + _times(x, tanh_grad(sp) * sigmoid(x))  # tanh_grad keeps the tail 1 - tanh^2 loses


mish = Activation(
    name="mish",
    forward=mish,
    derivative=mish_grad,
    formula=r"\mathrm{mish}(x) = x \tanh\left(\log(1 + e^{x})\right)",
    output_range=Interval(-0.30884341301725041, INF, (True, False)),
    derivative_range=Interval(-0.11252612238946256, 1.0884981612517279, (True, True)),
    zero_centred=False,
    monotonic=False,
    smooth=True,
    source="Misra, Mish: A Self Regularized Non-Monotonic Activation Function, 2019",
    key_points={"minimum": (-1.1924312145154952, -0.30884341301725041)},
    summary="a smooth, non-monotonic ReLU like swish, with a slightly deeper dip",
    plain_formula="x tanh(log(1 + e^x))",
    saturated=lambda z, a: z < -5,
    saturation_rule="z < -5 (|slope| below 0.03)",
    in_article=False,
)


def hardswish(x):
    """Return x relu6(x + 3) / 6: swish made of straight pieces, elementwise.

    Examples
    --------
    >>> hardswish([-np.inf, -1.0, 0.0, 1.0, np.inf, np.nan]).round(4)
    array([ 0.    , -0.3333,  0.    ,  0.6667,     inf,     nan])
    >>> hardswish(np.float32([-1.0, 1.0])).round(4)
    array([-0.3333,  0.6667], dtype=float32)
    """
    return _times(x, np.clip(x + 3, 0, 6) / 6)  # divided first, so x = 1e308 cannot overflow; 0 at -inf


def hardswish_grad(x):
    """Return hardswish'(x): 0 for x <= -3, 1 for x >= 3, (2x + 3) / 6 between (as PyTorch), elementwise."""
    return np.where(x <= -3, 0, np.where(x >= 3, 1, (2 * x + 3) / 6))  # NaN fails both tests: stays NaN


hardswish = Activation(
    name="hardswish",
    forward=hardswish,
    derivative=hardswish_grad,
    formula=r"\mathrm{hardswish}(x) = x\,\frac{\min(\max(x + 3, 0), 6)}{6}",
    output_range=Interval(-0.375, INF, (True, False)),
    derivative_range=Interval(-0.5, 1.5),
    zero_centred=False,
    monotonic=False,
    smooth=False,
    source="Howard et al., Searching for MobileNetV3, 2019",
    key_points={"minimum": (-1.5, -0.375)},
    summary="swish built from straight pieces: no exp, cheap on phones",
    plain_formula="x min(max(x + 3, 0), 6) / 6",
    saturated=lambda z, a: z < -3,
    saturation_rule="z < -3 (slope exactly 0)",
    in_article=False,
)


def relu6(x):
    """Return min(max(0, x), 6): ReLU capped at 6, elementwise.

    Examples
    --------
    >>> relu6([-np.inf, -1.0, 0.0, 1.0, np.inf, np.nan])
    array([ 0.,  0.,  0.,  1.,  6., nan])
    >>> relu6(np.float32([-3.0, 3.0, 9.0]))
    array([0., 3., 6.], dtype=float32)
    """
    return np.clip(x, 0, 6)  # np.clip passes NaN through


def relu6_grad(x):
    """Return relu6'(x): 1 for 0 < x < 6, else 0 (0 at both kinks, as PyTorch), elementwise."""
    return np.heaviside(x, 0) * np.heaviside(6 - x, 0)  # the step up at 0 times the step down at 6


relu6 = Activation(
    name="relu6",
    forward=relu6,
    derivative=relu6_grad,
    formula=r"\mathrm{ReLU6}(x) = \min(\max(0, x), 6)",
    output_range=Interval(0.0, 6.0, (True, True)),
    derivative_range=Values((0.0, 1.0)),
    zero_centred=False,
    monotonic=True,
    smooth=False,
    source="Krizhevsky, Convolutional Deep Belief Networks on CIFAR-10, 2010; used in MobileNets, 2017",
    key_points={"kink": (0.0, 0.0), "kink at the cap": (6.0, 6.0)},
    summary="ReLU capped at 6, which MobileNets chose for its robustness in low-precision arithmetic",
    plain_formula="min(max(0, x), 6)",
    relu_like=True,
    saturated=lambda z, a: z > 6,
    saturation_rule="z > 6 (slope exactly 0)",
    in_article=False,
)


# --- the registry -------------------------------------------------------------------------------------

ACTIVATIONS = {
    act.name: act
    for act in (sigmoid, tanh, relu, leaky_relu, prelu, elu, softmax, swish, gelu)
    + (softplus, selu, mish, hardswish, relu6)
}
ALIASES = {"silu": silu, "logistic": sigmoid}

# Where doctest finds each plain function's Examples: the function's own name now holds its Activation.
__test__ = {act.name: act.forward for act in (*ACTIVATIONS.values(), silu)}


def get(name):
    """Return the activation called name (case, hyphens and spaces don't matter)."""
    if isinstance(name, Activation):
        return name
    if not isinstance(name, str):
        raise TypeError(f"expected an activation name (a str); got {type(name).__name__}")
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    return lookup("activation", key, {**ACTIVATIONS, **ALIASES})

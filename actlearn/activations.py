"""Every activation of the course, each with its derivative beside it and its facts as data.

Each function below is written to be exact in float64 for every finite input (tails included),
to keep float16/float32 inputs in their dtype, to give the true limits at +-inf, and to pass NaN
through. The comments say which trick buys which of those.

Speed comes second, and is measured in benchmarks/README.md. Many functions work in place (out=, *=):
for a large array, each fresh array costs about as much as a whole pass over memory.
"""

from dataclasses import dataclass, field

import numpy as np
from scipy.special import expit, ndtr

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
    return f"{value:.4g}"


@dataclass(frozen=True)
class Param:
    """A parameter of an activation: its default and a sensible slider range (or its choices)."""

    default: object
    low: float = None
    high: float = None
    choices: tuple = None
    doc: str = ""
    per_unit: bool = False  # may also be an array, one value per unit (PReLU's slope)


# --- inputs ---------------------------------------------------------------------------------------


def as_float_array(x):
    """Return x as a float16/32/64 array; integers and booleans become float64."""
    arr = np.asarray(x)
    if arr.dtype in (np.float16, np.float32, np.float64):
        return arr
    if arr.dtype.kind in "iub":
        return arr.astype(np.float64)
    raise TypeError(
        "expected real numbers (a float, an int, a list of them or a float16/32/64 array); "
        f"got {type(x).__name__} with dtype {arr.dtype}"
    )


def _finite_number(name, value):
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a real number; got {value!r}")
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite; got {value}")
    # A plain Python float keeps float32 inputs float32 (numpy 2 promotion rules).
    return float(value)


def _keep_nan(grad, x):
    """Return grad with NaN wherever x is NaN (a derivative of NaN is NaN)."""
    return np.where(np.isnan(x), x, grad)


def _times(x, factor):
    """Return x * factor, taking 0 where factor is 0 so that inf * 0 gives the limit 0, not NaN."""
    factor = np.asarray(factor, dtype=x.dtype)
    with np.errstate(invalid="ignore"):
        out = np.asarray(x * factor)
    infinite = np.isinf(x)
    if infinite.any():  # rare, so only then look for the inf * 0 products (a masked multiply is slower)
        out[infinite & (factor == 0)] = 0
    return out


# --- the Activation object --------------------------------------------------------------------------


@dataclass(eq=False)
class Activation:
    """One activation function: call it for values, .grad for d/dx, and read its facts.

    The ranges and key points are stated for the default parameters (ELU's output range is (-alpha, inf),
    printed here for alpha = 1); the notebooks show how they move with each parameter.
    """

    name: str
    forward: object
    derivative: object
    formula: str
    output_range: object
    derivative_range: object
    zero_centred: bool  # odd-symmetric, f(-x) = -f(x): outputs centre on zero when inputs do
    monotonic: bool  # never decreasing
    smooth: bool  # infinitely differentiable everywhere
    source: str
    params: dict = field(default_factory=dict)
    key_points: dict = field(default_factory=dict)
    summary: str = ""
    plain_formula: str = ""  # the formula in plain text, for a terminal
    init: str = "he"  # the usual weight init for a hidden layer of it: "xavier" or "he"
    saturated: object = None  # (z, a) -> bool mask where the slope is nearly 0; None: never saturates
    saturation_rule: str = ""  # that test in words, for the diagnostics report
    relu_like: bool = False  # a flat or near-flat side for z <= 0: a unit off for every input counts as dead
    elementwise: bool = True  # False for softmax: vector-valued, an output layer, not a hidden activation

    def __call__(self, x, **params):
        """Return the activation of x, elementwise."""
        return self._apply(self.forward, x, params)

    def grad(self, x, **params):
        """Return the derivative with respect to x, elementwise."""
        return self._apply(self.derivative, x, params)

    def _apply(self, fn, x, params):
        x = as_float_array(x)
        params = self._check_params(params)
        # float16 has too few bits to compute in: work in float32, round once at the end.
        work = x.astype(np.float32) if x.dtype == np.float16 else x
        with np.errstate(over="ignore"):  # a result beyond float16's range rounds to +-inf, as it should
            out = np.asarray(fn(work, **params)).astype(x.dtype, copy=False)
        return out[()] if out.ndim == 0 else out

    def _check_params(self, given):
        unknown = sorted(set(given) - set(self.params))
        if unknown:
            valid = ", ".join(self.params) or "no parameters"
            raise TypeError(f"{self.name} got unknown parameter(s) {', '.join(unknown)}; it takes: {valid}")
        checked = {}
        for name, spec in self.params.items():
            value = given.get(name, spec.default)
            if spec.choices is not None:
                if value not in spec.choices:
                    choices = ", ".join(repr(c) for c in spec.choices)
                    raise ValueError(f"{self.name}: {name}={value!r} is not one of {choices}")
            elif spec.per_unit and np.ndim(value) > 0:
                value = as_float_array(value)
            else:
                value = _finite_number(name, value)
            checked[name] = value
        return checked

    def __repr__(self):
        params = ", ".join(f"{k}={p.default!r}" for k, p in self.params.items())
        return f"<activation {self.name}({'x' + (', ' + params if params else '')})>"


# --- sigmoid ----------------------------------------------------------------------------------------


def _sigmoid(x):
    if x.dtype != np.float32:
        return expit(x)  # scipy's expit never overflows: it only takes exp of non-positive numbers
    # scipy has no vectorised float32 loop, numpy's exp has: 1 / (1 + e^-x) is exact too, and where e^-x
    # overflows to inf, 1 / inf = 0 is the answer rounded (it is below float32's smallest normal number).
    e = np.asarray(np.negative(x))
    with np.errstate(over="ignore"):
        np.exp(e, out=e)  # in place, as the two steps below
    e += 1
    return np.divide(1, e, out=e)


def _sigmoid_grad(x):
    # s * (1 - s) would round to 0 for x > 37; e / (1 + e)^2 with e = exp(-|x|) keeps every digit.
    e = np.asarray(np.abs(x))  # then in place
    e *= -1
    np.exp(e, out=e)
    return _over_one_plus_squared(e)


def _over_one_plus_squared(e):
    """Return e / (1 + e)^2, reusing e's memory."""
    square = 1 + e
    square *= square
    e /= square
    return e


sigmoid = Activation(
    name="sigmoid",
    forward=_sigmoid,
    derivative=_sigmoid_grad,
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


def _tanh(x):
    return np.tanh(x)


def _tanh_grad(x):
    # 1 - tanh^2 would round to 0 for |x| > 19; sech^2 x = 4e / (1 + e)^2 with e = exp(-2|x|) does not.
    e = np.asarray(np.abs(x))  # then in place
    np.minimum(e, 400, out=e)  # exp(-800) is 0 already, and -2|x| would overflow for huge x
    e *= -2
    np.exp(e, out=e)
    e = _over_one_plus_squared(e)
    e *= 4
    return e


tanh = Activation(
    name="tanh",
    forward=_tanh,
    derivative=_tanh_grad,
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


def _relu(x):
    return np.maximum(x, 0)  # passes NaN through; np.where(x > 0, x, 0) would turn it into 0


def _relu_grad(x):
    # np.heaviside(x, 0) gives the same, but runs several times slower than Leaky ReLU's two fast passes.
    return _leaky_relu_grad(x, 0)


relu = Activation(
    name="relu",
    forward=_relu,
    derivative=_relu_grad,
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


def _leaky_relu(x, alpha):
    alpha = np.asarray(alpha, dtype=x.dtype)  # PReLU's slope may be one per unit; float32 stays float32
    if np.all((0 < alpha) & (alpha <= 1)):
        # max(x, alpha x) is the fast form, valid for 0 < alpha <= 1 (0 * inf would be NaN); taken in place,
        # as 10^7 elements cost their passes over memory (asarray: a 0-d x gives a numpy scalar otherwise).
        out = np.asarray(alpha * x)
        return np.maximum(out, x, out=out)
    # min(x, 0) keeps alpha * x from overflowing on the branch not taken; _times makes 0 * -inf the limit 0;
    # x <= 0 is False for NaN, so NaN takes the branch that passes it through.
    return np.where(x <= 0, _times(np.minimum(x, 0), alpha), x)


def _leaky_relu_grad(x, alpha):
    alpha = np.asarray(alpha, dtype=x.dtype)
    if np.all((0 <= alpha) & (alpha <= 1)):
        # sign is -1, 0, 1 or NaN, so max(sign, alpha) is alpha at and below the kink (the left-hand value,
        # as PyTorch) and keeps NaN; in place unless alpha, one per unit, widens the shape.
        sign = np.asarray(np.sign(x))
        return np.maximum(sign, alpha, out=sign if alpha.size == 1 else None)
    return _keep_nan(np.where(x > 0, 1, alpha), x)


leaky_relu = Activation(
    name="leaky_relu",
    forward=_leaky_relu,
    derivative=_leaky_relu_grad,
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


prelu = Activation(
    name="prelu",
    forward=_leaky_relu,  # the same function as Leaky ReLU; only who sets alpha differs
    derivative=_leaky_relu_grad,
    formula=r"\mathrm{PReLU}(x) = \begin{cases} x & x > 0 \\ a x & x \le 0 \end{cases},\ a \text{ learned}",
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
    key_points={"kink": (0.0, 0.0)},
    summary="Leaky ReLU whose slope is a parameter the network learns",
    plain_formula="x if x > 0 else a x, a learned",
    relu_like=True,
)


def prelu_grad_alpha(x, alpha=0.25):
    """Return d PReLU / d alpha, elementwise: x where x <= 0, else 0."""
    # d/d alpha of alpha * x is x, for x <= 0; broadcast to the slopes' shape (one per unit) in x's dtype.
    grad = lambda x, alpha: np.minimum(x, 0) * np.ones_like(alpha, dtype=x.dtype)
    return prelu._apply(grad, x, {"alpha": alpha})


prelu.grad_alpha = prelu_grad_alpha


# --- ELU ----------------------------------------------------------------------------------------------


def _elu(x, alpha):
    if 0 < alpha <= 1:
        # max(x, alpha (e^-|x| - 1)) is ELU for 0 < alpha <= 1, Leaky ReLU's max trick. It needs no np.where,
        # whose select over a random mask costs as much as the exp, and -|x| never makes exp overflow.
        out = np.asarray(np.abs(x))  # then in place
        out *= -1
        _expm1_in_place(out)
        out *= alpha
        return np.maximum(out, x, out=out)
    return np.where(x > 0, x, alpha * _expm1_in_place(np.asarray(np.minimum(x, 0))))


def _elu_grad(x, alpha):
    e = np.asarray(np.abs(x))  # then in place
    e *= -1
    np.exp(e, out=e)
    e *= alpha
    if 0 < alpha <= 1:
        return np.maximum(e, np.sign(x), out=e)  # sign is 1 above the kink, where e <= alpha <= 1; keeps NaN
    return np.where(x > 0, 1, e)


def _expm1_in_place(x):
    """Overwrite x (all <= 0) with e^x - 1, exactly, and faster than np.expm1, which numpy does not vectorise.

    exp(x) - 1 cancels the leading digits as x nears 0 (all of them for x = -1e-8), so there, and only there,
    take expm1: from x = -1e-3 down, exp(x) - 1 is within 1e-12 of the truth. float32 has a fast tanh, and
    2 tanh(x/2) / (1 - tanh(x/2)) = e^x - 1 cancels nothing for x <= 0: within 3 ulps, measured.
    """
    if x.dtype == np.float32:
        x *= 0.5
        np.tanh(x, out=x)
        one_minus_t = 1 - x
        x *= 2
        x /= one_minus_t
        return x
    near_zero = np.flatnonzero(x > -1e-3)
    kept = x.flat[near_zero]
    np.exp(x, out=x)
    x -= 1
    x.flat[near_zero] = np.expm1(kept)
    return x


elu = Activation(
    name="elu",
    forward=_elu,
    derivative=_elu_grad,
    formula=r"\mathrm{ELU}(x) = \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}",
    output_range=Interval(-1.0, INF),
    derivative_range=Interval(0.0, 1.0, (False, True)),
    zero_centred=False,
    monotonic=True,
    smooth=False,
    source="Clevert, Unterthiner & Hochreiter, Fast and Accurate Deep Network Learning by ELUs, 2015",
    params={"alpha": Param(1.0, 0.1, 3.0, doc="the negative saturation value is -alpha")},
    key_points={"saturates at": (-INF, -1.0)},
    summary="smooth negative part that saturates at -alpha, pulling mean activations towards zero",
    plain_formula="x if x > 0 else alpha (e^x - 1)",
    relu_like=True,
    saturated=lambda z, a: z < -3,
    saturation_rule="z < -3 (slope below 0.05 alpha; a within 5% of -alpha)",
)


# --- softmax ------------------------------------------------------------------------------------------


def _shifted(x, axis):
    """Return x minus its max along axis: every entry is <= 0, so exp never overflows.

    A row with one +inf logit becomes 0 there and -inf elsewhere: that logit takes all the probability.
    A row with several +inf logits, only -inf ones, or a NaN has no limit to take (inf - inf): it is NaN.
    """
    top = np.max(x, axis=axis, keepdims=True)
    # -1e308 - 1e308 rounds to -inf, whose exp is rightly 0; inf - inf is NaN, rightly (see above).
    with np.errstate(over="ignore", invalid="ignore"):
        z = x - top
    if np.all(np.isfinite(top)):
        return z
    is_inf = np.isposinf(x)
    one_inf = np.isposinf(top) & (is_inf.sum(axis=axis, keepdims=True) == 1)
    return np.where(one_inf, np.where(is_inf, 0, -INF), z).astype(x.dtype)


def _softmax(x, axis=-1):
    if x.size == 0:
        return x.copy()
    if _exp_stays_normal(x):
        e = np.exp(x)  # softmax ignores a shift: the max shift below only keeps exp from overflowing
    else:
        z = _shifted(x, axis)
        e = np.exp(z, out=z)  # in place: z is ours
    # The sum is positive (after the shift the max contributes exp(0) = 1): no 0 / 0, and a NaN row stays NaN.
    return np.divide(e, _sum_along(e, axis), out=e)


def _exp_stays_normal(x):
    """True if every |x| < log(largest float) / 2: then exp(x), and sums of 10^19 of them, are normal."""
    limit = np.log(np.finfo(x.dtype).max) / 2  # 354.9 in float64, 44.4 in float32
    return bool(-limit < x.min() and x.max() < limit)  # False for NaN too


def _sum_along(e, axis):
    """Return the sums of e along axis, keeping the axis so that they broadcast against e.

    For rows along the last axis, e @ ones is the same sum done by BLAS: about five times faster than
    e.sum(axis=-1) for short rows, such as a batch of 10-class logits.
    """
    if e.ndim > 1 and axis in (-1, e.ndim - 1):
        return (e @ np.ones(e.shape[-1], e.dtype))[..., None]
    return e.sum(axis=axis, keepdims=True)


def _softmax_grad(x, upstream, axis=-1):
    s = _softmax(x, axis)
    g = upstream.astype(s.dtype, copy=False)  # the result keeps x's dtype
    out = g - _sum_along(g * s, axis)
    out *= s  # s * (g - sum(g s)), in place
    return out


def _log_softmax(x, axis=-1):
    if x.size == 0:
        return x.copy()
    z = _shifted(x, axis)
    e = np.exp(z)
    # The max contributes exactly 1 to the sum: log1p of the rest keeps the digits that log(1 + rest) rounds
    # away, so the largest entry's log-probability (about -rest) stays exact.
    np.put_along_axis(e, np.argmax(z, axis=axis, keepdims=True), 0, axis=axis)
    return z - np.log1p(e.sum(axis=axis, keepdims=True))


def log_softmax(x, axis=-1):
    """Return log(softmax(x)) along axis, finite wherever softmax(x) > 0 and exact for large logits."""
    return softmax._apply(_log_softmax, x, {"axis": axis})


class Softmax(Activation):
    """Softmax is vector-valued: its derivative is a Jacobian, used through a vector-Jacobian product."""

    def __call__(self, x, axis=-1, **unknown):
        """Return softmax of x along axis."""
        if unknown:
            raise TypeError(f"softmax got unknown parameter(s) {', '.join(sorted(unknown))}; it takes: axis")
        return self._apply(_softmax, x, {"axis": axis})

    def _check_params(self, given):
        return given  # only axis, which numpy checks

    def _apply(self, fn, x, params):
        x = as_float_array(x)
        if x.ndim == 0:
            raise ValueError("softmax needs at least one axis to normalise over; got a scalar")
        return super()._apply(fn, x, params)

    def grad(self, x, upstream, axis=-1):
        """Return the vector-Jacobian product upstream @ J: s * (g - sum(g * s)) along axis."""
        x, g = as_float_array(x), as_float_array(upstream)
        if g.shape != x.shape:
            raise ValueError(f"upstream must have the shape of x, {x.shape}; got {g.shape}")
        return self._apply(_softmax_grad, x, {"upstream": g, "axis": axis})

    def jacobian(self, x):
        """Return the full Jacobian diag(s) - s s^T of a 1-D input."""
        x = as_float_array(x)
        if x.ndim != 1:
            raise ValueError(f"jacobian needs a 1-D vector of logits; got shape {x.shape}")
        s = self(x)
        return np.diag(s) - np.outer(s, s)


softmax = Softmax(
    name="softmax",
    forward=_softmax,
    derivative=None,
    formula=r"\mathrm{softmax}(x)_i = \frac{e^{x_i}}{\sum_j e^{x_j}}",
    output_range=Interval(0.0, 1.0),
    derivative_range=Interval(-0.25, 0.25, (True, True)),
    zero_centred=False,
    monotonic=True,
    smooth=True,
    source="Bridle, Probabilistic Interpretation of Feedforward Classification Network Outputs, 1990",
    summary="turns a vector of scores into probabilities that sum to 1; the multi-class output layer",
    plain_formula="e^x_i / sum_j e^x_j",
    elementwise=False,
)


# --- Swish / SiLU -------------------------------------------------------------------------------------


def _swish(x, beta):
    return _x_sigmoid(x, _beta_times(x, beta))


def _swish_grad(x, beta):
    # d/dx x sigmoid(bx) = s + bx s (1 - s) = s (1 + bx (1 - s)), where s = 1 / (1 + e) and 1 - s = e s
    # come from one e = e^-bx, so nothing cancels as s nears 1.
    bx = _beta_times(x, beta)
    with np.errstate(over="ignore", invalid="ignore"):  # e^-bx = inf and bx = +-inf give inf * 0: see below
        out = np.asarray(np.negative(bx))
        np.exp(out, out=out)
        s = np.asarray(1 + out)
        np.divide(1, s, out=s)
        out *= s  # 1 - s
        out *= bx
        out += 1
        out *= s
    if np.isnan(out).any():  # only where NaN came in, or from inf * 0: there take the limits
        lost = np.isnan(out) & ~np.isnan(x)  # 1 as bx -> inf; (1 + bx) e^bx where e^-bx overflowed, 0 at -inf
        u = bx[lost]
        out[lost] = np.where(u > 0, 1, _times(1 + u, np.exp(np.minimum(u, 0))))
    return out


def _x_sigmoid(x, u):
    """Return x sigmoid(u) as x / (1 + e^-u): one exp and one division (swish; GELU's tanh form)."""
    e, overflowed = _exp_minus(u)
    e += 1
    with np.errstate(invalid="ignore"):  # -inf / inf, put right below
        out = np.divide(x, e, out=e)
    if overflowed.any():  # there 1 + e^-u = e^-u, so x sigmoid(u) = x e^u, with the limit 0 at x = -inf
        out[overflowed] = _times(x[overflowed], np.exp(u[overflowed]))
    return out


def _sigmoid_and_slope(u):
    """Return sigmoid(u) = 1 / (1 + e) and sigmoid'(u) = e / (1 + e)^2 from one e = e^-u.

    Both keep every digit: s (1 - s) would lose them as s nears 1 (up to 90 ulps in float32).
    """
    e, overflowed = _exp_minus(u)
    s = np.asarray(1 / (1 + e))
    with np.errstate(invalid="ignore"):  # inf * 0, put right below
        slope = e * s * s
    if overflowed.any():  # there s is 0 and sigmoid'(u) = e^u (inf / inf^2 would be NaN)
        slope[overflowed] = np.exp(u[overflowed])
    return s, slope


def _exp_minus(u):
    """Return e^-u, which overflows to inf below u = -709.8 (float64) or -88.7 (float32), and where it did."""
    e = np.asarray(np.negative(u))
    with np.errstate(over="ignore"):
        np.exp(e, out=e)
    return e, np.isinf(e)


def _beta_times(x, beta):
    if beta == 1:
        return x  # SiLU, the default: save a pass
    if beta == 0:
        return _keep_nan(np.zeros_like(x), x)  # swish is x / 2 everywhere, +-inf included (0 * inf is NaN)
    with np.errstate(over="ignore"):  # beta * x may round to +-inf; sigmoid of that is exactly 0 or 1
        return beta * x


swish = Activation(
    name="swish",
    forward=_swish,
    derivative=_swish_grad,
    formula=r"\mathrm{swish}(x) = x\,\sigma(\beta x)",
    output_range=Interval(-0.2784645427610738, INF, (True, False)),
    derivative_range=Interval(-0.09983932012886692, 1.0998393201288669, (True, True)),
    zero_centred=False,
    monotonic=False,
    smooth=True,
    source="Ramachandran, Zoph & Le, Searching for Activation Functions, 2017 (SiLU: Elfwing et al., 2017)",
    params={"beta": Param(1.0, 0.0, 10.0, doc="beta = 0 gives x / 2; large beta approaches ReLU")},
    key_points={"minimum": (-1.2784645427610738, -0.2784645427610738)},
    summary="a smooth, non-monotonic ReLU: dips below zero before rising",
    plain_formula="x sigmoid(beta x)",
    saturated=lambda z, a: z < -5,
    saturation_rule="z < -5 (|slope| below 0.03)",
)

silu = Activation(
    name="silu",
    forward=lambda x: _swish(x, 1.0),
    derivative=lambda x: _swish_grad(x, 1.0),
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
    saturated=lambda z, a: z < -5,
    saturation_rule="z < -5 (|slope| below 0.03)",
)


# --- GELU ---------------------------------------------------------------------------------------------

SQRT_2_OVER_PI = float(np.sqrt(2 / np.pi))  # Python floats, so float32 stays float32
SQRT_2PI = float(np.sqrt(2 * np.pi))
GELU_TANH_C = 0.044715


def _gelu_tanh_inner(x):
    # 1 + tanh(u) = 2 sigmoid(2u), and sigmoid keeps the far negative tail that 1 + tanh rounds to 0.
    # Beyond |x| = 1e4 sigmoid(2u) is exactly 0 or 1, so clip there before x^3 can overflow.
    xc = np.clip(x, -1e4, 1e4)
    return 2 * SQRT_2_OVER_PI * xc * (1 + GELU_TANH_C * xc * xc), xc


def _gelu(x, approximate):
    if approximate == "tanh":
        two_u, _ = _gelu_tanh_inner(x)
        return _x_sigmoid(x, two_u)
    return _times(x, ndtr(x))  # x * Phi(x): exact, and keeps the negative tail the erf form loses


def _gelu_grad(x, approximate):
    if approximate == "tanh":
        two_u, xc = _gelu_tanh_inner(x)
        s, slope = _sigmoid_and_slope(two_u)
        return s + xc * 2 * SQRT_2_OVER_PI * (1 + 3 * GELU_TANH_C * xc * xc) * slope
    # Phi(x) + x phi(x); phi is exactly 0 beyond |x| = 40, so clip there before x^2 can overflow.
    xc = np.clip(x, -40, 40)
    pdf = np.asarray(xc * xc)
    pdf *= -0.5
    np.exp(pdf, out=pdf)
    pdf /= SQRT_2PI
    pdf *= xc  # x phi(x)
    pdf += ndtr(x)
    return pdf


gelu = Activation(
    name="gelu",
    forward=_gelu,
    derivative=_gelu_grad,
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


# --- the registry -------------------------------------------------------------------------------------

ACTIVATIONS = {act.name: act for act in (sigmoid, tanh, relu, leaky_relu, prelu, elu, softmax, swish, gelu)}
ALIASES = {"silu": silu, "logistic": sigmoid}


class UnknownNameError(KeyError, ValueError):
    """An unknown name; the message lists the valid ones. Catch it as KeyError or ValueError."""

    def __str__(self):
        return self.args[0]


def lookup(kind, name, options):
    """Return options[name], or raise an UnknownNameError that lists the valid names of this kind."""
    if isinstance(name, str) and name in options:
        return options[name]
    raise UnknownNameError(f"unknown {kind} {name!r}; valid {kind} names are: {', '.join(options)}")


def get(name):
    """Return the activation called name (case, hyphens and spaces don't matter)."""
    if isinstance(name, Activation):
        return name
    if not isinstance(name, str):
        raise TypeError(f"expected an activation name (a str); got {type(name).__name__}")
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    return lookup("activation", key, {**ACTIVATIONS, **ALIASES})

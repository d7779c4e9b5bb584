"""Exercises for 07-prelu: one step of the learned slope, its gradient per unit, its direction, its axis."""

import numpy as np

import actlearn
from actlearn.exercises.core import Case, ChoiceQuestion, FunctionQuestion, Mistake, bind
from actlearn.exercises.core import ____ as ____  # re-exported: a starter cell holds it


def _alpha_after_step(alpha, x, upstream, lr):
    return alpha - lr * np.sum(upstream * np.minimum(x, 0))  # dL/d alpha sums over every input sharing alpha


def _step_case(seed, shape, alpha, lr):
    rng = np.random.default_rng(seed)
    x, upstream = rng.normal(size=shape).round(2), rng.normal(size=shape).round(2)
    return Case(
        (alpha, x, upstream, lr), label=f"alpha = {alpha}, x and upstream of shape {shape}, lr = {lr}"
    )


q1 = FunctionQuestion(
    "prelu.alpha_step",
    "Write alpha_after_step(alpha, x, upstream, lr): alpha is one slope shared by every element of x, "
    "upstream is dL/dy (same shape as x, finite numbers); return alpha after one gradient-descent step.",
    hint=[
        "A gradient-descent step is alpha - lr * dL/d alpha. Per element, the chain rule gives "
        "dL/d alpha = upstream * d PReLU / d alpha.",
        "d PReLU / d alpha is x where x <= 0 and 0 elsewhere, np.minimum(x, 0); one alpha serves every "
        "element, so add up their contributions.",
        "alpha - lr * np.sum(upstream * np.minimum(x, 0)).",
    ],
    solution="""import numpy as np


def alpha_after_step(alpha, x, upstream, lr):
    grad = np.sum(upstream * np.minimum(x, 0))  # every element that shares alpha adds its share
    return alpha - lr * grad""",
    signature="alpha_after_step(alpha, x, upstream, lr)",
    reference=_alpha_after_step,
    cases=[
        _step_case(0, (5, 3), 0.25, 0.1),
        _step_case(1, (8,), 0.25, 0.5),
        _step_case(2, (2, 2, 2), -0.3, 0.01),
    ],
    mistakes=[
        Mistake(
            "a descent step subtracts lr times the gradient: alpha - lr * dL/d alpha",
            wrong=lambda alpha, x, upstream, lr: alpha + lr * np.sum(upstream * np.minimum(x, 0)),
        ),
        Mistake(
            "that is the gradient dL/d alpha; return alpha after the step, alpha - lr * gradient",
            wrong=lambda alpha, x, upstream, lr: np.sum(upstream * np.minimum(x, 0)),
        ),
        Mistake(
            "that uses d PReLU / dx (1 or alpha); the slope's own derivative is x where x <= 0, else 0",
            wrong=lambda alpha, x, upstream, lr: alpha - lr * np.sum(upstream * np.where(x <= 0, alpha, 1.0)),
        ),
        Mistake(
            "for x > 0 the output x does not depend on alpha: use np.minimum(x, 0), not x",
            wrong=lambda alpha, x, upstream, lr: alpha - lr * np.sum(upstream * x),
        ),
        Mistake(
            "that is the mean; every element that shares alpha adds its share of the gradient: sum them",
            wrong=lambda alpha, x, upstream, lr: alpha - lr * np.mean(upstream * np.minimum(x, 0)),
        ),
        Mistake(
            "multiply by the upstream gradient dL/dy first (the chain rule)",
            wrong=lambda alpha, x, upstream, lr: alpha - lr * np.sum(np.minimum(x, 0)),
        ),
        Mistake(
            "alpha is one number shared by every element: sum the gradient over all of them",
            wrong=lambda alpha, x, upstream, lr: alpha - lr * upstream * np.minimum(x, 0),
        ),
    ],
    elementwise=False,
)


def _alpha_grad(x, upstream):
    return (upstream * actlearn.prelu.grad_alpha(x, 0.25)).sum(axis=0)


def _batch(seed, batch, units):
    rng = np.random.default_rng(seed)
    return Case((rng.normal(size=(batch, units)).round(2), rng.normal(size=(batch, units)).round(2)))


q2 = FunctionQuestion(
    "prelu.alpha_grad_per_unit",
    "Write alpha_grad(x, upstream): x and upstream (dL/dy) of shape (batch, units); "
    "return dL/d alpha, one number per unit.",
    hint=[
        "Chain rule, one example at a time: dL/dalpha = upstream * d PReLU / d alpha = upstream * min(x, 0).",
        "Each unit's alpha is shared by the whole batch, so add the products over it: sum over axis 0.",
    ],
    solution="""import numpy as np


def alpha_grad(x, upstream):
    return (upstream * np.minimum(x, 0)).sum(axis=0)  # each unit's alpha is shared by the whole batch""",
    signature="alpha_grad(x, upstream)",
    reference=_alpha_grad,
    cases=[_batch(0, 5, 3), _batch(1, 8, 4), _batch(2, 2, 6)],
    mistakes=[
        Mistake(
            "one slope per unit needs one number per unit: sum over the batch, axis 0",
            wrong=lambda x, upstream: upstream * np.minimum(x, 0),
        ),
        Mistake(
            "summed over the wrong axis: the batch is axis 0, the units are axis 1",
            wrong=lambda x, upstream: (upstream * np.minimum(x, 0)).sum(axis=1),
        ),
        Mistake(
            "that is the mean; every example adds its share of the gradient, so sum over the batch",
            wrong=lambda x, upstream: (upstream * np.minimum(x, 0)).mean(axis=0),
        ),
        Mistake(
            "multiply by the upstream gradient dL/dy first (the chain rule)",
            wrong=lambda x, upstream: np.minimum(x, 0).sum(axis=0),
        ),
        Mistake(
            "one number per unit: sum over axis 0 only",
            wrong=lambda x, upstream: (upstream * np.minimum(x, 0)).sum(),
        ),
    ],
    elementwise=False,
)

q3 = ChoiceQuestion(
    "prelu.step_direction",
    "One shared slope alpha = 0.25 sees one input x = -2 whose upstream gradient is dL/dy = 0.5. Derive "
    "which way one gradient-descent step (alpha -= lr * dL/d alpha) moves alpha.",
    hint=[
        "dL/d alpha = dL/dy * d PReLU / d alpha, and d PReLU / d alpha is x for x <= 0.",
        "dL/d alpha = 0.5 * (-2) = -1. Subtracting lr times a negative number...",
    ],
    solution='step = "a"  # dL/d alpha = 0.5 * (-2) = -1 < 0, so alpha - lr * (-1) is larger',
    answer_name="step",
    options={
        "a": ("alpha rises", "right"),
        "b": (
            "alpha falls",
            "check the sign: dL/d alpha = 0.5 * (-2) = -1, and a step subtracts lr times it, so alpha rises",
        ),
        "c": (
            "alpha stays: a negative input gives alpha no gradient",
            "the other way round: only inputs x <= 0 reach alpha (d PReLU / d alpha = x there)",
        ),
        "d": (
            "alpha stays: a slope is a setting, not a weight",
            "that is Leaky ReLU; PReLU's alpha is a parameter that backpropagation updates like a weight",
        ),
    },
    right="a",
    kind="derive",
)

q4 = ChoiceQuestion(
    "prelu.channel_axis",
    "x has shape (8, 3, 5), (batch, channels, length) as a PyTorch Conv1d gives, and alpha has shape (3,), "
    "one slope per channel. Predict what actlearn's prelu(x, alpha) does, before running the cell below.",
    hint=[
        "numpy lines shapes up from the right: (3,) meets (8, 3, 5) at its last axis.",
        "The last axis has length 5, not 3. What does numpy do with shapes (3,) and (..., 5)?",
    ],
    solution='channel_axis = "b"  # numpy broadcasts (3,) against the last axis (length 5): an error',
    answer_name="channel_axis",
    options={
        "a": (
            "it applies alpha[c] to channel c, as torch.nn.PReLU(3) does",
            "that is PyTorch, which applies its (C,) weight along dimension 1; numpy broadcasts from the "
            "last axis",
        ),
        "b": ("an error: alpha meets the last axis, of length 5", "right"),
        "c": (
            "it uses alpha[0] for every channel",
            "numpy never picks one element of an array to broadcast; it lines shapes up from the right",
        ),
        "d": (
            "it returns an array of shape (8, 3, 3)",
            "broadcasting never changes an axis of length 5 into 3: lengths must match or be 1",
        ),
    },
    right="b",
    kind="predict",
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3, q4

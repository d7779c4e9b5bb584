"""Exercises for 06-prelu: the gradient with respect to the learned slope alpha, per unit."""

import numpy as np

import actlearn
from actlearn.exercises.core import Case, FunctionQuestion, Mistake, NumberQuestion, bind, elementwise_cases
from actlearn.exercises.core import ____ as ____  # re-exported: a starter cell holds it

_rng = np.random.default_rng(6)
PER_UNIT = Case(
    (_rng.normal(size=(4, 3)).round(2), np.array([0.1, 0.25, 0.5])), label="x of shape (4, 3), alpha per unit"
)

q1 = FunctionQuestion(
    "prelu.grad_alpha",
    "Write prelu_grad_alpha(x, alpha): d PReLU(x) / d alpha, elementwise (alpha may be one value per unit).",
    hint="For x > 0 the output is x, which does not depend on alpha. For x <= 0 it is alpha * x.",
    solution="""import numpy as np


def prelu_grad_alpha(x, alpha):
    return np.minimum(x, 0)  # x where x <= 0, else 0: the value of alpha doesn't enter""",
    signature="prelu_grad_alpha(x, alpha)",
    reference=actlearn.prelu.grad_alpha,
    cases=[*elementwise_cases(alpha=0.25), PER_UNIT],
    mistakes=[
        Mistake(
            "that is d/dx (1 or alpha); d/d alpha of alpha * x is x, for x <= 0",
            wrong=lambda x, alpha: actlearn.prelu.grad(x, alpha=alpha),
        ),
        Mistake(
            "for x <= 0 the output is alpha * x, whose derivative in alpha is x, not 1",
            wrong=lambda x, alpha: np.where(x > 0, 0.0, 1.0),
        ),
        Mistake(
            "for x > 0 the output x does not depend on alpha: the derivative is 0 there",
            wrong=lambda x, alpha: x,
        ),
        Mistake(
            "x * (x <= 0) computes inf * 0 = nan at x = inf; use np.minimum(x, 0)",
            wrong=lambda x, alpha: x * (x <= 0),
        ),
    ],
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
    hint="Chain rule: dL/d alpha = sum over the batch of upstream * d PReLU / d alpha, which is min(x, 0).",
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

q3 = NumberQuestion(
    "prelu.identity_alpha",
    "For which value of alpha is PReLU the identity, PReLU(x) = x for every x?",
    hint="The identity has the same slope on both sides of 0.",
    solution="""identity_alpha = 1.0  # slope 1 on both sides: then PReLU is just a linear layer""",
    answer_name="identity_alpha",
    value=1.0,
    tol=1e-9,
    mistakes=[
        (0.0, "alpha = 0 gives ReLU"),
        (0.25, "that is PyTorch's starting value; the identity needs slope 1 on both sides"),
        (-1.0, "alpha = -1 gives |x|"),
    ],
)

__all__ = bind(globals())  # names each question after its variable: q1, q2, q3

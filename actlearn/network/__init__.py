"""A neural network in numpy, written as layers with backprop by hand; the modules, in reading order:

- layers: Dense (z = a_prev W + b), Activation (a = f(z)), PReLU (its slope learned), Residual, Sequential
- norm: BatchNorm and LayerNorm, with normalise and normalise_backward
- glu: the GLU layer (gate times value) and its family's blocks
- losses: softmax cross-entropy and mean squared error, where the backward pass starts
- mlp: MLP, which composes them, and the Cache of a forward pass (a[0] is X, as in the maths)
- inits: INITS, the weight initialisation schemes
- optim: SGD, Adam and clip_by_global_norm
- checking: gradient_check, backprop against finite differences
"""

from actlearn.network.checking import gradient_check
from actlearn.network.glu import BLOCKS, GLU, GLU_BLOCKS, glu, glu_backward, glu_hidden_width
from actlearn.network.inits import INITS
from actlearn.network.layers import Activation, Dense, PReLU, Residual, Sequential
from actlearn.network.losses import LOSSES, MeanSquaredError, SoftmaxCrossEntropy
from actlearn.network.mlp import (
    MLP,
    NORMS,
    Cache,
    Parameters,
    hidden_activation,
    hidden_activations,
    learns_slope,
)
from actlearn.network.norm import BatchNorm, LayerNorm, normalise, normalise_backward
from actlearn.network.optim import OPTIMIZERS, SGD, Adam, clip_by_global_norm

__all__ = [
    "BLOCKS",
    "GLU",
    "GLU_BLOCKS",
    "INITS",
    "LOSSES",
    "MLP",
    "NORMS",
    "OPTIMIZERS",
    "SGD",
    "Activation",
    "Adam",
    "BatchNorm",
    "Cache",
    "Dense",
    "LayerNorm",
    "MeanSquaredError",
    "PReLU",
    "Parameters",
    "Residual",
    "Sequential",
    "SoftmaxCrossEntropy",
    "clip_by_global_norm",
    "glu",
    "glu_backward",
    "glu_hidden_width",
    "gradient_check",
    "hidden_activation",
    "hidden_activations",
    "learns_slope",
    "normalise",
    "normalise_backward",
]

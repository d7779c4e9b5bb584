"""actlearn: activation functions, their derivatives, and the experiments of the course."""

from actlearn.activations import (
    ACTIVATIONS,
    Activation,
    elu,
    gelu,
    get,
    leaky_relu,
    log_softmax,
    prelu,
    relu,
    sigmoid,
    silu,
    softmax,
    swish,
    tanh,
)

__all__ = [
    "ACTIVATIONS",
    "Activation",
    "elu",
    "gelu",
    "get",
    "leaky_relu",
    "log_softmax",
    "prelu",
    "relu",
    "sigmoid",
    "silu",
    "softmax",
    "swish",
    "tanh",
]
__version__ = "0.1.0"

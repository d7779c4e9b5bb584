"""actlearn: activation functions, their derivatives, and the experiments of the course.

The modules, each with one job; data flows one way, activations <- network <- experiments <- plotting
<- widgets, and nothing imports what sits above it (matplotlib and ipywidgets load only in the top two):

- activations: each function with its derivative beside it, its parameters and its facts (`get`);
- checks: looking a name up (an unknown one lists the valid ones) and checking inputs;
- datasets: the 2-D toy problems and the shipped handwritten digits, seeded, numpy only;
- network/: layers with forward and backward side by side, composed by MLP; inits and optimizers;
- gradcheck: finite-difference gradient checks of a backward pass, and a side-by-side comparison
  (numpy only; network.gradient_check uses it);
- diagnostics: per-layer statistics of one forward and backward pass (uses network);
- experiments: the pure functions behind every notebook experiment, returning arrays and records;
- plotting/: the house style and every figure, one module a job (uses experiments' records);
- widgets: sliders wired to experiments and plotting, each redrawing one figure in place;
- guide: notebook 14's decision guide, for the printable cheat sheet;
- exercises/: each notebook's checkers over a shared core, and the grader that decides in a fresh
  process; audit: flags tampered answer cells for a person to look at;
- __main__: `python -m actlearn list` and `... cheatsheet`.
"""

from actlearn.activations import (
    ACTIVATIONS,
    Activation,
    elu,
    gelu,
    get,
    hardswish,
    leaky_relu,
    log_softmax,
    mish,
    prelu,
    relu,
    relu6,
    selu,
    sigmoid,
    silu,
    softmax,
    softplus,
    swish,
    tanh,
)

__all__ = [
    "ACTIVATIONS",
    "Activation",
    "elu",
    "gelu",
    "get",
    "hardswish",
    "leaky_relu",
    "log_softmax",
    "mish",
    "prelu",
    "relu",
    "relu6",
    "selu",
    "sigmoid",
    "silu",
    "softmax",
    "softplus",
    "swish",
    "tanh",
]
__version__ = "0.2.0"

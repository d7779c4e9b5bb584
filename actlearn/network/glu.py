"""Gated linear units (the GLU family): a layer that reads its input twice, not an elementwise function.

A GLU hidden layer computes a = act(a_prev W + b) * (a_prev V + c), the gate times the value (Dauphin et
al. 2017; Shazeer 2020, "GLU Variants Improve Transformer", arXiv:2002.05202). Each block name fixes the
gate's activation.
"""

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


class GLU:
    """A GLU layer: the gate f(z), z = a_prev W + b, times the value v = a_prev V + c (two Dense layers)."""

    def __init__(self, f, gate, value):
        self.f, self.gate, self.value = f, gate, value

    def forward(self, a_prev, training=False):
        self.z = self.gate.forward(a_prev)
        self.v = self.value.forward(a_prev)
        return glu(self.f, self.z, self.v)

    def backward(self, da):
        dz, dv = glu_backward(self.f, self.z, self.v, da)
        return self.gate.backward(dz) + self.value.backward(dv)  # a_prev feeds both: their gradients add

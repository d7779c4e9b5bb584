"""Notebook 14's decision guide, condensed for the printable cheat sheet: situation -> choice, and why.

It says only what notebook 14's "A decision guide" says; tests/test_guide.py checks every situation and
choice against that section, so the two cannot drift apart.
"""

from typing import NamedTuple


class Advice(NamedTuple):
    situation: str
    choice: str
    why: str


DECISION_GUIDE = {
    "Hidden layers": [
        Advice(
            "start with",
            "ReLU, He init",
            "cheap, a single comparison per element; slope exactly 1 for positive inputs, so gradients "
            "don't shrink on their way back",
        ),
        Advice("if units die", "Leaky ReLU or PReLU", "or lower the learning rate"),
        Advice(
            "transformers, modern convolutional networks",
            "GELU or SiLU (swish)",
            "smooth, a small negative dip; more cost per element, a shrinking share in wide layers",
        ),
        Advice("a close relative", "Mish", "a slightly deeper dip; YOLOv4's backbone"),
        Advice(
            "plain deep stack of dense layers, without normalisation",
            "SELU with LeCun init",
            "holds mean 0 and std 1 by itself (Klambauer et al., 2017; notebook 16)",
        ),
        Advice("ReLU's shape, outputs centred nearer zero", "ELU", ""),
        Advice(
            "phones, low-precision arithmetic",
            "hard-swish, ReLU6",
            "straight pieces, no exponential; ReLU6 caps ReLU at 6 (MobileNetV2, MobileNetV3)",
        ),
        Advice(
            "keep a parameter positive (a standard deviation a network predicts)",
            "Softplus",
            "a smooth ReLU, positive for every input; rarely the hidden activation of choice",
        ),
        Advice(
            "gates of an LSTM or GRU",
            "sigmoid, tanh",
            "sigmoid for the gates, how much to let through; tanh for the candidate values and the new "
            "state. In a deep feed-forward stack they train slowly",
        ),
        Advice(
            "any deep network",
            "normalisation layers, residual connections",
            "keep today's deep networks trainable, whichever activation (notebook 15)",
        ),
    ],
    "Output layers": [
        Advice("yes/no (binary), multi-label", "sigmoid", ""),
        Advice("one class among many (multi-class)", "softmax", ""),
        Advice("regression, any real number", "none (linear)", ""),
        Advice(
            "in practice",
            "inside the loss",
            "BCEWithLogitsLoss and CrossEntropyLoss take the raw scores, for numerical safety",
        ),
    ],
    "Transformers": [
        Advice("BERT, GPT-2", "GELU", 'GPT-2\'s "gelu_new" is the tanh approximation (notebook 11)'),
        Advice(
            "recent LLMs (LLaMA)",
            "SwiGLU",
            "a SiLU-gated linear unit: down_proj(silu(gate_proj(x)) * up_proj(x)) (notebook 16)",
        ),
    ],
}

ALWAYS = "Whichever you pick: change one thing at a time, and compare over several seeds."

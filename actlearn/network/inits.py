"""Weight initialisation schemes: each draws W of shape (fan_in, fan_out) from its fan-in and fan-out."""

import numpy as np


def _normal(rng, fan_in, fan_out, std):
    return std * rng.standard_normal((fan_in, fan_out))


def _uniform(rng, fan_in, fan_out, limit):
    return rng.uniform(-limit, limit, (fan_in, fan_out))


# Each scheme draws W from its fan-in and fan-out; `std` is only read by "normal" and "uniform".
INITS = {
    "zeros": lambda rng, i, o, std: np.zeros((i, o)),
    "normal": lambda rng, i, o, std: _normal(rng, i, o, std),
    "uniform": lambda rng, i, o, std: _uniform(rng, i, o, np.sqrt(3) * std),  # same std as "normal"
    "xavier": lambda rng, i, o, std: _normal(rng, i, o, np.sqrt(2 / (i + o))),
    "xavier_uniform": lambda rng, i, o, std: _uniform(rng, i, o, np.sqrt(6 / (i + o))),
    "he": lambda rng, i, o, std: _normal(rng, i, o, np.sqrt(2 / i)),
    "he_uniform": lambda rng, i, o, std: _uniform(rng, i, o, np.sqrt(6 / i)),
    "lecun": lambda rng, i, o, std: _normal(rng, i, o, np.sqrt(1 / i)),
}
INITS.update(glorot=INITS["xavier"], glorot_uniform=INITS["xavier_uniform"])
INITS.update(kaiming=INITS["he"], kaiming_uniform=INITS["he_uniform"])

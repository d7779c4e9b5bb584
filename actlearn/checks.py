"""Checks every module shares: names looked up with the valid ones listed, and inputs made real numbers."""

import numpy as np


class UnknownNameError(KeyError, ValueError):
    """An unknown name; the message lists the valid ones. Catch it as KeyError or ValueError."""

    def __str__(self):
        return self.args[0]  # KeyError's own str would quote the whole message


def lookup(kind, name, options):
    """Return options[name], or raise an UnknownNameError that lists the valid names of this kind."""
    if isinstance(name, str) and name in options:
        return options[name]
    raise UnknownNameError(f"unknown {kind} {name!r}; valid {kind} names are: {', '.join(options)}")


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


def finite_number(name, value):
    """Return value as a Python float, or raise an error naming it if it is not a finite real number."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a real number; got {value!r}")
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite; got {value}")
    # A plain Python float keeps float32 inputs float32 (numpy 2 promotion rules).
    return float(value)

"""Fixtures shared by the test files."""

import numpy as np
import pytest


@pytest.fixture
def strict_floats():
    """Turn every overflow, invalid operation and division by zero into an error."""
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        yield

"""Settings for every test run, with or without make."""

import os
import pathlib

import pytest

# Small matrices on shared cores: one BLAS thread is faster (benchmarks/README.md). Set before numpy is
# imported, so this process and every notebook kernel nbval starts (they inherit it) use one thread.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

SANITIZE = pathlib.Path(__file__).resolve().parent / "tests" / "nbval_sanitize.cfg"


def pytest_configure(config):
    # A bare `pytest --nbval notebooks/` tidies timings and addresses the way `make test` does.
    if getattr(config.option, "nbval_sanitize_with", "absent") is None:
        config.option.nbval_sanitize_with = str(SANITIZE)


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.notebooks)

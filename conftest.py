"""Settings for every test run, with or without make."""

import os
import pathlib

import pytest

# Small matrices on shared cores: one BLAS thread is faster (benchmarks/README.md). Set before numpy is
# imported, so this process and every notebook kernel nbval starts (they inherit it) use one thread.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = pathlib.Path(__file__).resolve().parent
SANITIZE = ROOT / "tests" / "nbval_sanitize.cfg"


def pytest_configure(config):
    # A bare `pytest --nbval notebooks/` tidies timings and addresses the way `make test` does.
    if getattr(config.option, "nbval_sanitize_with", "absent") is None:
        config.option.nbval_sanitize_with = str(SANITIZE)


def pytest_collection_modifyitems(items):
    # Marked by where they live, so no test file can forget its marker (pyproject.toml lists them).
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.notebooks)
        elif item.path.is_relative_to(ROOT / "tests" / "browser"):
            item.add_marker(pytest.mark.browser)

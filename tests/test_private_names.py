"""No module of actlearn uses another module's private name: a helper two modules share is public."""

import ast
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "actlearn"


def is_private(name):
    """Return True for _name, not for a dunder (__version__) or the ____ placeholder."""
    return name.startswith("_") and not name.startswith("__") and name.strip("_") != ""


def module_name(path):
    """Return the dotted name of a file under actlearn/, e.g. actlearn.plotting.style."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def absolute(node, here, is_package):
    """Return the module an ImportFrom names, relative imports resolved against the module `here`."""
    if not node.level:
        return node.module or ""
    base = here.split(".")
    base = base[: len(base) - node.level + (1 if is_package else 0)]
    return ".".join(base + ([node.module] if node.module else []))


def borrowed_private_names(source, here="actlearn.example", is_package=False):
    """Return "line: what" for each private name of another actlearn module that this source uses."""
    found, imported = [], set()  # local names that stand for an actlearn module or one of its objects
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            origin = absolute(node, here, is_package)
            if origin.split(".")[0] != "actlearn":
                continue
            for alias in node.names:
                if is_private(alias.name) and origin != here:
                    found.append(f"{node.lineno}: from {origin} import {alias.name}")
                imported.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "actlearn":
                    imported.add(alias.asname or "actlearn")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and is_private(node.attr):
            chain, inner = [node.attr], node.value
            while isinstance(inner, ast.Attribute):
                chain.append(inner.attr)
                inner = inner.value
            if isinstance(inner, ast.Name) and inner.id in imported:
                found.append(f"{node.lineno}: {'.'.join([inner.id, *reversed(chain)])}")
    return found


@pytest.mark.parametrize(
    "source, expected",
    [
        ("from actlearn import plotting\nplotting._fit_y(ax, [y])", ["2: plotting._fit_y"]),
        ("import actlearn.plotting as p\np._fit_y", ["2: p._fit_y"]),
        ("import actlearn.plotting\nactlearn.plotting.style._x", ["2: actlearn.plotting.style._x"]),
        ("from actlearn.activations import prelu\nprelu._apply(f, x, {})", ["2: prelu._apply"]),
        ("from actlearn.plotting.style import _axes", ["1: from actlearn.plotting.style import _axes"]),
        ("from .style import _axes", ["1: from actlearn.style import _axes"]),
        ("from actlearn import plotting\nplotting.fit_y(ax, [y])\nself._draw()", []),
        ("from actlearn.exercises.core import ____ as ____\nimport actlearn\nactlearn.__version__", []),
        ("import numpy as np\nnp._core", []),  # another package's privates are its own business
    ],
)
def test_the_check_finds_a_borrowed_private_name(source, expected):
    assert borrowed_private_names(source) == expected


def test_no_module_uses_another_modules_private_name():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        here = module_name(path)
        uses = borrowed_private_names(path.read_text(), here, path.name == "__init__.py")
        found += [f"{path.relative_to(ROOT)}:{use}" for use in uses]
    assert found == [], "make the helper public where it is defined, or keep it in one module:\n" + "\n".join(
        found
    )

"""Write every figure of the course as SVG and PDF, for teachers' slides: `make figures`.

Each notebook's code cells run in order, in this process, as Jupyter would run them; every figure a cell
shows (its last value, a Figure or an explorer widget's figure) is saved as
figures/NN-slug/NN-KK-what-it-draws.svg and .pdf, named after the cell's first comment
("# extra code: draw sigmoid (solid) ..." gives 03-03-sigmoid-solid-and-its-derivative...). The figures
are drawn by the same plotting functions the notebooks call, not copied out of their stored outputs.

Usage: python tools/make_figures.py [--out figures] notebooks/*.ipynb
"""

import argparse
import ast
import contextlib
import io
import os
import pathlib
import re

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ["MPLBACKEND"] = "Agg"  # no screen: draw into files

import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

FORMATS = ("svg", "pdf")


def figure_of(value):
    """Return the matplotlib Figure a cell's last value shows, or None."""
    if isinstance(value, Figure):
        return value
    fig = getattr(value, "fig", None)  # actlearn's explorers keep the figure they draw into
    return fig if isinstance(fig, Figure) else None


def name_of(source, value, fallback):
    """Return a file-name slug: the cell's first comment, else an explorer's summary, else fallback."""
    comments = [line for line in source.splitlines() if line.startswith("#") and "NBVAL" not in line]
    words = comments[0] if comments else getattr(value, "summary", "").split(" (")[0]
    words = re.sub(r"^#\s*(extra code[:\s–-]*)?", "", words).lower()
    words = re.sub(r"^(this cell )?(draws?|generates?)\s+", "", words)
    slug = re.sub(r"[^a-z0-9]+", "-", words).strip("-")
    return slug[:60].rstrip("-") or fallback


def run_cell(source, namespace):
    """Run a cell's code in namespace and return the value of its last expression (None if it has none)."""
    tree = ast.parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<cell>", "exec"), namespace)
    if last is None:
        return None
    return eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace)


def figures_of_notebook(path, out):
    """Run one notebook's code cells and save each figure it shows; return the paths written."""
    nb = nbformat.read(path, as_version=4)
    folder = out / path.stem
    folder.mkdir(parents=True, exist_ok=True)
    namespace = {"__name__": "__main__"}
    written, number = [], 0
    cwd = os.getcwd()
    os.chdir(path.parent)  # as Jupyter does: a notebook's relative paths start from its folder
    try:
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code" or "raises-exception" in cell.metadata.get("tags", []):
                continue
            source = "\n".join(
                line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!"))
            )
            with contextlib.redirect_stdout(io.StringIO()):  # the figures are wanted, not the prints
                try:
                    value = run_cell(source, namespace)
                except Exception as error:
                    if "NBVAL_RAISES_EXCEPTION" in source:  # a cell that shows an error message
                        continue
                    raise RuntimeError(f"{path.name}, cell {index}: {error!r}") from error
            fig = figure_of(value)
            if fig is None:
                continue
            number += 1
            stem = f"{path.stem[:2]}-{number:02d}-{name_of(source, value, f'cell-{index}')}"
            for fmt in FORMATS:
                target = folder / f"{stem}.{fmt}"
                fig.savefig(target, format=fmt, bbox_inches="tight")
                written.append(target)
            plt.close("all")
    finally:
        os.chdir(cwd)
        plt.close("all")
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=pathlib.Path)
    parser.add_argument("--out", type=pathlib.Path, default=pathlib.Path("figures"))
    args = parser.parse_args(argv)
    out = args.out.resolve()
    for path in sorted(args.notebooks):
        written = figures_of_notebook(path.resolve(), out)
        print(f"{path.name:40s} {len(written) // len(FORMATS):2d} figures")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()

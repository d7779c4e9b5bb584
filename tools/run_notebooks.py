"""Re-execute notebooks in place, top to bottom, each in a fresh python3 kernel.

This is the only way stored outputs are made (`make notebooks`): never edit outputs by hand.
Usage: python tools/run_notebooks.py notebooks/*.ipynb
"""

import os
import pathlib
import sys
import time

import nbformat
from nbclient import NotebookClient

# Small matrices on shared cores: one BLAS thread is faster (benchmarks/README.md). Kernels inherit it.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

KERNEL = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def run(path):
    """Execute one notebook in its own folder and write it back with its new outputs."""
    nb = nbformat.read(path, as_version=4)
    nb.metadata["kernelspec"] = KERNEL  # nbval starts the kernel this names
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    client = NotebookClient(
        nb,
        kernel_name="python3",
        timeout=120,
        record_timing=False,  # timestamps would change the file on every run
        store_widget_state=False,  # each widget already carries a PNG of its figure for static readers
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    nbformat.write(nb, path)


def main(paths):
    for name in paths:
        path = pathlib.Path(name)
        start = time.perf_counter()
        run(path)
        print(f"{path.name:40s} {time.perf_counter() - start:5.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])

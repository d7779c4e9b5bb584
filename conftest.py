"""Settings for every test run, with or without make."""

import os

# Small matrices on shared cores: one BLAS thread is faster (benchmarks/README.md). Set before numpy is
# imported, so this process and every notebook kernel nbval starts (they inherit it) use one thread.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

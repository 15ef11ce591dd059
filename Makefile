# The one task runner. A fresh machine needs only python3 (>= 3.11) and make.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB ?= demo.db

.PHONY: help install lint format test demo bench clean

help:  ## list the targets
	@grep -E '^[a-z]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "jixiao needs Python >= 3.11 (found: $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(STAMP)  ## create .venv with the package and its `jixiao` command

lint: $(STAMP)  ## ruff (format check + lint) and mypy
	$(BIN)/ruff format --check src tests bench
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

format: $(STAMP)  ## apply ruff's formatting and fixes
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

test: $(STAMP) lint  ## lint, type-check and run every test
	$(BIN)/pytest

demo: $(STAMP)  ## load the bundled table into SQLite and show it
	$(BIN)/jixiao demo --db $(DEMO_DB)

bench: $(STAMP)  ## run the benchmarks and print their figures
	$(PY) -m bench.bench_ingest
	$(PY) -m bench.bench_review

clean:  ## remove the virtual environment and build leftovers
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache $(DEMO_DB)*

# The one task runner. A fresh machine needs only python3 (>= 3.11) and make.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB ?= demo.db

.PHONY: help system-deps install lint format test demo bench clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

# System packages: Pango/HarfBuzz for WeasyPrint (PDF export) and the Noto CJK fonts it embeds.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk

system-deps:  ## install the Debian packages the PDF export needs (root: apt-get; else says what)
	@command -v dpkg >/dev/null 2>&1 || { echo "not Debian: install Pango and Noto CJK fonts yourself"; exit 0; }; \
	missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing $$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
		elif command -v sudo >/dev/null 2>&1; then \
			sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
		else \
			echo "jixiao needs these Debian packages: $$missing (apt-get install $$missing)"; exit 1; \
		fi; \
	fi

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "jixiao needs Python >= 3.11 (found: $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

install: system-deps $(STAMP)  ## create .venv with the package and its `jixiao` command

lint: install  ## ruff (format check + lint) and mypy
	$(BIN)/ruff format --check src tests bench
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

format: $(STAMP)  ## apply ruff's formatting and fixes
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

test: install lint  ## lint, type-check and run every test
	$(BIN)/pytest

demo: install  ## load the bundled table into SQLite and show it
	$(BIN)/jixiao demo --db $(DEMO_DB)

bench: install  ## run the benchmarks and print their figures
	$(PY) -m bench.bench_ingest
	$(PY) -m bench.bench_review

clean:  ## remove the virtual environment and build leftovers
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache $(DEMO_DB)*

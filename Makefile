# The one task runner. A fresh machine needs only python3 (>= 3.11) and make.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB ?= demo.db

.PHONY: help system-deps test-deps install lint format test demo bench fuzz drills clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

# System packages: Pango/HarfBuzz for WeasyPrint (PDF export) and the Noto CJK fonts it embeds;
# postgresql-client for `jixiao backup` / `restore` on PostgreSQL (pg_dump, pg_restore);
# for the tests also Chromium (Playwright drives /usr/bin/chromium headless; it downloads no
# browser). Installed without Recommends: headless Chromium needs none of them (cups, avahi,
# upower, notification-daemon, fonts-liberation …): 239 packages instead of 399 on bare Debian 12.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk \
	postgresql-client
TEST_PACKAGES   := chromium

# $(call apt,PACKAGES): install the missing ones (root: apt-get; sudo; else say which and fail)
define apt
	@command -v dpkg >/dev/null 2>&1 || { echo "not Debian: install $(1) yourself"; exit 0; }; \
	missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing $$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
		elif command -v sudo >/dev/null 2>&1; then \
			sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
		else \
			echo "jixiao needs these Debian packages: $$missing (apt-get install --no-install-recommends $$missing)"; exit 1; \
		fi; \
	fi
endef

system-deps:  ## install the Debian packages the PDF export needs (root: apt-get; else says what)
	$(call apt,$(SYSTEM_PACKAGES))

test-deps: system-deps  ## also the Debian packages the tests need (Chromium for the browser tests)
	$(call apt,$(TEST_PACKAGES))

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

test: test-deps install lint  ## lint, type-check and run every test
	$(BIN)/pytest

demo: install  ## load the bundled table into SQLite (demo.db), start the web app, print its URL
	$(BIN)/jixiao demo --db $(DEMO_DB)

bench: install  ## run the benchmarks and print their figures
	$(PY) -m bench.bench_ingest
	$(PY) -m bench.bench_realworld
	$(PY) -m bench.bench_shapes
	$(PY) -m bench.bench_saves
	$(PY) -m bench.bench_pdf
	$(PY) -m bench.bench_review
	$(PY) -m bench.bench_selfeval
	$(PY) -m bench.bench_tasks
	$(PY) -m bench.bench_store
	$(PY) -m bench.bench_web
	$(PY) -m bench.bench_hostile
	$(PY) -m bench.bench_writers
	$(PY) -m bench.bench_workflow

fuzz: install  ## fuzz every reader with 100,000 inputs in isolated workers and print the figures
	RUST_BACKTRACE=0 $(PY) -m bench.fuzz --inputs $${FUZZ_INPUTS:-100000}

drills: install  ## rerun the kill -9 during ingest and the concurrent-writers drills (SQLite, PostgreSQL)
	$(PY) -m bench.drill_kill
	$(PY) -m bench.drill_writers

clean:  ## remove the virtual environment and build leftovers
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache $(DEMO_DB)* test-artifacts bench/.cache

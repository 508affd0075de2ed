# khabar — the two commands of the README are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
KHABAR := $(VENV)/bin/khabar
export DO_NOT_TRACK := 1
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DBT_VERSION_CHECK := false
export GX_ANALYTICS_ENABLED := False
export PREFECT_HOME := $(CURDIR)/.prefect
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS := 180

.PHONY: run test install install-dev docs serve bench bench-dask eval eval-language eval-dates eval-outlets eval-entities eval-events eval-natural eval-roles evaluate-seeds browser clean

# --compile-bytecode: installed once, imported by every run, pool worker and test; where
# PYTHONDONTWRITEBYTECODE is set Python would otherwise compile prefect, dbt and GX from source on
# every start (start-up 19 s instead of 8 s)
$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install -q --disable-pip-version-check uv
	$(VENV)/bin/uv pip install -q --compile-bytecode --python $(PY) -e .
	@$(PY) -m compileall -q -j 0 src flows >/dev/null
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(VENV)/bin/uv pip install -q --compile-bytecode --python $(PY) -e '.[dev]'
	@touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## make run: set up, run the pipeline on the demo corpus, build models and docs
run: install
	$(KHABAR) run
	$(KHABAR) docs --no-serve

## make test: the whole test suite (CI calls exactly this)
test: install-dev
	$(VENV)/bin/pytest -q

docs: install
	$(KHABAR) docs

serve: install
	$(KHABAR) serve

## evaluation commands: khabar beside its peers on ../shared/corpora
eval: eval-language eval-dates eval-outlets eval-entities eval-events eval-roles
eval-language: install-dev
	$(PY) bench/eval_language.py
eval-dates: install-dev
	$(PY) bench/eval_dates.py
eval-outlets: install-dev
	$(PY) bench/eval_outlets.py
eval-entities: install-dev
	$(PY) bench/eval_entities.py
eval-events: install-dev
	$(PY) bench/eval_events.py
eval-natural: install-dev
	$(PY) bench/natural_pairs.py
	$(PY) bench/natural_pairs.py --undated
eval-roles: install-dev
	$(PY) bench/eval_roles.py

## the sample articles against ../shared/seeds/gold.json
evaluate-seeds: install
	@tmp=$$(mktemp -d) && $(KHABAR) run --landing ../shared/seeds/articles --warehouse $$tmp/seeds.duckdb >/dev/null \
	  && $(PY) ../shared/tools/evaluate.py contract $$tmp/seeds.duckdb && $(PY) ../shared/tools/evaluate.py seeds $$tmp/seeds.duckdb; \
	  rm -rf $$tmp

## throughput, memory and incremental runs on generated corpora, beside langdetect alone
## (BENCH_SIZES="1000 10000 100000" for the 100k run: an hour or more on two cores)
BENCH_SIZES ?= 1000 10000
bench: install-dev
	$(PY) bench/throughput.py $(BENCH_SIZES) --scaling 1000,2000,5000,10000
	$(PY) bench/hostile.py

## analysis on a 2-worker Dask LocalCluster against 1 worker and the local pool, same raw tables
## (2,000 files: on fewer, each worker's first chunk, its budget child starting, dominates)
BENCH_DASK_FILES ?= 2000
bench-dask: install-dev
	$(PY) bench/dask_speedup.py $(BENCH_DASK_FILES)

## headless Chromium for the docs-site test (Debian)
browser:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

clean:
	rm -rf warehouse/khabar.duckdb warehouse/khabar.duckdb.wal warehouse/khabar.duckdb.built warehouse/khabar.duckdb.dbt warehouse/khabar.duckdb.lock warehouse/khabar.read.duckdb dbt/target dbt/logs .prefect expectations/gx/uncommitted

# customer_360: two commands on a fresh machine (python3 and make only).
#   make run    set up .venv, make a demo lake if there is none, build everything
#   make test   set up .venv and run every check (ruff, sqlfluff, pytest + dbt builds, the
#               Dagster module and the Spark target in their own virtualenvs)
#   make dashboard  serve the Streamlit dashboard over the built marts
#   make dagster    serve the optional Dagster module (its own .venv-dagster) over the lake

PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed
# Dagster needs watchdog<7, requirements.txt pins 7.1.0: its module gets a virtualenv of its own.
DAGSTER_VENV  := .venv-dagster
DAGSTER_STAMP := $(DAGSTER_VENV)/.installed
# scripts/benchmark.py's Splink baseline (benchmark-only) gets one too (make venv-splink).
SPLINK_VENV   := .venv-splink
SPLINK_STAMP  := $(SPLINK_VENV)/.installed
# The Spark target (docs/spark.md): dbt-spark and pyspark in their own virtualenv too.
SPARK_VENV    := .venv-spark
SPARK_STAMP   := $(SPARK_VENV)/.installed
LAKE        ?= lake
CUSTOMERS   ?= 20000
SEED        ?= 42
DBT_VARS    := '{"lake_root": "$(LAKE)"}'

export DBT_PROFILES_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DO_NOT_TRACK := 1

.PHONY: run test lint lake build gates report evaluate dashboard dagster dagster-venv browser \
	clean help venv-spark build-spark test-spark venv-splink

help:
	@echo "make run    build the demo: venv, lake ($(CUSTOMERS) customers) if missing, dbt build"
	@echo "make test   ruff, sqlfluff, pytest (dbt builds on fixture lakes)"
	@echo "make gates  Great Expectations gates per layer on the built warehouse (docs/data_docs/)"
	@echo "make dashboard  serve the dashboard over the built warehouse on http://localhost:$(DASHBOARD_PORT)"
	@echo "make dagster  serve the Dagster assets and jobs on http://localhost:$(DAGSTER_PORT)"
	@echo "make lake   (re)generate the demo lake: CUSTOMERS=N SEED=S LAKE=path"
	@echo "make test-spark  build a fixture lake on Spark (.venv-spark) and compare with DuckDB"
	@echo "make venv-splink  .venv-splink for scripts/benchmark.py (Splink baseline, plot)"
	@echo "make evaluate  match FEBRL3, FEBRL4, the Connect sample and a generated lake;"
	@echo "               print precision/recall/F1 per set (EVAL_SETS, EVAL_CUSTOMERS, EVAL_ARGS)"

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

# An object-store lake (LAKE=s3://bucket/prefix, docs/lake_format.md) is read where it is:
# no demo lake is generated into it.
LAKE_RAW    := $(if $(filter s3://% s3a://% s3n://%,$(LAKE)),,$(LAKE)/raw)

ifneq ($(LAKE_RAW),)
$(LAKE_RAW): | $(STAMP)
	$(BIN)/python scripts/generate_lake.py --lake-root $(LAKE) --customers $(CUSTOMERS) --seed $(SEED)
endif

# A new lake starts a new warehouse: its trained parameters and unified profile ids
# belong to the old lake (incremental state that --full-refresh keeps).
lake: $(STAMP)
	$(BIN)/python scripts/generate_lake.py --lake-root $(LAKE) --customers $(CUSTOMERS) \
		--seed $(SEED) --force
	rm -f warehouse/customer_360.duckdb warehouse/customer_360.duckdb.wal

build: $(STAMP) $(LAKE_RAW)
	mkdir -p warehouse
	$(BIN)/dbt build --vars $(DBT_VARS)

# Great Expectations gates per layer over the built warehouse; Data Docs in docs/data_docs/.
gates: $(STAMP)
	$(BIN)/python scripts/quality_gates.py --lake-root $(LAKE)

report: $(STAMP)
	$(BIN)/python scripts/report_run.py --lake-root $(LAKE)

run: build gates report

DASHBOARD_PORT ?= 8501

# The dashboard reads the DuckDB file read-only: build first (make run), then serve it.
dashboard: $(STAMP)
	@test -f "$${CUSTOMER_360_DUCKDB:-warehouse/customer_360.duckdb}" || (echo "no warehouse: run make run first" && exit 1)
	$(BIN)/streamlit run dashboard/app.py --server.port $(DASHBOARD_PORT)

# The optional Dagster module (customer_360_dagster/): assets, asset checks and the jobs of
# selectors.yml, in Dagster's UI. Its runs build CUSTOMER_360_DUCKDB (default
# warehouse/customer_360.duckdb) from the lake at LAKE.
DAGSTER_PORT ?= 3000

$(DAGSTER_STAMP): requirements-dagster.txt
	test -x $(DAGSTER_VENV)/bin/python || $(PYTHON) -m venv $(DAGSTER_VENV)
	$(DAGSTER_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(DAGSTER_VENV)/bin/python -m pip install --quiet -r requirements-dagster.txt
	touch $(DAGSTER_STAMP)

dagster-venv: $(DAGSTER_STAMP)

dagster: $(DAGSTER_STAMP) $(LAKE)/raw
	mkdir -p warehouse
	CUSTOMER_360_LAKE_ROOT="$(LAKE)" \
	CUSTOMER_360_DUCKDB="$${CUSTOMER_360_DUCKDB:-$(CURDIR)/warehouse/customer_360.duckdb}" \
		$(DAGSTER_VENV)/bin/dagster dev -m customer_360_dagster -p $(DAGSTER_PORT)

# Headless Chromium and its driver for the dashboard test, from Debian's packages.
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
	else echo "install chromium and chromium-driver (Debian) for the dashboard test"; fi

EVAL_SETS      ?= febrl3,febrl4,connect_sample,generated
EVAL_CUSTOMERS ?= 100000

evaluate: $(STAMP)
	$(BIN)/python scripts/evaluate.py --sets $(EVAL_SETS) --customers $(EVAL_CUSTOMERS) $(EVAL_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check scripts tests dashboard customer_360_plugins customer_360_dagster
	$(BIN)/ruff format --check scripts tests dashboard customer_360_plugins customer_360_dagster
	CUSTOMER_360_LINT=1 CUSTOMER_360_DUCKDB=:memory: $(BIN)/sqlfluff lint models analyses

# tests/python/test_dagster.py needs Dagster: it runs in .venv-dagster, everything else in .venv.
# tests/python/test_benchmark.py runs scripts/benchmark.py with Splink, from .venv-splink.
# The Spark tests (make test-spark) build a fixture lake on Spark and on DuckDB and compare them.
SPARK_TESTS := tests/python/test_spark.py tests/python/test_spark_identity.py
SPARK_TESTS += tests/python/test_spark_marts.py
SPARK_TESTS += tests/python/test_spark_contact_center.py
# last: it trains again on the shared build's Spark warehouse, after the others unloaded it
SPARK_TESTS += tests/python/test_spark_training.py
# The main pytest run spreads its files over PYTEST_WORKERS processes (pytest-xdist; a file's
# tests stay together, so its module fixtures build once): `make test PYTEST_WORKERS=0` runs
# them in one process.
PYTEST_WORKERS ?= 2
test: lint browser $(DAGSTER_STAMP) $(SPLINK_STAMP) $(SPARK_STAMP)
	$(BIN)/python -m pytest --durations=15 -n $(PYTEST_WORKERS) --dist loadfile \
		--ignore=tests/python/test_dagster.py \
		$(foreach file,$(SPARK_TESTS),--ignore=$(file))
	$(DAGSTER_VENV)/bin/python -m pytest tests/python/test_dagster.py
	$(MAKE) test-spark

# Spark target (docs/spark.md): its own virtualenv from requirements-spark.txt (dbt-spark's
# session method on the local pyspark wheel; Java 17), so the DuckDB pins stay untouched.

$(SPARK_STAMP): requirements-spark.txt
	test -x $(SPARK_VENV)/bin/python || $(PYTHON) -m venv $(SPARK_VENV)
	$(SPARK_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(SPARK_VENV)/bin/python -m pip install --quiet -r requirements-spark.txt
	$(SPARK_VENV)/bin/python -m pip check
	touch $(SPARK_STAMP)

venv-spark: $(SPARK_STAMP)

# The whole project on Spark over $(LAKE) (docs/spark.md): seeds, every model from the raw lake
# to the marts and audits, and the data tests. SPARK_SELECT narrows it (a dbt selector, e.g.
# SPARK_SELECT=+int_profiles_normalized; tests then only where all their parents are selected).
# Incremental models are rebuilt in full on Spark (dbt_project.yml).
SPARK_SELECT ?=
build-spark: $(SPARK_STAMP) $(LAKE)/raw
	mkdir -p warehouse/spark
	$(SPARK_VENV)/bin/dbt run-operation register_lake_sources --target spark --vars $(DBT_VARS)
	$(SPARK_VENV)/bin/dbt build --target spark --vars $(DBT_VARS) \
		$(if $(SPARK_SELECT),--select $(SPARK_SELECT) --indirect-selection cautious)

# A small fixture lake built on DuckDB and on Spark (the whole project, once, shared by the
# modules: tests/python/spark_project.py); the outputs must be equal.
test-spark: $(STAMP) $(SPARK_STAMP)
	CUSTOMER_360_SPARK_TESTS=1 $(BIN)/python -m pytest --durations=10 $(SPARK_TESTS)

# scripts/benchmark.py's Splink baseline and plot: their own virtualenv (SPLINK_VENV, above)
# from requirements-splink.txt (Splink 5 and matplotlib), never a runtime dependency.
$(SPLINK_STAMP): requirements-splink.txt
	test -x $(SPLINK_VENV)/bin/python || $(PYTHON) -m venv $(SPLINK_VENV)
	$(SPLINK_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(SPLINK_VENV)/bin/python -m pip install --quiet -r requirements-splink.txt
	$(SPLINK_VENV)/bin/python -m pip check
	touch $(SPLINK_STAMP)

venv-splink: $(SPLINK_STAMP)

clean:
	rm -rf target logs warehouse dbt_packages .pytest_cache .ruff_cache

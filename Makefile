# Sikap: the newcomer's menu. `make run` and `make test` are the two set-up commands.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: help install run serve migrate demo test lint typecheck migrations-check test-sqlite test-postgres messages bench clean bench-export bench-submit bench-faults bench-indices bench-imports

help:
	@echo "make run     install, migrate, load the demo ministry, serve at http://$(HOST):$(PORT)"
	@echo "make test    lint, type check, migration check, test suite on SQLite and PostgreSQL"
	@echo "make install only create .venv and install (idempotent)"

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 ($(PYTHON)) is needed: apt install python3.11 python3.11-venv"; exit 1; }
	$(PYTHON) -m venv $(VENV) || { echo "Could not create .venv: apt install python3.11-venv"; exit 1; }

# Front-end packages (Chart.js) come from npm, exactly as pinned in package-lock.json.
$(STAMP): $(BIN)/python pyproject.toml $(wildcard package-lock.json)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade "pip==25.3"
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[dev]"
	@if [ -f package.json ]; then \
		command -v npm >/dev/null || { echo "npm is needed for the charts (package.json): apt install npm"; exit 1; }; \
		npm ci --no-audit --no-fund; \
	fi
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/sikap migrate --no-input

demo: migrate
	DEBUG=1 $(BIN)/sikap demo

run: migrate
	@# DEBUG=1: the demo refuses to run with DEBUG off (a production database would get its published logins).
	DEBUG=1 $(BIN)/sikap demo --print-logins
	$(BIN)/sikap collectstatic --no-input --verbosity 0
	@echo "Sikap berjalan di / is running at http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	@# The background worker (Kanwil reports, large exports) runs beside the server and stops with it.
	DEBUG=1 $(BIN)/sikap db_worker --no-reload --verbosity 0 & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		DEBUG=1 $(BIN)/sikap runserver $(HOST):$(PORT)

serve: run

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy sikap config

migrations-check: install
	$(BIN)/sikap makemigrations --check --dry-run

test-sqlite: install
	@echo "=== Test suite on SQLite ==="
	DATABASE_URL="sqlite:///$(CURDIR)/var/test.sqlite3" $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: install
	@echo "=== Test suite on PostgreSQL (throwaway cluster) ==="
	$(BIN)/python -m sikap.testing.pgcluster -- $(BIN)/pytest $(PYTEST_ARGS)

test: lint typecheck migrations-check test-sqlite test-postgres

messages: install
	$(BIN)/sikap makemessages -l en --ignore=.venv --ignore=node_modules
	$(BIN)/sikap compilemessages --ignore=.venv --ignore=node_modules

bench-export: install
	@echo "=== Export benchmark: 1M submissions to CSV, XLSX and SPSS .sav (throwaway PostgreSQL) ==="
	$(BIN)/python bench/export.py $(BENCH_EXPORT_ARGS)

# Today's code (BENCH_BASELINE, checked out into a temporary worktree), this tree and a fair ceiling, side by side.
BENCH_BASELINE ?= 4e70a62
bench-submit: install
	@echo "=== Submission benchmark: $(BENCH_BASELINE), this tree and the fair ceiling; gunicorn on a throwaway PostgreSQL ==="
	$(BIN)/python bench/submit.py --baseline "$(BENCH_BASELINE)" $(BENCH_SUBMIT_ARGS)

# Not part of `make test`: PostgreSQL restarted (fast, then immediate) under load; 0 lost and 0 duplicated is the goal.
bench-faults: install
	@echo "=== Fault campaign: respondents against gunicorn while PostgreSQL restarts (throwaway cluster) ==="
	$(BIN)/python bench/faults.py $(BENCH_FAULTS_ARGS)

bench-imports: install
	@echo "=== Import benchmark: peak memory and time of the largest accepted CSV and XLSX, and of hostile files (SQLite) ==="
	$(BIN)/python bench/imports.py $(BENCH_IMPORTS_ARGS)

clean:
	rm -rf $(VENV) var/test.sqlite3 .pytest_cache .mypy_cache .ruff_cache

bench-indices: install
	@echo "=== Indices benchmark: rollup reads and the full rebuild at 100k/1M/10M responses, DuckDB beside it ==="
	@$(BIN)/python -c "import duckdb" 2>/dev/null || $(BIN)/pip install --quiet --disable-pip-version-check "duckdb==2.0.0"
	$(BIN)/python bench/indices.py $(BENCH_INDICES_ARGS)

# The two commands a new colleague needs: `make run` and `make test`.
# Both bootstrap their own virtual environment from uv.lock.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
UV_VERSION := 0.13.9
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/$(VENV)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help bootstrap run test test-clock lint format migrations-check seed worker beat bench bench-fill load

help:
	@echo "make run    – set up, migrate, load demo data and serve http://$(HOST):$(PORT)"
	@echo "make test   – set up and run ruff and the whole test suite"
	@echo "make bench-fill CASES=100000 – fill an empty PostgreSQL database (DATABASE_URL) for the benchmark"
	@echo "make bench  – time every page in-process: queries, p50/p95, SQL floor (docs/benchmarks.md)"
	@echo "make load   – locust's 50 caseworkers for 5 min against gunicorn (LOAD_USERS, LOAD_TIME); var/load/"
	@echo "make test-clock DAY='2028-02-29 10:00:00' – the non-browser tests on SQLite with the clock moved (faketime)"

$(VENV)/.synced: pyproject.toml uv.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	@$(VENV)/bin/uv sync --frozen --inexact --quiet
	@touch $@

bootstrap: $(VENV)/.synced
	@mkdir -p var

run: bootstrap
	@export DJANGO_DEBUG=$${DJANGO_DEBUG:-1} SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)}; \
	$(PY) manage.py ensure_database && \
	$(PY) manage.py migrate --noinput && \
	$(PY) manage.py collectstatic --noinput --verbosity 0 && \
	$(PY) manage.py seed_demo && \
	if [ -n "$$REDIS_URL" ] && [ -n "$$DATABASE_URL" ]; then \
	  trap 'kill 0' EXIT INT TERM; \
	  $(VENV)/bin/celery -A config worker --loglevel=INFO --concurrency=2 & \
	  $(VENV)/bin/celery -A config beat --loglevel=INFO --schedule=var/celerybeat-schedule & \
	  $(PY) manage.py runserver $(HOST):$(PORT); \
	else \
	  if [ -z "$$DATABASE_URL" ]; then echo "Ingen DATABASE_URL: SQLite i var/."; fi; \
	  echo "Uten både DATABASE_URL og REDIS_URL: oppgaver kjøres i prosessen, uten beat (bruk manage.py run_scans)."; \
	  $(PY) manage.py runserver $(HOST):$(PORT); \
	fi

test: bootstrap
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DATABASE_URL= DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# The suite must pass on any day: run it with the system clock moved by libfaketime
# (Debian package `faketime`). SQLite and no broker, so nothing outside the process
# keeps the real time; the tests through the local identity provider (a node process,
# marker `oidc`) are left out for the same reason.
DAY ?= 2028-02-29 10:00:00
test-clock: bootstrap
	@command -v faketime >/dev/null || { echo "faketime mangler: apt-get install faketime"; exit 1; }
	DATABASE_URL= REDIS_URL= faketime -f "@$(DAY)" $(VENV)/bin/pytest -m "not browser and not celery and not oidc" $(PYTEST_ARGS)

lint: bootstrap
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: bootstrap
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

seed: bootstrap
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py seed_demo

worker: bootstrap
	$(VENV)/bin/celery -A config worker --loglevel=INFO

beat: bootstrap
	$(VENV)/bin/celery -A config beat --loglevel=INFO --schedule=var/celerybeat-schedule

# The benchmark (docs/benchmarks.md): production settings (debug off), in-process.
CASES ?= 10000
BENCH_ENV = DJANGO_SETTINGS_MODULE=config.settings.base DJANGO_DEBUG=false \
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-bench-only-not-a-secret-0123456789abcdef} \
	DJANGO_BEHIND_TLS_PROXY=true
bench-fill: bootstrap
	@test -n "$$DATABASE_URL" || { echo "Sett DATABASE_URL til en tom PostgreSQL-database."; exit 1; }
	$(PY) manage.py ensure_database && $(PY) manage.py migrate --noinput --verbosity 0
	$(BENCH_ENV) nice -n 10 $(PY) manage.py bench_fill --cases $(CASES)

bench: bootstrap
	@test -n "$$DATABASE_URL" || { echo "Sett DATABASE_URL (fylt med make bench-fill)."; exit 1; }
	$(BENCH_ENV) nice -n 10 $(PY) manage.py bench --explain var/bench-explain.md $(BENCH_ARGS)

# The load run (issue 18): gunicorn with the production settings, locust, var/load/.
load: bootstrap
	@test -n "$$DATABASE_URL" || { echo "Sett DATABASE_URL (fylt med make bench-fill)."; exit 1; }
	VENV=$(VENV) scripts/load.sh

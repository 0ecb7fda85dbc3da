# SWV-portaal. Quick start: `make run` (serves http://127.0.0.1:8000) and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Development defaults; production sets its own environment (see README).
DEV_ENV := DJANGO_DEBUG=true SWV_DEMO_MODE=true
STAMP := $(VENV)/.installed

# The shifted-clock run: the whole suite on a running clock moved this far ahead (always
# into a later school year); or set KLOK=2028-03-20T10:30 for one particular moment.
KLOK ?= $(shell date -d '+400 days' '+%Y-%m-%dT%H:%M')

.PHONY: run test test-sqlite test-postgres test-klok e2e e2e-belast install lint check-migrations check-deploy check-productie demo bench bench-snel test-bench clean system-deps

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is nodig ($(PYTHON) niet gevonden)"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# WeasyPrint needs Pango from the operating system; installed here when missing (Debian, as root).
system-deps:
	@bash scripts/system-deps.sh

run: install
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py load_demo
	@# The background worker (swv/taken.py) runs beside the server and stops with it.
	$(DEV_ENV) $(BIN)/python manage.py db_worker --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

demo: install
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py load_demo

# The whole suite on the database DATABASE_URL names (SQLite when unset).
test: install system-deps
	$(DEV_ENV) $(BIN)/python -m pytest -n 2 -q

test-sqlite: install system-deps
	env -u DATABASE_URL $(DEV_ENV) $(BIN)/python -m pytest -n 2 -q

test-postgres: install system-deps
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/swv} $(DEV_ENV) $(BIN)/python -m pytest -n 2 -q

# The whole suite with the clock moved into a later school year (see KLOK above).
test-klok: install system-deps
	$(DEV_ENV) $(BIN)/python -m pytest -n 2 -q --klok=$(KLOK)

# Browser tests only (headless Chromium); e2e-belast runs them while both cores are busy.
e2e: install system-deps
	$(DEV_ENV) $(BIN)/python -m pytest -q -m e2e

e2e-belast: install system-deps
	$(DEV_ENV) bash scripts/e2e-onder-belasting.sh

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

check-migrations: install
	$(DEV_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

# `check --deploy` with production-like settings.
check-deploy: install
	DJANGO_DEBUG=false DJANGO_SECRET_KEY=ci-$$(head -c 48 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9') \
	DJANGO_ALLOWED_HOSTS=swv.example.nl $(BIN)/python manage.py check --deploy --fail-level WARNING

# A clean `pip install .` (no dev extras) in its own virtualenv: imports, check --deploy,
# migrate, collectstatic, demo, round bundle PDF.
check-productie: system-deps
	bash scripts/productie-check.sh

# Benchmarks over real HTTP (gunicorn) against a floor view; writes bench/RESULTS.md.
bench: install
	$(DEV_ENV) $(BIN)/python -m bench

bench-snel: install
	$(DEV_ENV) $(BIN)/python -m bench --snel

test-bench: install system-deps
	$(DEV_ENV) $(BIN)/python -m pytest -q -n 0 -m bench tests/bench

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles

# Alongside: the front door. `make run` serves the demo; `make test` checks everything.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
PYTHON_CANDIDATES := python3.13 python3.12 \
	$(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3) \
	$(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3) \
	/usr/local/bin/python3.13 /usr/local/bin/python3.12 \
	/usr/bin/python3.13 /usr/bin/python3.12 python3
# The first interpreter that really runs and is Python 3.12 or newer.
PYTHON ?= $(shell for p in $(PYTHON_CANDIDATES); do \
	if "$$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
	echo "$$p"; break; fi; done)
HOST ?= 127.0.0.1
PORT ?= 8000
# `make bench` also times search on PostgreSQL when a server answers here.
BENCH_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: help setup run test check lint fix typecheck migrations-check pytest e2e bench \
	eval-safety lock clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(BIN)/.installed: pyproject.toml requirements.lock
	@if [ -z "$(PYTHON)" ]; then \
	  echo "Alongside needs Python 3.12 or newer, and none was found."; \
	  echo "Install python3.12 (or 3.13), or run: make PYTHON=/path/to/python3.12 ..."; \
	  exit 1; fi
	@echo "Using $(PYTHON) ($$($(PYTHON) --version))"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

setup: $(BIN)/.installed ## Create .venv and install the locked dependencies

run: setup ## Set up and serve the demo community on http://127.0.0.1:8000
	@mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo --if-empty
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo ""
	@echo "  Alongside is running at http://$(HOST):$(PORT)/"
	@echo "  Demo logins (password: alongside-demo):"
	@echo "    rowan  - member          sam    - member"
	@echo "    alex   - facilitator     morgan - moderator"
	@echo "    casey  - site admin      dr_amara - verified nurse"
	@echo "  morgan and casey also give a code from an authenticator app (demo key ALNGSDDEMMDRTRKY),"
	@echo "  or run: .venv/bin/python manage.py demo_code"
	@echo "  Press Ctrl+C to stop."
	@echo ""
	$(BIN)/uvicorn config.asgi:application --host $(HOST) --port $(PORT) \
		--workers 1 --lifespan off --no-access-log

test: setup lint typecheck migrations-check pytest ## Lint, type check, migrations check and the whole suite

check: test

lint: setup ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fix: setup ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: setup ## mypy --strict with django-stubs
	$(BIN)/mypy alongside config

migrations-check: setup ## Fail when models changed without a migration
	DJANGO_SETTINGS_MODULE=config.test_settings $(BIN)/python manage.py makemigrations --check --dry-run

pytest: setup ## The test suite, without the browser tests
	$(BIN)/pytest -q -m "not browser" --ds=config.test_settings

e2e: setup ## Browser tests in headless Chromium (needs /usr/bin/chromium and npm)
	@test -x /usr/bin/chromium || { echo "Chromium is missing: apt-get install chromium"; exit 1; }
	@test -f node_modules/axe-core/axe.min.js || npm ci --no-audit --no-fund --silent
	@# The in-process live server answers from several threads at once (a page's
	@# own background requests too); an in-memory SQLite database gives them one
	@# shared connection, which fails under that, so these tests use a file.
	ALONGSIDE_TEST_DB=$${ALONGSIDE_TEST_DB:-$$(mktemp -u /tmp/alongside-e2e-XXXXXX.sqlite3)} \
		$(BIN)/pytest -q -m browser --ds=config.test_settings

bench: setup ## Print page, safety-check, notification fan-out and search benchmarks
	$(BIN)/python -m alongside.bench
	$(BIN)/python -m alongside.notifications.bench
	$(BIN)/python -m alongside.search.bench
	@if [ -z "$$DATABASE_URL" ] && $(BIN)/python -c "import psycopg; psycopg.connect('$(BENCH_POSTGRES_URL)', connect_timeout=2).close()" 2>/dev/null; then \
		DATABASE_URL=$(BENCH_POSTGRES_URL) $(BIN)/python -m alongside.search.bench; \
	else \
		echo "Search on PostgreSQL: not run (no server at BENCH_POSTGRES_URL=$(BENCH_POSTGRES_URL))"; \
	fi

eval-safety: setup ## Score the safety checks on a labelled file: make eval-safety FILE=...
	@test -n "$(FILE)" || { echo "Usage: make eval-safety FILE=labelled.jsonl"; exit 1; }
	$(BIN)/python -m alongside.safety.evaluate "$(FILE)"

lock: ## Re-resolve requirements.lock from pyproject.toml
	$(PYTHON) -m venv /tmp/alongside-lock && /tmp/alongside-lock/bin/pip install --quiet pip-tools
	/tmp/alongside-lock/bin/pip-compile --quiet --no-emit-index-url --no-emit-find-links --extra dev --strip-extras -o requirements.lock pyproject.toml

clean: ## Remove the virtualenv and local data
	rm -rf $(VENV) var node_modules

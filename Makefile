# Two commands for a new user: `make run` and `make test`. `make help` lists the rest.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
LANGUAGES := fi sv en ru uk et ro ar fa so th vi fr
MANAGE := $(BIN)/python manage.py
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.DEFAULT_GOAL := help
.PHONY: help install run run-prod bench soak test check messages makemessages lock clean dev-keys audit audit-deps fuzz

help: ## List the targets with one line each
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is required (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	@touch $@

install: $(VENV)/.installed ## Create .venv and install the pinned dependencies

.env: | $(BIN)/python
	@echo "Writing .env with a new local development secret (outside git)"
	@umask 077; printf 'SECRET_KEY=%s\n' "$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" > .env

dev-keys: .env install ## Add a local referral encryption key to .env if it has none (outside git and the database)
	@grep -q '^REFERRAL_ENCRYPTION_KEYS=.' .env || { echo "Adding a local REFERRAL_ENCRYPTION_KEYS to .env"; \
	  printf 'REFERRAL_ENCRYPTION_KEYS=%s\n' "$$($(BIN)/python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')" >> .env; }

messages: install ## Compile the gettext catalogues in locale/ (pure Python, no gettext tools needed)
	$(MANAGE) compile_translations

makemessages: install ## Update locale/*.po from the code and templates (needs GNU gettext)
	$(MANAGE) makemessages $(addprefix -l ,$(LANGUAGES)) --ignore='.venv/*' --ignore='var/*' --ignore='tests/*' \
	  --ignore='site/templates/wagtailadmin/*' --ignore='site/templates/wagtail_localize/*' --no-location --no-obsolete

run: install .env dev-keys messages ## Set up the SQLite site with demo content and serve it on 127.0.0.1:$PORT
	$(MANAGE) migrate --verbosity 0
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) load_demo_content
	@echo "Serving on http://127.0.0.1:$(PORT)/  (create an admin with: $(MANAGE) createsuperuser)"
	DJANGO_SETTINGS_MODULE=website.settings.dev PORT=$(PORT) $(BIN)/gunicorn -c site/gunicorn.conf.py website.wsgi

PROD_ENV := var/prod.env
PROD_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/ihmiskauppa
PROD_CACHE_URL ?= redis://127.0.0.1:6379/1
$(PROD_ENV): | $(BIN)/python
	@mkdir -p var && umask 077 && { \
	  printf 'SECRET_KEY=%s\n' "$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')"; \
	  printf 'REFERRAL_ENCRYPTION_KEYS=%s\n' "$$($(BIN)/python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')"; \
	} > $@ && echo "Wrote $@ (local production secrets, outside git)"

run-prod: install messages $(PROD_ENV) ## Start as the Docker image does (production settings, gunicorn) on local PostgreSQL and Redis
	@set -a && . ./$(PROD_ENV) && set +a && \
	export DJANGO_SETTINGS_MODULE=website.settings.production DOTENV_PATH= DATABASE_URL="$(PROD_DATABASE_URL)" \
	  CACHE_URL="$(PROD_CACHE_URL)" ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=false \
	  PUBLIC_BASE_URL=http://127.0.0.1:$(PORT) \
	  LOAD_DEMO_CONTENT=true PORT=$(PORT) PYTHON=$(BIN)/python && \
	$(BIN)/python -m website.create_database && \
	$(MANAGE) collectstatic --noinput --verbosity 0 && \
	sh site/entrypoint.sh

check: install messages ## Django system checks, migration drift and lint
	DJANGO_SETTINGS_MODULE=website.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=website.settings.test $(MANAGE) makemigrations --check --dry-run --verbosity 0
	$(BIN)/ruff check .

test: check $(PIP_AUDIT) ## Run every test (SQLite by default; set DATABASE_URL for PostgreSQL)
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory $(AUDIT_TOOLS); \
	  else echo "npm not found: the vnu and axe-core tests will be skipped"; fi
	$(BIN)/pytest $(PYTEST_ARGS)

fuzz: install messages ## Hostile-input tests with 10,000 generated requests (several minutes; `make test` sends 5,000)
	FUZZ_REQUESTS=10000 $(BIN)/pytest tests/referral_form/test_fuzz.py $(PYTEST_ARGS)

AUDIT_TOOLS := tests/audit/node_modules/.installed
$(AUDIT_TOOLS): tests/audit/package.json tests/audit/package-lock.json
	npm ci --prefix tests/audit --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

# pip-audit in a virtualenv of its own, at a pinned version: a tool, not a dependency of the site.
PIP_AUDIT_VERSION := 2.10.1
PIP_AUDIT_VENV := var/tools/pip-audit
PIP_AUDIT := $(PIP_AUDIT_VENV)/.installed-$(PIP_AUDIT_VERSION)
$(PIP_AUDIT):
	rm -rf $(PIP_AUDIT_VENV) && $(PYTHON) -m venv $(PIP_AUDIT_VENV)
	$(PIP_AUDIT_VENV)/bin/python -m pip install --quiet "pip-audit==$(PIP_AUDIT_VERSION)"
	@touch $@

audit-deps: $(PIP_AUDIT) ## Check constraints.txt against PyPI's advisories (pip-audit); fails unless every pin was checked
	$(PYTHON) tests/audit/audit_dependencies.py $(PIP_AUDIT_VENV)/bin/pip-audit constraints.txt $(AUDIT_DEPS_ARGS)

bench: install .env dev-keys messages ## Requests/s, p50/p99 and queries of key pages, cached and uncached, against a bare-view floor
	$(BIN)/python -m tests.perf $(BENCH_ARGS)

soak: install .env messages ## 1,000 referrals from 32 visitors at once to gunicorn on SQLite and PostgreSQL: none may be lost
	$(BIN)/python -m tests.soak $(SOAK_ARGS)

audit: install .env dev-keys messages $(AUDIT_TOOLS) ## Lighthouse, axe-core, vnu and the 60 KB budget on key pages (needs Node.js, Java, Chromium)
	$(BIN)/python -m tests.audit $(AUDIT_ARGS)

lock: $(BIN)/python ## Re-resolve dependencies from pyproject.toml and rewrite constraints.txt
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade "pip>=25" && .lock-venv/bin/python -m pip install --quiet -e ".[dev]"
	{ echo "# Exact versions every install uses (make install: pip install -c constraints.txt -e .[dev])."; \
	  echo "# Regenerate with: make lock"; .lock-venv/bin/python -m pip freeze --exclude-editable; } > constraints.txt
	rm -rf .lock-venv

clean: ## Remove the virtualenv, collected static files, media and the local database
	rm -rf $(VENV) var tests/audit/node_modules db.sqlite3 db.sqlite3-shm db.sqlite3-wal

# ntm — the two commands a new user needs are `make run` and `make test` (see README.md).
PY := .venv/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run dev install setup test lint check-migrations clean-db bench

run: setup  ## install, migrate, load the map and the demo, print the logins, serve as the office would (gunicorn, DEBUG off)
	HOST=$(HOST) PORT=$(PORT) scripts/serve.sh

dev: setup  ## the same data, served by Django's development server: DEBUG on, reloads when the code changes
	NTM_DEBUG=true $(MANAGE) runserver $(HOST):$(PORT)

install:
	scripts/install.sh

setup: install
	mkdir -p "$${NTM_VAR_DIR:-var}"
	$(MANAGE) migrate --verbosity 0
	$(MANAGE) demo --url http://$(HOST):$(PORT)/

test:  ## everything the project checks: lint, types, migrations, pytest on SQLite and PostgreSQL, browser
	scripts/test.sh

lint: install
	.venv/bin/ruff check .
	.venv/bin/mypy

check-migrations: install
	$(MANAGE) makemigrations --check --dry-run

bench: setup
	$(PY) benchmarks/geo_map.py

# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format clean bench-import bench

run: $(VENV)/.runtime .env
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo --site http://$(HOST):$(PORT)
	@echo "Serving on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	$(PY) manage.py runserver $(HOST):$(PORT)

# On a throwaway PostgreSQL cluster when its server binaries are here, else SQLite with a warning.
test: $(VENV)/.dev .env
	scripts/with-postgres $(PY) -m pytest $(PYTEST_ARGS)

# Throughput and latency at scale on a throwaway PostgreSQL (needs `apt-get install -y wrk`); not part of
# `make test`. Options: make bench BENCH_RUN_ARGS="--duration 5 --page-cache off"
bench: $(VENV)/.dev .env
	scripts/with-postgres $(PY) bench/run.py $(BENCH_RUN_ARGS)

# Import 1,000 generated articles with suggestions (SQLite, or DATABASE_URL); not part of `make test`.
bench-import: $(VENV)/.dev .env
	$(PY) bench/import_bench.py $(BENCH_ARGS)

lint: $(VENV)/.dev .env
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	# intake's limits: no function above cyclomatic complexity 15, no engine module above 500 lines
	$(PY) -m pytest -q -p no:cacheprovider tests/intake/test_engine_size.py

format: $(VENV)/.dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

.env:
	cp .env.example .env

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache

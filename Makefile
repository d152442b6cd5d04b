# Rapport: `make run` starts the app, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck test-sqlite test-postgres screenshots format clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/rapport serve

test: lint typecheck test-sqlite test-postgres

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: $(STAMP)
	$(BIN)/mypy src

test-sqlite: $(STAMP)
	$(BIN)/pytest

# The same suite against PostgreSQL (skipped with a reason when none is reachable).
test-postgres: $(STAMP)
	DATABASE_URL=$${RAPPORT_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test} \
		$(BIN)/pytest -m "not browser"

screenshots: $(STAMP)
	RAPPORT_SCREENSHOTS=docs/screenshots $(BIN)/pytest -m browser

format: $(STAMP)
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

clean:
	rm -rf $(VENV) build *.egg-info

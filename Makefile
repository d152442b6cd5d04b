# Rapport: `make run` starts the app, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck test-sqlite test-postgres screenshots bench bench-server bench-career format clean openapi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/rapport serve

test: lint typecheck test-sqlite test-postgres

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy src bench

test-sqlite: $(STAMP)
	$(BIN)/pytest

# The same suite against PostgreSQL. The server it names must answer: one that does not is a
# usage error (exit 4), never a run of skipped tests. `make test-sqlite` needs no server.
test-postgres: $(STAMP)
	DATABASE_URL=$${RAPPORT_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test} \
		$(BIN)/pytest -m "not browser"

# Benchmarks at a heavy user's scale; figures next to same-run baselines, also in bench.json.
# The [bench] extra brings Splink, the identity benchmark's second baseline.
BENCH_STAMP := $(VENV)/.bench-installed

$(BENCH_STAMP): $(STAMP) pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/python -m bench.run

# A university career centre on PostgreSQL (bench/career_bench.py): 2,000 students with 1,500
# contacts each, generated with COPY into CAREER_DB (a database kept for it: --fresh empties
# it), served by 4 app processes and a background worker, measured under 64 clients.
# Smaller: make bench-career CAREER_ARGS="--fresh --students 100 --people 300".
CAREER_DB ?= postgres://postgres@127.0.0.1:5432/career
CAREER_ARGS ?=

bench-career: $(STAMP)
	nice -n 10 $(BIN)/python -m bench.career_bench --postgres $(CAREER_DB) $(CAREER_ARGS)

screenshots: $(STAMP)
	RAPPORT_SCREENSHOTS=docs/screenshots $(BIN)/pytest -m browser

# The REST API's OpenAPI document, kept in the repository (a test checks it matches the code).
openapi: $(STAMP)
	$(BIN)/rapport export_openapi_schema --api rapport.api.urls.api --indent 2 --sorted \
		--output docs/api/openapi.json

format: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

clean:
	rm -rf $(VENV) build *.egg-info

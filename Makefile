# Every target bootstraps its own virtual environment on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck unit bench docs docs-serve clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

## demo: the main job — a month grid of the CN calendar (休/班) and worked deadlines
demo: $(STAMP)
	$(BIN)/python -m slaclock demo

## test: lint, strict type checks, then the whole test suite (unit, property, oracle, doctests)
test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/python -m pytest

## bench: side-by-side ratios against numpy, polars, pandas, holidays, chinese_calendar and businesstimedelta, and the
## 10M-row DataFrame, evaluate() on 1M cases and on short tables, policies and engines at scale (not part of test;
## about 10 minutes on 2 cores).
## `make bench BENCH_ARGS=--quick` for a fast pass.
BENCH_ARGS ?=
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_calendar.py $(BENCH_ARGS)
	$(BIN)/python benchmarks/bench_hours.py $(BENCH_ARGS)
	$(BIN)/python benchmarks/bench_deadlines.py --big $(BENCH_ARGS)
	$(BIN)/python benchmarks/bench_evaluate.py $(BENCH_ARGS)
	$(BIN)/python benchmarks/bench_small.py $(BENCH_ARGS)
	$(BIN)/python benchmarks/bench_policies.py $(BENCH_ARGS)
	$(BIN)/python benchmarks/bench_scale.py $(BENCH_ARGS)

## docs: the documentation site into site/ (mkdocs build --strict: a warning is an error); docs-serve: live at :8000
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir site

docs-serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --strict

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis site

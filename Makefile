# Every target bootstraps its own virtual environment on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck unit bench clean

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

## bench: side-by-side ratios against numpy, holidays, chinese_calendar, businesstimedelta and pandas (not part of test)
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_calendar.py
	$(BIN)/python benchmarks/bench_hours.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis

# Two entry points that work on a fresh Debian/Ubuntu machine with Python 3.11+:
#   make briefs  -> a brief for every params/*.yaml in briefings/
#   make test    -> the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: briefs test eval lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP) $@

briefs: $(STAMP)
	$(BIN)/policybrief run params/ --out briefings

test: $(TEST_STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest

eval: $(STAMP)
	$(BIN)/python ../shared/eval/score.py tests/devset --cmd '$(BIN)/policybrief analyze {article} --json'

bench: $(TEST_STAMP)
	$(BIN)/python benchmarks/bench_analyze.py
	$(BIN)/python benchmarks/bench_run.py
	$(BIN)/python benchmarks/bench_batch.py

clean:
	rm -rf briefings .pytest_cache

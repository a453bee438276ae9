# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test bench soak snapshots screenshots clean catalog

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(STAMP)

run: $(STAMP)
	$(BIN)/goaltui $(ARGS)

test: $(TEST_STAMP)
	$(BIN)/ruff check src tests bench soak docs synthetic i18n
	$(BIN)/ruff format --check src tests bench soak docs synthetic i18n
	$(BIN)/mypy src
	$(BIN)/mypy tests synthetic bench i18n
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q -p no:cacheprovider

bench: $(TEST_STAMP)
	$(BIN)/python -m bench

soak: $(TEST_STAMP)
	$(BIN)/python soak/run.py

snapshots: $(TEST_STAMP)
	$(BIN)/python -m pytest -q tests/tui --snapshot-update

screenshots: $(TEST_STAMP)
	PYTHONPATH=. $(BIN)/python docs/screenshots.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache

catalog: $(TEST_STAMP)
	$(BIN)/python -m i18n

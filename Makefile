# Two commands: `make run` shows kozh working, `make test` runs the suite.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
DB      := build/glossary.db

.PHONY: run test bench quality clean

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	@mkdir -p build
	@rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/kozh --db $(DB) extract data/issues/
	$(BIN)/kozh --db $(DB) terms list --limit 10
	$(BIN)/kozh --db $(DB) terms set-status 공업정보화부 preferred
	$(BIN)/kozh --db $(DB) lint --fail-on none data/drafts/
	$(BIN)/kozh --db $(DB) lint --fail-on none --diff data/drafts/

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[test,bench]'
	$(BIN)/python -m bench

quality: $(STAMP)
	$(BIN)/python -m bench.quality corpus
	$(BIN)/python -m bench.quality holdout

clean:
	rm -rf $(VENV) build

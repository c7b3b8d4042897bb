# The two commands a user types on a fresh machine: `make extract` and `make test`.
# Both create the virtual environment (.venv) first when it is missing or stale.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
RAW    ?= data/raw
OUT    ?= data/processed

GOLD   ?= ../shared/gold

.PHONY: extract test eval docs db csv venv clean help

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*##/\t/'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)  ## create or update the virtual environment

extract: $(STAMP)  ## read RAW (default data/raw) and write the tables to OUT (default data/processed)
	$(BIN)/python -m pipeline extract "$(RAW)" "$(OUT)"

eval: $(STAMP)  ## score the tables in OUT against the gold annotations in GOLD (P/R/F1 per table)
	$(BIN)/python -m pipeline eval --gold "$(GOLD)" --out "$(OUT)"

db: $(STAMP)  ## create OUT/minutes.duckdb: views over the tables plus analyst views
	$(BIN)/python -m pipeline db "$(OUT)"

csv: $(STAMP)  ## write OUT/csv/<table>.csv for Czech Excel (UTF-8 BOM, ';', decimal comma)
	$(BIN)/python -m pipeline csv "$(OUT)"

docs: $(STAMP)  ## regenerate docs/data-dictionary.md from the table schemas
	$(BIN)/python -m pipeline docs

test: $(STAMP)  ## run the test suite
	$(BIN)/python -m pytest -q

clean:  ## remove generated tables and caches (not the environment)
	rm -rf build data/processed/*.parquet data/interim/* .pytest_cache

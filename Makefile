# The two commands a user types on a fresh machine: `make extract` and `make test`.
# Both create the virtual environment (.venv) first when it is missing or stale:
# `make extract` (and every analyst target) installs the runtime dependencies only,
# `make test` adds the dev extras (pytest, hypothesis, selenium, dask), `make bench` its own.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Stamps: the runtime dependencies (`pip install -e .`), then the dev extras on top (`make test`).
STAMP  := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
RAW    ?= data/raw
OUT    ?= data/processed

GOLD   ?= ../shared/gold
SETS   ?= data/raw:tests/fixtures/sample_gold ../shared/corpus/raw:../shared/gold \
          tests/fixtures/dev_sets/dev2/raw:tests/fixtures/dev_sets/dev2/gold \
          tests/fixtures/dev_sets/dev3/raw:tests/fixtures/dev_sets/dev3/gold \
          tests/fixtures/dev_sets/dev5/raw:tests/fixtures/dev_sets/dev5/gold \
          tests/fixtures/dev_sets/dev6/raw:tests/fixtures/dev_sets/dev6/gold \
          tests/fixtures/dev_sets/dev7/raw:tests/fixtures/dev_sets/dev7/gold \
          tests/fixtures/dev_sets/dev8/raw:tests/fixtures/dev_sets/dev8/gold \
          tests/fixtures/dev_sets/real10/raw:tests/fixtures/dev_sets/real10/gold \
          tests/fixtures/dev_sets/real11/raw:tests/fixtures/dev_sets/real11/gold \
          tests/fixtures/dev_sets/real12/raw:tests/fixtures/dev_sets/real12/gold \
          tests/fixtures/dev_sets/real13/raw:tests/fixtures/dev_sets/real13/gold \
          tests/fixtures/heldout/blind/raw:tests/fixtures/heldout/blind/gold \
          tests/fixtures/heldout/dev4/raw:tests/fixtures/heldout/dev4/gold \
          tests/fixtures/heldout/dev9/raw:tests/fixtures/heldout/dev9/gold \
          tests/fixtures/dev_sets/real14/raw:tests/fixtures/dev_sets/real14/gold \
          tests/fixtures/heldout/real15/raw:tests/fixtures/heldout/real15/gold
N      ?= $(or $(BENCH_N),1000 4000)
BENCH_STAMP := $(VENV)/.installed-bench

.PHONY: all extract test eval eval-sets docs db csv report bench venv clean help setup-system

# Optional system programs: LibreOffice reads .doc/.odt/.rtf, Tesseract OCRs scans,
# Chromium runs the report's browser test.
SYSTEM_PACKAGES := libreoffice-writer-nogui tesseract-ocr tesseract-ocr-ces fonts-dejavu-core chromium chromium-driver
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*##/\t/'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

$(DEV_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(DEV_STAMP)

venv: $(STAMP)  ## create or update the virtual environment (runtime dependencies only)

extract: $(STAMP)  ## read RAW (default data/raw) and write the tables to OUT (default data/processed)
	$(BIN)/python -m pipeline extract "$(RAW)" "$(OUT)"

all: $(STAMP)  ## extract, then OUT/minutes.duckdb, OUT/csv/ and OUT/report/ (extract rebuilds those already there)
	$(BIN)/python -m pipeline extract "$(RAW)" "$(OUT)"
	@test -f "$(OUT)/minutes.duckdb" -a ! -e "$(OUT)/minutes.duckdb.STALE.txt" || $(BIN)/python -m pipeline db "$(OUT)"
	@test -d "$(OUT)/csv" -a ! -e "$(OUT)/csv.STALE.txt" || $(BIN)/python -m pipeline csv "$(OUT)"
	@test -f "$(OUT)/report/index.html" -a ! -e "$(OUT)/report.STALE.txt" || $(BIN)/python -m pipeline report "$(OUT)"

eval: $(STAMP)  ## score the tables in OUT against the gold annotations in GOLD (P/R/F1 per table)
	$(BIN)/python -m pipeline eval --gold "$(GOLD)" --out "$(OUT)"

db: $(STAMP)  ## create OUT/minutes.duckdb: a copy of every table, run_info, analyst views
	$(BIN)/python -m pipeline db "$(OUT)"

report: $(STAMP)  ## write OUT/report/index.html: a page per document with every extracted row highlighted
	$(BIN)/python -m pipeline report "$(OUT)"

csv: $(STAMP)  ## write OUT/csv/<table>.csv for Czech Excel (UTF-8 BOM, ';', decimal comma)
	$(BIN)/python -m pipeline csv "$(OUT)"

eval-sets: $(STAMP)  ## extract and score every evaluation set (see tests/fixtures/README.md)
	@for pair in $(SETS); do raw=$${pair%%:*}; gold=$${pair##*:}; name=$$(echo $$raw | tr '/' '_'); \
	  echo "== $$raw"; \
	  $(BIN)/python -m pipeline extract "$$raw" "build/eval/$$name" --no-cache > /dev/null && \
	  $(BIN)/python -m pipeline eval --gold "$$gold" --out "build/eval/$$name"; done

docs: $(STAMP)  ## regenerate docs/data-dictionary.md from the table schemas
	$(BIN)/python -m pipeline docs

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $(DEV_STAMP) $(BENCH_STAMP)

bench: $(BENCH_STAMP)  ## speed/scale/memory on a synthetic archive (N="1000 4000" files; BENCH_ARGS="--help") -> bench/results.json
	$(BIN)/python bench/run_bench.py --sizes $(N) $(BENCH_ARGS)

test: $(DEV_STAMP)  ## run the test suite (installs the dev extras first)
	$(BIN)/python -m pytest -q

setup-system:  ## optional: install LibreOffice, Tesseract and Chromium (Debian/Ubuntu packages): .doc/.odt/.rtf, scans, report test
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES)

clean:  ## remove generated tables and caches (not the environment)
	rm -rf build data/processed/*.parquet data/interim/* .pytest_cache  # the cache itself: ~/.cache/kpss (or KPSS_CACHE_DIR)

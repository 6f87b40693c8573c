# kutim-corpus: every rebuild goes through this file.
#   make demo   install, then build + index + search + release the bundled sample pages
#   make test   install, then run the test suite
# Data targets (make corpus / index / release) have real dependencies: running one twice does nothing.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
KUTIM  := $(VENV)/bin/kutim
SHARED ?= ../shared

RAW      ?= data/raw/sample
CORPUS   ?= data/corpus
INDEX    ?= data/index
RELEASES ?= data/releases
VERSION  ?=
DEMO_VERSION ?= 0.1.0

RAW_FILES := $(shell find $(RAW) -type f 2>/dev/null | LC_ALL=C sort)
SRC_FILES := $(shell find src schemas -type f -not -path '*/__pycache__/*' 2>/dev/null | LC_ALL=C sort)

.PHONY: install demo test lint eval bench corpus index release clean help

help:
	@echo "make demo | test | lint | eval | bench | corpus | index | release VERSION=x.y.z | clean"

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $@

test: install
	$(PY) -m pytest -q -p no:cacheprovider

lint: install
	$(VENV)/bin/ruff check src tests scripts

# --- data ---------------------------------------------------------------------------------
corpus: $(CORPUS)/build.json

$(CORPUS)/build.json: $(RAW_FILES) $(SRC_FILES) | install
	$(KUTIM) build $(RAW) --out $(CORPUS)

index: $(INDEX)/.built

$(INDEX)/.built: $(CORPUS)/build.json | install
	$(KUTIM) index $(CORPUS) --index $(INDEX)
	touch $@

release: $(CORPUS)/build.json | install
	@test -n "$(VERSION)" || { echo "usage: make release VERSION=x.y.z"; exit 2; }
	$(KUTIM) release $(VERSION) --corpus $(CORPUS) --out $(RELEASES)

demo: install corpus index
	$(KUTIM) search "perlindungan anak" --index $(INDEX) --agency DP3A --limit 5
	$(KUTIM) search "banjir" --index $(INDEX) --region Kutim --from 2024-01-01 --sort date --limit 5
	$(KUTIM) release $(DEMO_VERSION) --corpus $(CORPUS) --out $(RELEASES)

# --- measurement --------------------------------------------------------------------------
eval: install
	$(PY) scripts/eval_extract.py --dev $(SHARED)/eval/dev
	$(PY) scripts/eval_enrich.py
	$(PY) scripts/eval_clusters.py

bench: install
	$(PY) scripts/bench_build.py
	$(PY) scripts/bench_index.py
	$(PY) scripts/bench_clusters.py

clean:
	rm -rf $(CORPUS) $(INDEX) $(RELEASES) build dist .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

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

# Data dependencies. The raw folders are prerequisites too: adding or removing a page changes
# their mtime, so a removed page also triggers a rebuild. Only the modules that turn bytes into
# records feed the corpus (editing search.py must not rebuild it); kutim build's own cache then
# parses again only the pages that changed.
RAW_FILES := $(shell find $(RAW) -type f -not -name '.*' 2>/dev/null | LC_ALL=C sort)
RAW_DIRS  := $(shell find $(RAW) -type d 2>/dev/null | LC_ALL=C sort)
SRC_FILES := $(shell find src schemas -type f -not -path '*/__pycache__/*' 2>/dev/null | LC_ALL=C sort)
DOWNSTREAM_SRC := $(filter src/kutim_corpus/index.py src/kutim_corpus/search.py src/kutim_corpus/analysis.py src/kutim_corpus/publish.py src/kutim_corpus/synthetic.py src/kutim_corpus/release/% src/kutim_corpus/cli/index.py src/kutim_corpus/cli/search.py src/kutim_corpus/cli/release.py src/kutim_corpus/cli/clusters.py,$(SRC_FILES))
BUILD_SRC := $(filter-out $(DOWNSTREAM_SRC),$(SRC_FILES))

.PHONY: install demo test lint eval bench corpus index release release-usage clean help

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
# `make corpus` twice does nothing the second time; touching one raw page rebuilds the corpus
# (kutim build re-parses only that page, from its cache in $(CORPUS)/.cache), then the index
# and a release only when asked for, because they depend on $(CORPUS)/build.json.
corpus: $(CORPUS)/build.json

$(CORPUS)/build.json: $(RAW_FILES) $(RAW_DIRS) $(BUILD_SRC) | install
	$(KUTIM) build $(RAW) --out $(CORPUS)
	@touch $@

index: $(INDEX)/.built

$(INDEX)/.built: $(CORPUS)/build.json $(filter src/kutim_corpus/index.py src/kutim_corpus/analysis.py src/kutim_corpus/cli/index.py,$(SRC_FILES)) | install
	$(KUTIM) index $(CORPUS) --index $(INDEX)
	@touch $@

release: $(if $(VERSION),$(RELEASES)/$(VERSION)/MANIFEST.json,release-usage)

release-usage:
	@echo "usage: make release VERSION=x.y.z"; exit 2

$(RELEASES)/%/MANIFEST.json: $(CORPUS)/build.json | install
	$(KUTIM) release $* --corpus $(CORPUS) --out $(RELEASES)

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
	$(PY) scripts/bench_release.py

clean:
	rm -rf $(CORPUS) $(INDEX) $(RELEASES) build dist .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

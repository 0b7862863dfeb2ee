# Two commands do all the set-up on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test lint format bench serve clean test-deps

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/baosong build

serve: $(STAMP)
	$(BIN)/mkdocs serve

# Besides Python, the tests drive Debian packages, never a downloaded build: Chromium (browser tests, through
# Playwright) and LibreOffice with poppler and a CJK font (the printed-paperwork test). On a fresh Debian
# machine, run as root, `make test` installs what is missing; as another user it says what to install.
CHROMIUM ?= /usr/bin/chromium
PAPER_PACKAGES := libreoffice-writer-nogui poppler-utils fonts-noto-cjk fontconfig
test-deps:
	@root=no; if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then root=yes; fi; \
	updated=no; \
	if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ $$root = yes ]; then \
	    echo "安装 Debian 的 chromium（浏览器测试需要）……"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && updated=yes && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || exit 1; \
	  else \
	    echo "浏览器测试需要 Debian 的 chromium（$(CHROMIUM)）：请用 root 运行 make test，或先运行 sudo apt-get install chromium" >&2; \
	    exit 1; \
	  fi; \
	fi; \
	if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1 \
	   || ! fc-list :lang=zh 2>/dev/null | grep -q .; then \
	  if [ $$root = yes ]; then \
	    echo "安装 LibreOffice、poppler 和中文字体（打印公文的测试需要）……"; \
	    if [ $$updated = no ]; then DEBIAN_FRONTEND=noninteractive apt-get update -qq; fi; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(PAPER_PACKAGES) >/dev/null || exit 1; \
	  else \
	    echo "提示：没有 LibreOffice（sudo apt-get install $(PAPER_PACKAGES)），打印公文的测试将跳过" >&2; \
	  fi; \
	fi

test: $(STAMP) test-deps
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

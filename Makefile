# `make run` builds the graph of the seeds; `make test` runs the tests. Both set up everything first.
VENV    := .venv
PYTHON  := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
SYSTEM_PYTHON ?= python3

.PHONY: run test lint browser clean

run: $(STAMP)
	$(VENV)/bin/kg build seeds

test: $(STAMP) browser lint
	$(VENV)/bin/pytest

# ruff, configured in pyproject.toml: the lint rules, and the format every file keeps
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

$(STAMP): pyproject.toml
	test -x $(PYTHON) || $(SYSTEM_PYTHON) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e ".[test]"
	touch $@

# Headless Chromium and a CJK font for the browser tests; installed when missing and we are root (as in CI).
browser:
	@if command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi wenquanyi; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-wqy-microhei >/dev/null; \
	else echo "browser tests will skip: install Debian packages chromium and fonts-wqy-microhei"; fi

clean:
	rm -rf $(VENV) kg-out

# Set-up, run and checks. `make run` and `make test` set up whatever is missing first.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Rasa 3.6.21 needs Python 3.10: take python3.10 from PATH if it runs, else from pyenv.
PYTHON310 := $(shell for p in "$$(command -v python3.10 2>/dev/null)" \
	"$$(pyenv root 2>/dev/null)/versions/"3.10*/bin/python3.10 \
	"$$HOME/.pyenv/versions/"3.10*/bin/python3.10 /usr/bin/python3.10 /usr/local/bin/python3.10; do \
	[ -x "$$p" ] && "$$p" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null && { echo "$$p"; break; }; done)

CHROMIUM := /usr/bin/chromium
AXE := tests/browser/axe/node_modules/axe-core/axe.min.js
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: setup run test check format lint types bench bench-anonymiser build train clean

setup: $(STAMP)

# Browser tests drive Debian's Chromium (never a downloaded browser) and inject axe-core.
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq chromium

$(AXE): tests/browser/axe/package.json tests/browser/axe/package-lock.json
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq npm; }
	npm ci --prefix tests/browser/axe --no-audit --no-fund
	@touch $@

$(STAMP): pyproject.toml constraints.txt
	@if [ -z "$(PYTHON310)" ]; then \
		echo "Python 3.10 is needed (Rasa 3.6.21 does not run on 3.11+)."; \
		echo "Install it, e.g. 'pyenv install 3.10.13', or put python3.10 on PATH."; exit 1; fi
	@test -x $(BIN)/python || $(PYTHON310) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip<25" "setuptools==70.3.0" wheel
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	@touch $(STAMP)

build: setup
	$(BIN)/mrcbot build

train: setup
	$(BIN)/mrcbot train

run: setup
	$(BIN)/mrcbot serve

test: setup $(CHROMIUM) $(AXE)
	$(BIN)/mrcbot content check
	$(BIN)/python -m pytest

format: setup
	$(BIN)/ruff format bot connectors tests bench

lint: setup
	$(BIN)/ruff format --check bot connectors tests bench
	$(BIN)/ruff check bot connectors tests bench

types: setup
	$(BIN)/mypy

check: lint types test

bench: setup
	$(BIN)/python -m bench.run

bench-anonymiser: setup
	$(BIN)/python -m bench.run anonymiser

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache tests/browser/axe/node_modules

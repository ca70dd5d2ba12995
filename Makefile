# docsift: every target installs what it needs first (idempotent, fast when already done).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMPS := .stamps
SHARED ?= ../shared
HOST ?= 127.0.0.1
PORT ?= 8000
DEB_PACKAGES := tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd tesseract-ocr-deu \
	tesseract-ocr-fra tesseract-ocr-spa tesseract-ocr-hin fonts-dejavu-core fonts-liberation fonts-lohit-deva

.PHONY: setup system-deps serve test bench lint format clean services

setup: system-deps $(STAMPS)/venv

# Debian packages: skipped when every package is already installed.
system-deps:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

$(STAMPS)/venv: pyproject.toml
	@mkdir -p $(STAMPS)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[dev]'
	@touch $@

serve: setup
	$(VENV)/bin/docsift serve --host $(HOST) --port $(PORT)

services:
	@bash scripts/start-services.sh

test: setup
	@bash scripts/start-services.sh
	$(PY) -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

bench: setup
	$(VENV)/bin/docsift bench --shared $(SHARED) $(BENCH_ARGS)

lint: setup
	$(VENV)/bin/ruff check src tests scripts
	$(VENV)/bin/ruff format --check src tests scripts
	$(VENV)/bin/mypy
	$(PY) scripts/check_imports.py

format: setup
	$(VENV)/bin/ruff format src tests
	$(VENV)/bin/ruff check --fix src tests

clean:
	rm -rf $(VENV) $(STAMPS) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache

# The two commands a newcomer needs: `make run` (serve the atlas) and `make test`.
# Each installs what it needs: a virtual environment with the locked pip packages,
# and Debian's chromium, chromium-driver, CJK fonts and redis-server when missing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8050
SYSTEM_PACKAGES := chromium chromium-driver fonts-noto-cjk redis-server

.PHONY: run test venv sysdeps build lint bench clean

run: venv sysdeps build
	$(PY) app.py serve --host $(HOST) --port $(PORT)

test: venv sysdeps build
	$(PY) -m ruff check .
	$(PY) -m mypy
	$(PY) -m pytest -q

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -r requirements.lock
	touch $@

# Browser tests, kaleido exports and the Redis cache test need these Debian packages.
sysdeps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing; \
	fi

# Builds only what is missing or older than its inputs (app.py build decides).
build: venv
	$(PY) app.py build --if-needed

lint: venv
	$(PY) -m ruff check .
	$(PY) -m mypy

# Installs Lighthouse (npm, pinned by bench/lighthouse's lock file) on first use, then measures.
bench: venv sysdeps build
	bash bench/setup.sh
	$(PY) bench/run.py

clean:
	rm -rf data/build

# Two entry points (see README): `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test test-installers deb lint bench lock clean

run: $(STAMP)
	$(BIN)/regiedesk $(ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Builds the .deb, installs it with dpkg, runs and removes it (root; see tests/installers).
test-installers: $(STAMP)
	$(BIN)/python -m pytest -m installer tests/installers $(PYTEST_ARGS)

deb: $(STAMP)
	$(BIN)/python installers/linux/build_deb.py --out dist

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools installers
	$(BIN)/ruff format --check src tests bench tools installers
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/store.py

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[desktop,dev,server]'
	touch $(STAMP)

# Regenerate the lock from the newest versions that fit pyproject.toml.
lock:
	rm -rf .lockenv && $(PYTHON) -m venv .lockenv
	.lockenv/bin/python -m pip install --quiet --upgrade pip
	.lockenv/bin/python -m pip install --quiet '.[desktop,dev,server]'
	.lockenv/bin/python -m pip freeze --exclude regiedesk > requirements.lock
	rm -rf .lockenv

clean:
	rm -rf $(VENV) build dist src/*.egg-info

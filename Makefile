# The README's commands: `make run` and `make test` work on a fresh Debian machine.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup run test bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml scripts/install-system-packages.sh
	bash scripts/install-system-packages.sh
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	$(VENV)/bin/hearth understand "warm up" > /dev/null  # builds the intent cache once
	touch $(STAMP)

run: setup
	$(VENV)/bin/hearth

test: setup
	$(PY) -m pytest -q

bench: setup
	$(VENV)/bin/hearth bench

clean:
	rm -rf $(VENV)

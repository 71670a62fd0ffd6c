# duban: two commands set everything up on a fresh machine.
#   make demo   installs into .venv, migrates a SQLite database, loads the demo district and serves it
#   make test   installs with test extras and runs the whole test suite
SHELL := /bin/bash
VENV ?= .venv
HOST ?= 127.0.0.1
PORT ?= 8000
# The demo is served as of the 双过半 check (duban.core.dates.today); production leaves DUBAN_TODAY unset.
DEMO_TODAY ?= 2024-06-30

# Django 6 needs Python 3.12 or newer: take the first one found on PATH or under pyenv.
PYTHON ?= $(shell for p in python3.12 python3.13 python3.14 $$(ls -d $$HOME/.pyenv/versions/3.1[2-9]*/bin/python 2>/dev/null | sort -V) python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p; break; }; done)

PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test install install-test clean check-python print-python translations

check-python:
	@if [ -z "$(PYTHON)" ]; then echo "duban needs Python 3.12 or newer (Django 6); none found on PATH or in ~/.pyenv." >&2; exit 1; fi

$(PY): | check-python
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP) $@

install: $(STAMP)
install-test: $(VENV)/.installed-test

demo: install
	DEBUG=1 $(VENV)/bin/duban migrate --no-input
	DEBUG=1 DUBAN_TODAY=$(DEMO_TODAY) $(VENV)/bin/duban load_demo
	DEBUG=1 $(VENV)/bin/duban collectstatic --no-input --verbosity 0
	@echo
	@echo "duban demo: http://$(HOST):$(PORT)/   (logins in README.md, password duban-demo)"
	@echo "  office · projects · stats · reporter · unitlead · leader · cityoffice · centre · grid · admin"
	@echo
	DEBUG=1 DUBAN_TODAY=$(DEMO_TODAY) TASKS_BACKEND=immediate $(VENV)/bin/duban runserver $(HOST):$(PORT)

test: install-test
	$(PY) -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) staticfiles duban.sqlite3 .pytest_cache

print-python:
	@echo $(PYTHON)

# Merge docs/i18n/*.tsv and the source strings into the Chinese catalogue and compile it (pure Python).
translations: install
	DEBUG=1 $(VENV)/bin/duban makemessages -l zh_Hans --ignore=.venv --ignore=tests --ignore=bench --ignore=staticfiles --ignore='*.egg-info' --no-obsolete
	DEBUG=1 $(VENV)/bin/duban compile_translations

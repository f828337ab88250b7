# The two commands of the README:
#   make example   find Python >= 3.12, create .venv if needed, install, run the flagship example
#   make test      the same set-up, then ruff, mypy, Chromium if missing, and the whole test suite (CI)
# and, for the documentation site (the suite runs the same build, into a temporary folder):
#   make docs      build docs/ with Sphinx into docs/_build/html, warnings as errors

VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
EXAMPLE := examples/negotiations.py
DOCS_OUT ?= docs/_build/html

# Only the targets that may have to build the environment look for a base interpreter,
# and only when the environment is missing.  When none is found, make stops with the
# finder's one-line explanation.
ENV_GOALS := example test env docs
ifneq ($(filter $(ENV_GOALS),$(MAKECMDGOALS)),)
ifeq ($(wildcard $(PY)),)
BASE_PYTHON := $(shell tools/find-python)
ifneq ($(.SHELLSTATUS),0)
$(error $(BASE_PYTHON))
endif
endif
endif

.PHONY: example test env docs lint typecheck pytest browser clean

example: $(STAMP)
	@$(PY) $(EXAMPLE)

test: $(STAMP) lint typecheck browser pytest

env: $(STAMP)

$(STAMP): pyproject.toml
	@tools/setup-env $(VENV) "$(BASE_PYTHON)"

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy

# -W: a warning fails the build; -n: every cross-reference must resolve; -E: from scratch.
docs: $(STAMP)
	$(PY) -m sphinx -W --keep-going -n -E -b html docs $(DOCS_OUT)

browser:
	@tools/ensure-chromium

pytest: $(STAMP)
	$(PY) -m pytest

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis docs/_build docs/generated docs/jupyter_execute

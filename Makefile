# The course's commands.  `make grade` and `make test` work on a fresh
# Debian machine with Python 3.11: they set up everything they need.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
FASHION_MNIST_DEB := /usr/share/datasets/fashion-mnist

export PYTHONPATH := $(CURDIR)

.PHONY: help venv data release grade test lint lab mutants clean

help:
	@echo "make grade   set up, regenerate release/, grade the demo class"
	@echo "make test    set up and run every test (CI runs this)"
	@echo "make lab     JupyterLab on the student notebooks (release/)"
	@echo "make release regenerate release/ from source/"
	@echo "make mutants grade the answer catalogue, print the kill matrix"

venv: $(STAMP)

# The virtualenv with the pinned packages (constraints.txt pins them all).
# rfc3987-syntax is optional for jupyter_events and costs nbgrader and nbval
# 3 s at every start, so it is removed.
$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] > (3, 11))' \
	  || { echo "mxnet 1.9.1 needs Python <= 3.11 (got $(PYTHON))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip<26"
	$(PY) -m pip install --quiet -c constraints.txt -e ".[test]"
	$(PY) -m pip uninstall --quiet --yes rfc3987-syntax
	@touch $@

# Debian packages the course needs, installed when we are root with apt:
# Fashion-MNIST (otherwise the course finds a copy in
# ~/.mxnet/datasets/fashion-mnist or $$COURSE_FASHION_MNIST, or tells how
# to get one) and bubblewrap, the sandbox grading runs student code in
# (without it grading refuses to start; see README, "Grading safely").
DEBS_NEEDED = $(if $(wildcard $(FASHION_MNIST_DEB)),,$(if \
  $(COURSE_FASHION_MNIST),,dataset-fashion-mnist)) $(if $(shell command -v \
  bwrap),,bubblewrap) $(if $(shell command -v setpriv),,util-linux)

data:
	@if [ -z "$(strip $(DEBS_NEEDED))" ]; then \
	  :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    $(DEBS_NEEDED) >/dev/null; \
	else \
	  echo "missing Debian packages: $(DEBS_NEEDED) (run 'sudo apt-get" \
	       "install $(DEBS_NEEDED)'; or set COURSE_FASHION_MNIST)"; \
	fi

release: venv
	$(PY) -m autograder release

grade: venv data release
	$(PY) -m autograder grade --demo

lint: venv
	$(VENV)/bin/ruff check .

# One pytest run: the unit and pipeline tests, and nbval over every source
# notebook (strict: a cell stored without output must print nothing).
test: venv data lint
	$(PY) -m pytest --nbval tests source

# Every right and wrong answer of tests/catalogue.py graded through nbgrader:
# prints which grade cell caught which mistake (make test asserts the same).
mutants: venv data
	$(PY) tests/mutants.py

lab: venv data
	$(VENV)/bin/jupyter lab --notebook-dir=release --ip=127.0.0.1 \
	  $(if $(filter 0,$(shell id -u)),--allow-root)

clean:
	rm -rf submitted autograded feedback gradebook.db grades.csv

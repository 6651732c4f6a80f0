# The commands people type. `make run` sets everything up and runs Koers; `make test` tests it.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
KOERS_ESCO_DIR ?= ../shared/data
export KOERS_ESCO_DIR

# The ESCO downloads Koers imports: English + the language-independent relations (the base,
# ESCO v1.1.1), the Dutch labels (ESCO v1.2.1), and the Dutch names of the skills that the
# Dutch download lacks (a labels-only file, ESCO v1.2.1).
ESCO_EN := $(KOERS_ESCO_DIR)/esco-v1.1.1-en-tabiya/ESCO dataset - v1.1.1 - classification - en - csv.zip
ESCO_RELATIONS := $(KOERS_ESCO_DIR)/esco-v1.1.1-en-tabiya/ESCO dataset - v1.1.1 - classification -  - csv.zip
ESCO_NL := $(KOERS_ESCO_DIR)/esco-v1.2.1-nl-richting
ESCO_NL_SKILLS := $(KOERS_ESCO_DIR)/esco-v1.2.1-nl-skill-labels
# O*NET ratings, job zones and work activities, mapped onto ESCO through the crosswalk
# (optional: the transition engine also runs on ESCO alone).
KOERS_ONET_DIR ?= $(KOERS_ESCO_DIR)/onet-29.2-xlsx-victoriano:$(KOERS_ESCO_DIR)/onet-29.1-richting:$(KOERS_ESCO_DIR)/crosswalks/ESCO_to_ONET-SOC_2019.csv
export KOERS_ONET_DIR

.PHONY: run setup install import test lint fmt bench eval clean

run: setup  ## install, import ESCO, then serve Koers on http://127.0.0.1:8000/
	$(BIN)/koers taxonomy info
	$(BIN)/koers serve --host 127.0.0.1 --port 8000

setup: install import  ## everything `run` needs, without starting anything

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

import: install
	$(BIN)/koers taxonomy import "$(ESCO_EN)" "$(ESCO_RELATIONS)" "$(ESCO_NL)" "$(ESCO_NL_SKILLS)"

test: install  ## the whole test suite (full-data tests skip when KOERS_ESCO_DIR is absent)
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

fmt: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install  ## speed and memory on the full data (run `make setup` first)
	$(BIN)/python benchmarks/bench_import.py
	$(BIN)/python benchmarks/bench_search.py
	$(BIN)/python benchmarks/bench_search_batch.py
	$(BIN)/python benchmarks/bench_transitions.py
	$(BIN)/python benchmarks/bench_skill_search.py

eval: install  ## search and transition quality (run `make setup` first)
	$(BIN)/python evaluation/evaluate_search.py --lang both
	$(BIN)/python evaluation/evaluate_transitions.py
	$(BIN)/python evaluation/ablate_transitions.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache

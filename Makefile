# arnews: two entry points, `make report` and `make test`. Both create .venv from requirements.txt
# when it is missing or older than requirements.txt / pyproject.toml, then install arnews into it.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.arnews-installed
CORPUS ?= data/raw
OUT    ?= .

.PHONY: report test lint venv clean-venv benchmark

report: $(STAMP)
	$(BIN)/python -m arnews build --corpus "$(CORPUS)" --out "$(OUT)"

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks notebooks

benchmark: $(STAMP)
	$(BIN)/python benchmarks/run.py

venv: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "arnews needs Python >= 3.11; found " + sys.version.split()[0])'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(BIN)/python -c 'import arnews.terms.kernels, arnews.textsearch; arnews.terms.kernels.warm(); arnews.textsearch.warm()'  # compile the kernels into numba's cache
	@touch $(STAMP)

clean-venv:
	rm -rf $(VENV)

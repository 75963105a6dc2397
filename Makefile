# arnews: `make report` and `make test`; `make lab` opens the notebooks in JupyterLab. Each creates .venv from
# requirements.txt when it is missing or older than requirements.txt / pyproject.toml / setup.py, then installs
# arnews into it (editable: the lexicons and notebooks are read where they are, in data/lexicons and notebooks).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.arnews-installed
CORPUS ?= data/raw
OUT    ?= .
PIP    := $(BIN)/python -m pip --disable-pip-version-check

.PHONY: report test lab lint venv clean-venv benchmark

report: $(STAMP)
	$(BIN)/arnews build --corpus "$(CORPUS)" --out "$(OUT)"

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Jupyter refuses to start as root without --allow-root: containers and CI machines often run as root
lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/ $(if $(filter 0,$(shell id -u)),--allow-root)

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks notebooks setup.py

benchmark: $(STAMP)
	$(BIN)/python benchmarks/run.py

venv: $(STAMP)

$(STAMP): requirements.txt pyproject.toml setup.py
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "arnews needs Python >= 3.11; found " + sys.version.split()[0])'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet -r requirements.txt
	$(PIP) install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m arnews.compiled  # compile the kernels into numba's cache
	@touch $(STAMP)

clean-venv:
	rm -rf $(VENV)

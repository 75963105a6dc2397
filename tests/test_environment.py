"""The environment files agree: requirements.txt is the exact lock, environment.yml (Binder) installs it,
pyproject.toml declares compatible ranges around it, and everything arnews imports is in all of them."""

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import PackageNotFoundError, packages_distributions, version

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.version import Version

PIN = re.compile(r"^([A-Za-z0-9_.\-]+)\s*==\s*([^\s#;]+)$")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_pins(repo) -> dict[str, str]:
    pins = {}
    for line in (repo / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            match = PIN.match(line)
            assert match, f"requirements.txt: not an exact pin: {line!r}"
            pins[_norm(match.group(1))] = match.group(2)
    return pins


def project(repo) -> dict:
    return tomllib.loads((repo / "pyproject.toml").read_text())["project"]


def declared(repo) -> dict[str, Requirement]:
    """pyproject.toml's dependencies and optional dependencies, by normalized name."""
    meta = project(repo)
    entries = meta["dependencies"] + [e for extra in meta.get("optional-dependencies", {}).values() for e in extra]
    return {_norm(r.name): r for r in map(Requirement, entries)}


def imported_modules(sources: list[str]) -> set[str]:
    """Top-level names of the modules these Python sources import (inside functions too)."""
    names = set()
    for source in sources:
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n not in ("arnews", "__future__")}


def runtime_sources(repo) -> list[str]:
    """The library's modules and the notebooks' code cells (the notebooks travel with the package)."""
    sources = [p.read_text(encoding="utf-8") for p in sorted((repo / "src" / "arnews").rglob("*.py"))]
    for notebook in sorted((repo / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        sources += ["\n".join(line for line in "".join(c["source"]).splitlines() if not line.lstrip().startswith("%"))
                    for c in cells if c["cell_type"] == "code"]
    return sources


def runtime_distributions(repo) -> dict[str, str]:
    """Distribution (normalized) → the module that needs it, for every third-party runtime import."""
    providers = packages_distributions()
    found = {}
    for module in imported_modules(runtime_sources(repo)):
        assert module in providers, f"arnews imports {module!r}, which no installed distribution provides"
        for dist in providers[module]:
            found[_norm(dist)] = module
    return found


# --- requirements.txt: the lock ---------------------------------------------------------------------------


def test_every_requirement_is_an_exact_pin(repo):
    assert len(requirement_pins(repo)) >= 10


def test_every_runtime_import_is_pinned_and_declared(repo):
    pins = requirement_pins(repo)
    ranges = {_norm(Requirement(entry).name) for entry in project(repo)["dependencies"]}
    needed = runtime_distributions(repo)
    assert {"pandas", "matplotlib", "papermill", "pyyaml", "python-bidi"} <= needed.keys()  # the scan sees imports
    unpinned = {d: m for d, m in needed.items() if d not in pins}
    undeclared = {d: m for d, m in needed.items() if d not in ranges}
    assert not unpinned, f"imported but not pinned in requirements.txt (distribution: module): {unpinned}"
    assert not undeclared, f"imported but not in pyproject.toml's dependencies (distribution: module): {undeclared}"


def test_tests_and_benchmarks_import_only_pinned_packages(repo):
    scripts = [p for folder in ("tests", "benchmarks") for p in (repo / folder).rglob("*.py")]
    local = {p.stem for p in scripts}
    sources = [p.read_text(encoding="utf-8") for p in scripts]
    providers, pins = packages_distributions(), requirement_pins(repo)
    unpinned = {m: providers.get(m) for m in imported_modules(sources) - local
                if not any(_norm(d) in pins for d in providers.get(m, []))}
    assert not unpinned, f"imported by tests or benchmarks but not pinned in requirements.txt: {unpinned}"


def test_installed_versions_match_the_pins(repo):
    wrong = {}
    for name, pinned in requirement_pins(repo).items():
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = None
        if installed is None or Version(installed) != Version(pinned):
            wrong[name] = (pinned, installed)
    assert not wrong, f"installed versions differ from requirements.txt (pinned, installed): {wrong}"


# --- pyproject.toml: compatible ranges --------------------------------------------------------------------


def test_pyproject_declares_compatible_ranges_that_admit_the_pins(repo):
    pins = requirement_pins(repo)
    ranges = declared(repo)
    assert len(project(repo)["dependencies"]) >= 15
    for name, requirement in ranges.items():
        assert name in pins, f"pyproject.toml: {name} is not pinned in requirements.txt"
        assert requirement.specifier, f"pyproject.toml: {name} has no version range"
        assert not any(s.operator in ("==", "===") for s in requirement.specifier), f"{name}: a range, not a pin"
        assert requirement.specifier.contains(pins[name]), f"{name}: {requirement.specifier} excludes {pins[name]}"


def test_ranges_stop_before_the_next_breaking_release(repo):
    # "~=3.11" admits 3.12 but not 4.0; "~=0.6.12" admits 0.6.13 but not 0.7 (0.x minor releases may break).
    for name, requirement in declared(repo).items():
        pinned = Version(requirement_pins(repo)[name])
        breaking = (f"{pinned.major + 1}.0" if pinned.major else f"0.{pinned.minor + 1}.0")
        assert not requirement.specifier.contains(breaking), f"{name} {requirement.specifier} admits {breaking}"


# --- environment.yml and postBuild: Binder ----------------------------------------------------------------


def test_environment_yml_takes_python_and_pip_from_conda_and_the_rest_from_requirements(repo):
    # repo2docker's conda buildpack ignores requirements.txt when environment.yml exists, and conda-forge lacks
    # several pins (issue 19): conda provides only Python and pip, pip installs the lock.
    env = yaml.safe_load((repo / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    assert env["dependencies"] == ["python=3.11", "pip", {"pip": ["-r requirements.txt"]}]


def test_postbuild_installs_arnews_and_warms_numba(repo):
    script = repo / "postBuild"
    assert os.access(script, os.X_OK), "postBuild must be executable (repo2docker runs it only then)"
    text = script.read_text()
    assert text.startswith("#!/usr/bin/env bash\n") and "set -euo pipefail" in text
    commands = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert any(re.fullmatch(r"python -m pip install .*(-e )?\.", c) for c in commands), commands
    if "numba" in imported_modules(runtime_sources(repo)):
        import arnews.compiled

        assert callable(arnews.compiled.warm)
        assert "python -m arnews.compiled" in commands


def test_ci_installs_the_system_packages_the_tests_exercise(repo):
    text = (repo / ".ci" / "run").read_text()
    assert os.access(repo / ".ci" / "run", os.X_OK)
    # fonts-noto-core is the hard case for figures: a system "Noto Sans Arabic" that must not be drawn.
    for package in ("fonts-noto-core", "chromium", "tesseract-ocr-ara"):
        assert package in text, package


# --- the repository ---------------------------------------------------------------------------------------


def test_no_tracked_file_is_ignored(repo):
    if shutil.which("git") is None or not (repo / ".git").exists():
        pytest.skip("not a git checkout")
    ignored = subprocess.run(["git", "ls-files", "--cached", "--ignored", "--exclude-standard"], cwd=repo,
                             capture_output=True, text=True, check=True).stdout.split()
    assert not ignored, f".gitignore matches tracked files: {ignored}"


def test_interactive_outputs_are_ignored(repo):
    if shutil.which("git") is None or not (repo / ".git").exists():
        pytest.skip("not a git checkout")
    probe = ["out/figures/top_terms.png", "out/data/processed/terms.csv", "reports/index.html"]
    result = subprocess.run(["git", "check-ignore", "--no-index", *probe], cwd=repo, capture_output=True, text=True)
    assert result.stdout.split() == probe

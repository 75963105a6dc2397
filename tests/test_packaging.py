"""A non-editable install works outside the checkout: the wheel carries the lexicons, notebooks and seed corpus.

The wheel is built offline from a copy of this checkout (pip, the pinned setuptools, no build isolation), unpacked
into a folder on PYTHONPATH, and run from another directory.
"""

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

#: What a checkout holds beside the sources that a build must not see (environments, outputs, caches).
NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", "build", "dist", "out", "reports", "__pycache__", "*.egg-info",
                                     ".pytest_cache", ".hypothesis", ".ruff_cache", ".ipynb_checkpoints")


@pytest.fixture(scope="module")
def wheel(repo, tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    shutil.copytree(repo, work / "src", ignore=NOT_SOURCES)
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                             "--quiet", "--wheel-dir", str(work / "dist"), str(work / "src")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    (built,) = (work / "dist").glob("arnews-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """The wheel installed (without dependencies: this environment has them) into a folder of its own."""
    site = tmp_path_factory.mktemp("site")
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet",
                             "--target", str(site), str(wheel)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return site


def run_installed(site: Path, cwd: Path, *args: str, **environment: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(site), **environment}
    for name in ("ARNEWS_LEXICONS", "ARNEWS_INTERIM"):
        env.pop(name, None)
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_wheel_carries_lexicons_notebooks_seeds_and_templates(repo, wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"arnews/data/lexicons/{p.name}" for p in (repo / "data" / "lexicons").iterdir()}
    expected |= {f"arnews/notebooks/{p.name}" for p in (repo / "notebooks").glob("[0-9][0-9]_*.ipynb")}
    expected |= {f"arnews/data/raw/{p.name}" for p in (repo / "data" / "raw").iterdir()}
    expected |= {"arnews/data/metadata.csv", "arnews/config.py", "arnews/templates/arnews.css"}
    assert len(expected) >= 30
    assert expected <= names, sorted(expected - names)
    packaged = zipfile.ZipFile(wheel).read("arnews/data/lexicons/entities.csv")
    assert packaged == (repo / "data" / "lexicons" / "entities.csv").read_bytes()


def test_wheel_declares_the_dependencies_and_the_command(repo, wheel):
    with zipfile.ZipFile(wheel) as archive:
        info = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(archive.read(info).decode())
        entry_points = archive.read(info.replace("METADATA", "entry_points.txt")).decode()
    declared = tomllib.loads((repo / "pyproject.toml").read_text())["project"]["dependencies"]
    requires = [r.replace(" ", "") for r in metadata.get_all("Requires-Dist")]
    assert all(d.replace(" ", "") in requires for d in declared), (declared, requires)
    assert "arnews = arnews.cli:console" in entry_points


def test_installed_package_finds_its_data_outside_a_checkout(installed, tmp_path):
    probe = ("import arnews, arnews.config as c, arnews.build as b, arnews.pipeline as p; "
             "print(arnews.__file__, c.REPO_ROOT, c.lexicons_dir(), c.default_corpus(), len(b.notebook_paths()), "
             "c.interactive_out_dir(), p.default_interim(), sep='\\n')")
    env_home = {"HOME": str(tmp_path / "home"), "XDG_CACHE_HOME": ""}
    result = run_installed(installed, tmp_path, "-c", probe, **env_home)
    assert result.returncode == 0, result.stderr
    module, root, lexicons, corpus, notebooks, out, interim = result.stdout.splitlines()
    assert Path(module).is_relative_to(installed)  # the installed copy, not the checkout
    assert root == "None"
    assert Path(lexicons) == installed / "arnews" / "data" / "lexicons"
    assert Path(corpus) == installed / "arnews" / "data" / "raw"
    assert notebooks == "5"
    assert Path(out) == tmp_path / "arnews-out"
    assert Path(interim) == tmp_path / "home" / ".cache" / "arnews" / "interim"  # not inside site-packages


def test_installed_terms_runs_from_another_directory_like_the_checkout(repo, installed, tmp_path):
    raw = repo / "data" / "raw"
    result = run_installed(installed, tmp_path, "-m", "arnews", "terms", "--corpus", str(raw), "--out", "terms.csv")
    assert result.returncode == 0, result.stderr
    reference = subprocess.run([sys.executable, "-m", "arnews", "terms", "--corpus", str(raw),
                                "--out", str(tmp_path / "checkout.csv")], capture_output=True, text=True)
    assert reference.returncode == 0, reference.stderr
    table = (tmp_path / "terms.csv").read_text(encoding="utf-8")
    assert table == (tmp_path / "checkout.csv").read_text(encoding="utf-8")
    assert "\nبيونغ يانغ," in table  # Pyongyang, its spellings merged through the packaged entities.csv


def test_installed_build_without_its_notebooks_exits_non_zero_without_an_index(repo, installed, tmp_path):
    notebooks = installed / "arnews" / "notebooks"
    hidden = notebooks.with_name("notebooks.hidden")
    notebooks.rename(hidden)
    try:
        result = run_installed(installed, tmp_path, "-m", "arnews", "build", "--corpus", str(repo / "data" / "raw"),
                               "--out", "out")
    finally:
        hidden.rename(notebooks)
    assert result.returncode == 1
    assert result.stderr.startswith(f"arnews build: error: {notebooks}: no notebooks to run")
    assert not (tmp_path / "out" / "reports" / "index.html").exists()

"""arnews.config: where the lexicons, notebooks and seed corpus are found, and where interactive runs write."""

import ast
import csv
import shutil
import subprocess
import sys

import nbformat
import pytest

import arnews
from arnews import build, cli, config, lexicons

NOTEBOOKS = sorted(config.notebooks_dir().glob("[0-9][0-9]_*.ipynb"))


def test_a_checkout_reads_the_files_at_the_top_of_the_repository(repo, monkeypatch):
    monkeypatch.delenv(config.LEXICONS_ENV, raising=False)
    assert config.REPO_ROOT == arnews.REPO_ROOT == repo
    assert config.lexicons_dir() == repo / "data" / "lexicons"
    assert config.notebooks_dir() == build.NOTEBOOKS == repo / "notebooks"
    assert config.default_corpus() == repo / "data" / "raw"
    assert config.default_build_out() == repo


def test_the_lexicon_folder_is_chosen_once_for_every_reader(monkeypatch):
    monkeypatch.delenv(config.LEXICONS_ENV, raising=False)
    assert lexicons.LEXICONS == arnews.LEXICONS == config.lexicons_dir()
    assert lexicons.path("entities.csv").is_file()


def test_arnews_lexicons_names_an_edited_copy(tmp_path, monkeypatch):
    monkeypatch.setenv(config.LEXICONS_ENV, str(tmp_path))
    assert config.lexicons_dir() == tmp_path
    assert config.LEXICONS_ENV in config.lexicons_origin()


def test_notebook_parameters_default_to_the_seeds_and_the_ignored_out_folder(repo, monkeypatch):
    monkeypatch.chdir(repo / "notebooks")  # JupyterLab runs a notebook from its folder
    assert config.resolve_parameters(None, None) == (repo / "data" / "raw", repo / "out")
    monkeypatch.chdir(repo)  # papermill from the root
    assert config.resolve_parameters(None, None) == (repo / "data" / "raw", repo / "out")


def test_given_notebook_parameters_are_taken_from_the_working_directory(repo, tmp_path, monkeypatch):
    monkeypatch.chdir(repo / "notebooks")
    assert config.resolve_parameters("../data/raw", "..") == (repo / "data" / "raw", repo)
    assert config.resolve_parameters(str(tmp_path / "corpus"), tmp_path) == (tmp_path / "corpus", tmp_path)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_resolve_their_parameters_through_config(path):
    nb = nbformat.read(path, as_version=4)
    index = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    values = {t.id: node.value for node in ast.parse(nb.cells[index].source).body if isinstance(node, ast.Assign)
              for t in node.targets}
    assert {name: ast.literal_eval(values[name]) for name in ("corpus_path", "out_dir")} == {
        "corpus_path": None, "out_dir": None}
    setup = next(c for c in nb.cells[index + 1:] if c.cell_type == "code").source
    assert "corpus_path, out_dir = config.resolve_parameters(corpus_path, out_dir)" in setup


def _terms(corpus, out, env=None):
    return subprocess.run([sys.executable, "-m", "arnews", "terms", "--corpus", str(corpus), "--out", str(out)],
                          capture_output=True, text=True, env=env)


def _counted(table) -> set[str]:
    with open(table, encoding="utf-8", newline="") as f:
        return {row["term"] for row in csv.DictReader(f)}


def test_an_edited_copy_of_the_lexicons_changes_what_the_stages_do(raw_dir, tmp_path, monkeypatch):
    edited = tmp_path / "my_lexicons"
    shutil.copytree(config.lexicons_dir(), edited)
    with open(edited / "stopwords_news.csv", "a", encoding="utf-8", newline="") as f:
        csv.writer(f).writerow(["زيارة", "test", "visit", "a researcher finds every article is about a visit"])
    monkeypatch.delenv(config.LEXICONS_ENV, raising=False)
    assert _terms(raw_dir, tmp_path / "before.csv").returncode == 0
    monkeypatch.setenv(config.LEXICONS_ENV, str(edited))
    assert _terms(raw_dir, tmp_path / "after.csv").returncode == 0
    before, after = _counted(tmp_path / "before.csv"), _counted(tmp_path / "after.csv")
    assert "زيارة" in before and "زيارة" not in after  # visit
    assert before - after == {"زيارة"}


def test_an_incomplete_copy_of_the_lexicons_is_named_in_one_line(raw_dir, tmp_path, monkeypatch):
    partial = tmp_path / "partial"
    partial.mkdir()
    shutil.copy(config.lexicons_dir() / "entities.csv", partial)
    monkeypatch.setenv(config.LEXICONS_ENV, str(partial))
    result = _terms(raw_dir, tmp_path / "t.csv")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert str(partial) in result.stderr and "lexicon file is missing" in result.stderr
    assert config.LEXICONS_ENV in result.stderr
    assert not (tmp_path / "t.csv").exists()


def test_build_without_notebooks_fails_clearly_and_writes_nothing(raw_dir, tmp_path, monkeypatch, capsys):
    empty = tmp_path / "notebooks"
    empty.mkdir()
    monkeypatch.setattr(build, "NOTEBOOKS", empty)
    out = tmp_path / "out"
    assert cli.main(["build", "--corpus", str(raw_dir), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"arnews build: error: {empty}: no notebooks to run")
    assert not out.exists()

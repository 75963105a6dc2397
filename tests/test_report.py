"""arnews.report: what of an executed notebook a report shows (tidy), and where a build came from (provenance)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from arnews import build, config, report
from arnews.report import tidy

#: The checkout the tests run from.
CHECKOUT = config.REPO_ROOT
CORPUS = Path("/home/researcher/corpora/saudinewsnet")
OUT = Path("/home/researcher/arnews-out")
#: The loader's line for a skipped record, as the build machine's console shows it (absolute path).
LOADER_LINE = f"{CORPUS}/2015-07-21.zip/2015-07-21.json record #00685: empty text: skipped\n"
#: "Putin: 5 lines" — an Arabic label printed before the table it introduces.
LABEL = "بوتين: 5 lines\n"


def executed_notebook() -> nbformat.NotebookNode:
    """A notebook as papermill leaves it: parameter cells, stderr, interleaved streams, absolute paths."""
    html_table = f"<table><tr><td>{OUT}/data/processed/terms.csv</td><td>روسيا</td></tr></table>"
    nb = new_notebook(cells=[
        new_markdown_cell("# 03 · Term frequencies\n\nWhich words dominate?"),
        new_code_cell('corpus_path = "../data/raw"\nout_dir = ".."', metadata={"tags": ["parameters"]}),
        new_code_cell(f'corpus_path = "{CORPUS}"\nout_dir = "{OUT}"', metadata={"tags": ["injected-parameters"]}),
        new_code_cell("counts = terms.count_terms(store)", outputs=[
            new_output("stream", name="stderr", text=LOADER_LINE),
            new_output("stream", name="stdout", text=f"30148 articles → {OUT}/data/processed/terms.csv\n"),
            new_output("execute_result", execution_count=4, data={"text/html": html_table, "text/plain": "table"}),
        ]),
        new_code_cell("for term in kwic_terms: …", outputs=[
            new_output("stream", name="stdout", text=LABEL),
            new_output("display_data", data={"text/html": "<table dir='rtl'></table>", "text/plain": "kwic 1"}),
            new_output("stream", name="stdout", text="روسيا: 3 lines\n"),  # "Russia: 3 lines"
            new_output("display_data", data={"text/html": "<table dir='rtl'></table>", "text/plain": "kwic 2"}),
        ]),
        new_code_cell("progress()", outputs=[
            new_output("stream", name="stdout", text="terms:  50%\r"),
            new_output("stream", name="stdout", text="terms: 100%\n"),
            new_output("display_data", data={"text/markdown": f"Written to `{CHECKOUT}/data/processed/x.csv`",
                                             "text/plain": "md"}),
        ]),
        new_markdown_cell("*On the seed corpus:* Putin and Pyongyang run through every article.",
                          metadata={"tags": ["seed-commentary"]}),
    ], metadata={"papermill": {"input_path": f"{config.notebooks_dir()}/03_terms.ipynb",
                               "parameters": {"corpus_path": str(CORPUS), "out_dir": str(OUT)}}})
    return nb


def shown(seed: bool = False) -> nbformat.NotebookNode:
    replacements = report.path_replacements(CORPUS, OUT, "saudinewsnet")
    return report.for_report(executed_notebook(), replacements, seed_corpus=seed)


def test_parameter_cells_and_papermill_metadata_are_not_shown():
    nb = shown()
    assert not [c for c in nb.cells if {"parameters", "injected-parameters"} & set(c.metadata.get("tags", []))]
    assert "papermill" not in nb.metadata
    assert str(CORPUS) not in nbformat.writes(nb) and str(OUT) not in nbformat.writes(nb)


def test_stderr_is_left_to_the_console():
    outputs = shown().cells[1].outputs
    assert [o.output_type for o in outputs] == ["stream", "execute_result"]
    assert "empty text: skipped" not in nbformat.writes(shown())


def test_absolute_paths_become_relative_to_the_corpus_or_the_output_folder():
    nb = shown()
    assert nb.cells[1].outputs[0].text == "30148 articles → data/processed/terms.csv\n"
    assert "<td>data/processed/terms.csv</td>" in nb.cells[1].outputs[1].data["text/html"]
    assert nb.cells[3].outputs[1].data["text/markdown"] == "Written to `data/processed/x.csv`"
    replacements = dict(report.path_replacements(CORPUS, OUT, "saudinewsnet"))
    assert tidy.relative_paths(LOADER_LINE, list(replacements.items())).startswith(
        "saudinewsnet/2015-07-21.zip/2015-07-21.json record #00685")
    assert tidy.relative_paths(f"{Path.home()}/notes.txt", list(replacements.items())) == "~/notes.txt"


def test_each_label_stays_above_the_table_it_introduces():
    # nbclient's coalesce_streams would put both labels above both tables; only consecutive pieces are joined.
    outputs = shown().cells[2].outputs
    assert [(o.output_type, o.get("text", o.get("data", {}).get("text/plain"))) for o in outputs] == [
        ("stream", LABEL), ("display_data", "kwic 1"), ("stream", "روسيا: 3 lines\n"), ("display_data", "kwic 2")]


def test_consecutive_progress_lines_collapse_to_the_last():
    assert shown().cells[3].outputs[0].text == "terms: 100%\n"


def test_seed_commentary_is_shown_on_the_seed_corpus_only():
    def commentary(nb):
        return [c for c in nb.cells if "seed-commentary" in c.metadata.get("tags", [])]

    assert commentary(shown(seed=False)) == []
    assert len(commentary(shown(seed=True))) == 1
    assert len(commentary(executed_notebook())) == 1  # the executed notebook itself is left as it was


def test_the_seeds_are_recognised_by_content_not_by_name(raw_dir, tmp_path):
    assert report.is_seed_corpus(raw_dir)
    renamed = tmp_path / "my-five"
    renamed.mkdir()
    for i, path in enumerate(sorted(raw_dir.glob("*.txt"))):
        shutil.copy(path, renamed / f"article_{i}.txt")
    assert report.is_seed_corpus(renamed)
    # One article changed by a word of the same length ("Wednesday" → "Tuesday"): no longer the seed corpus.
    first = renamed / "article_0.txt"
    text = first.read_text(encoding="utf-8")
    assert "الأربعاء" in text
    first.write_text(text.replace("الأربعاء", "الثلاثاء", 1), encoding="utf-8")
    assert first.stat().st_size == (raw_dir / sorted(p.name for p in raw_dir.glob("*.txt"))[0]).stat().st_size
    assert not report.is_seed_corpus(renamed)
    (renamed / "article_0.txt").unlink()
    assert not report.is_seed_corpus(renamed)


def test_provenance_names_the_corpus_never_its_path(raw_dir, tmp_path):
    assert report.shown_corpus(raw_dir) == "data/raw"
    (tmp_path / "saudinewsnet").mkdir()
    assert report.shown_corpus(tmp_path / "saudinewsnet") == "saudinewsnet"
    built = report.provenance(tmp_path / "saudinewsnet", 30148)
    assert str(tmp_path) not in built.line()
    assert built.line().startswith("Built ") and "corpus saudinewsnet (30,148 articles)" in built.line()


def test_git_commit_of_this_checkout_and_outside_one(tmp_path):
    if shutil.which("git") is None or not (CHECKOUT / ".git").exists():
        pytest.skip("not a git checkout")
    head = subprocess.run(["git", "-C", str(CHECKOUT), "rev-parse", "HEAD"], capture_output=True, text=True,
                          check=True).stdout.strip()
    commit = report.git_commit()
    assert head.startswith(commit.split()[0]) and len(commit.split()[0]) == 12
    assert report.git_commit(tmp_path) == "unknown" and report.git_commit(None) == "unknown"


def test_build_time_follows_source_date_epoch(monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1437782400")  # 25 July 2015, 00:00 UTC
    assert report.provenance(tmp_path, 5).built == "2015-07-25 00:00 UTC"


def test_a_saved_figure_that_is_not_shown_stops_the_build():
    nb = new_notebook(cells=[new_code_cell("plotting.savefig(fig, 'top_terms', out_dir)", outputs=[])])
    with pytest.raises(build.BuildError, match=r"03_terms.ipynb: saved 1 figures \(top_terms.png\) but shows 0"):
        build.check_figures_shown(nb, ["top_terms.png"], "03_terms.ipynb")
    nb.cells[0].outputs.append(new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "fig"}))
    build.check_figures_shown(nb, ["top_terms.png"], "03_terms.ipynb")

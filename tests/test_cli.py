"""Every stage is a `python -m arnews <stage>` subcommand with one contract: options, exit codes, one-line errors,
SIGTERM, and outputs that never touch an input (issue 18)."""

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from arnews import cli, corpus, files
from arnews.cli import STAGES
from arnews.errors import UsageError
from corpus_samples import ARTICLE_A, ARTICLE_B, write


def arnews(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "arnews", *args], capture_output=True, text=True, cwd=cwd)


def test_top_level_help_lists_every_stage():
    result = arnews("--help")
    assert result.returncode == 0
    for stage in STAGES:
        assert stage in result.stdout


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_documents_corpus_and_out(stage):
    result = arnews(stage, "--help")
    assert result.returncode == 0, result.stderr
    assert "--corpus" in result.stdout and "--out" in result.stdout


@pytest.mark.parametrize("stage", STAGES)
def test_missing_corpus_is_a_one_line_error(stage, tmp_path):
    missing = tmp_path / "no-such-corpus"
    result = arnews(stage, "--corpus", str(missing), "--out", str(tmp_path / "out"))
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(missing) in lines[0] and "does not exist" in lines[0]
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------------------------------- one exit-code policy

def _one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines[0]


@pytest.fixture
def small(tmp_path) -> Path:
    write(tmp_path / "c" / "a.txt", ARTICLE_A)
    write(tmp_path / "c" / "b.txt", ARTICLE_B)
    return tmp_path / "c"


def test_exit_codes(small, tmp_path, capsys):
    assert cli.main(["corpus", "--corpus", str(small), "--out", str(tmp_path / "o.csv")]) == cli.EXIT_OK
    assert cli.main(["corpus", "--corpus", str(small), "--out", str(tmp_path / "o.csv"), "--strict"]) == \
        cli.EXIT_INPUT  # undated articles
    assert cli.main(["corpus", "--corpus", str(small), "--out", str(small / "o.csv")]) == cli.EXIT_USAGE
    assert cli.main(["corpus", "--corpus", str(tmp_path / "none"), "--out", str(tmp_path / "o.csv")]) == \
        cli.EXIT_USAGE
    write(tmp_path / "broken" / "x.json", "[{")
    assert cli.main(["corpus", "--corpus", str(tmp_path / "broken"), "--out", str(tmp_path / "o.csv")]) == \
        cli.EXIT_INPUT
    with pytest.raises(SystemExit) as usage:
        cli.main(["corpus", "--corpus", str(small)])  # --out missing: argparse
    assert usage.value.code == cli.EXIT_USAGE
    capsys.readouterr()


@pytest.mark.parametrize("error, code, words", [
    (ValueError("a bug"), cli.EXIT_INTERNAL, "internal error (please report it): ValueError: a bug (at arnews/"),
    (MemoryError(), cli.EXIT_INTERNAL, "out of memory"),
    (KeyboardInterrupt(), cli.EXIT_INTERRUPTED, "interrupted; no output was half-written"),
    (cli.Terminated(cli.EXIT_TERMINATED), cli.EXIT_TERMINATED, "terminated; no output was half-written"),
    (PermissionError(13, "Permission denied", "/out/o.csv"), cli.EXIT_INPUT, "/out/o.csv: Permission denied"),
])
def test_the_last_resort_handler_prints_one_line(small, tmp_path, monkeypatch, capsys, error, code, words):
    def fail(args):
        raise error

    monkeypatch.setattr(corpus, "run", fail)
    assert cli.main(["corpus", "--corpus", str(small), "--out", str(tmp_path / "o.csv")]) == code
    line = _one_line(capsys.readouterr().err)
    assert line.startswith("arnews corpus: ") and words in line


def test_error_lines_escape_what_the_corpus_names(tmp_path, capsys):
    folder = tmp_path / "c\x1b]0;owned\x07"
    write(folder / "scan.txt", bytes(range(256)) * 4)
    assert cli.main(["corpus", "--corpus", str(folder), "--out", str(tmp_path / "o.csv"), "--strict"]) == 1
    line = _one_line(capsys.readouterr().err)
    assert "\x1b" not in line and "\x07" not in line and "c\\x1b]0;owned\\x07" in line


_SLOW_WRITER = """
import sys, time
from pathlib import Path
from arnews import cli, files
real = files._write_table
def slow(frame, path):
    real(frame, path)
    Path(sys.argv[2]).write_text("written, not renamed")
    time.sleep(60)
files._write_table = slow
sys.exit(cli.main(["corpus", "--corpus", sys.argv[1], "--out", sys.argv[3]]))
"""


def test_sigterm_removes_temporary_files_and_keeps_the_old_output(small, tmp_path):
    out = write(tmp_path / "out" / "articles.csv", "previous run\n")
    ready = tmp_path / "ready"
    run = subprocess.Popen([sys.executable, "-c", _SLOW_WRITER, str(small), str(ready), str(out)],
                           stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not ready.exists() and time.monotonic() < deadline and run.poll() is None:
            time.sleep(0.05)
        assert ready.exists(), run.stderr.read() if run.poll() is not None else "never reached the write"
        assert [p.name for p in out.parent.iterdir() if p.name.endswith(".tmp")]  # the half-done write
        run.send_signal(signal.SIGTERM)
        _, stderr = run.communicate(timeout=30)
    finally:
        run.kill()
    assert run.returncode == cli.EXIT_TERMINATED
    assert "terminated; no output was half-written" in stderr and "Traceback" not in stderr
    assert sorted(p.name for p in out.parent.iterdir()) == ["articles.csv"]
    assert out.read_text() == "previous run\n"


# ------------------------------------------------------------------------------------------- outputs vs inputs


def test_metadata_beside_the_corpus_and_the_lexicons_are_never_outputs(tmp_path, capsys, repo):
    folder = tmp_path / "data" / "raw"
    write(folder / "a.txt", ARTICLE_A)
    metadata = write(tmp_path / "data" / "metadata.csv",
                     "file,title,outlet,published,url,notes\na.txt,,,2024-06-19,,\n")
    before = metadata.read_bytes()
    for option in ("--out", "--problems"):
        args = ["corpus", "--corpus", str(folder), "--out", str(tmp_path / "o.csv"), option, str(metadata)]
        assert cli.main(args) == cli.EXIT_USAGE
        line = _one_line(capsys.readouterr().err)
        assert f"{metadata}: is an input file of this run" in line
    lexicon = repo / "data" / "lexicons" / "stopwords.csv"
    assert cli.main(["corpus", "--corpus", str(folder), "--out", str(lexicon)]) == cli.EXIT_USAGE
    assert "is inside the input folder" in _one_line(capsys.readouterr().err)
    assert metadata.read_bytes() == before and not (tmp_path / "o.csv").exists()


def test_the_timeline_folder_may_not_be_or_hold_an_input(tmp_path, capsys):
    # «arnews timeline --out» names a folder: one that holds the corpus is refused before anything runs
    folder = tmp_path / "out" / "raw"
    write(folder / "a.txt", ARTICLE_A)
    assert cli.main(["timeline", "--corpus", str(folder), "--out", str(tmp_path / "out")]) == cli.EXIT_USAGE
    assert "holds the input" in _one_line(capsys.readouterr().err)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["raw"]


def test_check_outputs_folders_may_not_hold_an_input(tmp_path):
    source = write(tmp_path / "out" / "data" / "processed" / "articles.jsonl", "{}\n")
    with pytest.raises(UsageError, match="holds the input"):
        files.check_outputs([source], folders=[tmp_path / "out" / "data" / "processed"])
    files.check_outputs([source], roots=[tmp_path / "out"])  # a root only writes into the folders it names
    with pytest.raises(UsageError, match="is an input file"):
        files.check_outputs([source], roots=[source])


def test_build_refuses_outputs_over_its_inputs_before_creating_anything(tmp_path):
    out = tmp_path / "site"
    source = write(out / "data" / "processed" / "articles.jsonl",
                   json.dumps({"text": ARTICLE_A}, ensure_ascii=False) + "\n")
    for corpus_path, out_path, words in ((source, out, "holds the input"),
                                         (source.parent, source.parent, "is the corpus folder")):
        before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
        done = arnews("build", "--corpus", str(corpus_path), "--out", str(out_path))
        assert done.returncode == cli.EXIT_USAGE and words in _one_line(done.stderr)
        assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before  # no folder made


# ------------------------------------------------------------------------------------------- atomic folders


def test_atomic_folder_swaps_whole_and_keeps_other_files(tmp_path):
    out = tmp_path / "clean"
    write(out / "articles.jsonl", "old\n")
    write(out / "removed.csv", "old\n")
    notes = write(out / "notes.md", "a researcher's notes\n")
    inode = notes.stat().st_ino
    with files.atomic_folder(out) as tmp:
        files.write_text(tmp / "articles.jsonl", "new\n")
        files.write_text(tmp / "removed.csv", "new\n")
        assert (out / "articles.jsonl").read_text() == "old\n"  # nothing visible before the swap
    assert [(p.name, p.read_text()) for p in sorted(out.iterdir())] == [
        ("articles.jsonl", "new\n"), ("notes.md", "a researcher's notes\n"), ("removed.csv", "new\n")]
    assert (out / "notes.md").stat().st_ino == inode  # linked, not copied
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean"]


def test_atomic_folder_keep_existing_keeps_a_folder_made_meanwhile(tmp_path):
    out = tmp_path / "store"
    with files.atomic_folder(out, keep_existing=True) as tmp:
        files.write_text(tmp / "manifest.json", "first\n")
    with files.atomic_folder(out, keep_existing=True) as tmp:  # the same folder, made again by a second run
        files.write_text(tmp / "manifest.json", "second\n")
    assert [(p.name, p.read_text()) for p in out.iterdir()] == [("manifest.json", "first\n")]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


@pytest.mark.parametrize("error", [KeyboardInterrupt, RuntimeError, cli.Terminated])
def test_atomic_folder_interrupted_leaves_the_old_files_and_no_temporary_folder(tmp_path, error):
    out = tmp_path / "clean"
    write(out / "articles.jsonl", "old\n")
    write(out / "removed.csv", "old\n")
    with pytest.raises(error):
        with files.atomic_folder(out) as tmp:
            files.write_text(tmp / "articles.jsonl", "new\n")
            raise error()
    assert [(p.name, p.read_text()) for p in sorted(out.iterdir())] == [("articles.jsonl", "old\n"),
                                                                         ("removed.csv", "old\n")]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean"]
    with files.atomic_folder(tmp_path / "new") as tmp:  # a folder that did not exist
        files.write_text(tmp / "a.csv", "x\n")
    assert (tmp_path / "new" / "a.csv").read_text() == "x\n" and oct((tmp_path / "new").stat().st_mode)[-3:] != "700"

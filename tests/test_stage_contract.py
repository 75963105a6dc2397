"""Every stage CLI on a messy corpus (issue 9.1–9.2) and its determinism (issue 8.5), end to end.

The per-stage tests check each loader; these check what falls between stages: whatever the stage, a
messy corpus runs to the end with one line per problem and a summary, `--strict` stops at the first
problem without touching any output, raw inputs are never written, outputs are only ever replaced whole,
and the same input gives byte-identical outputs across runs, hash seeds and core counts.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arnews import cli, corpus, files
from arnews.errors import InputError
from corpus_samples import (
    RECEIVED,
    SUPPORT,
    TALKS,
    TITLE_TALKS,
    TITLE_VISIT,
    UNCONDITIONAL,
    records,
    write,
    write_json,
)

#: Every stage that reads a corpus and writes tables (build runs the notebooks; its own tests cover it).
STAGE_NAMES = [name for name in cli.STAGES if name != "build"]

#: The messy files, and the words that must appear, once, in the one stderr line about each.
PROBLEM_FILES = {
    "empty.txt": "empty",
    "scan.txt": "binary",
    "broken.json": "JSON",
    "nul.txt": "NUL",
    "cp1256.txt": "Windows-1256",
    "metadata.csv": "missing.txt",
}
#: Files that are fine (UTF-16 with a BOM, CRLF line ends) or repaired: each becomes an article.
REPAIRED_IDS = ["utf16", "cp1256", "nul", "crlf"]
#: Stages that write one row per article: every loaded article is in their output.
PER_ARTICLE_STAGES = {"corpus", "clean"}
#: The seed article with two delegation lists, the one article every stage has something to say about.
SEED_WITH_DELEGATIONS = "004_3afad984cf2ba5e7"
#: "Equality": a word only that seed article holds.
SEED_ONLY_WORD = "المساواة"
SUMMARY = re.compile(r"^loaded (\d+) articles? from \d+ files?")
TEMP_FILE = re.compile(r"^\..*\.tmp$")


# ------------------------------------------------------------------------------------------- helpers


def stage_module(name: str):
    return importlib.import_module(f"arnews.{name}")


def stage_options(name: str) -> dict[str, argparse.Action]:
    parser = argparse.ArgumentParser()
    stage_module(name).add_arguments(parser)
    return {option: action for action in parser._actions for option in action.option_strings}


def out_path(name: str, folder: Path) -> Path:
    """Where the stage writes: a folder for stages whose --out is a DIR, else a .csv file."""
    return folder / name if "DIR" in (stage_options(name)["--out"].metavar or "") else folder / f"{name}.csv"


def jobs_option(name: str) -> str | None:
    options = stage_options(name)
    return next((o for o in ("--jobs", "--workers") if o in options), None)


def jobs_args(name: str, n: int) -> list:
    option = jobs_option(name)
    return [option, str(n)] if option else []


def outputs(path: Path) -> dict[str, bytes]:
    """Every file a stage wrote at `path` (one file, or a folder's files), by relative name."""
    if path.is_file():
        return {path.name: path.read_bytes()}
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def snapshot(folder: Path) -> dict[str, tuple]:
    """Bytes, modification time and mode of every file and folder under `folder` (itself included)."""
    state = {}
    for p in [folder, *sorted(folder.rglob("*"))]:
        st = p.stat()
        state[p.relative_to(folder).as_posix()] = (p.read_bytes() if p.is_file() else None, st.st_mtime_ns,
                                                   st.st_mode)
    return state


def arnews(*args, hash_seed: int = 0) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONHASHSEED=str(hash_seed))
    return subprocess.run([sys.executable, "-m", "arnews", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=300)


def lines(stream: str) -> list[str]:
    return [line for line in stream.splitlines() if line.strip()]


def set_read_only(folder: Path, read_only: bool) -> None:
    for p in sorted(folder.rglob("*"), reverse=True) + [folder]:
        p.chmod((0o555 if read_only else 0o755) if p.is_dir() else (0o444 if read_only else 0o644))


# ------------------------------------------------------------------------------------------- fixtures


def write_messy_corpus(folder: Path, raw_dir: Path) -> Path:
    """The five seed articles (with their metadata) and one file of each kind of mess."""
    for seed in sorted(raw_dir.glob("*.txt")):
        shutil.copyfile(seed, folder / seed.name)
    write(folder / "empty.txt", b"")
    write(folder / "scan.txt", bytes(range(256)) * 8)  # a scanned page saved as .txt
    write(folder / "utf16.txt", "\ufeff" + TALKS, "utf-16-le")
    write(folder / "cp1256.txt", RECEIVED, "cp1256")
    write(folder / "nul.txt", UNCONDITIONAL[:20] + "\x00" + UNCONDITIONAL[20:])
    write(folder / "crlf.txt", (TITLE_VISIT + "\r\n" + SUPPORT + "\r\n").encode())
    write(folder / "broken.json", '[{"title": "' + TITLE_TALKS + '", "content": "' + TALKS)  # cut off mid-string
    with open(raw_dir.parent / "metadata.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for name in REPAIRED_IDS:  # dated, so that the only problems are the messy files themselves
        rows.append({"file": f"{name}.txt", "title": "", "outlet": "", "published": "2024-06-19", "url": "",
                     "notes": ""})
    rows.append({"file": "missing.txt", "title": TITLE_VISIT, "outlet": "", "published": "2024-06-18", "url": "",
                 "notes": "a row for a file nobody copied"})
    with open(folder / "metadata.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return folder


@pytest.fixture(scope="module")
def messy(tmp_path_factory, raw_dir):
    """The messy corpus, read-only, and its snapshot taken before any stage ran."""
    folder = tmp_path_factory.mktemp("messy") / "corpus"
    folder.mkdir()
    write_messy_corpus(folder, raw_dir)
    set_read_only(folder, True)
    before = snapshot(folder)
    yield folder, before
    set_read_only(folder, False)


@pytest.fixture(scope="module")
def messy_runs(messy, tmp_path_factory):
    """One run of each stage on the messy corpus (with 2 workers where it offers them), made on first use."""
    folder, _ = messy
    runs = {}

    def get(name: str):
        if name not in runs:
            out = out_path(name, tmp_path_factory.mktemp(f"messy-{name}"))
            result = arnews(name, "--corpus", folder, "--out", out, *jobs_args(name, 2), hash_seed=1)
            runs[name] = (result, out)
        return runs[name]

    return get


@pytest.fixture(params=STAGE_NAMES)
def stage(request) -> str:
    stage_module(request.param)
    return request.param


# ------------------------------------------------------------------------------------------- messy corpus


def test_messy_corpus_runs_to_the_end_with_one_line_per_problem(stage, messy_runs):
    result, out = messy_runs(stage)
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert result.returncode == 0, result.stderr

    written = outputs(out)
    assert written and all(written.values()), f"{stage} wrote nothing to {out}"
    text = b"".join(written.values()).decode("utf-8")
    if "doc_id" in text:
        assert SEED_WITH_DELEGATIONS in text
    else:  # a table of the whole corpus (terms): a word only that article holds
        assert SEED_ONLY_WORD in text
    if stage in PER_ARTICLE_STAGES:
        for doc_id in REPAIRED_IDS:
            assert re.search(rf"\b{doc_id}\b", text), f"{doc_id} missing from the {stage} output"

    err = lines(result.stderr)
    repeated = {line for line in err if err.count(line) > 1}
    assert not repeated, f"lines said more than once: {repeated}"
    for name, reason in PROBLEM_FILES.items():
        about = [line for line in err if name in line and reason in line]
        assert len(about) == 1, f"expected one line naming {name} ({reason}), got {about}\n{result.stderr}"

    summaries = [i for i, line in enumerate(err) if SUMMARY.match(line)]
    assert len(summaries) == 1, result.stderr
    assert SUMMARY.match(err[summaries[0]]).group(1) == "9"  # 5 seeds + utf16, cp1256, nul, crlf
    last_problem = max(i for i, line in enumerate(err) if any(name in line for name in PROBLEM_FILES))
    assert summaries[0] > last_problem, "the summary must come after the problems"
    last = [lines(result.stdout)[-1:], err[-1:]]
    assert any(str(out) in line for line in sum(last, [])), "the run ends with a line saying what was written where"


def test_messy_corpus_is_never_written(stage, messy, messy_runs):
    folder, before = messy
    messy_runs(stage)
    assert snapshot(folder) == before  # bytes, mtimes and modes; chmod alone does not stop root


def test_strict_stops_at_the_first_problem_and_writes_nothing(stage, messy, messy_runs, tmp_path):
    folder, _ = messy
    if "--strict" not in stage_options(stage):
        pytest.fail(f"arnews {stage} has no --strict (cli.add_strict_argument)")
    _, previous = messy_runs(stage)
    out = tmp_path / previous.relative_to(previous.parent)
    if previous.is_dir():
        shutil.copytree(previous, out)
    else:
        shutil.copy2(previous, out)
    before = snapshot(tmp_path)

    result = arnews(stage, "--corpus", folder, "--out", out, "--strict")

    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    err = lines(result.stderr)
    assert len(err) == 1, result.stderr
    assert "broken.json" in err[0] and "JSON" in err[0]  # the first problem file, in name order
    assert snapshot(tmp_path) == before  # the old outputs untouched, nothing new (not even a temp file)


# ------------------------------------------------------------------------------------------- outputs vs inputs

#: os.open flags that write; audit events that change a file without opening it.
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
_CHANGING_EVENTS = {"os.rename", "os.remove", "os.rmdir", "os.truncate", "os.chmod", "os.chown", "os.utime",
                    "os.link", "os.symlink", "shutil.rmtree", "shutil.move"}
#: What the audit hook records while a test watches (None: not watching). Hooks cannot be removed.
_WATCHED: list | None = None


def _audit(event: str, args: tuple) -> None:
    if _WATCHED is None:
        return
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        path, mode, flags = args
        if (mode and any(c in mode for c in "wax+")) or (flags or 0) & _WRITE_FLAGS:
            _WATCHED.append((event, os.fsdecode(path)))
    elif event in _CHANGING_EVENTS:
        _WATCHED.extend((event, os.fsdecode(a)) for a in args if isinstance(a, (str, bytes, os.PathLike)))


@pytest.fixture
def writes_seen():
    """Every path the test's own process opens for writing, renames, removes or touches (sys.audit)."""
    global _WATCHED
    if not getattr(writes_seen, "hooked", False):
        sys.addaudithook(_audit)
        writes_seen.hooked = True
    _WATCHED = []
    yield _WATCHED
    _WATCHED = None


def test_a_stage_never_opens_a_raw_input_for_writing(stage, raw_dir, tmp_path, writes_seen):
    folder = tmp_path / "corpus"
    shutil.copytree(raw_dir, folder)
    shutil.copyfile(raw_dir.parent / "metadata.csv", folder / "metadata.csv")
    out = out_path(stage, tmp_path / "out")
    writes_seen.clear()  # the copy above is the test's, not the stage's

    assert cli.main([stage, "--corpus", str(folder), "--out", str(out), *jobs_args(stage, 1)]) == 0

    touched = [(event, path) for event, path in writes_seen if Path(path).resolve().is_relative_to(folder.resolve())]
    assert not touched
    assert any(Path(path).resolve().is_relative_to(tmp_path / "out") for _, path in writes_seen)  # the hook works



@pytest.fixture
def small_corpus(tmp_path) -> Path:
    """A folder with one JSON file of three real articles."""
    folder = tmp_path / "corpus"
    write_json(folder / "articles.json", records())
    return folder


@pytest.mark.parametrize("where", ["corpus folder", "subfolder", "input file", "input file, corpus is the file"])
def test_out_inside_the_corpus_or_over_an_input_is_refused(stage, small_corpus, where, capsys):
    source = small_corpus / "articles.json"
    corpus_arg, out = {
        "corpus folder": (small_corpus, small_corpus if "DIR" in stage_options(stage)["--out"].metavar
                          else small_corpus / "table.csv"),
        "subfolder": (small_corpus, small_corpus / "out" / f"{stage}.csv"),
        "input file": (small_corpus, source),
        "input file, corpus is the file": (source, source),
    }[where]
    before = snapshot(small_corpus)

    code = cli.main([stage, "--corpus", str(corpus_arg), "--out", str(out)])

    err = lines(capsys.readouterr().err)
    assert code != 0
    assert len(err) == 1 and str(out) in err[0], err
    assert snapshot(small_corpus) == before


# ------------------------------------------------------------------------------------------- atomic writes


def _interrupting_write_table(error: type[BaseException], fired: list):
    """files._write_table (every CSV goes through it) that leaves the first half of the table, then fails as
    Ctrl-C (or a crash) would."""
    real = files._write_table

    def write_table(frame, path):
        real(frame, path)
        whole = Path(path).read_bytes()
        Path(path).write_bytes(whole[: len(whole) // 2])
        fired.append(path)
        raise error("interrupted while writing")

    return write_table


def test_write_csv_interrupted_keeps_the_previous_table(tmp_path, monkeypatch):
    target = files.write_csv(pd.DataFrame({"term": ["بوتين", "كيم"], "count": [12, 7]}), tmp_path / "terms.csv")
    previous = target.read_bytes()
    fired = []
    monkeypatch.setattr(files, "_write_table", _interrupting_write_table(RuntimeError, fired))

    with pytest.raises(RuntimeError):
        files.write_csv(pd.DataFrame({"term": ["روسيا"] * 1000, "count": range(1000)}), target)

    assert fired
    assert target.read_bytes() == previous
    assert sorted(p.name for p in tmp_path.iterdir()) == ["terms.csv"]


def test_write_jsonl_interrupted_keeps_the_previous_file(tmp_path):
    target = files.write_jsonl([{"doc_id": "a", "text": TALKS}], tmp_path / "articles.jsonl")
    previous = target.read_bytes()

    def records_then_crash():
        yield {"doc_id": "b", "text": RECEIVED}
        yield {"doc_id": "c", "text": SUPPORT}
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        files.write_jsonl(records_then_crash(), target)

    assert target.read_bytes() == previous
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles.jsonl"]


def test_a_stage_interrupted_while_writing_leaves_old_or_whole_files(stage, raw_dir, tmp_path, monkeypatch, capsys):
    # A reference run says which files the stage writes and what they hold when whole.
    reference = out_path(stage, tmp_path / "reference")
    reference.parent.mkdir()
    assert cli.main([stage, "--corpus", str(raw_dir), "--out", str(reference)]) == 0
    whole = outputs(reference)
    out = out_path(stage, tmp_path / "run")
    for name in whole:  # outputs of an earlier run, which an interrupted run must not damage
        write(out / name if reference.is_dir() else out, "previous run\n")
    capsys.readouterr()
    fired = []
    monkeypatch.setattr(files, "_write_table", _interrupting_write_table(KeyboardInterrupt, fired))

    code = cli.main([stage, "--corpus", str(raw_dir), "--out", str(out)])

    assert fired, f"arnews {stage} wrote no table through files.write_csv; interrupt it elsewhere"
    assert code == 130
    assert "interrupted" in capsys.readouterr().err
    after = outputs(out)
    assert set(after) == set(whole)
    for name, content in after.items():
        assert content in (b"previous run\n", whole[name]), f"{name} is half-written"
    leftovers = [p for p in (tmp_path / "run").rglob("*") if TEMP_FILE.match(p.name)]
    assert not leftovers


# ------------------------------------------------------------------------------------------- determinism


def test_messy_corpus_outputs_are_byte_identical_across_runs_and_jobs(stage, messy, messy_runs, tmp_path):
    folder, _ = messy
    first, first_out = messy_runs(stage)  # --jobs 2 (where offered), hash seed 1
    out = out_path(stage, tmp_path)
    second = arnews(stage, "--corpus", folder, "--out", out, *jobs_args(stage, 1), hash_seed=2)
    assert first.returncode == second.returncode == 0, second.stderr
    assert outputs(out) == outputs(first_out)


@pytest.fixture(scope="module")
def saudinewsnet_days(saudinewsnet, tmp_path_factory) -> Path:
    """Two days of SaudiNewsNet (2,603 articles, 4.2 M characters: enough for clean to fork workers)."""
    folder = tmp_path_factory.mktemp("saudinewsnet")
    for day in ("2015-07-23.zip", "2015-08-01.zip"):
        shutil.copyfile(saudinewsnet / day, folder / day)
    return folder


def test_saudinewsnet_days_give_byte_identical_outputs_on_one_or_two_cores(stage, saudinewsnet_days, tmp_path):
    runs = []
    for n, hash_seed in ((1, 1), (2, 2)):
        out = out_path(stage, tmp_path / f"run{n}")
        out.parent.mkdir()
        result = arnews(stage, "--corpus", saudinewsnet_days, "--out", out, *jobs_args(stage, n), hash_seed=hash_seed)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        runs.append(outputs(out))
    assert runs[0] and all(runs[0].values())
    assert runs[0] == runs[1]


#: `python -m arnews` with shards of 16 articles, the timeline's workers started whatever the corpus's size, the
#: cores the runner sees set by ARNEWS_TEST_CORES (delegations has no --jobs: it uses every core), and a line on
#: stderr for every map the runner spreads over worker processes: so that a small corpus runs as a large one.
SHARDED_ARNEWS = """
import functools, os, sys
from arnews import cli, pipeline, runner
import arnews.timeline.cli as timeline_cli

pipeline.SHARD_ARTICLES = 16
timeline_cli.run_corpus = functools.partial(timeline_cli.run_corpus, parallel_min_bytes=0)
runner.available_cores = lambda: int(os.environ["ARNEWS_TEST_CORES"])
in_workers = runner._in_workers


def logged(function, items, jobs, *rest):
    print(f"in workers: {function.__name__}, {len(items)} items, {jobs} jobs", file=sys.stderr, flush=True)
    return in_workers(function, items, jobs, *rest)


runner._in_workers = logged
sys.exit(cli.main(sys.argv[1:]))
"""
#: Stages whose work the runner spreads over workers (corpus and clean load and clean in one process).
WORKER_STAGES = {"terms", "timeline", "delegations"}


def test_saudinewsnet_excerpts_in_shards_give_byte_identical_outputs_on_one_or_two_workers(
        stage, saudinewsnet_excerpts, tmp_path):
    # The counterpart, on every machine, of the test on two SaudiNewsNet days above: the 109 excerpts in 7 shards,
    # one run in this process (hash seed 1), one on two workers (hash seed 2) started by spawn (terms: by fork;
    # its workers under spawn, which load the compiled kernels again, are test_terms_engine's).
    runs = []
    for cores, method, hash_seed in ((1, "fork", 1), (2, "fork" if stage == "terms" else "spawn", 2)):
        out = out_path(stage, tmp_path / f"run{cores}")
        out.parent.mkdir()
        env = dict(os.environ, PYTHONHASHSEED=str(hash_seed), ARNEWS_START_METHOD=method,
                   ARNEWS_TEST_CORES=str(cores), ARNEWS_INTERIM=str(tmp_path / f"interim{cores}"))
        result = subprocess.run([sys.executable, "-c", SHARDED_ARNEWS, stage, "--corpus", str(saudinewsnet_excerpts),
                                 "--out", str(out), *jobs_args(stage, cores)], capture_output=True, text=True,
                                env=env, timeout=300)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        spread = re.findall(r"^in workers: \w+, (\d+) items, (\d+) jobs$", result.stderr, re.MULTILINE)
        if cores == 2 and stage in WORKER_STAGES:
            assert spread == [("7", "2")], result.stderr
        else:
            assert spread == [], result.stderr
        runs.append(outputs(out))
    assert runs[0] and all(len(content.splitlines()) > 1 for content in runs[0].values()), runs[0]
    assert runs[0] == runs[1]


@pytest.mark.parametrize("case", ["binary file after an undated one", "metadata row for a missing file",
                                  "a doc_id used twice"])
def test_strict_stops_where_corpus_load_stops(stage, raw_dir, tmp_path, case, capsys):
    folder = tmp_path / "corpus"
    write(folder / "a.txt", (raw_dir / "000_2f3a022fdb695d49.txt").read_bytes())  # no metadata.csv: undated
    if case.startswith("binary"):
        write(folder / "b.txt", bytes(range(256)) * 4)
    elif case.startswith("metadata"):
        write(folder / "metadata.csv", "file,published\nmissing.txt,2024-06-19\n")
    else:
        folder = tmp_path / "ids"
        write_json(folder / "day.json", [dict(r, id="x", date_extracted="2024-06-19") for r in records()])
    with pytest.raises(InputError) as expected:
        corpus.load_with_report(folder, strict=True)
    out = out_path(stage, tmp_path / "out")

    code = cli.main([stage, "--corpus", str(folder), "--out", str(out), "--strict", *jobs_args(stage, 2)])

    err = lines(capsys.readouterr().err)
    assert code != 0
    assert len(err) == 1 and err[0].endswith(str(expected.value)), err
    assert not (tmp_path / "out").exists()


def test_the_metadata_beside_the_corpus_is_never_an_output(stage, tmp_path, capsys):
    # the README's layout: data/raw + data/metadata.csv
    folder = tmp_path / "data" / "raw"
    write_json(folder / "articles.json", records())
    metadata = write(tmp_path / "data" / "metadata.csv", "file,title,outlet,published,url,notes\n"
                     f"articles.json,{TITLE_TALKS},,2024-06-19,,\n")
    before = snapshot(tmp_path / "data")

    code = cli.main([stage, "--corpus", str(folder), "--out", str(metadata)])

    err = lines(capsys.readouterr().err)
    assert code == cli.EXIT_USAGE
    assert len(err) == 1 and f"{metadata}: is an input file of this run" in err[0], err
    assert snapshot(tmp_path / "data") == before


def test_no_readable_file_is_the_same_error_in_every_stage(stage, tmp_path, capsys):
    write(tmp_path / "corpus" / "broken.json", '[{"title": "' + TITLE_TALKS)
    out = out_path(stage, tmp_path / "out")

    code = cli.main([stage, "--corpus", str(tmp_path / "corpus"), "--out", str(out)])

    err = lines(capsys.readouterr().err)
    assert code == cli.EXIT_INPUT
    assert len(err) == 1 and "no article could be loaded from 1 file(s)" in err[0] and "broken.json" in err[0], err
    assert not (tmp_path / "out").exists()


def test_an_output_that_cannot_be_written_is_a_one_line_error(stage, raw_dir, tmp_path, capsys):
    in_the_way = write(tmp_path / "results", "a file where the output folder should be\n")
    out = out_path(stage, in_the_way)

    code = cli.main([stage, "--corpus", str(raw_dir), "--out", str(out)])

    err = lines(capsys.readouterr().err)
    assert code != 0
    assert len(err) == 1 and str(in_the_way) in err[0], err
    assert in_the_way.read_text() == "a file where the output folder should be\n"


@pytest.mark.parametrize("frame", [
    pd.DataFrame({"term": ["بوتين", "1,500", 'قال "نعم"', "سطر\nجديد", ""], "count": [12, 7, 3, 2, 1]}),
    pd.DataFrame({"term": ["", "كيم"]}),  # one column: an empty field is written "" (else the row would vanish)
    pd.DataFrame({"term": ["بوتين", None], "share": [0.5, 1.25]}),  # missing values and floats: pandas writes
    pd.DataFrame({"count": pd.array([1, None], dtype="Int64")}),
])
def test_write_csv_writes_the_bytes_pandas_writes(tmp_path, frame):
    frame.to_csv(tmp_path / "pandas.csv", index=False, encoding="utf-8", lineterminator="\n")
    assert files.write_csv(frame, tmp_path / "arnews.csv").read_bytes() == (tmp_path / "pandas.csv").read_bytes()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet='بوتين,"\n\r 1٫\x00=+-@\t', max_size=6), st.integers(0, 10**6)),
                min_size=1, max_size=12), st.booleans())
def test_write_csv_reads_back_every_string(tmp_path_factory, rows, raw):
    # a lone CR is quoted (pandas and the csv module leave it bare, and readers then see two rows); a value a
    # spreadsheet would run as a formula gets an apostrophe unless raw
    folder = tmp_path_factory.mktemp("csv")
    frame = pd.DataFrame({"term": [t for t, _ in rows], "count": [n for _, n in rows]})
    back = pd.read_csv(files.write_csv(frame, folder / "arnews.csv", raw=raw), dtype=str, keep_default_na=False)
    expected = frame["term"].tolist() if raw else [files.neutralise_formula(t) for t in frame["term"]]
    assert back["term"].tolist() == expected
    assert back["count"].astype(int).tolist() == frame["count"].tolist()


def test_write_csv_neutralises_formulas(tmp_path, monkeypatch):
    # titles, outlets and URLs a hostile crawl could hold; numbers stay numbers
    frame = pd.DataFrame({"title": ["=HYPERLINK(\"http://x\",\"انقر\")", "+1+1", "-2+3", "@SUM(A1)", "\tقمة", "-3.5",
                                    "بوتين = رئيس"], "count": [-1, 2, 3, 4, 5, 6, 7]})
    written = pd.read_csv(files.write_csv(frame, tmp_path / "t.csv"), dtype=str, keep_default_na=False)
    assert written["title"].tolist() == ["'=HYPERLINK(\"http://x\",\"انقر\")", "'+1+1", "'-2+3", "'@SUM(A1)", "'\tقمة",
                                         "-3.5", "بوتين = رئيس"]
    assert written["count"].tolist() == ["-1", "2", "3", "4", "5", "6", "7"]
    monkeypatch.setenv(files.RAW_CSV_VARIABLE, "1")  # what --raw-csv sets for the run
    raw = pd.read_csv(files.write_csv(frame, tmp_path / "raw.csv"), dtype=str, keep_default_na=False)
    assert raw["title"].tolist() == frame["title"].tolist()

"""Messy input while loading (issue 9, items 1 and 2): skip or repair with one message, never a traceback,
never write a raw file."""

from __future__ import annotations

import builtins
import hashlib
import io
import json
import logging
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from arnews import corpus, files
from arnews.corpus import formats
from arnews.errors import InputError
from corpus_samples import (
    ARTICLE_A,
    ARTICLE_B,
    ARTICLE_C,
    HEGEMONY,
    RECEIVED,
    SUPPORT,
    TALKS,
    TITLE_TALKS,
    records,
    write,
    write_json,
    write_zip,
)


def _load(path, **kwargs):
    """Load and return (articles, report, logged messages)."""
    handler = _Capture()
    logger = logging.getLogger("arnews.corpus")
    logger.addHandler(handler)
    try:
        articles = corpus.load(path, **kwargs)
    finally:
        logger.removeHandler(handler)
    return articles, corpus.report_of(articles), handler.messages


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def _kinds(report, kind):
    return [p for p in report.problems if p.kind == kind]


def _only(report, kind):
    found = [p for p in report.problems if p.kind == kind]
    assert len(found) == 1, report.problems
    return found[0]


def _dated(folder: Path, *names: str) -> None:
    """metadata.csv giving each file a date, so the tests see only the problem they are about."""
    rows = "".join(f"{name},,,2024-06-19,,\n" for name in names)
    write(folder / "metadata.csv", "file,title,outlet,published,url,notes\n" + rows)


# ------------------------------------------------------------------------------------------- per-file problems


@pytest.mark.parametrize("content, reason", [(b"", "empty file (0 bytes)"), (b" \n\t\r\n  ", "only whitespace")])
def test_empty_and_whitespace_files_are_skipped_with_a_message(tmp_path, content, reason):
    write(tmp_path / "good.txt", ARTICLE_A)
    write(tmp_path / "blank.txt", content)
    _dated(tmp_path, "good.txt", "blank.txt")
    articles, report, messages = _load(tmp_path)
    assert articles["doc_id"].tolist() == ["good"]
    problem = _only(report, "empty")
    assert problem.message() == f"{tmp_path / 'blank.txt'}: {reason}: skipped"
    assert problem.message() in messages
    assert messages[-1] == "loaded 1 article from 2 files (2 records read); skipped 1 file"


def test_binary_file_is_skipped(tmp_path):
    write(tmp_path / "good.txt", ARTICLE_A)
    write(tmp_path / "scan.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20)
    _dated(tmp_path, "good.txt", "scan.txt")
    articles, report, messages = _load(tmp_path)
    assert articles["doc_id"].tolist() == ["good"]
    problem = _only(report, "binary")
    assert problem.file == str(tmp_path / "scan.txt") and problem.action == "skipped"
    assert "binary, not text" in problem.reason and "control bytes" in problem.reason


def test_undecodable_file_is_skipped(tmp_path):
    # Latin-1 French: neither UTF-8 nor Arabic in Windows-1256.
    write(tmp_path / "french.txt", "Le président russe a été reçu à Pyongyang. " * 5, encoding="latin-1")
    write(tmp_path / "good.txt", ARTICLE_B)
    articles, report, _ = _load(tmp_path)
    assert articles["doc_id"].tolist() == ["good"]
    problem = _only(report, "undecodable")
    assert problem.reason.startswith("cannot be decoded: not UTF-8 (invalid byte 0xe9 at byte 5)")


def test_a_few_invalid_utf8_bytes_are_replaced(tmp_path):
    data = (ARTICLE_A * 3).encode("utf-8")
    cut = len(TALKS[:20].encode("utf-8"))
    write(tmp_path / "torn.txt", data[:cut] + b"\xff" + data[cut:])  # one stray byte in mid-sentence
    _dated(tmp_path, "torn.txt")
    articles, report, _ = _load(tmp_path)
    assert articles.loc[0, "text"] == TALKS[:20] + "\ufffd" + (ARTICLE_A * 3)[20:]
    problem = _only(report, "invalid-bytes")
    assert problem.reason == f"1 invalid UTF-8 byte(s), the first at byte {cut}"
    assert problem.action == "repaired (replaced with U+FFFD)"


def test_windows_1256_file_is_decoded_with_a_message(tmp_path):
    write(tmp_path / "old.txt", ARTICLE_B, encoding="cp1256")
    _dated(tmp_path, "old.txt")
    articles, report, messages = _load(tmp_path)
    assert articles.loc[0, "text"] == ARTICLE_B
    problem = _only(report, "windows-1256")
    assert problem.action == "decoded as Windows-1256"
    assert any(m.startswith(f"{tmp_path / 'old.txt'}: not UTF-8;") for m in messages)


def test_utf16_with_bom_and_crlf(tmp_path):
    write(tmp_path / "word.txt", "\ufeff" + TALKS + "\r\n" + SUPPORT, encoding="utf-16-le")
    _dated(tmp_path, "word.txt")
    articles, report, _ = _load(tmp_path)
    assert articles.loc[0, "text"] == ARTICLE_A and not report.problems


def test_stray_nul_bytes_are_removed(tmp_path):
    write(tmp_path / "nul.txt", (TALKS + "\x00\x00\n" + SUPPORT + "\x00").encode("utf-8"))
    write_json(tmp_path / "j.json", [{"text": RECEIVED + "\u0000\n" + HEGEMONY, "date": "2024-06-18"}])
    _dated(tmp_path, "nul.txt")
    articles, report, messages = _load(tmp_path)
    assert articles["text"].tolist() == [ARTICLE_B, ARTICLE_A]
    nul = [p for p in report.problems if p.kind == "nul-bytes"]
    assert [(p.file, p.record, p.action) for p in nul] == [
        (str(tmp_path / "j.json"), "record #00000", "repaired (removed them)"),
        (str(tmp_path / "nul.txt"), "", "repaired (removed them)"),
    ]
    assert f"{tmp_path / 'nul.txt'}: 3 stray NUL byte(s): repaired (removed them)" in messages


def test_lone_surrogate_escapes_become_replacement_characters(tmp_path):
    # JSON may escape half of a UTF-16 pair ("\\ud800"); no UTF-8 output can hold it, so every stage would fail
    text = json.dumps(TALKS + " \ud800\n" + SUPPORT)  # ensure_ascii: the surrogate stays an escape
    write(tmp_path / "c" / "half.json", f'[{{"title": "\\udfff", "date": "2024-06-19", "text": {text}}}]')
    articles, report, _ = _load(tmp_path / "c")
    assert articles.loc[0, "text"] == TALKS + " \ufffd\n" + SUPPORT
    assert articles.loc[0, "title"] == "\ufffd"
    assert _only(report, "invalid-escapes").action == "repaired (replaced with U+FFFD)"
    for stage in ("clean", "terms", "timeline"):
        done = subprocess.run([sys.executable, "-m", "arnews", stage, "--corpus", str(tmp_path / "c"), "--out",
                               str(tmp_path / stage)], capture_output=True, text=True)
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr


def test_many_nul_bytes_make_a_file_binary(tmp_path):
    write(tmp_path / "a.txt", ARTICLE_A)
    write(tmp_path / "padded.txt", ARTICLE_B.encode("utf-8") + b"\x00" * 2000)
    _, report, _ = _load(tmp_path)
    assert _only(report, "binary").file == str(tmp_path / "padded.txt")


def test_multi_megabyte_single_line(tmp_path):
    line = " ".join([TALKS, SUPPORT, RECEIVED]) * 12_000  # ~5 MB of UTF-8, no newline
    assert len(line.encode("utf-8")) > 4_000_000
    write(tmp_path / "one_line.txt", line)
    write(tmp_path / "table.csv", "title,text\n" + TITLE_TALKS + ',"' + line + " " + SUPPORT + '"\n')
    write(tmp_path / "feed.jsonl", json.dumps({"text": line + " " + HEGEMONY}, ensure_ascii=False) + "\n")
    articles, _, _ = _load(tmp_path)
    assert articles["doc_id"].tolist() == ["feed#00000", "one_line", "table#00000"]
    lengths = [len(line) + 1 + len(HEGEMONY), len(line), len(line) + 1 + len(SUPPORT)]
    assert articles["text"].str.len().tolist() == lengths


def test_html_remnants_are_loaded_as_raw_text(tmp_path):
    html = f'<p>{TALKS}</p><script>alert("x")</script><img src=x onerror="alert(1)">\n{SUPPORT}'
    write(tmp_path / "page.txt", html)
    articles, _, _ = _load(tmp_path)
    assert articles.loc[0, "text"] == html  # the clean stage strips tags; loading keeps the raw text


def test_metadata_rows_naming_missing_files(tmp_path):
    write(tmp_path / "a.txt", ARTICLE_A)
    write(tmp_path / "metadata.csv", "file,title,outlet,published,url,notes\n"
          f"a.txt,{TITLE_TALKS},,2024-06-19,,\nlost.txt,عنوان,,2024-06-18,,\n")
    articles, report, messages = _load(tmp_path)
    assert articles.loc[0, "title"] == TITLE_TALKS
    problem = _only(report, "missing-file")
    assert problem.message() == (f"{tmp_path / 'metadata.csv'} line 3: names 'lost.txt', which is not in the "
                                 "corpus: row ignored")
    assert problem.message() in messages


def test_invalid_and_missing_dates_become_nat_with_a_message(tmp_path):
    write(tmp_path / "a.txt", ARTICLE_A)
    write(tmp_path / "b.txt", ARTICLE_B)
    write(tmp_path / "metadata.csv", "file,title,outlet,published,url,notes\na.txt,,,2024-13-45,,\n")
    write_json(tmp_path / "c.json", [{"text": ARTICLE_C, "date": "يوم الأربعاء"}])  # "on Wednesday"
    articles, report, messages = _load(tmp_path)
    assert articles["published"].isna().all()
    by_file = {Path(p.file).name: p for p in report.problems}
    assert by_file["a.txt"].reason == f"invalid date '2024-13-45' (from {tmp_path / 'metadata.csv'})"
    assert by_file["b.txt"].reason == "no publication date"
    assert by_file["c.json"].message() == (f"{tmp_path / 'c.json'} record #00000: invalid date 'يوم الأربعاء': "
                                           "published left empty (NaT)")
    assert "3 articles without a valid date" in messages[-1]


def test_exact_duplicates_dropped_copies_across_outlets_kept(tmp_path):
    rows = records()
    rows.append(dict(rows[0], url="https://example.org/1-again"))  # same outlet, same text: a re-crawl
    rows.append(dict(rows[1], source="okaz"))  # same text from another outlet: syndicated wire copy
    write_json(tmp_path / "day.json", rows)
    articles, report, messages = _load(tmp_path)
    assert articles["doc_id"].tolist() == ["day#00000", "day#00001", "day#00002", "day#00004"]
    duplicate = _only(report, "duplicate")
    assert duplicate.message() == f"{tmp_path / 'day.json'} record #00003: same text as day#00000: dropped"
    syndicated = _only(report, "syndicated")
    assert syndicated.record == "record #00004" and syndicated.action == "kept (another outlet)"
    assert "1 exact duplicate dropped" in messages[-1]


def test_near_duplicates_are_reported_not_dropped(tmp_path):
    # Two long paragraphs of seed text, then the same article with other spacing, a dateline ("Moscow –") and
    # a source line ("Source: agencies") added.
    first = "\n".join([TALKS, RECEIVED + " " + SUPPORT])
    second = "\n".join(["موسكو –", TALKS.replace(" ", "  "), RECEIVED + " " + SUPPORT, "المصدر: وكالات"])
    write_json(tmp_path / "near.json", [{"text": first, "date": "2024-06-19"}, {"text": second, "date": "2024-06-19"},
                                        {"text": ARTICLE_C, "date": "2024-06-19"}])
    articles, report, _ = _load(tmp_path)
    assert len(articles) == 3
    near = _only(report, "near-duplicate")
    assert near.record == "record #00001" and "also in near#00000" in near.reason
    assert near.action == "kept (reported only)"


def test_find_near_duplicates_ignores_boilerplate_paragraphs():
    # "To subscribe to the breaking-news service send a text message to the service's number now": a line
    # many articles of one outlet carry, followed by a short line of their own ("issue number i").
    boiler = "للاشتراك في خدمة الأخبار العاجلة أرسل رسالة نصية قصيرة إلى الرقم المخصص للخدمة الآن"
    texts = [f"{boiler}\nالعدد {i}" for i in range(corpus.NEAR_DUP_MAX_SHARED + 1)]
    assert corpus.find_near_duplicates(texts) == []
    assert corpus.find_near_duplicates(texts[:3]) == [(0, 1, 1.0), (0, 2, 1.0), (1, 2, 1.0)]


def test_duplicate_doc_ids_in_nested_folders_are_renamed(tmp_path):
    write(tmp_path / "2023" / "summit.txt", ARTICLE_C)
    write(tmp_path / "2024" / "summit.txt", ARTICLE_A)
    articles, report, _ = _load(tmp_path)
    assert articles["doc_id"].tolist() == ["2024/summit", "summit"]
    assert _only(report, "duplicate-id").action == "renamed to '2024/summit'"


# ------------------------------------------------------------------------------------------- structured files


def test_truncated_json_keeps_the_records_before_the_break(tmp_path):
    write(tmp_path / "broken.json", '[{"text": "' + TALKS + '"}, {"text": ')
    write_json(tmp_path / "good.json", records())
    articles, report, _ = _load(tmp_path)
    assert len(articles) == 4 and articles.loc[0, "text"] == TALKS  # broken.json's first, whole record
    problem = _only(report, "bad-json")
    assert problem.file == str(tmp_path / "broken.json") and problem.record == "record #00001"
    assert problem.reason.startswith("invalid JSON (Expecting value at line 1 column")
    assert problem.reason.endswith("; the rest of the file skipped")


def test_bad_jsonl_lines_and_non_object_records(tmp_path):
    write(tmp_path / "feed.jsonl", json.dumps({"text": ARTICLE_A}, ensure_ascii=False) + "\n{oops\n"
          + json.dumps({"text": ARTICLE_B}, ensure_ascii=False) + "\n")
    write_json(tmp_path / "mixed.json", [{"text": ARTICLE_C}, "نص", {"title": TITLE_TALKS}])
    articles, report, _ = _load(tmp_path)
    assert articles["text"].tolist() == [ARTICLE_A, ARTICLE_B, ARTICLE_C]
    problems = {(Path(p.file).name, p.record): p.reason for p in report.problems if p.kind != "no-date"}
    assert problems[("feed.jsonl", "line 2")].startswith("invalid JSON")
    assert problems[("mixed.json", "record #00001")] == "not an object but str"
    assert problems[("mixed.json", "record #00002")].startswith("no text field")


def test_csv_without_a_text_column_says_how_to_name_it(tmp_path):
    write(tmp_path / "export.csv", f"headline,story\n{TITLE_TALKS},{TALKS}\n")
    write(tmp_path / "a.txt", ARTICLE_A)
    _, report, _ = _load(tmp_path)
    problem = _only(report, "no-text")
    assert problem.action == "skipped" and "['headline', 'story']" in problem.reason
    assert "--field text=NAME" in problem.reason
    assert corpus.load(tmp_path, fields={"text": "story"})["text"].tolist() == [ARTICLE_A, TALKS]


def test_broken_zip_and_corrupt_member(tmp_path):
    write(tmp_path / "truncated.zip", b"PK\x03\x04" + b"\x14\x00" * 20)
    good = write_zip(tmp_path / "good.zip", {"a.txt": ARTICLE_A, "b.txt": ARTICLE_B})
    data = bytearray(good.read_bytes())
    data[data.index(b"b.txt") + 5 + 3] ^= 0xFF  # damage b.txt's compressed bytes: its CRC check fails
    good.write_bytes(bytes(data))
    articles, report, _ = _load(tmp_path)
    assert articles["doc_id"].tolist() == ["good/a"]
    problems = {p.file: p for p in report.problems if p.kind == "bad-zip"}
    assert problems[str(tmp_path / "truncated.zip")].reason.startswith("not a readable zip archive")
    assert problems[str(tmp_path / "good.zip") + "/b.txt"].reason.startswith("cannot be extracted")


def test_unreadable_file_is_skipped(tmp_path, monkeypatch):
    write(tmp_path / "a.txt", ARTICLE_A)
    locked = write(tmp_path / "locked.txt", ARTICLE_B)
    real = Path.read_bytes

    def read_bytes(self):
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    articles, report, _ = _load(tmp_path)
    assert articles["doc_id"].tolist() == ["a"]
    assert _only(report, "unreadable").message() == f"{locked}: cannot be read (Permission denied): skipped"


# ------------------------------------------------------------------------------------------- strict, and no traceback


def test_strict_turns_the_first_problem_into_an_input_error(tmp_path):
    write(tmp_path / "a.txt", ARTICLE_A)
    write(tmp_path / "b.txt", b"")
    _dated(tmp_path, "a.txt", "b.txt")
    with pytest.raises(InputError) as raised:
        corpus.load(tmp_path, strict=True)
    assert str(raised.value) == f"{tmp_path / 'b.txt'}: empty file (0 bytes) (--strict: stopped at the first problem)"
    assert len(corpus.load(tmp_path)) == 1  # without --strict the run goes on


def test_strict_passes_a_clean_corpus(tmp_path):
    write_json(tmp_path / "day.json", records())
    assert len(corpus.load(tmp_path, strict=True)) == 3


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "arnews", "corpus", *map(str, args)], capture_output=True,
                          text=True)


def _one_line_error(done) -> str:
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def test_cli_strict_exits_non_zero_with_one_line(tmp_path):
    write(tmp_path / "c" / "a.txt", ARTICLE_A)
    write(tmp_path / "c" / "scan.txt", bytes(range(256)) * 4)
    line = _one_line_error(_cli("--corpus", tmp_path / "c", "--out", tmp_path / "o.csv", "--strict"))
    assert line.startswith("arnews corpus: error: ") and "scan.txt: binary, not text" in line
    assert not (tmp_path / "o.csv").exists()


def test_cli_without_strict_reports_problems_and_writes(tmp_path):
    write(tmp_path / "c" / "a.txt", ARTICLE_A)
    write(tmp_path / "c" / "broken.json", "[{")
    done = _cli("--corpus", tmp_path / "c", "--out", tmp_path / "o.csv", "--problems", tmp_path / "p.csv")
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert f"{tmp_path / 'c' / 'broken.json'}: invalid JSON" in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("loaded 1 article from 2 files")
    problems = pd.read_csv(tmp_path / "p.csv", dtype=str, keep_default_na=False)
    assert set(problems["kind"]) == {"bad-json", "no-date"}


@pytest.mark.parametrize("setup, expected", [
    (lambda d: write(d / "notes.md", "# notes"), "no .csv, .json, .jsonl, .txt, .zip files found"),
    (lambda d: write(d / "broken.json", "{not json"), "no article could be loaded from 1 file(s)"),
    (lambda d: write(d / "bad.zip", b"not a zip"), "not a readable zip archive"),
])
def test_cli_one_line_errors(tmp_path, setup, expected):
    folder = tmp_path / "c"
    folder.mkdir()
    setup(folder)
    line = _one_line_error(_cli("--corpus", folder, "--out", tmp_path / "o.csv"))
    assert line.startswith("arnews corpus: error: ") and expected in line


def test_cli_unsupported_single_file_and_missing_path(tmp_path):
    pdf = write(tmp_path / "paper.pdf", b"%PDF-1.4")
    assert "unsupported file type '.pdf'" in _one_line_error(_cli("--corpus", pdf, "--out", tmp_path / "o.csv"))
    assert "does not exist" in _one_line_error(_cli("--corpus", tmp_path / "nope", "--out", tmp_path / "o.csv"))


# ------------------------------------------------------------------------------------------- data safety (item 2)


def _digests(folder: Path) -> dict[str, tuple[str, int]]:
    return {str(p): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _every_form(folder: Path) -> None:
    write(folder / "a.txt", ARTICLE_A)
    write_json(folder / "day.json", records())
    write(folder / "feed.jsonl", json.dumps({"text": HEGEMONY}, ensure_ascii=False))
    write(folder / "t.csv", f"text\n{SUPPORT}\n")
    write_zip(folder / "z.zip", {"b.txt": RECEIVED, "bad.json": "[", "empty.txt": ""})
    write(folder / "old.txt", ARTICLE_B, encoding="cp1256")
    write(folder / "metadata.csv", f"file,title,outlet,published,url,notes\na.txt,{TITLE_TALKS},,x,,\n")


def test_raw_inputs_are_only_opened_for_reading(tmp_path, monkeypatch):
    _every_form(tmp_path)
    before = _digests(tmp_path)
    opened = []
    real_open, real_os_open = builtins.open, os.open

    def guarded_open(file, mode="r", *args, **kwargs):
        opened.append(str(file))
        if any(flag in mode for flag in "wax+"):
            raise AssertionError(f"opened {file} with mode {mode}")
        return real_open(file, mode, *args, **kwargs)

    def guarded_os_open(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC):
            raise AssertionError(f"os.open({path}) for writing")
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_open)
    monkeypatch.setattr(os, "open", guarded_os_open)
    articles, report, _ = _load(tmp_path)
    monkeypatch.undo()
    assert len(articles) == 8 and report.problems
    assert str(tmp_path / "z.zip") in opened and str(tmp_path / "a.txt") in opened  # the guard saw the reads
    assert _digests(tmp_path) == before


def test_cli_refuses_to_write_into_the_corpus_or_over_an_input(tmp_path):
    folder = tmp_path / "corpus"
    _every_form(folder)
    before = _digests(folder)
    for out in (folder / "articles.csv", folder / "sub" / "articles.csv", folder / "a.txt"):
        line = _one_line_error(_cli("--corpus", folder, "--out", out))
        assert "raw inputs are never written" in line
    one_file = folder / "day.json"
    line = _one_line_error(_cli("--corpus", one_file, "--out", one_file))
    assert "is an input file" in line
    line = _one_line_error(_cli("--corpus", folder, "--out", tmp_path / "ok.csv", "--problems", folder / "p.csv"))
    assert "inside the corpus folder" in line
    assert _digests(folder) == before
    assert not (tmp_path / "ok.csv").exists()


def test_check_output_path(tmp_path):
    folder = tmp_path / "raw"
    write(folder / "a.txt", ARTICLE_A)
    assert files.check_output_path(tmp_path / "processed" / "articles.csv", folder) == tmp_path / "processed" / \
        "articles.csv"
    with pytest.raises(InputError, match="inside the corpus folder"):
        files.check_output_path(folder / ".." / "raw" / "x.csv", folder)
    with pytest.raises(InputError, match="is a folder"):
        files.check_output_path(tmp_path, folder)
    with pytest.raises(InputError, match="is an input file"):
        files.check_output_path(folder / "a.txt", folder / "a.txt")


def test_the_report_survives_pandas_operations_cheaply(tmp_path):
    write(tmp_path / "a.txt", ARTICLE_A)
    write(tmp_path / "b.txt", b"")
    articles, report, _ = _load(tmp_path)
    assert corpus.report_of(articles.drop(columns="text").head(1)) is report  # shared, not deep-copied
    assert corpus.report_of(pd.DataFrame({"x": [1]})).problems == ()


def test_an_unforeseen_error_in_one_file_skips_that_file(tmp_path, monkeypatch):
    write_json(tmp_path / "odd.json", [{"text": ARTICLE_A}])
    write(tmp_path / "b.txt", ARTICLE_B)

    def explode(text, file, sink):
        raise ValueError("a parser bug")

    monkeypatch.setattr(formats, "records_from_json", explode)
    articles, report, _ = _load(tmp_path)
    assert articles["doc_id"].tolist() == ["b"]
    assert _only(report, "unreadable").reason == "could not be read (ValueError: a parser bug)"


def test_strict_errors_survive_a_worker_process(tmp_path):
    import pickle

    write(tmp_path / "b.txt", b"")
    with pytest.raises(InputError) as raised:
        corpus.load_source(tmp_path / "b.txt", strict=True)
    copy = pickle.loads(pickle.dumps(raised.value))
    assert str(copy) == str(raised.value) and copy.path == raised.value.path


@pytest.mark.parametrize("suffix", [".txt", ".json", ".jsonl", ".csv", ".zip"])
def test_arbitrary_bytes_never_raise_anything_but_input_error(suffix):
    import tempfile

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    seeds = [ARTICLE_A.encode("utf-8"), json.dumps(records(), ensure_ascii=False).encode("utf-8"),
             ARTICLE_B.encode("cp1256"), b"text\n" + ARTICLE_C.encode("utf-16")]

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(seed=st.sampled_from(seeds), cut=st.integers(0, 400), noise=st.binary(max_size=40))
    def check(seed, cut, noise):
        with tempfile.TemporaryDirectory() as folder:
            path = write(Path(folder) / f"x{suffix}", seed[:cut] + noise + seed[cut:])
            try:
                corpus.load(path)
            except InputError:
                pass

    check()


def test_messages_are_capped_per_kind_but_the_table_keeps_all(tmp_path):
    write(tmp_path / "a.txt", ARTICLE_A)
    for i in range(corpus.LOG_PER_KIND + 2):
        write(tmp_path / f"blank{i}.txt", "\n")
    _dated(tmp_path, "a.txt", *[f"blank{i}.txt" for i in range(corpus.LOG_PER_KIND + 2)])
    _, report, messages = _load(tmp_path)
    assert len(report.table()) == corpus.LOG_PER_KIND + 2
    assert sum(m.endswith("only whitespace: skipped") for m in messages) == corpus.LOG_PER_KIND
    assert "… and 2 more 'empty' problems (see corpus.report_of(articles).table())" in messages
    assert messages[-1] == f"loaded 1 article from {corpus.LOG_PER_KIND + 3} files ({corpus.LOG_PER_KIND + 3} " \
        f"records read); skipped {corpus.LOG_PER_KIND + 2} files"


# ------------------------------------------------------------------------------------------- issue 18: damaged records


def _csv_rows(n: int, start: int = 0) -> str:
    texts = [TALKS, SUPPORT, RECEIVED, HEGEMONY]
    return "".join(f"{i},2024-06-19,{texts[i % 4]} {i}\n" for i in range(start, start + n))


def test_csv_with_an_unterminated_quote_keeps_every_later_row(tmp_path):
    # row 3's text opens a quote that never closes: read as CSV, it swallows the 6 rows after it into one article
    write(tmp_path / "feed.csv", "id,date,text\n" + _csv_rows(2) + f'2,2024-06-19,"{RECEIVED}\n' + _csv_rows(6, 3))
    articles, report, messages = _load(tmp_path)
    assert articles["doc_id"].tolist() == ["0", "1", "3", "4", "5", "6", "7", "8"]
    assert articles.loc[2, "text"] == HEGEMONY + " 3"  # row 3 is whole, not glued to the damaged one
    problem = _only(report, "bad-csv")
    assert problem.record == "line 4" and problem.action == "skipped"
    assert "never closed" in problem.reason and "to the end of the file" in problem.reason
    assert problem.message() in messages
    with pytest.raises(InputError, match="feed.csv line 4: a quoted field opened here is never closed"):
        corpus.load(tmp_path, strict=True)


def test_csv_quote_that_swallows_rows_up_to_another_quote_is_found(tmp_path):
    # a stray quote in row 1 pairs with the quote of a far later row: hundreds of rows would become one article
    many = formats.CSV_SWALLOW_LINES + 50
    body = _csv_rows(1) + f'1,2024-06-19,"{SUPPORT}\n' + _csv_rows(many, 2) + f'{many + 2},2024-06-19,"{TALKS}"\n'
    write(tmp_path / "feed.csv", "id,date,text\n" + body)
    articles, report, _ = _load(tmp_path)
    assert len(articles) == many + 2 and "1" not in set(articles["doc_id"])
    assert articles["text"].str.len().max() < 200  # no article holds swallowed rows
    assert _only(report, "bad-csv").record == "line 3"


def test_csv_articles_over_many_lines_are_not_damage(tmp_path):
    # long multi-paragraph articles (quoted, with commas) are what CSV exports of news hold
    long_text = "\n".join([TALKS, "1,2,3"] * 300)
    write(tmp_path / "feed.csv", f'id,text\na,"{long_text}"\nb,{SUPPORT}\n')
    articles, report, _ = _load(tmp_path)
    assert articles["text"].tolist() == [long_text, SUPPORT]
    assert not [p for p in report.problems if p.kind == "bad-csv"]


def test_json_value_nested_a_thousand_deep_skips_only_its_record(tmp_path):
    deep = "[" * 1000 + "]" * 1000
    items = [json.dumps({"text": ARTICLE_A, "date": "2024-06-19"}, ensure_ascii=False),
             '{"text": "x", "nested": ' + deep + "}",
             json.dumps({"text": ARTICLE_B, "date": "2024-06-19"}, ensure_ascii=False)]
    write(tmp_path / "day.json", "[" + ",\n".join(items) + "]")
    write(tmp_path / "feed.jsonl", "\n".join(items) + "\n")
    articles, report, _ = _load(tmp_path)
    assert articles["doc_id"].tolist() == ["day#00000", "day#00002"]  # feed.jsonl's two are their duplicates
    assert articles["text"].tolist() == [ARTICLE_A, ARTICLE_B] and len(_kinds(report, "duplicate")) == 2
    bad = sorted((Path(p.file).name, p.record, p.reason) for p in report.problems
                 if p.kind in ("bad-json", "bad-record"))
    assert bad == [("day.json", "record #00001", "invalid JSON (nested too deeply)"),
                   ("feed.jsonl", "line 2", "invalid JSON (nested too deeply)")]


def test_jsonl_line_with_a_5000_digit_number_skips_only_itself(tmp_path):
    lines = [json.dumps({"text": ARTICLE_A, "date": "2024-06-19"}, ensure_ascii=False),
             '{"text": "رقم", "id": ' + "7" * 5000 + "}",  # "a number"
             json.dumps({"text": ARTICLE_C, "date": "2024-06-19"}, ensure_ascii=False)]
    write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    write(tmp_path / "day.json", "[" + ",".join(lines) + "]")
    articles, report, _ = _load(tmp_path)
    assert len(articles) == 2  # each file's two good records; the copies in the other file are duplicates
    bad = sorted((Path(p.file).name, p.record) for p in report.problems if p.kind in ("bad-json", "bad-record"))
    assert bad == [("day.json", "record #00001"), ("feed.jsonl", "line 2")]
    assert all("more than 4300 digits" in p.reason for p in report.problems if p.kind in ("bad-json", "bad-record"))


@pytest.mark.parametrize("date, reason", [
    ("-0005-03-01", "is outside the years 1800–2100"),  # pandas reads this as the year -5
    ("0000-01-01", "is outside the years 1800–2100"),
    ("2300-05-05", "is outside the years 1800–2100"),
])
def test_dates_outside_the_sane_range_are_bad_dates(tmp_path, date, reason):
    write_json(tmp_path / "day.json", [{"text": ARTICLE_A, "date": date}, {"text": ARTICLE_B, "date": "2024-06-19"}])
    articles, report, _ = _load(tmp_path)
    assert articles["published"].isna().tolist() == [True, False]
    assert reason in _only(report, "bad-date").reason
    for stage in ("timeline",):  # the stage that crashed on a negative year
        done = subprocess.run([sys.executable, "-m", "arnews", stage, "--corpus", str(tmp_path), "--out",
                               str(tmp_path.parent / f"{tmp_path.name}-{stage}")], capture_output=True, text=True)
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr


# ------------------------------------------------------------------------------------------- issue 18: zip limits


def test_zip_whose_declared_size_exceeds_the_cap_is_skipped_before_inflating(tmp_path, monkeypatch):
    write_zip(tmp_path / "big.zip", {"a.txt": ARTICLE_A * 2000, "b.txt": ARTICLE_B})  # ~0.4 MB inflated
    write(tmp_path / "c.txt", ARTICLE_C)
    inflated = []
    real = zipfile.ZipFile.open
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda self, *a, **k: inflated.append(a) or real(self, *a, **k))
    articles, report, messages = _load(tmp_path, options=corpus.LoadOptions(max_unzipped=100_000))
    assert articles["doc_id"].tolist() == ["c"]
    problem = _only(report, "zip-limit")
    assert problem.file == str(tmp_path / "big.zip") and problem.action == "skipped"
    assert "more than the 97.7 KiB left of the limit (--max-unzipped)" in problem.reason
    assert not inflated  # refused on the declared sizes
    assert sum("big.zip" in m for m in messages) == 1


def test_zip_bomb_member_is_skipped_by_its_ratio(tmp_path):
    bomb = b"\xd8\xa7" * (3 << 20)  # 6 MiB of one Arabic letter (alef) deflates ~1,000 times
    write_zip(tmp_path / "bomb.zip", {"bomb.txt": bomb, "ok.txt": ARTICLE_A})
    articles, report, _ = _load(tmp_path)
    assert articles["doc_id"].tolist() == ["bomb/ok"]
    problem = _only(report, "zip-limit")
    assert problem.file == str(tmp_path / "bomb.zip") + "/bomb.txt" and "(--max-ratio)" in problem.reason


def test_zip_member_that_inflates_past_its_declared_size_stops_at_it(tmp_path):
    # the central directory says 1 KiB; the deflated stream holds 2 MiB: never more than 1 KiB comes out
    data = bytearray(write_zip(tmp_path / "liar.zip", {"a.txt": ARTICLE_A * 5000}).read_bytes())
    central = data.rindex(b"PK\x01\x02")
    data[central + 24:central + 28] = (1024).to_bytes(4, "little")  # uncompressed size in the central directory
    (tmp_path / "liar.zip").write_bytes(bytes(data))
    write(tmp_path / "b.txt", ARTICLE_B)
    articles, report, _ = _load(tmp_path)
    assert articles["doc_id"].tolist() == ["b"]
    assert _only(report, "bad-zip").file.endswith("liar.zip/a.txt")


def test_zip_members_named_outside_the_archive_are_reported(tmp_path):
    write_zip(tmp_path / "evil.zip", {"../up.txt": ARTICLE_A, "/etc/abs.txt": ARTICLE_B, "ok.txt": ARTICLE_C,
                                      ".hidden.txt": ARTICLE_A})
    articles, report, _ = _load(tmp_path)
    assert articles["doc_id"].tolist() == ["evil/ok"]
    unsafe = sorted(p.file for p in report.problems if p.kind == "unsafe-name")
    assert unsafe == [str(tmp_path / "evil.zip") + "/../up.txt", str(tmp_path / "evil.zip") + "//etc/abs.txt"]


def test_zip_cap_from_the_command_line(tmp_path):
    write_zip(tmp_path / "c" / "big.zip", {"a.txt": ARTICLE_A * 2000})
    write(tmp_path / "c" / "b.txt", ARTICLE_B)
    done = _cli("--corpus", tmp_path / "c", "--out", tmp_path / "o.csv", "--max-unzipped", "100K")
    assert done.returncode == 0 and "big.zip: its members would inflate to" in done.stderr
    assert "would inflate" not in _cli("--corpus", tmp_path / "c", "--out", tmp_path / "o.csv").stderr
    assert _cli("--corpus", tmp_path / "c", "--out", tmp_path / "o.csv", "--max-unzipped", "lots").returncode == 2


# ------------------------------------------------------------------------------------------- issue 18: names, links


def test_hostile_file_names_are_escaped_in_messages_and_quoted_in_csv(tmp_path):
    folder = tmp_path / "c"
    names = ["fake\nloaded 99 articles.txt", "cr\rrow.txt", "esc\x1b[2Jclear.txt", "rlo\u202etxt.exe.txt"]
    for name in names:
        write(folder / name, b"")  # empty: each is reported
    write(folder / "good.txt", ARTICLE_A)
    done = _cli("--corpus", folder, "--out", tmp_path / "o.csv", "--problems", tmp_path / "p.csv")
    assert done.returncode == 0
    err = done.stderr
    assert "\x1b" not in err and "\r" not in err and "\u202e" not in err
    assert "fake\\nloaded 99 articles.txt: empty file" in err and "esc\\x1b[2Jclear.txt" in err
    assert "rlo\\u202etxt.exe.txt" in err and "cr\\rrow.txt" in err
    assert not [line for line in err.splitlines() if line.startswith("loaded 99")]
    problems = pd.read_csv(tmp_path / "p.csv", dtype=str, keep_default_na=False)
    empty = problems[problems["kind"] == "empty"]
    assert sorted(Path(f).name for f in empty["file"]) == sorted(names)  # every name whole, no extra rows


def test_symlinks_leaving_the_corpus_are_skipped_unless_followed(tmp_path):
    outside = write(tmp_path / "secret" / "passwd.txt", ARTICLE_B)
    folder = tmp_path / "c"
    write(folder / "a.txt", ARTICLE_A)
    (folder / "leak.txt").symlink_to(outside)
    (folder / "alias.txt").symlink_to(folder / "a.txt")  # inside: read (a duplicate of a, dropped as such)
    (folder / "dir").symlink_to(outside.parent, target_is_directory=True)
    (folder / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    articles, report, _ = _load(folder)
    assert articles["doc_id"].tolist() == ["a"]
    links = sorted((Path(p.file).name, p.action) for p in report.problems if p.kind == "symlink")
    assert links == [("dir", "skipped (--follow-symlinks reads it)"),
                     ("leak.txt", "skipped (--follow-symlinks reads it)")]
    assert _only(report, "unreadable").reason == "a broken symbolic link"
    followed, _, _ = _load(folder, options=corpus.LoadOptions(follow_symlinks=True))
    assert followed["text"].tolist().count(ARTICLE_B) == 1  # leak.txt and dir/passwd.txt: one text, one kept
    assert corpus.inputs(folder, corpus.LoadOptions(follow_symlinks=True))[-1] == outside.resolve()


def test_an_output_over_a_followed_link_target_is_refused(tmp_path):
    outside = write(tmp_path / "elsewhere" / "b.txt", ARTICLE_B)
    write(tmp_path / "c" / "a.txt", ARTICLE_A)
    (tmp_path / "c" / "b.txt").symlink_to(outside)
    line = _one_line_error(_cli("--corpus", tmp_path / "c", "--out", outside, "--follow-symlinks"))
    assert "is an input file" in line
    assert outside.read_text(encoding="utf-8") == ARTICLE_B


def test_many_files_are_listed_with_scandir_once(tmp_path, monkeypatch):
    for i in range(300):
        write(tmp_path / f"d{i % 3}" / f"a{i:04d}.txt", f"{TALKS} {i}")
    scans = []
    real = os.scandir
    monkeypatch.setattr(os, "scandir", lambda path: scans.append(path) or real(path))
    assert len(corpus.sources(tmp_path)) == 300
    assert len(scans) == 4  # the corpus folder and its three subfolders, each listed once


def test_the_clean_store_is_never_inside_the_corpus_nor_holds_it(tmp_path):
    from arnews import pipeline
    from arnews.errors import UsageError

    folder = tmp_path / "data"
    write_json(folder / "raw" / "day.json", records())
    with pytest.raises(UsageError, match="is inside the corpus folder"):
        pipeline.clean_store(folder, interim=folder / "interim")  # --corpus data: its interim/ would be read back
    with pytest.raises(UsageError, match="holds the input"):
        pipeline.clean_store(folder / "raw", interim=tmp_path)  # the corpus inside the stores' folder
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == ["data", "data/raw",
                                                                                      "data/raw/day.json"]


def test_text_after_a_json_array_is_reported(tmp_path):
    write(tmp_path / "day.json", json.dumps(records(), ensure_ascii=False) + "\n<html>")
    articles, report, _ = _load(tmp_path)
    assert len(articles) == 3
    assert _only(report, "bad-json").message() == f"{tmp_path / 'day.json'}: text after the end of the array: ignored"


def test_zip_declaring_4_gib_is_refused_under_the_default_cap_without_inflating(tmp_path, monkeypatch):
    # the 4 MB zip that held 4 GiB: its central directory says so, and that is enough to refuse it
    data = bytearray(write_zip(tmp_path / "bomb.zip", {"a.txt": ARTICLE_A}).read_bytes())
    central = data.rindex(b"PK\x01\x02")
    data[central + 24:central + 28] = (0xFFFF_FFF0).to_bytes(4, "little")
    (tmp_path / "bomb.zip").write_bytes(bytes(data))
    write(tmp_path / "b.txt", ARTICLE_B)
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *a, **k: pytest.fail("a member was inflated"))
    articles, report, _ = _load(tmp_path)
    assert articles["doc_id"].tolist() == ["b"]
    assert "would inflate to 4.0 GiB, more than the 1.0 GiB left" in _only(report, "zip-limit").reason


def test_printable_escapes_every_bidi_control_of_the_core():
    # errors.py spells the bidi controls out (it cannot import the core, which imports it): they must stay the
    # core's set, e.g. RLO (U+202E), which would reverse «ملف.txt» on the screen
    from arnews import arabic
    from arnews.errors import printable

    controls = [c for c in map(chr, range(0x600, 0x2070)) if arabic.BIDI_CONTROL_PATTERN.fullmatch(c)]
    assert len(controls) == 12
    assert all(printable(f"ملف{c}.txt") == f"ملف{ascii(c)[1:-1]}.txt" for c in controls)


def _stage_with_edited_lexicon(tmp_path, name: str, edit, stage: str) -> subprocess.CompletedProcess:
    """Run `arnews <stage>` on the seeds with a copy of the lexicon folder in which lexicon `name`'s lines went
    through `edit` (a researcher's change); asserts the run wrote nothing and printed no traceback."""
    import shutil

    from arnews import LEXICONS

    lexicons = tmp_path / "lexicons"
    shutil.copytree(LEXICONS, lexicons)
    lexicon = lexicons / name
    lexicon.write_text("\n".join(edit(lexicon.read_text(encoding="utf-8").splitlines())) + "\n", encoding="utf-8")
    seeds = Path(__file__).resolve().parent.parent / "data" / "raw"
    done = subprocess.run([sys.executable, "-m", "arnews", stage, "--corpus", str(seeds), "--out",
                           str(tmp_path / "out")], capture_output=True, text=True,
                          env={**os.environ, "ARNEWS_LEXICONS": str(lexicons), "ARNEWS_INTERIM": str(tmp_path / "i")})
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert not (tmp_path / "out").exists()
    return done


@pytest.mark.parametrize("remove, entry", [
    ("range_links:", "range_links"),  # a top-level entry of relative_time.yaml
    ("  past_particles:", "verb_tense.past_particles"),  # an entry inside a section
])
def test_a_lexicon_entry_removed_by_a_researcher_is_named(tmp_path, remove, entry):
    """An edited lexicon folder that lacks an entry the timeline reads fails with one line naming the file and
    the entry, exit code 1, not an internal error."""
    done = _stage_with_edited_lexicon(tmp_path, "relative_time.yaml",
                                      lambda lines: [line for line in lines if not line.startswith(remove)], "timeline")
    assert done.returncode == 1, done.stderr
    assert f"relative_time.yaml: the entry «{entry}» is missing" in done.stderr


@pytest.mark.parametrize("lexicon, header, column, stage", [
    # the stopword list without its «word» column (renamed «كلمة», word, by a researcher): terms reads it
    ("stopwords_news.csv", "كلمة,kind,gloss,why", "word", "terms"),
    # the month names without their month number: the timeline reads it
    ("months.csv", "canonical,variants,number,system,ambiguous,gloss", "month", "timeline"),
])
def test_a_lexicon_column_renamed_by_a_researcher_is_named(tmp_path, lexicon, header, column, stage):
    """An edited CSV lexicon whose header lacks a column the code reads fails with one line naming the file and
    the column, exit code 1, not an internal error; nothing is written."""
    done = _stage_with_edited_lexicon(tmp_path, lexicon, lambda lines: [header, *lines[1:]], stage)
    assert done.returncode == 1, done.stderr
    assert f"{lexicon}: the column «{column}» is missing" in done.stderr


@pytest.mark.parametrize("stage", ["terms", "timeline"])
def test_a_lexicon_row_with_too_few_cells_is_named(tmp_path, stage):
    """A row a researcher added to months.csv without its other cells («ديسمبر,دجنبر», December and its Maghrebi
    spelling) fails with one line naming the file and the line, exit code 1, not an internal error."""
    done = _stage_with_edited_lexicon(tmp_path, "months.csv", lambda lines: [*lines, "ديسمبر,دجنبر"], stage)
    assert done.returncode == 1, done.stderr
    assert "months.csv: line" in done.stderr and "has 2 cells where the header names 6 columns" in done.stderr

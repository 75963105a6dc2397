"""arnews.corpus: every input form loads into one article table (issue 2, item 4)."""

from __future__ import annotations

import codecs
import csv
import html
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile

import pandas as pd
import pytest

from arnews import corpus
from corpus_samples import (
    ARTICLE_A,
    ARTICLE_B,
    ARTICLE_C,
    HEGEMONY,
    OUTLET,
    RECEIVED,
    SUPPORT,
    TALKS,
    TITLE_TALKS,
    TITLE_VISIT,
    UNCONDITIONAL,
    records,
    write,
    write_json,
    write_zip,
)


def _texts(frame: pd.DataFrame) -> dict[str, str]:
    return dict(zip(frame["doc_id"], frame["text"], strict=True))


# ------------------------------------------------------------------------------------------- .txt folders


def test_txt_folder_with_metadata_inside(tmp_path):
    write(tmp_path / "a.txt", ARTICLE_A)
    write(tmp_path / "b.txt", ARTICLE_B)
    write(tmp_path / "metadata.csv", "file,title,outlet,published,url,notes\n"
          f"a.txt,{TITLE_TALKS},{OUTLET},2024-06-19,https://example.org/a,from the text\n")
    articles = corpus.load(tmp_path)
    assert list(articles.columns) == corpus.COLUMNS
    assert _texts(articles) == {"a": ARTICLE_A, "b": ARTICLE_B}  # metadata.csv is not an article
    a = articles.set_index("doc_id").loc["a"]
    assert (a["title"], a["outlet"], a["url"]) == (TITLE_TALKS, OUTLET, "https://example.org/a")
    assert a["published"] == pd.Timestamp("2024-06-19")
    b = articles.set_index("doc_id").loc["b"]
    assert b["title"] == "" and pd.isna(b["published"])
    assert str(articles["published"].dtype).startswith("datetime64")


def test_metadata_beside_the_folder_is_used_like_data_metadata_csv(tmp_path):
    raw = tmp_path / "data" / "raw"
    write(raw / "x1.txt", ARTICLE_A)
    write(tmp_path / "data" / "metadata.csv",
          f"file,title,outlet,published,url,notes\nx1.txt,{TITLE_TALKS},,2024-06-19,,n\n")
    articles = corpus.load(raw)
    assert articles.loc[0, "title"] == TITLE_TALKS
    assert articles.loc[0, "published"] == pd.Timestamp("2024-06-19")


def test_seed_articles_load_with_their_metadata(raw_dir, repo):
    articles = corpus.load(raw_dir)
    meta = pd.read_csv(repo / "data" / "metadata.csv", dtype=str)
    assert sorted(articles["doc_id"]) == sorted(meta["file"].str.removesuffix(".txt"))
    for row in meta.itertuples():
        article = articles.set_index("doc_id").loc[row.file.removesuffix(".txt")]
        assert article["title"] == row.title
        assert article["published"] == pd.Timestamp(row.published)
        assert article["text"] == (raw_dir / row.file).read_text(encoding="utf-8").replace("\r\n", "\n")
    assert not corpus.report_of(articles).problems


def test_nested_folders_and_hidden_files(tmp_path):
    write(tmp_path / "2023" / "september" / "vostochny.txt", ARTICLE_C)
    write(tmp_path / "2024" / "june" / "kumsusan.txt", ARTICLE_A)
    write(tmp_path / ".ipynb_checkpoints" / "kumsusan-checkpoint.txt", ARTICLE_B)  # an editor's copy
    write(tmp_path / "notes.docx", b"PK\x03\x04 not an article")
    articles, report = corpus.load_with_report(tmp_path)
    assert _texts(articles) == {"vostochny": ARTICLE_C, "kumsusan": ARTICLE_A}
    assert report.ignored == (str(tmp_path / "notes.docx"),)
    assert "ignored 1 file of other types" in report.summary()


def test_one_txt_file_is_a_corpus(tmp_path):
    path = write(tmp_path / "only.txt", ARTICLE_B)
    articles = corpus.load(path)
    assert _texts(articles) == {"only": ARTICLE_B}


# ------------------------------------------------------------------------------------------- structured files


def test_json_array_maps_saudinewsnet_field_names(tmp_path):
    write_json(tmp_path / "day.json", records())
    articles = corpus.load(tmp_path / "day.json")
    assert articles["doc_id"].tolist() == ["day#00000", "day#00001", "day#00002"]
    first = articles.iloc[0]
    assert (first["text"], first["title"], first["outlet"], first["url"]) == (
        ARTICLE_A, TITLE_TALKS, OUTLET, "https://example.org/1")
    assert first["published"] == pd.Timestamp("2024-06-19 10:15:00")


def test_character_references_in_titles_are_decoded_and_texts_kept_as_written(tmp_path):
    # SaudiNewsNet 2015-07-21#02745 (sabq), as crawled: "Koshk to «Sabq»: the state budget is the «easiest» way
    # to embezzle public money"; 226 titles of that day carry &quot; and the like. The text stays byte for byte
    # (clean spans are offsets into it).
    title = "كوشك لـ &quot;سبق&quot;: ميزانية الدولة &quot;أسهل&quot; طريقة لاختلاس المال العام وسرقته"
    text = ARTICLE_A + " R&amp;D"
    write_json(tmp_path / "day.json", [{"title": title, "text": text}])
    article = corpus.load(tmp_path / "day.json").iloc[0]
    assert article["title"] == 'كوشك لـ "سبق": ميزانية الدولة "أسهل" طريقة لاختلاس المال العام وسرقته'
    assert article["text"] == text


def test_json_single_object_and_wrapped_array(tmp_path):
    write_json(tmp_path / "one.json", {"head_line": TITLE_VISIT, "body": ARTICLE_B, "date": "2024-06-18"})
    write_json(tmp_path / "wrapped.json", {"status": "ok", "articles": [{"text": ARTICLE_C}, {"text": ARTICLE_A}]})
    articles = corpus.load(tmp_path)
    assert _texts(articles) == {"one#00000": ARTICLE_B, "wrapped#00000": ARTICLE_C, "wrapped#00001": ARTICLE_A}
    assert articles.set_index("doc_id").loc["one#00000", "title"] == TITLE_VISIT


def test_jsonl(tmp_path):
    lines = [json.dumps(r, ensure_ascii=False) for r in records()]
    write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n\n")
    articles = corpus.load(tmp_path / "feed.jsonl")
    assert articles["text"].tolist() == [ARTICLE_A, ARTICLE_B, ARTICLE_C]
    assert articles["outlet"].tolist() == [OUTLET, "youm7", OUTLET]


def test_csv_with_quoted_multiline_text(tmp_path):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["title", "content", "source", "date"])
    writer.writeheader()
    writer.writerow({"title": TITLE_TALKS, "content": ARTICLE_A, "source": OUTLET, "date": "2024-06-19"})
    writer.writerow({"title": 'قال "بوتين"، اليوم', "content": ARTICLE_B, "source": "", "date": ""})
    write(tmp_path / "table.csv", buffer.getvalue())
    articles = corpus.load(tmp_path / "table.csv")
    assert articles["text"].tolist() == [ARTICLE_A, ARTICLE_B]
    assert articles["title"].tolist() == [TITLE_TALKS, 'قال "بوتين"، اليوم']


def test_semicolon_csv(tmp_path):
    write(tmp_path / "table.csv", f"title;text\n{TITLE_VISIT};{RECEIVED}\n")
    assert corpus.load(tmp_path / "table.csv")["text"].tolist() == [RECEIVED]


def test_zip_of_every_form_and_a_zip_in_a_zip(tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("deep.txt", HEGEMONY.encode("utf-8"))
    write_zip(tmp_path / "bundle.zip", {
        "txt/a.txt": ARTICLE_A,
        "day.json": json.dumps(records()[1:2], ensure_ascii=False),
        "feed.jsonl": json.dumps({"text": ARTICLE_C}, ensure_ascii=False),
        "table.csv": f"text\n{SUPPORT}\n",
        "inner.zip": inner.getvalue(),
        "__MACOSX/._a.txt": b"\x00\x05\x16\x07 resource fork",
    })
    articles = corpus.load(tmp_path)
    assert _texts(articles) == {
        "bundle/txt/a": ARTICLE_A,
        "bundle/day#00000": ARTICLE_B,
        "bundle/feed#00000": ARTICLE_C,
        "bundle/table#00000": SUPPORT,
        "bundle/inner/deep": HEGEMONY,
    }


def test_fields_can_be_overridden(tmp_path):
    write_json(tmp_path / "crawl.json", [{"maintext": ARTICLE_A, "text": "Read more", "headline_ar": TITLE_TALKS}])
    articles = corpus.load(tmp_path, fields={"text": "maintext", "title": "headline_ar"})
    assert articles.loc[0, "text"] == ARTICLE_A
    assert articles.loc[0, "title"] == TITLE_TALKS
    assert corpus.load(tmp_path).loc[0, "text"] == "Read more"  # without the override: the 'text' field


def test_record_ids_are_used_when_present(tmp_path):
    write_json(tmp_path / "a.json", [{"id": 7, "text": ARTICLE_A}, {"id": "x-9", "text": ARTICLE_B}])
    assert corpus.load(tmp_path)["doc_id"].tolist() == ["7", "x-9"]


def test_doc_ids_are_stable_and_sorted(tmp_path):
    write_zip(tmp_path / "2015-07-22.zip", {"2015-07-22.json": json.dumps(records(), ensure_ascii=False)})
    write_zip(tmp_path / "2015-07-21.zip", {"2015-07-21.json": json.dumps([{"content": TALKS}, {"content": HEGEMONY}],
                                                                          ensure_ascii=False)})
    first, second = corpus.load(tmp_path), corpus.load(tmp_path)
    pd.testing.assert_frame_equal(first, second)
    assert first["doc_id"].tolist() == ["2015-07-21/2015-07-21#00000", "2015-07-21/2015-07-21#00001",
                                        "2015-07-22/2015-07-22#00000", "2015-07-22/2015-07-22#00001",
                                        "2015-07-22/2015-07-22#00002"]
    assert first["text"].tolist()[:3] == [TALKS, HEGEMONY, ARTICLE_A]


def test_load_source_matches_load_for_streaming_stages(tmp_path):
    write(tmp_path / "a.txt", ARTICLE_A)
    write_json(tmp_path / "b.json", records())
    write(tmp_path / "metadata.csv", f"file,title,outlet,published,url,notes\na.txt,{TITLE_TALKS},,2024-06-19,,n\n")
    meta = corpus.metadata_for(tmp_path)
    parts = [corpus.load_source(s, metadata=meta) for s in corpus.sources(tmp_path)]
    streamed = pd.concat(parts, ignore_index=True).sort_values("doc_id", ignore_index=True)
    pd.testing.assert_frame_equal(streamed, corpus.load(tmp_path), check_like=False)


# ------------------------------------------------------------------------------------------- decoding


@pytest.mark.parametrize("encoding, bom", [
    ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
])
def test_unicode_with_bom(tmp_path, encoding, bom):
    write(tmp_path / "a.txt", bom + ARTICLE_A.encode(encoding))
    write(tmp_path / "b.json", bom + json.dumps([{"text": ARTICLE_B}], ensure_ascii=False).encode(encoding))
    articles, report = corpus.load_with_report(tmp_path)
    assert _texts(articles) == {"a": ARTICLE_A, "b#00000": ARTICLE_B}
    assert {p.kind for p in report.problems} == {"no-date"}  # a BOM is a supported encoding, not a problem


def test_windows_1256_is_recognised_and_decoded(tmp_path):
    write(tmp_path / "legacy.txt", ARTICLE_C, encoding="cp1256")
    articles, report = corpus.load_with_report(tmp_path)
    assert articles.loc[0, "text"] == ARTICLE_C
    assert [p.kind for p in report.problems] == ["windows-1256", "no-date"]  # a guess: reported, not silent


def test_utf8_arabic_is_not_mistaken_for_windows_1256():
    assert corpus.decode(ARTICLE_A.encode("utf-8")).encoding == "UTF-8"
    assert corpus.decode(ARTICLE_A.encode("cp1256")).encoding == "Windows-1256"


def test_newlines_are_normalised(tmp_path):
    write(tmp_path / "crlf.txt", TALKS + "\r\n" + SUPPORT + "\r\n")
    write(tmp_path / "cr.txt", RECEIVED + "\r" + HEGEMONY)
    write_json(tmp_path / "j.json", [{"text": UNCONDITIONAL + "\r\n" + SUPPORT}])
    texts = _texts(corpus.load(tmp_path))
    assert texts == {"crlf": ARTICLE_A + "\n", "cr": ARTICLE_B, "j#00000": ARTICLE_C}


# ------------------------------------------------------------------------------------------- dates


def test_date_forms(tmp_path):
    dates = ["2024-06-19", "2024-06-19T10:15:00+03:00", "19/06/2024", "٢٠٢٤-٠٦-١٩", "2024-06-19 10:15:00Z"]
    write_json(tmp_path / "d.json", [{"text": f"{TALKS} {i}", "date": d} for i, d in enumerate(dates)])
    published = corpus.load(tmp_path)["published"]
    assert published.dt.date.astype(str).tolist() == ["2024-06-19"] * 5
    assert published[1] == pd.Timestamp("2024-06-19 10:15:00")  # local wall-clock time kept, offset dropped


# ------------------------------------------------------------------------------------------- views


def test_views_of_a_small_corpus(tmp_path):
    write_json(tmp_path / "day.json", records())
    articles = corpus.load(tmp_path)
    table = corpus.article_table(articles)
    assert "text" not in table and table["chars"].tolist() == [len(ARTICLE_A), len(ARTICLE_B), len(ARTICLE_C)]
    assert corpus.counts_by_outlet(articles).values.tolist() == [[OUTLET, 2], ["youm7", 1]]
    assert corpus.counts_by_date(articles)["period"].tolist() == ["2023-09", "2024-06"]  # a 9-month span: by month
    fig = corpus.length_chart(articles)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert TITLE_TALKS in labels and "day#00002" in labels  # the untitled article is labelled by its doc_id


def test_length_chart_of_a_large_corpus_shows_a_histogram_and_the_longest(tmp_path):
    write_json(tmp_path / "many.json", [{"text": TALKS * (i + 1), "title": f"{TITLE_VISIT} {i}"} for i in range(40)])
    fig = corpus.length_chart(corpus.load(tmp_path), top=10)
    histogram, bars = fig.axes
    assert len(bars.patches) == 10
    assert bars.get_yticklabels()[0].get_text() == f"{TITLE_VISIT} 39"
    assert sum(p.get_height() for p in histogram.patches) == 40


def test_counts_by_date_units(tmp_path):
    write_json(tmp_path / "d.json", [{"text": f"{TALKS} {i}", "date": d}
                                     for i, d in enumerate(["2024-06-19", "2024-06-19", "2024-06-18", ""])])
    counts = corpus.counts_by_date(corpus.load(tmp_path))
    assert counts.values.tolist() == [["2024-06-18", 1], ["2024-06-19", 2], ["(no date)", 1]]


# ------------------------------------------------------------------------------------------- CLI


def _cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "arnews", "corpus", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd)


def test_cli_writes_the_article_table(tmp_path):
    corpus_dir = tmp_path / "corpus"
    write_json(corpus_dir / "crawl.json", [{"maintext": ARTICLE_A, "title": TITLE_TALKS, "date": "2024-06-19"}])
    out = tmp_path / "out" / "articles.csv"
    done = _cli("--corpus", corpus_dir, "--out", out, "--field", "text=maintext")
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(table.columns) == ["doc_id", "title", "outlet", "published", "url", "chars"]
    assert table.values.tolist() == [["crawl#00000", TITLE_TALKS, "", "2024-06-19", "", str(len(ARTICLE_A))]]
    umask = os.umask(0o022)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # not the 0600 of a temporary file
    first = out.read_bytes()
    assert _cli("--corpus", corpus_dir, "--out", out, "--field", "text=maintext").returncode == 0
    assert out.read_bytes() == first  # deterministic


def test_cli_rejects_a_malformed_field_option(tmp_path):
    write(tmp_path / "c" / "a.txt", ARTICLE_A)
    done = _cli("--corpus", tmp_path / "c", "--out", tmp_path / "o.csv", "--field", "maintext")
    assert done.returncode == 2 and "COLUMN=FIELD" in done.stderr and "Traceback" not in done.stderr
    done = _cli("--corpus", tmp_path / "c", "--out", tmp_path / "o.csv", "--field", "body=maintext")
    assert done.returncode == 2 and "unknown column" in done.stderr and "Traceback" not in done.stderr


# ------------------------------------------------------------------------------------------- SaudiNewsNet


def raw_saudinewsnet_records(folder) -> list[tuple[str, dict]]:
    """Every record of a folder of SaudiNewsNet day files, with the doc_id the loader gives it, read with json."""
    raw = []
    for path in sorted(folder.glob("*.zip")):
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                for i, record in enumerate(json.loads(archive.read(member))):
                    raw.append((f"{path.stem}/{member.removesuffix('.json')}#{i:05d}", record))
    return raw


def assert_loads_as_it_is(folder, raw: list[tuple[str, dict]]) -> pd.DataFrame:
    """The folder loads as its raw records: non-empty texts, the first of each (text, outlet), fields as they are
    (titles with their character references decoded: «&quot;سبق&quot;» is «"سبق"»)."""
    articles, report = corpus.load_with_report(folder)
    assert report.records == len(raw) and report.files == len(list(folder.glob("*.zip")))
    # Expected rows, computed here from the raw records: non-empty texts, the first of each (text, outlet).
    kept, seen = {}, set()
    for doc_id, record in sorted(raw, key=lambda item: item[0]):
        key = (record["content"].strip(), record["source"])
        if record["content"].strip() and key not in seen:
            seen.add(key)
            kept[doc_id] = record
    assert len(articles) == len(kept)
    assert articles["doc_id"].tolist() == sorted(kept)
    assert articles["doc_id"].is_unique
    for row in articles.itertuples():
        record = kept[row.doc_id]
        assert (row.text, row.url, row.outlet, row.title) == (record["content"], record["url"], record["source"],
                                                              html.unescape(record["title"]))
        assert row.published == pd.Timestamp(record["date_extracted"])
    kinds = {p.kind for p in report.problems}
    assert {"empty", "duplicate"} <= kinds
    assert sum(p.kind == "empty" for p in report.problems) == sum(not r["content"].strip() for _, r in raw)
    assert sum(p.kind == "duplicate" for p in report.problems) == len(raw) - len(kept) - sum(
        not r["content"].strip() for _, r in raw)
    return articles


@pytest.mark.slow
def test_saudinewsnet_loads_as_it_is_with_stable_doc_ids(saudinewsnet):
    raw = raw_saudinewsnet_records(saudinewsnet)
    assert len(raw) == 31030
    articles = assert_loads_as_it_is(saudinewsnet, raw)
    assert len(articles) == 30148


def test_saudinewsnet_excerpts_load_as_they_are_with_stable_doc_ids(saudinewsnet_excerpts, tmp_path):
    # The counterpart, on every machine, of the test on the whole corpus: the excerpts' day files, one of them
    # with an empty record and a story published twice by one outlet (dropped) and by another outlet (kept), as
    # SaudiNewsNet has them.
    folder = tmp_path / "saudinewsnet"
    shutil.copytree(saudinewsnet_excerpts, folder)
    day = folder / "2015-08-11.zip"
    with zipfile.ZipFile(day) as archive:
        records = json.loads(archive.read("2015-08-11.json"))
    twice = dict(records[0], url=records[0]["url"] + "?amp")  # the same story again, at another address
    elsewhere = dict(records[1], source="sabq")  # the same text from another outlet: an article of its own
    records += [dict(records[2], content=" \n "), twice, elsewhere]
    with zipfile.ZipFile(day, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("2015-08-11.json", json.dumps(records, ensure_ascii=False))
    raw = raw_saudinewsnet_records(folder)
    assert len(raw) == 109 + 3
    articles = assert_loads_as_it_is(folder, raw)
    assert len(articles) == 109 + 1
    assert "2015-08-11/2015-08-11#00000" in set(articles["doc_id"])  # the first of the two is the one kept
    assert articles["doc_id"].iloc[0] == "2015-07-21/2015-07-21#00000"


def test_field_names_come_from_the_lexicon(tmp_path, monkeypatch):
    from arnews import lexicons

    rows = lexicons.read_csv(corpus.FIELD_ALIASES_LEXICON)
    assert all(row["description"].strip() for row in rows)
    assert corpus.field_aliases()["text"][:2] == ("text", "content")
    # A researcher adds "nass" (نص, "text") for a corpus exported with Arabic-transliterated field names.
    write(tmp_path / "lex" / corpus.FIELD_ALIASES_LEXICON, "column,field,description\ntext,nass,transliterated\n")
    write_json(tmp_path / "c" / "a.json", [{"nass": ARTICLE_A}])
    monkeypatch.setattr(lexicons, "LEXICONS", tmp_path / "lex")
    corpus.field_aliases.cache_clear()
    try:
        assert corpus.load(tmp_path / "c").loc[0, "text"] == ARTICLE_A
    finally:
        corpus.field_aliases.cache_clear()


def test_nested_metadata_csv_is_neither_an_article_nor_silently_used(tmp_path):
    write(tmp_path / "2024" / "a.txt", ARTICLE_A)
    write(tmp_path / "2024" / "metadata.csv", f"file,title,outlet,published,url,notes\na.txt,{TITLE_TALKS},,,,\n")
    articles, report = corpus.load_with_report(tmp_path)
    assert articles["doc_id"].tolist() == ["a"] and articles.loc[0, "title"] == ""
    assert report.ignored == (str(tmp_path / "2024" / "metadata.csv"),)


def test_zip_members_stored_or_deflated_are_read(tmp_path):
    texts = {"stored": "زار بوتين بيونغ يانغ", "deflated": "استقبل كيم بوتين"}  # Putin visited Pyongyang; Kim
    for name, method in (("stored", zipfile.ZIP_STORED), ("deflated", zipfile.ZIP_DEFLATED)):  # received Putin
        with zipfile.ZipFile(tmp_path / f"{name}.zip", "w", method) as archive:
            archive.writestr("a.txt", texts[name])
    articles = corpus.load(tmp_path)
    assert articles["doc_id"].tolist() == ["deflated/a", "stored/a"]
    assert articles["text"].tolist() == [texts["deflated"], texts["stored"]]


def test_read_source_gives_the_articles_and_report_of_load_source(saudinewsnet_excerpts, tmp_path):
    # one day of the SaudiNewsNet excerpts (a zip as the corpus ships) and a file with problems: a record
    # without a date, an empty one
    write_json(tmp_path / "mixed.json", [*records(), {"id": "x", "text": TALKS}, {"id": "e", "text": " "}])
    for source in (saudinewsnet_excerpts / "2015-07-21.zip", tmp_path / "mixed.json"):
        frame, articles = corpus.load_source(source), corpus.read_source(source)
        for column in ("doc_id", "title", "outlet", "text"):
            assert getattr(articles, column) == frame[column].tolist()
        assert articles.where == list(frame.attrs["where"])
        assert articles.report == frame.attrs["load_report"]
    assert {p.kind for p in articles.report.problems} >= {"no-date", "empty"}

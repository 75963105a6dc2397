"""The hand-judged gold sets in tests/data/ are well-formed (they carry their own texts: no corpus needed).

tests/data/clean: 50 SaudiNewsNet articles and the boilerplate spans judged in their raw text.
tests/data/timeline: 285 temporal expressions of 152 SaudiNewsNet articles with their hand-resolved dates.
Provenance and guidelines: the PROVENANCE.md beside each; scores: benchmarks/gold_scores.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
CLEAN, TIMELINE = DATA / "clean", DATA / "timeline"

BOILERPLATE_KINDS = {"web_code", "widget", "more_link", "story_link", "related_links", "tag_list", "separator",
                     "source_line", "contact", "promo", "title_repeat", "wire_marker", "copyright", "disclaimer",
                     "photo_credit", "photo_caption", "ad_marker"}
CASES = {"date", "month", "year", "today", "relative", "week", "weekday", "bare_weekday", "hijri", "bare_monday",
         "past_weekday", "future_weekday", "weekday_date", "same_year", "explicit_year", "not_a_date"}
#: The ISO form of each precision, as the tagger writes it.
PRECISION_FORMAT = {"YYYY": "%Y", "YYYY-MM": "%Y-%m", "YYYY-MM-DD": "%Y-%m-%d"}
ARTICLE_FIELDS = {"doc_id", "outlet", "published", "title", "text"}
#: The parts of the timeline gold: two random draws (benchmarks/gold_sample.py timeline --draw 1 / 2) and the
#: targeted hard cases.
SAMPLES = {"random", "random2", "targeted"}


def _articles(folder: Path) -> dict[str, dict]:
    with open(folder / "articles.jsonl", encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    ids = [r["doc_id"] for r in records]
    assert len(ids) == len(set(ids)), f"{folder.name}: a doc_id is listed twice"
    return {r["doc_id"]: r for r in records}


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


@pytest.fixture(scope="module")
def clean_articles():
    return _articles(CLEAN)


@pytest.fixture(scope="module")
def boilerplate():
    return _rows(CLEAN / "boilerplate.csv")


@pytest.fixture(scope="module")
def timeline_articles():
    return _articles(TIMELINE)


@pytest.fixture(scope="module")
def expressions():
    return _rows(TIMELINE / "expressions.csv")


@pytest.mark.parametrize("folder", [CLEAN, TIMELINE], ids=["clean", "timeline"])
def test_articles_carry_their_raw_text_and_a_publication_date(folder):
    articles = _articles(folder)
    assert articles
    for doc_id, record in articles.items():
        assert ARTICLE_FIELDS <= record.keys(), doc_id
        assert record["text"].strip() and record["outlet"], doc_id
        assert _is_date(record["published"]), (doc_id, record["published"])
        # the crawl time as the corpus gives it (SaudiNewsNet's date_extracted), on the published day
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", record["published_at"]), doc_id
        assert record["published_at"].startswith(record["published"]), doc_id
    assert (folder / "PROVENANCE.md").is_file()


def test_every_boilerplate_span_is_the_raw_text_it_names(clean_articles, boilerplate):
    assert len(boilerplate) >= 30
    for row in boilerplate:
        raw = clean_articles[row["doc_id"]]["text"]
        start, end = int(row["start"]), int(row["end"])
        assert 0 <= start < end <= len(raw), row
        assert raw[start:end] == row["text"], row
        assert row["text"] == row["text"].strip(), f"span not trimmed: {row['doc_id']} {start}"
        assert row["kind"] in BOILERPLATE_KINDS, row["kind"]


def test_boilerplate_spans_of_an_article_do_not_overlap(boilerplate):
    by_doc: dict[str, list[tuple[int, int]]] = {}
    for row in boilerplate:
        by_doc.setdefault(row["doc_id"], []).append((int(row["start"]), int(row["end"])))
    for doc_id, spans in by_doc.items():
        spans.sort()
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)), doc_id


def test_boilerplate_kinds_hold_what_the_guidelines_say(boilerplate):
    for row in boilerplate:
        text = row["text"]
        if row["kind"] == "tag_list":  # «سمات …» "tags: …"
            assert text.startswith("سمات "), text
        elif row["kind"] == "story_link":  # «رابط الخبر بصحيفة الوئام:» "link to the story in Al-Weeam:"
            assert text.startswith("رابط الخبر"), text
        elif row["kind"] == "separator":  # dashes and asterisks only, no words
            assert not re.search(r"\w", text), text
    kinds = {row["kind"] for row in boilerplate}
    # the residue issue 17 names: CSS/JS of the alriyadh vote widget, dashed separators, reprint source lines
    assert {"web_code", "separator", "source_line"} <= kinds
    assert any("jQuery" in row["text"] for row in boilerplate if row["kind"] == "web_code")


def test_every_expression_stands_in_its_sentence_and_article(timeline_articles, expressions):
    assert len(expressions) >= 120
    for row in expressions:
        raw = timeline_articles[row["doc_id"]]["text"]
        start, end = int(row["start"]), int(row["end"])
        assert raw[start:end] == row["expression"], row
        sentence_start = raw.find(row["sentence"], max(0, end - len(row["sentence"])))
        assert 0 <= sentence_start <= start and end <= sentence_start + len(row["sentence"]), row
        assert row["published"] == timeline_articles[row["doc_id"]]["published"], row


def test_gold_values_are_iso_at_their_precision(expressions):
    for row in expressions:
        value, precision = row["gold_value"], row["gold_precision"]
        if not value:
            assert not precision, row
            continue
        assert precision in PRECISION_FORMAT, row
        parsed = dt.datetime.strptime(value, PRECISION_FORMAT[precision])  # ValueError on 2015-02-30
        assert parsed.strftime(PRECISION_FORMAT[precision]) == value, row


def test_judgements_agree_with_the_recorded_tagger_output(expressions):
    for row in expressions:
        assert row["case"] in CASES, row["case"]
        assert row["sample"] in SAMPLES, row
        assert row["reference_date"] == "" or _is_date(row["reference_date"]), row
        found = row["found_by_tagger"] == "yes"
        if not found:
            assert not row["tagger_value"], row
            assert row["judgement"] == ("right" if row["case"] == "not_a_date" else "missed"), row
        elif row["case"] == "not_a_date":
            assert row["judgement"] == "wrong", row
        else:
            assert row["judgement"] == ("right" if row["tagger_value"] == row["gold_value"] else "wrong"), row


def test_hard_cases_are_what_their_case_says(expressions):
    by_case: dict[str, list[dict]] = {}
    for row in expressions:
        by_case.setdefault(row["case"], []).append(row)
    hard = ("bare_monday", "past_weekday", "same_year", "explicit_year", "hijri", "relative")
    assert sum(len(by_case.get(case, [])) for case in hard) >= 25
    for row in by_case["bare_monday"]:  # الاثنين "Monday" (also "the two"), with a clitic at most
        assert re.fullmatch(r"[وفبل]?ال[اإ]ثنين", row["expression"]), row["expression"]
        assert dt.date.fromisoformat(row["gold_value"]).weekday() == 0, row
    for row in by_case["same_year"]:  # العام نفسه / ذاته, نفس العام "the same year"
        assert re.search(r"نفس|ذات", row["expression"]), row["expression"]
    for row in by_case["past_weekday"]:  # a past day: before the day the text was written for
        assert row["gold_value"] < (row["reference_date"] or row["published"]), row
    for row in by_case["not_a_date"]:
        assert row["gold_value"] == "", row


def test_each_random_draw_has_its_own_articles_and_every_outlet(timeline_articles, expressions):
    """The two random draws take 3 articles of each of the 14 outlets, and no article twice; every item of a
    random draw comes from an article of that draw (its `reason` in articles.jsonl)."""
    draw_of = {"random": "random (", "random2": "random 2 ("}
    for sample, reason in draw_of.items():
        drawn = [r for r in timeline_articles.values() if r["reason"].startswith(reason)]
        outlets = [r["outlet"] for r in drawn]
        assert len(set(outlets)) == 14 and all(outlets.count(o) == 3 for o in set(outlets)), sample
        ids = {r["doc_id"] for r in drawn}
        assert {row["doc_id"] for row in expressions if row["sample"] == sample} <= ids, sample


def test_items_carry_the_reference_day_of_their_article(timeline_articles, expressions):
    for row in expressions:
        article = timeline_articles[row["doc_id"]]
        assert row["reference_date"] == article.get("reference_date", article["published"]), row
        if "reference_date" in article:
            assert article["reference_evidence"].strip(), row["doc_id"]

"""The SaudiNewsNet development gold set of delegation / attendee lists is well-formed.

tests/data/delegations/ holds articles.jsonl (the gold articles with their raw text) and members.csv (one
hand-annotated row per list member); PROVENANCE.md says how they were found and annotated. These checks
keep the files consistent with each other and with the article texts, so the gold set can be edited by hand
and scored against without SaudiNewsNet on the machine.
"""

import csv
import json
import re
from collections import defaultdict

import pytest

GOLD = "tests/data/delegations"
MEMBER_FIELDS = ["doc_id", "list", "side", "honorific", "title", "name", "name_core", "note"]
ARTICLE_FIELDS = {"doc_id", "source", "outlet", "published", "title", "url", "has_list", "text"}
#: doc_id as the arnews loader makes it for SaudiNewsNet: <zip stem>/<json stem>#<record index>
DOC_ID = re.compile(r"(?P<day>\d{4}-\d{2}-\d{2})/(?P=day)#(?P<record>\d{5})")
#: A member's title is written within this many characters of the name (before or after it).
TITLE_DISTANCE = 300
#: Words that show an article speaks of officials (minister, prince, ambassador, president, king, sheikh, …)
OFFICIAL = re.compile(r"وزير|الأمير|سفير|الرئيس|رئيس|الملك|الشيخ|أمير|مدير|اللواء|مبعوث|مسؤول|مسئول")


@pytest.fixture(scope="module")
def gold_dir(repo):
    return repo / GOLD


@pytest.fixture(scope="module")
def articles(gold_dir):
    with (gold_dir / "articles.jsonl").open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return {row["doc_id"]: row for row in rows}


@pytest.fixture(scope="module")
def members(gold_dir):
    with (gold_dir / "members.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == MEMBER_FIELDS
        return list(reader)


@pytest.fixture(scope="module")
def lexicon_sides(repo):
    with (repo / "data" / "lexicons" / "delegation_sides.csv").open(encoding="utf-8", newline="") as handle:
        return {row["side"] for row in csv.DictReader(handle) if row["side"]}


@pytest.fixture(scope="module")
def provenance(gold_dir):
    return (gold_dir / "PROVENANCE.md").read_text(encoding="utf-8")


def test_articles_have_every_field_and_a_source_matching_the_doc_id(articles):
    assert len(articles) >= 70
    for doc_id, article in articles.items():
        assert set(article) == ARTICLE_FIELDS, doc_id
        match = DOC_ID.fullmatch(doc_id)
        assert match, doc_id
        # record 12 of 2015-07-21.json inside 2015-07-21.zip is 2015-07-21/2015-07-21#00012
        assert article["source"] == f"{match['day']}.zip/{match['day']}.json#{match['record']}"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", article["published"]), doc_id
        assert isinstance(article["has_list"], bool), doc_id
        assert article["text"].strip() and article["outlet"], doc_id


def test_the_set_spans_outlets_and_has_both_kinds_of_article(articles):
    with_lists = [a for a in articles.values() if a["has_list"]]
    without = [a for a in articles.values() if not a["has_list"]]
    assert len(with_lists) >= 45 and len(without) >= 25
    assert len({a["outlet"] for a in with_lists}) >= 8


def test_articles_without_lists_still_speak_of_officials(articles):
    # the hard negatives: ministers, princes, ambassadors … are named or quoted, but nobody is listed
    for doc_id, article in articles.items():
        if not article["has_list"]:
            assert len(OFFICIAL.findall(article["text"])) >= 2, doc_id


def test_every_member_belongs_to_an_article_with_a_list_and_back(articles, members):
    listed = {m["doc_id"] for m in members}
    for doc_id in listed:
        assert doc_id in articles, doc_id
        assert articles[doc_id]["has_list"], f"{doc_id} has members but has_list is false"
    for doc_id, article in articles.items():
        if article["has_list"]:
            assert doc_id in listed, f"{doc_id} says has_list but has no member"


def test_list_numbers_count_from_one_in_reading_order(members):
    numbers = defaultdict(list)
    for m in members:
        assert m["list"].isdigit(), m
        numbers[m["doc_id"]].append(int(m["list"]))
    for doc_id, seen in numbers.items():
        assert seen == sorted(seen), doc_id
        assert sorted(set(seen)) == list(range(1, max(seen) + 1)), doc_id


def test_names_titles_and_honorifics_occur_verbatim_in_reading_order(articles, members):
    position = {}
    for m in members:
        text = articles[m["doc_id"]]["text"]
        assert m["name"], m
        start = position.get(m["doc_id"], 0)
        at = text.find(m["name"], start)
        assert at >= 0, f"{m['doc_id']}: «{m['name']}» not found after position {start}"
        position[m["doc_id"]] = at + 1
        for field in ("title", "honorific"):
            if m[field]:
                window = text[max(0, at - TITLE_DISTANCE): at + len(m["name"]) + TITLE_DISTANCE]
                assert m[field] in window, f"{m['doc_id']}: {field} «{m[field]}» not near «{m['name']}»"


def test_name_core_is_the_name_without_its_rank_or_honorific_words(members):
    for m in members:
        assert m["name_core"], m
        name_words = m["name"].replace("،", " ").split()
        core_words = m["name_core"].split()
        # every word of the core is in the written name (the source may glue two words: «خالدالناهض»)
        assert all(w in name_words or w in m["name"] for w in core_words), m
        assert not m["name_core"].startswith(("الأمير ", "الشيخ ", "اللواء ", "الدكتور ", "د.")), m


def test_sides_are_countries_and_empty_only_with_a_reason(members, lexicon_sides, provenance):
    for m in members:
        if not m["side"]:
            assert m["note"], f"{m['doc_id']}: empty side for «{m['name']}» without a note"
            continue
        # a country name from the sides lexicon, or one this gold set adds and PROVENANCE.md lists
        assert m["side"] in lexicon_sides or m["side"] in provenance, m["side"]
        # never a raw cue token: no nisba adjective (الكوري) and no preposition or leader glued on (لـ…)
        assert not re.fullmatch(r"ال\S+ي", m["side"]), m["side"]
        assert not m["side"].startswith(("لل", "لـ", "ل ")), m["side"]

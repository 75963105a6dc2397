"""arnews.narrative: the notebooks' computed prose is true of the corpus it is computed on, and its choices
(terms in context, entities by article or by outlet, the meeting shown, charts drawn or not) follow the data."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from arnews import clean, corpus, delegations, narrative, pipeline, plotting, terms, timeline
from arnews.narrative import text as prose

IMG = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def seed_store(raw_dir, tmp_path_factory):
    return pipeline.clean_store(raw_dir, interim=tmp_path_factory.mktemp("interim"), progress=False)


@pytest.fixture(scope="module")
def seed_analysis(seed_store):
    return terms.analyse(seed_store)


# --- text pieces -------------------------------------------------------------------------------------------


def test_prose_displays_as_markdown_and_stays_a_string():
    line = narrative.Prose("**Lossless**: all 5 restored texts")
    assert line._repr_markdown_() == "**Lossless**: all 5 restored texts" and isinstance(line, str)


def test_corpus_text_in_prose_is_inert_and_isolated():
    # A hostile title: "Putin arrives" with markup, and Markdown marks that would turn into emphasis or links.
    quoted = narrative.arabic(f"بوتين يصل *عاجل* [رابط]({IMG})")
    assert "<img" not in quoted and "&lt;img" in quoted
    assert r"\*عاجل\*" in quoted and r"\[رابط\]" in quoted
    assert quoted.startswith(narrative.FSI) and quoted.endswith(narrative.PDI)


def test_numbers_shares_and_lists_read_as_english():
    assert prose.plural(1, "article") == "1 article" and prose.plural(30148, "article") == "30,148 articles"
    assert prose.percent(3, 4) == "75%" and prose.percent(1, 3) == "33.3%" and prose.percent(1, 30148) == "<0.1%"
    assert prose.listing(["a", "b", "c"]) == "a, b and c" and prose.listing(["a"]) == "a"


def test_a_count_of_one_takes_a_singular_verb():
    # six articles of one day, one of them without a date: "1 article has no usable date"
    table = pd.DataFrame({"published": pd.to_datetime(["2018-06-20"] * 5 + [None])})
    text = str(narrative.describe_dates(table))
    assert "1 article has no usable date" in text and "have" not in text
    assert "5 articles" in text and prose.agree(2, "has", "have") == "have"


# --- 01 load ---------------------------------------------------------------------------------------------------


def test_corpus_description_names_the_corpus_by_its_folder(seed_store, raw_dir):
    line = narrative.describe_corpus(seed_store, raw_dir)
    assert line.startswith("Corpus **data/raw**: 5 articles kept from 5 files")
    assert "published between 2023-09-13 and 2024-06-19" in line
    assert str(raw_dir) not in line


def test_outlets_description_isolates_arabic_outlet_names(seed_store):
    line = narrative.describe_outlets(seed_store.table)
    assert f"{narrative.FSI}الديار{narrative.PDI} (20%)" in line  # Al-Diyar, one article of five
    assert "3 articles (60%) have no outlet" in line
    nameless = seed_store.table.assign(outlet="")
    assert narrative.describe_outlets(nameless).startswith("No article names its outlet")


def test_problems_are_counted_by_kind_or_said_to_be_none(tmp_path):
    assert narrative.describe_problems(corpus.LoadReport(files=1, records=1, articles=1)) == \
        "No problems: every file was read as it is."
    (tmp_path / "a.txt").write_text("وصل الرئيس إلى الرياض اليوم.\n", encoding="utf-8")  # "the president arrived"
    (tmp_path / "b.txt").write_text("وصل الرئيس إلى الرياض اليوم.\n", encoding="utf-8")  # the same text again
    (tmp_path / "c.txt").write_text("", encoding="utf-8")
    _, loaded = corpus.load_with_report(tmp_path, progress=False)
    line = narrative.describe_problems(loaded)
    assert line.startswith("4 problems of 3 kinds:")
    for part in ("1 exact duplicate, dropped", "1 empty record, skipped", "2 articles without a date"):
        assert part in line


# --- 02 clean --------------------------------------------------------------------------------------------------


def test_lossless_check_compares_with_the_raw_digests(seed_store):
    clean_articles, removed = seed_store.articles(), seed_store.removed()
    restored = clean_articles.assign(text=clean.restore_corpus(clean_articles, removed))
    assert narrative.describe_lossless(restored, seed_store).startswith("**Lossless**: all 5 restored texts")
    broken = restored.assign(text=restored["text"].str.replace("[ad_1]", "", regex=False))
    line = narrative.describe_lossless(broken, seed_store)
    assert line.startswith("**Not lossless**: 1 article of 5")


def test_rules_description_names_the_largest_and_says_when_no_chart(seed_store):
    by_rule = clean.removed_by_rule(seed_store.removed())
    line = narrative.describe_rules(by_rule)
    assert by_rule["rule"].iloc[0] in line.replace("\\_", "_")
    assert "no chart" in narrative.describe_rules(by_rule.head(1))
    assert narrative.describe_rules(by_rule.head(0)).startswith("No rule matched this corpus")


# --- 03 terms --------------------------------------------------------------------------------------------------


def test_kwic_terms_default_to_the_most_mentioned_entities(seed_analysis):
    # On the seeds: Putin (53 mentions) and Russia (33) are the two most mentioned entities.
    assert narrative.kwic_terms(seed_analysis) == ["فلاديمير بوتين", "روسيا"]
    assert narrative.kwic_terms(seed_analysis, ["الإمبريالية"]) == ["الإمبريالية"]


def test_top_terms_description_follows_the_table(seed_store):
    counts = terms.count_terms(seed_store)
    line = narrative.describe_top_terms(counts.table, 25)
    assert line.startswith(f"The most frequent terms are {narrative.arabic('فلاديمير بوتين')} (Vladimir Putin) (53)")
    # A corpus of common words only: no entity leads, and the text says so instead of naming people.
    common = pd.DataFrame({"term": ["منطقة", "رئيس", "عمل"], "count": [23348, 19807, 17180],
                           "docs": [9307, 9141, 7674]})  # "region", "head", "work"
    assert "None of the top 3 is a name of `entities.csv`" in narrative.describe_top_terms(common, 25)


def test_mentions_by_shortened_title_on_a_small_corpus(seed_store, seed_analysis):
    view = narrative.mention_view(seed_analysis, seed_store.table, entities=5, articles=20)
    assert view.by == "article" and len(view.columns) == 5
    titles = seed_store.table.set_index("doc_id")["title"]
    for label, doc in zip(view.matrix.columns, view.columns, strict=True):
        assert label == plotting.shorten(titles[doc], 30) and len(label) <= 30
    fig = narrative.mention_figure(view)
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == plotting.ar_labels(view.matrix.columns)
    plt.close(fig)


def large_two_outlet_corpus() -> pd.DataFrame:
    """120 short articles of two outlets: Riyadh in every one of the first, Moscow in a quarter of the second."""
    riyadh = "استقبل أمير منطقة الرياض اليوم في الرياض وفدا من رجال الأعمال."  # "the emir of Riyadh received …"
    moscow = "وصل وزير الخارجية سيرغي لافروف إلى موسكو بعد جولة في المنطقة."  # "Lavrov arrived in Moscow …"
    other = "افتتح وزير الصحة مستشفى جديدا في المدينة."  # "the health minister opened a hospital"
    rows = [(f"a{i}", "sabq", riyadh) for i in range(60)]
    rows += [(f"b{i}", "aawsat", moscow if i % 4 == 0 else other) for i in range(60)]
    return pd.DataFrame(rows, columns=["doc_id", "outlet", "text"]).assign(title="", published=pd.NaT, url="")


def test_mentions_by_outlet_share_on_a_large_corpus():
    articles = large_two_outlet_corpus()
    analysis = terms.analyse(articles)
    view = narrative.mention_view(analysis, articles, entities=5)
    assert view.by == "outlet" and list(view.matrix.columns) == ["aawsat", "sabq"]  # same size: by name
    assert view.matrix.loc["الرياض", "sabq"] == 100 and view.matrix.loc["الرياض", "aawsat"] == 0
    assert view.matrix.loc["موسكو", "aawsat"] == 25
    line = narrative.describe_mentions(view)
    assert "Columns are outlets" in line


def test_kwic_heading_counts_what_is_shown(seed_store, seed_analysis):
    articles = seed_store.articles()
    lines = terms.kwic(articles, seed_analysis, "روسيا", limit=10)
    heading = narrative.describe_kwic("روسيا", lines, seed_analysis, 10)
    assert heading == f"**{narrative.arabic('روسيا')}** (Russia): 10 of 33 occurrences, sampled, from " \
                      f"{lines['doc_id'].nunique()} articles."
    few = terms.kwic(articles, seed_analysis, "الإمبريالية", limit=10)  # "imperialism"
    assert f"all {len(few)} occurrences" in narrative.describe_kwic("الإمبريالية", few, seed_analysis, 10)
    nothing = terms.kwic(articles, seed_analysis, "الزيتون", limit=10)  # "olives"
    assert narrative.describe_kwic("الزيتون", nothing, seed_analysis, 10).endswith("not found in this corpus.")


def test_ranked_terms_put_one_group_per_row_in_reading_order():
    per_article = pd.DataFrame({"doc_id": ["004", "004", "001"], "rank": [1, 2, 1],
                                "term": ["رئيس", "وزير", "فلاديمير بوتين"], "count": [11, 7, 14]})
    wide = narrative.ranked_terms(per_article, "doc_id", "count")
    assert "رئيس (11)، وزير (7)" in wide._repr_html_()  # whole, however long the cell
    assert wide.frame.to_dict("records") == [{"doc_id": "004", "terms": "رئيس (11)، وزير (7)"},
                                       {"doc_id": "001", "terms": "فلاديمير بوتين (14)"}]
    pairs = pd.DataFrame({"first": ["خادم"], "second": ["الحرمين"], "count": [4396], "pmi": [9.6586],
                          "llr": [64808.51]})  # "Custodian of the Two Holy Mosques"
    assert narrative.pair_table(pairs).iloc[0].to_dict() == {"pair": "خادم + الحرمين", "count": 4396, "pmi": 9.66,
                                                             "llr": 64808.5}


# --- 04 timeline -----------------------------------------------------------------------------------------------


def test_a_single_duration_is_not_called_a_disagreement():
    one = pd.DataFrame([{"event": "قمة في الرياض", "date": "2015-08-02", "doc_id": "x", "duration": "ستة أشهر",
                         "value": "P6M", "hours": 4383.36, "approximate": False, "sentence": "…"}])  # "six months"
    line = narrative.describe_durations(one)
    assert line.startswith("Only one duration is stated") and "ستة أشهر" not in line
    two = pd.concat([one.assign(duration="نحو 11 ساعة", hours=11.0), one.assign(duration="ساعتين", hours=2.0)])
    line = narrative.describe_durations(two)  # "about 11 hours" against "two hours"
    assert "give 2 different lengths" in line and narrative.arabic("ساعتين") in line
    assert narrative.describe_durations(one.head(0)).startswith("No article states how long")


def test_timeline_description_counts_events_in_the_publication_months(raw_dir, seed_store):
    result = timeline.run_corpus(seed_store, progress=False)
    line = narrative.describe_timeline(result.events, 20, seed_store.table["published"])
    shown = timeline.top_events(result.events, 20)
    assert f"shows {len(shown)} events of {len(result.events)}" in line
    current = shown["date"].str[:7].between("2023-09", "2024-06") & (shown["date"].str.len() >= 7)
    assert f"{current.sum()} of them fall in the months the articles were published (2023-09 to 2024-06)" in line
    assert narrative.describe_timeline(result.events.head(0), 20, seed_store.table["published"]).startswith(
        "No dated event")


# --- 05 delegations --------------------------------------------------------------------------------------------


def test_the_meeting_shown_needs_two_sides_of_two_members(seed_store):
    members = delegations.extract_corpus(seed_store)
    assert narrative.meeting_article(members) == "004_3afad984cf2ba5e7"  # 13 Russians and 6 North Koreans
    line = narrative.describe_meeting(members, "004_3afad984cf2ba5e7", seed_store.table)
    assert "13 members for" in line and "6 members for" in line
    # One member a side (an Omani undersecretary and a Syrian deputy minister) is no meeting to set side by side.
    pair = pd.DataFrame({"doc_id": ["x", "x"], "side": ["عمان", "سوريا"],
                         "title": ["وكيل الوزارة للشؤون الدبلوماسية", "نائب وزير الخارجية والمغتربين"],
                         "name": ["أحمد يوسف الحارثي", "فيصل مقداد"],
                         "canonical_name": ["أحمد يوسف الحارثي", "فيصل مقداد"],
                         "sector": ["diplomacy", "diplomacy"], "evidence": ["…", "…"]})
    assert narrative.meeting_article(pair) is None
    assert narrative.describe_meeting(pair, None, seed_store.table).startswith("No article lists two delegations")


def test_a_sector_chart_of_one_sector_or_few_members_is_not_drawn(seed_store):
    members = delegations.extract_corpus(seed_store)
    counts = delegations.sector_counts(delegations.delegation(members, "004_3afad984cf2ba5e7"))
    assert narrative.worth_a_sector_chart(counts)
    line = narrative.describe_sectors(counts, "the delegations of 004")
    assert line.startswith("19 members of the delegations of 004; the largest sectors: diplomacy (6)")
    tiny = counts.loc[["diplomacy"]]
    assert not narrative.worth_a_sector_chart(tiny)
    assert narrative.describe_sectors(tiny, "x").startswith("Too few members (6) or sectors (1)")

"""Cleaning that learns an outlet's boilerplate: lines one outlet repeats go, datelines and bylines stay."""

import pandas as pd
import pytest
import yaml

from arnews import clean, lexicons
from test_clean import PROSE  # prose lines from the seed articles (Putin's visit to Pyongyang)

#: "Download the Al-Mithal app for the latest news": an app promo one outlet puts under its stories.
PROMO = "صحيفة المثال الإلكترونية، صوت الحقيقة منذ عام 1990"  # an outlet's motto under its articles
SETTINGS = clean.default_rules().learn


@pytest.fixture
def only_learned(tmp_path):
    """The rules with the learned rule alone (so that no written rule removes the test's lines first)."""
    data = lexicons.read_yaml(clean.RULES_FILE)
    data["rules"] = [r for r in data["rules"] if r["kind"] == "learned"]
    path = tmp_path / "learned.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return clean.load_rules(path)


def _code(i: int) -> str:
    """A word that differs for every i (numbers would not: lines are compared with numbers masked)."""
    letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    return "رمز " + letters[i // 784 % 28] + letters[i // 28 % 28] + letters[i % 28]


def _outlet(n, outlet="mithal", top=None, bottom=None, carry=lambda i: True):
    """n articles of one outlet: two prose lines each (coded, so every article differs), with a line on top
    and/or at the bottom of the articles `carry` picks."""
    rows = []
    for i in range(n):
        lines = [f"{PROSE[i % 5]} ({_code(i)})", f"{PROSE[(i + 1) % 5]} ({_code(i)}).."]
        if top and carry(i):
            lines.insert(0, top(i) if callable(top) else top)
        if bottom and carry(i):
            lines.append(bottom(i) if callable(bottom) else bottom)
        rows.append({"doc_id": f"{outlet}-{i:03d}", "outlet": outlet, "title": "", "text": "\n".join(lines)})
    return pd.DataFrame(rows)


def test_a_line_one_outlet_repeats_is_removed_and_recorded():
    articles = pd.concat([_outlet(40, bottom=PROMO, carry=lambda i: i % 3 == 0),  # 14 of 40 articles
                          _outlet(20, outlet="other")], ignore_index=True)
    clean_articles, removed = clean.clean_corpus(articles)
    assert not clean_articles["text"].str.contains("تطبيق المثال").any()
    assert set(removed["rule"]) == {"learned:mithal"} and len(removed) == 14
    assert clean.restore_corpus(clean_articles, removed).tolist() == articles["text"].tolist()
    learned = clean.learn_lines(articles).table
    assert learned[["outlet", "line", "articles"]].values.tolist() == [["mithal", PROMO, 14]]
    assert learned["share"].iloc[0] == pytest.approx(14 / 40, abs=1e-4)


def test_thresholds_in_articles_and_in_share(only_learned):
    assert (SETTINGS.min_articles, SETTINGS.min_share, SETTINGS.max_chars) == (10, 0.02, 200)
    just_enough = _outlet(30, bottom=PROMO, carry=lambda i: i < SETTINGS.min_articles)
    too_few = _outlet(30, bottom=PROMO, carry=lambda i: i < SETTINGS.min_articles - 1)
    assert len(clean.learn_lines(just_enough).table) == 1 and clean.learn_lines(too_few).table.empty
    # 12 of 1,000 articles (1.2%, under the 2% share): a line this outlet seldom carries is not its template
    rare = _outlet(1000, bottom=PROMO, carry=lambda i: i % 83 == 0)
    assert rare["text"].str.contains("صوت الحقيقة").sum() == 13 and clean.learn_lines(rare).table.empty
    # numbers and punctuation do not make lines different: the SMS code changes from column to column
    sms = _outlet(20, bottom=lambda i: f"للتواصل أرسل رسالة إلى 88548 ، تبدأ بالرمز {100 + i}")  # to contact, send …
    assert clean.learn_lines(sms, only_learned).table["articles"].tolist() == [20]


@pytest.mark.parametrize("line, where", [
    ("عين اليوم – الرياض", "top"),  # Ain Al-Youm – Riyadh: dateline (outlet – place)
    ("عمر إبراهيم – عين اليوم", "top"),  # Omar Ibrahim – Ain Al-Youm: byline (name – outlet)
    ("حنان الحامدي – جدة", "bottom"),  # Hanan Al-Hamidi – Jeddah: a dash shape is kept anywhere
    ("سبق- وكالات:", "top"),  # Sabq – agencies:
    ("الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس", "top"),  # SPA dateline: place, dates, agency
    ("ناصر الجديع", "top"),  # Nasser Al-Jedaie: a byline without a dash, at the top
])
def test_the_guard_keeps_datelines_and_bylines(line, where):
    articles = _outlet(30, **{where: line})
    assert clean.learn_lines(articles).table.empty
    found = clean.discover(articles, min_count=10).set_index("line")
    assert found.loc[line, "rule"] == "" and found.loc[line, "guard"] != ""


def test_the_guard_is_structural_not_a_list_of_lines():
    guard = SETTINGS.guard
    assert (guard.max_words, guard.lead_lines, guard.lead_share) == (12, 3, 0.5)
    # a bare name counts as a byline only at the top of most of the articles that carry it
    assert guard.reason("ناصر الجديع", lead_share=0.9) == "name_at_the_top"
    assert guard.reason("ناصر الجديع", lead_share=0.2) == ""
    # an agency's name ends a dateline at the top; elsewhere the line is text like any other
    spa = "جدة 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس"  # Jeddah, <dates>, SPA
    assert guard.reason(spa, 1.0) == "agency_dateline" and guard.reason(spa, 0.0) == ""
    # a promo has no dateline shape, and a long line is never a dateline
    assert guard.reason(PROMO, 1.0) == ""
    assert guard.reason(" – ".join(["عين اليوم"] * 7), 1.0) == ""  # 20 words
    for shape in guard.shapes:  # each shape's example is what it keeps
        assert shape.pattern.fullmatch(shape.example) and shape.gloss, shape.name


def test_a_bare_name_at_the_bottom_is_learned():
    # a line of letters only, under most articles (not on top): a signature-like promo ("Al-Mithal newspaper")
    articles = _outlet(30, bottom="صحيفة المثال الإلكترونية")
    assert clean.learn_lines(articles).table["line"].tolist() == ["صحيفة المثال الإلكترونية"]


def test_written_rules_come_first():
    # the agency's end marker «// انتهى //» repeats in every article: it keeps the name of its own rule
    articles = _outlet(20, bottom="// انتهى //")
    assert clean.learn_lines(articles).table.empty
    assert set(clean.clean_corpus(articles)[1]["rule"]) == {"wire_marker"}


def test_learning_does_not_depend_on_article_order():
    articles = pd.concat([_outlet(40, bottom=PROMO, carry=lambda i: i % 2 == 0), _outlet(15, outlet="other"),
                          _outlet(25, outlet="third", top="عين اليوم – جدة")], ignore_index=True)
    shuffled = articles.sample(frac=1, random_state=7).reset_index(drop=True)
    first, again = clean.learn_lines(articles), clean.learn_lines(shuffled)
    assert first.by_outlet == again.by_outlet
    removed = clean.clean_corpus(articles)[1].sort_values(["doc_id", "start"]).reset_index(drop=True)
    removed_shuffled = clean.clean_corpus(shuffled)[1].sort_values(["doc_id", "start"]).reset_index(drop=True)
    assert removed.equals(removed_shuffled)


#: Headlines an outlet appends under its articles (its latest stories): "the minister of health opens a new
#: hospital in the north", "the national team prepares for the Asian Cup qualifiers", "rain expected over the
#: coast this weekend", "a conference on renewable energy starts on Monday", "prices of vegetables fall in the
#: central market".
TEASERS = ["وزير الصحة يفتتح مستشفى جديدا في الشمال", "المنتخب الوطني يستعد لتصفيات كأس آسيا",
           "توقعات بهطول أمطار على الساحل نهاية الأسبوع", "انطلاق مؤتمر الطاقة المتجددة الاثنين المقبل",
           "تراجع أسعار الخضراوات في السوق المركزي"]


def _with_teasers(i: int) -> str:
    """The three latest headlines under article i (each headline closes 9 of 15 articles)."""
    return "\n".join(TEASERS[(i + k) % 5] for k in range(3))


def test_headlines_an_outlet_appends_are_removed_where_they_close_a_text():
    articles = _outlet(15, outlet="akhbar", bottom=_with_teasers)
    clean_articles, removed = clean.clean_corpus(articles)
    assert set(removed["rule"]) == {"teasers:akhbar"} and len(removed) == 15  # one span of three lines each
    assert not any(headline in text for text in clean_articles["text"] for headline in TEASERS)
    assert clean.restore_corpus(clean_articles, removed).tolist() == articles["text"].tolist()
    # the same headline inside a story, with prose after it, stays (a subheading, a quoted title)
    inside = articles.copy()
    inside.loc[0, "text"] = f"{TEASERS[0]}\n{PROSE[0]}"
    kept = clean.clean_corpus(inside)[0]
    assert kept.loc[0, "text"] == inside.loc[0, "text"]


def test_two_closing_headlines_or_a_closing_byline_are_no_teasers():
    # a run of two headlines is not a list of other stories; nor is the writer's name, title and place under a
    # column ("Saleh Al-Zahrani", "consultant paediatrician", "Jeddah – the paper's office"), in 6 of 15 articles
    two = _outlet(15, outlet="akhbar", bottom=lambda i: "\n".join(TEASERS[(i + k) % 5] for k in range(2)))
    signed = _outlet(15, outlet="sahifa", bottom="صالح الزهراني\nاستشاري طب الأطفال\nجدة – مكتب الصحيفة",
                     carry=lambda i: i < 6)
    # follow-up stories of one outlet that close with the same three paragraphs (without their full stops):
    # "the ministry explained that most cases are in Riyadh and Jeddah", "and it stressed that the medical teams
    # work around the clock", "and called on citizens to follow the precautions" are prose, not headlines
    closing = "\n".join(["وأوضحت الوزارة أن معظم الحالات في الرياض وجدة",
                         "وأكدت أن الفرق الطبية تعمل على مدار الساعة", "ودعت المواطنين إلى الالتزام بالإجراءات"])
    updates = _outlet(5, outlet="sabq", bottom=closing)
    table = clean.learn_lines(pd.concat([two, signed, updates], ignore_index=True)).table
    assert table.empty


def test_the_learned_rules_example_is_learned(only_learned):
    rule = next(r for r in clean.default_rules().rules if r.kind == "learned")
    articles = _outlet(50, bottom=rule.example, carry=lambda i: i % 4 == 0)  # in 13 of 50 articles
    assert clean.learn_lines(articles, only_learned).table["line"].tolist() == [rule.example]


# --- discovery ---------------------------------------------------------------------------------


def test_discovery_lists_repeated_lines_with_the_rule_or_guard_of_each():
    copyright_line = "جميع الحقوق محفوظة لصحيفة المثال"  # All rights reserved to Al-Mithal newspaper
    articles = pd.concat([
        _outlet(12, bottom=PROMO),
        _outlet(12, outlet="mithal2", bottom=copyright_line),
        # SPA dateline with changing dates: one candidate, numbers masked, kept by the guard
        _outlet(12, outlet="spa", top=lambda i: f"الرياض {i + 10} شوال 1436 هـ الموافق {i + 1} أغسطس 2015 م واس"),
        _outlet(11, outlet="spa2", bottom="// انتهى //"),  # end-of-item marker, has a rule
        _outlet(12, outlet="other", bottom=lambda i: "نص فريد رقم " + "أبجد"[i % 4] * (i + 1)),
    ], ignore_index=True)
    found = clean.discover(articles, min_count=10).set_index("line")
    assert found.loc[PROMO, "count"] == 12
    assert found.loc[PROMO, "outlets"] == "mithal: 12"
    assert found.loc[PROMO, "example_doc"] == "mithal-000"
    assert found.loc[PROMO, "rule"] == "learned:mithal"  # 12 of 12 articles: learned
    assert found.loc[copyright_line, "rule"] == "copyright_line"  # a written rule names it first
    assert found.loc["// انتهى //", "rule"] == "wire_marker"
    spa = next(line for line in found.index if line.startswith("الرياض 10 شوال"))
    assert found.loc[spa, "rule"] == "" and found.loc[spa, "guard"] == "agency_dateline"
    assert not any(line.startswith("نص فريد") for line in found.index)

    entry = clean.candidate_rule(PROMO, "motto", "Motto line of one outlet.")
    assert yaml.safe_load(clean.rules_yaml([entry]))[0]["pattern"] == entry["pattern"]
    rules = clean.with_rules(clean.default_rules(), [entry])
    result = clean.clean_text(articles.loc[0, "text"], rules=rules)
    assert PROMO not in result.text and result.spans[0].rule == "motto"


def test_discovery_of_a_corpus_without_repeats_is_empty(raw_dir):
    from arnews import corpus

    found = clean.discover(corpus.load(raw_dir), min_count=2)
    assert found.empty and list(found.columns) == clean.CANDIDATE_COLUMNS


def test_discovery_names_the_rule_that_removes_a_line_in_its_article():
    # an SMS-contact footer split over lines: its operator lines are removed by the footer's trailer rule
    footer = "للتواصل مع الكاتب ارسل رسالة SMS\nتبدأ بالرمز (3) ثم مسافة ثم نص الرسالة إلى\n88591 - Stc"
    found = clean.discover(_outlet(12, outlet="almadina", bottom=footer), min_count=10).set_index("line")
    assert found.loc["88591 - Stc", "rule"] == "sms_contact"
    assert found.loc["للتواصل مع الكاتب ارسل رسالة SMS", "count"] == 12


def test_line_keys_fold_mask_numbers_and_ignore_punctuation():
    # "to get in touch send an SMS to 88548, Mobily 636250" in two spellings
    assert clean.line_key("للتواصل أرسل sms إلى 88548 الاتصالات ,636250 موبايلي") == \
        clean.line_key("للتواصل ارسل SMS الى ٨٨٥٤٨ الاتصالات، 636251 موبايلي")
    assert clean.line_key("* *") == "" and clean.line_key("«نيويورك تايمز»") == "نيويورك تايمز"


@pytest.mark.slow
def test_on_saudinewsnet_only_boilerplate_is_learned_and_datelines_stay(saudinewsnet):
    from arnews import corpus

    articles = corpus.load(saudinewsnet)
    learned = clean.learn_lines(articles)
    # the agency's end marker spelled with a hamza or stretched («// إنتهى //», «// انتهـــى //»): spellings the
    # written rules miss, in over 100 articles of one outlet (aawsat's teaser link «المزيد...», more..., learned
    # before, is now read_more's, which takes the link's words with their dots on either side)
    assert set(learned.table["rule"]) == {"learned:was", "teasers:aawsat"}
    assert {line for line, rule in learned.by_outlet["was"].items()} == {"// إنتهى //", "// انتهـــى //"}
    # aawsat's memoirs of Faten Hamama end with the headlines of the series' episodes: the only teasers
    teasers = learned.table[learned.table["rule"] == "teasers:aawsat"]
    assert len(teasers) == 9 and teasers["line"].str.contains("فاتن حمامة").all()
    # 3alyoum's datelines and bylines repeat as often and stay
    found = clean.discover(articles).set_index("line")
    for line in ("عين اليوم – الرياض", "عمر إبراهيم – عين اليوم", "مسلّم الهواملة – عين اليوم"):
        assert found.loc[line, "rule"] == "" and found.loc[line, "guard"] == "dateline_or_byline", line


def test_on_saudinewsnet_excerpts_the_wire_markers_variants_are_learned_and_the_dateline_stays(
        saudinewsnet_excerpts):
    # The counterpart, on every machine, of the test on the whole corpus above: 109 excerpts of SaudiNewsNet
    # articles (tests/data/saudinewsnet), among them 14 of SPA (was) and 26 of Ain Al-Youm (3alyoum).
    from arnews import corpus

    articles = corpus.load(saudinewsnet_excerpts)
    learned = clean.learn_lines(articles)
    # SPA's end marker spelled with a hamza and stretched with tatweel («// إنتهى //», «// انتهـــى //»), one
    # article each, which the written rule misses: the same line as «// انتهى //» once folded, which all 14
    # SPA excerpts end with, so learned for SPA and for no other outlet
    assert set(learned.table["rule"]) == {"learned:was"}
    assert set(learned.by_outlet) == {"was"}
    assert set(learned.by_outlet["was"]) == {"// إنتهى //", "// انتهـــى //"}
    cleaned, removed = clean.clean_corpus(articles)
    variants = removed[removed["rule"] == "learned:was"]["text"].str.strip()
    assert set(variants) == {"// انتهـــى //", "// إنتهى //"} and len(variants) == 2
    # Ain Al-Youm's dateline "Ain Al-Youm – Riyadh" repeats in 11 of its 26 excerpts, above the learning
    # thresholds, and stays: the guard knows a dateline by its shape
    found = clean.discover(articles).set_index("line")
    dateline = "عين اليوم – الرياض"
    assert found.loc[dateline, "count"] == 11
    assert found.loc[dateline, "rule"] == "" and found.loc[dateline, "guard"] == "dateline_or_byline"
    assert cleaned["text"].str.contains(dateline, regex=False).sum() == 11

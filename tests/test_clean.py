"""Cleaning: boilerplate goes, prose stays, and every cut can be put back."""

import json
import re
import subprocess
import sys
from itertools import pairwise

import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from arnews import clean, corpus, textsearch
from arnews.errors import InputError

#: Raw line numbers (1-based) of the boilerplate in each seed article, read off the files by hand.
BOILERPLATE_LINES = {
    "001_f6edb634fef66647": {1, 3, 5, 13, 15, 23, 25, 33, 35, 49, 51},  # title ×2, ads, captions, credits, source
    "002_3ebd69e2e99d9110": {1, *range(6, 19)},  # title, "اقرأ أيضاً" + 12 related headlines
    "003_88f50d0ee01a588f": {10},  # comment widget
    "004_3afad984cf2ba5e7": {1, 32, 34},  # YouTube promo, "الأكثر قراءة" + sidebar headline
}

#: Boilerplate strings that must not survive anywhere in the clean seed texts.
GONE = [
    "[ad_1]", "[ad_2]",
    "اقرأ أيضاً",  # read also
    "- بوتين يصل إلى بيونج يانج فى زيارة رسمية لكوريا الشمالية",  # a related headline
    "- بايدن يشن هجوما لاذعا على ترامب",  # the last related headline
    "في هذه الصورة التي وزعتها",  # in this photo distributed by
    "غيتي إيماجز",  # Getty Images
    "وكالة الصحافة الفرنسية عبر",  # AFP via
    "مساهم / غيتي إيماجز",  # Contributor / Getty Images
    "(تصوير المساهم",  # (Photo by Contributor
    "تم أضافة تعليقك",  # your comment was added
    "اشترك مجانا بقناة الديار على يوتيوب",  # subscribe to Al-Diyar on YouTube
    "الأكثر قراءة",  # most read
    "صرخة معلولا",  # the cry of Maaloula (sidebar headline)
]

#: Prose that must survive: a sentence, the subheadings, a dateline, a byline.
KEPT = {
    "000_2f3a022fdb695d49": [
        # Putin said Russia will always support North Korea in defending its sovereignty.
        "وقال بوتين إن روسيا ستدعم دائما كوريا الشمالية في دفاعها عن سيادتها.",
        "محاربة الإمبريالية",  # subheading: fighting imperialism
        "قلق أميركي",  # subheading: American concern
        # last paragraph: Ukraine's Western allies accuse North Korea of supplying Russia with weapons
        "ويتهم حلفاء أوكرانيا الغربيون كوريا الشمالية بتزويد روسيا بالأسلحة والذخيرة.",
    ],
    "001_f6edb634fef66647": [
        "لندن – وقع الرئيس الروسي فلاديمير بوتين",  # dateline London
        # byline: Natalia Shumskaya and Joe Simonetti of ABC News contributed to this report.
        "ساهمت ناتاليا شومسكايا وجو سيمونيتي من ABC News في إعداد هذا التقرير.",
    ],
}


@pytest.fixture(scope="module")
def seeds(raw_dir):
    return corpus.load(raw_dir)


@pytest.fixture(scope="module")
def cleaned(seeds):
    return {r.doc_id: clean.clean_text(r.text, r.title) for r in seeds.itertuples()}


def test_no_listed_boilerplate_survives(cleaned):
    for doc_id, result in cleaned.items():
        for text in GONE:
            assert text not in result.text, f"{doc_id}: {text!r} survived"
    source = cleaned["001_f6edb634fef66647"].text
    assert not source.rstrip().endswith("المصدر"), "the trailing 'source' label survived"
    assert "تعززان الشراكة" not in source.split("\n")[0], "the repeated title survived at the top"


def test_every_prose_line_and_sentence_survives(seeds, cleaned):
    for row in seeds.itertuples():
        clean_lines = set(cleaned[row.doc_id].text.split("\n"))
        skip = BOILERPLATE_LINES.get(row.doc_id, set())
        for number, line in enumerate(row.text.split("\n"), start=1):
            if line.strip() and number not in skip:
                assert line in clean_lines, f"{row.doc_id} line {number} lost: {line[:60]!r}"
        for text in KEPT.get(row.doc_id, []):
            assert text in cleaned[row.doc_id].text


def test_the_removed_title_is_kept_in_the_title_column(seeds, cleaned):
    titled = seeds.set_index("doc_id")
    for doc_id in ("001_f6edb634fef66647", "002_3ebd69e2e99d9110"):
        spans = [s for s in cleaned[doc_id].spans if s.rule == "repeated_title"]
        assert spans and spans[0].start == 0
        assert titled.loc[doc_id, "title"].replace('"', "") in spans[0].text.replace('"', "")


def test_spans_put_back_give_the_raw_text_exactly(seeds, cleaned):
    for row in seeds.itertuples():
        result = cleaned[row.doc_id]
        assert clean.restore(result.text, result.spans) == row.text
        assert clean.cut(row.text, result.spans) == result.text
        for span in result.spans:
            assert row.text[span.start:span.end] == span.text


def test_removed_lines_leave_no_blank_runs(cleaned):
    for doc_id, result in cleaned.items():
        assert "\n\n\n" not in result.text, doc_id
        assert result.text == result.text.lstrip(), f"{doc_id} starts with blank lines"
    assert cleaned["001_f6edb634fef66647"].text.startswith("لندن –")
    assert cleaned["004_3afad984cf2ba5e7"].text.endswith("والنقل والزراعة.")


def test_clean_corpus_keeps_columns_and_reports_spans(seeds):
    clean_articles, removed = clean.clean_corpus(seeds)
    assert list(clean_articles.columns) == list(seeds.columns)
    assert list(removed.columns) == clean.REMOVED_COLUMNS
    assert set(removed["doc_id"]) == set(BOILERPLATE_LINES)  # article 000 has no boilerplate
    restored = clean.restore_corpus(clean_articles, removed)
    assert restored.tolist() == seeds["text"].tolist()
    nothing, none_removed = clean.clean_corpus(seeds[seeds["doc_id"] == "000_2f3a022fdb695d49"])
    assert none_removed.empty and list(none_removed.columns) == clean.REMOVED_COLUMNS
    assert nothing["text"].tolist() == seeds["text"].iloc[:1].tolist()


# --- the rules file -------------------------------------------------------------------------


def _rules():
    return clean.default_rules().rules


@pytest.mark.parametrize("rule", _rules(), ids=lambda r: r.name)
def test_every_rule_is_documented_and_its_example_matches(rule):
    assert rule.description and rule.example and rule.gloss and rule.seen_in
    if rule.kind == "title":
        rules = clean.default_rules()
        assert rules.fold(rule.example) == rules.fold(rule.example_item) != ""
    elif rule.kind in ("line", "block"):
        assert re.fullmatch(rule.pattern, rule.example), rule.example
    else:
        assert re.search(rule.pattern, rule.example), rule.example
    if rule.kind == "block":
        assert re.fullmatch(rule.items, rule.example_item)


@pytest.mark.parametrize("rule", _rules(), ids=lambda r: r.name)
def test_every_rule_removes_its_example_from_an_article(rule):
    prose = "وقال بوتين إن روسيا ستدعم دائما كوريا الشمالية في دفاعها عن سيادتها."
    if rule.kind == "title":
        raw = f"{rule.example_item}\n\n{rule.example}\n\n{prose}"
        result = clean.clean_text(raw, title=rule.example_item)
    else:
        block = f"{rule.example}\n{rule.example_item}" if rule.kind == "block" else rule.example
        raw = f"{prose}\n\n{block}\n\n{prose}" if rule.kind != "trailer" else f"{prose}\n\n{block}"
        result = clean.clean_text(raw)
    expected = prose if rule.kind in ("title", "trailer") else f"{prose}\n\n{prose}"
    assert result.text == expected
    assert {s.rule for s in result.spans} == {rule.name}


def test_text_rules_start_with_a_literal_so_the_scan_stays_fast():
    from re import _parser

    for rule in _rules():
        if rule.kind not in clean.TEXT_KINDS:
            continue
        first = _parser.parse(rule.pattern)[0]
        branches = first[1][1] if first[0] is _parser.BRANCH else [[first]]
        for branch in branches:
            assert list(branch)[0][0] is _parser.LITERAL, f"{rule.name}: starts with {list(branch)[0][0]}"


def test_bad_rules_files_are_one_clear_error(tmp_path):
    bad_yaml = tmp_path / "bad.yaml"
    bad_yaml.write_text("rules: [name: x\n", encoding="utf-8")
    bad_regex = tmp_path / "regex.yaml"
    bad_regex.write_text(yaml.safe_dump({"rules": [{"name": "x", "kind": "line", "pattern": "(["}]}))
    bad_kind = tmp_path / "kind.yaml"
    bad_kind.write_text(yaml.safe_dump({"rules": [{"name": "x", "kind": "paragraph", "pattern": "a"}]}))
    for path, reason in [(bad_yaml, "YAML"), (bad_regex, "bad pattern"), (bad_kind, "kind")]:
        with pytest.raises(InputError, match=reason) as info:
            clean.load_rules(path)
        assert str(path) in str(info.value)


# --- lossless on any text (property test) --------------------------------------------------------

PROSE = [
    "أجرى الرئيس الروسي فلاديمير بوتين، اليوم الأربعاء، مباحثات مع الزعيم الكوري الشمالي كيم جونغ أون.",
    "وقال بوتين إن روسيا ستدعم دائما كوريا الشمالية في دفاعها عن سيادتها.",
    "أما كيم فقال إن العلاقات بين البلدين تدخل عصرا جديدا من الازدهار.",
    "ويتهم حلفاء أوكرانيا الغربيون كوريا الشمالية بتزويد روسيا بالأسلحة والذخيرة.",
    "وأشار بوتين إلى أن روسيا تكافح سياسة الهيمنة الإمبريالية.",
]
_RULES = {r.name: r for r in _rules()}
BOILER_LINES = [r.example for r in _RULES.values() if r.kind == "line"] + [
    _RULES["ad_marker"].example, _RULES["wire_marker"].example, _RULES["read_more"].example,
    _RULES["next_previous"].example, _RULES["photo_credit"].example,
    f"{_RULES['related_links'].example}\n{_RULES['related_links'].example_item}",
    f"{_RULES['most_read'].example}\n{_RULES['most_read'].example_item}",
]
MID_LINE = [_RULES[n].example for n in ("ad_marker", "wire_marker", "next_previous", "email_protected",
                                        "html_tag", "html_entity", "html_comment", "photo_credit")]
TRAILERS = [_RULES[n].example for n in ("sms_contact", "story_link")]

prose_line = st.sampled_from(PROSE)
inline_line = st.tuples(st.sampled_from(PROSE), st.sampled_from(MID_LINE), st.integers(1, 8)).map(
    lambda t: " ".join(t[0].split()[: t[2]] + [t[1]] + t[0].split()[t[2]:]))
element = st.one_of(
    prose_line.map(lambda s: ("prose", s)),
    inline_line.map(lambda s: ("inline", s)),
    st.sampled_from(BOILER_LINES).map(lambda s: ("boiler", s)),
)
article = st.tuples(
    st.lists(st.tuples(element, st.sampled_from(["\n", "\n\n", "\n \n", "\n\xa0\n"])), min_size=1, max_size=12),
    st.one_of(st.none(), st.sampled_from(TRAILERS)),
)


def _compose(parts, trailer):
    text = "".join(s + sep for (_, s), sep in parts).rstrip("\n")
    return text + ("\n\n" + trailer if trailer else "")


@settings(max_examples=300, deadline=None)
@given(article)
def test_cutting_spans_is_lossless_on_random_articles(generated):
    parts, trailer = generated
    raw = _compose(parts, trailer)
    result = clean.clean_text(raw)
    assert clean.cut(raw, result.spans) == result.text
    assert clean.restore(result.text, result.spans) == raw
    assert all(raw[s.start:s.end] == s.text and s.start < s.end for s in result.spans)
    assert all(a.end <= b.start for a, b in pairwise(result.spans))
    clean_lines = set(result.text.split("\n"))
    for kind, line in (p[0] for p in parts):
        if kind == "prose":
            assert line in clean_lines
        elif kind == "inline":
            assert not any(m in result.text for m in MID_LINE)
        else:
            assert not any(piece in clean_lines for piece in line.split("\n"))
    if trailer:
        assert trailer not in result.text
    assert "  " not in result.text and "\n\n\n" not in result.text


# --- discovery ---------------------------------------------------------------------------------


def _synthetic_outlet(line_for, n=12, outlet="was"):
    rows = [{"doc_id": f"{outlet}-{i:02d}", "outlet": outlet, "title": "",
             "text": f"{PROSE[i % len(PROSE)]}\n{line_for(i)}\n{PROSE[(i + 1) % len(PROSE)]}"} for i in range(n)]
    return pd.DataFrame(rows)


def test_discovery_finds_a_line_one_outlet_repeats_and_it_can_become_a_rule():
    copyright_line = "جميع الحقوق محفوظة لصحيفة المثال"  # All rights reserved to Al-Mithal newspaper
    articles = pd.concat([
        _synthetic_outlet(lambda i: copyright_line),
        # SPA dateline with changing dates: one candidate, numbers masked
        _synthetic_outlet(lambda i: f"الرياض {i + 10} شوال 1436 هـ الموافق {i + 1} أغسطس 2015 م واس", outlet="spa"),
        _synthetic_outlet(lambda i: "// انتهى //", n=11, outlet="spa2"),  # end-of-item marker, has a rule
        _synthetic_outlet(lambda i: "نص فريد رقم " + "أبجد"[i % 4] * (i + 1), outlet="other"),
    ], ignore_index=True)
    found = clean.discover(articles, min_count=10).set_index("line")
    assert found.loc[copyright_line, "count"] == 12
    assert found.loc[copyright_line, "outlets"] == "was: 12"
    assert found.loc[copyright_line, "example_doc"] == "was-00"
    assert found.loc[copyright_line, "rule"] == ""
    assert found.loc["// انتهى //", "rule"] == "wire_marker"
    assert any(line.startswith("الرياض 10 شوال") for line in found.index)
    assert not any(line.startswith("نص فريد") for line in found.index)
    assert not set(PROSE) & set(found.index) or found.loc[list(set(PROSE) & set(found.index)), "count"].min() >= 10

    entry = clean.candidate_rule(copyright_line, "copyright_notice", "Copyright line of one outlet.")
    assert yaml.safe_load(clean.rules_yaml([entry]))[0]["pattern"] == entry["pattern"]
    rules = clean.with_rules(clean.default_rules(), [entry])
    result = clean.clean_text(articles.loc[0, "text"], rules=rules)
    assert copyright_line not in result.text and result.spans[0].rule == "copyright_notice"


def test_discovery_of_a_corpus_without_repeats_is_empty(seeds):
    found = clean.discover(seeds, min_count=2)
    assert found.empty and list(found.columns) == clean.CANDIDATE_COLUMNS


# --- command line ----------------------------------------------------------------------------


def arnews(*args):
    return subprocess.run([sys.executable, "-m", "arnews", *args], capture_output=True, text=True)


def test_cli_writes_clean_articles_and_removed_spans(raw_dir, tmp_path, seeds, cleaned):
    out = tmp_path / "out"
    result = arnews("clean", "--corpus", str(raw_dir), "--out", str(out), "--discover", str(out / "cand.csv"))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["doc_id"] for r in records] == seeds["doc_id"].tolist()
    assert set(records[0]) == {"doc_id", "title", "outlet", "published", "text"}
    assert records[4]["outlet"] == "الديار" and records[4]["published"] == "2024-06-19"
    assert [r["text"] for r in records] == [cleaned[r["doc_id"]].text for r in records]
    removed = pd.read_csv(out / "removed.csv", keep_default_na=False)
    assert list(removed.columns) == clean.REMOVED_COLUMNS
    raw = seeds.set_index("doc_id")["text"]
    assert all(raw[r.doc_id][r.start:r.end] == r.text for r in removed.itertuples())
    assert (out / "cand.csv").read_text(encoding="utf-8").startswith("line,count,outlets,example_doc,rule")
    first = (out / "articles.jsonl").read_bytes(), (out / "removed.csv").read_bytes()
    assert arnews("clean", "--corpus", str(raw_dir), "--out", str(out)).returncode == 0
    assert ((out / "articles.jsonl").read_bytes(), (out / "removed.csv").read_bytes()) == first


def _json_corpus(folder, files=4, per_file=30):
    folder.mkdir()
    for f in range(files):
        records = [{"id": f"f{f}-{i:03d}", "source": "was", "date_extracted": f"2015-07-2{f} 10:00:00",
                    "title": f"خبر {i}",  # news item i; the numbers keep every text distinct (no duplicates)
                    "content": f"الخبر {f}-{i}: {PROSE[i % 5]}\n{'// انتهى //' if i % 3 else ''}"}
                   for i in range(per_file)]
        (folder / f"day{f}.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return folder


def test_outputs_are_identical_whatever_the_number_of_processes(tmp_path, monkeypatch):
    articles = corpus.load(_json_corpus(tmp_path / "corpus"))
    monkeypatch.setattr(clean, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(clean, "CHUNK_ARTICLES", 25)  # 5 chunks
    outputs = []
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        removed = clean.write_clean(articles, out, jobs=jobs, progress=False)
        assert len(removed) == 80
        outputs.append(((out / "articles.jsonl").read_bytes(), (out / "removed.csv").read_bytes()))
    assert outputs[0] == outputs[1]
    records = [json.loads(line) for line in outputs[0][0].decode().splitlines()]
    assert len(records) == 120 and records[0]["published"] == "2015-07-20T10:00:00"
    assert [r["doc_id"] for r in records] == articles["doc_id"].tolist()
    parallel, spans = clean.clean_corpus(articles, jobs=2)
    serial, serial_spans = clean.clean_corpus(articles)
    assert parallel["text"].tolist() == serial["text"].tolist() and spans.equals(serial_spans)


def test_unreadable_files_are_skipped_with_a_message_or_stop_a_strict_run(tmp_path, raw_dir):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_bytes((raw_dir / "003_88f50d0ee01a588f.txt").read_bytes())
    (folder / "broken.json").write_text('[{"content": "نص', encoding="utf-8")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\xff" * 8)  # not text
    out = tmp_path / "out"
    result = arnews("clean", "--corpus", str(folder), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "broken.json" in result.stderr and "image.txt" in result.stderr
    assert "Traceback" not in result.stderr
    assert len((out / "articles.jsonl").read_text(encoding="utf-8").splitlines()) == 1
    strict = arnews("clean", "--corpus", str(folder), "--out", str(tmp_path / "strict"), "--strict")
    assert strict.returncode != 0
    assert len(strict.stderr.strip().splitlines()) == 1 and "Traceback" not in strict.stderr
    assert not (tmp_path / "strict" / "articles.jsonl").exists()


# --- the real corpus ---------------------------------------------------------------------------


def test_saudinewsnet_day_loses_its_wire_boilerplate_and_nothing_else(saudinewsnet):
    articles = corpus.load(saudinewsnet / "2015-08-11.zip")  # a day that carries all five
    clean_articles, removed = clean.clean_corpus(articles)
    assert clean.restore_corpus(clean_articles, removed).tolist() == articles["text"].tolist()
    text = "\n".join(clean_articles["text"])
    for marker in ("// انتهى //", "Next Previous", "...المزيد", "للتواصل مع الكاتب ارسل رسالة SMS",
                   "رابط الخبر بصحيفة الوئام"):
        assert marker in "\n".join(articles["text"]), marker
        assert marker not in text, marker
    assert removed["text"].str.len().sum() < 0.01 * articles["text"].str.len().sum()


def test_the_before_after_view_escapes_article_text():
    raw = 'وقال بوتين <script>alert("x")</script> إن روسيا ستدعم كوريا.\n[ad_1]'  # Putin said Russia will support Korea
    result = clean.clean_text(raw)
    shown = clean.marked_html(raw, result.spans)
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    assert '<del style="color:#b03a2e" title="ad_marker">[ad_1]</del>' in shown
    assert "Nothing removed" in clean.describe_removed(pd.DataFrame({"text": ["نص"]}), clean.removed_frame())


def test_discovery_names_the_rule_that_removes_a_line_in_its_article():
    # an SMS-contact footer split over lines: its operator lines are removed by the footer's trailer rule
    footer = "للتواصل مع الكاتب ارسل رسالة SMS\nتبدأ بالرمز (3) ثم مسافة ثم نص الرسالة إلى\n88591 - Stc"
    articles = _synthetic_outlet(lambda i: footer, outlet="almadina")
    found = clean.discover(articles, min_count=10).set_index("line")
    assert found.loc["88591 - Stc", "rule"] == "sms_contact"
    assert found.loc["للتواصل مع الكاتب ارسل رسالة SMS", "count"] == 12


def test_tables_for_the_notebook_count_what_went(seeds):
    clean_articles, removed = clean.clean_corpus(seeds)
    words = clean.word_counts(seeds, clean_articles).set_index("doc_id")
    assert words.loc["000_2f3a022fdb695d49", "words_removed"] == 0
    # the comment widget "تم أضافة تعليقك سوف يظهر بعد المراجعة" is seven words
    assert words.loc["003_88f50d0ee01a588f", "words_removed"] == 7
    by_rule = clean.removed_by_rule(removed).set_index("rule")
    assert by_rule.loc["ad_marker"].tolist() == [2, 1, len("[ad_1]\n\n") + len("\n\n[ad_2]")]
    assert by_rule["chars"].is_monotonic_decreasing
    assert clean.showcase_doc(seeds, removed) == "001_f6edb634fef66647"  # the most distinct rules


def test_a_researchers_own_rules_file_replaces_the_default(tmp_path, raw_dir):
    entry = clean.candidate_rule("جميع الحقوق محفوظة لصحيفة المثال 2024", "copyright_notice",
                                 "Copyright line (All rights reserved to Al-Mithal newspaper 2024).")
    rules_file = tmp_path / "rules.yaml"
    rules_file.write_text("rules:\n" + clean.rules_yaml([entry]), encoding="utf-8")  # as pasted by hand
    rules = clean.load_rules(rules_file)
    raw = "[ad_1]\nوقال بوتين إن روسيا ستدعم كوريا.\nجميع الحقوق محفوظة لصحيفة المثال 2025"  # another year
    result = clean.clean_text(raw, rules=rules)
    assert result.text == "[ad_1]\nوقال بوتين إن روسيا ستدعم كوريا."  # only the new rule applies
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    (corpus_dir / "a.txt").write_text(raw, encoding="utf-8")
    out = tmp_path / "out"
    assert arnews("clean", "--corpus", str(corpus_dir), "--out", str(out), "--rules", str(rules_file)).returncode == 0
    assert pd.read_csv(out / "removed.csv")["rule"].tolist() == ["copyright_notice"]
    duplicate = tmp_path / "dup.yaml"
    duplicate.write_text(yaml.safe_dump({"rules": [entry, entry]}, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError, match="duplicate rule names"):
        clean.load_rules(duplicate)


def test_the_inline_rules_are_looked_for_at_their_literal_prefixes():
    prefixes = clean.default_rules().text_prefixes
    # للتواصل (to contact [the writer], send an SMS) and رابط (link [to the story]) start the two trailers
    assert {"[ad_", "للتواصل", "رابط", "Next", "Previous", "<", "&"} <= set(prefixes)
    assert clean._match_prefixes([r"للتواصل(?:\s+مع\s+الكاتب)?\s+[أا]رسل"]) == ("للتواصل",)
    assert clean._match_prefixes([r"(?:انتهى|يتبع)//"]) == ("انتهى//", "يتبع//")  # it ended / to be continued
    assert clean._match_prefixes([r"\s*اقرأ أيضا"]) is None  # may start with anything: no prefixes
    assert clean._match_prefixes([r"(?i)next"]) is None


def test_cleaning_at_the_prefixes_equals_cleaning_everywhere(saudinewsnet):
    # one day of SaudiNewsNet: 1,349 articles with ad markers, contact trailers and story links
    articles = corpus.load_source(saudinewsnet / "2015-07-23.zip")
    rules = clean.default_rules()
    candidates = rules.candidate_positions(articles["text"].tolist())
    assert candidates is not None and sum(map(len, candidates)) > 1000
    for text, title, positions in zip(articles["text"], articles["title"], candidates, strict=True):
        assert clean.clean_text(text, title, rules, positions) == clean.clean_text(text, title, rules)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(["[ad_1]", "للتواصل أرسل SMS", "رابط الخبر بصحيفة عكاظ:", "&amp;", "<b>", "(",
                                 "Next Previous", "\n", " ", "زار بوتين بيونغ يانغ", "ص", "ل"]), max_size=12))
def test_prefix_positions_find_every_match_start(pieces):
    # Putin visited Pyongyang, among boilerplate pieces: the candidates hold every start of a match
    text = "".join(pieces)
    rules = clean.default_rules()
    [positions] = textsearch.prefix_positions([text], rules.text_prefixes)
    assert positions == sorted(positions)
    assert list(rules.text_matches(text, positions)) == list(rules.text_matches(text))


def test_clean_texts_gives_the_text_column_of_clean_corpus(seeds, saudinewsnet):
    day = corpus.load_source(saudinewsnet / "2015-07-23.zip")
    for articles in (seeds, day):
        expected = clean.clean_corpus(articles)[0]["text"].tolist()
        assert clean.clean_texts(articles["text"].tolist(), articles["title"].tolist()) == expected
    assert clean.clean_texts(["[ad_1]\nزار بوتين بيونغ يانغ"]) == ["زار بوتين بيونغ يانغ"]  # Putin visited Pyongyang

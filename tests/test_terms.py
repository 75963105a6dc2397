"""Terms: tokens, clitics validated by a word list, entities across spellings, stopwords, statistics, CLI."""

import re
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from arnews import clean, corpus, normalize, terms


@pytest.fixture(scope="module")
def seeds(raw_dir):
    return clean.clean_corpus(corpus.load(raw_dir))[0]


@pytest.fixture(scope="module")
def seed_analysis(seeds):
    return terms.analyse(seeds)


@pytest.fixture(scope="module")
def seed_table(raw_dir):
    return terms.count_terms(raw_dir, jobs=1).table


def test_token_kinds_and_punctuation():
    text = "وقال بوتين، في 19 يونيو 2024: «نقدر دعمكم» (ABC News)."
    tokens = terms.tokenize(text)
    assert tokens == ["وقال", "بوتين", "في", "19", "يونيو", "2024", "نقدر", "دعمكم", "ABC", "News"]
    assert [terms.token_kind(t) for t in ("بوتين", "2024", "٢٠٠٠", "ABC")] == ["arabic", "number", "number", "latin"]


def test_numbers_and_latin_are_separate_from_arabic():
    # "2000م" (2000 AD) and an outlet name glued to Arabic are split into their kinds
    assert terms.tokenize("عام 2000م عبرCNN") == ["عام", "2000", "م", "عبر", "CNN"]


def test_diacritics_stay_inside_the_word():
    assert terms.tokenize("تقدّر موسكو دعمَها") == ["تقدّر", "موسكو", "دعمَها"]
    assert terms.tokenize("تقدّر كوريا الشماليةُ") == ["تقدّر", "كوريا الشماليةُ"]  # an entity, with tashkeel


def test_multiword_entities_are_one_token_with_or_without_clitic():
    text = "أن موسكو وبيونغ يانغ أحرزتا تقدما، ووعد لكيم جونغ أون في بيونج يانج."
    assert terms.tokenize(text) == ["أن", "موسكو", "وبيونغ يانغ", "أحرزتا", "تقدما", "ووعد", "لكيم جونغ أون",
                                    "في", "بيونج يانج"]


def test_entity_words_separated_by_punctuation_or_a_line_break_stay_apart():
    assert terms.tokenize("زار بيونغ، يانغ") == ["زار", "بيونغ", "يانغ"]
    assert terms.tokenize("كيم\nجونغ أون") == ["كيم", "جونغ أون"]


def test_token_spans_cover_the_tokens():
    text = "وأكد الرئيس الروسي فلاديمير بوتين للزعيم الكوري الشمالي كيم جونغ أون “تقديره”."
    spans = terms._token_spans(text)
    assert [" ".join(text[s:e].split()) for s, e in spans] == terms.tokenize(text)


def _term(term_map, word):
    return term_map.term(normalize.analysis(word))


def test_putin_with_clitics_is_one_term(seed_analysis):
    term_map = seed_analysis.term_map
    assert "بوتين" in terms.strip_candidates("وبوتين") and "بوتين" in terms.strip_candidates("لبوتين")
    keys = {_term(term_map, w) for w in ("بوتين", "وبوتين", "لبوتين", "فلاديمير بوتين")}
    assert len(keys) == 1
    assert term_map.label(keys.pop()) == "فلاديمير بوتين"


def test_clitics_stripped_when_the_stem_is_attested(seed_analysis):
    term_map = seed_analysis.term_map
    # the weapons: الأسلحة, بالأسلحة, أسلحة (all in the seeds) count as one term
    keys = {_term(term_map, w) for w in ("الأسلحة", "بالأسلحة", "أسلحة")}
    assert len(keys) == 1 and None not in keys


def test_words_that_merely_begin_with_clitic_letters_are_kept():
    # ولاية (state) is far more frequent than آية (verse); والد (father) has no attested stem "الد";
    # بيونغ (Pyong-) must not become "يونغ" even when يونغ is attested (تشو يونغ وون).
    term_map = terms.TermMap({"ولاية": 40, "اية": 2, "والد": 3, "بيونغ": 1, "يونغ": 3, "وزير": 9, "زير": 1})
    assert _term(term_map, "ولاية") == "ولاية"
    assert _term(term_map, "والد") == "والد"
    assert _term(term_map, "بيونغ") == "بيونغ"
    assert _term(term_map, "وزير") == "وزير"


def test_a_stem_needs_the_word_list():
    # "وتين" is not in the vocabulary, so "بوتين" is never read as ب + وتين
    term_map = terms.TermMap({"الرئيس": 5, "رئيس": 3, "والرئيس": 1, "ورئيس": 1, "الرياض": 80, "رياض": 2})
    assert _term(term_map, "والرئيس") == _term(term_map, "ورئيس") == _term(term_map, "الرئيس") == "رئيس"
    # الرياض (Riyadh) is 40× more frequent than رياض (gardens): a word of its own
    assert _term(term_map, "الرياض") == "الرياض"
    assert terms.TermMap({"بوتين": 3}).term("بوتين") is not None


def test_stopwords_with_clitics_are_dropped():
    term_map = terms.TermMap({"قال": 5, "وقال": 5, "واكد": 2, "اكد": 1, "الاربعاء": 3, "اليوم": 4, "والتي": 2})
    for word in ("قال", "وقال", "وأكد", "الأربعاء", "اليوم", "والتي"):
        assert _term(term_map, word) is None, word


def test_entities_merge_spellings_and_leave_no_stray_half(seed_table):
    terms_ = set(seed_table["term"])
    for half in ("يانغ", "يانج", "جونغ", "جونج", "أون", "اون", "بيونغ", "بيونج", "شويجو", "سيرجي", "بيلاوسوف"):
        assert half not in terms_, half
    for name in ("بيونغ يانغ", "كيم جونغ أون", "سيرغي شويغو", "أندريه بيلوسوف", "سيرغي لافروف", "فلاديمير بوتين",
                 "كيم إيل سونغ", "فوستوشني", "إنترفاكس"):
        assert name in terms_, name


def test_pyongyang_is_one_term_counted_across_both_spellings(seeds, seed_table):
    # count every spelling in the clean text independently of the tokenizer: غ and ج transliterations
    spelling = re.compile(r"(?<![\u0621-\u064a])[وفبكل]?بيون[غج] يان[غج](?![\u0621-\u064a])")
    expected = sum(len(spelling.findall(text)) for text in seeds["text"])
    assert expected > 20
    assert sum(len(re.findall("بيونج يانج", t)) for t in seeds["text"]) >= 4  # both spellings are present
    row = seed_table.set_index("term").loc["بيونغ يانغ"]
    assert row["count"] == expected
    assert row["docs"] == sum(bool(spelling.search(t)) for t in seeds["text"])


def test_no_stopword_in_the_top_50(seed_table):
    from arabicstopwords.arabicstopwords import is_stop

    project = {normalize.analysis(r["word"]) for r in terms.lexicons.read_csv("stopwords_news.csv")}
    for label in seed_table["term"].head(50):
        form = normalize.analysis(label)
        assert not is_stop(label) and form not in project, label
        assert not any(s in project for s in terms.strip_candidates(form)), label


def _clean_has_landed(seeds) -> bool:
    return not any("اقرأ أيضاً" in t for t in seeds["text"])


def test_words_only_in_boilerplate_are_not_counted(seeds, seed_table):
    if not _clean_has_landed(seeds):
        pytest.skip("needs arnews.clean (issue 4): the 'اقرأ أيضاً' related-links block of article 002 is still "
                    "in the clean text, so بايدن/البحرين from it are counted")
    terms_ = {normalize.analysis(t) for t in seed_table["term"]}
    for word in ("بايدن", "البحرين", "بحرين", "ترامب", "نورماندي"):
        assert normalize.analysis(word) not in terms_, word


def test_counts_and_docs_agree_between_cli_and_analysis(seed_analysis, seed_table):
    table = terms.term_table(seed_analysis)
    assert table.head(40).to_dict("records") == seed_table.head(40).to_dict("records")
    assert (seed_table["docs"] <= 5).all() and (seed_table["docs"] >= 1).all()
    assert (seed_table["count"] >= seed_table["docs"]).all()


def test_log_odds_on_two_outlets():
    # outlet a writes about imperialism, outlet b about aggression; "بوتين" is shared evenly
    a = {"الإمبريالية": 30, "بوتين": 20, "العدوان": 2}
    b = {"الإمبريالية": 2, "بوتين": 20, "العدوان": 30}
    prior = {t: a.get(t, 0) + b.get(t, 0) for t in set(a) | set(b)}
    table = terms.log_odds(a, b, prior).set_index("term")
    assert table.loc["الإمبريالية", "z"] > 2 and table.loc["العدوان", "z"] < -2
    assert abs(table.loc["بوتين", "z"]) < 0.5
    # the formula, by hand, for one term: α = 32, α0 = 104, n_a = n_b = 52
    import math

    delta = math.log((30 + 32) / (52 + 104 - 30 - 32)) - math.log((2 + 32) / (52 + 104 - 2 - 32))
    assert table.loc["الإمبريالية", "delta"] == pytest.approx(delta)
    assert table.loc["الإمبريالية", "z"] == pytest.approx(delta / math.sqrt(1 / 62 + 1 / 34))


def test_distinctive_terms_by_article_when_outlets_are_unknown(seed_analysis):
    table = terms.distinctive_terms(seed_analysis, top=3)
    assert set(table["group"]) <= set(seed_analysis.doc_ids) and len(table) > 0
    # article 004 (Al-Diyar) lists the delegations: its distinctive terms come from that list
    assert (table["z"] > 0).all()


def test_collocations_find_multiword_phrases(seed_analysis):
    table = terms.collocations(seed_analysis, min_count=3)
    pairs = set(zip(table["first"], table["second"], strict=True))
    assert len(table) > 0 and all(table["count"] >= 3)
    assert any("وسائل" in a and "إعلام" in b for a, b in pairs), pairs  # وسائل الإعلام (the media)


def test_mention_matrix_counts_entities_per_article(seed_analysis):
    matrix = terms.mention_matrix(seed_analysis, entities=40)
    assert "بيونغ يانغ" in matrix.index and "فلاديمير بوتين" in matrix.index
    assert matrix.loc["بيونغ يانغ"].sum() > 20
    assert matrix.loc["فوستوشني"].astype(bool).sum() == 1  # only the 2023 summit article


def test_kwic_finds_every_spelling_and_clitic(seeds, seed_analysis):
    lines = terms.kwic(seeds, seed_analysis, "الإمبريالية", limit=50)
    assert len(lines) == seed_analysis.counts()[terms._term_label(seed_analysis, "الإمبريالية")]
    assert set(lines["match"]) >= {"الإمبريالية", "والإمبريالية"}
    assert "<" not in terms.kwic_html(lines.assign(left="<script>")).replace("<t", "").replace("</t", "") \
        .replace("<b>", "").replace("</b>", "")


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "arnews", "terms", *args], capture_output=True, text=True)


def test_cli_output_is_identical_across_job_counts(raw_dir, tmp_path):
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"terms_{jobs}.csv"
        result = _cli("--corpus", str(raw_dir), "--out", str(out), "--jobs", jobs)
        assert result.returncode == 0, result.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    lines = outputs[0].decode().splitlines()
    assert lines[0] == "term,count,docs"
    counts = [int(line.rsplit(",", 2)[1]) for line in lines[1:]]
    assert counts == sorted(counts, reverse=True)


def test_cli_top(raw_dir, tmp_path):
    out = tmp_path / "top.csv"
    assert _cli("--corpus", str(raw_dir), "--out", str(out), "--top", "10").returncode == 0
    assert len(out.read_text().splitlines()) == 11


def test_cli_skips_an_unreadable_file_and_strict_stops(raw_dir, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_bytes((raw_dir / "000_2f3a022fdb695d49.txt").read_bytes())
    (folder / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))  # binary
    out = tmp_path / "t.csv"
    result = _cli("--corpus", str(folder), "--out", str(out))
    assert result.returncode == 0 and "broken.txt" in result.stderr
    assert "بيونغ يانغ" in out.read_text()
    strict_out = tmp_path / "s.csv"
    result = _cli("--corpus", str(folder), "--out", str(strict_out), "--strict")
    assert result.returncode != 0 and "broken.txt" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not strict_out.exists()


def test_docs_counts_an_article_once_whatever_the_spellings(tmp_path):
    # one article writes Putin three ways and Pyongyang in both transliterations
    text = "التقى بوتين وبيونغ يانغ. وقال بوتين إن لبوتين دعما في بيونج يانج."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text("زار الرئيس فلاديمير بوتين موسكو.", encoding="utf-8")
    table = terms.count_terms(tmp_path, jobs=2).table.set_index("term")
    assert table.loc["فلاديمير بوتين"].tolist() == [4, 2]
    assert table.loc["بيونغ يانغ"].tolist() == [2, 1]


def test_a_repeated_corpus_is_counted_once_like_load_drops_exact_duplicates(raw_dir):
    once = terms.count_terms(raw_dir, jobs=2)
    twice = terms.count_terms(raw_dir, sources=corpus.sources(raw_dir) * 2, jobs=2)
    pd.testing.assert_frame_equal(twice.table, once.table)
    assert twice.articles == once.articles == 5
    assert [p.kind for p in twice.report.problems].count("duplicate") == 5


def test_a_single_letter_proclitic_needs_a_stem_at_least_as_frequent():
    # بسمة (Basma, a name) is not ب+سمة (with a feature) although سمة is a word; وبسمة (and Basma) is و+بسمة;
    # كأس (cup) never becomes "اس"; ووزير (and the minister) → وزير because وزير is on the word list
    term_map = terms.TermMap({"بسمة": 40, "سمة": 25, "وبسمة": 3, "كاس": 1899, "اس": 300, "ووزير": 5, "وزير": 2})
    assert _term(term_map, "بسمة") == "بسمة"
    assert _term(term_map, "وبسمة") == "بسمة"
    assert _term(term_map, "كأس") == "كاس"
    assert _term(term_map, "ووزير") == "وزير"


def test_the_article_is_never_stripped_twice():
    # الأليم (the painful) is ال+أليم, not ال+ال+يم, even though اليم (the sea) is ال+يم
    term_map = terms.TermMap({"الاليم": 63, "اليم": 30, "يم": 10, "الرئيس": 50, "رئيس": 30, "والرئيس": 4})
    assert _term(term_map, "الأليم") == "اليم"
    assert _term(term_map, "والرئيس") == _term(term_map, "الرئيس") == "رئيس"


def test_a_label_is_the_most_frequent_spelling_and_ties_go_to_the_smaller_string():
    # أسلحة / اسلحة (weapons, with and without hamza) tie: the smaller string wins; إيران (Iran) is written
    # more often than ايران; يانغ (Yang) has one spelling
    surfaces = ["اسلحة", "أسلحة", "ايران", "إيران", "يانغ"]
    counts = np.array([4, 4, 2, 9, 3])
    forms = ["اسلحة", "ايران", "يانغ"]
    term_map = terms.TermMap(forms=forms, totals=np.array([8, 11, 3]))
    chosen = term_map.set_labels(surfaces, np.array([0, 0, 1, 1, 2]), forms, counts, np.ones(3, dtype=bool))
    assert [surfaces[i] for i in chosen] == ["أسلحة", "إيران", "يانغ"]
    assert [term_map.label(f) for f in forms] == ["أسلحة", "إيران", "يانغ"]


@given(st.lists(st.text(alphabet="بوتينكيمأإآ19aB ", max_size=8) | st.text(min_size=65, max_size=70), max_size=30))
def test_alphabetical_order_is_the_order_sorted_gives(words):
    assert terms._alphabetical_order(words).tolist() == sorted(range(len(words)), key=words.__getitem__)

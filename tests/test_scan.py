"""The compiled tokenizer (arnews.scan) against the token grammar it compiles (terms.TOKEN_RE, terms.tokenize)."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from arnews import clean, corpus, scan, terms


def _scanner() -> scan.Scanner:
    return scan.Scanner(*scan.char_tables(terms.ARABIC_LETTERS, terms.ARABIC_MARKS, terms.DIGITS,
                                          terms.LATIN_LETTERS))


def _tokens(scanner: scan.Scanner, texts: list[str]) -> list[list[str]]:
    tokens, _, bounds = scanner.scan(texts)
    return [[scanner.forms[t] for t in tokens[bounds[d]:bounds[d + 1]].tolist()] for d in range(len(texts))]


def _joined(scanner: scan.Scanner, texts: list[str]) -> list[list[str]]:
    """Tokens with multi-word entities joined, as `terms._count_source` counts them."""
    tokens, spaced, bounds = scanner.scan(texts)
    terms._join_entities(scanner, tokens, spaced, terms._EntityStarts())
    return [[scanner.forms[t] for t in tokens[bounds[d]:bounds[d + 1]].tolist() if t >= 0]
            for d in range(len(texts))]


@pytest.fixture(scope="module")
def seed_texts(raw_dir) -> list[str]:
    return clean.clean_corpus(corpus.load(raw_dir))[0]["text"].tolist()


@pytest.fixture(scope="module")
def saudinewsnet_texts(saudinewsnet) -> list[str]:
    """One day of SaudiNewsNet (2015-07-23: 1,349 articles), cleaned."""
    frame = corpus.load_source(Path(saudinewsnet) / "2015-07-23.zip")
    return clean.clean_corpus(frame)[0]["text"].tolist()


@pytest.mark.parametrize("text", [
    "وقال بوتين إن \"موسكو وبيونغ يانغ\" ستعززان التعاون",  # Putin said Moscow and Pyongyang will strengthen …
    "بلغت الصادرات 1,500.25 مليون دولار في ٢٠٢٤م، بزيادة ٣٫٥٪",  # exports reached 1,500.25 million $ in 2024 AD
    "زار كيم جونغ أون (Kim Jong Un) قاعدة فوستوشني...",  # Kim Jong Un visited the Vostochny base
    "مُحَمَّدٌ ـــ رسولُ الله ﷺ",  # diacritics and tatweel inside words, a ligature
    "الرئيس 🇷🇺 بوتين 🤝 كيم",  # emoji (code points above U+FFFF) between words
    "ب1ب1 ..2024. 3.. ,5",  # tokens that touch; separators that do not join digits
    "",
])
def test_scanner_tokens_are_the_token_regex_tokens(text):
    assert _tokens(_scanner(), [text]) == [terms.TOKEN_RE.findall(text)]


def test_scanner_matches_the_regex_on_every_seed_and_saudinewsnet_article(seed_texts, saudinewsnet_texts):
    scanner = _scanner()
    for texts in (seed_texts, saudinewsnet_texts):
        assert _tokens(scanner, texts) == [terms.TOKEN_RE.findall(t) for t in texts]
    assert len(set(scanner.forms)) == len(scanner.forms)  # one id per distinct form


def test_form_ids_stay_the_same_across_batches(seed_texts):
    scanner = _scanner()
    first, _, _ = scanner.scan(seed_texts)
    known = len(scanner.forms)
    again, _, _ = scanner.scan(seed_texts[::-1] + seed_texts)
    assert len(scanner.forms) == known  # nothing new the second time
    lengths = [len(terms.TOKEN_RE.findall(t)) for t in seed_texts]
    assert np.array_equal(again[sum(lengths):], first)


def test_the_hash_table_grows_without_losing_forms(saudinewsnet_texts):
    scanner = _scanner()  # starts with 65,536 rows; one SaudiNewsNet day has more than 32,768 forms
    tokens, _, _ = scanner.scan(saudinewsnet_texts)
    assert len(scanner.index.table) > 1 << 16
    expected = [t for text in saudinewsnet_texts for t in terms.TOKEN_RE.findall(text)]
    assert [scanner.forms[t] for t in tokens.tolist()] == expected


@pytest.mark.parametrize("text, joined", [
    ("وصل بوتين إلى بيونغ يانغ فجر الأربعاء", True),  # Putin arrived in Pyongyang at dawn on Wednesday
    ("وصل بوتين إلى بيونغ  يانغ", True),  # two spaces
    ("وصل بوتين إلى وبيونغ يانغ", True),  # with a clitic
    ("زيارة بيونغ، يانغ", False),  # a comma between the words
    ("زيارة بيونغ\nيانغ", False),  # a line break between the words
])
def test_entity_words_are_joined_as_tokenize_joins_them(text, joined):
    tokens = _joined(_scanner(), [text])[0]
    assert tokens == terms.tokenize(text)
    assert any(" " in t for t in tokens) == joined


def test_joined_entities_match_tokenize_on_real_articles(seed_texts, saudinewsnet_texts):
    texts = seed_texts + saudinewsnet_texts
    assert _joined(_scanner(), texts) == [terms.tokenize(t) for t in texts]


def test_count_per_article_counts_each_form_and_its_articles():
    # "Putin met Kim; Putin said …" / "Kim"
    scanner = _scanner()
    tokens, _, bounds = scanner.scan(["التقى بوتين كيم وقال بوتين", "كيم"])
    forms, occurrences, article_bounds = scan.count_per_article(tokens, bounds, len(scanner.forms))
    per_article = [dict(zip([scanner.forms[f] for f in forms[a:b]], occurrences[a:b].tolist(), strict=True))
                   for a, b in zip(article_bounds[:-1], article_bounds[1:], strict=True)]
    assert per_article == [{"التقى": 1, "بوتين": 2, "كيم": 1, "وقال": 1}, {"كيم": 1}]


def _resolved_both_ways(counts: dict[str, int]) -> tuple[list, list]:
    """(compiled `resolve_all`, `term` one form at a time) on fresh term maps of the same counts."""
    one_by_one = terms.TermMap(counts)
    return terms.TermMap(counts).resolve_all(), [one_by_one.term(f) for f in counts]


def _vocabulary(texts: list[str]) -> dict[str, int]:
    """Normalized form → occurrences, as `terms.analyse` counts them."""
    counts: dict[str, int] = {}
    for text in texts:
        for token in terms.tokenize(text):
            form = terms._normalized(token)
            counts[form] = counts.get(form, 0) + 1
    return counts


@pytest.mark.parametrize("counts", [
    # ولاية state, والد father, بيونغ Pyong- are never split; وزير minister is
    {"ولاية": 40, "اية": 2, "والد": 3, "بيونغ": 1, "يونغ": 3, "وزير": 9, "زير": 1},
    # والرئيس and the president; الرياض Riyadh stays apart from رياض gardens
    {"الرئيس": 5, "رئيس": 3, "والرئيس": 1, "ورئيس": 1, "الرياض": 80, "رياض": 2},
    # وقال and he said, والتي and which: stopwords with a clitic
    {"قال": 5, "وقال": 5, "واكد": 2, "اكد": 1, "الاربعاء": 3, "اليوم": 4, "والتي": 2},
    # بسمة Basma is not ب+سمة; الأليم the painful is not ال+ال+يم
    {"بسمة": 40, "سمة": 25, "وبسمة": 3, "كاس": 1899, "اس": 300, "ووزير": 5, "وزير": 2},
    {"الاليم": 63, "اليم": 30, "يم": 10, "الرئيس": 50, "رئيس": 30, "والرئيس": 4},
    # وبوتين and Putin, للزعيم to the leader, ﷺ (NFKC: a formula of four words), و alone, a Latin letter
    {"وبوتين": 2, "بوتين": 9, "للزعيم": 1, "الزعيم": 4, "زعيم": 1, "صلى الله عليه وسلم": 1, "و": 3, "a": 1},
    # وللعالم (and to the world): و+للعالم and ولل+العالم leave stems of one length and one count, so the
    # larger string decides between them
    {"وللعالم": 1, "للعالم": 5, "العالم": 5, "عالم": 2},
])
def test_the_compiled_term_map_decides_as_term_does(counts):
    compiled, one_by_one = _resolved_both_ways(counts)
    assert compiled == one_by_one


def test_the_compiled_term_map_decides_as_term_does_on_real_vocabularies(seed_texts, saudinewsnet_texts):
    for texts in (seed_texts, saudinewsnet_texts):
        counts = _vocabulary(texts)
        compiled, one_by_one = _resolved_both_ways(counts)
        assert compiled == one_by_one
        assert sum(k is not None and k != f for k, f in zip(compiled, counts, strict=True)) > 100  # not trivial


def test_a_resolved_term_map_answers_term_for_every_form(seed_texts):
    counts = _vocabulary(seed_texts)
    term_map = terms.TermMap(counts)
    keys = term_map.resolve_all()
    assert [term_map.term(f) for f in counts] == keys
    assert term_map.term("وبوتين") == term_map.term("بوتين") is not None  # and Putin → Putin


@pytest.mark.slow
def test_streamed_counts_equal_the_in_memory_analysis_on_saudinewsnet(saudinewsnet):
    """The CLI's streamed, compiled count and the notebook's per-article analysis agree on every term."""
    streamed = terms.count_terms(saudinewsnet, jobs=2, progress=False)
    articles = corpus.load(saudinewsnet)
    analysed = terms.term_table(terms.analyse(clean.clean_corpus(articles)[0]))
    assert streamed.articles == len(articles)  # exact duplicates dropped as load drops them
    pd.testing.assert_frame_equal(streamed.table, analysed)
    compiled, one_by_one = _resolved_both_ways(streamed.term_map.counts)  # 263,836 forms
    assert compiled == one_by_one


@given(st.binary(max_size=40).map(lambda b: bytes(b"\\ru0dDx"[c % 7] for c in b)))
def test_json_escape_search_finds_what_a_substring_search_finds(data):
    expected = any(escape in data.decode() for escape in corpus._CONTROL_ESCAPES)
    assert scan.has_json_escapes(np.frombuffer(data, dtype=np.uint8)) == expected


def test_a_large_json_file_with_a_cr_escape_is_repaired(tmp_path):
    # above 1 MB the loader looks for escapes with the compiled search
    filler = [{"id": str(i), "text": "وقال بوتين إن روسيا ستدعم كوريا الشمالية. " * 40} for i in range(400)]
    records = [*filler, {"id": "cr", "text": "زار بوتين\r\nبيونغ يانغ"}]  # Putin visited (CR LF) Pyongyang
    path = tmp_path / "big.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")  # CR LF → the escapes \\r\\n
    assert path.stat().st_size > 1_000_000
    frame = corpus.load(tmp_path)
    assert frame.set_index("doc_id").loc["cr", "text"] == "زار بوتين\nبيونغ يانغ"


def test_count_forms_counts_every_token_but_the_skipped(seed_texts):
    scanner = _scanner()
    tokens, _, bounds = scanner.scan(seed_texts)
    tokens[::7] = -1  # as joined entities leave their later words
    counts = scan.count_forms(tokens, len(scanner.forms))
    assert counts.tolist() == np.bincount(tokens[tokens >= 0], minlength=len(scanner.forms)).tolist()
    forms, occurrences, _ = scan.count_per_article(tokens, bounds, len(scanner.forms))
    assert counts.tolist() == np.bincount(forms, weights=occurrences, minlength=len(scanner.forms)).tolist()

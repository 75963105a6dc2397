"""The term engine's compiled production path against its readable specification, on generated Arabic-like
text (proclitics, entity spellings, name particles, letter names, diacritics, tatweel, digits, Latin) and on
the seed articles: tokens (`kernels.split` + joins vs TOKEN_RE + joins), the term map (`TermMap.resolve_ids`
vs `TermMap.term`), counting (the table vs a Counter over the sequences), phrase merging (`merge_pairs` vs a
greedy loop). No external corpus needed; SaudiNewsNet adds a slow check."""

from collections import Counter

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arnews import arabic, pipeline
from arnews.terms import engine, kernels, lexicon, tokens
from arnews.terms.termmap import TermMap

#: Pieces of Arabic-like text: stems that collide with each other once a proclitic is added, real words, names.
STEMS = ["كتاب", "رئيس", "الرئيس", "نسبة", "كرة", "الكرة", "ولاية", "بيان", "امل", "كامل", "سمة", "بسمة",
         "قال", "هي", "في", "الله", "لديه", "بلدية", "يم", "الاليم", "بوتين", "موسكو", "وزير", "عهد", "العهد",
         "ولي", "مجلس", "الوزراء", "محمد", "سلمان", "نايف", "عبدالعزيز", "العتيبي", "يصل", "فيصل"]
PROCLITICS = ["", "", "", "و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "لل", "ولل"]
ENTITIES = ["بيونغ يانغ", "بيونج يانج", "كيم جونغ أون", "كوريا الشمالية", "فلاديمير بوتين", "تشوي سونغ هي",
            "الولايات المتحدة"]
NAMES = ["محمد بن نايف", "سلمان بن عبدالعزيز آل سعود", "عبد الله", "أبو ظبي", "بن دغر", "آل الشيخ"]
OTHER = ["بي بي سي", "سي إن إن", "سي", "الـ 10%", "٢٠٢٤", "1,500.25", "٣٫٥", "ABC", "News", "ﷺ", "ﻻ", "هـ",
         "مُحَمَّدٌ", "الإمبريـــالية", "تقدّمًا", "إلى", "فى", "ب1ب1", "www.gdp.gov.sa", "http://goo.gl/forms/vEJ",
         "musaned@mol.gov.sa", "U.S.", "Google.", "iOS/Android", "3.5", "moe.gov.sa/بيان"]
SEPARATORS = [" ", " ", " ", "  ", "، ", ". ", "\n", " «", "» ", ": ", "\u200f "]


@st.composite
def arabic_like(draw) -> str:
    pieces = draw(st.lists(st.one_of(
        st.tuples(st.sampled_from(PROCLITICS), st.sampled_from(STEMS)).map("".join),
        st.tuples(st.sampled_from(["", "و", "ل", "ب"]), st.sampled_from(ENTITIES)).map("".join),
        st.sampled_from(NAMES), st.sampled_from(OTHER),
        st.text(alphabet="ابتكلمنوهيةىأإءًٌّـ", min_size=1, max_size=5),
    ), max_size=25))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(pieces), max_size=len(pieces)))
    return "".join(p + s for p, s in zip(pieces, seps, strict=True))


CORPUS = st.lists(arabic_like(), min_size=1, max_size=6)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcZ.@:/-_ 3\nبي\u200f", max_size=40))
def test_the_compiled_address_finder_is_the_specification(text):
    # spans in UTF-8 bytes (the kernel) and in characters (the specification) name the same runs
    data = text.encode("utf-8")
    starts, ends = kernels.web_addresses(np.frombuffer(data, dtype=np.uint8))
    found = [data[a:b].decode("utf-8") for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]
    assert found == [text[a:b] for a, b in tokens.web_address_spans(text)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(arabic_like())
def test_the_compiled_tokenizer_is_the_specification(text):
    assert tokens.tokenize(text) == tokens.reference_tokenize(text)
    spans = tokens.token_spans(text)
    assert [" ".join(text[s:e].split()) for s, e in spans] == [" ".join(t.split()) for t in tokens.tokenize(text)]


def test_no_name_is_joined_across_a_web_address():
    # found by hypothesis: "Mohammed bin Nayef www.gdp.gov.sa bin Daghr" was one name whose span covered the
    # address; the address is no word and breaks the chain, in the kernels as in the specification
    text = "محمد بن نايف www.gdp.gov.sa بن دغر "
    assert tokens.tokenize(text) == tokens.reference_tokenize(text) == ["محمد بن نايف", "بن دغر"]
    assert [text[s:e] for s, e in tokens.token_spans(text)] == ["محمد بن نايف", "بن دغر"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CORPUS)
def test_a_batch_of_texts_tokenizes_as_each_text_alone(texts):
    batch = tokens.scan(texts)
    edges = batch.bounds.tolist()
    as_batch = [[batch.surfaces[i] for i in batch.ids[a:b].tolist()] for a, b in zip(edges, edges[1:], strict=False)]
    assert as_batch == [tokens.reference_tokenize(t) for t in texts]
    assert [batch.forms[i] for i in batch.ids.tolist()] == [f for t in texts for _, f in tokens.reference_tokens(t)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CORPUS)
def test_a_batch_split_apart_from_the_vocabulary_numbers_its_tokens_as_one_scan(texts):
    # the engine's pipeline: a thread splits shards (split_utf8), this one numbers them (scan_split) into one
    # vocabulary; the same surfaces, in the same order, as scanning the texts one shard at a time
    vocabulary = tokens.Vocabulary()
    parts = [tokens.scan_split(tokens.split_utf8(*_utf8([t]), distinct=True), vocabulary) for t in texts]
    assert [[p.surfaces[i] for i in p.ids.tolist()] for p in parts] == [tokens.reference_tokenize(t) for t in texts]
    assert {s for t in texts for s in tokens.reference_tokenize(t)} <= set(vocabulary.surfaces)
    assert len(set(vocabulary.surfaces)) == len(vocabulary.surfaces)  # each surface once, folded once
    assert vocabulary.hashes.shape == (len(vocabulary), 3) and vocabulary.roles.size == len(vocabulary)


def test_gather_decodes_many_tokens_in_one_call():
    # «وقال بوتين» (and Putin said), «موسكو» (Moscow): the bytes of each span, a line break between them
    data = "وقال بوتين إن موسكو".encode()
    codes = np.frombuffer(data, dtype=np.uint8)
    starts, ends = np.array([0, 9, 25]), np.array([8, 19, 35])
    gathered = kernels.gather(codes, starts, ends, 0x0A).tobytes()
    assert gathered == b"\n".join(data[a:b] for a, b in zip(starts, ends, strict=True))
    assert gathered.decode().split("\n") == ["وقال", "بوتين", "موسكو"]
    assert kernels.gather(codes, starts[:0], ends[:0], 0x0A).size == 0


def _utf8(texts: list[str]) -> tuple[bytes, list[int]]:
    encoded = [t.encode("utf-8", "surrogatepass") for t in texts]
    return b"\0".join(encoded), [len(e) for e in encoded]


@pytest.fixture
def no_phrases(monkeypatch):
    """The engine without collocation phrases or given names (they need a corpus: tested apart below)."""
    plain = lexicon.phrase_settings()._replace(rounds=0, given_name_share=2.0)
    monkeypatch.setattr(lexicon, "phrase_settings", lambda: plain)


def _oracle(texts: list[str]) -> tuple[list[list[str | None]], TermMap]:
    """Term sequences by the specification: reference tokens, counts, `TermMap.term` one form at a time,
    and each term's label (an entity's name, else its most frequent surface, ties to the smaller string)."""
    per_text = [tokens.reference_tokens(t) for t in texts]
    counts = Counter(form for toks in per_text for _, form in toks)
    joined = frozenset(form for toks in per_text for surface, form in toks if " " in surface)
    spec = TermMap(dict(counts), joined=joined)
    surfaces = Counter((surface, form) for toks in per_text for surface, form in toks)
    labels: dict[str, str] = {}
    for (surface, form), _ in sorted(surfaces.items(), key=lambda kv: (-kv[1], kv[0][0])):
        if spec.term(form) == form:
            labels.setdefault(form, surface)
    label = lambda key: spec.entity_labels.get(key) or labels.get(key, key)  # noqa: E731
    return [[None if spec.term(f) is None else label(spec.term(f)) for _, f in toks] for toks in per_text], spec


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(CORPUS)
def test_the_engine_gives_the_sequences_of_the_specification(no_phrases, texts):
    frame = pd.DataFrame({"doc_id": [str(i) for i in range(len(texts))], "outlet": "", "text": texts})
    analysis = engine.analyse(frame)
    expected, _ = _oracle(texts)
    assert analysis.sequences == expected
    table = engine.term_table(analysis)
    counted = Counter(t for seq in expected for t in seq if t is not None)
    docs = Counter(t for seq in expected for t in set(seq) if t is not None)
    assert dict(zip(table["term"], table["count"], strict=True)) == dict(counted)
    assert dict(zip(table["term"], table["docs"], strict=True)) == dict(docs)


FORMS = st.tuples(st.sampled_from(PROCLITICS), st.sampled_from([*STEMS, "بيونغ يانغ", "ا", "و", "2024", "a"]))


@settings(max_examples=80, deadline=None)
@given(st.dictionaries(FORMS.map("".join).map(arabic.fold), st.integers(1, 60), max_size=40))
def test_the_compiled_term_map_decides_as_the_specification(counts):
    compiled = TermMap(dict(counts)).resolve_all()
    spec = TermMap(dict(counts))
    assert compiled == [spec.term(f) for f in counts]


def _greedy_merge(terms: list[int], linked: list[bool], pairs: dict[tuple[int, int], tuple[int, float]]) -> list[int]:
    """The specification of `kernels.merge_pairs` on one text: left to right, a chosen adjacent pair becomes
    its phrase unless the pair that starts at its second token is chosen with a higher score."""
    out, t = [], 0
    while t < len(terms):
        pair = pairs.get((terms[t], terms[t + 1])) if t + 1 < len(terms) and linked[t] else None
        if pair is not None and t + 2 < len(terms) and linked[t + 1]:
            rival = pairs.get((terms[t + 1], terms[t + 2]))
            if rival is not None and rival[1] > pair[1]:
                pair = None
        out.append(pair[0] if pair else terms[t])
        t += 2 if pair else 1
    return out


@given(st.lists(st.integers(-1, 4), max_size=40), st.data())
def test_phrase_merging_is_the_greedy_specification(terms, data):
    linked = data.draw(st.lists(st.booleans(), min_size=len(terms), max_size=len(terms)))
    chosen = data.draw(st.dictionaries(st.tuples(st.integers(0, 4), st.integers(0, 4)), st.floats(0, 1), max_size=8))
    pairs = {k: (10 + i, score) for i, (k, score) in enumerate(sorted(chosen.items()))}
    keys = np.array([a * 5 + b for a, b in pairs], dtype=np.int64)
    table = kernels.pair_table(keys, np.array([v[0] for v in pairs.values()], dtype=np.int64),
                               np.array([v[1] for v in pairs.values()]))
    merged, _, bounds, _ = kernels.merge_pairs(np.array(terms, dtype=np.int32), np.array(linked, dtype=bool),
                                               np.array([0, len(terms)]), *table, 5)
    assert merged.tolist() == _greedy_merge(terms, linked, pairs)
    assert bounds.tolist() == [0, merged.size]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(-1, 5), max_size=60), st.data())
def test_pair_counts_of_two_parts_add_up_to_the_pair_counts_of_the_whole(terms, data):
    linked = data.draw(st.lists(st.booleans(), min_size=len(terms), max_size=len(terms)))
    cut = data.draw(st.integers(0, len(terms)))
    if cut:
        linked[cut - 1] = False  # parts are cut between articles: no pair spans the cut
    candidate = np.array(data.draw(st.lists(st.booleans(), min_size=6, max_size=6)))
    ids, links = np.array(terms, dtype=np.int32), np.array(linked, dtype=bool)
    one = kernels.count_pairs(ids[:cut], links[:cut], candidate, 6)
    other = kernels.count_pairs(ids[cut:], links[cut:], candidate, 6)
    keys, counts = kernels.add_pair_counts(*one, *other, 6)
    expected = Counter((a, b) for a, b, link in zip(terms, terms[1:], linked, strict=False)
                       if link and a >= 0 and b >= 0 and candidate[a] and candidate[b])
    assert dict(zip([(k // 6, k % 6) for k in keys.tolist()], counts.tolist(), strict=True)) == expected
    assert keys.size == len(expected) and np.all(np.diff(keys // 6) >= 0)  # each pair once, grouped by first term


def test_the_engine_gives_the_specification_on_the_seeds(no_phrases, raw_dir, tmp_path):
    store = pipeline.clean_store(raw_dir, interim=tmp_path, progress=False)
    texts = store.articles()["text"].tolist()
    analysis = engine.analyse(store, jobs=2)
    expected, _ = _oracle(texts)
    assert analysis.sequences == expected
    assert sum(t is not None for seq in expected for t in seq) > 1000  # not trivial


@pytest.mark.slow
def test_the_engine_gives_the_specification_on_a_saudinewsnet_day(no_phrases, saudinewsnet, tmp_path):
    """Extra evidence on real text the generator does not imagine: one day of SaudiNewsNet (1,349 articles)."""
    store = pipeline.clean_store(saudinewsnet / "2015-07-23.zip", interim=tmp_path, progress=False)
    texts = store.articles()["text"].tolist()
    expected, _ = _oracle(texts)
    assert engine.analyse(store, jobs=2).sequences == expected


def test_the_engine_gives_the_specification_on_saudinewsnet_text(no_phrases, saudinewsnet_excerpts, repo, tmp_path,
                                                                 monkeypatch):
    """The counterpart, on every machine, of the test on a SaudiNewsNet day above: real Saudi news text the
    generator does not imagine, from the repository's SaudiNewsNet sets: the 109 excerpts as a clean store of 7
    shards scanned by two workers, then the 291 whole articles of the gold sets (tests/data/*/articles.jsonl)."""
    monkeypatch.setattr(pipeline, "SHARD_ARTICLES", 16)
    store = pipeline.clean_store(saudinewsnet_excerpts, interim=tmp_path, progress=False)
    texts = store.articles()["text"].tolist()
    assert len(store.shards) == 7
    assert engine.analyse(store, jobs=2).sequences == _oracle(texts)[0]
    gold = pd.concat([pd.read_json(repo / "tests" / "data" / name / "articles.jsonl", lines=True)
                      for name in ("clean", "delegations", "timeline")], ignore_index=True)
    assert len(gold) == 291 and gold["text"].str.len().sum() > 500_000
    expected, _ = _oracle(gold["text"].tolist())
    assert engine.analyse(gold[["doc_id", "outlet", "text"]]).sequences == expected


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_workers_report_each_surface_once_and_give_one_process_analysis(raw_dir, tmp_path, monkeypatch, method):
    # The seed articles in five shards: two workers scan several shards each, reporting only the surfaces new to
    # them; the corpus's vocabulary (numbered by first occurrence), sequences and table are one process's.
    monkeypatch.setattr(pipeline, "SHARD_ARTICLES", 1)
    monkeypatch.setenv("ARNEWS_START_METHOD", method)
    store = pipeline.clean_store(raw_dir, interim=tmp_path, progress=False)
    assert len(store.shards) == 5
    one, two = engine.analyse(store, jobs=1), engine.analyse(store, jobs=2)
    assert two.surfaces == one.surfaces and two.forms == one.forms
    assert two.sequences == one.sequences and two.terms.tolist() == one.terms.tolist()
    assert engine.term_table(two).equals(engine.term_table(one))
    texts = [pipeline.read_texts(path) for path in store.shards]
    first, second = engine._scan(texts[0], "a run"), engine._scan(texts[1], "a run")
    assert second.sequence == first.sequence + 1 and "بوتين" in first.surfaces  # Putin
    assert not set(first.surfaces) & set(second.surfaces)  # «بوتين» again in article 001: not sent again
    engine._VOCABULARIES.clear()

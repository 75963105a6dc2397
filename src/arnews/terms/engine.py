"""The term engine: one pass over a corpus's clean store gives both the per-article term sequences (for the
notebook's analyses) and the table of terms (term, count, docs) that `arnews terms` writes.

1. Each shard of the clean store (`pipeline.clean_store`; never loaded or cleaned here) is read as UTF-8
   (`pipeline.read_texts`) and tokenized (`tokens.split_utf8`: the compiled grammar; `tokens.scan_split`: the
   vocabulary, the lexicon joins). By default (`DEFAULT_JOBS`) this process scans: a worker thread
   (`runner.map_ordered(..., threads=True)`) reads and splits the next shards, in compiled code that releases
   the GIL, while this thread numbers their tokens in corpus order. With more jobs, worker processes scan
   (any start method); each process keeps one vocabulary, folds each distinct surface once, and reports only
   the surfaces new since its last shard.
2. This process merges the vocabularies, numbering the surfaces in the order they first occur in the corpus
   (so ids, and every output, are the same whatever the number of workers), maps the corpus's distinct folded
   forms to terms (`TermMap`, compiled), proposes multi-word terms from the corpus's own collocations
   (`phrases`), and counts each term's occurrences and articles.

Memory holds the vocabulary and one int32 per token, never the corpus text.
"""

from __future__ import annotations

import os
import uuid
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from arnews import arabic, pipeline, runner
from arnews.terms import kernels, phrases, tokens
from arnews.terms.termmap import TermMap

__all__ = ["COLUMNS", "DEFAULT_JOBS", "Analysis", "TermCounts", "analyse", "count_terms", "term_table"]

COLUMNS = ["term", "count", "docs"]
#: Worker processes that scan the shards, unless told: one, this process (with a thread that splits the next
#: shards). The scan is about a third of the engine's work (the term map, phrases and counts need the whole
#: corpus and run here after it), and worker processes pay for it twice over: each folds the many words all
#: shards share, and every token comes back through a pipe. On two cores they cost more CPU time than they
#: save wall time (docs/DEVELOPING.md, speed); `jobs` or `arnews terms --jobs N` spreads the scan where cores
#: are many.
DEFAULT_JOBS = 1


@dataclass
class _Shard:
    """What a worker reports for a shard: its tokens as ids into the worker's vocabulary, and the part of that
    vocabulary it has not reported before (`tokens.Vocabulary.since`)."""

    vocabulary: str              # which process's vocabulary (`_VOCABULARIES`)
    sequence: int                # the how-manieth shard of that vocabulary
    surfaces: list[str]          # the surfaces new since the vocabulary's previous shard, their forms and hashes
    forms: list[str]
    hashes: np.ndarray
    ids: np.ndarray              # per token, its id in the worker's vocabulary
    linked: np.ndarray
    bounds: np.ndarray
    chars: int
    doc_ids: list[str]
    outlets: list[str]


#: This process's vocabulary for one run of the engine (a worker keeps it from shard to shard).
_VOCABULARIES: dict[str, tuple[tokens.Vocabulary, list[int]]] = {}


def _scan(texts: pipeline.ShardTexts, run: str, split: tokens.SplitTexts | None = None) -> _Shard:
    """Tokenize one shard's texts (split already, or here) with this process's vocabulary of the run."""
    if run not in _VOCABULARIES:
        _VOCABULARIES.clear()  # a worker serves one run
        _VOCABULARIES[run] = (tokens.Vocabulary(), [0])
    vocabulary, shards = _VOCABULARIES[run]
    known = len(vocabulary)
    split = tokens.split_utf8(texts.data, texts.sizes) if split is None else split
    batch = tokens.scan_split(split, vocabulary, spans=False)
    shards[0] += 1
    outlets = [o if isinstance(o, str) and o.strip() else "" for o in texts.outlets]
    return _Shard(f"{run}/{os.getpid()}", shards[0], *vocabulary.since(known), batch.ids, batch.linked,
                  batch.bounds, sum(texts.lengths), [str(d) for d in texts.doc_ids], outlets)


def _scan_shard(task: tuple[Path, str]) -> _Shard:
    """Worker: read the clean texts of one shard of the store and tokenize them."""
    path, run = task
    return _scan(pipeline.read_texts(path), run)


def _split_shard(path: Path) -> tuple[pipeline.ShardTexts, tokens.SplitTexts]:
    """Thread: read the clean texts of one shard and split them into tokens (`tokens.split_utf8`)."""
    texts = pipeline.read_texts(path)
    return texts, tokens.split_utf8(texts.data, texts.sizes, distinct=True)


@dataclass
class Analysis:
    """Terms per article (built by `analyse`).

    Attributes:
        doc_ids, outlets: one per article.
        term_map: the term map of the corpus's forms.
        labels: the label of each term id.
        terms: the term id of every token (−1: a stopword or noise: a gap that no bigram jumps over), articles
            one after the other; bounds: where each article starts (and the total at the end).
        linked: per token, whether only spaces separate it from the next token of the same article.
        surfaces, forms, term_of_surface, conjunction: the corpus's distinct surface tokens, the folded form
            and the term id (before phrases) of each, and whether it starts with a conjunction (no phrase spans
            it); phrase_table: the phrases chosen (see `phrases.Phrases`).
    """

    doc_ids: list[str]
    outlets: list[str]
    term_map: TermMap
    labels: list[str]
    terms: np.ndarray
    bounds: np.ndarray
    linked: np.ndarray
    surfaces: list[str]
    forms: list[str]
    term_of_surface: np.ndarray
    conjunction: np.ndarray
    phrase_table: phrases.Phrases
    chars: int = 0
    report: object = None
    _counts: np.ndarray | None = field(default=None, repr=False)

    @cached_property
    def sequences(self) -> list[list[str | None]]:
        """Per article, one entry per token: its term label, or None for a stopword or noise token."""
        labels = [*self.labels, None]
        flat = [labels[t] for t in self.terms.tolist()]  # −1 reads the None at the end
        edges = self.bounds.tolist()
        return [flat[a:b] for a, b in zip(edges[:-1], edges[1:], strict=True)]

    def term_counts(self) -> np.ndarray:
        """Occurrences of each term id."""
        if self._counts is None:
            self._counts = kernels.occurrences(self.terms, len(self.labels))
        return self._counts

    def counts(self) -> Counter:
        """Occurrences of every term (by label) over all articles."""
        return Counter({self.labels[t]: int(n) for t, n in enumerate(self.term_counts().tolist()) if n})

    def documents(self) -> np.ndarray:
        """Articles each term id occurs in."""
        return kernels.documents_per_term(self.terms, self.bounds, len(self.labels))

    def article_terms(self, i: int) -> np.ndarray:
        """The term ids of article i's tokens (−1: gap)."""
        return self.terms[self.bounds[i]:self.bounds[i + 1]]

    def term_id(self, spelling: str) -> int | None:
        """The id of the term a spelling counts for («بالأسلحة» → the term الأسلحة), or None."""
        key = self.term_map.term(arabic.fold(spelling))
        label = self.term_map.label(key) if key is not None else spelling
        try:
            return self.labels.index(label)
        except ValueError:
            return None

    @cached_property
    def _surface_ids(self) -> dict[str, int]:
        return {s: i for i, s in enumerate(self.surfaces)}

    def token_terms(self, text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Scan one text as the engine did: (term ids, starts, ends) of its tokens, phrases merged."""
        batch = tokens.scan([text])
        ids = self._surface_ids
        surface = np.fromiter((ids.get(batch.surfaces[i], -1) for i in batch.ids.tolist()), dtype=np.int64,
                              count=batch.ids.size)
        known = np.maximum(surface, 0)
        term = np.where(surface >= 0, self.term_of_surface[known], -1).astype(np.int32)
        linked = _phrase_links(batch.linked, known, self.conjunction)
        merged, _, _, first, last = self.phrase_table.apply(term, linked, batch.bounds)
        return merged, batch.starts[first], batch.ends[last]


def term_table(analysis: Analysis) -> pd.DataFrame:
    """term, count, docs of an Analysis: sorted by count (descending), then term (code points)."""
    documents = runner.in_background(analysis.documents)  # compiled, the GIL free: beside the sort below
    counts = analysis.term_counts()
    present = np.flatnonzero(counts > 0)
    labels = list(map(analysis.labels.__getitem__, present.tolist()))
    alphabetical = np.empty(present.size, dtype=np.int64)
    alphabetical[sorted(range(len(labels)), key=labels.__getitem__)] = np.arange(present.size)
    order = np.lexsort((alphabetical, -counts[present]))
    docs = documents.result()
    return pd.DataFrame({"term": [labels[i] for i in order.tolist()], "count": counts[present][order],
                         "docs": docs[present][order]}, columns=COLUMNS)


def analyse(articles: pipeline.CleanStore | pd.DataFrame | str | Path, *, jobs: int = DEFAULT_JOBS,
            progress: bool = False) -> Analysis:
    """Tokenize a corpus's clean articles and map every token to its term, with the corpus as the word list.

    Args:
        articles: a clean store (`pipeline.clean_store`), a corpus path (its clean store is made or reused),
            or clean articles as a table (doc_id, outlet, text), e.g. a selection of `store.articles()`.
        jobs: worker processes that scan a store's shards (0: one per core; 1, the default: this process,
            see `DEFAULT_JOBS`).
        progress: a progress bar on stderr.
    Returns:
        Analysis with per-article term sequences; `term_table(analysis)` is the CLI's table.
    """
    run = uuid.uuid4().hex
    try:
        if isinstance(articles, pd.DataFrame):
            texts = articles["text"].fillna("").astype(str).tolist()
            outlets = articles["outlet"].tolist() if "outlet" in articles else [""] * len(texts)
            encoded = [text.encode("utf-8", "surrogatepass") for text in texts]
            shards = [_scan(pipeline.ShardTexts(b"\0".join(encoded), list(map(len, encoded)), list(map(len, texts)),
                                                articles["doc_id"].tolist(), outlets), run)]
            report = None
        else:
            store = articles if isinstance(articles, pipeline.CleanStore) else \
                pipeline.clean_store(articles, progress=progress)
            paths = store.shards
            if jobs == 1:  # a thread reads and splits the next shards (compiled, the GIL released) while this
                # one numbers their tokens with one vocabulary, in corpus order; another loads the kernels of
                # the work after the scan from numba's cache meanwhile (otherwise loaded here, one by one, after it)
                loading = runner.in_background(kernels.warm)
                shards = [_scan(texts, run, split) for texts, split in
                          runner.map_ordered(_split_shard, paths, threads=True, desc="terms", progress=progress)]
                loading.result()
            else:
                tokens.scan(["وبيونغ يانغ"])  # the kernels and lexicons load once here: forked workers inherit them
                shards = list(runner.map_ordered(_scan_shard, [(p, run) for p in paths], jobs=jobs,
                                                 weights=[p.stat().st_size for p in paths], desc="terms",
                                                 progress=progress))
            report = store.report
    finally:
        _VOCABULARIES.pop(run, None)  # when this process scanned (one job)
    return _analysis(shards, report)


def _merge(shards: list[_Shard]) -> tuple[list[str], list[str], np.ndarray, np.ndarray, np.ndarray]:
    """One vocabulary for the corpus from the workers' vocabularies, numbered in the order the surfaces first
    occur in the corpus (so ids, and every output, are the same whatever the number of workers). Empties
    `shards`: their arrays are freed as soon as they are merged.

    Returns:
        (surfaces, forms, surface_ids, linked, bounds): the corpus's distinct surfaces and their forms, and
        its tokens (texts one after the other).
    """
    index = kernels.HashIndex(expected=1 << 18)  # the surfaces of several vocabularies, by hash
    everything: list[str] = []  # the workers' surfaces (and forms), one vocabulary after the other
    folded: list[str] = []
    first_source: list[np.ndarray] = []  # per corpus id, where its surface is in `everything`
    to_corpus: dict[str, np.ndarray | None] = {}  # a worker's vocabulary id → the corpus's (None: the same)
    names = sorted({shard.vocabulary for shard in shards})
    for name in names:
        own = sorted((shard for shard in shards if shard.vocabulary == name), key=lambda shard: shard.sequence)
        if len(names) == 1:  # one vocabulary (one process scanned): its surfaces are distinct, its ids the corpus's
            first_source.append(np.arange(sum(len(shard.surfaces) for shard in own), dtype=np.int64))
            ids = None
        else:
            hashes = np.concatenate([shard.hashes for shard in own])
            ids, first_seen = index.ids(np.ascontiguousarray(hashes[:, :2]), hashes[:, 2].copy())
            ids = ids.astype(np.int32)
            first_source.append(first_seen + len(everything))
        everything += [s for shard in own for s in shard.surfaces]
        folded += [f for shard in own for f in shard.forms]
        to_corpus[name] = ids
    source = np.concatenate([np.zeros(0, np.int64), *first_source])
    sizes = [shard.ids.size for shard in shards]
    ids = np.empty(sum(sizes), np.int32)
    linked = np.empty(sum(sizes), bool)
    bounds = [np.zeros(1, np.int64)]
    offset = 0
    shards.reverse()
    while shards:
        shard = shards.pop()
        mapping = to_corpus[shard.vocabulary]
        if mapping is None:
            ids[offset:offset + shard.ids.size] = shard.ids
        else:
            np.take(mapping, shard.ids, out=ids[offset:offset + shard.ids.size], mode="clip")
        linked[offset:offset + shard.ids.size] = shard.linked
        bounds.append(shard.bounds[1:] + offset)
        offset += shard.ids.size
    order, surface_ids = kernels.first_occurrences(ids, source.size)
    source = source[order].tolist()
    return list(map(everything.__getitem__, source)), list(map(folded.__getitem__, source)), surface_ids, linked, \
        np.concatenate(bounds)


def _analysis(shards: list[_Shard], report) -> Analysis:
    """Merge the shards' vocabularies, map forms to terms, choose phrases."""
    doc_ids = [d for shard in shards for d in shard.doc_ids]
    outlets = [o for shard in shards for o in shard.outlets]
    chars = sum(shard.chars for shard in shards)
    surfaces, forms, surface_ids, linked_all, bounds_all = _merge(shards)

    totals = kernels.occurrences(surface_ids, len(surfaces))
    form_of_surface, distinct = pd.factorize(pd.Series(forms, dtype=object))
    distinct = distinct.tolist()
    form_totals = np.bincount(form_of_surface, weights=totals, minlength=len(distinct)).astype(np.int64)
    joined = frozenset(f for s, f in zip(surfaces, forms, strict=True) if " " in s)
    term_map = TermMap(forms=distinct, totals=form_totals, joined=joined)
    key, names = term_map.resolve_ids()
    own = key == np.arange(len(distinct))
    surface_label = term_map.set_labels(surfaces, form_of_surface, distinct, totals, own)
    term_keys, form_term = np.unique(key[key >= 0], return_inverse=True)
    term_of_form = np.full(len(distinct), -1, dtype=np.int32)
    term_of_form[key >= 0] = form_term
    term_of_surface = term_of_form[form_of_surface] if len(surfaces) else np.zeros(0, np.int32)
    spelling = np.full(term_keys.size, -1, dtype=np.int64)  # per term, the surface that is its label
    words = term_keys < len(distinct)
    spelling[words] = surface_label[term_keys[words]]
    labels = [surfaces[i] if i >= 0 else names[k] for k, i in zip(term_keys.tolist(), spelling.tolist(), strict=True)]
    entities = np.fromiter(term_map.entity_ids, dtype=np.int64, count=len(term_map.entity_ids))
    for k, at in zip(entities.tolist(), np.searchsorted(term_keys, entities).tolist(), strict=True):
        labels[at] = term_map.entity_ids[k]  # an entity is shown by its canonical name
    terms = term_of_surface[surface_ids] if surface_ids.size else np.zeros(0, np.int32)
    conjunction = phrases.coordinates(distinct, key, names, term_keys)[form_of_surface] if len(surfaces) \
        else np.zeros(0, bool)
    linked_all = _phrase_links(linked_all, surface_ids, conjunction)
    chosen, terms, linked_all, bounds_all = phrases.choose(terms, linked_all, bounds_all, labels,
                                                          [names[k] for k in term_keys.tolist()], surface_ids,
                                                          surfaces)
    labels += chosen.labels
    if len(set(labels)) < len(labels):  # two terms shown alike (a phrase and a name): one term
        first = dict(zip(reversed(labels), range(len(labels) - 1, -1, -1), strict=True))  # each label → its first id
        same = np.fromiter(map(first.__getitem__, labels), dtype=np.int32, count=len(labels))
        terms = np.append(same, np.int32(-1))[terms]  # a gap (−1) reads the −1 at the end: it stays a gap
    return Analysis(doc_ids, outlets, term_map, labels, terms, bounds_all, linked_all, surfaces, forms,
                    term_of_surface, conjunction, chosen, chars, report)


def _phrase_links(linked: np.ndarray, surface_ids: np.ndarray, conjunction: np.ndarray) -> np.ndarray:
    """`linked`, except before a token that starts with a conjunction: no phrase spans و/ف."""
    out = linked.copy()
    if out.size > 1:
        out[:-1] &= ~conjunction[surface_ids[1:]]
    return out


@dataclass
class TermCounts:
    """The result of `count_terms`: the table and what it was computed from."""

    table: pd.DataFrame          # term, count, docs — sorted by count desc, then term
    term_map: TermMap
    articles: int
    chars: int
    report: object = None        # the clean store's LoadReport (what the loader met)
    analysis: Analysis | None = None


def count_terms(path: str | Path | pipeline.CleanStore, *, jobs: int | None = None, strict: bool = False,
                fields: dict | None = None, progress: bool | None = None) -> TermCounts:
    """Count the terms of a corpus: `term_table(analyse(store))`, with what it was computed from.

    Args:
        path: a clean store, or a corpus folder or file (its clean store is made or reused).
        jobs: worker processes for the scan (default `DEFAULT_JOBS`); the table does not depend on it.
        strict: a problem in the corpus is an InputError (see `pipeline.clean_store`).
        fields: column → source field overrides for the loader.
        progress: progress bars on stderr (default: for a corpus larger than 20 MB).
    """
    if isinstance(path, pipeline.CleanStore):
        store = path
    else:
        if progress is None:
            progress = _size(Path(path)) > 20_000_000
        store = pipeline.clean_store(path, strict=strict, fields=fields, progress=bool(progress))
    analysis = analyse(store, jobs=jobs or DEFAULT_JOBS, progress=bool(progress))
    return TermCounts(term_table(analysis), analysis.term_map, len(analysis.doc_ids), analysis.chars, store.report,
                      analysis)


def _size(path: Path) -> int:
    try:
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size
    except OSError:
        return 0


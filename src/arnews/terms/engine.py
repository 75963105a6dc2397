"""The term engine: one pass over a corpus's clean store gives both the per-article term sequences (for the
notebook's analyses) and the table of terms (term, count, docs) that `arnews terms` writes.

1. Each shard of the clean store (`pipeline.clean_store`; never loaded or cleaned here) is tokenized in a
   worker (`runner.map_ordered`, any start method): the compiled grammar, the lexicon joins, its distinct
   surface forms folded once (`tokens.scan`).
2. This process merges the shards in their order (so ids, and every output, are the same whatever the number
   of workers), maps the corpus's distinct folded forms to terms (`TermMap`, compiled), proposes multi-word
   terms from the corpus's own collocations (`phrases`), and counts each term's occurrences and articles.

Memory holds the vocabulary and one int32 per token, never the corpus text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from arnews import pipeline, runner
from arnews.terms import kernels, phrases, tokens
from arnews.terms.termmap import TermMap

__all__ = ["COLUMNS", "Analysis", "TermCounts", "analyse", "count_terms", "term_table"]

COLUMNS = ["term", "count", "docs"]


@dataclass
class _Shard:
    """What a worker reports for a shard: its articles, and their tokens as ids into its vocabulary."""

    doc_ids: list[str]
    outlets: list[str]
    chars: int
    batch: tokens.TokenBatch


def _scan_frame(frame: pd.DataFrame) -> _Shard:
    texts = frame["text"].fillna("").astype(str).tolist()
    outlets = frame["outlet"].tolist() if "outlet" in frame else [""] * len(texts)
    batch = tokens.scan(texts)
    batch.starts = batch.ends = np.zeros(0, np.int64)  # spans stay with the worker (kwic scans again)
    outlets = [o if isinstance(o, str) and o.strip() else "" for o in outlets]
    return _Shard(frame["doc_id"].astype(str).tolist(), outlets, sum(map(len, texts)), batch)


def _scan_shard(path: Path) -> _Shard:
    """Worker: read one shard of the clean store and tokenize it."""
    return _scan_frame(pipeline.read_shard(path))


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
            self._counts = np.bincount(self.terms[self.terms >= 0], minlength=len(self.labels))
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
        from arnews import arabic

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
        linked = _phrase_links(batch.linked, known, self.conjunction & True)
        merged, _, _, first, last = self.phrase_table.apply(term, linked, batch.bounds)
        return merged, batch.starts[first], batch.ends[last]


def term_table(analysis: Analysis) -> pd.DataFrame:
    """term, count, docs of an Analysis: sorted by count (descending), then term (code points)."""
    counts = analysis.term_counts()
    docs = analysis.documents()
    present = np.flatnonzero(counts > 0)
    labels = [analysis.labels[i] for i in present.tolist()]
    alphabetical = np.empty(present.size, dtype=np.int64)
    alphabetical[sorted(range(len(labels)), key=labels.__getitem__)] = np.arange(present.size)
    order = np.lexsort((alphabetical, -counts[present]))
    return pd.DataFrame({"term": [labels[i] for i in order.tolist()], "count": counts[present][order],
                         "docs": docs[present][order]}, columns=COLUMNS)


def analyse(articles: pipeline.CleanStore | pd.DataFrame | str | Path, *, jobs: int = 0,
            progress: bool = False) -> Analysis:
    """Tokenize a corpus's clean articles and map every token to its term, with the corpus as the word list.

    Args:
        articles: a clean store (`pipeline.clean_store`), a corpus path (its clean store is made or reused),
            or clean articles as a table (doc_id, outlet, text), e.g. a selection of `store.articles()`.
        jobs: worker processes for a store's shards (0: one per core; 1: this process).
        progress: a progress bar on stderr.
    Returns:
        Analysis with per-article term sequences; `term_table(analysis)` is the CLI's table.
    """
    if isinstance(articles, pd.DataFrame):
        shards = [_scan_frame(articles)]
        report = None
    else:
        store = articles if isinstance(articles, pipeline.CleanStore) else \
            pipeline.clean_store(articles, progress=progress)
        paths = store.shards
        tokens.scan(["وبيونغ يانغ"])  # the kernels and lexicons load once here: forked workers inherit them
        weights = [p.stat().st_size for p in paths]
        shards = runner.map_ordered(_scan_shard, paths, jobs=jobs, weights=weights, desc="terms", progress=progress)
        report = store.report
    return _analysis(shards, report)


def _analysis(shards, report) -> Analysis:
    """Merge the shards' vocabularies in order, map forms to terms, choose phrases."""
    index = kernels.HashIndex(expected=1 << 18)
    surfaces: list[str] = []
    forms: list[str] = []
    parts, bounds, linked = [], [np.zeros(1, np.int64)], []
    doc_ids: list[str] = []
    outlets: list[str] = []
    chars = offset = 0
    for shard in shards:
        batch = shard.batch
        ids, first_seen = index.ids(np.ascontiguousarray(batch.hashes[:, :2]), batch.hashes[:, 2].copy())
        surfaces += [batch.surfaces[i] for i in first_seen.tolist()]
        forms += [batch.forms[i] for i in first_seen.tolist()]
        parts.append(ids[batch.ids].astype(np.int32))
        bounds.append(batch.bounds[1:] + offset)
        linked.append(batch.linked)
        offset += batch.ids.size
        doc_ids += shard.doc_ids
        outlets += shard.outlets
        chars += shard.chars
    surface_ids = np.concatenate(parts) if parts else np.zeros(0, np.int32)
    bounds_all = np.concatenate(bounds)
    linked_all = np.concatenate(linked) if linked else np.zeros(0, bool)

    totals = np.bincount(surface_ids, minlength=len(surfaces)).astype(np.int64)
    form_of_surface, distinct = pd.factorize(pd.Series(forms, dtype=object))
    distinct = distinct.tolist()
    form_totals = np.bincount(form_of_surface, weights=totals, minlength=len(distinct)).astype(np.int64)
    joined = frozenset(f for s, f in zip(surfaces, forms, strict=True) if " " in s)
    term_map = TermMap(dict(zip(distinct, form_totals.tolist(), strict=True)), joined=joined)
    key, names = term_map.resolve_ids()
    own = key == np.arange(len(distinct))
    surface_label = term_map.set_labels(surfaces, form_of_surface, distinct, totals, own)
    term_keys, form_term = np.unique(key[key >= 0], return_inverse=True)
    term_of_form = np.full(len(distinct), -1, dtype=np.int64)
    term_of_form[key >= 0] = form_term
    term_of_surface = term_of_form[form_of_surface] if len(surfaces) else np.zeros(0, np.int64)
    labels = []
    for k in term_keys.tolist():
        name = names[k]
        label = term_map.entity_labels.get(name)
        if label is None:
            label = surfaces[surface_label[k]] if k < len(distinct) and surface_label[k] >= 0 else name
        labels.append(label)
    terms = term_of_surface[surface_ids].astype(np.int32) if surface_ids.size else np.zeros(0, np.int32)
    key_of_form = [None if k < 0 else names[k] for k in key.tolist()]
    conjunction = phrases.coordinates(forms, [key_of_form[f] for f in form_of_surface.tolist()],
                                      {names[k] for k in term_keys.tolist()})
    linked_all = _phrase_links(linked_all, surface_ids, conjunction)
    chosen, terms, linked_all, bounds_all = phrases.choose(terms, linked_all, bounds_all, labels,
                                                          [names[k] for k in term_keys.tolist()], surface_ids,
                                                          surfaces)
    labels += chosen.labels
    first_of_label: dict[str, int] = {}
    same = np.fromiter((first_of_label.setdefault(label, i) for i, label in enumerate(labels)), dtype=np.int32,
                       count=len(labels))
    if (same != np.arange(len(labels))).any():  # two terms shown alike (a phrase and a name): one term
        terms = np.where(terms >= 0, same[np.maximum(terms, 0)], -1).astype(np.int32)
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
    skipped: list[str]
    report: object = None        # the clean store's LoadReport (what the loader met)
    analysis: Analysis | None = None


def count_terms(path: str | Path | pipeline.CleanStore, *, jobs: int | None = None, strict: bool = False,
                fields: dict | None = None, progress: bool | None = None) -> TermCounts:
    """Count the terms of a corpus: `term_table(analyse(store))`, with what it was computed from.

    Args:
        path: a clean store, or a corpus folder or file (its clean store is made or reused).
        jobs: worker processes (default: one per core); the table does not depend on it.
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
    analysis = analyse(store, jobs=jobs or 0, progress=bool(progress))
    skipped = [f"{p.file}: {p.reason}" for p in store.report.problems if p.action == "skipped" and not p.record]
    return TermCounts(term_table(analysis), analysis.term_map, len(analysis.doc_ids), analysis.chars, skipped,
                      store.report, analysis)


def _size(path: Path) -> int:
    try:
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size
    except OSError:
        return 0


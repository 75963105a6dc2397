"""What the term counts show: each article's top terms, collocations, distinctive terms (weighted log-odds),
and who is mentioned where (entity × article). All of them read an `engine.Analysis`."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from arnews import arabic, lexicons
from arnews.terms import kernels
from arnews.terms.engine import Analysis
from arnews.terms.phrases import g2, npmi

__all__ = ["collocations", "distinctive_terms", "log_odds", "mention_matrix", "top_terms_per_article"]


def top_terms_per_article(analysis: Analysis, n: int = 5, articles: int = 10) -> pd.DataFrame:
    """The `n` most frequent terms of each of the `articles` longest articles (all articles when fewer).

    Returns:
        DataFrame doc_id, rank, term, count.
    """
    lengths = [(-int((analysis.article_terms(i) >= 0).sum()), i) for i in range(len(analysis.doc_ids))]
    rows = []
    for _, i in sorted(lengths)[:articles]:
        counts = Counter(analysis.labels[t] for t in analysis.article_terms(i).tolist() if t >= 0)
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        rows += [(analysis.doc_ids[i], rank, term, c) for rank, (term, c) in enumerate(ranked[:n], 1)]
    return pd.DataFrame(rows, columns=["doc_id", "rank", "term", "count"])


def collocations(analysis: Analysis, min_count: int = 3, top: int = 20) -> pd.DataFrame:
    """Bigram collocations: adjacent term pairs (no stopword between them) ranked by log-likelihood (G²).

    Dunning's G² compares how often the two terms occur together with how often they would by chance; PMI is
    given too (log2 of observed/expected) and its normalized form. Pairs seen fewer than `min_count` times are
    left out. Phrases the engine already joined (`phrases`) are one term here.

    Returns:
        DataFrame first, second, count, pmi, npmi, llr (sorted by llr desc, then the pair).
    """
    terms = analysis.terms
    n_ids = len(analysis.labels)
    unigram = np.bincount(terms[terms >= 0], minlength=n_ids)
    keys, together = kernels.count_pairs(terms, _within(analysis),
                                         np.ones(n_ids, dtype=bool), n_ids)
    n = float(together.sum())
    keep = together >= min_count
    keys, together = keys[keep], together[keep]
    a, b = keys // n_ids, keys % n_ids
    columns = ["first", "second", "count", "pmi", "npmi", "llr"]
    if not keys.size:
        return pd.DataFrame([], columns=columns)
    expected = unigram[a] * unigram[b] / n
    table = pd.DataFrame({"first": [analysis.labels[i] for i in a.tolist()],
                          "second": [analysis.labels[i] for i in b.tolist()], "count": together,
                          "pmi": np.log2(together / expected), "npmi": npmi(together, unigram[a], unigram[b], n),
                          "llr": g2(together, unigram[a], unigram[b], n)}, columns=columns)
    return table.sort_values(["llr", "first", "second"], ascending=[False, True, True], kind="stable").head(top) \
        .reset_index(drop=True)


def _within(analysis: Analysis) -> np.ndarray:
    """Per token, whether the next token is in the same article (adjacent pairs never cross articles)."""
    within = np.ones(analysis.terms.size, dtype=bool)
    within[analysis.bounds[1:] - 1] = False
    return within


def log_odds(counts_a: dict[str, int], counts_b: dict[str, int], prior: dict[str, float]) -> pd.DataFrame:
    """Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008).

    δ_w = log[(y_aw+α_w)/(n_a+α_0−y_aw−α_w)] − log[(y_bw+α_w)/(n_b+α_0−y_bw−α_w)],
    z_w = δ_w / sqrt(1/(y_aw+α_w) + 1/(y_bw+α_w)). Positive z: the term leans to group a.

    Args:
        counts_a, counts_b: term counts of the two groups.
        prior: α_w per term (e.g. counts in the whole corpus); terms without a prior are left out.
    Returns:
        DataFrame term, count_a, count_b, delta, z — sorted by z descending, then term.
    """
    kept = sorted(term for term, alpha in prior.items() if alpha > 0)
    ya = np.array([counts_a.get(t, 0) for t in kept], dtype=np.int64)
    yb = np.array([counts_b.get(t, 0) for t in kept], dtype=np.int64)
    alpha = np.array([prior[t] for t in kept], dtype=np.float64)
    delta, z = _log_odds_arrays(ya, yb, alpha, float(sum(counts_a.values())), float(sum(counts_b.values())),
                                float(sum(prior.values())))
    order = np.argsort(-z, kind="stable")  # terms are in order already: ties stay sorted by term
    return pd.DataFrame({"term": np.array(kept, dtype=object)[order], "count_a": ya[order],
                         "count_b": yb[order], "delta": delta[order], "z": z[order]},
                        columns=["term", "count_a", "count_b", "delta", "z"])


def _log_odds_arrays(ya: np.ndarray, yb: np.ndarray, alpha: np.ndarray, n_a: float, n_b: float, alpha0: float
                     ) -> tuple[np.ndarray, np.ndarray]:
    """δ and z of `log_odds` for aligned arrays of counts and priors (α > 0)."""
    delta = np.log((ya + alpha) / (n_a + alpha0 - ya - alpha)) - np.log((yb + alpha) / (n_b + alpha0 - yb - alpha))
    return delta, delta / np.sqrt(1 / (ya + alpha) + 1 / (yb + alpha))


def distinctive_terms(analysis: Analysis, by: str = "outlet", top: int = 8, min_groups: int = 2,
                      max_groups: int = 8) -> pd.DataFrame:
    """Terms that set each group (outlet, or article) apart from all the others, by weighted log-odds.

    Groups by outlet when at least `min_groups` outlets are named and they cover 80% of the articles, else by
    article. The prior is the whole corpus' term counts. Only the `max_groups` largest groups are shown.

    Returns:
        DataFrame group, rank, term, count (in the group), z — empty when there are fewer than two groups.
    """
    known = [o for o in analysis.outlets if o]
    by_outlet = by == "outlet" and len(set(known)) >= min_groups and len(known) >= 0.8 * len(analysis.outlets)
    keys = [k or "(unknown)" for k in (analysis.outlets if by_outlet else analysis.doc_ids)]
    columns = ["group", "rank", "term", "count", "z"]
    names = sorted(set(keys))
    if len(names) < 2:
        return pd.DataFrame([], columns=columns)
    group_of_article = np.array([names.index(k) for k in keys] if len(names) < 64 else
                                pd.Index(names).get_indexer(keys), dtype=np.int64)
    lengths = np.diff(analysis.bounds)
    group_of_token = np.repeat(group_of_article, lengths)
    present = analysis.terms >= 0
    n_ids = len(analysis.labels)
    flat = np.bincount(group_of_token[present] * n_ids + analysis.terms[present],
                       minlength=len(names) * n_ids).reshape(len(names), n_ids)
    total = flat.sum(axis=0)
    sizes = flat.sum(axis=1)
    largest = sorted(range(len(names)), key=lambda g: (-sizes[g], names[g]))[:max_groups]
    ids = np.flatnonzero(total)
    ids = ids[np.argsort(np.array([analysis.labels[i] for i in ids.tolist()], dtype=object), kind="stable")]
    alpha = total[ids].astype(np.float64)
    alpha0 = float(alpha.sum())
    rows = []
    for g in largest:
        mine = flat[g, ids]
        rest = total[ids] - mine
        _, z = _log_odds_arrays(mine, rest, alpha, float(mine.sum()), float(rest.sum()), alpha0)
        best = np.argsort(-z, kind="stable")[:top]  # ids are in term order: ties stay sorted by term
        rows += [(names[g], rank, analysis.labels[ids[k]], int(mine[k]), round(float(z[k]), 2))
                 for rank, k in enumerate(best.tolist(), 1)]
    return pd.DataFrame(rows, columns=columns)


def _entities_in_terms(labels) -> dict[int, tuple[str, ...]]:
    """Term id → the entities (canonical names) it mentions: an entity's own term, or the entities named inside
    a phrase term («أمير منطقة الرياض», the emir of the Riyadh region, mentions الرياض)."""
    names = {e.canonical for e in lexicons.entities()}
    index = arabic.entity_index()
    out = {}
    for i, label in enumerate(labels):
        if label in names:
            out[i] = (label,)
        elif " " in label:
            found = tuple(dict.fromkeys(m.entity.canonical for m in index.find(label)))
            if found:
                out[i] = found
    return out


def mention_matrix(analysis: Analysis, entities: int = 15, articles: int = 20) -> pd.DataFrame:
    """Entity × article mention counts (entities of entities.csv, every spelling and proclitic merged).

    Keeps the `entities` most mentioned entities and the `articles` articles that mention them most.

    Returns:
        DataFrame indexed by entity (canonical name), one column per doc_id; empty when no entity occurs.
    """
    entities_of = _entities_in_terms(analysis.labels)
    per_doc = {doc: Counter() for doc in analysis.doc_ids}
    if entities_of:
        positions = np.flatnonzero(np.isin(analysis.terms, list(entities_of)))
        article_of = np.searchsorted(analysis.bounds, positions, side="right") - 1
        for d, t in zip(article_of.tolist(), analysis.terms[positions].tolist(), strict=True):
            per_doc[analysis.doc_ids[d]].update(entities_of[t])
    total: Counter = Counter()
    for c in per_doc.values():
        total.update(c)
    keep = [e for e, _ in sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))[:entities]]
    docs = sorted(per_doc, key=lambda d: (-sum(per_doc[d][e] for e in keep), d))[:articles]
    docs = [d for d in docs if any(per_doc[d][e] for e in keep)]
    matrix = pd.DataFrame([[per_doc[d][e] for d in docs] for e in keep], index=keep, columns=docs, dtype="int64")
    matrix.index.name = "entity"
    return matrix

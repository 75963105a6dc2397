"""Notebook 03 (terms): the current corpus's vocabulary in words, and the choices that depend on it (which
terms to show in context, whether to compare entities across articles or across outlets)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandas as pd

from arnews import lexicons, plotting, terms
from arnews.narrative.text import Prose, WholeTable, agree, arabic, gloss, listing, literal, name, number, plural

__all__ = ["MentionView", "describe_collocations", "describe_counts", "describe_distinctive", "describe_kwic",
           "describe_mentions", "describe_per_article", "describe_top_terms", "kwic_terms", "mention_figure",
           "mention_view", "pair_table", "ranked_terms"]

#: |z| above which a log-odds difference is conventionally called significant (two-sided, 5%).
Z_SIGNIFICANT = 1.96
#: Articles per outlet needed before entities are compared across outlets rather than across articles.
OUTLET_VIEW_MIN_ARTICLES = 50


def _term(term: str) -> str:
    """A term inside an English sentence, with its English name when it is a known entity."""
    english = gloss(term)
    return f"{arabic(term)} ({literal(english)})" if english else arabic(term)


@cache
def _entities() -> frozenset[str]:
    """The canonical names of entities.csv (built once: describe_top_terms asks once per term)."""
    return frozenset(e.canonical for e in lexicons.entities())


def describe_counts(counts, written_to: str) -> Prose:
    """How many articles and distinct terms were counted, and where the table went."""
    if counts.table.empty:
        return Prose(f"No countable word in the {plural(counts.articles, 'article')} after cleaning: "
                     "no term table to show.")
    return Prose(f"{plural(counts.articles, 'article')}, {plural(len(counts.table), 'distinct term')}, "
                 f"{plural(int(counts.table['count'].sum()), 'occurrence')}; the whole table is in `{written_to}`.")


def describe_top_terms(table: pd.DataFrame, n: int) -> Prose:
    """The leading terms, which of them are names, and which is concentrated in few articles."""
    top = table.head(n)
    if top.empty:
        return Prose("Nothing to describe: no term was counted.")
    leaders = [f"{_term(r.term)} ({number(r.count)})" for r in top.head(3).itertuples()]
    text = f"The most frequent terms are {listing(leaders)}."
    names = [t for t in top["term"] if t in _entities()]
    if names:
        text += (f" {number(len(names))} of the top {number(len(top))} {agree(len(names), 'is a name', 'are names')} "
                 "of `entities.csv`: "
                 f"{listing([_term(t) for t in names[:6]] + ([f'{len(names) - 6} more'] if len(names) > 6 else []))}.")
    else:
        text += (f" None of the top {number(len(top))} is a name of `entities.csv`: the people and places the "
                 "lexicon knows do not lead here (a name it does not list is counted as a word).")
    dense = top.assign(per_doc=top["count"] / top["docs"]).sort_values("per_doc", ascending=False, kind="stable")
    if len(top) > 1 and dense.iloc[0]["per_doc"] >= 2:
        row = dense.iloc[0]
        text += (f" The most concentrated is {_term(row['term'])}: {number(row['count'])} occurrences in "
                 f"{plural(row['docs'], 'article')}, {row['per_doc']:.1f} per article that has it.")
    return Prose(text)


def describe_per_article(per_article: pd.DataFrame) -> Prose:
    """Whether the articles shown share a leading term or each has its own."""
    leads = per_article.loc[per_article["rank"] == 1, "term"] if len(per_article) else pd.Series(dtype=str)
    if leads.empty:
        return Prose("No article has a countable word.")
    counts = leads.value_counts()
    articles = len(leads)
    if counts.iloc[0] >= 2:
        return Prose(f"{_term(counts.index[0])} leads {number(counts.iloc[0])} of the {plural(articles, 'article')} "
                     f"shown; {plural(counts.size, 'different term')} {agree(counts.size, 'leads', 'lead')} them "
                     "in all.")
    return Prose(f"Each of the {plural(articles, 'article')} shown has its own leading term: they are about "
                 "different things.")


def describe_collocations(pairs: pd.DataFrame, min_count: int) -> Prose:
    """The strongest collocations, or that no pair is frequent enough."""
    if pairs.empty:
        return Prose(f"No pair of adjacent terms occurs {number(min_count)} times or more: no collocation to show.")
    strongest = [f"{arabic(r.first + PAIR_JOIN + r.second)} ({number(r.count)})" for r in pairs.head(3).itertuples()]
    return Prose(f"The strongest pairs are {listing(strongest)}. The names of `entities.csv` and the phrases the "
                 "term step found (`phrases.yaml`) are one term already, so a pair joins two terms, shown with a + "
                 "between them: a title and a name, a name and its place, two parts of a set phrase.")


def describe_distinctive(distinctive: pd.DataFrame, outlets: list[str]) -> Prose:
    """What was compared (outlets or articles) and how strong the differences are."""
    if distinctive.empty:
        return Prose("Fewer than two outlets or articles to compare: no distinctive terms.")
    groups = distinctive["group"].unique()
    named = {o for o in outlets if o}
    unit = "outlet" if set(groups) <= named | {"(unknown)"} else "article"
    available = len(named) if unit == "outlet" else len(outlets)
    shown = f"the {number(len(groups))} largest of {plural(available, unit)}" if available > len(groups) else \
        f"{plural(len(groups), unit)}"
    strong = distinctive[distinctive["z"] > Z_SIGNIFICANT]
    text = f"Compared by {unit}: {shown}."
    if strong.empty:
        return Prose(text + f" No term clears z > {Z_SIGNIFICANT} in any of them: on this much text no difference "
                            "in their vocabulary is strong enough to tell from chance.")
    best = strong.sort_values("z", ascending=False, kind="stable").iloc[0]
    groups = strong["group"].nunique()
    return Prose(text + f" {number(groups)} of them {agree(groups, 'has', 'have')} terms with z > {Z_SIGNIFICANT}; the "
                        f"strongest is {_term(best['term'])} for {name(best['group'])} (z = {best['z']:.1f}).")


def ranked_terms(frame: pd.DataFrame, by: str, value: str, titles: pd.DataFrame | None = None) -> WholeTable:
    """One row per article or outlet with its ranked terms in one cell, "term (value)، …", which reads in
    order right to left (a long table of one term per row does not, and does not fit a large corpus); cells
    are shown whole.

    Args:
        frame: `terms.top_terms_per_article` (by="doc_id", value="count") or `terms.distinctive_terms`
            (by="group", value="z").
        titles: the store's article table, to add each article's shortened title.
    """
    def cell(rows: pd.DataFrame) -> str:
        return "، ".join(f"{t} ({round(v, 1):g})" for t, v in zip(rows["term"], rows[value], strict=True))

    wide = (frame.groupby(by, sort=False)[["term", value]].apply(cell).rename("terms").reset_index()
            if len(frame) else pd.DataFrame(columns=[by, "terms"]))
    if titles is not None and by == "doc_id":
        title = titles.set_index("doc_id")["title"].reindex(wide["doc_id"]).fillna("")
        wide.insert(1, "title", [plotting.shorten(t, 60) for t in title])
    return WholeTable(wide)


#: Between the two terms of a pair as shown: a term may be several words («خادم الحرمين الشريفين + الملك سلمان»).
PAIR_JOIN = " + "


def pair_table(pairs: pd.DataFrame) -> pd.DataFrame:
    """Collocations (`terms.collocations`) with each pair as one phrase in reading order (two Arabic cells
    side by side in a left-to-right table read backwards), its two terms joined by `PAIR_JOIN`, scores
    rounded."""
    return pd.DataFrame({"pair": pairs["first"] + PAIR_JOIN + pairs["second"], "count": pairs["count"],
                         "pmi": pairs["pmi"].round(2), "llr": pairs["llr"].round(1)})


@dataclass(frozen=True)
class MentionView:
    """Entity mentions laid out for a figure: `matrix` (entities × columns), `by` ("article" or "outlet"),
    `values` (what a cell holds), `columns` (doc_ids or outlets, in the matrix's column order)."""

    matrix: pd.DataFrame
    by: str
    values: str
    columns: tuple[str, ...]


def mention_view(analysis, table: pd.DataFrame, entities: int = 15, articles: int = 20) -> MentionView:
    """Entities against articles on a small corpus, against outlets on a large one.

    A few articles out of thousands say little about a corpus: when it has at least two named outlets and
    `OUTLET_VIEW_MIN_ARTICLES` articles per outlet on average, each cell is the share (%) of an outlet's
    articles that mention the entity. Otherwise each cell counts an entity's mentions in one of the
    `articles` articles that mention the top entities most, and the column is labelled with the article's
    shortened title.

    Args:
        analysis: `terms.analyse` of the corpus.
        table: the store's article table (doc_id, title) for the labels.
        entities: how many of the most mentioned entities.
        articles: how many articles in the per-article view.
    """
    outlets = pd.Series(analysis.outlets, index=analysis.doc_ids)
    named = outlets[outlets != ""]
    if named.nunique() >= 2 and len(named) >= OUTLET_VIEW_MIN_ARTICLES * named.nunique():
        counts = terms.mention_matrix(analysis, entities=entities, articles=len(analysis.doc_ids))
        mentioned = (counts > 0).T.groupby(outlets.reindex(counts.columns).to_numpy()).sum().T
        size = named.value_counts()
        shares = (100 * mentioned.drop(columns="", errors="ignore") / size).round().astype(int)
        order = sorted((o for o in size.index if o in shares.columns), key=lambda o: (-size[o], o))
        return MentionView(shares[order], "outlet", "% of the outlet's articles that mention the entity",
                           tuple(order))
    counts = terms.mention_matrix(analysis, entities=entities, articles=articles)
    titles = table.set_index("doc_id")["title"]
    labels, seen = [], set()
    for doc in counts.columns:
        label = plotting.shorten(titles.get(doc) or doc, 30)
        label = label if label not in seen else f"{label} ({doc})"
        seen.add(label)
        labels.append(label)
    return MentionView(counts.set_axis(labels, axis=1), "article", "mentions", tuple(counts.columns))


def mention_figure(view: MentionView):
    """The heat map of a `mention_view`; columns labelled by outlet or by shortened title."""
    title = "Share of each outlet's articles that mention an entity (%)" if view.by == "outlet" else \
        "Entity mentions per article"
    return plotting.heatmap(view.matrix, title=title, xlabel=view.by,
                            empty_message="no entity of entities.csv is mentioned")


def describe_mentions(view: MentionView) -> Prose:
    """The entity that runs through most columns, and the one most concentrated in one column."""
    matrix = view.matrix
    if matrix.empty:
        return Prose("No entity of `entities.csv` is mentioned in this corpus: there is no map to draw.")
    present = (matrix > 0).sum(axis=1)
    widest = present.idxmax()
    text = (f"Columns are {'outlets' if view.by == 'outlet' else 'articles (by shortened title)'}; a cell holds "
            f"{view.values}. {_term(widest)} appears in {number(present[widest])} of the "
            f"{plural(matrix.shape[1], view.by)} shown.")
    if matrix.shape[1] > 2:
        contrast = matrix.sub(matrix.median(axis=1), axis=0)
        entity, column = contrast.stack().idxmax()
        median = matrix.loc[entity].median()
        unit = "%" if view.by == "outlet" else ""
        where = arabic(column) if view.by == "article" else name(column)
        if contrast.loc[entity, column] > 0:
            text += (f" The sharpest contrast: {_term(entity)} in {where} ({matrix.loc[entity, column]:g}{unit}, "
                     f"against a median of {median:g}{unit} across the {view.by}s).")
    return Prose(text)


def kwic_terms(analysis, chosen: list[str] | tuple[str, ...] = (), n: int = 2) -> list[str]:
    """The terms to show in context: `chosen` when given, else the corpus's `n` most mentioned entities
    (its `n` most frequent terms when no entity of entities.csv occurs)."""
    if chosen:
        return list(chosen)
    counts = analysis.counts()
    ranked = sorted(counts, key=lambda t: (-counts[t], t))
    names = _entities()
    return ([t for t in ranked if t in names] or ranked)[:n]


def describe_kwic(term: str, lines: pd.DataFrame, analysis, limit: int) -> Prose:
    """The heading of one term's KWIC table: the term, and how many of its occurrences are shown.

    Args:
        term: the term asked for (a term label, or any spelling of one).
        lines: `terms.kwic(...)` for it.
        analysis: the `terms.analyse` result the lines come from.
        limit: the `limit` passed to `terms.kwic` (more occurrences than that are sampled).
    """
    if lines.empty:
        return Prose(f"**{arabic(term)}**: not found in this corpus.")
    english = gloss(term)
    heading = f"**{arabic(term)}**" + (f" ({literal(english)})" if english else "")
    total = analysis.counts().get(term, 0)
    if len(lines) < limit:
        shown = {1: "its one occurrence", 2: "both occurrences"}.get(len(lines),
                                                                  f"all {plural(len(lines), 'occurrence')}")
    elif total > len(lines):
        shown = f"{number(len(lines))} of {plural(total, 'occurrence')}, sampled"
    else:
        shown = f"{plural(len(lines), 'occurrence')}, sampled"
    return Prose(f"{heading}: {shown}, from {plural(lines['doc_id'].nunique(), 'article')}.")

"""From articles to members: cues found in each sentence, lists read with the item grammar, sides resolved.

`extract(text)` reads one article; `extract_corpus(articles or store)` every article of a corpus, into the
members table (doc_id, side, title, name, canonical_name, sector, evidence).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

import pandas as pd

from arnews import arabic, pipeline, runner
from arnews.delegations.cues import (
    COUNTRY,
    LEADER,
    NISBA,
    RECEPTION,
    Cue,
    Reading,
    find_cues,
    skip_fillers,
    trigger_pattern,
)
from arnews.delegations.items import Item, parse_list
from arnews.delegations.names import reconcile, sector
from arnews.delegations.sides import ArticleContext, leader_side, name_side, posted_to, title_side
from arnews.delegations.words import Word, tokenize

__all__ = ["COLUMNS", "Member", "extract", "extract_corpus"]

COLUMNS = ["doc_id", "side", "title", "name", "canonical_name", "sector", "evidence"]
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Member:
    """One delegation member: side (country), title, name as written, the list sentence, and the cue frame
    that opened the list (its name in delegation_cues.yaml)."""

    side: str
    title: str
    name: str
    evidence: str
    cue: str = ""


def _phrase(words: list[Word], indices: list[int], conj: bool = False, dedupe: bool = False) -> str:
    """The words at `indices` as one string, without a leading conjunction (that of a class word, or any
    when `conj`); with `dedupe`, a definite word repeated by mistake ("وزير الدفاع الدفاع") kept once."""
    out: list[str] = []
    for n, i in enumerate(indices):
        text = words[i].text
        if n == 0 and (words[i].conj or conj):
            text = arabic.strip_marks(text)[1:]
        if dedupe and out and words[i].definite and arabic.fold(out[-1]) == arabic.fold(text):
            continue  # "وزير الدفاع الدفاع", but "ولي ولي العهد" (deputy crown prince) is kept
        out.append(text)
    return " ".join(out)


class _Article:
    """One article being read: its sentences, the words of each sentence (tokenized once, when first needed)
    and, once a list needs it, its context (dateline, leaders …), read from the words of all its sentences."""

    def __init__(self, text: str, outlet: str = ""):
        self.text = text
        self.outlet = outlet
        self.spans = arabic.sentences(text)
        self._words: dict[int, list[Word]] = {}
        self._context: ArticleContext | None = None

    def words(self, n: int) -> list[Word]:
        """The words of sentence `n` (no word spans two sentences: their concatenation is `tokenize(text)`)."""
        if n not in self._words:
            self._words[n] = tokenize(self.text, *self.spans[n])
        return self._words[n]

    @property
    def context(self) -> ArticleContext:
        if self._context is None:
            words = [w for n in range(len(self.spans)) for w in self.words(n)]
            self._context = ArticleContext.read(self.text, self.outlet, words)
        return self._context


def extract(text: str, outlet: str = "") -> list[Member]:
    """Every delegation member listed in `text`, in reading order.

    Args:
        text: an article (clean text).
        outlet: the article's outlet, whose country (data/lexicons/outlets.csv) is the side of a list when the
            article names no country at all.
    Returns:
        Members with side, title, name and the evidence sentence. Example: from
        "وعن الجانب الكوري الشمالي يشارك في المباحثات، رئيس الوزراء كيم دوك هون ووزيرة الخارجية تشوي سونغ هي."
        (On the North Korean side, Premier Kim Tok Hun and Foreign Minister Choe Son Hui take part) →
        [("كوريا الشمالية", "رئيس الوزراء", "كيم دوك هون"), ("كوريا الشمالية", "وزيرة الخارجية", "تشوي سونغ هي")].
    """
    view = arabic.fold_with_offsets(text)
    hits = [view.offset(m.start()) for m in trigger_pattern().finditer(view.text)]
    if not hits:
        return []
    article, members = _Article(text, outlet), []
    for n in sorted({arabic.sentence_at(article.spans, hit) for hit in hits} - {-1}):
        words = article.words(n)
        cues = find_cues(words)
        if not cues:
            continue
        start, end = article.spans[n]
        evidence = _SPACES.sub(" ", text[start:end]).strip()
        for cue, stop in _list_spans(words, cues):
            members.extend(_read_list(article, words[:stop], cue, evidence))
    return members


def _list_spans(words: list[Word], cues: list[Cue]) -> list[tuple[Cue, int]]:
    """Each cue with the index its list must end by: where the next cue starts. A cue that stands inside
    the fillers of the one before it is part of that cue's opening («ويرافق الرئيس في زيارته وفد يضم …»: the
    leader gives the side, «وفد يضم» only leads to the members). A frame read only after another cue (منهم …)
    is dropped when it comes first."""
    kept: list[Cue] = []
    reach = -1
    for cue in cues:
        if (kept and cue.begin < reach) or (cue.frame.after_cue and not kept):
            continue
        kept.append(cue)
        reach = max(skip_fillers(words, r.start) for r in cue.readings)
    return [(cue, kept[n + 1].begin if n + 1 < len(kept) else len(words)) for n, cue in enumerate(kept)]


def _read_list(article: _Article, words: list[Word], cue: Cue, evidence: str) -> list[Member]:
    """The members of the list a cue opens (its words end where the next cue starts).

    A cue may be read several ways (after «ويرافق ولي العهد الدكتور مساعد العيبان وزير الدولة …», is the
    doctor the leader or the first member?): the reading that leaves fewer incomplete items, then gives more
    members, wins.
    """
    best = None
    for rank, reading in enumerate(cue.readings):
        start = skip_fillers(words, reading.start)
        items, incomplete = parse_list(words, start)
        if items and _leader_name_read_as_member(reading, items):
            incomplete += 1
        score = (incomplete, -len(items), rank)
        if items and (best is None or score < best[0]):
            best = (score, reading, items, start)
    if best is None:
        return []
    _, reading, items, start = best
    offset = words[start].start  # where the first member starts
    side = article.context.resolve(reading, words, offset, [item.title for item in items])
    weak = reading.kind not in (NISBA, COUNTRY)  # a city in a title (حاكم دبي) or a leader's name counts only
    guest = leader_side(words, reading.value) if reading.kind == RECEPTION and reading.value else ""
    return [Member(_member_side(words, item, side, weak, guest), _phrase(words, item.title, dedupe=True),
                   _phrase(words, item.name, item.name_conj), evidence, cue.frame.name) for item in items]


def _member_side(words: list[Word], item: Item, side: str, weak: bool, guest: str) -> str:
    """A member's side: his own title's country, else (when the cue names none) the leader he is, else the
    list's. A diplomat posted to the list's own country receives for the guest's side (الملحق العسكري لدى
    المغرب, in Morocco, receiving the Saudi king, is Saudi)."""
    own = title_side(words, item.title, weak) or (name_side(words, item.name) if weak else "")
    if not own and guest and posted_to(words, item.title) == side:
        return guest
    return own or side


def _leader_name_read_as_member(reading: Reading, items: list[Item]) -> bool:
    """A reading that takes the leader's title alone and the leader's name for a first, untitled member
    (ويرافق الرئيس التركي | رجب طيب أردوغان …) counts as one incomplete item."""
    return reading.kind == LEADER and not reading.value.name and not items[0].title


def extract_corpus(articles: pd.DataFrame | pipeline.CleanStore, progress: bool | None = None,
                   jobs: int = 0) -> pd.DataFrame:
    """Delegation members of every article.

    Args:
        articles: a clean store (`pipeline.clean_store`: its shards are read on `jobs` worker processes through
            `arnews.runner`), or a DataFrame with doc_id and text (clean text) and optionally outlet.
        progress: show a progress bar on stderr; default: only for corpora of 1,000 articles or more.
        jobs: worker processes for a store (0: one per core; 1: this process only).
    Returns:
        DataFrame[doc_id, side, title, name, canonical_name, sector, evidence], by doc_id then reading order.
        The result does not depend on `jobs`.
    """
    if isinstance(articles, pipeline.CleanStore):
        shards = articles.shards
        show = len(articles.table) >= 1000 if progress is None else progress
        sizes = [path.stat().st_size for path in shards]
        rows = [row for part in runner.map_ordered(_shard_rows, shards, jobs=jobs, weights=sizes, desc="delegations",
                                                   progress=show) for row in part]
    else:
        show = len(articles) >= 1000 if progress is None else progress
        rows = _rows(articles, show)
    frame = pd.DataFrame(rows, columns=["doc_id", "side", "title", "name", "evidence"])
    frame["canonical_name"] = reconcile(frame["name"].tolist(), frame["title"].tolist())
    frame["sector"] = [sector(t) for t in frame["title"]]
    order = sorted(range(len(frame)), key=lambda i: frame["doc_id"].iat[i])  # stable: keeps reading order
    return frame.iloc[order][COLUMNS].reset_index(drop=True)


def _shard_rows(path) -> list[tuple[str, str, str, str, str]]:
    """The member rows of one shard of a clean store (run in a worker)."""
    return _rows(pipeline.read_shard(path), False)


def _rows(articles: pd.DataFrame, progress: bool) -> list[tuple[str, str, str, str, str]]:
    from tqdm import tqdm

    outlets = articles["outlet"] if "outlet" in articles else [""] * len(articles)
    rows = []
    for doc_id, text, outlet in tqdm(zip(articles["doc_id"], articles["text"], outlets, strict=True),
                                     total=len(articles), desc="delegations", unit="article", disable=not progress,
                                     file=sys.stderr, mininterval=5):
        rows.extend((str(doc_id), m.side, m.title, m.name, m.evidence)
                    for m in extract(str(text or ""), str(outlet or "")))
    return rows

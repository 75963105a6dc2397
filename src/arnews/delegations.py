"""Delegation lists: who took part, with which title, on which side.

News reports of official talks list the members of each delegation in one sentence:

    ويشارك من الجانب الروسي وزير الخارجية سيرغي لافروف، والنائب الأول لرئيس الوزراء دينيس مانتوروف …
    (Taking part on the Russian side: Foreign Minister Sergei Lavrov, First Deputy PM Denis Manturov …)

`extract(text)` finds such sentences by their cue (data/lexicons/delegation_cues.yaml), then reads the list
with a small grammar of Arabic official titles (data/lexicons/delegation_grammar.yaml): a title is a head noun
(وزير، نائب، رئيس، سفير …) followed by a genitive chain of definite words, further heads, construct nouns and
prepositional phrases; the name is what follows, up to a separator, a new title or a stop word. Items may be
joined by "،", by "و" or by both, and written title-first or name-first. People named outside such lists (a
quoted spokesman, a minister who visited earlier) are never members. Names are reconciled through
data/lexicons/entities.csv and each title is given a sector (data/lexicons/delegation_sectors.csv).

CLI: `python -m arnews delegations --corpus PATH --out FILE.csv`
→ `doc_id,side,title,name,canonical_name,sector,evidence`.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass
from functools import cache

import pandas as pd

from arnews import files, lexicons, pipeline
from arnews.errors import InputError

CLI_HELP = "extract delegation members (side, title, name, sector) from delegation-list sentences"

COLUMNS = ["doc_id", "side", "title", "name", "canonical_name", "sector", "evidence"]

#: Sector given to a title none of whose words is in delegation_sectors.csv.
OTHER_SECTOR = "other"
#: Side given to a list whose country cannot be told (e.g. "ويرافقه" with no antecedent in the sentence).
UNKNOWN_SIDE = ""

DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")  # harakat, dagger alef, tatweel
ALEF_FORMS = re.compile("[أإآٱ]")
TOKEN = re.compile(r"[\w\u064b-\u0652\u0670\u0640]+|[^\s\w]")
SENTENCE = re.compile(r"[^\n]+?(?:[.!?؟](?=\s|$)|$)", re.M)
SPACES = re.compile(r"\s+")
MACRO = re.compile(r"\{(\w+)\}")


# --- words -------------------------------------------------------------------------------------------


def strip_marks(word: str) -> str:
    """Remove diacritics and tatweel: "وفقًا" → "وفقا"."""
    return DIACRITICS.sub("", word)


def key(word: str) -> str:
    """Lookup form of a word: no diacritics, one alef: "أمين" → "امين", "وفقًا" → "وفقا"."""
    return ALEF_FORMS.sub("ا", strip_marks(word))


def is_definite(word: str) -> bool:
    """True for a word carrying the article, alone or after و/ف/ب/ل/ك: الخارجية، للحزب، والإعلام, بالديوان.

    Checked on the written form, where the article's alef bears no hamza, so the name ألكسندر is not definite.
    """
    bare = strip_marks(word)
    if bare.startswith("و") or bare.startswith("ف"):
        if bare[1:].startswith(("ال", "لل", "بال", "كال")):
            return True
    return bare.startswith(("ال", "لل", "بال", "كال")) and len(bare) > 3


@dataclass(frozen=True)
class Word:
    """A token read against the closed classes.

    text: the token as written. conj: it starts with the conjunction و/ف. stem: its lookup form without
    conjunction, preposition and article. cls: the closed class of the stem (head, construct, honorific,
    courtesy, modifier, preposition, stop, rank, separator, ender) or "" for an open-class word.
    definite: it carries the article.
    """

    text: str
    start: int
    end: int
    conj: bool
    stem: str
    cls: str
    definite: bool


def _stem(k: str) -> tuple[bool, str]:
    """Split a lookup form into (starts with و/ف, stem without clitics and article)."""
    conj = k[:1] in ("و", "ف") and len(k) > 3
    rest = k[1:] if conj else k
    for prefix in ("لل", "بال", "كال", "ال", "ل", "ب"):
        if rest.startswith(prefix) and len(rest) - len(prefix) >= 2:
            return conj, rest[len(prefix):]
    return conj, rest


@dataclass(frozen=True)
class Grammar:
    """The closed classes of delegation_grammar.yaml, as lookup sets (keys without diacritics)."""

    classes: dict[str, str]
    separators: frozenset[str]
    enders: frozenset[str]
    name_max_tokens: int
    folds: dict[str, str]
    ranks: frozenset[str]


def _lexicon_yaml(name: str, required: tuple[str, ...]) -> dict:
    """A YAML lexicon that must be a mapping with the `required` sections (else one clear InputError)."""
    data = lexicons.read_yaml(name)
    missing = [s for s in required if not isinstance(data, dict) or not data.get(s)]
    if missing:
        raise InputError(lexicons.path(name), f"missing or empty section(s): {', '.join(missing)}")
    return data


def _lexicon_csv(name: str, required: tuple[str, ...]) -> list[dict[str, str]]:
    """A CSV lexicon whose rows have the `required` columns (else one clear InputError)."""
    rows = lexicons.read_csv(name)
    missing = [c for c in required if not rows or c not in rows[0]]
    if missing:
        raise InputError(lexicons.path(name), f"missing column(s) or rows: {', '.join(missing)}")
    return rows


@cache
def grammar() -> Grammar:
    """The title grammar read from data/lexicons/delegation_grammar.yaml."""
    data = _lexicon_yaml("delegation_grammar.yaml", ("heads", "separators", "enders"))
    classes: dict[str, str] = {}
    for cls, section in (("head", "heads"), ("modifier", "title_modifiers"), ("construct", "construct_nouns"),
                         ("preposition", "title_prepositions"), ("courtesy", "courtesy"),
                         ("honorific", "honorifics"), ("rank", "rank_suffixes"), ("stop", "stops"),
                         ("pronoun", "pronouns_of_address")):
        for word in data.get(section) or {}:
            classes.setdefault(key(str(word)), cls)
    return Grammar(
        classes=classes,
        separators=frozenset(data["separators"]),
        enders=frozenset(data["enders"]),
        name_max_tokens=int(data.get("name_max_tokens", 7)),
        folds={key(a): key(b) for a, b in (data.get("name_folds") or {}).items()},
        ranks=frozenset(key(str(w)) for w in data.get("rank_suffixes") or {}),
    )


def classify(token: str, g: Grammar) -> tuple[bool, str, str]:
    """(conjunction?, stem, class) of one token.

    A token is taken whole when it is itself a class word (وزير، ولي); otherwise its clitics are peeled:
    "ووزيرة" → (True, "وزيرة", "head"), "لرئيس" → (False, "رئيس", "head"), "وون" → (False, "وون", "").
    Honorifics and courtesy words are listed with their article and matched on the whole word.
    """
    if token in g.separators:
        return False, token, "separator"
    if token in g.enders or not TOKEN.fullmatch(token) or not token[0].isalnum():
        return False, token, "ender"
    k = key(token)
    if k not in g.classes and k.endswith("ه") and k[:-1] + "ة" in g.classes:  # منطقه for منطقة
        k = k[:-1] + "ة"
    if k in g.classes:
        return False, k, g.classes[k]
    if k[:1] in ("و", "ف") and k[1:] in g.classes and g.classes[k[1:]] != "modifier":
        return True, k[1:], g.classes[k[1:]]
    conj, stem = _stem(k)
    cls = g.classes.get(stem, "")
    if cls in ("head", "construct") or (cls in ("courtesy", "pronoun") and not is_definite(token)):  # لسمو
        return conj, stem, cls
    if cls == "stop" and conj:  # وقال، وذلك
        return True, stem, "stop"
    return False, k, ""


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The words and punctuation of `text[start:end]`, classified, with offsets into `text`."""
    g = grammar()
    words = []
    for m in TOKEN.finditer(text, start, len(text) if end is None else end):
        conj, stem, cls = classify(m.group(), g)
        words.append(Word(m.group(), m.start(), m.end(), conj, stem, cls, is_definite(m.group())))
    return words


# --- known names of places and bodies ------------------------------------------------------------------


@cache
def _known_phrases() -> frozenset[tuple[str, ...]]:
    """Multi-word places, countries and organisations (entities.csv and the side countries), as key tuples."""
    phrases = set()
    for entity in lexicons.entities():
        if entity.type in ("place", "country", "organisation", "organization", "city"):
            phrases.update(tuple(key(w) for w in s.split()) for s in entity.spellings)
    for row in sides():
        phrases.add(tuple(key(w) for w in row["side"].split()))
    return frozenset(phrases)


def known_phrase_length(words: list[Word], i: int) -> int:
    """Length of the longest known place/organisation starting at words[i] (a ل/ب clitic allowed), else 0."""
    phrases = _known_phrases()
    for n in (4, 3, 2, 1):
        if i + n > len(words):
            continue
        keys = [key(w.text) for w in words[i:i + n]]
        for first in {keys[0], keys[0][1:] if keys[0][:1] in ("ل", "ب") else keys[0]}:
            if (first, *keys[1:]) in phrases:
                return n
    return 0


# --- the grammar of one list item ----------------------------------------------------------------------


@dataclass
class Item:
    """One list item: token index ranges of its title and its name (either may be empty)."""

    title: list[int]
    name: list[int]
    name_conj: bool = False  # the name's first word carries the conjunction (", وعادل الجبير وزير …")
    name_first: bool = False  # written NAME، TITLE


def _ends(w: Word) -> bool:
    return w.cls in ("separator", "ender", "stop")


def _continues_title(words: list[Word], i: int) -> bool:
    """Does words[i] look like the inside of a title (so a head before it opens one)?"""
    if i >= len(words):
        return False
    w = words[i]
    return (w.definite and w.cls not in ("honorific", "stop", "courtesy")) or w.cls in (
        "head", "construct", "modifier", "preposition")


def parse_title(words: list[Word], i: int) -> tuple[list[int], int]:
    """Read a title starting at the head words[i]; returns (token indices, next index).

    The chain goes on through definite words (الخارجية), heads (نائب وزير), construct nouns (مؤسسة، لحزب),
    head modifiers (أول، عام), coordinated definite words (الثقافة والإعلام) and prepositional phrases
    (في بيونغ يانغ، باسم الرئاسة). An indefinite head or construct noun needs a complement, so the word after
    it belongs to the title even when it is an indefinite proper noun (رئيس روسكوسموس).
    """
    title, need = [i], not words[i].definite
    i += 1
    while i < len(words):
        w = words[i]
        if _ends(w) or (w.cls == "honorific" and not need):
            break
        if w.conj:
            if w.definite and w.cls not in ("head", "honorific", "courtesy"):
                title.append(i)
                i, need = i + 1, False
                continue
            break
        if w.cls in ("head", "construct"):
            title.append(i)
            i, need = i + 1, not w.definite
            continue
        if w.cls == "modifier" and words[title[-1]].cls == "head":
            title.append(i)
            i += 1
            continue
        if w.cls == "preposition":
            title.append(i)
            i += 1
            span = known_phrase_length(words, i) or _definite_run(words, i) or (
                1 if i < len(words) and not _ends(words[i]) else 0)
            title.extend(range(i, i + span))
            i, need = i + span, False
            continue
        if w.definite and w.cls not in ("honorific", "courtesy"):
            title.append(i)
            i, need = i + 1, False
            continue
        if need:
            span = known_phrase_length(words, i) or 1
            title.extend(range(i, i + span))
            i, need = i + span, False
            continue
        break
    return title, i


def _stack_points(words: list[Word], title: list[int]) -> list[int]:
    """Positions in a title where a further head starts a new, stacked title: the chain before it is complete
    (its last word is definite or a proper-noun complement). "وزير الدولة عضو مجلس الوزراء" → [2]."""
    points = []
    for p in range(1, len(title)):
        before = words[title[p - 1]]
        if words[title[p]].cls == "head" and not words[title[p]].conj and (
                before.definite or before.cls not in ("head", "construct", "preposition", "modifier")):
            points.append(p)
    return points


def _definite_run(words: list[Word], i: int) -> int:
    n = 0
    while (i + n < len(words) and words[i + n].definite and not words[i + n].conj
           and words[i + n].cls not in ("separator", "ender", "stop", "honorific", "courtesy")):
        n += 1
    return n


def parse_name(words: list[Word], i: int, min_tokens: int = 2) -> tuple[list[int], int, bool]:
    """Read a name (honorifics first) starting at words[i]; returns (indices, next index, complete?).

    The name runs to a separator, a stop word, و + a head or honorific (the next item), or a bare head that
    opens a title once `min_tokens` name words are read (items joined by nothing). Not complete when it
    runs past name_max_tokens (then it is prose, not a name).
    """
    g = grammar()
    name, core = [], 0
    while i < len(words) and (words[i].cls == "honorific" or (name and key(words[i].text) in g.ranks)):
        name.append(i)
        i += 1
    first = i
    while i < len(words):
        w = words[i]
        if _ends(w) or w.cls == "preposition":
            break
        if w.conj and w.cls in ("head", "honorific", "courtesy") and (i > first or name):
            break
        if w.cls in ("head", "honorific", "courtesy") and core >= min_tokens and _continues_title(words, i + 1):
            break
        if w.cls == "honorific" and core:
            break
        if core >= 2 and key(w.text)[:1] == "و" and len(key(w.text)) >= 4:  # "… الفالح ومسؤولين": a new phrase
            break
        if core and key(w.text).startswith("لل"):  # "ميسون السويلم للاطلاع": ل + article never continues a name
            break
        if core >= g.name_max_tokens:
            return name, i, False
        name.append(i)
        core += 1
        i += 1
    return name, i, core > 0


def skip_courtesy(words: list[Word], i: int) -> int:
    """Skip forms of address before a title or a name: معالي، صاحب السمو الملكي (a courtesy word and the
    definite words after it)."""
    start = i
    while i < len(words) and (words[i].cls == "courtesy" or (
            i > start and words[i].definite and not words[i].conj and words[i].cls == "")):
        i += 1
    return i


def parse_item(words: list[Word], i: int, after_item: bool = False,
               name_first: bool = False) -> tuple[Item | None, int]:
    """Read one list item, title-first (وزير الخارجية سيرغي لافروف) or name-first (الدكتور عادل الطريفي،
    وزير الثقافة والإعلام); returns (item or None when no item starts here, next index).

    Args:
        after_item: an item precedes, so a name-first item's leading و is the conjunction (وعادل الجبير).
        name_first: the list is written name-first, so a name that looks like a head (ومساعد البراك مساعد
            أمين مجلس الوزراء) is first read as a name.
    """
    i = skip_courtesy(words, i)
    if i >= len(words):
        return None, i
    w = words[i]
    if w.cls == "head" and name_first and not w.definite:
        name, j, complete = parse_name(words, i)
        if complete and j < len(words) and words[j].cls == "head" and not words[j].conj and len(name) > 1:
            title, j = parse_title(words, j)
            return Item(title, name, w.conj, True), j
    if w.cls == "head":
        title, i = parse_title(words, i)
        if i < len(words) and words[i].cls not in ("separator", "ender", "stop") and not (
                words[i].conj and words[i].cls in ("head", "honorific")):
            name, i, complete = parse_name(words, i)
            return Item(title, name if complete else []), i
        return _name_from_stack(words, title), i
    if w.cls == "honorific" or (w.cls == "" and not w.definite):
        name_conj = after_item and w.cls == "" and key(w.text)[:1] == "و" and len(key(w.text)) > 3
        name, i, complete = parse_name(words, i)
        if not complete:
            return None, i
        j = i + 1 if i < len(words) and words[i].cls == "separator" else i
        j = skip_courtesy(words, j)
        if j < len(words) and words[j].cls == "head" and not words[j].conj:
            title, i = parse_title(words, j)
            return Item(title, name, name_conj, True), i
        return Item([], name, name_conj, True), i
    return None, i


def _name_from_stack(words: list[Word], title: list[int]) -> Item:
    """A title that ended without a name may have swallowed a name that looks like a head (مساعد البراك,
    أمين الناصر): when its last stacked head is followed by one or two open-class words, that head and those
    words are the name."""
    points = _stack_points(words, title)
    if points and 2 <= len(title) - points[-1] <= 3 and not any(words[i].cls for i in title[points[-1] + 1:]):
        return Item(title[:points[-1]], title[points[-1]:])
    return Item(title, [])


def parse_list(words: list[Word], i: int = 0) -> tuple[list[Item], int]:
    """Read list items from words[i] until something that is not an item; pair title-only and name-only
    neighbours ("وزيرة العدل السابقة، رشيدة داتي").

    Returns:
        (the items that have both a title and a name, the number of items left with only one of them).
    """
    items: list[Item] = []
    while i < len(words):
        while i < len(words) and words[i].cls == "separator":
            i += 1
        if i >= len(words) or words[i].cls in ("ender", "stop"):
            break
        item, nxt = parse_item(words, i, after_item=bool(items), name_first=bool(items) and items[-1].name_first)
        if item is None or nxt <= i:
            break
        items.append(item)
        i = nxt
    paired = _pair(items)
    complete = [item for item in paired if item.title and _core(words, item.name)]
    return complete, len(paired) - len(complete)


def _pair(items: list[Item]) -> list[Item]:
    paired: list[Item] = []
    for item in items:
        last = paired[-1] if paired else None
        if last and last.title and not last.name and item.name and not item.title:
            last.name = item.name
        elif last and last.name and not last.title and item.title and not item.name:
            last.title = item.title
        else:
            paired.append(item)
    return paired


def _core(words: list[Word], name: list[int]) -> list[int]:
    """The name without its honorifics and rank words."""
    ranks = grammar().ranks
    n = 0
    while n < len(name) and (words[name[n]].cls == "honorific" or (n and key(words[name[n]].text) in ranks)):
        n += 1
    return name[n:]


# --- cues and sides ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cue:
    name: str
    pattern: re.Pattern
    leader_follows: bool


@dataclass(frozen=True)
class CueBook:
    """delegation_cues.yaml compiled: the cues, the fillers, the adjectives that name no side."""

    cues: tuple[Cue, ...]
    fillers: tuple[re.Pattern, ...]
    not_sides: frozenset[str]
    triggers: re.Pattern  # words every cue contains: sentences without one are skipped at once


@cache
def cues() -> CueBook:
    """The list cues and fillers of data/lexicons/delegation_cues.yaml, compiled."""
    name = "delegation_cues.yaml"
    data = _lexicon_yaml(name, ("cues",))
    macros = data.get("macros") or {}

    def expand(pattern: str) -> str:
        for _ in range(3):
            pattern = MACRO.sub(lambda m: macros.get(m.group(1), m.group(0)), pattern)
        return pattern

    def compile_(pattern: str, what: str) -> re.Pattern:
        try:
            return re.compile(expand(str(pattern)))
        except re.error as err:
            raise InputError(lexicons.path(name), f"{what}: bad regular expression ({err})") from None

    compiled = []
    for n, c in enumerate(data["cues"]):
        if not isinstance(c, dict) or not c.get("pattern"):
            raise InputError(lexicons.path(name), f"cue #{n + 1} has no pattern")
        compiled.append(Cue(str(c.get("name", n + 1)), compile_(r"(?<!\w)" + str(c["pattern"]), f"cue {c.get('name')}"),
                            bool(c.get("leader_follows"))))
    triggers = data.get("triggers") or []
    trigger = re.compile("|".join(map(re.escape, triggers))) if triggers else re.compile("")
    return CueBook(tuple(compiled), tuple(compile_(f, "filler") for f in data.get("fillers") or ()),
                   frozenset(key(w) for w in data.get("not_sides") or ()), trigger)


@cache
def sides() -> tuple[dict[str, str], ...]:
    """Rows of data/lexicons/delegation_sides.csv (cue → side)."""
    return tuple(_lexicon_csv("delegation_sides.csv", ("cue", "side")))


@cache
def _side_index() -> dict[str, str]:
    return {" ".join(key(w) for w in row["cue"].split()): row["side"] for row in sides()}


def side_of(phrase: str) -> str | None:
    """The country of a nisba or leader: "الروسي" → "روسيا", "الكورية الشمالية" → "كوريا الشمالية",
    "بوتين" → "روسيا"; None when unknown."""
    index = _side_index()
    words = [key(w) for w in phrase.split()]
    for candidate in (words, [w[:-1] if w.endswith("ة") else w for w in words]):
        found = index.get(" ".join(candidate))
        if found:
            return found
    return None


def leader_side(words: list[Word], item: Item) -> str:
    """The side of a list led by an accompanied leader: from a nisba in the leader's title (الرئيس الروسي),
    the leader's name or one of its words (بوتين، فلاديمير بوتين), else the leader's name itself."""
    for i in item.title:
        found = side_of(words[i].text) if words[i].definite else None
        if found:
            return found
    if not item.name:
        cut = next((n for n, i in enumerate(item.title) if words[i].cls == "preposition"), len(item.title))
        title = _phrase(words, item.title[:cut])  # "الوزير في زيارته" → "الوزير"
        first = words[item.title[0]] if item.title else None
        if first and first.cls == "head" and key(first.text).startswith("ل") and not first.stem.startswith("ل"):
            title = ("ال" + title[2:]) if key(first.text).startswith("لل") else title[1:]  # لولي ولي العهد
        return title or UNKNOWN_SIDE
    name = " ".join(words[i].text for i in _core(words, item.name) or item.name)
    name = name[1:] if name.startswith("ل") and side_of(name[1:]) else name
    canonical = canonical_name(name)
    for candidate in (name, canonical, *reversed(name.split())):
        found = side_of(candidate)
        if found:
            return found
    return name or UNKNOWN_SIDE


# --- sentences → members -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    """One delegation member: side (country), title, name as written, and the list sentence."""

    side: str
    title: str
    name: str
    evidence: str


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: lines, cut after . ! ? ؟ followed by a space."""
    return [(m.start(), m.end()) for m in SENTENCE.finditer(text) if m.group().strip()]


def _cue_matches(text: str, start: int, end: int) -> list[tuple[int, int, Cue, re.Match]]:
    book, found = cues(), []
    for cue in book.cues:
        found.extend((m.start(), m.end(), cue, m) for m in cue.pattern.finditer(text, start, end)
                     if not (m.groupdict().get("side") and key(m.group("side").split()[0]) in book.not_sides))
    found.sort(key=lambda f: (f[0], -f[1]))
    kept, last_end = [], -1
    for match in found:
        if match[0] >= last_end:
            kept.append(match)
            last_end = match[1]
    return kept


def _skip_fillers(text: str, pos: int, end: int) -> int:
    fillers = cues().fillers
    moved = True
    while moved:
        moved = False
        for filler in fillers:
            m = filler.match(text, pos, end)
            if m and m.end() > pos:
                pos, moved = m.end(), True
    return pos


def _phrase(words: list[Word], indices: list[int], conj: bool = False, dedupe: bool = False) -> str:
    """The words at `indices` as one string, without a leading conjunction (that of a class word, or any
    when `conj`); with `dedupe`, a word repeated by mistake ("وزير الدفاع الدفاع") kept once."""
    out: list[str] = []
    for n, i in enumerate(indices):
        text = words[i].text
        if n == 0 and (words[i].conj or conj):
            text = strip_marks(text)[1:]
        if dedupe and out and key(out[-1]) == key(text):
            continue
        out.append(text)
    return " ".join(out)


def extract(text: str) -> list[Member]:
    """Every delegation member listed in `text`, in reading order.

    Args:
        text: an article (clean text).
    Returns:
        Members with side, title, name and the evidence sentence. Example: from
        "وعن الجانب الكوري الشمالي يشارك في المباحثات، رئيس الوزراء كيم دوك هون ووزيرة الخارجية تشوي سونغ هي."
        (On the North Korean side, Premier Kim Tok Hun and Foreign Minister Choe Son Hui take part) →
        [("كوريا الشمالية", "رئيس الوزراء", "كيم دوك هون"), ("كوريا الشمالية", "وزيرة الخارجية", "تشوي سونغ هي")].
    """
    members, triggers = [], cues().triggers
    if not triggers.search(text):
        return members
    for s_start, s_end in sentences(text):
        if not triggers.search(text, s_start, s_end):
            continue
        matches = _cue_matches(text, s_start, s_end)
        if not matches:
            continue
        evidence = SPACES.sub(" ", text[s_start:s_end]).strip()
        for n, (_, m_end, cue, match) in enumerate(matches):
            list_end = matches[n + 1][0] if n + 1 < len(matches) else s_end
            members.extend(_read_list(text, m_end, list_end, cue, match, evidence))
    return members


def _read_list(text: str, pos: int, end: int, cue: Cue, match: re.Match, evidence: str) -> list[Member]:
    """The members of the list that starts at `pos` (just after its cue) and ends by `end`.

    After a leader cue (ويرافق …) the leader may be read with or without a name (ويرافق ولي العهد الدكتور
    مساعد العيبان وزير الدولة … — is the doctor the leader or the first member?); the reading that leaves
    fewer incomplete items, then gives more members, wins.
    """
    if cue.leader_follows:
        words = tokenize(text, pos, end)
        readings = [(leader_side(words, leader), words[nxt].start if nxt < len(words) else end)
                    for leader, nxt in _leader_readings(words)]
    else:
        side = match.groupdict().get("side")
        readings = [((side_of(side) or side) if side else UNKNOWN_SIDE, pos)]
    best = None
    for rank, (side, start) in enumerate(readings):
        words = tokenize(text, _skip_fillers(text, start, end), end)
        items, incomplete = parse_list(words)
        score = (incomplete, -len(items), rank)
        if items and (best is None or score < best[0]):
            best = (score, side, words, items)
    if best is None:
        return []
    _, side, words, items = best
    return [Member(side, _phrase(words, item.title, dedupe=True), _phrase(words, item.name, item.name_conj),
                   evidence) for item in items]


def _leader_readings(words: list[Word]) -> list[tuple[Item, int]]:
    """Readings of the accompanied leader after يرافق: title and name (الرئيس الروسي فلاديمير بوتين), the
    title alone (ولي العهد), a name (بوتين), or a pronoun of address (سموه); with where the list starts."""
    if words and words[0].cls == "pronoun":  # رافق سموه …: the person was named before
        return [(Item([], []), 1)]
    i = skip_courtesy(words, 0)
    if i >= len(words):
        return []
    if words[i].cls == "head":
        title, j = parse_title(words, i)
        readings = [(Item(title, []), skip_courtesy(words, j))]
        if j < len(words) and words[j].cls not in ("head", "courtesy"):
            name, k, complete = parse_name(words, j, min_tokens=1)
            if complete:
                readings.insert(0, (Item(title, name), k))
        # the leader's title may run into the first member's (لولي العهد المستشار في الديوان الملكي …)
        readings += [(Item(title[:p], []), title[p]) for p in _stack_points(words, title)]
        return readings
    if words[i].cls in ("", "honorific"):  # بوتين، المعلم (a family name with the article)
        name, k, complete = parse_name(words, i, min_tokens=1)
        return [(Item([], name), k)] if complete else []
    return [(Item([], []), i)] if i > 0 else []


# --- reconciliation and sectors ------------------------------------------------------------------------


@cache
def _entity_index() -> dict[str, str]:
    index = {}
    for entity in lexicons.entities():
        for spelling in entity.spellings:
            index.setdefault(_name_key(spelling), entity.canonical)
    return index


def _name_key(name: str) -> str:
    return " ".join(key(w) for w in name.split())


def _fold(name: str) -> str:
    """Spelling-insensitive key for transliterated names (غ/ج, ى/ي …, from delegation_grammar.yaml)."""
    folds = grammar().folds
    return "".join(folds.get(c, c) for c in _name_key(name))


def strip_honorifics(name: str) -> str:
    """"الأمير عبدالعزيز بن سلمان" → "عبدالعزيز بن سلمان"; "الفريق أول ركن فياض الرويلي" → "فياض الرويلي"."""
    g = grammar()
    words = name.split()
    while words and (g.classes.get(key(words[0])) in ("honorific", "courtesy")
                     or (len(words) < len(name.split()) and key(words[0]) in g.ranks)):
        words = words[1:]
    return " ".join(words) or name


def canonical_name(name: str) -> str:
    """The entities.csv canonical spelling of a person's name, honorifics removed; the name itself when
    the lexicon does not know it. "أندريه بيلاوسوف" → "أندريه بيلوسوف"."""
    core = strip_honorifics(name)
    return _entity_index().get(_name_key(core), core)


def reconcile(names: list[str]) -> list[str]:
    """Canonical names for a column of names: the entities lexicon first; names it does not know are
    grouped by a folded spelling (سيرغي/سيرجي, ى/ي) and given the group's most frequent spelling."""
    canon = [canonical_name(n) for n in names]
    index = set(_entity_index().values())
    groups: dict[str, Counter] = {}
    for c in canon:
        if c not in index:
            groups.setdefault(_fold(c), Counter())[c] += 1
    best = {fold: min(counter, key=lambda s: (-counter[s], s)) for fold, counter in groups.items()}
    return [c if c in index else best[_fold(c)] for c in canon]


@cache
def _sector_keywords() -> tuple[tuple[tuple[tuple[bool, str], ...], str, bool], ...]:
    rows = []
    for row in _lexicon_csv("delegation_sectors.csv", ("keyword", "sector", "specific")):
        words = tuple((w.startswith("ال"), _stem(key(w))[1] if w.startswith(("ال", "لل")) else key(w))
                      for w in row["keyword"].split())
        rows.append((words, row["sector"].strip(), row["specific"].strip().lower() in ("yes", "true", "1")))
    return tuple(rows)


def _sector_forms(word: str) -> tuple[bool, set[str]]:
    """(definite?, the forms a title word may have without its clitics): "للشؤون" → (True, {"شؤون"}),
    "وزير" → (False, {"وزير", "زير"}), "لرئيس" → (False, {"لرئيس", "رئيس"})."""
    k = key(word)
    if is_definite(word):
        return True, {_stem(k)[1]}
    return False, {k, k[1:]} if k[:1] in ("و", "ف", "ل", "ب") else {k}


def sector(title: str) -> str:
    """The sector of a title from its words (delegation_sectors.csv): the first portfolio word wins over
    institution words. "نائب وزير الدفاع" → "defence", "النائب الأول لرئيس الوزراء" → "government",
    "مساعد الرئيس للشؤون الدولية" → "diplomacy"; "other" when no word is known."""
    tokens = [_sector_forms(w) for w in title.split()]
    best = None
    for words, name, specific in _sector_keywords():
        n = len(words)
        for pos in range(len(tokens) - n + 1):
            if all(kw in forms and (is_def or not definite)
                   for (is_def, forms), (definite, kw) in zip(tokens[pos:pos + n], words, strict=True)):
                rank = (not specific, pos, -n)
                if best is None or rank < best[0]:
                    best = (rank, name)
                break
    return best[1] if best else OTHER_SECTOR


# --- corpus level --------------------------------------------------------------------------------------


def extract_corpus(articles: pd.DataFrame | pipeline.CleanStore, progress: bool | None = None) -> pd.DataFrame:
    """Delegation members of every article.

    Args:
        articles: DataFrame with doc_id and text (clean text, see `clean.clean_corpus`), or a clean store.
        progress: show a tqdm bar on stderr; default: only for corpora of 1,000 articles or more.
    Returns:
        DataFrame[doc_id, side, title, name, canonical_name, sector, evidence], by doc_id then reading order.
    """
    from tqdm import tqdm

    if isinstance(articles, pipeline.CleanStore):
        articles = articles.articles()
    show = len(articles) >= 1000 if progress is None else progress
    rows = []
    for doc_id, text in tqdm(zip(articles["doc_id"], articles["text"], strict=True), total=len(articles),
                             desc="delegations", unit="article", disable=not show, file=sys.stderr, mininterval=5):
        rows.extend((str(doc_id), m.side, m.title, m.name, m.evidence) for m in extract(str(text or "")))
    frame = pd.DataFrame(rows, columns=["doc_id", "side", "title", "name", "evidence"])
    frame["canonical_name"] = reconcile(frame["name"].tolist())
    frame["sector"] = [sector(t) for t in frame["title"]]
    order = sorted(range(len(frame)), key=lambda i: frame["doc_id"].iat[i])  # stable: keeps reading order
    return frame.iloc[order][COLUMNS].reset_index(drop=True)


NOTHING_FOUND = "no delegation lists found"


def describe(members: pd.DataFrame, articles: pd.DataFrame) -> str:
    """One line for the reader: how many members, lists and articles, or that none were found."""
    if members.empty:
        return f"{NOTHING_FOUND} in {len(articles)} article{'' if len(articles) == 1 else 's'}"
    lists = members[["doc_id", "evidence"]].drop_duplicates().shape[0]
    return (f"{len(members)} members ({members['canonical_name'].nunique()} people) in {lists} delegation lists "
            f"of {members['doc_id'].nunique()} / {len(articles)} articles")


def lists(members: pd.DataFrame, articles: pd.DataFrame | None = None, top: int | None = None) -> pd.DataFrame:
    """One row per list (article, side): published date and outlet when known, member count, the people.

    Largest lists first; `top` keeps the first rows (large corpora).
    """
    columns = ["doc_id", "published", "outlet", "side", "members", "people"]
    if members.empty:
        return pd.DataFrame(columns=columns)
    table = (members.groupby(["doc_id", "side"], sort=False)
             .agg(members=("name", "size"), people=("canonical_name", "، ".join)).reset_index())
    meta = (articles[["doc_id", "published", "outlet"]] if articles is not None
            else pd.DataFrame(columns=["doc_id", "published", "outlet"]))
    table = table.merge(meta.astype({"doc_id": str}), on="doc_id", how="left")[columns]
    table = table.sort_values(["members", "doc_id"], ascending=[False, True], kind="stable").reset_index(drop=True)
    return table.head(top) if top else table


def main_article(members: pd.DataFrame) -> str | None:
    """The article whose lists name the most sides, then the most members (the meeting of two delegations)."""
    if members.empty:
        return None
    per_doc = members.groupby("doc_id").agg(sides=("side", "nunique"), members=("name", "size"))
    return str(per_doc.sort_values(["sides", "members"], ascending=False, kind="stable").index[0])


def delegation(members: pd.DataFrame, doc_id: str | None) -> pd.DataFrame:
    """The members listed in one article (side, n within the side, title, name, canonical_name, sector)."""
    table = members[members["doc_id"] == doc_id][["side", "title", "name", "canonical_name", "sector"]]
    table = table.assign(n=table.groupby("side", sort=False).cumcount() + 1)
    return table[["side", "n", "title", "name", "canonical_name", "sector"]].reset_index(drop=True)


def side_by_side(members: pd.DataFrame, doc_id: str | None) -> pd.DataFrame:
    """One article's delegations as columns: row n holds the n-th member of each side ("title — name")."""
    table = delegation(members, doc_id)
    if table.empty:
        return pd.DataFrame({NOTHING_FOUND: []})
    table = table.assign(member=table["title"] + " — " + table["name"])
    wide = table.pivot(index="n", columns="side", values="member")
    return wide[list(dict.fromkeys(table["side"]))].fillna("")


def other_lists(members: pd.DataFrame, doc_id: str | None, top: int = 40) -> pd.DataFrame:
    """Members of the lists outside article `doc_id` (e.g. the officials accompanying a leader), first `top`."""
    rest = members[members["doc_id"] != doc_id][["doc_id", "side", "title", "name", "canonical_name", "sector"]]
    return rest.head(top).reset_index(drop=True)


def appearances(members: pd.DataFrame, top: int | None = 25, max_articles: int = 12) -> pd.DataFrame:
    """Person × article: how often each canonical name is listed in each article.

    People listed most (then by name) come first, `top` of them; columns are the `max_articles` articles
    that list most of those people (all of them on a small corpus).
    """
    if members.empty:
        return pd.DataFrame({NOTHING_FOUND: []})
    table = pd.crosstab(members["canonical_name"], members["doc_id"])
    order = sorted(table.index, key=lambda name: (-int((table.loc[name] > 0).sum()), -int(table.loc[name].sum()),
                                                    name))
    table = table.loc[order[:top] if top else order]
    keep = sorted(table.columns, key=lambda doc: (-int((table[doc] > 0).sum()), doc))[:max_articles]
    return table[sorted(keep)]


def sector_counts(members: pd.DataFrame, top_sides: int = 4) -> pd.DataFrame:
    """Members per sector (rows, largest first) and side (columns: the `top_sides` largest sides; the
    rest summed as "other sides"; an unknown side shown as "?")."""
    if members.empty:
        return pd.DataFrame()
    sides_ = members["side"].replace("", "?")
    sizes = sides_.value_counts()
    largest = sorted(sizes.index, key=lambda side: (-sizes[side], side))[:top_sides]
    table = pd.crosstab(members["sector"], sides_.where(sides_.isin(largest), "other sides"))
    table = table[[s for s in largest if s in table.columns] + [c for c in table.columns if c not in largest]]
    return table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]


def plot_sectors(counts: pd.DataFrame, title: str = "Delegation members by sector"):
    """Grouped horizontal bars, laid out right to left: one group per sector, one bar per side.

    Args:
        counts: `sector_counts(...)` (sectors × sides).
        title: figure title.
    Returns:
        The matplotlib Figure ("no delegation lists found" drawn when `counts` is empty).
    """
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.ticker import MaxNLocator

    from arnews import plotting

    sectors, sides_ = list(counts.index), list(counts.columns)
    fig, ax = plt.subplots(figsize=(7.5, 0.36 * len(sectors) * max(1, len(sides_)) ** 0.5 + 1.6),
                           layout="constrained")
    if not sectors:
        ax.set_axis_off()
        ax.text(0.5, 0.5, NOTHING_FOUND, ha="center", va="center", transform=ax.transAxes, color="0.4")
        ax.set_title(plotting.ar(title), loc="right")
        return fig
    height = 0.8 / len(sides_)
    base = np.arange(len(sectors))
    for n, side in enumerate(sides_):
        bars = ax.barh(base + n * height, counts[side].to_numpy(), height=height, label=plotting.ar(side))
        ax.bar_label(bars, labels=[str(v) if v else "" for v in counts[side]], padding=2, fontsize=8)
    ax.set_yticks(base + height * (len(sides_) - 1) / 2, plotting.ar_labels(sectors))
    ax.invert_yaxis()
    plotting.rtl_axes(ax, title=title, xlabel="members", flip_x=True)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(title="side", loc="lower left")
    for spine in ("top", "left"):
        ax.spines[spine].set_visible(False)
    return fig


# --- CLI -----------------------------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from arnews.cli import add_corpus_argument, add_strict_argument

    add_corpus_argument(parser)
    parser.add_argument("--out", required=True, metavar="FILE.csv",
                        help="where to write doc_id,side,title,name,canonical_name,sector,evidence")
    add_strict_argument(parser)


def run(args: argparse.Namespace) -> int:
    from arnews import clean, corpus

    files.check_output_path(args.out, args.corpus)
    articles = corpus.load(args.corpus, strict=getattr(args, "strict", False))
    clean_articles, _ = clean.clean_corpus(articles)
    members = extract_corpus(clean_articles)
    files.write_csv(members, args.out)
    lists = members[["doc_id", "evidence"]].drop_duplicates().shape[0]
    print(f"{len(members)} delegation members in {lists} list sentences of "
          f"{members['doc_id'].nunique()} / {len(articles)} articles → {args.out}")
    return 0

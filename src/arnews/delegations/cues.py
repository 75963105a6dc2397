"""Where a list opens: the cue frames of delegation_cues.yaml matched on the words of a sentence.

A frame is a sequence of parts (verb, delegation or meeting noun, adjectives, side phrase, leader …; see
the file's header). `find_cues(words)` returns every frame that matches, with its *readings*: where the list
may start and what the cue says of its side (a nisba or country, the accompanied leader, a pronoun whose
antecedent is in an earlier sentence, or nothing: then the article's context decides). After the frame,
`skip_fillers` reads over the phrases that stand before the first member ("خلال الزيارة", "كلا من").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from arnews import arabic, lexicons
from arnews.delegations.items import Item, parse_name, parse_title, skip_courtesy, stack_points
from arnews.delegations.lexicon import CueBook, Frame, Part, countries, cue_book, nisba_forms, side_table
from arnews.delegations.words import Word, named_place
from arnews.errors import InputError

__all__ = ["PLACE_PREPOSITIONS", "Cue", "Reading", "country_at", "courtesy_of", "find_cues", "leader_readings",
           "nisba_at", "place_at", "skip_fillers", "trigger_pattern"]

#: Kinds of side evidence a reading carries.
NISBA, COUNTRY, LEADER, PRONOUN, HOST, RECEPTION, DELEGATION = (
    "nisba", "country", "leader", "pronoun", "host", "reception", "delegation")
_SENTENCE_ENDS = frozenset(".!?؟")
_PLACE_BREAKS = frozenset({"head", "honorific", "courtesy", "separator", "ender", "stop", "joiner", "pronoun"})


@dataclass(frozen=True)
class Reading:
    """One way to read a cue: the list starts at word `start`; the side comes from `kind` (nisba, country,
    leader, pronoun, host, reception or delegation) with `value` (the country for nisba/country; the leader's
    Item for leader, and for reception the received leader's Item when one is named)."""

    start: int
    kind: str
    value: object = None


@dataclass(frozen=True)
class Cue:
    """A frame matched at words[begin:end] (its own words), with its readings (best first)."""

    frame: Frame
    begin: int
    end: int
    readings: tuple[Reading, ...]


@cache
def _nisbas() -> dict[str, str]:
    """Folded nisba form (one or two words) → side."""
    out: dict[str, str] = {}
    for country in countries():
        for nisba in country.nisbas:
            for form in nisba_forms(nisba):
                out.setdefault(form, country.side)
    return out


def nisba_at(words: list[Word], i: int, definite: bool = False) -> tuple[str, int]:
    """(side, words read) for a nisba at words[i] (two words first: الكوري الشمالي), else ("", 0). With
    `definite`, only a nisba with the article: outside a cue «تركي» is more often the name Turki."""
    table = _nisbas()
    if definite and not words[i].definite:
        return "", 0
    for n in (2, 1):
        if i + n <= len(words) and not words[i].conj:
            found = table.get(" ".join(w.form for w in words[i:i + n]))
            if found:
                return found, n
    return "", 0


def country_at(words: list[Word], i: int) -> tuple[str, int]:
    """(side, words read) for a country named at words[i], with a ل/ب proclitic allowed (لمصر، بدولة قطر)."""
    return _name_at(words, i, side_table("names", "bodies"))


def place_at(words: list[Word], i: int) -> tuple[str, int]:
    """(side, words read) for a place (city, region) at words[i], with a ل/ب proclitic allowed (بجاكرتا)."""
    return _name_at(words, i, side_table("places"))


def _name_at(words: list[Word], i: int, table: dict[str, str]) -> tuple[str, int]:
    for n in (4, 3, 2, 1):
        if i + n > len(words):
            continue
        forms = [w.form for w in words[i:i + n]]
        for head in dict.fromkeys((forms[0], forms[0][1:] if forms[0][:1] in ("ل", "ب") else forms[0],
                                   "ال" + forms[0][2:] if forms[0].startswith("لل") else forms[0])):
            found = table.get(" ".join((head, *forms[1:])))
            if found:
                return found, n
    return "", 0


def _bare(w: Word) -> str:
    """The word without its conjunction (وكما → كما, ويضم → يضم)."""
    return w.form[1:] if w.form[:1] in ("و", "ف") and len(w.form) > 2 else w.form


def _with_pronoun(form: str, pronouns: tuple[str, ...]) -> set[str]:
    """A verb or noun with an object/possessive pronoun: حضر → حضره; برفقة → برفقته."""
    base = form[:-1] + "ت" if form.endswith(("ة", "ه")) else form
    return {base + p for p in pronouns}


@cache
def _pronoun_forms(part: Part) -> frozenset[str]:
    return frozenset(f for form in part.words if " " not in form for f in _with_pronoun(form, cue_book().pronouns))


def _match_words(words: list[Word], i: int, forms: frozenset[str], conj_ok: bool = True) -> int:
    """Words read when a form of `forms` (one or more words) starts at words[i], else 0."""
    if i >= len(words):
        return 0
    first = words[i].form
    for n in (3, 2, 1):
        if i + n > len(words):
            continue
        rest = [w.form for w in words[i + 1:i + n]]
        for head in (first, _bare(words[i]) if conj_ok else first):
            if " ".join((head, *rest)) in forms:
                return n
    return 0


def leader_readings(words: list[Word], i: int) -> list[tuple[Item, int]]:
    """Readings of the accompanied leader at words[i]: title and name (الرئيس الروسي فلاديمير بوتين), the
    title alone (ولي العهد) or a name (بوتين); with where the list starts.

    The leader's title may run into the first member's (لولي العهد المستشار في الديوان الملكي …): each stacked
    head is also tried as the start of the list. When a filler follows the leader within reach, the list is
    first read after it: what stands before it is the leader (or two of them).
    """
    readings = _leader_readings(words, i)
    ahead = _filler_ahead(words, i)
    if ahead and all(start < ahead for _, start in readings):  # «استقبال سمو ولي العهد وصاحب السمو … لدى
        readings.insert(0, (Item([], list(range(i, ahead))), ahead))  # وصولهما»: two guests, then the list
    return readings


#: How far after a leader a filler may announce the list (words).
_FILLER_REACH = 25


def _filler_ahead(words: list[Word], i: int) -> int:
    """The start of the first filler of two words or more («لدى وصولهما», «- أيده الله -») within reach after
    words[i], with nothing that ends a sentence or opens a clause before it; 0 when none."""
    for j in range(i + 1, min(i + _FILLER_REACH, len(words))):
        if words[j].cls in ("ender", "stop") and words[j].text not in "-–":
            return 0
        if skip_fillers(words, j) > j + 1:
            return j
    return 0


def _leader_readings(words: list[Word], i: int) -> list[tuple[Item, int]]:
    j = skip_courtesy(words, i)
    if j >= len(words):
        return []
    if words[j].cls in ("head", "construct"):  # construct: خادم الحرمين الشريفين
        title, k = parse_title(words, j)
        readings = [(Item(title, []), skip_courtesy(words, k))]
        if k < len(words) and words[k].cls not in ("head", "courtesy", "separator", "ender", "stop"):
            name, m, complete = parse_name(words, k, min_tokens=1)
            if complete:
                readings.insert(0, (Item(title, name), m))
        readings += [(Item(title[:p], []), title[p]) for p in stack_points(words, title)]
        return readings
    if words[j].cls in ("", "honorific"):  # بوتين، المعلم (a family name with the article)
        name, k, complete = parse_name(words, j, min_tokens=1)
        if not complete:
            return []
        # the name may end where a filler starts: «في استقبال الطائرة | لحظة وصولها نائب رئيس …»
        shorter = [(Item([], name[:n]), name[n]) for n in range(1, len(name)) if skip_fillers(words, name[n]) > name[n]]
        return [(Item([], name), k), *shorter]
    return [(Item([], []), j)] if j > i else []


def _part(book: CueBook, part: Part, words: list[Word], i: int) -> Iterator[tuple[int, tuple]]:
    """Every way `part` can be read at words[i]: (next index, side evidence or ())."""
    if part.kind in ("words", "verb", "noun"):
        if part.pronoun:
            if i < len(words) and (words[i].form in _pronoun_forms(part) or _bare(words[i]) in _pronoun_forms(part)) \
                    and not words[i].text.endswith("ة"):  # «حضرة» (His Presence) is no «حضره» (attended it)
                yield i + 1, (PRONOUN,)
            return
        n = _match_words(words, i, part.words)
        if n:
            yield i + n, ()
    elif part.kind == "opener":
        if i < len(words) and (words[i].form in book.openers or _bare(words[i]) in book.openers):
            yield i + 1, ()
    elif part.kind == "adjectives":
        j, side = i, ()
        while j < len(words):
            found, n = nisba_at(words, j)
            if found and not side:
                side, j = (NISBA, found), j + n
            elif words[j].form in book.not_sides:
                j += 1
            else:
                break
        if j > i:
            yield j, side
    elif part.kind == "country":
        found, n = country_at(words, i)
        if found:
            yield i + n, (COUNTRY, found)
    elif part.kind == "side":
        if i + 1 < len(words) and _bare(words[i]) in book.side_prepositions:
            if words[i + 1].form in book.side_nouns:
                found, n = nisba_at(words, i + 2)
                if found:
                    yield i + 2 + n, (NISBA, found)
            else:
                found, n = country_at(words, i + 1)
                if found:
                    yield i + 1 + n, (COUNTRY, found)
    elif part.kind in ("leader", "of_leader"):
        if part.kind == "of_leader":
            if i >= len(words) or not words[i].form.startswith("ل"):
                return
            if words[i].form in ("له", "لها", "لهم"):
                yield i + 1, (PRONOUN,)
                return
        if i < len(words) and words[i].cls == "pronoun":  # سموه، لسموه: the person was named before
            yield i + 1, (PRONOUN, courtesy_of(words[i].stem))
            return
        for item, start in leader_readings(words, i):
            yield start, (LEADER, item)
    elif part.kind == "any":
        j = i
        yield j, ()
        while j < len(words) and j - i < part.most and words[j].text not in _SENTENCE_ENDS:
            j += 1
            yield j, _side_within(words, i, j)
    elif part.kind == "complement":
        j = i + 1 if i < len(words) and words[i].form == "من" else i
        while j < len(words) and j - i < 6 and words[j].cls not in _PLACE_BREAKS and words[j].form != "من":
            j += 1
        for end in range(j, i, -1):
            yield end, _side_within(words, i, end)
    elif part.kind == "genitive":  # التشييع، تسليم المساعدات: a definite word, or an indefinite one and its own
        if i < len(words) and not words[i].cls and not words[i].conj and not nisba_at(words, i)[0]:
            if words[i].definite:
                yield i + 1, ()
            elif i + 1 < len(words) and words[i + 1].definite and not words[i + 1].cls and not words[i + 1].conj:
                yield i + 2, ()
    elif part.kind == "place":
        named = named_place(words, i)
        if named:
            yield named, ()
            return
        j = i
        while j < len(words) and j - i < 4 and words[j].cls not in _PLACE_BREAKS:
            j += 1
        if j < len(words) and words[j].text == "(":  # مقر قيادة ( قوة الواجب 10 )
            close = next((k for k in range(j + 1, min(j + 8, len(words))) if words[k].text == ")"), 0)
            j = close + 1 if close else j
        for end in range(j, i, -1):
            yield end, ()


#: Prepositions of place: a country up to three words after one is where, not whose (غادرت … إلى النمسا);
#: «بعثة الاتحاد … في إيطاليا» says where the delegation is, not whose it is.
PLACE_PREPOSITIONS = frozenset({"في", "الي", "لدي"})


def _side_within(words: list[Word], i: int, end: int) -> tuple:
    """The first nisba or country in words[i:end] that is not a place gone to or stayed in."""
    where = -9
    for j in range(i, end):
        if words[j].form in PLACE_PREPOSITIONS:
            where = j
            continue
        if j - where <= 3:
            continue
        for kind, (found, _) in ((NISBA, nisba_at(words, j)), (COUNTRY, country_at(words, j))):
            if found:
                return kind, found
    return ()


#: How much a cue's evidence says about a side: a named country beats a leader, a leader beats a pronoun.
_STRENGTH = {NISBA: 3, COUNTRY: 3, LEADER: 2, PRONOUN: 1}


def _stronger(evidence: tuple, than: tuple) -> bool:
    return bool(evidence) and (not than or _STRENGTH.get(evidence[0], 0) > _STRENGTH.get(than[0], 0))


def _match(book: CueBook, parts: tuple[Part, ...], words: list[Word], i: int,
           side: tuple = ()) -> Iterator[tuple[int, tuple]]:
    """Every (end, side evidence) of `parts` read from words[i] (the strongest evidence is kept, the first of
    equal ones: «كما حضره من الجانب الأمريكي» is on the American side, whoever «ه» is)."""
    if not parts:
        yield i, side
        return
    part, rest = parts[0], parts[1:]
    for j, evidence in _part(book, part, words, i):
        yield from _match(book, rest, words, j, evidence if _stronger(evidence, side) else side)
    if part.optional:
        yield from _match(book, rest, words, i, side)


def courtesy_of(pronoun: str) -> str:
    """The form of address a pronoun of address stands for (folded): سموه → سمو, معاليه → معالي, فخامته →
    فخامة, سموها → سمو."""
    base = pronoun.removesuffix("ها") if pronoun.endswith("ها") else pronoun.removesuffix("ه")
    return base[:-1] + "ة" if base.endswith("ت") else base


def _default_kind(frame: Frame) -> str:
    """Where the side of a list comes from when its cue names none: the delegation mentioned before
    (ويضم الوفد …), or the host of the meeting (حضر اللقاء …, وكان في استقباله …)."""
    kinds = {p.kind for p in frame.parts} | {p.name for p in frame.parts}
    return DELEGATION if "delegation" in kinds and "meeting" not in kinds else HOST


def find_cues(words: list[Word]) -> list[Cue]:
    """The cues of a sentence (its words), in order, none overlapping another (the longest wins)."""
    book = cue_book()
    starters = _starters()
    found = []
    for begin in range(len(words)):
        first, bare = starters.get(words[begin].form, ()), starters.get(_bare(words[begin]), ())
        for frame in first + tuple(f for f in bare if all(f is not g for g in first)):
            if frame.needs_conjunction and not (words[begin].conj or words[begin].form[:1] == "و"):
                continue
            readings = {}
            for end, side in _match(book, frame.parts, words, begin):
                if end <= begin:
                    continue
                kind, value = (side[0], side[1] if len(side) > 1 else None) if side else (_default_kind(frame), None)
                if frame.host_side:  # the list is the host's; the received leader (if named) is kept as value
                    kind, value = RECEPTION, (value if kind == LEADER else None)
                readings.setdefault(end, Reading(end, kind, value))
            if readings:
                ordered = sorted(readings.values(), key=lambda r: -r.start)
                core_end = min(r.start for r in ordered)
                found.append(Cue(frame, begin, core_end, tuple(ordered)))
    found.sort(key=lambda c: (c.begin, -c.end))
    kept, last = [], -1
    for cue in found:
        if cue.begin >= last:
            kept.append(cue)
            last = cue.end
    return kept


@cache
def _starters() -> dict[str, tuple[Frame, ...]]:
    """Folded word → the frames that can start with it (their first part, or a later one when the parts
    before it are optional), so a sentence tries only the frames its words can open."""
    book = cue_book()
    index: dict[str, list[Frame]] = {}
    for frame in book.frames:
        first: set[str] = set()
        for part in frame.parts:
            if part.kind in ("words", "verb", "noun"):
                first |= _pronoun_forms(part) if part.pronoun else {w.split()[0] for w in part.words}
            elif part.kind == "opener":
                first |= book.openers
            elif part.kind == "side":
                first |= book.side_prepositions
            else:
                raise InputError(lexicons.path("delegation_cues.yaml"),
                                 f"frame {frame.name}: it may not start with the part «{part.name}»")
            if not part.optional:
                break
        for word in first:
            index.setdefault(word, []).append(frame)
    return {word: tuple(frames) for word, frames in index.items()}


def skip_fillers(words: list[Word], i: int) -> int:
    """The index of the first member: fillers read over from words[i], each as far as it reaches, again
    and again."""
    book = cue_book()
    moved = True
    while moved and i < len(words):
        moved = False
        for filler in book.fillers:
            end = max((j for j, _ in _match(book, filler, words, i)), default=i)
            if end > i:
                i, moved = end, True
                break
    return i


@cache
def trigger_pattern() -> re.Pattern:
    """A pattern over folded text that every sentence holding a cue matches (a quick first pass): a trigger
    word as a whole word, with its proclitics and an attached pronoun (ويضم، حضره، برفقته)."""
    book = cue_book()
    pronouns = "|".join(book.pronouns)
    stems = sorted({t.removesuffix("ة").removesuffix("ه") for t in book.triggers})  # ة becomes ت before a pronoun
    return re.compile(rf"(?<!\w){arabic.PROCLITIC}(?:{arabic.trie_pattern(stems)})"
                      rf"(?:ة|ه|ت?(?:{pronouns}))?(?!\w)")

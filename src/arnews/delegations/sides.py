"""Sides as countries: which country a delegation list (and each of its members) speaks for.

The side of a list comes, in this order, from
1. its cue: a nisba or a country (من الجانب الروسي، الوفد السعودي، وفد البحرين, عن مصر);
2. the leader its cue names (الوفد المرافق للرئيس التركي، ويرافق بوتين، بمعية ولي ولي العهد): a leader of
   data/lexicons/leaders.csv, a nisba or a country in the leader's title (الرئيس الروسي، أمير دولة قطر), or the
   same title written with a name elsewhere in the article (ولي العهد … ولي العهد الأمير محمد بن نايف);
3. the article: a pronoun (ورافقه، بمعية سموه) points to the last leader named before it; a list that
   receives or attends (حضر اللقاء، وكان في استقباله) is the host's: the country of the dateline
   («الرياض - واس»), else of the first leader named, else the country the article names most; a definite
   «الوفد» with no nisba is the delegation named before (وصل وفد سعودي …).
A member whose own title names a country (سفير مصر لدى المملكة، وزير الخارجية الإماراتي) is given that country.
When none of these says anything, the side is empty — never a word of the text that is no country.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from arnews import arabic
from arnews.delegations.cues import (
    COUNTRY,
    DELEGATION,
    HOST,
    LEADER,
    NISBA,
    PRONOUN,
    Reading,
    country_at,
    nisba_at,
    place_at,
)
from arnews.delegations.items import Item
from arnews.delegations.lexicon import cue_book, leader_index, lexicon_words, sides
from arnews.delegations.words import Word, tokenize

__all__ = ["UNKNOWN_SIDE", "ArticleContext", "leader_side", "side_of", "title_side"]

#: Side given to a list whose country the text does not tell.
UNKNOWN_SIDE = ""
#: Prepositions after which a country is where a diplomat serves, not whom he represents (سفير … لدى مصر).
_POSTING = frozenset({"في", "لدي", "الي", "بين", "مع", "عن", "من"})
#: Words after which the country is the diplomat's own again (القائم بالأعمال في سفارة المملكة لدى قطر).
_EMBASSY = frozenset(arabic.fold_words(["سفارة", "بسفارة", "قنصلية", "بقنصلية"]))
#: Words that hold a dateline: the first line of an article when it is this short (characters).
_DATELINE_CHARS = 100
_DATELINE_MARK = re.compile(r"[-–—:]")


@cache
def _places() -> dict[str, str]:
    out: dict[str, str] = {}
    for country in sides():
        for place in (*country.names, *country.places):
            out.setdefault(arabic.phrase_key(place), country.side)
    return out


def side_of(phrase: str) -> str:
    """The country a nisba, country name or leader names: "الروسي" → "روسيا", "الكورية الشمالية" →
    "كوريا الشمالية", "بوتين" → "روسيا", "سلطنة عمان" → "عمان"; "" when it names none."""
    words = tokenize(phrase)
    for i in range(len(words)):
        for found, _ in (nisba_at(words, i), country_at(words, i)):
            if found:
                return found
    mentions = leader_index().find(phrase)
    return mentions[0].entity.type if mentions else UNKNOWN_SIDE


def _leader_in(text: str) -> str:
    mentions = leader_index().find(text)
    return mentions[0].entity.type if mentions else ""


def leader_side(words: list[Word], item: Item) -> str:
    """The country of an accompanied leader: a leader of leaders.csv named in his title or name (خادم الحرمين
    الشريفين، بوتين), else a nisba or country in his title (الرئيس الروسي، أمير دولة قطر); "" when unknown."""
    indices = item.title + item.name
    if not indices:
        return ""
    phrase = " ".join(words[i].text for i in indices)
    found = _leader_in(phrase)
    if found:
        return found
    for i in item.title:
        for side, _ in (nisba_at(words, i), country_at(words, i)):
            if side:
                return side
    return ""


def title_side(words: list[Word], title: list[int], places: bool = False) -> str:
    """The country a member's own title names, if any: a nisba or country that is not the place of a posting
    (سفير مصر لدى السعودية → مصر; الملحق العسكري السعودي في الأردن → السعودية), or a leader's office (سفير خادم
    الحرمين الشريفين لدى مصر → السعودية); with `places`, also a city or region (محافظ جدة → السعودية)."""
    if not title:
        return ""
    posting, skipping = _is_posting(words, title), False
    for i in title:
        w = words[i]
        if w.form == "لدي" or (posting and w.form in _POSTING):
            skipping = True  # the place of the posting runs to the next head
            continue
        if w.form == "في" or w.form == "الي":
            skipping = places  # «… الصادرة في لندن»: a place after في is where, not whose
            continue
        if skipping and (w.cls != "head" or w.conj) and w.form not in _EMBASSY:
            continue
        skipping = False
        lookups = (nisba_at, country_at, place_at) if places else (nisba_at, country_at)
        for lookup in lookups:
            side, _ = lookup(words, i)
            if side:
                return side
    return _leader_in(" ".join(words[i].text for i in title))


@cache
def _posting_heads() -> frozenset[str]:
    return frozenset(arabic.fold_words(lexicon_words("posting_heads")))


def _is_posting(words: list[Word], title: list[int]) -> bool:
    """Is the title a diplomatic posting (سفير، قنصل، ملحق، مندوب …), whose «في/لدى + country» is where it
    serves?"""
    return any(words[i].stem in _posting_heads() or words[i].form in _posting_heads() for i in title[:3])


@dataclass
class ArticleContext:
    """What an article says about countries, read once when a list needs it: its dateline, the leaders it
    names (with offsets), the delegations it names with their country, and how often it names each country.
    """

    text: str
    dateline: str = ""
    leaders: list[tuple[int, str]] = field(default_factory=list)  # (offset, side) in text order
    delegations: list[tuple[int, str]] = field(default_factory=list)  # (offset, side) of «وفد + nisba»
    counts: Counter = field(default_factory=Counter)
    first: dict[str, int] = field(default_factory=dict)

    @classmethod
    def read(cls, text: str) -> ArticleContext:
        context = cls(text)
        context.dateline = _dateline(text)
        for mention in leader_index().find(text):
            context.leaders.append((mention.start, mention.entity.type))
        words = tokenize(text)
        delegation = _delegation_nouns()
        for i, w in enumerate(words):
            side, n = nisba_at(words, i)
            if not side:
                side, n = country_at(words, i)
                if not side and w.form in _places():
                    side = _places()[w.form]
            if side:
                context.counts[side] += 1
                context.first.setdefault(side, w.start)
            if w.form in delegation or (w.conj and w.form[1:] in delegation):
                found = _near_side(words, i + 1)
                if found:
                    context.delegations.append((w.start, found))
            if w.cls == "head" and not w.conj and i + 1 < len(words):  # الرئيس الروسي، العاهل الأردني
                side, _ = nisba_at(words, i + 1)
                if side and _is_leader_title(w):
                    context.leaders.append((w.start, side))
        context.leaders.sort()
        return context

    def host(self) -> str:
        """The side of a list that receives or attends: the dateline's country, else the first leader's, else
        the country named most (first named on a tie); "" when the article names none."""
        if self.dateline:
            return self.dateline
        if self.leaders:
            return self.leaders[0][1]
        if self.counts:
            return min(self.counts, key=lambda s: (-self.counts[s], self.first[s]))
        return UNKNOWN_SIDE

    def antecedent(self, offset: int) -> str:
        """The country of the last leader named before `offset` (the person «ه» or «سموه» refers to)."""
        before = [side for start, side in self.leaders if start < offset]
        return before[-1] if before else self.host()

    def delegation(self, offset: int) -> str:
        """The country of the last delegation named with its country before `offset` (وصل وفد سعودي …)."""
        before = [side for start, side in self.delegations if start < offset]
        return before[-1] if before else self.host()

    def same_title(self, words: list[Word], item: Item) -> str:
        """The country of a leader named by title alone (ولي العهد), from the same title written elsewhere in
        the article with a nisba, a country or a known name after it."""
        if not item.title:
            return ""
        title = " ".join(arabic.fold(words[i].text) for i in item.title)
        title = title[1:] if title.startswith("ل") and not title.startswith("ال") else title
        view = arabic.fold(self.text)
        for m in re.finditer(re.escape(title.removeprefix("ل")), view):
            after = view[m.end():m.end() + 60]
            found = _leader_in(after) or side_of(" ".join(after.split()[:3]))
            if found:
                return found
        return ""

    def resolve(self, reading: Reading, words: list[Word], offset: int, titles: list[list[int]]) -> str:
        """The side of the list a cue reading opens at text offset `offset`, whose members have `titles`.

        A side the cue names (nisba, country, a known leader) is the list's. Otherwise the members' own titles
        vote first (محافظ جدة، مدير شرطة محافظة جدة → السعودية), then the article decides (the antecedent of a
        pronoun, the delegation named before, the host).
        """
        if reading.kind in (NISBA, COUNTRY):
            return str(reading.value)
        if reading.kind == LEADER:
            found = leader_side(words, reading.value)
            if found:
                return found
        votes = Counter(side for side in (title_side(words, t, places=True) for t in titles) if side)
        if votes:
            return max(votes, key=lambda side: votes[side])
        if reading.kind == LEADER:
            return self.same_title(words, reading.value) or self.antecedent(offset)
        if reading.kind == PRONOUN:
            return self.antecedent(offset)
        if reading.kind == DELEGATION:
            return self.delegation(offset)
        if reading.kind == HOST:
            return self.host()
        return UNKNOWN_SIDE


@cache
def _delegation_nouns() -> frozenset[str]:
    book = cue_book()
    for frame in book.frames:
        for part in frame.parts:
            if part.kind == "noun" and part.name == "delegation":
                return part.words
    return frozenset()


@cache
def _leader_heads() -> frozenset[str]:
    """Heads that name a leader when a nisba follows (الرئيس الروسي، الملك الأردني، رئيس الوزراء …)."""
    return frozenset(arabic.fold_words(["رئيس", "الرئيس", "ملك", "الملك", "العاهل", "أمير", "الأمير", "السلطان",
                                        "سلطان", "زعيم", "الزعيم"]))


def _is_leader_title(w: Word) -> bool:
    return w.form in _leader_heads()


def _near_side(words: list[Word], i: int) -> str:
    """A nisba or country within the few words after a delegation noun (وفد سعودي، وفد من غرفة تجارة البحرين)."""
    for j in range(i, min(i + 6, len(words))):
        if words[j].cls in ("separator", "ender", "stop") and words[j].form != "من":
            break
        for side, _ in (nisba_at(words, j), country_at(words, j)):
            if side:
                return side
    return ""


def _dateline(text: str) -> str:
    """The country of the place an article is datelined at: its first line when short («الرياض 26 شوال 1436
    هـ … واس», «عين اليوم – جدة»), or a place next to a dash or colon at its start («سبق- جدة:»)."""
    head = text.lstrip()
    line = head.split("\n", 1)[0]
    if len(line) <= _DATELINE_CHARS and "\n" in head:
        candidates = line
    else:
        mark = _DATELINE_MARK.search(head, 0, 40)
        if not mark:
            return ""
        candidates = head[:mark.end() + 25]
    words = tokenize(candidates)
    places = _places()
    for i in range(len(words)):
        for n in (3, 2, 1):
            found = places.get(" ".join(x.form for x in words[i:i + n]))
            if found:
                return found
    return ""

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
from functools import cache, cached_property

from arnews import arabic
from arnews.delegations.cues import (
    COUNTRY,
    DELEGATION,
    LEADER,
    NISBA,
    PLACE_PREPOSITIONS,
    PRONOUN,
    RECEPTION,
    Reading,
    country_at,
    nisba_at,
    place_at,
)
from arnews.delegations.items import Item
from arnews.delegations.lexicon import countries, cue_book, leader_index, lexicon_words, outlets, side_table
from arnews.delegations.words import Word, tokenize

__all__ = ["UNKNOWN_SIDE", "ArticleContext", "leader_mentions", "leader_side", "name_side", "posted_to", "side_of",
           "title_side"]

#: Side given to a list whose country the text does not tell.
UNKNOWN_SIDE = ""
#: Prepositions after which a country is where a diplomat serves, not whom he represents (سفير … لدى مصر).
_POSTING = frozenset({"في", "لدي", "الي", "بين", "مع", "عن", "من"})
#: Words after which the country is the diplomat's own again (القائم بالأعمال في سفارة المملكة لدى قطر).
_EMBASSY = frozenset(arabic.fold_words(["سفارة", "بسفارة", "قنصلية", "بقنصلية"]))
#: Words that hold a dateline: the first line of an article when it is this short (characters).
_DATELINE_CHARS = 100
_DATELINE_MARK = re.compile(r"[-–—:]")


def side_of(phrase: str) -> str:
    """The country a nisba, country name or leader names: "الروسي" → "روسيا", "الكورية الشمالية" →
    "كوريا الشمالية", "بوتين" → "روسيا", "سلطنة عمان" → "عمان"; "" when it names none."""
    words = tokenize(phrase)
    for i in range(len(words)):
        for found, _ in (nisba_at(words, i), country_at(words, i)):
            if found:
                return found
    return _leader_in(phrase) or UNKNOWN_SIDE


#: The word after a name: «عبدالله بن زايد الحربي» is not «عبدالله بن زايد» (another man, another family).
_NEXT_WORD = re.compile(r"\s*([^\s،,.:؛()«»\"-]+)")
_PATRONYMIC = frozenset({"بن", "بنت", "ابن"})


def leader_mentions(text: str) -> list[tuple[int, str]]:
    """(offset, side) of each leader of leaders.csv named in `text`. A name ending in a patronymic (X بن Y) that
    goes on with a family name or another بن names someone else: «محافظ القرى عبدالله بن زايد الحربي»."""
    out = []
    for mention in leader_index().find(text):
        spelled = arabic.fold(text[mention.start:mention.end]).split()
        after = _NEXT_WORD.match(text, mention.end)
        if len(spelled) >= 3 and spelled[-2] in _PATRONYMIC and after and (
                arabic.fold(after.group(1)).startswith("ال") or arabic.fold(after.group(1)) in _PATRONYMIC):
            continue
        out.append((mention.start, mention.entity.type))
    return out


def _leader_in(text: str) -> str:
    mentions = leader_mentions(text)
    return mentions[0][1] if mentions else ""


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
    posting, skipping, located = _is_posting(words, title), False, False
    for i in title:
        w = words[i]
        if w.form == "لدي" or (posting and w.form in _POSTING):
            skipping = True  # the place of the posting runs to the next head
            continue
        if w.form == "في" or w.form == "الي":
            located = True  # «… الصادرة في لندن»: a city after في is where, not whose (a country is whose)
            continue
        if skipping and (w.cls != "head" or w.conj) and w.form not in _EMBASSY:
            continue
        skipping = False
        lookups = (_definite_nisba, country_at, place_at) if places and not located else (_definite_nisba, country_at)
        for lookup in lookups:
            side, _ = lookup(words, i)
            if side:
                return side
    return _leader_in(" ".join(words[i].text for i in title))


def _definite_nisba(words: list[Word], i: int) -> tuple[str, int]:
    return nisba_at(words, i, definite=True)


def posted_to(words: list[Word], title: list[int]) -> str:
    """The country a diplomat is posted to (سفير … لدى المغرب، الملحق العسكري لدى المغرب → المغرب), or "": he
    belongs to the other side of a meeting held there."""
    if not _is_posting(words, title):
        return ""
    for n, i in enumerate(title[:-1]):
        if words[i].form in ("لدي", "في"):
            side, _ = country_at(words, title[n + 1])
            if side:
                return side
    return ""


def name_side(words: list[Word], name: list[int]) -> str:
    """The country of a member who is himself a leader of leaders.csv (الشيخ عبدالله بن زايد → الإمارات)."""
    return _leader_in(" ".join(words[i].text for i in name)) if name else ""


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
    names, the delegations it names with their country, where someone arrives or leaves, the persons each
    form of address (معالي، سمو) introduces, how often it names each country, and its outlet's country.
    Every mention is (offset, side), in text order.
    """

    text: str
    outlet: str = ""
    dateline: str = ""
    leaders: list[tuple[int, str]] = field(default_factory=list)
    delegations: list[tuple[int, str]] = field(default_factory=list)
    arrivals: list[tuple[int, str]] = field(default_factory=list)
    addressed: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    counts: Counter = field(default_factory=Counter)
    first: dict[str, int] = field(default_factory=dict)

    @classmethod
    def read(cls, text: str, outlet: str = "", words: list[Word] | None = None) -> ArticleContext:
        """The context of `text` from its words (`tokenize(text)`, which the caller may pass when it has them)."""
        context = cls(text, outlet=outlets().get(outlet, ""))
        context.dateline = _dateline(text)
        context.leaders.extend(leader_mentions(text))
        words = tokenize(text) if words is None else words
        book = cue_book()
        for i, w in enumerate(words):
            side = _country_word(words, i)
            if side:
                context.counts[side] += 1
                context.first.setdefault(side, w.start)
            if w.form in _delegation_nouns() or (w.conj and w.form[1:] in _delegation_nouns()):
                found = _near_side(words, i + 1)
                if found:
                    context.delegations.append((w.start, found))
            if w.cls == "head" and not w.conj and i + 1 < len(words):  # الرئيس الروسي، العاهل الأردني
                side, _ = nisba_at(words, i + 1, definite=True)
                if side and _is_leader_title(w):
                    context.leaders.append((w.start, side))
            if w.form in book.arrival_verbs or (w.conj and w.form[1:] in book.arrival_verbs):
                found = _destination(words, i + 1)
                if found:
                    context.arrivals.append((w.start, found))
            if w.cls == "courtesy":  # معالي وزير الخارجية الأستاذ عادل الجبير: whom «معاليه» may refer to
                phrase = " ".join(x.text for x in words[i + 1:i + 10] if x.cls != "separator")
                found = _leader_in(phrase) or _near_side(words, i + 1)
                context.addressed.setdefault(w.stem, []).append((w.start, found or phrase))
        context.leaders.sort()
        return context

    def host(self) -> str:
        """The side of a list that receives or attends: the first leader's (the host a report opens with),
        else the dateline's country, else the country named most (first named on a tie), else the outlet's;
        "" when none says."""
        if self.leaders:
            return self.leaders[0][1]
        if self.dateline:
            return self.dateline
        if self.counts:
            top = min(self.counts, key=lambda s: (-self.counts[s], self.first[s]))
            if self.outlet and 2 * self.counts.get(self.outlet, 0) >= self.counts[top]:
                return self.outlet  # the outlet's own country, named about as often: a team abroad
            return top
        return self.outlet or UNKNOWN_SIDE

    def reception(self, offset: int) -> str:
        """The side of a list that receives someone on arrival or sees him off: where he arrives or leaves
        (the last «وصل إلى …», «غادر …» before `offset`), else the host."""
        return _last(self.arrivals, offset) or self.host()

    def antecedent(self, offset: int, courtesy: str | None = None) -> str:
        """The country of the person a pronoun refers to: for a pronoun of address (معاليه) the last person so
        addressed (معالي وزير الخارجية …), his country read after the form of address or from the same title
        with a known name elsewhere; else the last leader named before `offset`; else the host."""
        last = _last(self.addressed.get(courtesy or "", []), offset)
        if last and last not in self.sides:
            last = self._title_elsewhere(last)
        return last or _last(self.leaders, offset) or self.host()

    @cached_property
    def folded(self) -> str:
        """The article folded (`arabic.fold`), once for every title looked up in it."""
        return arabic.fold(self.text)

    @property
    def sides(self) -> frozenset[str]:
        return frozenset(c.side for c in countries())

    def _title_elsewhere(self, title: str, words: int = 2) -> str:
        """The country of a title (its first `words` words: وزير الخارجية) where the article writes it with a
        leader's name, a nisba or a country after it."""
        key = " ".join(arabic.fold(title).split()[:words])
        if not key or (words == 2 and " " not in key):
            return ""
        view = self.folded
        for m in re.finditer(re.escape(key), view):
            after = view[m.end():m.end() + 80]
            found = _leader_in(after) or side_of(" ".join(after.split()[:3]))
            if found:
                return found
        return ""

    def delegation(self, offset: int) -> str:
        """The country of the last delegation named with its country before `offset` (وصل وفد سعودي …)."""
        return _last(self.delegations, offset) or self.host()

    def same_title(self, words: list[Word], item: Item) -> str:
        """The country of a leader named by title alone (ولي العهد), from the same title written elsewhere in
        the article with a nisba, a country or a known name after it."""
        if not item.title:
            return ""
        title = " ".join(arabic.fold(words[i].text) for i in item.title)
        title = title[1:] if title.startswith("ل") and not title.startswith("ال") else title  # لولي العهد
        return self._title_elsewhere(title, len(item.title))

    def resolve(self, reading: Reading, words: list[Word], offset: int, titles: list[list[int]]) -> str:
        """The side of the list a cue reading opens at text offset `offset`, whose members have `titles`.

        A side the cue names (nisba, country, a known leader) is the list's. Otherwise places in the members'
        titles vote (محافظ جدة، مدير شرطة محافظة جدة → السعودية), then the article decides: the person a
        pronoun refers to, the delegation named before, where a received person arrives, the host.
        """
        if reading.kind in (NISBA, COUNTRY):
            return str(reading.value)
        if reading.kind == LEADER:
            found = leader_side(words, reading.value)
            if found:
                return found
        votes = Counter(side for side in (_title_place(words, t) for t in titles) if side)
        if votes:
            return max(votes, key=lambda side: votes[side])
        if reading.kind == LEADER:
            return self.same_title(words, reading.value) or self.antecedent(offset)
        if reading.kind == PRONOUN:
            return self.antecedent(offset, reading.value)
        if reading.kind == DELEGATION:
            return self.delegation(offset)
        if reading.kind == RECEPTION:
            return self.reception(offset)
        return self.host()


def _last(mentions: list[tuple[int, str]], offset: int) -> str:
    before = [side for start, side in mentions if start < offset]
    return before[-1] if before else ""


def _country_word(words: list[Word], i: int) -> str:
    side, _ = nisba_at(words, i, definite=True)
    if not side:
        side, _ = country_at(words, i)
    if not side:
        side, _ = place_at(words, i)
    return side


def _title_place(words: list[Word], title: list[int]) -> str:
    """The country of a city or region in a title (محافظ جدة), not of the place of a posting."""
    for n, i in enumerate(title):
        if n and words[title[n - 1]].form in PLACE_PREPOSITIONS and _is_posting(words, title):
            continue
        side, _ = place_at(words, i)
        if side:
            return side
    return ""


def _destination(words: list[Word], i: int) -> str:
    """The country of where an arrival verb leads or a departure leaves from: «وصل … اليوم، إلى المملكة
    الأردنية الهاشمية» (إلى within the clause), «غادر جدة», «لدى مغادرته مطار القاهرة» (a place right after)."""
    for j in range(i, min(i + 3, len(words))):
        side = _country_word(words, j)
        if side:
            return side
    for j in range(i, min(i + 30, len(words) - 1)):
        if words[j].text in (".", "؟", "!", ":"):
            break
        if words[j].form in ("الي", "لدي"):
            for k in (j + 1, j + 2):
                side = _country_word(words, k) if k < len(words) else ""
                if side:
                    return side
    return ""


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
    """A nisba or country within the few words after a delegation noun (وفد سعودي، وفد من غرفة تجارة البحرين),
    not a place it goes to or stays in."""
    for j in range(i, min(i + 6, len(words))):
        if words[j].form in PLACE_PREPOSITIONS or (words[j].cls in ("separator", "ender", "stop")
                                                   and words[j].form != "من"):
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
    places = side_table("names", "places")
    for i in range(len(words)):
        for n in (3, 2, 1):
            found = places.get(" ".join(x.form for x in words[i:i + n]))
            if found:
                return found
    return ""

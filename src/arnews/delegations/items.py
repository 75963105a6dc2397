"""The grammar of one list item: a TITLE and a NAME, kept together.

A member is written  TITLE NAME  (وزير الخارجية سيرغي لافروف) or  NAME، TITLE  (الدكتور عادل الطريفي، وزير
الثقافة والإعلام), and items are joined by «،», by «و», by both, or by nothing. A TITLE is a head noun
(وزير، نائب، سفير …, or a kinship noun: نجل، شقيقة …) followed by a genitive chain of definite words, further
heads, construct nouns and prepositional phrases. A NAME may open with honorifics and ranks (الأمير، الفريق
أول ركن) and runs to a separator, a stop word or the next title. Adverbs that can never be names (آنذاك،
حاليا) are read over; joiners (وكذلك، بالإضافة إلى) join items like «و».
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from arnews import arabic
from arnews.delegations.lexicon import grammar
from arnews.delegations.words import Word, known_phrase_length, leader_length, named_place

__all__ = ["Item", "core", "name_like", "parse_item", "parse_list", "parse_name", "parse_title", "skip_courtesy",
           "stack_points"]

#: Classes that end a title or a name.
_ENDS = frozenset({"separator", "ender", "stop", "joiner"})
#: Words that join a name's parts: a definite word after them is still the name (عبد العزيز، أبو بكر، بن عبد
#: الرحمن، آل سعود).
_NAME_LINKS = frozenset({"عبد", "ابو", "بن", "ابن", "ال", "بنت", "ذو", "ابا", "ام", "عبدال"})
#: Prepositions a joiner takes (بالإضافة إلى، علاوة على، فضلا عن): read over with it.
_JOINER_PREPOSITIONS = frozenset({"الي", "علي", "عن"})
#: Definite words that end the first half of a compound given name: نور الدين، عوض الله، عبد الرحمن.
_COMPOUND_TAILS = frozenset({"الدين", "الله", "الرحمن", "الاسلام", "الرحيم", "الكريم"})


@dataclass
class Item:
    """One list item: token indices of its title and of its name (either may be empty)."""

    title: list[int]
    name: list[int]
    name_conj: bool = False  # the name's first word carries the conjunction (", وعادل الجبير وزير …")
    name_first: bool = False  # written NAME، TITLE


def _ends(w: Word) -> bool:
    return w.cls in _ENDS


def _continues_title(words: list[Word], i: int) -> bool:
    """Does words[i] look like the inside of a title (so a head before it opens one)? A definite or class
    word, a known place, or an indefinite noun in a genitive chain (مدير نشاط القصيم)."""
    if i >= len(words):
        return False
    w = words[i]
    chain = not w.cls and not w.definite and _chain_goes_on(words, i)
    return (w.definite and w.cls not in ("honorific", "stop", "courtesy", "adverb")) or w.cls in (
        "head", "construct", "modifier", "preposition", "courtesy") or known_phrase_length(words, i) > 0 or chain


def _definite_run(words: list[Word], i: int) -> int:
    n = 0
    while (i + n < len(words) and words[i + n].definite and not words[i + n].conj
           and words[i + n].cls not in ("separator", "ender", "stop", "joiner", "honorific", "courtesy")):
        n += 1
    return n


def _honorific_complement(words: list[Word], i: int) -> int:
    """Words of an honorific and the name after it as a title's complement: نجل الملك فاروق (son of King
    Farouk); 0 when words[i] is no honorific."""
    if words[i].cls != "honorific":
        return 0
    j = i + 1
    while j < len(words) and j - i <= 3 and words[j].cls == "" and not words[j].conj:
        j += 1
    return j - i if j > i + 1 else 0


def parse_title(words: list[Word], i: int, after_name: bool = False) -> tuple[list[int], int]:
    """Read a title starting at the head words[i]; returns (token indices, next index).

    The chain goes on through definite words (الخارجية), heads (نائب وزير), construct nouns (مؤسسة، لحزب),
    head modifiers (أول، عام), coordinated definite words (الثقافة والإعلام) and prepositional phrases
    (في بيونغ يانغ، باسم الرئاسة). An indefinite head or construct noun needs a complement, so the word after
    it belongs to the title even when it is an indefinite proper noun (رئيس روسكوسموس), or an honorific and a
    name (نجل الملك فاروق). A title written after its holder's name (`after_name`) may end with a leader's
    name (المبعوث الخاص للرئيس باراك أوباما): no name follows it.
    """
    title, need = [i], not words[i].definite
    title_place = False
    i += 1
    while i < len(words):
        w = words[i]
        if need and _honorific_complement(words, i):
            span = _honorific_complement(words, i)
            title.extend(range(i, i + span))
            i, need = i + span, False
            continue
        span = max(named_place(words, i) - i, 0) if words[title[-1]].cls in ("head", "construct") or need else 0
        if span or (after_name and leader_length(words, i)):
            span = span or leader_length(words, i)
            title.extend(range(i, i + span))
            i, need = i + span, False
            continue
        if _ends(w) or w.cls == "adverb" or (w.cls == "honorific" and not need):
            break
        if w.conj or w.form[:1] == "و":
            place = known_phrase_length(words, i) if title_place else 0
            if place:  # «و + place» joins a place only to a place: لدى إيطاليا ومالطا
                title.extend(range(i, i + place))
                i += place
                continue
        if w.conj and after_name and w.cls == "head" and not w.definite:  # صحفي ومدير نشر ومسير لصحيفة …
            title.append(i)
            i, need = i + 1, True
            continue
        if w.conj:
            if w.definite and w.cls not in ("head", "honorific", "courtesy"):
                title.append(i)
                i, need = i + 1, False
                continue
            if w.cls == "construct" and i + 1 < len(words) and words[i + 1].definite:  # وشؤون المغتربين
                title.extend((i, i + 1))
                i, need = i + 2, False
                continue
            break
        if w.cls == "courtesy":  # مستشار جلالة الملك: the courtesy word and the noun after it are the complement
            title.append(i)
            i, need = i + 1, True
            continue
        place = known_phrase_length(words, i)
        if place and (w.form[:1] in ("ب", "ل") or not w.definite) and not _ends(w):
            title_place = True
            title.extend(range(i, i + place))  # والي طنجة، القائد … بطنجة، رئيس الجماعة الحضرية لطنجة
            i, need = i + place, False
            continue
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
            place = known_phrase_length(words, i)
            span = place or _definite_run(words, i) or (1 if i < len(words) and not _ends(words[i]) else 0)
            title.extend(range(i, i + span))
            i, need, title_place = i + span, False, title_place or bool(place)
            continue
        if w.definite and w.cls not in ("honorific", "courtesy"):
            title.append(i)
            i, need = i + 1, False
            continue
        if w.form[:1] == "ل" and not w.cls and i + 1 < len(words) and words[i + 1].definite \
                and not words[i + 1].conj and not words[i + 1].cls and len(w.form) > 3:
            title.extend((i, i + 1))  # المدير العام لكرة القدم: ل + noun + its complement (not ب: بوشعيب، بدر)
            i, need = i + 2, False
            continue
        if need:
            span = known_phrase_length(words, i) or 1
            while _chain_goes_on(words, i + span):  # محطة تلفزيون جدة: an indefinite noun in construct
                span += 1
            title.extend(range(i, i + span))
            i, need = i + span, False
            continue
        break
    return title, i


def _chain_goes_on(words: list[Word], i: int) -> bool:
    """Is words[i] an indefinite noun of a genitive chain (its complement, a place or a definite word,
    follows)? Not when a name follows: «رئيس روسكوسموس | يوري بوريسوف»."""
    if i + 1 >= len(words) or words[i].cls or words[i].definite or words[i].conj:
        return False
    nxt = words[i + 1]
    return bool(known_phrase_length(words, i + 1)) or (nxt.definite and not nxt.conj and nxt.cls not in (
        "honorific", "stop", "courtesy", "adverb", "time"))


def stack_points(words: list[Word], title: list[int]) -> list[int]:
    """Positions in a title where a further head starts a new, stacked title: the chain before it is complete
    (its last word is definite or a proper-noun complement). "وزير الدولة عضو مجلس الوزراء" → [2]."""
    points = []
    for p in range(1, len(title)):
        before = words[title[p - 1]]
        if words[title[p]].cls == "head" and not words[title[p]].conj and (
                before.definite or before.cls not in ("head", "construct", "preposition", "modifier")):
            points.append(p)
    return points


def _is_rank(words: list[Word], i: int, name: list[int]) -> bool:
    """Does words[i] continue the military rank before it (الفريق أول ركن، العميد الطيار)? Not after a civil
    honorific: «البروفيسور أول الدين محمد» is Professor Awaluddin Mohamed."""
    g = grammar()
    return bool(name) and words[i].form in g.ranks and (
        words[name[-1]].form in g.ranked or words[name[-1]].form in g.ranks)


def parse_name(words: list[Word], i: int, min_tokens: int = 2) -> tuple[list[int], int, bool]:
    """Read a name (honorifics first) starting at words[i]; returns (indices, next index, complete?).

    The name runs to a separator, a stop word, و + a head or honorific (the next item), or a bare head that
    opens a title once `min_tokens` name words are read (items joined by nothing). Adverbs before it are
    read over; one after it ends it. Not complete when it runs past name_max_tokens (then it is prose).
    """
    g = grammar()
    name, count = [], 0
    while i < len(words) and (words[i].cls in ("honorific", "adverb") or _is_rank(words, i, name)):
        if words[i].cls == "honorific" and not _opens_name(words, i + 1):
            return name, i, False  # «الفريق وطاقم الجهاز الفني»: the team, not a lieutenant general
        if words[i].cls != "adverb":
            name.append(i)
        i += 1
    first = i
    while i < len(words):
        w = words[i]
        if count and words[i - 1].form in _NAME_LINKS and not _ends(w) and w.cls != "honorific" and not w.conj:
            name.append(i)  # بن مساعد: after بن/أبو/آل the word is a name whatever else it may be
            count += 1
            i += 1
            continue
        if _ends(w) or w.cls in ("preposition", "adverb", "time"):
            break
        if w.conj and w.cls in ("head", "honorific", "courtesy") and (i > first or name):
            break
        if w.cls in ("head", "courtesy") and count >= min_tokens and _continues_title(words, i + 1):
            break
        if w.cls == "honorific" and count:
            if not _opens_name(words, i + 1):  # «إبراهيم بن محمد السلطان»، «د. محمد السيد»: a family name
                name.append(i)
                count += 1
                i += 1
                continue
            break
        if count >= 2 and w.form[:1] == "و" and len(w.form) >= 4:  # "… الفالح ومسؤولين": a new phrase
            break
        if count and w.form.startswith("لل"):  # "ميسون السويلم للاطلاع": ل + article never continues a name
            break
        if count >= 2 and words[i - 1].definite and not w.definite and not w.cls and w.form not in _NAME_LINKS \
                and words[i - 2].form not in _NAME_LINKS and words[i - 1].form not in _COMPOUND_TAILS:
            break  # a name ends with its family name: «عبد الله البدري | احتمال خفض الإنتاج»
        if w.form in _number_words() or (w.form[:1] == "و" and w.form[1:] in _number_words()):
            return name, i, False  # «نحو ثلاثين أميرا»، «وثمانية لاعبين»: a count, not a name
        if count >= g.name_max_tokens:
            return name, i, False
        name.append(i)
        count += 1
        i += 1
    return name, i, count > 0


def _opens_name(words: list[Word], i: int) -> bool:
    """Can words[i] follow an honorific? A name word, another honorific or a rank; not و + word, a definite
    common word or punctuation."""
    if i >= len(words):
        return False
    w = words[i]
    if w.cls in ("honorific", "rank") or w.form in grammar().ranks:
        return True
    if w.conj or w.cls not in ("", "head", "construct"):  # construct: the name Dawla (دولة)
        return False
    nxt = words[i + 1] if i + 1 < len(words) else None
    if w.cls == "head" and (nxt is None or nxt.cls):  # «الفريق عضو مجلس الإدارة» is the team; «المهندس أمين الناصر»
        return False
    if not w.definite or w.form in _NAME_LINKS:
        return True
    # الجنرال الأمريكي جون آلن: an adjective, then the name
    return nxt is not None and not nxt.definite and not nxt.conj and nxt.cls == "" and nxt.form[:1] not in "لب"


@cache
def _number_words() -> frozenset[str]:
    """Cardinal number words: «ثلاثين» is a count; an ordinal is a regnal number (عبدالله الثاني)."""
    return frozenset(word for word, number in arabic.number_words().items() if number.kind == "cardinal")


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
        if (complete and j < len(words) and words[j].cls == "head" and not words[j].conj and len(name) > 1
                and not any(words[k].cls for k in name[1:])):  # ومساعد البراك, not ووكيل وزارة الخدمة
            title, j = parse_title(words, j, after_name=True)
            return Item(title, name, w.conj, True), j
    if w.cls == "head":
        title, i = parse_title(words, i)
        while i < len(words) and words[i].cls == "adverb":  # وزير الخارجية آنذاك عادل الجبير
            i += 1
        if i < len(words) and not _ends(words[i]) and not (
                words[i].conj and words[i].cls in ("head", "honorific", "courtesy")):
            name, i, complete = parse_name(words, i)
            return Item(title, name if complete else []), i
        return _name_from_stack(words, title), i
    if w.cls == "honorific" or (w.cls == "" and not w.definite):
        name_conj = after_item and w.cls == "" and w.form[:1] == "و" and len(w.form) > 3
        name, i, complete = parse_name(words, i)
        if not complete:
            return None, i
        j = i + 1 if i < len(words) and words[i].cls == "separator" else i
        k = skip_courtesy(words, j)
        if k < len(words) and words[k].cls == "head" and not words[k].conj and not (k > j and words[j].conj):
            j = k  # «X، وزير …» gives X its title; «X، ومعالي وزير …» starts the next member
            title, i = parse_title(words, j, after_name=True)
            return Item(title, name, name_conj, True), i
        return Item([], name, name_conj, True), i
    return None, i


def _name_from_stack(words: list[Word], title: list[int]) -> Item:
    """A title that ended without a name may have swallowed a name that looks like a head (مساعد البراك,
    أمين الناصر): when its last stacked head is followed by one or two open-class words, that head and those
    words are the name."""
    points = stack_points(words, title)
    if points and 2 <= len(title) - points[-1] <= 3 and not any(words[i].cls for i in title[points[-1] + 1:]):
        head = words[title[points[-1]]]
        prefixed = head.form != head.stem and head.form[:1] in ("ب", "ل")  # بمحافظة جدة: a place, not a name
        if not prefixed and not known_phrase_length(words, title[points[-1]] + 1):
            return Item(title[:points[-1]], title[points[-1]:])
    return Item(title, [])


def _skip_joins(words: list[Word], i: int) -> int:
    """Skip separators, joiners (with their preposition: بالإضافة إلى) and adverbs between items."""
    while i < len(words):
        w = words[i]
        if w.cls in ("separator", "adverb"):
            i += 1
        elif w.cls == "joiner":
            i += 1
            if i < len(words) and words[i].form in _JOINER_PREPOSITIONS:
                i += 1
        else:
            break
    return i


def parse_list(words: list[Word], i: int = 0) -> tuple[list[Item], int]:
    """Read list items from words[i] until something that is not an item; pair title-only and name-only
    neighbours ("وزيرة العدل السابقة، رشيدة داتي").

    Returns:
        (the items that have a name — with a title, or without one when it looks like a name and another
        item of the list has a title or an honorific —, the number of items left over).
    """
    items: list[Item] = []
    skipped = 0
    while i < len(words):
        i = _skip_joins(words, i)
        if i >= len(words) or words[i].cls in ("ender", "stop"):
            break
        item, nxt = parse_item(words, i, after_item=bool(items), name_first=bool(items) and items[-1].name_first)
        joined = not items or words[i - 1].cls in ("separator", "joiner") or words[i].form[:1] == "و"
        if item is not None and nxt > i and (item.title or (name_like(words, item.name) and joined) or not items):
            items.append(item)
            i = nxt
            continue
        resume = _next_item(words, max(i + 1, nxt), stop=i + _SKIP_AT_MOST) if items else 0
        if not resume:  # a member could not be read: go on at the next one, if one follows closely
            break
        skipped += 1
        i = resume
    paired = _pair(items)
    strong = any(item.title and item.name or len(core(words, item.name)) < len(item.name) for item in paired)
    named = [item for item in paired if core(words, item.name) and (
        item.title or (strong and name_like(words, item.name)))]
    return named, len(paired) - len(named) + skipped


#: How many words an unreadable item may span before the list is given up.
_SKIP_AT_MOST = 10


def _next_item(words: list[Word], i: int, stop: int) -> int:
    """Where the next member starts after an item that could not be read (مغني النظام المثير للجدل سيلفيو
    رودريغيز ومساعدة وزير الخارجية …): the next separator, or the next و + title, honorific or form of address,
    within `stop`; 0 when the list ends first."""
    for j in range(i, min(stop, len(words))):
        w = words[j]
        if w.cls in ("ender", "stop"):
            return 0
        if w.cls in ("separator", "joiner") or (w.conj and w.cls in ("head", "honorific", "courtesy")):
            return j
    return 0


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


def core(words: list[Word], name: list[int]) -> list[int]:
    """The name without its honorifics and rank words."""
    n = 0
    while n < len(name) and (words[name[n]].cls == "honorific" or _is_rank(words, name[n], name[:n])):
        n += 1
    return name[n:]


def name_like(words: list[Word], name: list[int]) -> bool:
    """Can these words be a person's name without a title? An honorific says so (الدكتور X); else two to five
    words, none a class word, with the article only at the end or after a name link (عبد العزيز، بن عبد
    الرحمن, آل سعود): «هذال الهذال» yes, «استعراض آفاق العمل الخليجي» (reviewing the prospects of Gulf work) no.
    """
    if not name:
        return False
    names = core(words, name)
    if len(names) < len(name):
        return bool(names)
    if not 2 <= len(names) <= 5 or any(words[i].cls or not words[i].form.isalpha() for i in names):
        return False
    for n, i in enumerate(names):
        w = words[i]
        if w.definite and n not in (0, len(names) - 1) and words[names[n - 1]].form not in _NAME_LINKS:
            return False
        if w.definite and n == 0 and len(names) > 3:
            return False
    return not (words[names[0]].definite and words[names[-1]].definite and len(names) == 3
                and words[names[1]].form not in _NAME_LINKS and not words[names[1]].definite)

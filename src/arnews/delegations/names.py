"""Names and titles across articles: canonical names (honorifics removed, spellings reconciled) and sectors.

Names are reconciled through the entity index of data/lexicons/entities.csv (`arabic.entity_index`); names it
does not know are grouped by a spelling fold for transliterations (سيرغي/سيرجي, from delegation_grammar.yaml).
Each title is given a sector from its words (data/lexicons/delegation_sectors.csv).
"""

from __future__ import annotations

from collections import Counter

from arnews import arabic
from arnews.delegations.lexicon import grammar, sector_rules
from arnews.delegations.words import is_definite

__all__ = ["OTHER_SECTOR", "canonical_name", "name_key", "reconcile", "sector", "short_form", "strip_honorifics"]

#: Sector given to a title none of whose words is in delegation_sectors.csv.
OTHER_SECTOR = "other"


def strip_honorifics(name: str) -> str:
    """"الأمير عبدالعزيز بن سلمان" → "عبدالعزيز بن سلمان"; "الفريق أول ركن فياض الرويلي" → "فياض الرويلي";
    "د. سمير رضوان" → "سمير رضوان"."""
    g = grammar()
    words = name.split()
    while words and (g.classes.get(arabic.fold(words[0]).rstrip(".")) in ("honorific", "courtesy")
                     or (len(words) < len(name.split()) and arabic.fold(words[0]) in g.ranks)):
        words = words[1:]
    return " ".join(words) or name


def name_key(name: str) -> str:
    """Spelling-insensitive key of a name: folded (arabic.fold), then the transliteration folds of
    delegation_grammar.yaml (غ/ج …): "سيرغي لافروف" and "سيرجي لافروف" share one key."""
    folds = grammar().folds
    return "".join(folds.get(c, c) for c in arabic.phrase_key(name))


def canonical_name(name: str) -> str:
    """The entities.csv canonical spelling of a person's name, honorifics removed; the name itself when
    the lexicon does not know it. "أندريه بيلاوسوف" → "أندريه بيلوسوف"."""
    core = strip_honorifics(name)
    entity = arabic.entity_index().by_spelling.get(arabic.phrase_key(core))
    return entity.canonical if entity else core


def reconcile(names: list[str], titles: list[str] | None = None) -> list[str]:
    """Canonical names for a column of names: the entities lexicon first; names it does not know are
    grouped by `name_key` (سيرغي/سيرجي, ى/ي) and given the group's most frequent spelling. With the members'
    `titles`, a name written without its lineage («عادل الجبير») takes the full name («عادل بن أحمد الجبير»)
    when the column holds exactly one full name that shortens to it (`short_form`) and the two share a title
    or a sector («وزير الخارجية», diplomacy): «سعود الفيصل», the foreign minister, is not «سعود بن خالد
    الفيصل»."""
    canon = [canonical_name(n) for n in names]
    known = {e.canonical for e in arabic.entity_index().entities}
    groups: dict[str, Counter] = {}
    for c in canon:
        if c not in known:
            groups.setdefault(name_key(c), Counter())[c] += 1
    best = {key: min(counter, key=lambda s: (-counter[s], s)) for key, counter in groups.items()}
    if titles is not None:
        roles: dict[str, set[str]] = {}  # a group's titles and sectors: what a person does
        for c, title in zip(canon, titles, strict=True):
            if c not in known and isinstance(title, str) and title.strip():
                roles.setdefault(name_key(c), set()).update({arabic.phrase_key(title), sector(title)} - {OTHER_SECTOR})
        full: dict[str, set[str]] = {}  # the key of a short form → the full names that shorten to it
        for key, spelling in best.items():
            short = short_form(spelling)
            if short:
                full.setdefault(name_key(short), set()).add(key)
        for key in list(best):
            longer = full.get(key, ())
            if len(longer) == 1 and roles.get(key, set()) & roles.get(next(iter(longer)), set()):
                best[key] = best[next(iter(longer))]  # one full name only, in the same role: the same person
    return [c if c in known else best[name_key(c)] for c in canon]


def short_form(name: str) -> str | None:
    """The name without its lineage: the given name and the family name, when the name has both around a chain
    of «بن/بنت» links. "عادل بن أحمد الجبير" → "عادل الجبير", "عبدالله بن عبدالعزيز آل سعود" → "عبدالله آل
    سعود", "عبد الله بن زايد آل نهيان" → "عبد الله آل نهيان", "محمد بن أحمد أبو زيد" → "محمد أبو زيد"; None
    for "محمد بن سلمان" (no family name) or a name without a link."""
    particles = arabic.name_particles()
    words = name.split()
    if len(words) < 4:
        return None
    head = 2 if particles.get(arabic.fold(words[0])) == "head" else 1  # «عبد الله», «أبو بكر»
    if len(words) < head + 3 or particles.get(arabic.fold(words[head])) != "link":
        return None
    before_last = particles.get(arabic.fold(words[-2]))
    family = 2 if before_last in ("link", "head") else 1  # «آل سعود», «أبو زيد»
    if before_last == "link" and arabic.fold(words[-2]) != arabic.fold("آل"):  # «… بن سلمان»: a father's name
        return None
    if len(words) - family <= head + 1:
        return None
    return " ".join(words[:head] + words[-family:])


def _sector_forms(word: str) -> tuple[bool, set[str]]:
    """(definite?, the forms a title word may have without its clitics): "للشؤون" → (True, {"شوون"}),
    "وزير" → (False, {"وزير", "زير"}), "لرئيس" → (False, {"لرئيس", "رئيس"})."""
    form = arabic.fold(word)
    if is_definite(word):
        return True, {arabic.split(form).stem}
    return False, {form, form[1:]} if form[:1] in ("و", "ف", "ل", "ب") else {form}


def sector(title: str) -> str:
    """The sector of a title from its words (delegation_sectors.csv): the first portfolio word wins over
    institution words. "نائب وزير الدفاع" → "defence", "النائب الأول لرئيس الوزراء" → "government",
    "مساعد الرئيس للشؤون الدولية" → "diplomacy"; "other" when no word is known."""
    tokens = [_sector_forms(w) for w in title.split()]
    best = None
    for words, name, specific in sector_rules():
        n = len(words)
        for pos in range(len(tokens) - n + 1):
            if all(kw in forms and (is_def or not definite)
                   for (is_def, forms), (definite, kw) in zip(tokens[pos:pos + n], words, strict=True)):
                rank = (not specific, pos, -n)
                if best is None or rank < best[0]:
                    best = (rank, name)
                break
    return best[1] if best else OTHER_SECTOR

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

__all__ = ["OTHER_SECTOR", "canonical_name", "name_key", "reconcile", "sector", "strip_honorifics"]

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


def reconcile(names: list[str]) -> list[str]:
    """Canonical names for a column of names: the entities lexicon first; names it does not know are
    grouped by `name_key` (سيرغي/سيرجي, ى/ي) and given the group's most frequent spelling."""
    canon = [canonical_name(n) for n in names]
    known = {e.canonical for e in arabic.entity_index().entities}
    groups: dict[str, Counter] = {}
    for c in canon:
        if c not in known:
            groups.setdefault(name_key(c), Counter())[c] += 1
    best = {key: min(counter, key=lambda s: (-counter[s], s)) for key, counter in groups.items()}
    return [c if c in known else best[name_key(c)] for c in canon]


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

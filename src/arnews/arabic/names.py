"""Personal names: common Arabic given names (data/lexicons/given_names.csv) and the particles that build names
(data/lexicons/name_particles.csv: بن، بنت، آل link two names; عبد، أبو head a compound).

Stages ask here whether words end with a person's given name, for instance to read «أحمد الخميس» as Ahmad
Al-Khamis (a family name that is also a weekday) rather than "Ahmad, on Thursday". Lookups are on folded words.
Of the head particles only عبد builds given names («عبد الله», «عبدالرحمن»); أبو builds kunyas and family
names («أحمد أبو الغيط») and places («أبو ظبي»).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from arnews import lexicons
from arnews.arabic.clitics import ARTICLE, readings
from arnews.arabic.fold import fold
from arnews.errors import InputError

__all__ = ["ends_with_given_name", "family_name_follows", "given_names", "name_particles"]

#: The head particle of theophoric given names («عبد الله», «عبدالرحمن»).
_SERVANT_OF = "عبد"


@cache
def given_names() -> frozenset[str]:
    """Every folded spelling of given_names.csv (محمد، احمد، نوره …)."""
    return frozenset(fold(spelling) for row in lexicons.read_csv("given_names.csv")
                     for spelling in lexicons.split_variants(row.get("name"), row.get("variants")))


@cache
def name_particles() -> dict[str, str]:
    """Folded particle → its role: "link" (بن son of, بنت daughter of, آل family of: a name on both sides)
    or "head" (عبد, أبو: joined to the next word as one name, written with or without a space)."""
    out: dict[str, str] = {}
    for row in lexicons.read_csv("name_particles.csv"):
        role = (row.get("role") or "").strip()
        if role not in ("link", "head"):
            raise InputError(lexicons.path("name_particles.csv"), f"role must be link or head, got {role!r}")
        for spelling in lexicons.split_variants(row["word"], row.get("variants")):
            out.setdefault(fold(spelling), role)
    return out


def _stems(word: str) -> list[str]:
    """The word and its stems after a conjunction or preposition (وأحمد, لعبدالله), never after the article."""
    return [r.stem for r in readings(word) if not r.definite]


def _given_name_size(words: Sequence[str]) -> int:
    """How many of the last folded words make a given name: 1 (أحمد، عبدالرحمن), 2 (عبد العزيز) or 0."""
    if not words:
        return 0
    names = given_names()
    if any(s in names or (s.startswith(_SERVANT_OF + ARTICLE) and len(s) >= 7) for s in _stems(words[-1])):
        return 1
    if len(words) >= 2 and words[-1].startswith(ARTICLE) and len(words[-1]) >= 4 and _SERVANT_OF in _stems(words[-2]):
        return 2
    return 0


def ends_with_given_name(words: Sequence[str]) -> bool:
    """Whether folded words end with a given name: one of given_names.csv, or a compound with عبد («عبد الله»,
    «عبدالرحمن»); a conjunction or preposition may be glued to it («وأحمد», «لعبدالله»), the article may not.

    Example: ends_with_given_name(["رئيس", "الاتحاد", "احمد"]) → True (Ahmad); ends_with_given_name(["عبد",
    "العزيز"]) → True; ends_with_given_name(["الوزير"]) → False.
    """
    return _given_name_size(words) > 0


def family_name_follows(words: Sequence[str]) -> bool:
    """Whether the words that follow these folded words continue a person's name with a family name: they end
    with a given name that does not yet close a name. Two given names in a row close one («محمود عباس»,
    Mahmoud Abbas), unless a link particle stands before them (a chain: «علي بن محمد», «عبدالرحمن بن صالح
    عبدالرحمن»).

    Example: family_name_follows(["رئيس", "الاتحاد", "احمد"]) → True (Ahmad …, a family name next);
    family_name_follows(["علي", "بن", "محمد"]) → True; family_name_follows(["الرئيس", "محمود", "عباس"]) → False.
    """
    size = _given_name_size(words)
    if not size:
        return False
    rest = words[:-size]
    if not ends_with_given_name(rest):
        return True
    before = rest[:-_given_name_size(rest)]
    return bool(before) and name_particles().get(before[-1]) == "link"

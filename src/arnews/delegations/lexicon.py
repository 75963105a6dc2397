"""The delegation lexicons, read once and checked: every word folded by the Arabic core (`arabic.fold`).

- `grammar()`: the word classes of official titles (data/lexicons/delegation_grammar.yaml);
- `cue_book()`: the parts and frames of list cues (delegation_cues.yaml), compiled into `Frame`s;
- `countries()`: the countries with their names, nisbas and places (delegation_sides.csv);
- `leaders()`: heads of state and government and their countries (leaders.csv);
- `sector_rules()`: title words → sector (delegation_sectors.csv).

A missing file, section or column, or a frame written wrongly, is one `InputError` naming the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from arnews import arabic, lexicons
from arnews.errors import InputError

__all__ = [
    "Country", "CueBook", "Frame", "Grammar", "Leader", "Part", "countries", "cue_book", "grammar", "leader_index",
    "leaders", "lexicon_words", "nisba_forms", "outlets", "read_csv", "read_yaml", "sector_rules", "side_table",
]


def read_yaml(name: str, required: tuple[str, ...]) -> dict:
    """A YAML lexicon that must be a mapping with the `required` sections (else one clear InputError)."""
    data = lexicons.read_yaml(name)
    missing = [s for s in required if not isinstance(data, dict) or not data.get(s)]
    if missing:
        raise InputError(lexicons.path(name), f"missing or empty section(s): {', '.join(missing)}")
    return data


def read_csv(name: str, required: tuple[str, ...]) -> list[dict[str, str]]:
    """A CSV lexicon whose rows have the `required` columns (else one clear InputError)."""
    rows = lexicons.read_csv(name)
    missing = [c for c in required if not rows or c not in rows[0]]
    if missing:
        raise InputError(lexicons.path(name), f"missing column(s) or rows: {', '.join(missing)}")
    return rows


def _folded(words) -> list[str]:
    return arabic.fold_words([str(w).strip() for w in words or () if str(w).strip()])


# --- the title grammar ---------------------------------------------------------------------------------

#: Letters folding erases that tell a short class word from a name (على/علي, أن/ان).
_DISTINCTIVE = frozenset("ىأإآ")
#: grammar section → word class.
_CLASSES = (("head", "heads"), ("head", "kinship"), ("modifier", "title_modifiers"),
            ("construct", "construct_nouns"), ("preposition", "title_prepositions"), ("courtesy", "courtesy"),
            ("honorific", "honorifics"), ("rank", "rank_suffixes"), ("adverb", "adverbs"), ("time", "times"),
            ("joiner", "joiners"), ("stop", "stops"), ("pronoun", "pronouns_of_address"))


@dataclass(frozen=True)
class Grammar:
    """The closed classes of delegation_grammar.yaml, keyed by folded word.

    classes: folded word → class (head, modifier, construct, preposition, courtesy, honorific, rank, adverb,
        time, joiner, stop, pronoun); the first section that lists a word wins.
    separators, enders: punctuation (and و) that join items / end a list.
    name_max_tokens: a longer run is prose, not a name.
    folds: letters transliterations of one name alternate between (غ/ج …), for grouping unknown names.
    ranks: words that continue a military rank (أول، ركن); ranked: those ranks (الفريق، العميد).
    spelled: short class words whose fold collides with a name, with the letters that tell them apart: the
        stop «على» (on) folds to «علي», the name Ali; «أن» (that) to «ان», the name Anne. Such a word belongs to
        its class only when written with one of those letters (ى, أ, إ, آ).
    abbreviations: one-letter honorifics written with a point (د. Dr, م. Eng.).
    """

    classes: dict[str, str]
    separators: frozenset[str]
    enders: frozenset[str]
    name_max_tokens: int
    folds: dict[str, str]
    ranks: frozenset[str]
    spelled: dict[str, frozenset[str]] = field(default_factory=dict)
    abbreviations: frozenset[str] = frozenset()
    ranked: frozenset[str] = frozenset()


@cache
def grammar() -> Grammar:
    """The title grammar read from data/lexicons/delegation_grammar.yaml."""
    data = read_yaml("delegation_grammar.yaml", ("heads", "separators", "enders"))
    classes: dict[str, str] = {}
    spelled: dict[str, set[str]] = {}
    for cls, section in _CLASSES:
        words = [str(w).strip() for w in data.get(section) or ()]
        for written, word in zip(words, _folded(words), strict=True):
            classes.setdefault(word, cls)
            marks = set(written) & _DISTINCTIVE
            if marks and len(word) <= 3:
                spelled.setdefault(word, set()).update(marks)
    return Grammar(
        classes=classes,
        separators=frozenset(data["separators"]),
        enders=frozenset(data["enders"]),
        name_max_tokens=int(data.get("name_max_tokens", 7)),
        folds={arabic.fold(a): arabic.fold(b) for a, b in (data.get("name_folds") or {}).items()},
        ranks=frozenset(_folded(data.get("rank_suffixes"))),
        spelled={word: frozenset(marks) for word, marks in spelled.items()},
        abbreviations=frozenset(_folded(data.get("abbreviations"))),
        ranked=frozenset(_folded(data.get("ranked_honorifics"))),
    )


def lexicon_words(section: str) -> list[str]:
    """The words of a further section of delegation_grammar.yaml (e.g. posting_heads), as written."""
    data = read_yaml("delegation_grammar.yaml", ("heads",))
    return [str(w) for w in data.get(section) or ()]


# --- cue frames ----------------------------------------------------------------------------------------

_PART = re.compile(r"'(?P<words>[^']+)'(?P<opt1>\?)?|(?P<name>[a-z_]+)(?P<plus>\+)?(?:\{0,(?P<most>\d+)\})?"
                   r"(?P<opt2>\?)?")
#: Parts the cue reader implements itself (besides verb and noun classes and quoted words).
SPECIAL_PARTS = frozenset({"opener", "adjectives", "country", "complement", "side", "leader", "of_leader", "any",
                           "place", "genitive"})
#: Parts after which nothing may follow in a frame (they give several readings of where the list starts).
FINAL_PARTS = frozenset({"leader", "of_leader"})


@dataclass(frozen=True)
class Part:
    """One part of a frame. kind: "words" (quoted alternatives), "verb", "noun" or a special part name;
    words: the folded forms it accepts (verbs, nouns, quoted words); pronoun: the form carries an object or
    possessive pronoun (حضره، برفقته); optional: may be absent; most: for `any`, the most words it spans."""

    kind: str
    name: str
    words: frozenset[str] = frozenset()
    pronoun: bool = False
    optional: bool = False
    most: int = 0


@dataclass(frozen=True)
class Frame:
    """A cue: its name, its parts in order, and its conditions (see delegation_cues.yaml)."""

    name: str
    parts: tuple[Part, ...]
    needs_conjunction: bool = False
    after_cue: bool = False
    host_side: bool = False  # the list receives the leader it names: its side is the host's
    example: str = ""


@dataclass(frozen=True)
class CueBook:
    """delegation_cues.yaml compiled: frames and fillers, and the word lists the special parts read."""

    frames: tuple[Frame, ...]
    fillers: tuple[tuple[Part, ...], ...]
    openers: frozenset[str]
    pronouns: tuple[str, ...]
    side_prepositions: frozenset[str]
    side_nouns: frozenset[str]
    not_sides: frozenset[str]
    arrival_verbs: frozenset[str]
    triggers: frozenset[str]  # folded words one of which every frame holds: a sentence without any is skipped


def _parse_parts(text: str, classes: dict[str, tuple[str, frozenset[str]]], where: str) -> tuple[Part, ...]:
    file = lexicons.path("delegation_cues.yaml")
    parts, pos, text = [], 0, str(text).strip()
    while pos < len(text):
        m = _PART.match(text, pos)
        if not m or m.end() == pos:
            raise InputError(file, f"{where}: cannot read the parts from «{text[pos:]}»")
        pos = m.end()
        while pos < len(text) and text[pos] == " ":
            pos += 1
        if m.group("words"):
            parts.append(Part("words", m.group("words"), frozenset(_folded(m.group("words").split("|"))),
                              optional=bool(m.group("opt1"))))
            continue
        name, optional = m.group("name"), bool(m.group("opt2"))
        if name in classes:
            kind, forms = classes[name]
            parts.append(Part(kind, name, forms, pronoun=bool(m.group("plus")), optional=optional))
        elif name in SPECIAL_PARTS:
            parts.append(Part(name, name, optional=optional, most=int(m.group("most") or 0)))
        else:
            raise InputError(file, f"{where}: unknown part «{name}» (not a verb or noun class nor one of "
                                   f"{', '.join(sorted(SPECIAL_PARTS))})")
    if any(p.kind in FINAL_PARTS for p in parts[:-1]):
        raise InputError(file, f"{where}: a leader part may only end a frame")
    return tuple(parts)


@cache
def cue_book() -> CueBook:
    """The cue frames and fillers of data/lexicons/delegation_cues.yaml, compiled."""
    name = "delegation_cues.yaml"
    data = read_yaml(name, ("verbs", "nouns", "frames"))
    classes: dict[str, tuple[str, frozenset[str]]] = {}
    for kind, section in (("verb", "verbs"), ("noun", "nouns")):
        for cls, entry in (data.get(section) or {}).items():
            forms = entry.get("forms") if isinstance(entry, dict) else entry
            if not forms:
                raise InputError(lexicons.path(name), f"{section}: {cls} lists no forms")
            folded = set(_folded(forms))
            if kind == "noun":  # a noun is read with or without the article: الاجتماع، اجتماع
                folded |= {f[2:] if f.startswith("ال") else "ال" + f for f in folded if " " not in f}
            classes[str(cls)] = (kind, frozenset(folded))
    frames = []
    for n, entry in enumerate(data["frames"]):
        if not isinstance(entry, dict) or not entry.get("parts"):
            raise InputError(lexicons.path(name), f"frame #{n + 1} has no parts")
        where = f"frame {entry.get('name', n + 1)}"
        frames.append(Frame(str(entry.get("name", n + 1)), _parse_parts(entry["parts"], classes, where),
                            bool(entry.get("needs_conjunction")), bool(entry.get("after_cue")),
                            str(entry.get("side") or "") == "host", str(entry.get("example") or "")))
    fillers = tuple(_parse_parts(f, classes, f"filler «{f}»") for f in data.get("fillers") or ())
    side_nouns = frozenset(_folded(data.get("side_nouns")))
    triggers: set[str] = set()
    for frame in frames:  # the first verb, noun or side a frame cannot do without: a sentence must hold it
        anchor = next((part for part in frame.parts if not part.optional and part.kind in ("verb", "noun", "side")),
                      None)
        if anchor is None:
            raise InputError(lexicons.path(name), f"frame {frame.name}: it needs a verb, a noun or a side")
        words = side_nouns if anchor.kind == "side" else anchor.words
        triggers |= {max(form.split(), key=len) for form in words}  # a form's longest word
    return CueBook(
        frames=tuple(frames), fillers=fillers, openers=frozenset(_folded(data.get("openers"))),
        pronouns=tuple(sorted(_folded(data.get("object_pronouns")), key=len, reverse=True)),
        side_prepositions=frozenset(_folded(data.get("side_prepositions"))), side_nouns=side_nouns,
        not_sides=frozenset(_folded(data.get("not_sides"))),
        arrival_verbs=frozenset(_folded(data.get("arrival_verbs"))), triggers=frozenset(triggers))


# --- countries and leaders -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Country:
    """A row of delegation_sides.csv: the side reported, how the text names the country, its nisbas
    (masculine singular with the article), its places (capitals and main cities) and the bodies that speak
    for it (parties, movements, institutions named without the country: الكرملين، حماس)."""

    side: str
    names: tuple[str, ...]
    nisbas: tuple[str, ...]
    places: tuple[str, ...]
    bodies: tuple[str, ...]
    gloss: str


@cache
def countries() -> tuple[Country, ...]:
    """The countries of data/lexicons/delegation_sides.csv."""
    rows = read_csv("delegation_sides.csv", ("side", "names", "nisbas", "places"))
    return tuple(Country(side=row["side"].strip(), names=tuple(lexicons.split_variants(row["names"])),
                         nisbas=tuple(lexicons.split_variants(row["nisbas"])),
                         places=tuple(lexicons.split_variants(row["places"])),
                         bodies=tuple(lexicons.split_variants(row.get("bodies"))),
                         gloss=(row.get("gloss") or "").strip())
                 for row in rows if row["side"].strip())


@cache
def side_table(*fields: str) -> dict[str, str]:
    """Folded phrase → side, for the spellings in the given columns of delegation_sides.csv ("names", "places",
    "bodies"); the first country that lists a phrase keeps it.

    Example: side_table("places")["جدة"] → "السعودية" (Jeddah)."""
    out: dict[str, str] = {}
    for country in countries():
        for field_name in fields:
            for phrase in getattr(country, field_name):
                out.setdefault(arabic.phrase_key(phrase), country.side)
    return out


#: Endings a nisba takes (on every word of it at once): الروسي → الروسية (also typed الروسيه: `arabic.as_final_heh`)،
#: روسي، روسيا، الروس (the plural of some nisbas drops the ي), الروسيين، الروسيون، الروسيات.
_NISBA_ENDINGS = ("", "ة", "ا", "ين", "ون", "ات", "تان", "تين", "ان")
_FEMININE = "ة"


def nisba_forms(nisba: str) -> set[str]:
    """Every folded form of a nisba: gender, number, case, with and without the article.

    Example: nisba_forms("الكوري الشمالي") ⊇ {"الكوري الشمالي", "الكوريه الشماليه", "كوري شمالي",
    "الكوريين الشماليين"} (North Korean).
    """
    words = arabic.fold(nisba).split()
    stems = [w[2:] if w.startswith("ال") and len(w) > 4 else w for w in words]
    forms = set()
    for ending in _NISBA_ENDINGS:
        inflected = [s + ending for s in stems]
        spelled = {" ".join(inflected), " ".join("ال" + w for w in inflected)}
        forms |= spelled | ({arabic.as_final_heh(f) for f in spelled} if ending == _FEMININE else set())
    if all(s.endswith("ي") for s in stems):  # الروس، العرب: the collective plural
        forms.add(" ".join("ال" + s[:-1] for s in stems))
    return forms


class Leader(NamedTuple):
    """A row of leaders.csv: who (or which office), the country, the office and its years."""

    leader: str
    side: str
    role: str
    spellings: tuple[str, ...]


@cache
def leaders() -> tuple[Leader, ...]:
    """Heads of state and government of data/lexicons/leaders.csv; a side not in delegation_sides.csv is an
    error (a typo would otherwise become a country)."""
    rows = read_csv("leaders.csv", ("leader", "side", "variants"))
    known = {c.side for c in countries()}
    out = []
    for row in rows:
        side = row["side"].strip()
        if side not in known:
            raise InputError(lexicons.path("leaders.csv"),
                             f"leader {row['leader']}: side «{side}» is not a side of delegation_sides.csv")
        out.append(Leader(row["leader"].strip(), side, (row.get("role") or "").strip(),
                          tuple(lexicons.split_variants(row["leader"], row["variants"]))))
    return tuple(out)


@cache
def leader_index() -> arabic.EntityIndex:
    """The leaders' spellings as an entity index (same folding and clitics as entities.csv); an entity's
    `type` holds the leader's side."""
    return arabic.index_of(tuple(lexicons.Entity(row.leader, row.spellings[1:], row.side, row.role)
                                 for row in leaders()))


@cache
def outlets() -> dict[str, str]:
    """Outlet → the country it reports from (data/lexicons/outlets.csv): the last word on a list's side when
    the article itself names none; {} when the file lists none."""
    rows = read_csv("outlets.csv", ("outlet", "country"))
    known = {c.side for c in countries()}
    out = {}
    for row in rows:
        if row["country"].strip() not in known:
            raise InputError(lexicons.path("outlets.csv"), f"outlet {row['outlet']}: country «{row['country']}» "
                                                           "is not a side of delegation_sides.csv")
        out[row["outlet"].strip()] = row["country"].strip()
    return out


# --- sectors -------------------------------------------------------------------------------------------


@cache
def sector_rules() -> tuple[tuple[tuple[tuple[bool, str], ...], str, bool], ...]:
    """delegation_sectors.csv: ((definite?, folded stem) per keyword word, sector, specific?) per row."""
    rows = []
    for row in read_csv("delegation_sectors.csv", ("keyword", "sector", "specific")):
        words = []
        for word in row["keyword"].split():
            form = arabic.fold(word)
            definite = word.startswith("ال")
            words.append((definite, arabic.split(form).stem if definite or form.startswith("لل") else form))
        rows.append((tuple(words), row["sector"].strip(), row["specific"].strip().lower() in ("yes", "true", "1")))
    return tuple(rows)

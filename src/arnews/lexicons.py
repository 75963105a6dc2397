"""Read the knowledge kept as data in data/lexicons/ (CSV/YAML a researcher edits without code).

Every stage reads its rules and word lists through here, so a lexicon has one reader and one format.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from arnews import LEXICONS, config
from arnews.errors import InputError

__all__ = ["LEXICONS", "VARIANT_SEPARATOR", "Entity", "entities", "path", "read_csv", "read_yaml", "split_variants"]

# LEXICONS is the lexicon folder, chosen once when arnews is imported (`arnews.LEXICONS`): `$ARNEWS_LEXICONS`, the
# checkout's data/lexicons or the packaged copy (`arnews.config.lexicons_dir`).
#: Separator between spellings in the `variants` column of entities.csv.
VARIANT_SEPARATOR = "|"


def path(name: str) -> Path:
    """The path of lexicon `name` (e.g. "entities.csv") in the lexicon folder (`LEXICONS`)."""
    return LEXICONS / name


def _missing_reason() -> str:
    return f"lexicon file is missing (lexicons are read from {config.lexicons_origin()})"


def read_csv(name: str) -> list[dict[str, str]]:
    """All rows of a CSV lexicon as dicts; blank lines and rows whose first cell starts with # skipped."""
    file = path(name)
    if not file.is_file():
        raise InputError(file, _missing_reason())
    rows = []
    with open(file, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        for row in reader:
            first = row.get(reader.fieldnames[0]) or ""
            if first.lstrip().startswith("#") or not any((v or "").strip() for v in row.values() if isinstance(v, str)):
                continue  # a comment or a blank line
            if None in row.values():  # fewer cells than the header names (DictReader fills them with None)
                raise InputError(file, f"line {reader.line_num} has {sum(v is not None for v in row.values())} cells "
                                       f"where the header names {len(reader.fieldnames)} columns")
            rows.append(_Row(row, file))
    return rows


class _Row(dict):
    """A row of a CSV lexicon: a column the code needs and the file lacks (a researcher removed or renamed it)
    is an input error that names the file and the column, not an internal one."""

    def __init__(self, cells: dict, file: Path):
        super().__init__(cells)
        self.file = file

    def __missing__(self, column):
        raise InputError(self.file, f"the column «{column}» is missing from its header line; see "
                                    "data/lexicons/README.md for the columns this file holds")


def read_yaml(name: str):
    """A YAML lexicon, parsed."""
    file = path(name)
    if not file.is_file():
        raise InputError(file, _missing_reason())
    with open(file, encoding="utf-8") as f:
        try:
            return _sections(yaml.safe_load(f), file, "")
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            where = f" (line {mark.line + 1})" if mark is not None else ""
            raise InputError(file, f"not valid YAML{where}: {getattr(err, 'problem', None) or err}") from None


class _Section(dict):
    """A mapping of a YAML lexicon: a key the code needs and the file lacks (a researcher removed or renamed it)
    is an input error that names the file and the key, not an internal one."""

    def __init__(self, items: dict, file: Path, where: str):
        super().__init__(items)
        self.file, self.where = file, where

    def __missing__(self, key):
        raise InputError(self.file, f"the entry «{self.where}{key}» is missing; see data/lexicons/README.md for "
                                    "what this file holds")


# written back as the plain mapping it is (a clean store's manifest records the rules it applied)
yaml.SafeDumper.add_representer(_Section, yaml.representer.SafeRepresenter.represent_dict)


def _sections(value, file: Path, where: str):
    """`value` (parsed YAML) with every mapping in it as a `_Section`."""
    if isinstance(value, dict):
        return _Section({k: _sections(v, file, f"{where}{k}.") for k, v in value.items()}, file, where)
    if isinstance(value, list):
        return [_sections(v, file, where) for v in value]
    return value


@dataclass(frozen=True)
class Entity:
    """A named entity and the spellings outlets use for it.

    canonical: the spelling the project reports (e.g. "بيونغ يانغ", Pyongyang).
    variants: every other spelling met in the news (e.g. ("بيونج يانج",)).
    type: person, place, organisation, country …
    gloss: the English name.
    """

    canonical: str
    variants: tuple[str, ...]
    type: str
    gloss: str

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.canonical, *self.variants)


@cache
def entities() -> tuple[Entity, ...]:
    """The entities lexicon (data/lexicons/entities.csv: canonical, variants, type, gloss)."""
    return tuple(
        Entity(
            canonical=row["canonical"].strip(),
            variants=tuple(v.strip() for v in (row.get("variants") or "").split(VARIANT_SEPARATOR) if v.strip()),
            type=(row.get("type") or "").strip(),
            gloss=(row.get("gloss") or "").strip(),
        )
        for row in read_csv("entities.csv")
    )


def split_variants(*cells: str | None) -> list[str]:
    """The spellings in lexicon cells: each cell may hold several, separated by `|`; blanks dropped.

    Example: split_variants("بيونغ يانغ", "بيونج يانج|بيونغيانغ") → ["بيونغ يانغ", "بيونج يانج", "بيونغيانغ"].
    """
    return [s.strip() for cell in cells for s in (cell or "").split(VARIANT_SEPARATOR) if s.strip()]

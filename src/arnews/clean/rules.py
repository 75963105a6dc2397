"""The boilerplate rules: read from YAML (data/lexicons/boilerplate.yaml), checked, and compiled once.

A rules file has three parts (the YAML header documents every field):

- `cues:` named lists of words and phrases, each with its English gloss. A rule's pattern names a list as
  `{name}`; every phrase then matches each spelling that folds like it (`arabic.spelling_pattern`: أ/إ/آ/ا,
  ى/ي, ة/ه, with or without diacritics and tatweel).
- `pieces:` named regular-expression pieces (a dash, a URL, a bullet …), also used as `{name}`; a piece may
  name cues and earlier pieces.
- `rules:` the rules, applied by `arnews.clean.engine`, plus at most one `learned` rule whose settings say
  which lines an outlet repeats often enough to be boilerplate (`arnews.clean.learn`).

Built-in pieces from the Arabic core: `{bidi_control}` (one bidirectional control character),
`{arabic_letter}` and `{arabic_mark}` (a diacritic or tatweel).
"""

from __future__ import annotations

import heapq
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from arnews import arabic, lexicons
from arnews.errors import InputError

__all__ = [
    "KINDS", "LINE_KINDS", "TEXT_KINDS", "RULES_FILE", "Guard", "LearnSettings", "Rule", "RuleSet", "Shape",
    "TeaserSettings", "default_rules", "load_rules", "with_rules",
]

RULES_FILE = "boilerplate.yaml"
KINDS = ("title", "line", "block", "inline", "trailer", "learned")
#: Kinds applied to whole lines (one combined regex, matched against each stripped line).
LINE_KINDS = ("line", "block")
#: Kinds applied anywhere in the text (one combined regex, scanned over the whole text).
TEXT_KINDS = ("inline", "trailer")
#: Where a line rule applies: anywhere, or only in the run of removed lines that ends the text.
POSITIONS = ("", "end")
#: Where an inline or trailer rule is searched: the whole text, or its last non-blank line.
SCOPES = ("", "last_line")

#: Built-in pieces, defined once in the Arabic core.
BUILT_IN_PIECES = {
    "bidi_control": f"[{arabic.BIDI_CONTROLS}]",
    "arabic_letter": f"[{arabic.ARABIC_LETTERS}]",
    "arabic_mark": f"[{arabic.ARABIC_MARKS}]",
}
#: A built-in character class named in `requires` stands for each of its characters.
_CLASS_CHARACTERS = {"{bidi_control}": [chr(c) for c in arabic.chars.codes(arabic.BIDI_CONTROLS)]}
_REFERENCE = re.compile(r"(?<!\\)\{([a-z_][a-z0-9_]*)\}")
_NO_GROUP_TRICKS = re.compile(r"\(\?P|\\[1-9]|\(\?\(")
_PATTERN_FIELDS = ("pattern", "items", "plain_items", "before", "after")


@dataclass(frozen=True)
class Rule:
    """One boilerplate rule, as written in boilerplate.yaml (its patterns with every `{name}` filled in).

    name: identifier written to removed.csv, e.g. "ad_marker".
    kind: title, line, block, inline, trailer or learned (see the YAML header).
    pattern: Python regular expression (cues and pieces substituted).
    items: block rules: the pattern each bulleted line of the block matches (blank lines between allowed).
    plain_items: block rules: the pattern of unbulleted lines of the block (up to the first blank line).
    before: inline/trailer rules: what the line must hold before the match (matched up to the match).
    after: inline rules: what must follow the match up to the end of its line; trailer rules: up to the end
        of the text.
    position: line rules: "end" = only among the lines that close the text (after it, nothing but lines
        that other rules remove).
    scope: inline/trailer rules: "last_line" = searched in the text's last non-blank line only.
    requires: inline/trailer rules: strings one of which every match holds; a text holding none of them is
        not searched (a quick test: scanning every text for every pattern is what cleaning spends its time on).
    description, example, example_item, gloss, seen_in: documentation; `example` is a real string the rule
        removes.
    written: the patterns as the file writes them (with `{name}` references), for messages and docs.
    """

    name: str
    kind: str
    pattern: str = ""
    description: str = ""
    example: str = ""
    items: str = ""
    plain_items: str = ""
    example_item: str = ""
    before: str = ""
    after: str = ""
    position: str = ""
    scope: str = ""
    requires: tuple = ()
    gloss: str = ""
    seen_in: str = ""
    written: dict = field(default_factory=dict, compare=False, hash=False, repr=False)


@dataclass(frozen=True)
class Shape:
    """A shape of repeated line that is real text (a dateline, a byline), kept by the learned rule's guard.

    where: "anywhere", or "lead" = only when the line stands among the first lines of most of the articles that
        carry it.
    """

    name: str
    where: str
    pattern: re.Pattern
    example: str
    gloss: str


@dataclass(frozen=True)
class Guard:
    """What keeps a repeated line that is real text (see the `learned` rule in boilerplate.yaml).

    A line of at most `max_words` words whose whole text has one of the `shapes` is kept; a shape marked
    `lead` counts only when the line stands among the first `lead_lines` non-blank lines in at least
    `lead_share` of the articles that carry it.
    """

    max_words: int
    lead_lines: int
    lead_share: float
    shapes: tuple[Shape, ...]

    def reason(self, line: str, lead_share: float) -> str:
        """The name of the shape that keeps `line` ("" when none does)."""
        if len(line.split()) > self.max_words:
            return ""
        for shape in self.shapes:
            if (shape.where != "lead" or lead_share >= self.lead_share) and shape.pattern.fullmatch(line):
                return shape.name
        return ""


@dataclass(frozen=True)
class TeaserSettings:
    """When the headlines an outlet appends under its articles are removed (the learned rule's `teasers`).

    A run of at least `min_run` headline-shaped lines (at least `min_words` words, no full stop or comma at the
    end) closing an article, each of which closes at least `min_articles` of the outlet's articles (within their
    last `tail_lines` short lines), is a list of other stories: its lines go where they close a text, as
    `<rule>:<outlet>`.
    """

    rule: str
    min_articles: int
    min_run: int
    min_words: int
    tail_lines: int


@dataclass(frozen=True)
class LearnSettings:
    """When a line an outlet repeats is removed (the `learned` rule).

    A stripped line of at most `max_chars` characters is learned for an outlet when at least `min_articles`
    of the outlet's articles, and at least `min_share` of them, carry it (lines compared by
    `learn.line_key`: folded, numbers masked, punctuation ignored), and the `guard` does not keep it.
    `teasers`: the settings of the appended headlines, or None.
    """

    rule: str
    min_articles: int
    min_share: float
    max_chars: int
    guard: Guard
    teasers: TeaserSettings | None = None


def _expand(pattern: str, names: dict[str, str], source: str, rule: str) -> str:
    """The pattern with each `{name}` replaced by its cue list or piece, as a non-capturing group."""

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name not in names:
            raise InputError(source, f"rule {rule!r}: {{{name}}} names no cue list or piece")
        return f"(?:{names[name]})"

    return _REFERENCE.sub(replace, pattern)


def _check_pattern(pattern: str, source: str, rule: str) -> None:
    if _NO_GROUP_TRICKS.search(pattern):
        raise InputError(source, f"rule {rule!r}: named groups and back-references are not allowed")
    try:
        re.compile(f"({pattern})")  # as it will be compiled: inside a group, next to other rules
    except re.error as err:
        raise InputError(source, f"rule {rule!r}: bad pattern ({err})") from None


def _names(data: dict, source: str) -> dict[str, str]:
    """Cue lists and pieces by name, as regex sources (cues: their phrases' spelling patterns)."""
    names = dict(BUILT_IN_PIECES)
    cues = data.get("cues") or {}
    if not isinstance(cues, dict):
        raise InputError(source, "`cues:` must map a name to a list of phrases")
    for name, phrases in cues.items():
        if isinstance(phrases, dict):
            phrases = list(phrases)
        if not isinstance(phrases, list) or not phrases or not all(isinstance(p, str) and p.strip() for p in phrases):
            raise InputError(source, f"cue list {name!r} must hold phrases (phrase: gloss)")
        names[name] = arabic.spelling_pattern(phrases)
    pieces = data.get("pieces") or {}
    if not isinstance(pieces, dict):
        raise InputError(source, "`pieces:` must map a name to a regular expression")
    for name, piece in pieces.items():
        text = piece.get("pattern") if isinstance(piece, dict) else piece
        if not isinstance(text, str) or not text:
            raise InputError(source, f"piece {name!r} needs a pattern")
        names[name] = _expand(text, names, source, f"piece {name}")
        _check_pattern(names[name], source, f"piece {name}")
    return names


def _rule_from_entry(entry: dict, source: str, names: dict[str, str]) -> Rule:
    known = Rule.__dataclass_fields__
    fields = {k: str(v) if k in _PATTERN_FIELDS else str(v).strip()
              for k, v in entry.items() if v is not None and k in known and k not in ("written", "requires")}
    name = fields.get("name", "?")
    requires = entry.get("requires") or ()
    if isinstance(requires, str) or not all(isinstance(w, str) and w for w in requires):
        raise InputError(source, f"rule {name!r}: requires must be a list of strings")
    requires = [c for w in requires for c in (_CLASS_CHARACTERS.get(w) or [w])]
    required = ("name", "kind") if fields.get("kind") == "learned" else ("name", "kind", "pattern")
    missing = [k for k in required if not fields.get(k)]
    if missing:
        raise InputError(source, f"rule {name!r} lacks {', '.join(missing)}")
    if fields["kind"] not in KINDS:
        raise InputError(source, f"rule {name!r}: kind {fields['kind']!r} is not one of {', '.join(KINDS)}")
    if fields["kind"] == "block" and not (fields.get("items") or fields.get("plain_items")):
        raise InputError(source, f"rule {name!r}: a block rule needs `items` or `plain_items`")
    if fields.get("position", "") not in POSITIONS:
        raise InputError(source, f"rule {name!r}: position must be 'end' or left out")
    if fields.get("scope", "") not in SCOPES:
        raise InputError(source, f"rule {name!r}: scope must be 'last_line' or left out")
    written = {k: fields[k] for k in _PATTERN_FIELDS if fields.get(k)}
    for key, pattern in written.items():
        fields[key] = _expand(pattern, names, source, name)
        _check_pattern(fields[key], source, name)
    return Rule(**fields, requires=tuple(requires), written=written)


def _number(entry: dict, key: str, default, source: str, kind=int):
    try:
        value = kind(entry.get(key, default))
    except (TypeError, ValueError):
        raise InputError(source, f"rule {entry.get('name')!r}: {key} must be a number") from None
    if value < 0:
        raise InputError(source, f"rule {entry.get('name')!r}: {key} must not be negative")
    return value


def _learn_settings(entry: dict, source: str, names: dict[str, str]) -> LearnSettings:
    guard = entry.get("guard") or {}
    shapes = []
    for shape in guard.get("shapes") or []:
        if not isinstance(shape, dict) or not shape.get("name") or not shape.get("pattern"):
            raise InputError(source, "every guard shape of the learned rule needs a name and a pattern")
        where = str(shape.get("where") or "anywhere")
        if where not in ("anywhere", "lead"):
            raise InputError(source, f"guard shape {shape['name']!r}: where must be 'anywhere' or 'lead'")
        pattern = _expand(str(shape["pattern"]), names, source, f"guard shape {shape['name']}")
        _check_pattern(pattern, source, f"guard shape {shape['name']}")
        shapes.append(Shape(str(shape["name"]), where, re.compile(pattern), str(shape.get("example") or ""),
                            str(shape.get("gloss") or "")))
    return LearnSettings(
        rule=str(entry["name"]),
        min_articles=max(2, _number(entry, "min_articles", 10, source)),
        min_share=_number(entry, "min_share", 0.02, source, float),
        max_chars=_number(entry, "max_chars", 200, source),
        guard=Guard(_number(guard, "max_words", 8, source), _number(guard, "lead_lines", 3, source),
                    _number(guard, "lead_share", 0.5, source, float), tuple(shapes)),
        teasers=_teaser_settings(entry.get("teasers"), source))


def _teaser_settings(entry, source: str) -> TeaserSettings | None:
    if entry is None:
        return None
    if not isinstance(entry, dict) or not entry.get("name"):
        raise InputError(source, "the learned rule's `teasers:` needs a name (and its thresholds)")
    return TeaserSettings(rule=str(entry["name"]), min_articles=max(2, _number(entry, "min_articles", 3, source)),
                          min_run=max(2, _number(entry, "min_run", 3, source)),
                          min_words=_number(entry, "min_words", 3, source),
                          tail_lines=_number(entry, "tail_lines", 20, source))


def _alternation(patterns: list[str]) -> tuple[re.Pattern | None, dict[int, int]]:
    """One regex `(p0)|(p1)|…` and the map group index → position in `patterns`."""
    if not patterns:
        return None, {}
    groups, index = {}, 1
    for position, pattern in enumerate(patterns):
        groups[index] = position
        index += 1 + re.compile(pattern).groups
    return re.compile("|".join(f"({p})" for p in patterns)), groups


class TextRule:
    """An inline or trailer rule, compiled: its pattern, its conditions and its quick test."""

    def __init__(self, rule: Rule, order: int):
        self.rule, self.order = rule, order
        self.regex = re.compile(rule.pattern)
        self.before = re.compile(f"(?:{rule.before})\\Z", re.MULTILINE) if rule.before else None
        self.after = re.compile(rule.after) if rule.after else None

    def applies(self, text: str, start: int = 0) -> bool:
        """Whether the rule can match text[start:] at all: it holds one of the rule's `requires` strings."""
        if not self.rule.requires:
            return True
        region = text if start == 0 else text[start:]
        return any(map(region.__contains__, self.rule.requires))  # in C: this runs for every rule and text

    def search(self, text: str, position: int) -> tuple[int, int] | None:
        """The first match at or after `position` whose conditions hold, as (start, end), or None."""
        while True:
            match = self.regex.search(text, position)
            if match is None:
                return None
            end = self._accepted(text, match)
            if end is not None:
                return match.start(), end
            position = match.start() + 1

    def _accepted(self, text: str, match: re.Match) -> int | None:
        start = match.start()
        if match.end() == start:
            return None
        if self.before is not None and not self.before.search(text, text.rfind("\n", 0, start) + 1, start):
            return None
        if self.after is not None:
            limit = len(text)
            if self.rule.kind == "inline":
                newline = text.find("\n", match.end())
                limit = newline if newline >= 0 else limit
            if not self.after.fullmatch(text, match.end(), limit):
                return None
        return match.end()


class RuleSet:
    """Rules compiled for speed: one alternation for line rules, one for inline and trailer rules.

    Args:
        rules: the rules, in file order (earlier rules win where two match at the same place).
        max_line_chars: longer lines are prose paragraphs; line and block rules skip them.
        max_title_chars: longer lines are never taken for a headline by the title rule.
        learn: the learned rule's settings, or None when the rules have no learned rule.
    """

    def __init__(self, rules: tuple[Rule, ...], max_line_chars: int = 600, max_title_chars: int = 300,
                 learn: LearnSettings | None = None):
        self.rules = rules
        self.max_line_chars = max_line_chars
        self.max_title_chars = max_title_chars
        self.learn = learn
        self.line_rules = [r for r in rules if r.kind in LINE_KINDS]
        self.line_re, self._line_groups = _alternation([r.pattern for r in self.line_rules])
        #: Line rules that apply only in the run of removed lines closing a text.
        self.end_only = frozenset(r.name for r in self.line_rules if r.position == "end")
        self.text_rules = [TextRule(r, i) for i, r in enumerate(r for r in rules if r.kind in TEXT_KINDS)]
        self.block_items = {r.name: (re.compile(r.items) if r.items else None,
                                     re.compile(r.plain_items) if r.plain_items else None)
                            for r in rules if r.kind == "block"}
        title = next((r for r in rules if r.kind == "title"), None)
        self.title_rule = title.name if title else None
        self.title_fold = re.compile(title.pattern) if title else None

    def line_rule(self, line: str) -> Rule | None:
        """The line/block rule whose pattern matches the whole (stripped) line, or None."""
        if self.line_re is None or len(line) > self.max_line_chars:
            return None
        match = self.line_re.fullmatch(line)
        return self.line_rules[self._line_groups[match.lastindex]] if match else None

    def text_matches(self, text: str):
        """(start, end, rule) for each inline/trailer match, in order; a trailer match ends the scan.

        Where several rules match, the leftmost match wins, and at the same place the rule that comes first in
        the file; the scan goes on after it. (Each rule is searched on its own, the next match of each kept in
        a heap: Python's regex engine finds one rule's literal start far faster than the start of any of many.)
        """
        last_line = text.rfind("\n", 0, len(text.rstrip())) + 1
        heap = []
        for text_rule in self.text_rules:
            start = last_line if text_rule.rule.scope == "last_line" else 0
            if text_rule.applies(text, start):
                found = text_rule.search(text, start)
                if found is not None:
                    heap.append((found[0], text_rule.order, found[1], text_rule))
        heapq.heapify(heap)
        position = 0
        while heap:
            start, order, end, text_rule = heapq.heappop(heap)
            if start < position:  # inside an earlier match: this rule's next match after it, if any
                found = text_rule.search(text, position)
                if found is not None:
                    heapq.heappush(heap, (found[0], order, found[1], text_rule))
                continue
            if text_rule.rule.kind == "trailer":
                yield start, len(text), text_rule.rule
                return
            yield start, end, text_rule.rule
            position = end
            found = text_rule.search(text, end)
            if found is not None:
                heapq.heappush(heap, (found[0], order, found[1], text_rule))

    def fold(self, line: str) -> str:
        """A line reduced to what the title rule compares (letters and digits)."""
        return self.title_fold.sub("", line) if self.title_fold else line


def load_rules(path: str | Path | None = None) -> RuleSet:
    """Read and compile boilerplate rules, once per process for each content of the file: a stage CLI checks
    `--rules` before any work and the clean store cleans with the same compiled rules; an edited file is read
    anew.

    Args:
        path: a rules YAML file; default data/lexicons/boilerplate.yaml.
    Returns:
        The compiled RuleSet.
    Raises:
        InputError: the file is missing, is not YAML, or holds a rule written wrongly.
    """
    if path is None:
        return default_rules()
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "rules file is missing")
    return _ruleset_from_yaml(path, path.read_bytes())


@cache
def default_rules() -> RuleSet:
    """The project's rules (data/lexicons/boilerplate.yaml), compiled once per process."""
    return _ruleset_from_data(lexicons.read_yaml(RULES_FILE), lexicons.path(RULES_FILE))


@cache
def _ruleset_from_yaml(path: Path, content: bytes) -> RuleSet:
    """The rules of the file `path` whose bytes are `content`."""
    import yaml

    stream = io.StringIO(content.decode("utf-8"), newline=None)  # line ends read as open() reads them
    stream.name = str(path)  # YAML errors name the file
    try:
        data = yaml.safe_load(stream)
    except yaml.YAMLError as err:
        where = getattr(err, "problem_mark", None)
        raise InputError(path, f"not valid YAML ({getattr(err, 'problem', err)}{where or ''})") from None
    return _ruleset_from_data(data, path)


def _ruleset_from_data(data, path: Path) -> RuleSet:
    data = data or {}
    entries = data.get("rules") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise InputError(path, "expected a mapping with a `rules:` list")
    names = _names(data, str(path))
    entries = [e for e in entries if isinstance(e, dict)]
    rules = [_rule_from_entry(e, str(path), names) for e in entries]
    counts = Counter(r.name for r in rules)
    if len(counts) != len(rules):
        raise InputError(path, f"duplicate rule names: {sorted(n for n, c in counts.items() if c > 1)}")
    learned = [e for e, r in zip(entries, rules, strict=True) if r.kind == "learned"]
    if len(learned) > 1:
        raise InputError(path, "at most one rule may be of kind `learned`")
    try:
        limits = int(data.get("max_line_chars", 600)), int(data.get("max_title_chars", 300))
    except (TypeError, ValueError):
        raise InputError(path, "max_line_chars and max_title_chars must be whole numbers") from None
    learn = _learn_settings(learned[0], str(path), names) if learned else None
    return RuleSet(tuple(rules), *limits, learn=learn)


def with_rules(rules: RuleSet, entries: list[dict]) -> RuleSet:
    """A RuleSet with extra rule entries (e.g. promoted candidates, plain regexes) after the existing ones."""
    extra = tuple(_rule_from_entry(e, "promoted rule", dict(BUILT_IN_PIECES)) for e in entries)
    return RuleSet(rules.rules + extra, rules.max_line_chars, rules.max_title_chars, rules.learn)

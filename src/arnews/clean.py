"""Strip news boilerplate losslessly: every cut is a recorded span, the raw text is never changed.

`arnews clean` writes DIR/articles.jsonl (doc_id, title, outlet, published, text = the clean text)
and DIR/removed.csv (doc_id, start, end, rule, text: each cut, with offsets into the raw text and the
rule that made it). The rules are data/lexicons/boilerplate.yaml (or --rules FILE); --discover lists
lines that one outlet repeats across many articles, as candidates for new rules.

In Python: `clean_text(raw, title)` returns the clean text and the removed spans, and
`restore(clean, spans)` gives the raw text back; `clean_corpus(articles, jobs=0)` cleans a table
from `corpus.load` on all cores; `clean_source(source)` loads and cleans one file of a corpus (a unit
of work for a process pool over `corpus.sources(path)`); `discover(articles)` finds candidates.

Whitespace: a removed line takes the line break(s) before it (at the top of the text: the ones after
it), so removing lines leaves no blank-line runs; an inline cut takes the spaces on one side of it,
so no double or dangling spaces remain.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import json
import multiprocessing
import os
import re
import sys
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from arnews import corpus, files, lexicons
from arnews.errors import InputError

CLI_HELP = "strip boilerplate; write articles.jsonl (clean text) and removed.csv (what was cut, and why)"

REMOVED_COLUMNS = ["doc_id", "start", "end", "rule", "text"]
ARTICLE_FIELDS = ["doc_id", "title", "outlet", "published", "text"]
CANDIDATE_COLUMNS = ["line", "count", "outlets", "example_doc", "rule"]

RULES_FILE = "boilerplate.yaml"
KINDS = ("title", "line", "block", "inline", "trailer")
#: Kinds applied to whole lines (one combined regex, matched against each stripped line).
LINE_KINDS = ("line", "block")
#: Kinds applied anywhere in the text (one combined regex, scanned over the whole text).
TEXT_KINDS = ("inline", "trailer")

_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
_HSPACE = " \t\xa0\u2009\u200a\u202f\u3000"
_NO_GROUP_TRICKS = re.compile(r"\(\?P|\\[1-9]|\(\?\(")


@dataclass(frozen=True)
class Rule:
    """One boilerplate rule, as written in boilerplate.yaml.

    name: identifier written to removed.csv, e.g. "ad_marker".
    kind: title, line, block, inline or trailer (see the YAML header).
    pattern: Python regular expression.
    items: block rules only: the pattern each line of the block matches.
    description, example, example_item, gloss, seen_in: documentation; `example` is a real string
    the rule removes.
    """

    name: str
    kind: str
    pattern: str
    description: str = ""
    example: str = ""
    items: str = ""
    example_item: str = ""
    gloss: str = ""
    seen_in: str = ""


class Span(NamedTuple):
    """Text cut from a raw article: raw[start:end] == text, removed by `rule`."""

    start: int
    end: int
    rule: str
    text: str


class Cleaned(NamedTuple):
    """The clean text and the spans cut out of the raw text to make it."""

    text: str
    spans: tuple[Span, ...]


def _rule_from_entry(entry: dict, source: str) -> Rule:
    fields = {k: str(v).strip() if k != "pattern" and k != "items" else str(v)
              for k, v in entry.items() if v is not None and k in Rule.__dataclass_fields__}
    missing = [k for k in ("name", "kind", "pattern") if not fields.get(k)]
    if missing:
        raise InputError(source, f"rule {entry.get('name', '?')!r} lacks {', '.join(missing)}")
    rule = Rule(**fields)
    if rule.kind not in KINDS:
        raise InputError(source, f"rule {rule.name!r}: kind {rule.kind!r} is not one of {', '.join(KINDS)}")
    if rule.kind == "block" and not rule.items:
        raise InputError(source, f"rule {rule.name!r}: a block rule needs `items`")
    for pattern in (rule.pattern, rule.items):
        if _NO_GROUP_TRICKS.search(pattern):
            raise InputError(source, f"rule {rule.name!r}: named groups and back-references are not allowed")
        try:
            re.compile(f"({pattern})")  # as it will be compiled: inside a group, next to other rules
        except re.error as err:
            raise InputError(source, f"rule {rule.name!r}: bad pattern ({err})") from None
    return rule


def load_rules(path: str | Path | None = None) -> RuleSet:
    """Read and compile boilerplate rules.

    Args:
        path: a rules YAML file; default data/lexicons/boilerplate.yaml.
    Returns:
        The compiled RuleSet.
    """
    if path is None:
        return default_rules()
    return _ruleset_from_yaml(Path(path))


@cache
def default_rules() -> RuleSet:
    """The project's rules (data/lexicons/boilerplate.yaml), compiled once per process."""
    return _ruleset_from_yaml(lexicons.path(RULES_FILE))


def _ruleset_from_yaml(path: Path) -> RuleSet:
    import yaml

    if not path.is_file():
        raise InputError(path, "rules file is missing")
    with open(path, encoding="utf-8") as f:
        try:
            data = yaml.safe_load(f) or {}
        except yaml.YAMLError as err:
            where = getattr(err, "problem_mark", None)
            raise InputError(path, f"not valid YAML ({getattr(err, 'problem', err)}{where or ''})") from None
    entries = data.get("rules") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise InputError(path, "expected a mapping with a `rules:` list")
    rules = [_rule_from_entry(e, str(path)) for e in entries if isinstance(e, dict)]
    names = [r.name for r in rules]
    if len(set(names)) != len(names):
        raise InputError(path, f"duplicate rule names: {sorted(n for n, c in Counter(names).items() if c > 1)}")
    try:
        limits = int(data.get("max_line_chars", 600)), int(data.get("max_title_chars", 300))
    except (TypeError, ValueError):
        raise InputError(path, "max_line_chars and max_title_chars must be whole numbers") from None
    return RuleSet(tuple(rules), *limits)


def _match_prefixes(patterns: list[str], most: int = 64) -> tuple[str, ...] | None:
    """Literal strings, one of which starts every match of every pattern; None if a pattern has none.

    Example: "للتواصل(?:\\s+مع\\s+الكاتب)?\\s+[أا]رسل" (to contact [the writer], send …) → ("للتواصل",);
    "Next[ \\t]+Previous|Previous[ \\t]+Next" → ("Next", "Previous").
    """
    try:
        from re import _parser as parser  # the parser of the re module (3.11+)
    except ImportError:  # pragma: no cover - older or other Pythons: no prefixes, every position is tried
        return None
    found: set[str] = set()
    for pattern in patterns:
        try:
            tree = parser.parse(pattern)
        except Exception:  # noqa: BLE001 - re.compile accepted it; without prefixes the regex does the work
            return None
        if tree.state.flags & (re.IGNORECASE | re.LOCALE):
            return None
        starts, _ = _starts(list(tree), parser)
        if not starts or "" in starts or any(ord(s[0]) > 0xFFFF for s in starts):
            return None
        found |= starts
        if len(found) > most:
            return None
    # a prefix that starts with another one finds nothing more
    return tuple(sorted(p for p in found if not any(p != q and p.startswith(q) for q in found)))


def _starts(items: list, parser) -> tuple[set[str], bool]:
    """The literal prefixes of a parsed regex sequence, and whether the sequence is nothing but them."""
    LITERAL, IN, SUBPATTERN, BRANCH = parser.LITERAL, parser.IN, parser.SUBPATTERN, parser.BRANCH  # noqa: N806
    out = {""}
    for op, value in items:
        if op is LITERAL:
            out = {p + chr(value) for p in out}
            continue
        if op is IN and value and all(kind is LITERAL for kind, _ in value) and len(value) <= 8:
            out = {p + chr(c) for p in out for _, c in value}
            continue
        if op is SUBPATTERN and not value[1] and not value[2]:  # a group without flags
            inner, whole = _starts(list(value[3]), parser)
        elif op is BRANCH:
            branches = [_starts(list(branch), parser) for branch in value[1]]
            inner, whole = set().union(*(b for b, _ in branches)), all(w for _, w in branches)
        else:
            return out, False
        out = {p + q for p in out for q in inner}
        if not whole or len(out) > 64:
            return out, False
    return out, True


def _alternation(patterns: list[str]) -> tuple[re.Pattern | None, dict[int, int]]:
    """One regex `(p0)|(p1)|…` and the map group index → position in `patterns`."""
    if not patterns:
        return None, {}
    groups, index = {}, 1
    for position, pattern in enumerate(patterns):
        groups[index] = position
        index += 1 + re.compile(pattern).groups
    return re.compile("|".join(f"({p})" for p in patterns)), groups


class RuleSet:
    """Rules compiled for speed: one alternation for line rules, one for inline and trailer rules.

    The inline/trailer alternation is joined without groups so that Python's regex engine can skip
    to the positions where one of the patterns' first characters occurs; the rule of a match is
    then found by matching the rules one by one at that position (matches are rare).

    Args:
        rules: the rules, in file order (earlier rules win where two match at the same place).
        max_line_chars: longer lines are prose paragraphs; line and block rules skip them.
        max_title_chars: longer lines are never taken for a headline by the title rule.
    """

    def __init__(self, rules: tuple[Rule, ...], max_line_chars: int = 600, max_title_chars: int = 300):
        self.rules = rules
        self.max_line_chars = max_line_chars
        self.max_title_chars = max_title_chars
        self.line_rules = [r for r in rules if r.kind in LINE_KINDS]
        self.line_re, self._line_groups = _alternation([r.pattern for r in self.line_rules])
        self.text_rules = [(r, re.compile(r.pattern)) for r in rules if r.kind in TEXT_KINDS]
        self.text_re = re.compile("|".join(r.pattern for r, _ in self.text_rules)) if self.text_rules else None
        #: What every inline/trailer match starts with ("[ad_", "للتواصل", "<" …), or None when some rule's
        #: match may start with anything: then every position of a text is looked at.
        self.text_prefixes = _match_prefixes([r.pattern for r, _ in self.text_rules])
        self.block_items = {r.name: re.compile(r.items) for r in rules if r.kind == "block"}
        title = next((r for r in rules if r.kind == "title"), None)
        self.title_rule = title.name if title else None
        self.title_fold = re.compile(title.pattern) if title else None

    def line_rule(self, line: str) -> Rule | None:
        """The line/block rule whose pattern matches the whole (stripped) line, or None."""
        if self.line_re is None or len(line) > self.max_line_chars:
            return None
        match = self.line_re.fullmatch(line)
        return self.line_rules[self._line_groups[match.lastindex]] if match else None

    def text_matches(self, text: str, candidates: list[int] | None = None):
        """(start, end, rule) for each inline/trailer match, in order; a trailer match ends the scan.

        Args:
            candidates: if given, every position where one of `text_prefixes` occurs, in order (from
                `candidate_positions`): only there can a match start, so only there is the regex tried.
        """
        if self.text_re is None:
            return
        matches = self.text_re.finditer(text) if candidates is None else self._matches_at(text, candidates)
        for match in matches:
            start = match.start()
            rule = next(r for r, regex in self.text_rules if regex.match(text, start))
            if rule.kind == "trailer":
                yield start, len(text), rule
                return
            if match.end() > start:
                yield start, match.end(), rule

    def _matches_at(self, text: str, candidates: list[int]):
        """What `text_re.finditer(text)` finds, trying only the candidate positions (no match is empty: every
        one starts with a prefix)."""
        position = 0
        for candidate in candidates:
            if candidate < position:
                continue
            match = self.text_re.match(text, candidate)
            if match is not None:
                yield match
                position = match.end()

    def candidate_positions(self, texts: list[str]) -> list[list[int]] | None:
        """For each text, where one of `text_prefixes` occurs (one compiled pass over all the texts), or None
        when the rules have no prefixes to look for."""
        if self.text_prefixes is None or sum(map(len, texts)) < 100_000:
            return None
        from arnews import textsearch

        return textsearch.prefix_positions(texts, self.text_prefixes)

    def fold(self, line: str) -> str:
        """A line reduced to what the title rule compares (letters and digits)."""
        return self.title_fold.sub("", line) if self.title_fold else line


# ---------------------------------------------------------------------------------------------
# Cleaning one text


def _line_bounds(lines: list[str]) -> tuple[list[int], list[int]]:
    """Start and end offsets of each line of a text split at \\n (end excludes the line break)."""
    starts, ends, position = [], [], 0
    for line in lines:
        starts.append(position)
        position += len(line)
        ends.append(position)
        position += 1
    return starts, ends


def _removed_lines(lines: list[str], title: str, rules: RuleSet, stop: int) -> dict[int, str]:
    """Line index → rule name for the lines that title, line and block rules remove (lines < stop)."""
    removed = {}
    items = block = None
    first, headline_zone = "", rules.title_rule is not None
    for i in range(stop):
        line = lines[i].strip()
        if not line:
            continue
        if headline_zone:  # the leading run of headline lines
            if _same_headline(line, title or first, rules):
                removed[i] = rules.title_rule
                continue
            if title or first:  # the run is over
                headline_zone = False
            else:  # no title: the first line stays as the headline; a repeat of it goes
                first = line if len(line) <= rules.max_title_chars else ""
                headline_zone = bool(first)
        if items is not None:
            if len(line) <= rules.max_line_chars and items.fullmatch(line):
                removed[i] = block
                continue
            items = None
        rule = rules.line_rule(line)
        if rule is not None:
            removed[i] = rule.name
            if rule.kind == "block":
                items, block = rules.block_items[rule.name], rule.name
    return removed


def _same_headline(line: str, headline: str, rules: RuleSet) -> bool:
    """Whether `line` repeats `headline`, ignoring what the title rule's pattern matches (quotes, spaces)."""
    if not headline or len(line) > rules.max_title_chars or len(line) > 2 * len(headline) + 20:
        return False  # far longer than the headline: prose (checked first: folding costs more)
    key = rules.fold(line)
    return bool(key) and key == rules.fold(headline)


def _line_spans(limit: int, starts: list[int], ends: list[int], content: list[int],
                removed: dict[int, str]) -> list[tuple[int, int, str]]:
    """Spans for removed lines: each takes the breaks before it, or after it at the top of the text.

    Args:
        limit: where the lines end (the text's length, or where a trailer starts).
        starts, ends: line offsets.
        content: indexes of the non-blank lines, in order.
        removed: line index → rule, for the removed lines.
    """
    spans = []
    previous_end, kept_before = 0, False
    for position, i in enumerate(content):
        rule = removed.get(i)
        if rule is None:
            kept_before = True
        elif kept_before:
            spans.append((previous_end, ends[i], rule))
        else:
            end = starts[content[position + 1]] if position + 1 < len(content) else limit
            spans.append((previous_end, end, rule))
        previous_end = ends[i]
    return spans


def _merge(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Sort, clip overlaps (earlier span wins) and join touching spans of the same rule."""
    merged = []
    for start, end, rule in sorted(spans):
        if merged:
            last_start, last_end, last_rule = merged[-1]
            start = max(start, last_end)
            if start >= end:
                continue
            if start == last_end and rule == last_rule:
                merged[-1] = (last_start, end, rule)
                continue
        merged.append((start, end, rule))
    return merged


def clean_text(text: str, title: str = "", rules: RuleSet | None = None, candidates: list[int] | None = None
               ) -> Cleaned:
    """Remove boilerplate from one article.

    Args:
        text: the raw article text (newlines as \\n).
        title: the article's title from the corpus metadata ("" when unknown); a headline line
            repeating it is removed because the title column keeps it.
        rules: compiled rules; default data/lexicons/boilerplate.yaml.
        candidates: where the inline/trailer rules' prefixes occur (`RuleSet.candidate_positions`), if known.
    Returns:
        Cleaned(text, spans): cutting the spans out of `text` gives the clean text.

    >>> clean_text("اشترك مجانا بقناة الديار على يوتيوب\\n\\nبدأت مباحثات بوتين.").text
    'بدأت مباحثات بوتين.'

    (Subscribe for free to Al-Diyar's YouTube channel / Putin's talks began.)
    """
    rules = rules or default_rules()
    lines = text.split("\n")
    found = list(rules.text_matches(text, candidates))
    stop, cut_line = len(lines), None
    if found and found[-1][2].kind == "trailer":
        start = found[-1][0]
        stop = text.count("\n", 0, start)  # the trailer's line
        line_start = text.rfind("\n", 0, start) + 1
        if text[line_start:start].strip():  # mid-line: what precedes it on the line is a line of its own
            cut_line = _widen(text, start, len(text))[0]
            lines[stop] = text[line_start:cut_line]
            stop += 1
    removed = _removed_lines(lines, title, rules, stop)
    if not removed and not found:  # most articles: nothing to cut
        return Cleaned(text, ())
    starts, ends = _line_bounds(lines)
    inline, trailer, limit = [], [], len(text)
    for start, end, rule in found:
        if rule.kind != "trailer":
            inline.append(_widen(text, start, end) + (rule.name,))
        elif cut_line is not None:
            ends[stop - 1] = limit = cut_line
            trailer.append((cut_line, end, rule.name))
        else:  # at a line start: cut like a removed line, with the breaks before it
            before = next((j for j in range(stop - 1, -1, -1) if lines[j].strip()), None)
            limit = starts[stop]
            trailer.append((ends[before] if before is not None else 0, end, rule.name))
    inline = _absorb_covered_lines(text, starts, ends, inline, removed)
    content = [i for i in range(stop) if i in removed or lines[i].strip()]
    spans = _merge(_line_spans(limit, starts, ends, content, removed) + inline + trailer)
    pieces, position, cuts = [], 0, []
    for start, end, rule in spans:
        pieces.append(text[position:start])
        cuts.append(Span(start, end, rule, text[start:end]))
        position = end
    pieces.append(text[position:])
    return Cleaned("".join(pieces), tuple(cuts))


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend an inline cut over the spaces on one side, so no double or dangling spaces remain."""
    before, after = start, end
    while before > 0 and text[before - 1] in _HSPACE:
        before -= 1
    while after < len(text) and text[after] in _HSPACE:
        after += 1
    if after == len(text) or text[after] == "\n":  # at the end of a line: take the spaces before too
        return before, after
    if before == 0 or text[before - 1] == "\n" or before < start:  # at a line start, or spaces both sides
        return start, after
    return start, end


def _absorb_covered_lines(text, starts, ends, inline, removed):
    """Lines whose whole text inline rules remove become removed lines; returns the other inline spans."""
    by_line = defaultdict(list)
    for span in inline:
        line = bisect.bisect_right(starts, span[0]) - 1
        if span[1] <= ends[line]:
            by_line[line].append(span)
    for line, spans in by_line.items():
        if line in removed:
            continue
        position, covered = starts[line], True
        for start, end, _ in spans:
            if text[position:start].strip():
                covered = False
                break
            position = max(position, end)
        if covered and not text[position:ends[line]].strip():
            removed[line] = spans[0][2]
    return [span for line, spans in by_line.items() if line not in removed for span in spans] + [
        span for span in inline if span[1] > ends[bisect.bisect_right(starts, span[0]) - 1]
    ]


def cut(raw: str, spans) -> str:
    """The raw text without the spans (what `clean_text` returns as text)."""
    pieces, position = [], 0
    for span in sorted(spans, key=lambda s: s[0]):
        pieces.append(raw[position:span[0]])
        position = span[1]
    pieces.append(raw[position:])
    return "".join(pieces)


def restore(clean: str, spans) -> str:
    """Put removed spans back into a clean text: restore(*clean_text(raw)) == raw.

    Args:
        clean: a clean text.
        spans: its removed spans (Span or rows with start, end, text), offsets into the raw text.
    Returns:
        The raw text.
    """
    pieces, raw_position, clean_position = [], 0, 0
    for span in sorted(spans, key=lambda s: s[0]):
        start, end, removed = span[0], span[1], span[3]
        kept = start - raw_position
        pieces.append(clean[clean_position:clean_position + kept])
        pieces.append(removed)
        clean_position += kept
        raw_position = end
    pieces.append(clean[clean_position:])
    return "".join(pieces)


# ---------------------------------------------------------------------------------------------
# Cleaning a corpus


def clean_corpus(articles: pd.DataFrame, rules: RuleSet | None = None, progress: bool | None = None,
                 jobs: int = 1) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Clean every article of a table.

    Args:
        articles: a table from `corpus.load` (columns doc_id, title, text at least).
        rules: compiled rules; default data/lexicons/boilerplate.yaml.
        progress: tqdm bar on stderr; default: only for tables of 100,000 articles or more (31,000
            take about a second).
        jobs: worker processes (forked, where the platform can fork; 0 = all cores). The result
            is the same whatever the number. One process cleans saudinewsnet (31,000 articles, 96 MB)
            in under a second, about what starting workers and sending spans back costs: more
            processes pay only on far larger corpora.
    Returns:
        (clean_articles, removed): the same table with `text` = clean text, and the removed spans,
        columns doc_id, start, end, rule, text (offsets into the raw text), in article order.
    """
    rules = rules or default_rules()
    if jobs != 1:  # only the spans travel back from the workers; the texts are cut here
        removed = _concat_removed([r for _, r in _clean_in_chunks(articles, rules, jobs, False, bool(progress))])
        texts = articles["text"].tolist()
        row = {doc_id: i for i, doc_id in enumerate(articles["doc_id"])}
        for doc_id, spans in removed.groupby("doc_id", sort=False):
            texts[row[doc_id]] = cut(texts[row[doc_id]], list(zip(spans["start"], spans["end"], strict=True)))
        clean_articles = articles.copy()
        clean_articles["text"] = pd.Series(texts, index=articles.index, dtype=articles["text"].dtype)
        return clean_articles, removed
    titles = articles["title"].tolist() if "title" in articles else None  # lists iterate fast
    texts, rows = [], []
    rows_in = zip(articles["doc_id"].tolist(), _cleaned(articles["text"].tolist(), titles, rules), strict=True)
    if progress or (progress is None and len(articles) >= 100_000):
        from tqdm import tqdm

        rows_in = tqdm(rows_in, total=len(articles), desc="clean", unit="article", file=sys.stderr)
    for doc_id, cleaned in rows_in:
        texts.append(cleaned.text)
        rows.extend((doc_id, *span) for span in cleaned.spans)
    clean_articles = articles.copy()
    clean_articles["text"] = pd.Series(texts, index=articles.index, dtype=articles["text"].dtype)
    return clean_articles, removed_frame(rows)


def clean_texts(texts: list[str], titles: list[str] | None = None, rules: RuleSet | None = None) -> list[str]:
    """The clean text of each article: the `text` column `clean_corpus` gives, without tables or spans.

    Args:
        texts: raw article texts; titles: their titles (a repeated headline line goes), or None.
        rules: compiled rules; default data/lexicons/boilerplate.yaml.
    """
    return [cleaned.text for cleaned in _cleaned(texts, titles, rules or default_rules())]


def _cleaned(texts: list, titles: list | None, rules: RuleSet):
    """`clean_text` of each article (a missing text or title counts as ""), the inline rules' prefixes found
    for all of them in one pass."""
    texts = [text if isinstance(text, str) else "" for text in texts]
    titles = [title if isinstance(title, str) else "" for title in titles] if titles is not None else [""] * len(texts)
    candidates = rules.candidate_positions(texts) or [None] * len(texts)
    for text, title, positions in zip(texts, titles, candidates, strict=True):
        yield clean_text(text, title, rules, positions)


def _concat_removed(frames: list[pd.DataFrame]) -> pd.DataFrame:
    return pd.concat(frames, ignore_index=True) if frames else removed_frame()


def removed_frame(rows=()) -> pd.DataFrame:
    """The removed-spans table (doc_id, start, end, rule, text) from (doc_id, start, end, rule, text) rows."""
    frame = pd.DataFrame(list(rows), columns=REMOVED_COLUMNS)
    return frame.astype({"doc_id": str, "start": "int64", "end": "int64", "rule": str, "text": str})


def clean_source(source, fields: dict | None = None, strict: bool = False, metadata: dict | None = None,
                 rules_path: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Load and clean the articles of one source file: the unit of work for a process pool.

    Args:
        source: one path from `corpus.sources(path)`.
        fields, strict, metadata: passed to `corpus.load_source`.
        rules_path: a rules YAML file; default data/lexicons/boilerplate.yaml.
    Returns:
        (clean_articles, removed) as `clean_corpus` returns them, in the file's order.
    """
    articles = corpus.load_source(source, fields=fields, strict=strict, metadata=metadata)
    return clean_corpus(articles, _rules_at(rules_path), progress=False)


@cache
def _rules_at(path: str | None) -> RuleSet:
    return load_rules(path)


def restore_corpus(clean_articles: pd.DataFrame, removed: pd.DataFrame) -> pd.Series:
    """The raw texts, rebuilt from clean texts and removed spans (indexed like clean_articles)."""
    spans = {doc: list(zip(group["start"], group["end"], group["rule"], group["text"], strict=True))
             for doc, group in removed.groupby("doc_id")}
    texts = zip(clean_articles["doc_id"], clean_articles["text"], strict=True)
    return pd.Series([restore(text, spans.get(doc, ())) for doc, text in texts], index=clean_articles.index)


def removed_by_rule(removed: pd.DataFrame) -> pd.DataFrame:
    """Per rule: spans, articles touched and characters removed, largest first."""
    table = removed.assign(chars=removed["text"].str.len()).groupby("rule").agg(
        spans=("doc_id", "size"), articles=("doc_id", "nunique"), chars=("chars", "sum"))
    return table.sort_values(["chars", "spans"], ascending=False, kind="stable").reset_index()


def word_counts(raw: pd.DataFrame, clean: pd.DataFrame) -> pd.DataFrame:
    """Per article: words before and after cleaning, and how many went (doc_id order kept)."""
    before = pd.Series([len(text.split()) for text in raw["text"]], index=raw.index)  # 3× faster than .str
    after = pd.Series([len(text.split()) for text in clean["text"]], index=raw.index)
    return pd.DataFrame({"doc_id": raw["doc_id"], "outlet": raw.get("outlet", ""), "words_raw": before,
                         "words_clean": after, "words_removed": before - after})


def describe_removed(articles: pd.DataFrame, removed: pd.DataFrame) -> str:
    """One sentence on what cleaning removed, or an explicit "nothing removed"."""
    if removed.empty:
        return f"Nothing removed: no rule matched any of the {len(articles)} articles; the clean text is the raw text."
    chars = int(removed["text"].str.len().sum())
    total = int(articles["text"].str.len().sum()) or 1
    return (f"{len(removed):,} spans removed from {removed['doc_id'].nunique():,} of {len(articles):,} articles: "
            f"{chars:,} characters, {chars / total:.1%} of the raw text, by {removed['rule'].nunique()} rules.")


def showcase_doc(articles: pd.DataFrame, removed: pd.DataFrame) -> str:
    """The article whose cleaning shows the most: most distinct rules, then most characters removed."""
    if removed.empty:
        return articles["doc_id"].iloc[0] if len(articles) else ""
    per_doc = removed.assign(chars=removed["text"].str.len()).groupby("doc_id", sort=True).agg(
        rules=("rule", "nunique"), chars=("chars", "sum"))
    return per_doc.sort_values(["rules", "chars"], ascending=False, kind="stable").index[0]


def marked_html(raw: str, spans) -> str:
    """The raw article as escaped HTML, right to left, with each removed span struck through and labelled.

    Args:
        raw: the raw article text.
        spans: its removed spans (Span tuples, or the article's rows of the removed table).
    Returns:
        HTML in which every piece of article text went through html.escape: the article can never
        become live HTML.
    """
    import html

    if isinstance(spans, pd.DataFrame):
        spans = zip(spans["start"], spans["end"], spans["rule"], spans["text"], strict=True)
    pieces, position = [], 0
    for start, end, rule, text in sorted((tuple(s[:4]) for s in spans), key=lambda s: s[0]):
        core = text.strip()
        lead = text[:len(text) - len(text.lstrip())]
        trail = text[len(lead) + len(core):]
        label = html.escape(rule)
        pieces += [html.escape(raw[position:start]), html.escape(lead),
                   f'<del style="color:#b03a2e" title="{label}">{html.escape(core)}</del>',
                   f'<sup style="color:#b03a2e">[{label}]</sup>' if core else "", html.escape(trail)]
        position = end
    pieces.append(html.escape(raw[position:]))
    return ('<div dir="rtl" style="white-space:pre-wrap;line-height:1.7;font-size:110%;'
            f'font-family:\'Noto Sans Arabic\',sans-serif">{"".join(pieces)}</div>')


# ---------------------------------------------------------------------------------------------
# Discovering boilerplate in a new corpus


def _line_key(line: str) -> str:
    """Lines that differ only in spacing or numbers (dates, codes) count as one."""
    return _DIGITS.sub("0", _SPACES.sub(" ", line))


def discover(articles: pd.DataFrame, min_count: int = 10, max_chars: int = 200,
             rules: RuleSet | None = None) -> pd.DataFrame:
    """Lines that one outlet repeats across many articles: candidate boilerplate.

    Args:
        articles: an article table (doc_id, outlet, text).
        min_count: report a line when at least this many articles of one outlet carry it.
        max_chars: longer lines are prose and never counted.
        rules: the rules in force, to say which candidates they already remove.
    Returns:
        DataFrame line (an example), count (articles), outlets ("outlet: articles; …"), example_doc,
        rule (the rule that removes it in the example article, "" if none), most frequent first.
    """
    rules = rules or default_rules()
    per_outlet, example = Counter(), {}
    outlets = articles["outlet"] if "outlet" in articles else [""] * len(articles)
    titles = articles["title"] if "title" in articles else [""] * len(articles)
    for doc_id, outlet, title, text in zip(articles["doc_id"], outlets, titles, articles["text"], strict=True):
        keys = {}
        for line in (text if isinstance(text, str) else "").split("\n"):
            line = line.strip()
            if line and len(line) <= max_chars:
                keys.setdefault(_line_key(line), line)
        for key, line in keys.items():
            per_outlet[key, outlet if isinstance(outlet, str) and outlet else "(unknown)"] += 1
            if key not in example:
                example[key] = (line, doc_id, title, text)
    counts, spread = Counter(), defaultdict(list)
    for (key, outlet), n in per_outlet.items():
        counts[key] += n
        spread[key].append((n, outlet))
    rows = []
    for key, total in counts.items():
        if max(spread[key])[0] < min_count:
            continue
        line, doc_id, title, text = example[key]
        outlets_text = "; ".join(f"{o}: {n}" for n, o in sorted(spread[key], key=lambda x: (-x[0], x[1])))
        rows.append({"line": line, "count": total, "outlets": outlets_text, "example_doc": doc_id,
                     "rule": _rule_removing(line, text, title or "", rules)})
    table = pd.DataFrame(rows, columns=CANDIDATE_COLUMNS)
    return table.sort_values(["count", "line"], ascending=[False, True], kind="stable").reset_index(drop=True)


def discovery_min_count(articles: int) -> int:
    """A sensible --min-count for a corpus of this many articles (2 for a handful, 10 from 1,000 on)."""
    return max(2, min(10, articles // 100))


def _rule_removing(line: str, text: str, title: str, rules: RuleSet) -> str:
    """The rule that removes `line` where it stands in `text` (its example article), or ""."""
    start = text.find(line)
    end = start + len(line)
    spans = clean_text(text, title, rules).spans
    return next((s.rule for s in spans if s.start <= start and end <= s.end), "")


def candidate_rule(line: str, name: str, description: str = "", kind: str = "line") -> dict:
    """Turn a discovered line into a rule entry for boilerplate.yaml (numbers become \\d+).

    Args:
        line: the candidate line, e.g. "للتواصل أرسل sms إلى 88548".
        name: the new rule's name.
        description: what it is, for the rules file.
        kind: "line" (the whole line) or "inline" (wherever it occurs).
    Returns:
        A dict with name, kind, pattern, description, example, ready for `rules_yaml`.
    """
    pattern = r"\s+".join(_DIGITS.sub(lambda _: r"\d+", re.escape(word)) for word in line.split())
    return {"name": name, "kind": kind, "pattern": pattern,
            "description": description or f"Line repeated across articles: {line}", "example": line}


def rules_yaml(entries: list[dict]) -> str:
    """Rule entries as YAML, to paste under `rules:` in boilerplate.yaml."""
    import yaml

    return yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=110)


def with_rules(rules: RuleSet, entries: list[dict]) -> RuleSet:
    """A RuleSet with extra rule entries (e.g. promoted candidates) after the existing ones."""
    extra = tuple(_rule_from_entry(e, "promoted rule") for e in entries)
    return RuleSet(rules.rules + extra, rules.max_line_chars, rules.max_title_chars)


# ---------------------------------------------------------------------------------------------
# Command line

#: Below this many characters of text a corpus is cleaned in one process (a pool costs more).
PARALLEL_MIN_CHARS = 4_000_000
#: Articles per task handed to a worker process.
CHUNK_ARTICLES = 2_000
#: What forked workers read: the loaded articles and the rules (set by the parent just before the fork).
_FORKED: dict = {}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from arnews.cli import add_corpus_argument, add_strict_argument

    add_corpus_argument(parser)
    parser.add_argument("--out", required=True, metavar="DIR", help="folder for articles.jsonl and removed.csv")
    add_strict_argument(parser)
    parser.add_argument("--rules", metavar="FILE.yaml",
                        help="boilerplate rules (default: data/lexicons/boilerplate.yaml)")
    parser.add_argument("--discover", metavar="FILE.csv",
                        help="also write lines repeated across many articles of one outlet (candidate rules)")
    parser.add_argument("--min-count", type=int, default=10, metavar="N",
                        help="--discover: articles of one outlet a line must appear in (default 10)")
    parser.add_argument("--jobs", type=int, default=0, metavar="N", help="worker processes (default 0: all cores)")


def load_corpus(path, strict: bool = False) -> tuple[pd.DataFrame, list[str]]:
    """`corpus.load(path)`; with a loader that stops at an unreadable file, the corpus file by file.

    Returns:
        (articles, problems): problems are "skipped <file>: <reason>" lines for files left out here
        (the loader reports its own problems itself).
    """
    try:
        return corpus.load(path, strict=strict), []
    except (InputError, ValueError, OSError, zipfile.BadZipFile, csv.Error) as err:
        if strict:
            raise err if isinstance(err, InputError) else InputError(path, f"cannot be read ({err})") from None
    frames, problems = [], []
    metadata = corpus.metadata_for(path)
    for source in corpus.sources(path):
        try:
            frames.append(corpus.load_source(source, metadata=metadata))
        except (InputError, ValueError, OSError, zipfile.BadZipFile, csv.Error) as err:
            problems.append(f"skipped {source}: {getattr(err, 'reason', None) or f'cannot be read ({err})'}")
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype="datetime64[ns]" if c == "published" else str)
                             for c in corpus.COLUMNS}), problems
    articles = pd.concat(frames, ignore_index=True)
    return articles.sort_values("doc_id", kind="stable").reset_index(drop=True), problems


def _clean_chunk(bounds: tuple[int, int], as_jsonl: bool):
    """Worker: clean rows [start, end) of the forked articles; their JSONL lines (as_jsonl) and spans."""
    part = _FORKED["articles"].iloc[bounds[0]:bounds[1]]
    clean_part, removed = clean_corpus(part, _FORKED["rules"], progress=False)
    if as_jsonl:  # encoded here, in parallel; bytes also travel between processes faster than text
        lines = [(json.dumps(r, ensure_ascii=False, default=str) + "\n").encode() for r in article_records(clean_part)]
        return lines, removed
    return None, removed


def _clean_in_chunks(articles: pd.DataFrame, rules: RuleSet, jobs: int, as_jsonl: bool, progress: bool):
    """Clean the articles in chunks of CHUNK_ARTICLES rows, in forked worker processes when it pays.

    Chunks come back in article order, so the result does not depend on the number of processes.
    """
    from tqdm import tqdm

    chunks = [(i, min(i + CHUNK_ARTICLES, len(articles))) for i in range(0, len(articles), CHUNK_ARTICLES)]
    jobs = jobs or os.cpu_count() or 1
    big = int(articles["text"].str.len().sum()) >= PARALLEL_MIN_CHARS if len(articles) else False
    forked = jobs > 1 and len(chunks) > 1 and big and "fork" in multiprocessing.get_all_start_methods()
    work = partial(_clean_chunk, as_jsonl=as_jsonl)
    bar = dict(total=len(chunks), desc="clean", unit="chunk", file=sys.stderr, disable=not (progress and big))
    _FORKED.update(articles=articles, rules=rules)
    try:
        if forked:
            with multiprocessing.get_context("fork").Pool(min(jobs, len(chunks))) as pool:
                return list(tqdm(pool.imap(work, chunks), **bar))
        return [work(chunk) for chunk in tqdm(chunks, **bar)]
    finally:
        _FORKED.clear()


def write_clean(articles: pd.DataFrame, out, rules: RuleSet | None = None, jobs: int = 0,
                progress: bool = True) -> pd.DataFrame:
    """Clean articles straight into out/articles.jsonl and out/removed.csv (atomically, on all cores).

    Args:
        articles: a table from `corpus.load`.
        out: the output folder.
        rules: compiled rules; default data/lexicons/boilerplate.yaml.
        jobs: worker processes (0 = all cores); the files are byte-identical whatever the number.
        progress: tqdm bar on stderr for large corpora.
    Returns:
        The removed spans.
    """
    parts = _clean_in_chunks(articles, rules or default_rules(), jobs, as_jsonl=True, progress=progress)
    with files.atomic_path(Path(out) / "articles.jsonl") as tmp, open(tmp, "wb") as f:
        for lines, _ in parts:
            f.writelines(lines)
    removed = _concat_removed([r for _, r in parts])
    files.write_csv(removed, Path(out) / "removed.csv")
    return removed


def article_records(articles: pd.DataFrame):
    """articles.jsonl records: doc_id, title, outlet, published (ISO date, or null), text."""
    published = articles["published"]
    iso = published.dt.strftime("%Y-%m-%d").where(published == published.dt.normalize(),
                                                  published.dt.strftime("%Y-%m-%dT%H:%M:%S"))
    iso = iso.astype(object).where(published.notna(), None)
    columns = (articles["doc_id"], articles["title"], articles["outlet"], iso, articles["text"])
    for doc_id, title, outlet, date, text in zip(*columns, strict=True):
        yield {"doc_id": doc_id, "title": title, "outlet": outlet, "published": date, "text": text}


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    for path in (out / "articles.jsonl", out / "removed.csv", *([args.discover] if args.discover else [])):
        files.check_output_path(path, args.corpus)
    rules = _rules_at(args.rules)  # a bad rules file stops here, before any work, with one clear line
    articles, problems = load_corpus(args.corpus, strict=args.strict)
    for problem in problems:
        print(f"arnews clean: {problem}", file=sys.stderr)
    removed = write_clean(articles, out, rules, jobs=args.jobs)
    print(f"{len(articles)} articles, {len(removed)} spans removed ({removed['text'].str.len().sum()} characters)"
          f" → {out / 'articles.jsonl'}, {out / 'removed.csv'}")
    if args.discover:
        candidates = discover(articles, args.min_count, rules=rules)
        files.write_csv(candidates, args.discover)
        print(f"{len(candidates)} candidate boilerplate lines → {args.discover}")
    return 0

"""Cleaning one article: which spans the rules remove, the clean text, and the way back to the raw text.

Whitespace: a removed line takes the line break(s) before it (at the top of the text: the ones after it), so
removing lines leaves no blank-line runs; an inline cut takes the spaces on one side of it, so no double or
dangling spaces remain. The raw text is never changed: `restore(clean, spans)` gives it back exactly.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Mapping
from typing import NamedTuple

from arnews import arabic
from arnews.clean.rules import RuleSet, default_rules

__all__ = ["HEADLINE_MAX_WORDS", "Cleaned", "Span", "clean_text", "cut", "headline_shaped", "restore"]

#: The most words a headline of a list of other stories has; a longer line is prose.
HEADLINE_MAX_WORDS = 15
#: What ends a line of prose rather than a headline: a full stop, a comma, a colon (a heading of what follows).
_NOT_A_HEADLINE_END = (".", "،", ",", "؛", ";", ":")
#: «أن»/«إن» (that), with their clitics, folded: reported speech and clauses, which prose has and headlines,
#: written in the nominal style, do not («وأضاف الوزير أن المشروع سيكتمل», and the minister added that …).
_COMPLEMENTIZERS = frozenset(arabic.fold_words(["أن", "إن", "بأن", "لأن", "وأن", "وإن", "فإن", "كأن"]))


def headline_shaped(line: str, clauses: bool = True) -> bool:
    """Whether a stripped line reads as a headline of another story rather than prose: at most
    `HEADLINE_MAX_WORDS` words, no full stop, comma or colon at the end, and (`clauses`) no «أن»/«إن» (that)
    clause. `clauses=False` skips the last test, the one that folds the words: a quick first pass."""
    words = line.split()
    return 0 < len(words) <= HEADLINE_MAX_WORDS and not line.endswith(_NOT_A_HEADLINE_END) \
        and (not clauses or _COMPLEMENTIZERS.isdisjoint(arabic.fold_words(words)))

_HSPACE = " \t\xa0\u2009\u200a\u202f\u3000"


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


def _line_bounds(lines: list[str]) -> tuple[list[int], list[int]]:
    """Start and end offsets of each line of a text split at \\n (end excludes the line break)."""
    starts, ends, position = [], [], 0
    for line in lines:
        starts.append(position)
        position += len(line)
        ends.append(position)
        position += 1
    return starts, ends


class _Block:
    """An open block rule: its heading was removed; the lines after it that are its items go too."""

    def __init__(self, name: str, items, plain_items, heading: int):
        self.name, self.items, self.plain_items = name, items, plain_items
        self.heading = self.last = heading  # the heading's line, the block's last line so far

    def takes(self, i: int, line: str, max_chars: int) -> bool:
        """Whether line i is the block's next item: bulleted (blank lines between allowed), or unbulleted and
        right after the previous item (blank lines only between the heading and the first item; see also
        `closing_items`)."""
        if len(line) > max_chars:
            return False
        adjacent = i == self.last + 1 or self.last == self.heading
        if (self.items is not None and self.items.fullmatch(line)) or (
                self.plain_items is not None and adjacent and self.plain_items.fullmatch(line)):
            self.last = i
            return True
        return False

    def closing_items(self, lines: list[str], i: int, stop: int, max_chars: int) -> list[int]:
        """The non-blank lines from i to `stop` when every one of them is an unbulleted item that is also
        `headline_shaped`: the block's list runs to the end of the text, so blank lines between its items end
        nothing (no prose follows)."""
        if self.plain_items is None:
            return []
        rest = [j for j in range(i, stop) if lines[j].strip()]
        if all(len(line := lines[j].strip()) <= max_chars and self.plain_items.fullmatch(line)
               and headline_shaped(line) for j in rest):
            return rest
        return []


def _removed_lines(lines: list[str], title: str, rules: RuleSet, stop: int) -> dict[int, str]:
    """Line index → rule name for the lines that title, line and block rules remove (lines < stop)."""
    removed: dict[int, str] = {}
    block = None
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
        if block is not None:
            if block.takes(i, line, rules.max_line_chars):
                removed[i] = _item_rule(line, block, rules)
                continue
            closing = block.closing_items(lines, i, stop, rules.max_line_chars)
            if closing:  # unbulleted items with blank lines between them, up to the end: a list closing the text
                removed.update({j: _item_rule(lines[j].strip(), block, rules) for j in closing})
                break
            block = None
        rule = rules.line_rule(line)
        if rule is not None:
            removed[i] = rule.name
            if rule.kind == "block":
                block = _Block(rule.name, *rules.block_items[rule.name], heading=i)
    return removed


def _item_rule(line: str, block: _Block, rules: RuleSet) -> str:
    """The rule that names an item of a block: a promo or a footer among the items keeps its own line rule."""
    own = rules.line_rule(line)
    return own.name if own is not None and own.kind == "line" and own.name not in rules.end_only else block.name


def _keep_end_rules_at_the_end(lines: list[str], stop: int, removed: dict[int, str], end_only) -> None:
    """Put back lines of end-only rules that some kept line follows: they close no text."""
    closing = True
    for i in range(stop - 1, -1, -1):
        if not lines[i].strip():
            continue
        rule = removed.get(i)
        if rule is None:
            closing = False
        elif rule in end_only and not closing:
            del removed[i]


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
    merged: list[tuple[int, int, str]] = []
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


def clean_text(text: str, title: str = "", rules: RuleSet | None = None,
               learned: Mapping[str, str] | None = None) -> Cleaned:
    """Remove boilerplate from one article.

    Args:
        text: the raw article text (newlines as \\n).
        title: the article's title from the corpus metadata ("" when unknown); a headline line
            repeating it is removed because the title column keeps it.
        rules: compiled rules; default data/lexicons/boilerplate.yaml.
        learned: the lines this article's outlet repeats as boilerplate (stripped line → rule name, from
            `learn.learn_lines`); a whole line equal to one of them goes, unless another rule removes it (a
            line of the appended headlines, named after the learned rule's `teasers`, only where it closes the
            text).
    Returns:
        Cleaned(text, spans): cutting the spans out of `text` gives the clean text.

    >>> clean_text("اشترك مجانا بقناة الديار على يوتيوب\\n\\nبدأت مباحثات بوتين.").text
    'بدأت مباحثات بوتين.'

    (Subscribe for free to Al-Diyar's YouTube channel / Putin's talks began.)
    """
    rules = rules or default_rules()
    lines = text.split("\n")
    found = list(rules.text_matches(text))
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
    repeated = [i for i in range(stop) if i not in removed and lines[i].strip() in learned] if learned else []
    if not removed and not found and not repeated:  # most articles: nothing to cut
        return Cleaned(text, ())
    starts, ends = _line_bounds(lines)
    inline, trailer, limit = [], [], len(text)
    for start, end, rule in found:
        if rule.kind != "trailer":
            inline.append((*_widen(text, start, end), rule.name))
        elif cut_line is not None:
            ends[stop - 1] = limit = cut_line
            trailer.append((cut_line, end, rule.name))
        else:  # at a line start: cut like a removed line, with the breaks before it
            before = next((j for j in range(stop - 1, -1, -1) if lines[j].strip()), None)
            limit = starts[stop]
            trailer.append((ends[before] if before is not None else 0, end, rule.name))
    inline = _absorb_covered_lines(text, starts, ends, inline, removed)
    for i in repeated:  # the outlet's learned lines, where no other rule removed them
        removed.setdefault(i, learned[lines[i].strip()])
    end_only = rules.end_only
    if repeated and rules.learn is not None and rules.learn.teasers is not None:  # appended headlines close a text
        teaser = rules.learn.teasers.rule + ":"
        end_only = end_only | {removed[i] for i in repeated if removed[i].startswith(teaser)}
    if end_only:
        _keep_end_rules_at_the_end(lines, stop, removed, end_only)
    content = [i for i in range(stop) if i in removed or lines[i].strip()]
    spans = _merge(_line_spans(limit, starts, ends, content, removed) + inline + trailer)
    cuts = tuple(Span(start, end, rule, text[start:end]) for start, end, rule in spans)
    return Cleaned(cut(text, cuts), cuts)


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

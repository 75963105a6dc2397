"""Lines that one outlet repeats across many of its articles: learned as boilerplate, or listed for review.

Cleaning a corpus makes two passes (`tables.clean_corpus`): the first counts, per outlet, the articles that
carry each short line (`count_lines`), the second cleans every article with the lines `learn_lines` learned
for its outlet. A line is *learned* (removed by the rule of kind `learned`, spans named `learned:<outlet>`)
when enough of the outlet's articles carry it, by count and by share, and the guard does not keep it: a short
line shaped like a dateline or byline («عين اليوم – الرياض», Ain Al-Youm – Riyadh) is real text that repeats.
The thresholds and the guard's shapes are data (the `learned` rule in boilerplate.yaml).

Lines are compared by `line_key`: folded (`arabic.fold`), every number masked, punctuation ignored, so the
SMS promo «للتواصل أرسل sms إلى 88548 … بالرمز 259» counts once whatever its code. Counting goes through the
articles in table order and never depends on how the work is split, so the result is the same on any machine.

`discover` lists every repeated line with the rule that removes it (or the guard shape that keeps it), for a
researcher to review; `candidate_rule` and `rules_yaml` turn one into a rule entry for boilerplate.yaml.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import takewhile

import pandas as pd

from arnews import arabic
from arnews.clean.engine import clean_text, headline_shaped
from arnews.clean.rules import LearnSettings, RuleSet, TeaserSettings, default_rules

__all__ = [
    "CANDIDATE_COLUMNS", "LEARNED_COLUMNS", "LearnedLines", "LineCounts", "candidate_rule", "count_lines",
    "discover", "discovery_min_count", "learn_lines", "line_key", "outlet_names", "rules_yaml",
]

CANDIDATE_COLUMNS = ["line", "count", "outlets", "example_doc", "rule", "guard"]
LEARNED_COLUMNS = ["outlet", "line", "articles", "share", "rule"]
#: The outlet name of articles whose outlet is not known.
UNKNOWN_OUTLET = "(unknown)"

_DIGITS = re.compile(r"[0-9]+")  # folded text: every digit is ASCII
#: Punctuation ignored when lines are compared: ASCII and Arabic punctuation, quotes, dashes, bullets.
_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~\xa0-\xbf،؛؟٪٫٬«»‘’‚“”„…‐-―•·▪●○◆■□★☆]+")


def line_keys(lines: list[str]) -> list[str]:
    """`line_key` of many lines in one pass (their joined text is folded once)."""
    if not lines:
        return []
    keys = _masked(arabic.fold("\n".join(lines))).split("\n")
    if len(keys) != len(lines):  # a line break appeared or vanished in folding: key line by line
        return [line_key(line) for line in lines]
    return [" ".join(key.split()) for key in keys]


def line_key(line: str) -> str:
    """What two repeated lines share: the folded words, numbers as 0, no punctuation.

    Example: line_key("للتواصل أرسل sms إلى 88548 الاتصالات ,636250 موبايلي") →
    "للتواصل ارسل sms الي 0 الاتصالات 0 موبايلي" (to get in touch send an SMS to … Mobily).
    """
    return " ".join(_masked(arabic.fold(line)).split())


def _masked(folded: str) -> str:
    """Folded text with every number as 0 and punctuation as spaces (what `line_key` compares)."""
    return _PUNCTUATION.sub(" ", _DIGITS.sub("0", folded))


def outlet_names(articles: pd.DataFrame) -> list[str]:
    """Each article's outlet, "(unknown)" where the table has none."""
    outlets = articles["outlet"].tolist() if "outlet" in articles else [None] * len(articles)
    return [o.strip() if isinstance(o, str) and o.strip() else UNKNOWN_OUTLET for o in outlets]


@dataclass
class _Seen:
    """A repeated line of one outlet: articles carrying it, how many near their top, and its spellings (each with
    how often it was met and the first article holding it)."""

    articles: int
    lead: int
    spellings: dict

    @property
    def example(self) -> str:
        """The spelling met most often (the first met among equals)."""
        return max(self.spellings, key=lambda s: (self.spellings[s][0], -self.spellings[s][1]))

    @property
    def example_row(self) -> int:
        return self.spellings[self.example][1]


@dataclass(frozen=True)
class LineCounts:
    """Per outlet, the articles that carry each short line (`count_lines`), and how each article closes.

    tails: per article, (outlet, keys of the short headline-shaped lines that close it, in text order).
    """

    outlet_articles: Counter
    lines: dict  # (outlet, key) → _Seen
    tails: list = field(default_factory=list)


def count_lines(texts: list, outlets: list[str], max_chars: int, lead_lines: int, tail_lines: int = 0
                ) -> LineCounts:
    """Count, per outlet, the articles that carry each stripped line of at most `max_chars` characters.

    Args:
        texts: raw article texts (anything else counts as an empty text).
        outlets: each article's outlet (`outlet_names`).
        max_chars: longer lines are prose and never counted.
        lead_lines: a line among the first `lead_lines` non-blank lines of an article stands at its top (the
            last line never does: a byline or dateline on top has the story after it).
        tail_lines: how many of the short lines that close each article, each `headline_shaped`, to keep in
            `tails` (0: none).
    """
    rows, leads, lines, closing = [], [], [], []
    for row, text in enumerate(texts):
        content = [line for line in (line.strip() for line in (text if isinstance(text, str) else "").split("\n"))
                   if line]
        top = min(lead_lines, len(content) - 1)  # the top: the first lines, never the story's last line
        for position, line in enumerate(content):
            if len(line) <= max_chars:
                rows.append(row)
                leads.append(position < top)
                lines.append(line)
        short = 0  # the short headline-shaped lines that close the article: the last ones appended
        while short < min(tail_lines, len(content)) and len(content[-1 - short]) <= max_chars \
                and headline_shaped(content[-1 - short], clauses=False):  # the clause test: on candidates only
            short += 1
        closing.append((row, len(lines) - short, len(lines)))
    keys = line_keys(lines)
    tails = [(outlets[row], [key for key in keys[a:b] if key]) for row, a, b in closing] if tail_lines else []
    seen: dict = {}
    last_row: dict = {}
    for row, lead, line, key in zip(rows, leads, lines, keys, strict=True):
        if not key:
            continue
        entry_key = (outlets[row], key)
        entry = seen.get(entry_key)
        if entry is None:
            seen[entry_key] = entry = _Seen(0, 0, {})
        spelling = entry.spellings.setdefault(line, [0, row])
        spelling[0] += 1
        if last_row.get(entry_key) != row:  # an article counts once
            last_row[entry_key] = row
            entry.articles += 1
            entry.lead += lead
    return LineCounts(Counter(outlets), seen, tails)


@dataclass(frozen=True)
class LearnedLines:
    """The lines learned as boilerplate, per outlet.

    by_outlet: outlet → {stripped line (every spelling met) → the span's rule name, "learned:<outlet>"}.
    table: one row per learned line: outlet, line (an example), articles, share (of the outlet's articles), rule.
    """

    by_outlet: dict
    table: pd.DataFrame

    def for_outlet(self, outlet: str) -> dict[str, str] | None:
        """The learned lines of `outlet` (None when there are none)."""
        return self.by_outlet.get(outlet)


def _is_learned(settings: LearnSettings, total: int, seen: _Seen) -> bool:
    if seen.articles < settings.min_articles or seen.articles < settings.min_share * total:
        return False
    return not settings.guard.reason(seen.example, seen.lead / seen.articles)


def _teasers(counts: LineCounts, settings: LearnSettings) -> set[tuple[str, str]]:
    """(outlet, key) of the headlines an outlet appends under its articles (see `TeaserSettings`): lines that
    close at least `min_articles` of its articles, headline-shaped and not kept by the guard, standing in a run
    of at least `min_run` such lines that closes an article."""
    teasers: TeaserSettings = settings.teasers
    closing: Counter = Counter()
    for outlet, keys in counts.tails:
        closing.update((outlet, key) for key in set(keys))

    def headline(seen: _Seen) -> bool:
        line = seen.example
        return len(line.split()) >= teasers.min_words and headline_shaped(line) \
            and not settings.guard.reason(line, 0.0)

    candidates = {entry for entry, n in closing.items()
                  if n >= teasers.min_articles and headline(counts.lines[entry])}
    found: set = set()
    for outlet, keys in counts.tails:
        run = list(takewhile(lambda key, o=outlet: (o, key) in candidates, reversed(keys)))
        if len(run) >= teasers.min_run:
            found.update((outlet, key) for key in run)
    return found


def learn_lines(articles: pd.DataFrame, rules: RuleSet | None = None, counts: LineCounts | None = None
                ) -> LearnedLines:
    """The lines each outlet repeats often enough to be boilerplate (the rules' `learned` settings).

    Args:
        articles: an article table (text, and outlet when known).
        rules: compiled rules; default data/lexicons/boilerplate.yaml. Without a learned rule, nothing is learned.
        counts: the table's line counts, if already made with the learned rule's `max_chars` and `lead_lines`.
    """
    rules = rules or default_rules()
    settings = rules.learn
    if settings is None or articles.empty:
        return LearnedLines({}, pd.DataFrame(columns=LEARNED_COLUMNS))
    tail_lines = settings.teasers.tail_lines if settings.teasers else 0
    if counts is None or (tail_lines and not counts.tails):
        counts = count_lines(articles["text"].tolist(), outlet_names(articles), settings.max_chars,
                             settings.guard.lead_lines, tail_lines)
    texts = articles["text"].tolist()
    titles = articles["title"].tolist() if "title" in articles else [""] * len(texts)
    teasers = _teasers(counts, settings) if settings.teasers else set()
    by_outlet: dict = defaultdict(dict)
    rows = []
    for (outlet, key), seen in counts.lines.items():
        total = counts.outlet_articles[outlet]
        learned = _is_learned(settings, total, seen)
        if not learned and (outlet, key) not in teasers:
            continue
        # written rules come first: only the spellings none of them removes (tried where each was first met)
        spellings = [line for line, (_, row) in seen.spellings.items()
                     if not _rule_removing(line, texts[row], titles[row], rules, None)]
        if spellings:
            name = f"{settings.rule if learned else settings.teasers.rule}:{outlet}"
            by_outlet[outlet].update(dict.fromkeys(spellings, name))
            example = max(spellings, key=lambda line: seen.spellings[line][0])
            rows.append((outlet, example, seen.articles, round(seen.articles / total, 4), name))
    table = pd.DataFrame(rows, columns=LEARNED_COLUMNS).sort_values(
        ["outlet", "articles", "line"], ascending=[True, False, True], kind="stable").reset_index(drop=True)
    return LearnedLines(dict(by_outlet), table)


def discover(articles: pd.DataFrame, min_count: int = 10, max_chars: int = 200,
             rules: RuleSet | None = None) -> pd.DataFrame:
    """Lines that one outlet repeats across many articles: what the learned rule removes, and what it keeps.

    Args:
        articles: an article table (doc_id, outlet, text) with the raw text.
        min_count: report a line when at least this many articles of one outlet carry it.
        max_chars: longer lines are prose and never counted.
        rules: the rules in force, to say which candidates they already remove.
    Returns:
        DataFrame line (an example), count (articles), outlets ("outlet: articles; …"), example_doc,
        rule (the rule that removes it in the example article, "" if none: `learned:<outlet>` when the
        learned rule does), guard (the dateline/byline shape that keeps it from being learned, or ""),
        most frequent first.
    """
    rules = rules or default_rules()
    settings = rules.learn
    outlets = outlet_names(articles)
    texts = articles["text"].tolist()
    lead_lines = settings.guard.lead_lines if settings else 3
    tail_lines = settings.teasers.tail_lines if settings and settings.teasers else 0
    counts = count_lines(texts, outlets, max_chars, lead_lines, tail_lines)
    same_counts = settings is not None and settings.max_chars == max_chars
    learned = learn_lines(articles, rules, counts if same_counts else None)
    by_key: dict = defaultdict(list)
    for (outlet, key), seen in counts.lines.items():
        by_key[key].append((outlet, seen))
    titles = articles["title"].tolist() if "title" in articles else [""] * len(articles)
    doc_ids = articles["doc_id"].tolist()
    rows = []
    for entries in by_key.values():
        if max(seen.articles for _, seen in entries) < min_count:
            continue
        # the outlet that repeats it most, and its most frequent spelling
        outlet, first = max(entries, key=lambda e: (e[1].articles, -e[1].example_row))
        row = first.example_row
        spread = sorted(((seen.articles, o) for o, seen in entries), key=lambda x: (-x[0], x[1]))
        guard = settings.guard.reason(first.example, first.lead / first.articles) if settings else ""
        title = titles[row]
        rows.append({"line": first.example, "count": sum(n for n, _ in spread),
                     "outlets": "; ".join(f"{o}: {n}" for n, o in spread), "example_doc": doc_ids[row],
                     "rule": _rule_removing(first.example, texts[row], title, rules, learned.for_outlet(outlet)),
                     "guard": guard})
    table = pd.DataFrame(rows, columns=CANDIDATE_COLUMNS)
    return table.sort_values(["count", "line"], ascending=[False, True], kind="stable").reset_index(drop=True)


def discovery_min_count(articles: int) -> int:
    """A sensible --min-count for a corpus of this many articles (2 for a handful, 10 from 1,000 on)."""
    return max(2, min(10, articles // 100))


def _rule_removing(line: str, text: str, title, rules: RuleSet, learned) -> str:
    """The rule that removes `line` where it stands in `text` (its example article), or ""."""
    title = title if isinstance(title, str) else ""
    start = text.find(line)
    end = start + len(line)
    spans = clean_text(text, title, rules, learned).spans
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

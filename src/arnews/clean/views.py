"""What notebook 02 shows of a cleaning: tables of what went, a sentence about it, one article marked up.

Article text is shown, never run: every piece goes through `html.escape`, and bidirectional control
characters (which would reorder what the reader sees) are shown as visible labels such as ⟨U+202E⟩.
"""

from __future__ import annotations

import html

import pandas as pd

from arnews import arabic

__all__ = ["describe_removed", "marked_html", "removed_by_rule", "showcase_doc", "visible_controls", "word_counts"]


def visible_controls(text: str) -> str:
    """`text` with each bidirectional control character written as a label, e.g. "⟨U+200F⟩".

    Example: visible_controls("باب\\u202eالجابية") → "باب⟨U+202E⟩الجابية" (Bab al-Jabiya, with a right-to-left
    override that would turn the rest of the line around).
    """
    return arabic.BIDI_CONTROL_PATTERN.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", text)


def removed_by_rule(removed: pd.DataFrame) -> pd.DataFrame:
    """Per rule: spans, articles touched and characters removed, largest first."""
    table = removed.assign(chars=removed["text"].str.len()).groupby("rule").agg(
        spans=("doc_id", "size"), articles=("doc_id", "nunique"), chars=("chars", "sum"))
    return table.sort_values(["chars", "spans"], ascending=False, kind="stable").reset_index()


def word_counts(raw: pd.DataFrame, clean: pd.DataFrame) -> pd.DataFrame:
    """Per article: words before and after cleaning, and how many went (doc_id order kept)."""
    before = pd.Series([len(text.split()) for text in raw["text"]], index=raw.index)
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


def _shown(text: str) -> str:
    return visible_controls(html.escape(text))


def marked_html(raw: str, spans) -> str:
    """The raw article as escaped HTML, right to left, with each removed span struck through and labelled.

    Args:
        raw: the raw article text.
        spans: its removed spans (Span tuples, or the article's rows of the removed table).
    Returns:
        HTML in which every piece of article text went through html.escape (the article can never become
        live HTML) and bidirectional controls are visible labels (they cannot reorder the page).
    """
    if isinstance(spans, pd.DataFrame):
        spans = zip(spans["start"], spans["end"], spans["rule"], spans["text"], strict=True)
    pieces, position = [], 0
    for start, end, rule, text in sorted((tuple(s[:4]) for s in spans), key=lambda s: s[0]):
        core = text.strip()
        lead = text[:len(text) - len(text.lstrip())]
        trail = text[len(lead) + len(core):]
        label = html.escape(rule)
        pieces += [_shown(raw[position:start]), _shown(lead),
                   f'<del style="color:#b03a2e" title="{label}">{_shown(core)}</del>',
                   f'<sup style="color:#b03a2e">[{label}]</sup>' if core else "", _shown(trail)]
        position = end
    pieces.append(_shown(raw[position:]))
    return ('<div dir="rtl" style="white-space:pre-wrap;line-height:1.7;font-size:110%;unicode-bidi:isolate;'
            f'font-family:\'Noto Sans Arabic\',sans-serif">{"".join(pieces)}</div>')

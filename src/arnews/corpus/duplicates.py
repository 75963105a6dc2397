"""One doc_id per article, and duplicates: exact ones dropped, copies across outlets and near-duplicates
reported.

The doc_id policy every stage shares (they all read the loader's output through the clean store): a
doc_id met a second time becomes the file's path under the corpus folder when it came from a .txt file in a
subfolder (`2024/summit`), else `X~2`, `X~3` …; each renaming is reported.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from arnews.corpus.report import Sink, record_label

__all__ = ["NEAR_DUP_MAX_SHARED", "NEAR_DUP_MIN_LINE", "NEAR_DUP_SHARE", "drop_duplicates", "exact_duplicates",
           "find_near_duplicates", "resolve_doc_ids"]

#: Near-duplicates: paragraphs of at least this many characters are compared …
NEAR_DUP_MIN_LINE = 60
#: … a paragraph found in more than this many articles is boilerplate and does not count …
NEAR_DUP_MAX_SHARED = 20
#: … and two articles are near-duplicates when shared paragraphs make up this share of the longer one.
NEAR_DUP_SHARE = 0.8


def resolve_doc_ids(frame: pd.DataFrame, origins: list[Path], root: Path, sink: Sink) -> pd.DataFrame:
    """Make doc_ids unique: a repeated one becomes its file's path under the corpus folder (or gets ~N)."""
    repeated = frame["doc_id"].duplicated()
    if not repeated.any():
        return frame
    taken = set(frame["doc_id"])
    ids = frame["doc_id"].tolist()
    first_use = {}
    for i, doc_id in enumerate(ids):
        if doc_id not in first_use:
            first_use[doc_id] = i
            continue
        source = origins[i]
        is_file_id = source.suffix.lower() == ".txt" and root.is_dir()
        new = source.relative_to(root).with_suffix("").as_posix() if is_file_id else doc_id
        n = 2
        while new in taken:
            new, n = f"{doc_id}~{n}", n + 1
        taken.add(new)
        ids[i] = new
        sink.add("duplicate-id", source, f"doc_id '{doc_id}' is already used by {origins[first_use[doc_id]]}",
                 f"renamed to '{new}'")
    return frame.assign(doc_id=ids)


def _paragraph_keys(text: str) -> set[int]:
    keys = set()
    for line in text.split("\n"):
        if len(line) >= NEAR_DUP_MIN_LINE:
            if "  " in line or "\t" in line or "\xa0" in line:
                line = " ".join(line.split())
            keys.add(hash(line))
    return keys


def find_near_duplicates(texts: list[str]) -> list[tuple[int, int, float]]:
    """Pairs of texts that share most of their long paragraphs (cheap; scales to 100k articles).

    Paragraphs of at least NEAR_DUP_MIN_LINE characters are compared after collapsing whitespace;
    a paragraph found in more than NEAR_DUP_MAX_SHARED texts is boilerplate and ignored.

    Args:
        texts: the article texts.
    Returns:
        (i, j, share) with i < j, share = shared paragraphs' length / the longer text's long paragraphs
        (≥ NEAR_DUP_SHARE); identical texts are left out (see exact duplicates).
    """
    keys = [_paragraph_keys(t) for t in texts]
    index: dict[int, list[int]] = defaultdict(list)
    for i, doc_keys in enumerate(keys):
        for key in doc_keys:
            index[key].append(i)
    shared: Counter = Counter()
    for docs in index.values():
        if 1 < len(docs) <= NEAR_DUP_MAX_SHARED:
            for a in range(len(docs)):
                for b in range(a + 1, len(docs)):
                    shared[docs[a], docs[b]] += 1
    pairs = []
    for (i, j), n in sorted(shared.items()):
        share = n / max(len(keys[i]), len(keys[j]))
        if share >= NEAR_DUP_SHARE and texts[i].strip() != texts[j].strip():
            pairs.append((i, j, round(share, 2)))
    return pairs


def drop_duplicates(frame: pd.DataFrame, where: list[tuple], sink: Sink) -> pd.DataFrame:
    """Drop exact duplicates from the same outlet; report copies across outlets and near-duplicates."""
    texts, ids = frame["text"].tolist(), frame["doc_id"].tolist()
    drop = exact_duplicates([t.strip() for t in texts], frame["outlet"].tolist(), ids, where, sink)
    dropped = set(drop)
    kept = [i for i in range(len(texts)) if i not in dropped]
    kept_texts = [texts[i] for i in kept]
    for a, b, share in find_near_duplicates(kept_texts):
        i, j = kept[a], kept[b]
        file, index, width = where[j]
        record = record_label(index, width)
        sink.add("near-duplicate", file, f"{share:.0%} of its long paragraphs are also in {ids[i]}",
                 "kept (reported only)", record)
    return frame.drop(index=frame.index[drop]) if drop else frame


def exact_duplicates(keys: Sequence, outlets: Sequence[str], ids: Sequence[str], where: Sequence[tuple],
                     sink: Sink) -> list[int]:
    """Articles to drop as exact duplicates: a text (key) seen before from the same outlet.

    The same text from another outlet (a wire story) is kept and reported as syndicated.

    Args:
        keys: per article, its stripped text (or a hash of it), in the order `load` keeps (by doc_id).
        outlets, ids, where: per article, its outlet, doc_id and (file, record index, index width).
        sink: collects the problems (in strict mode the first one raises InputError).
    Returns:
        Positions of the articles to drop, ascending.
    """
    first: dict = {}
    drop = []
    for i, key in enumerate(keys):
        j = first.setdefault(key, i)
        if j == i:
            continue
        file, index, width = where[i]
        record = record_label(index, width)
        if outlets[i] == outlets[j]:
            sink.add("duplicate", file, f"same text as {ids[j]}", "dropped", record)
            drop.append(i)
        else:
            sink.add("syndicated", file, f"same text as {ids[j]}, published by '{outlets[j]}' (this one by "
                     f"'{outlets[i]}')", "kept (another outlet)", record)
    return drop

"""The timeline stage over a whole corpus: every clean article of the clean store tagged, its events grouped.

`run_corpus(store)` maps the tagger over the store's shards (`arnews.runner.map_ordered`, on every core) and
groups the mentions into events; the result does not depend on the number of workers. `write` puts
expressions.csv and events.csv into a folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from arnews import clean, corpus, files, pipeline, runner
from arnews.timeline.events import events
from arnews.timeline.mentions import Mention, analyse
from arnews.timeline.tagger import EXPRESSION_COLUMNS

__all__ = ["PARALLEL_MIN_BYTES", "TimelineResult", "run_corpus", "timeline", "write"]

#: A corpus whose clean text is smaller than this is tagged in one process (starting workers costs more).
PARALLEL_MIN_BYTES = 2_000_000


@dataclass
class TimelineResult:
    """Everything the timeline stage finds in a corpus.

    Attributes:
        expressions: DataFrame[doc_id,start,end,text,value,precision], offsets into the clean text.
        events: DataFrame of `arnews.timeline.events.EVENT_COLUMNS`.
        mentions: the event mentions the events group, by doc_id then text order.
        articles: articles tagged; chars: their characters.
        report: what the loader met (files, records, problems), when the corpus came through a clean store.
    """

    expressions: pd.DataFrame
    events: pd.DataFrame
    mentions: list[Mention]
    articles: int = 0
    chars: int = 0
    report: corpus.LoadReport | None = None


def _tag_frame(cleaned: pd.DataFrame) -> tuple[list[tuple], list[Mention], int]:
    """Tag clean articles: (expression rows, mentions, article count)."""
    exprs, mentions = [], []
    for doc, text, pub in zip(cleaned["doc_id"], cleaned["text"], cleaned["published"], strict=True):
        found, ms = analyse(doc, text, pub)
        exprs.extend((doc, e.start, e.end, e.text, e.value, e.precision) for e in found)
        mentions.extend(ms)
    return exprs, mentions, len(cleaned)


def _tag_shard(shard: Path) -> tuple[list[tuple], list[Mention], int]:
    """Worker: the expressions and mentions of one shard of a clean store."""
    return _tag_frame(pipeline.read_shard(shard))


def _result(exprs, mentions, n, chars, report=None) -> TimelineResult:
    table = pd.DataFrame(exprs, columns=EXPRESSION_COLUMNS).sort_values(["doc_id", "start", "end"], kind="stable")
    mentions = sorted(mentions, key=lambda m: m.doc_id)  # stable: keeps text order within an article
    return TimelineResult(table.reset_index(drop=True), events(mentions), mentions, n, chars, report)


def timeline(articles: pd.DataFrame) -> TimelineResult:
    """Clean, tag and group the events of an article table (`corpus.load`) in this process."""
    cleaned, _ = clean.clean_corpus(articles, progress=False)
    exprs, mentions, n = _tag_frame(cleaned)
    return _result(exprs, mentions, n, int(articles["text"].str.len().sum()) if len(articles) else 0)


def run_corpus(path: str | Path | pipeline.CleanStore, workers: int | None = None, progress: bool = True,
               strict: bool = False, parallel_min_bytes: int = PARALLEL_MIN_BYTES) -> TimelineResult:
    """Tag every clean article of a corpus and group its events, shard by shard on `workers` processes.

    Outputs do not depend on the number of workers: shards come back in corpus order and the tables are sorted
    by doc_id.

    Args:
        path: the corpus's clean store (`pipeline.clean_store`), or a corpus folder or file, whose clean store
            is made (or reused) first.
        workers: processes (default: every available core); a store under `parallel_min_bytes` of clean text
            runs in this process.
        progress: progress bars on stderr and the loader's problems logged.
        strict: the corpus's first input problem is an InputError (see `pipeline.clean_store`).
    Returns:
        TimelineResult with the expressions and events tables.
    """
    store = path if isinstance(path, pipeline.CleanStore) else pipeline.clean_store(path, strict=strict,
                                                                                       progress=progress)
    if strict and store.report.problems:
        raise corpus.strict_error(store.report.problems[0])
    if progress and store.report.problems:
        store.report.log(more="run `python -m arnews corpus` to list them all")
    shards = store.shards
    sizes = [shard.stat().st_size for shard in shards]
    jobs = 1 if sum(sizes) < parallel_min_bytes else (workers or 0)
    exprs, mentions, n = [], [], 0
    for shard_exprs, shard_mentions, count in runner.map_ordered(_tag_shard, shards, jobs=jobs, weights=sizes,
                                                                 desc="timeline", progress=progress):
        exprs.extend(shard_exprs)
        mentions.extend(shard_mentions)
        n += count
    chars = int(store.table["clean_chars"].sum()) if n else 0
    return _result(exprs, mentions, n, chars, store.report)


def write(result: TimelineResult, out: str | Path) -> dict[str, Path]:
    """Write expressions.csv and events.csv atomically into `out`; returns their paths."""
    out = Path(out)
    return {
        "expressions": files.write_csv(result.expressions, out / "expressions.csv"),
        "events": files.write_csv(result.events, out / "events.csv"),
    }

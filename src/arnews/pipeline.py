"""The pipeline: a corpus is loaded and cleaned once, and every later stage reads the stored result.

`clean_store(corpus_path)` returns the corpus's *clean store*: the clean articles (boilerplate removed by
`arnews.clean`), the removed spans, the loader's problems and an article table, kept in a folder under
`data/interim/` (cookiecutter-data-science's place for intermediate data). The folder's name holds a key made
from the corpus files' content, the lexicons, the boilerplate rules, the field mapping and the arnews version:
as long as none of them changes, every stage and notebook reuses the store instead of loading and cleaning
again; when one changes, the next run makes a new store. The store is written into a temporary folder and
renamed into place in one step (`files.atomic_folder`), so a reader never sees half of one, nor files of two
runs side by side.

Layout of a store (all UTF-8; every table also opens in a spreadsheet):

    manifest.json        what was read (source files and their SHA-256), counts, the load summary
    articles.csv         doc_id, title, outlet, published, url, shard, chars (raw), clean_chars, raw_sha256
    removed.csv          doc_id, start, end, rule, text: the spans cut from the raw text (see arnews.clean)
    problems.csv         file (relative to the corpus), record, kind, reason, action
    shards/NNNN.jsonl    the clean articles, SHARD_ARTICLES per file, in corpus order (doc_id order)
    shards/NNNN.text     the same shard's clean texts, for stages that need little else: a first line of JSON
                         (each article's doc_id, outlet, text length in characters and size in bytes), then
                         the texts in UTF-8 one after the other, each but the last followed by NUL

Stages map a worker over `store.shards` with `arnews.runner.map_ordered` and read each with `read_shard`
(the articles as a table) or `read_texts` (the texts as one UTF-8 byte string, with doc_ids and outlets: no
JSON per article to parse, no table to build; the term engine reads them so).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from arnews import REPO_ROOT, __version__, clean, corpus, files, lexicons

__all__ = [
    "INTERIM_VARIABLE", "SHARD_ARTICLES", "CleanStore", "clean_store", "default_interim", "open_store",
    "ShardTexts", "read_shard", "read_texts", "store_key",
]

#: Articles per shard: enough for a worker to stay busy, small enough to share a corpus of thousands of
#: articles between cores.
SHARD_ARTICLES = 2_000
#: Environment variable naming the folder that holds clean stores (default: default_interim()).
INTERIM_VARIABLE = "ARNEWS_INTERIM"
#: Bumped when the layout or the content of a store changes (3: titles with their character references
#: decoded): older stores are then not reused.
STORE_FORMAT = 3
_SHARD_FIELDS = ("doc_id", "title", "outlet", "published", "url", "text")
_NOT_IN_NAME = re.compile(r"[^\w.-]+")


def default_interim() -> Path:
    """Where clean stores live: $ARNEWS_INTERIM, else data/interim/ of the checkout, else ~/.cache/arnews."""
    if os.environ.get(INTERIM_VARIABLE):
        return Path(os.environ[INTERIM_VARIABLE])
    if REPO_ROOT is not None:  # a checkout (arnews.config); an installed package has no repository
        return REPO_ROOT / "data" / "interim"
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "arnews" / "interim"


def _digest(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def store_key(corpus_path: str | Path, fields: dict | None = None, rules: str | Path | None = None) -> tuple[str, list]:
    """The key of a corpus's clean store, and the (relative name, SHA-256) of each source file it covers.

    The key changes when a source file, the corpus's metadata.csv, a lexicon, the rules file, the field mapping
    or the arnews version changes.
    """
    root = Path(corpus_path)
    sources = corpus.sources(root)
    base = root if root.is_dir() else root.parent
    digest = hashlib.sha256(f"arnews {__version__} store {STORE_FORMAT}\n".encode())
    digest.update(json.dumps(sorted((fields or {}).items()), ensure_ascii=False).encode())
    digest.update(repr(corpus.LoadOptions.from_environment()).encode())  # the limits change what is read
    listed = [(source.relative_to(base).as_posix(), _digest(source)) for source in sources]
    metadata = corpus.metadata_path(root)
    if metadata is not None:
        listed.append((f"(metadata) {metadata.name}", _digest(metadata)))
    knowledge = sorted(p for p in lexicons.path(".").iterdir() if p.is_file())
    knowledge += [Path(rules)] if rules is not None else []
    for name, value in [*listed, *((f"(lexicon) {p.name}", _digest(p)) for p in knowledge)]:
        digest.update(f"{name}\t{value}\n".encode())
    return digest.hexdigest(), listed


@dataclass(frozen=True)
class CleanStore:
    """A corpus's clean store (see the module docstring); the tables are read when first asked for."""

    folder: Path

    @cached_property
    def manifest(self) -> dict:
        with open(self.folder / "manifest.json", encoding="utf-8") as f:
            return json.load(f)

    @property
    def corpus_name(self) -> str:
        """The corpus's folder (or file) name, as reports show it: never its absolute path."""
        return self.manifest["corpus"]

    @property
    def shards(self) -> list[Path]:
        return [self.folder / name for name in self.manifest["shards"]]

    @cached_property
    def table(self) -> pd.DataFrame:
        """One row per article, without text: doc_id, title, outlet, published, url, shard, chars, clean_chars,
        raw_sha256."""
        table = pd.read_csv(self.folder / "articles.csv", dtype=str, keep_default_na=False)
        for column in ("shard", "chars", "clean_chars"):
            table[column] = table[column].astype("int64")
        table["published"] = _dates(table["published"])
        return table

    def articles(self) -> pd.DataFrame:
        """The clean articles: doc_id, title, outlet, published, url, text (the clean text), in corpus order."""
        frames = [read_shard(path) for path in self.shards]
        if not frames:
            return read_shard(None)
        return pd.concat(frames, ignore_index=True)

    def removed(self) -> pd.DataFrame:
        """The removed spans: doc_id, start, end, rule, text (offsets into the raw text)."""
        frame = pd.read_csv(self.folder / "removed.csv", dtype=str, keep_default_na=False)
        return clean.removed_frame(frame.itertuples(index=False, name=None))

    @cached_property
    def report(self) -> corpus.LoadReport:
        """What the loader met (files and records read, problems), with files named relative to the corpus."""
        problems = pd.read_csv(self.folder / "problems.csv", dtype=str, keep_default_na=False)
        counts = self.manifest["counts"]
        return corpus.LoadReport(
            files=counts["files"], records=counts["records"], articles=counts["articles"],
            problems=tuple(corpus.Problem(r.file, r.reason, r.action, r.record, r.kind)
                           for r in problems.itertuples(index=False)),
            ignored=tuple(self.manifest.get("ignored", ())))


def read_shard(path: Path | None) -> pd.DataFrame:
    """The clean articles of one shard as a table (doc_id, title, outlet, published, url, text); an empty
    table for None."""
    rows = []
    if path is not None:
        with open(path, encoding="utf-8") as f:
            rows = [json.loads(line) for line in f]
    frame = pd.DataFrame(rows, columns=list(_SHARD_FIELDS))
    for column in ("doc_id", "title", "outlet", "url", "text"):
        frame[column] = frame[column].fillna("").astype(str)
    frame["published"] = _dates(frame["published"])
    return frame


class ShardTexts(NamedTuple):
    """The clean texts of one shard (`read_texts`): `data` holds them in UTF-8 one after the other, each but
    the last followed by NUL; text i is data[sum(sizes[:i]) + i:][:sizes[i]], `lengths[i]` characters long."""

    data: bytes
    sizes: list[int]
    lengths: list[int]
    doc_ids: list[str]
    outlets: list[str]


def read_texts(path: Path) -> ShardTexts:
    """The clean texts of one shard (`store.shards`) in UTF-8, with each article's doc_id and outlet."""
    with open(Path(path).with_suffix(".text"), "rb") as f:
        header = json.loads(f.readline().decode("utf-8", "surrogatepass"))
        data = f.read()
    return ShardTexts(data, header["sizes"], header["lengths"], header["doc_ids"], header["outlets"])


def _dates(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values.replace("", None), format="ISO8601", errors="coerce")


def _folder_name(corpus_path: Path, key: str) -> str:
    name = _NOT_IN_NAME.sub("-", corpus_path.resolve().name).strip("-") or "corpus"
    return f"{name[:60]}-{key[:16]}"


def open_store(corpus_path: str | Path, *, interim: str | Path | None = None, fields: dict | None = None,
               rules: str | Path | None = None) -> CleanStore | None:
    """The existing clean store of a corpus, or None when it has not been made (or is out of date)."""
    return _store_of_key(corpus_path, interim, store_key(corpus_path, fields, rules)[0])


def _store_of_key(corpus_path: str | Path, interim: str | Path | None, key: str) -> CleanStore | None:
    folder = Path(interim or default_interim()) / _folder_name(Path(corpus_path), key)
    if (folder / "manifest.json").is_file():
        store = CleanStore(folder)
        if store.manifest.get("key") == key:
            return store
    return None


def clean_store(corpus_path: str | Path, *, interim: str | Path | None = None, fields: dict | None = None,
                rules: str | Path | None = None, strict: bool = False, progress: bool = True) -> CleanStore:
    """Load and clean a corpus once; return its clean store (made now, or reused when up to date).

    Args:
        corpus_path: a folder or file of articles (see `arnews.corpus`).
        interim: the folder that holds stores (default `default_interim()`); never inside the corpus.
        fields: column → source field overrides for the loader.
        rules: a boilerplate rules file (default data/lexicons/boilerplate.yaml).
        strict: the first input problem is an InputError (also when the store was made earlier).
        progress: progress bars on stderr.
    Returns:
        The CleanStore.
    Raises:
        InputError: the corpus cannot be read, a rule file is broken, or (strict) a problem was found.
    """
    corpus_path = Path(corpus_path)
    interim = Path(interim or default_interim())
    files.check_outputs(corpus.run_inputs(corpus_path, [rules] if rules else []), folders=[interim])
    key, listed = store_key(corpus_path, fields, rules)  # every source hashed once, for lookup and making
    store = _store_of_key(corpus_path, interim, key)
    if store is None:  # (a store's key holds the rules file's digest: its rules compiled when it was made)
        ruleset = clean.load_rules(rules)  # a broken rules file stops here, before any work
        store = _make_store(corpus_path, interim, fields, key, listed, ruleset, strict, progress)
    if strict and store.report.problems:
        raise corpus.strict_error(store.report.problems[0])
    return store


def _make_store(corpus_path: Path, interim: Path, fields, key: str, listed: list, ruleset, strict, progress
                ) -> CleanStore:
    """Load, clean and write the store of `key` (`store_key`'s key and listed sources)."""
    articles, report = corpus.load_with_report(corpus_path, fields, strict=strict, progress=progress)
    final = interim / _folder_name(corpus_path, key)
    if final.is_dir() and not (final / "manifest.json").is_file():  # a leftover: a store appears whole or not at all
        shutil.rmtree(final, ignore_errors=True)
    with files.atomic_folder(final, keep_existing=True) as tmp:  # one made meanwhile (same key, same content) stays
        shard_names, clean_chars, removed = _clean_into_shards(articles, ruleset, tmp, progress)
        table = corpus.article_table(articles).drop(columns="chars", errors="ignore")
        table["published"] = [r["published"] or "" for r in clean.article_records(articles)]
        table["shard"] = [i // SHARD_ARTICLES for i in range(len(articles))]
        table["chars"] = articles["text"].str.len().to_numpy()
        table["clean_chars"] = clean_chars
        table["raw_sha256"] = [hashlib.sha256(t.encode()).hexdigest() for t in articles["text"]]
        files.write_csv(table, tmp / "articles.csv", raw=True)  # read back by CleanStore: values kept as they are
        files.write_csv(removed, tmp / "removed.csv", raw=True)
        base = corpus_path if corpus_path.is_dir() else corpus_path.parent
        files.write_csv(report.table(relative_to=base), tmp / "problems.csv", raw=True)
        manifest = {
            "key": key, "format": STORE_FORMAT, "arnews": __version__, "corpus": corpus_path.resolve().name,
            "made": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "sources": listed, "shards": shard_names,
            "counts": {"files": report.files, "records": report.records, "articles": report.articles,
                       "removed_spans": len(removed)},
            "summary": report.summary(), "ignored": [_relative(p, base) for p in report.ignored],
        }
        files.write_text(tmp / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
    return CleanStore(final)


def _relative(file: str, base: Path) -> str:
    try:
        return Path(file).relative_to(base).as_posix()
    except ValueError:
        return Path(file).name


def _clean_into_shards(articles: pd.DataFrame, ruleset, folder: Path, progress: bool
                       ) -> tuple[list[str], list[int], pd.DataFrame]:
    """Clean the articles a shard at a time (with the lines learned from all of them: the same result as one
    `clean.clean_corpus` call), writing each shard as soon as it is clean: only one shard's clean texts are
    held beside the raw corpus, never a clean copy of it all.

    Returns:
        (names, clean_chars, removed): the shard files, each article's clean length, the removed spans.
    """
    from tqdm import tqdm

    (folder / "shards").mkdir()
    names: list[str] = []
    clean_chars: list[int] = []
    removed = []
    learned = clean.learn_lines(articles, ruleset)  # each outlet's repeated lines, from the whole corpus
    starts = range(0, max(1, len(articles)), SHARD_ARTICLES)
    for start in tqdm(starts, desc="clean", unit="part", delay=3, disable=not progress or None, file=sys.stderr):
        part, spans = clean.clean_corpus(articles.iloc[start:start + SHARD_ARTICLES], ruleset, progress=False,
                                         learned=learned)
        names.append(_write_shard(part, folder, start // SHARD_ARTICLES))
        clean_chars += part["text"].str.len().tolist()
        removed.append(spans)
    return names, clean_chars, pd.concat(removed, ignore_index=True)


def _write_shard(clean_articles: pd.DataFrame, folder: Path, number: int) -> str:
    """Write one shard (its .jsonl and .text files); returns its name."""
    name = f"shards/{number:04d}.jsonl"
    urls = clean_articles["url"].tolist() if "url" in clean_articles else [""] * len(clean_articles)
    records = [{k: url if k == "url" else record[k] for k in _SHARD_FIELDS}
               for record, url in zip(clean.article_records(clean_articles), urls, strict=True)]
    files.write_jsonl(records, folder / name)
    texts = [r["text"] if isinstance(r["text"], str) else "" for r in records]
    doc_ids = [str(r["doc_id"]) for r in records]
    outlets = [r["outlet"] if isinstance(r["outlet"], str) else "" for r in records]
    encoded = [text.encode("utf-8", "surrogatepass") for text in texts]
    with open((folder / name).with_suffix(".text"), "wb") as out:
        header = {"doc_ids": doc_ids, "outlets": outlets, "lengths": list(map(len, texts)),
                  "sizes": list(map(len, encoded))}
        out.write(json.dumps(header, ensure_ascii=False).encode("utf-8", "surrogatepass") + b"\n")
        out.write(b"\0".join(encoded))
    return name

"""Load a corpus of Arabic news articles into one table.

`load(path)` returns a pandas DataFrame with one row per article and the columns
`doc_id, title, outlet, published, url, text` (text = the raw decoded text, newlines as `\\n`).

Accepted inputs: a folder (nested folders too) of .txt files (doc_id = file name without extension)
with an optional `metadata.csv` (columns `file,title,outlet,published,url,notes`) inside the folder
or beside it; .json (an array of objects, or one object), .jsonl and .csv files; .zip archives holding
any of these; folders of such files. Field names map automatically, case-insensitively, as listed in
data/lexicons/field_aliases.csv (text ← text/content/body/…; title ← title/head_line/…; published ←
published/date/date_extracted/…; outlet ← outlet/source/…; url ← url/link; doc_id ← doc_id/id), and can
be overridden (`fields={"text": "maintext"}`, `--field text=maintext`). Records without
an id get `<file>#<index>` (`2015-07-21/2015-07-21#00012` for record 12 of 2015-07-21.json in 2015-07-21.zip).
Text may be UTF-8 (with or without BOM), UTF-16/32 with a BOM or Windows-1256; newlines become `\\n`.

Messy input never stops the run: each problem (an empty, binary or undecodable file, a damaged record,
stray NUL bytes, a guessed Windows-1256 encoding, a bad date, a duplicate, a zip over the inflation limit,
a symbolic link leading out of the corpus…) becomes one `Problem` naming the file, the record and the
reason, is logged as one line on stderr (names escaped), and is kept in the `LoadReport` at
`articles.attrs["load_report"]`. A damaged record is skipped alone: the file's other records are kept.
`strict=True` (`--strict`) turns the first problem into an InputError. Raw files are only ever opened for
reading. The limits and what happens at them: docs/data-safety.md.

Modules: options (limits), report (problems), decoding, records and formats (JSON/JSONL/CSV parsing), archives
(zip), readers (one source), listing (which files; symlinks), metadata (metadata.csv, dates), duplicates
(doc_id policy, duplicates), loading, views, cli.
"""

from arnews.corpus.cli import CLI_HELP, add_arguments, run
from arnews.corpus.decoding import Decoded, NotText, decode
from arnews.corpus.duplicates import NEAR_DUP_MAX_SHARED, NEAR_DUP_MIN_LINE, NEAR_DUP_SHARE, exact_duplicates
from arnews.corpus.duplicates import find_near_duplicates
from arnews.corpus.listing import inputs, run_inputs, sources
from arnews.corpus.loading import SourceArticles, load, load_source, load_with_report, read_source
from arnews.corpus.metadata import metadata_for, metadata_path
from arnews.corpus.options import COLUMNS, MAX_RATIO, MAX_UNZIPPED, MAX_ZIP_DEPTH, METADATA_NAME, SUPPORTED, YEARS
from arnews.corpus.options import LoadOptions
from arnews.corpus.records import CONTROL_ESCAPES as _CONTROL_ESCAPES  # noqa: F401 (arnews.textsearch's tests)
from arnews.corpus.records import FIELD_ALIASES_LEXICON, MAPPED_COLUMNS, field_aliases
from arnews.corpus.report import LOG_PER_KIND, LoadReport, Problem, report_of, strict_error
from arnews.corpus.views import article_table, counts_by_date, counts_by_outlet, length_chart

__all__ = [
    "CLI_HELP", "COLUMNS", "FIELD_ALIASES_LEXICON", "LOG_PER_KIND", "MAPPED_COLUMNS", "MAX_RATIO", "MAX_UNZIPPED",
    "MAX_ZIP_DEPTH", "METADATA_NAME", "NEAR_DUP_MAX_SHARED", "NEAR_DUP_MIN_LINE", "NEAR_DUP_SHARE", "SUPPORTED",
    "YEARS", "Decoded", "LoadOptions", "LoadReport", "NotText", "Problem", "SourceArticles", "add_arguments",
    "article_table", "counts_by_date", "counts_by_outlet", "decode", "exact_duplicates", "field_aliases",
    "find_near_duplicates", "inputs", "length_chart", "load", "load_source", "load_with_report", "metadata_for",
    "metadata_path", "read_source", "report_of", "run", "run_inputs", "sources", "strict_error",
]

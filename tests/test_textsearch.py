"""The compiled search of the loader (arnews.textsearch) against what it replaces."""

import json

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from arnews import corpus, textsearch


@settings(deadline=None)  # the first call loads the compiled search
@given(st.binary(max_size=40).map(lambda b: bytes(b"\\ru0dDx"[c % 7] for c in b)))
def test_json_escape_search_finds_what_a_substring_search_finds(data):
    expected = any(escape in data.decode() for escape in corpus._CONTROL_ESCAPES)
    assert textsearch.has_json_escapes(np.frombuffer(data, dtype=np.uint8)) == expected


def test_a_large_json_file_with_a_cr_escape_is_repaired(tmp_path):
    # above 1 MB the loader looks for escapes with the compiled search
    filler = [{"id": str(i), "text": "وقال بوتين إن روسيا ستدعم كوريا الشمالية. " * 40} for i in range(400)]
    records = [*filler, {"id": "cr", "text": "زار بوتين\r\nبيونغ يانغ"}]  # Putin visited (CR LF) Pyongyang
    path = tmp_path / "big.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")  # CR LF → the escapes \\r\\n
    assert path.stat().st_size > 1_000_000
    frame = corpus.load(tmp_path)
    assert frame.set_index("doc_id").loc["cr", "text"] == "زار بوتين\nبيونغ يانغ"

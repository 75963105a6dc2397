"""The clean store (`arnews.pipeline`): cleaned once per corpus, reused until the corpus or the rules change."""

import json
import shutil

import pytest

from arnews import clean, corpus, pipeline
from arnews.errors import InputError
from corpus_samples import ARTICLE_A, ARTICLE_B, ARTICLE_C, write

AD = "[ad_1]"  # the auto-publishing plugin's advert marker (seed article 001)


@pytest.fixture
def folder(tmp_path):
    write(tmp_path / "corpus" / "a.txt", ARTICLE_A + "\n" + AD)
    write(tmp_path / "corpus" / "b.txt", ARTICLE_B)
    return tmp_path / "corpus"


def test_the_store_holds_the_clean_articles_and_what_was_removed(folder, tmp_path):
    store = pipeline.clean_store(folder, interim=tmp_path / "interim", progress=False)
    articles = store.articles()
    assert articles["doc_id"].tolist() == ["a", "b"]
    assert AD not in articles["text"].iloc[0] and store.removed()["text"].str.strip().tolist() == [AD]
    assert store.corpus_name == "corpus"
    # lossless: the raw text is the clean text with the removed spans put back
    restored = clean.restore_corpus(articles, store.removed())
    assert restored.tolist() == corpus.load(folder)["text"].tolist()
    assert store.table["chars"].tolist() == [len(ARTICLE_A + "\n" + AD), len(ARTICLE_B)]


def test_the_store_is_reused_until_a_source_changes(folder, tmp_path):
    first = pipeline.clean_store(folder, interim=tmp_path / "interim", progress=False)
    assert pipeline.clean_store(folder, interim=tmp_path / "interim", progress=False).folder == first.folder
    write(folder / "b.txt", ARTICLE_B + "\nوأضاف بوتين.")  # "Putin added."
    second = pipeline.clean_store(folder, interim=tmp_path / "interim", progress=False)
    assert second.folder != first.folder
    assert second.articles()["text"].iloc[1].endswith("وأضاف بوتين.")


def test_a_different_rules_file_makes_a_new_store(folder, tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - {name: ads, kind: inline, pattern: '\\[ad_\\d+\\]', description: adverts}\n",
                     encoding="utf-8")
    default = pipeline.clean_store(folder, interim=tmp_path / "interim", progress=False)
    custom = pipeline.clean_store(folder, interim=tmp_path / "interim", rules=rules, progress=False)
    assert custom.folder != default.folder
    assert set(custom.removed()["rule"]) == {"ads"}


def test_no_temporary_folder_is_left_and_the_manifest_names_no_absolute_path(folder, tmp_path):
    store = pipeline.clean_store(folder, interim=tmp_path / "interim", progress=False)
    assert [p.name for p in (tmp_path / "interim").iterdir()] == [store.folder.name]
    manifest = json.dumps(store.manifest, ensure_ascii=False)
    assert str(tmp_path) not in manifest and str(tmp_path) not in (store.folder / "problems.csv").read_text()


def test_a_store_made_meanwhile_is_kept_and_a_leftover_folder_is_replaced(folder, tmp_path, monkeypatch):
    interim = tmp_path / "interim"
    store = pipeline.clean_store(folder, interim=interim, progress=False)
    made = (store.folder / "manifest.json").read_text(encoding="utf-8"), store.folder.stat().st_ino
    # another run finishes the same store while this one cleans: its folder (and its readers) stay untouched
    monkeypatch.setattr(pipeline, "_store_of_key", lambda *args: None)
    again = pipeline.clean_store(folder, interim=interim, progress=False)
    assert again.folder == store.folder
    assert ((store.folder / "manifest.json").read_text(encoding="utf-8"), store.folder.stat().st_ino) == made
    assert [p.name for p in interim.iterdir()] == [store.folder.name]
    monkeypatch.undo()
    # a folder without a manifest (no run leaves one; a hand-made copy) is replaced by a whole store
    shutil.rmtree(store.folder)
    (store.folder / "shards").mkdir(parents=True)
    remade = pipeline.clean_store(folder, interim=interim, progress=False)
    assert remade.folder == store.folder and remade.articles()["doc_id"].tolist() == ["a", "b"]
    assert [p.name for p in interim.iterdir()] == [store.folder.name]


def test_strict_reports_a_stored_problem(folder, tmp_path):
    write(folder / "empty.txt", "")
    pipeline.clean_store(folder, interim=tmp_path / "interim", progress=False)  # made without --strict
    with pytest.raises(InputError, match="empty"):
        pipeline.clean_store(folder, interim=tmp_path / "interim", strict=True, progress=False)


def test_the_store_is_never_written_inside_the_corpus(folder):
    with pytest.raises(InputError, match="inside the corpus folder"):
        pipeline.clean_store(folder, interim=folder / "interim", progress=False)
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt", "b.txt"]


def test_a_corpus_of_more_articles_than_a_shard_is_split_in_order(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "SHARD_ARTICLES", 2)
    for i in range(5):
        write(tmp_path / "c" / f"{i}.txt", f"{ARTICLE_A}\nالخبر رقم {i}")  # "story number i"
    store = pipeline.clean_store(tmp_path / "c", interim=tmp_path / "interim", progress=False)
    assert len(store.shards) == 3
    assert store.articles()["doc_id"].tolist() == ["0", "1", "2", "3", "4"]
    shutil.rmtree(tmp_path / "interim")


def test_shards_cleaned_one_by_one_equal_the_corpus_cleaned_at_once(tmp_path, monkeypatch):
    # The store cleans a shard at a time, with each outlet's repeated lines learned from the whole corpus: six
    # shards of two articles learn the closing line that all twelve articles repeat, as one pass over all does.
    monkeypatch.setattr(pipeline, "SHARD_ARTICLES", 2)
    closing = "لمتابعة آخر الأخبار زوروا صفحتنا كل يوم"  # "to follow the latest news visit our page every day"
    for i in range(12):
        write(tmp_path / "c" / f"{i:02d}.txt", f"{ARTICLE_A}\nالخبر رقم {i}\n{closing}")  # "story number i"
    store = pipeline.clean_store(tmp_path / "c", interim=tmp_path / "interim", progress=False)
    articles, removed = clean.clean_corpus(corpus.load(tmp_path / "c"))
    assert len(store.shards) == 6
    assert store.articles()["text"].tolist() == articles["text"].tolist()
    assert all(closing not in text for text in store.articles()["text"])
    columns = ["doc_id", "start", "end", "rule"]
    assert store.removed()[columns].values.tolist() == removed[columns].values.tolist()
    assert store.removed()["rule"].str.startswith("learned").sum() == 12
    assert store.table["clean_chars"].tolist() == articles["text"].str.len().tolist()


def test_the_shard_texts_are_the_shard_articles_in_utf8(tmp_path, monkeypatch):
    # read_texts gives the term engine a shard's clean texts as one UTF-8 string (each text followed by NUL but
    # the last) with their doc_ids, outlets, lengths and sizes: the same articles read_shard gives as a table.
    monkeypatch.setattr(pipeline, "SHARD_ARTICLES", 2)
    write(tmp_path / "c" / "a.txt", ARTICLE_A)
    write(tmp_path / "c" / "b.txt", ARTICLE_B + "\n\n" + "٢٠٢٤ 😀")  # an astral character is 4 bytes, 1 char
    write(tmp_path / "c" / "c.txt", ARTICLE_C)
    store = pipeline.clean_store(tmp_path / "c", interim=tmp_path / "interim", progress=False)
    for path in store.shards:
        table, texts = pipeline.read_shard(path), pipeline.read_texts(path)
        decoded = texts.data.decode("utf-8").split("\0")
        assert decoded == table["text"].tolist()
        assert texts.lengths == [len(t) for t in decoded] and texts.sizes == [len(t.encode()) for t in decoded]
        assert texts.doc_ids == table["doc_id"].tolist() and texts.outlets == table["outlet"].tolist()

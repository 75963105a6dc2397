"""The clean store (`arnews.pipeline`): cleaned once per corpus, reused until the corpus or the rules change."""

import json
import shutil

import pytest

from arnews import clean, corpus, pipeline
from arnews.errors import InputError
from corpus_samples import ARTICLE_A, ARTICLE_B, write

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

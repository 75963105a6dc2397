"""data/raw holds the five seed articles byte for byte; nothing may change them."""

import hashlib

SEED_SHA256 = {
    "000_2f3a022fdb695d49.txt": "c7a440ce3dbf6bbe82cab71d202ba19dab834d22857b44b89976b739f3601a87",
    "001_f6edb634fef66647.txt": "e85fb2a9dec29ba17bdcd4e0f6a22efaa44ff0f905ecb7796b29723c6e8543b6",
    "002_3ebd69e2e99d9110.txt": "98e9ff59c0c5fdbbfd911f59ba8b2427234fdb183b53ff63486b6b33c199eecd",
    "003_88f50d0ee01a588f.txt": "2e327ceab456a8d4e3389970be35349935c2661fe7418d9cebda28adab7bffb7",
    "004_3afad984cf2ba5e7.txt": "47569502dfb726729f0c015fd11196ebc50f653a9f5511e933988fb0540e6ab7",
}


def test_raw_folder_holds_exactly_the_seeds(raw_dir):
    assert sorted(p.name for p in raw_dir.iterdir()) == sorted(SEED_SHA256)


def test_raw_files_are_byte_identical_to_the_seeds(raw_dir):
    for name, digest in SEED_SHA256.items():
        assert hashlib.sha256((raw_dir / name).read_bytes()).hexdigest() == digest, name


def test_metadata_has_one_row_per_raw_article(repo, raw_dir):
    import pandas as pd

    meta = pd.read_csv(repo / "data" / "metadata.csv", dtype=str, keep_default_na=False)
    assert list(meta.columns) == ["file", "title", "outlet", "published", "url", "notes"]
    assert sorted(meta["file"]) == sorted(p.name for p in raw_dir.iterdir())
    assert pd.to_datetime(meta["published"], format="%Y-%m-%d").notna().all()
    assert (meta["notes"].str.len() > 20).all()

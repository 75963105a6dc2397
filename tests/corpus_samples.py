"""Real Arabic news sentences (from the seed articles in data/raw) for the loader's test fixtures."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

# "Russian President Vladimir Putin held talks today, Wednesday, with North Korean leader Kim Jong Un at the
# Kumsusan guest house in the capital Pyongyang."
TALKS = ("أجرى الرئيس الروسي فلاديمير بوتين، اليوم الأربعاء، مباحثات مع الزعيم الكوري الشمالي كيم جونغ أون "
         "في دار ضيافة كومسوسان في العاصمة بيونغ يانغ.")
# "Putin said that Russia will always support North Korea in defending its sovereignty."
SUPPORT = "وقال بوتين إن روسيا ستدعم دائما كوريا الشمالية في دفاعها عن سيادتها."
# "North Korea's leader received Russian President Vladimir Putin in Pyongyang today, Tuesday, Reuters news
# agency reported."
RECEIVED = ("استقبل زعيم كوريا الشمالية، اليوم الثلاثاء، الرئيس الروسي فلاديمير بوتين في بيونج يانج، حسبما أفادت "
            "وكالة رويترز الاخبارية.")
# "North Korean leader Kim Jong Un told Russian President Vladimir Putin today, Wednesday, that his country gives
# its 'full and unconditional support'."
UNCONDITIONAL = ("أبلغ الزعيم الكوري الشمالي كيم جونج أون الرئيس الروسي فلاديمير بوتين، اليوم الأربعاء، أن بلاده "
                 "تقدم \"دعمها الكامل وغير المشروط\".")
# "Putin pointed out that Russia is fighting the policy of imperialist hegemony."
HEGEMONY = "وأشار بوتين إلى أن روسيا تكافح سياسة الهيمنة الإمبريالية."
# Titles: "Behind the scenes of the Russian president's visit to North Korea"; "Putin and Kim Jong Un begin talks
# in the Kumsusan palace with both delegations taking part".
TITLE_VISIT = "كواليس زيارة الرئيس الروسي في كوريا الشمالية"
TITLE_TALKS = "بدء مباحثات بوتين وكيم جونغ أون في قصر كومسوسان بمشاركة وفدي الدولتين"
# Outlet: Al-Diyar (Lebanese daily).
OUTLET = "الديار"

ARTICLE_A = TALKS + "\n" + SUPPORT
ARTICLE_B = RECEIVED + "\n" + HEGEMONY
ARTICLE_C = UNCONDITIONAL + "\n" + SUPPORT


def write(path: Path, content: str | bytes, encoding: str = "utf-8") -> Path:
    """Write a fixture file (text in `encoding`, or bytes as they are), creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


def write_json(path: Path, data) -> Path:
    return write(path, json.dumps(data, ensure_ascii=False))


def write_zip(path: Path, members: dict[str, str | bytes]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def records() -> list[dict]:
    """Three articles as a crawler would export them (SaudiNewsNet's field names)."""
    return [
        {"source": OUTLET, "url": "https://example.org/1", "date_extracted": "2024-06-19 10:15:00",
         "title": TITLE_TALKS, "author": "", "content": ARTICLE_A},
        {"source": "youm7", "url": "https://example.org/2", "date_extracted": "2024-06-18 08:00:00",
         "title": TITLE_VISIT, "author": "", "content": ARTICLE_B},
        {"source": OUTLET, "url": "https://example.org/3", "date_extracted": "2023-09-13 12:00:00",
         "title": "", "author": "", "content": ARTICLE_C},
    ]

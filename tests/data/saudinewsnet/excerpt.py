"""Make the SaudiNewsNet excerpts of this folder (see PROVENANCE.md): a few lines of chosen real articles.

    python tests/data/saudinewsnet/excerpt.py /path/to/saudinewsnet tests/data/saudinewsnet

For each kind of boilerplate the tests name (MARKERS), the first articles that carry it (in file and record
order) are taken; of each article only its first lines, its last lines and the lines with a marker are kept,
and a long line keeps its head and tail around « … » (the tail from a marker inside it). Records keep
SaudiNewsNet's fields and day files, with `record`: their index in the corpus's file of that day.
"""

import json
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

#: (outlet, text in the article, articles to take): the boilerplate and datelines the tests are about.
MARKERS = [
    ("was", "// إنتهى //", 1),  # SPA's end marker "ended", spelled with a hamza (its one article)
    ("was", "// انتهـــى //", 1),  # ... stretched with tatweel (its one article)
    ("was", "// انتهى //", 12),  # ... as the written rule knows it
    ("aawsat", "...المزيد", 14),  # Asharq Al-Awsat's teaser link "more..."
    ("3alyoum", "عين اليوم – الرياض", 11),  # Ain Al-Youm's dateline "Ain Al-Youm – Riyadh"
    ("3alyoum", "عمر إبراهيم – عين اليوم", 11),  # its byline "Omar Ibrahim – Ain Al-Youm"
    ("3alyoum", "Next Previous", 4),  # the slider's buttons scraped with the text
    ("almadina", "للتواصل مع الكاتب ارسل رسالة SMS", 11),  # "to contact the writer send an SMS"
    ("alweeam", "رابط الخبر بصحيفة الوئام", 11),  # "the link of the story in Al-Weeam"
    ("okaz", "شارك من خلال تويتر فيسبوك", 11),  # "share through Twitter Facebook"
    ("aljazirah", "مقالات أخرى للكاتب", 11),  # "other articles by the writer"
    ("alriyadh", "\u200f", 3),  # a right-to-left mark inside the text
    ("alyaum", "", 4),  # plain articles of two more outlets
    ("aleqtisadiya", "", 4),
]
FIRST_LINES, LAST_LINES, LONG_LINE, HEAD_TAIL = 2, 3, 160, 70


def excerpt(text: str, marker: str) -> str:
    lines = text.split("\n")
    keep = [i for i, line in enumerate(lines)
            if i < FIRST_LINES or i >= len(lines) - LAST_LINES or (marker and marker in line)]
    return "\n".join(shorten(lines[i], marker) for i in keep)


def shorten(line: str, marker: str) -> str:
    """A long line's head and tail around « … »; a marker inside it is kept with what follows it."""
    if len(line) <= LONG_LINE:
        return line
    at = line.find(marker) if marker else -1
    tail = line[at - HEAD_TAIL // 2:] if at > HEAD_TAIL else line[-HEAD_TAIL:]
    return f"{line[:HEAD_TAIL]} … {tail}"


def main(corpus: Path, out: Path) -> None:
    wanted = {(outlet, marker): n for outlet, marker, n in MARKERS}
    taken: set[tuple[str, int]] = set()
    days: dict[str, list] = defaultdict(list)
    for path in sorted(corpus.glob("*.zip")):
        with zipfile.ZipFile(path) as archive:
            records = json.loads(archive.read(f"{path.stem}.json"))
        for number, record in enumerate(records):
            for (outlet, marker), left in wanted.items():
                if left and record["source"] == outlet and marker in record["content"] \
                        and record["content"].strip() and (path.stem, number) not in taken:
                    wanted[outlet, marker] -= 1
                    taken.add((path.stem, number))
                    days[path.stem].append({**record, "content": excerpt(record["content"], marker),
                                            "record": number})
                    break
    for day, records in sorted(days.items()):
        with open(out / f"{day}.json", "w", encoding="utf-8") as f:
            json.dump(records, f, ensure_ascii=False, indent=0)
            f.write("\n")
    print({day: len(records) for day, records in days.items()}, "left:", {k: v for k, v in wanted.items() if v})


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: excerpt.py SAUDINEWSNET_DIR OUT_DIR")
    main(Path(sys.argv[1]), Path(sys.argv[2]))

"""Find candidate articles for the delegation gold set (run once by the annotator; not used by tests).

Each cue family is a regular expression built from the parts of the cue (verb forms with optional
clitics و/ف and pronoun suffixes, the delegation or meeting noun); an article is a candidate of a family
when the family's pattern matches its text. The script prints hit counts per family and writes a
seeded random sample of candidates per family (and a sample of hard-negative candidates) for reading.

    PYTHONPATH=src python tests/data/delegations/find_candidates.py /path/to/saudinewsnet OUT_DIR

Members are never written by this script: every annotation was made by reading the article.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

from arnews import corpus

__all__ = ["FAMILIES", "SUPPLEMENTARY", "SEED", "PER_FAMILY", "main"]

SEED = 16
PER_FAMILY = 60

# optional conjunction clitic, then the cue
C = r"(?:^|(?<=[\s\(«\"،.]))[وف]?"
HARAKAT = r"[\u064B-\u0652]*"

FAMILIES = {
    # ضم/يضم/تضم/تضمن/يتضمن (+ shadda) with وفد/الوفد nearby
    "dhamma_wafd": C + r"(?:ي|ت)?(?:ضم" + HARAKAT + r"|تضمن|يتضمن|تتضمن)(?:ت)?\s+(?:\S+\s+){0,3}?(?:ال)?وفد"
    + r"|(?:ال)?وفد\S*\s+(?:\S+\s+){0,8}?(?:ي|ت)?(?:ضم" + HARAKAT + r"|تضمن|يتضمن)(?:ت)?\s",
    # رافق/يرافق/يرافقه/ترافق/برفقة/بمعية/يصحبه, الوفد المرافق
    "accompany": C + r"(?:رافق|يرافق|ترافق|رافقه|يرافقه|يرافقها|ترافقه|يرافقهم)\S*\s"
    + r"|(?:^|(?<=[\s«\"(،]))(?:و?ب|و|في\s+)?(?:رفقة|معية)\S*\s"
    + r"|" + C + r"(?:يصحب|تصحب|يصطحب)\S*\s|المرافق(?:ين|ة)?\s+ل",
    # حضر/حضره/وحضر/حضرها + meeting noun
    "attend": C + r"(?:حضر|حضره|حضرها|يحضر|حضرت)\s+(?:\S+\s+){0,2}?"
    + r"(?:ال)?(?:لقاء|اجتماع|استقبال|مباحثات|حفل|مأدب|مراسم|جلس|مناسب)",
    # كما حضر / وحضر … (attendance sentences opening with the verb)
    "also_attend": r"كما\s+حضر|(?:^|[.\n]\s*)وحضر\s",
    # شارك/يشارك في المحادثات/الاجتماع/المباحثات
    "participate": C + r"(?:شارك|يشارك|تشارك|شاركت|شارك" + HARAKAT + r")\S*\s+(?:\S+\s+){0,6}?"
    + r"في\s+(?:ال)?(?:محادثات|اجتماع|مباحثات|لقاء)",
    # ترأس/يترأس/يرأس/برئاسة … الوفد / وفد … برئاسة
    "head": C + r"(?:ترأس|يترأس|يرأس|رأس|تترأس)\S*\s+(?:ال)?وفد|وفد\S*\s+(?:\S+\s+){0,4}?برئاسة",
    # منهم/بينهم/من بينهم/ومن بينهم after a group noun
    "among": r"(?:من\s+)?(?:بينهم|منهم)\s*[:،]?\s*(?:\S+\s+){0,3}?"
    + r"(?:الأمير|وزير|الوزير|معالي|سمو|الشيخ|السفير|الفريق|اللواء|الدكتور|رئيس)",
    # الجانب السعودي / الأمريكي / … (side phrase)
    "side": r"(?:عن|من)\s+الجانب\s+ال\S+",
    # وكان في استقباله / وكان في استقبال … (receptions)
    "reception": r"(?:وكان|كان)\s+في\s+(?:استقبال|وداع)\S*",
}
PATTERNS = {name: re.compile(pat, re.MULTILINE) for name, pat in FAMILIES.items()}

# Follow-up searches, recorded so that every gold article can be traced to the search that found it.
SUPPLEMENTARY = {
    # first version of the accompany family, read (seeded sample of 60) before it was corrected: its
    # «(?:ب|و)?(?:رفقة|معية)» also matched جمعية ("society"), which is why FAMILIES has a boundary before it
    "accompany_v1": C + r"(?:رافق|يرافق|ترافق|رافقه|يرافقه|يرافقها|ترافقه|يرافقهم)\S*\s"
    + r"|(?:ب|و)?(?:رفقة|معية)\s|" + C + r"(?:يصحب|تصحب|يصطحب)\S*\s|المرافق(?:ين|ة)?\s+ل",
    # targeted follow-up for the thin participate family: a form of شارك + في + meeting noun, not a match report
    "participate_meeting": r"(?:^|\s)و?(?:شارك|يشارك|شاركت|تشارك)\s+في\s+"
    + r"(?:ال)?(?:اجتماع|لقاء|مباحثات|محادثات|مراسم|جلس)\S*\s+(?!ال(?:ودي|سابق|أخير))",
    # targeted follow-up for منهم/بينهم lists after a group noun or an attendance verb
    "among_group": r"(?:وفد|الوفد|حضر|حضره|حضرها|الحضور|المرافق|يتقدمهم|مسؤولين|المسؤولين)\S*\s+(?:\S+\s+){0,8}?"
    + r"(?:من بينهم|ومن بينهم|منهم|بينهم|على رأسهم|يتقدمهم|في مقدمتهم)\s",
}
SUPPLEMENTARY_PATTERNS = {name: re.compile(pat, re.MULTILINE) for name, pat in SUPPLEMENTARY.items()}
#: accompany_v1 was read as a seeded sample; the two targeted searches were read in corpus order
SUPPLEMENTARY_SEEDED = {"accompany_v1"}

# hard negatives: articles that mention officials but none of the cues above
OFFICIAL = re.compile(r"وزير|الأمير|السفير|سفير|الرئيس|ولي العهد|خادم الحرمين|أمير منطقة|اللواء")


def main(corpus_dir: str, out_dir: str) -> None:
    articles = corpus.load(corpus_dir)
    hits: dict[str, list[int]] = {name: [] for name in FAMILIES}
    negatives: list[int] = []
    for row in articles.itertuples():
        matched = False
        for name, pattern in PATTERNS.items():
            if pattern.search(row.text):
                hits[name].append(row.Index)
                matched = True
        if not matched and len(OFFICIAL.findall(row.text)) >= 3:
            negatives.append(row.Index)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    summary = {}
    for name, rows in hits.items():
        outlets = articles.loc[rows, "outlet"].value_counts().to_dict()
        summary[name] = {"articles": len(rows), "outlets": outlets}
        # a fresh generator per family, so each family's reading order does not depend on the others
        sample = random.Random(SEED).sample(rows, min(PER_FAMILY, len(rows)))
        write_sample(articles, sample, PATTERNS[name], out / f"{name}.txt")
    for name, pattern in SUPPLEMENTARY_PATTERNS.items():
        rows = [row.Index for row in articles.itertuples() if pattern.search(row.text)]
        summary[name] = {"articles": len(rows), "outlets": articles.loc[rows, "outlet"].value_counts().to_dict()}
        if name in SUPPLEMENTARY_SEEDED:
            rows = random.Random(SEED).sample(rows, min(PER_FAMILY, len(rows)))
        write_sample(articles, rows[:PER_FAMILY], pattern, out / f"{name}.txt")
    summary["negatives"] = {"articles": len(negatives),
                            "outlets": articles.loc[negatives, "outlet"].value_counts().to_dict()}
    write_sample(articles, random.Random(SEED).sample(negatives, min(2 * PER_FAMILY, len(negatives))), OFFICIAL,
                 out / "negatives.txt")
    print(json.dumps(summary, ensure_ascii=False, indent=1))


def write_sample(articles, rows, pattern, path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for rank, index in enumerate(rows, 1):
            article = articles.loc[index]
            match = pattern.search(article.text)
            start = max(0, match.start() - 200)
            handle.write(f"### {rank} | {article.doc_id} | {article.outlet} | {article.title}\n")
            handle.write(article.text[start:match.end() + 500].replace("\n", " ¶ ") + "\n\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: find_candidates.py SAUDINEWSNET_DIR OUT_DIR")
    main(sys.argv[1], sys.argv[2])

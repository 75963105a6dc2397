"""Delegation lists: the title grammar on paragraphs it has never seen, and the seed articles."""

import subprocess
import sys

import pandas as pd
import pytest

from arnews import corpus, delegations


def members(text):
    """(side, title, name) of every member the extractor reads in `text`."""
    return [(m.side, m.title, m.name) for m in delegations.extract(text)]


# --- synthetic paragraphs: other countries, people and titles than the seeds --------------------------

# "The Saudi delegation includes Energy Minister Prince Abdulaziz bin Salman, Investment Minister Khalid
#  al-Falih, Deputy Minister of Tourism Princess Haifa bint Mohammed Al Saud and the Governor of the Public
#  Investment Fund Yasir al-Rumayyan." — joined by "، و", honorific in the name, feminine title.
SAUDI = (
    "ويضم الوفد السعودي وزير الطاقة الأمير عبدالعزيز بن سلمان، ووزير الاستثمار خالد الفالح، "
    "ونائبة وزير السياحة الأميرة هيفاء بنت محمد آل سعود، ومحافظ صندوق الاستثمارات العامة ياسر الرميان."
)


def test_saudi_list_joined_by_comma_and_wa_with_honorifics_and_a_feminine_title():
    assert members(SAUDI) == [
        ("السعودية", "وزير الطاقة", "الأمير عبدالعزيز بن سلمان"),
        ("السعودية", "وزير الاستثمار", "خالد الفالح"),
        ("السعودية", "نائبة وزير السياحة", "الأميرة هيفاء بنت محمد آل سعود"),
        ("السعودية", "محافظ صندوق الاستثمارات العامة", "ياسر الرميان"),
    ]


# "On the Turkish side, taking part in the talks: Foreign Minister Hakan Fidan and Defence Minister Yasar
#  Guler and intelligence chief Ibrahim Kalin and the Turkish ambassador in Cairo Salih Mutlu Sen."
#  — joined by "و" only; an ambassador "لدى" a capital; a definite place inside the title.
TURKISH = (
    "وعن الجانب التركي يشارك في المحادثات وزير الخارجية هاكان فيدان ووزير الدفاع يشار غولر "
    "ورئيس جهاز الاستخبارات إبراهيم قالن والسفير التركي لدى القاهرة صالح موطلو شن."
)


def test_turkish_list_joined_by_wa_only():
    assert members(TURKISH) == [
        ("تركيا", "وزير الخارجية", "هاكان فيدان"),
        ("تركيا", "وزير الدفاع", "يشار غولر"),
        ("تركيا", "رئيس جهاز الاستخبارات", "إبراهيم قالن"),
        ("تركيا", "السفير التركي لدى القاهرة", "صالح موطلو شن"),
    ]


# "Taking part on the Egyptian side: Foreign Minister Sameh Shoukry, Minister of Planning and Economic
#  Development Hala el-Said, Assistant Foreign Minister for European Affairs Ambassador Badr Abdelatty."
#  — joined by "،" with no "و"; a stacked title (… السفير); a feminine minister.
EGYPTIAN = (
    "ويشارك من الجانب المصري وزير الخارجية سامح شكري، وزيرة التخطيط والتنمية الاقتصادية هالة السعيد، "
    "مساعد وزير الخارجية للشؤون الأوروبية السفير بدر عبد العاطي."
)


def test_egyptian_list_joined_by_comma_only_with_a_stacked_title():
    assert members(EGYPTIAN) == [
        ("مصر", "وزير الخارجية", "سامح شكري"),
        ("مصر", "وزيرة التخطيط والتنمية الاقتصادية", "هالة السعيد"),
        ("مصر", "مساعد وزير الخارجية للشؤون الأوروبية السفير", "بدر عبد العاطي"),
    ]


# "Attending the meeting on the Saudi side: Dr Majid al-Qasabi, Minister of Commerce, and Engineer Khalid
#  al-Falih, Minister of Energy, Industry and Mineral Resources." — name first, title after a comma.
NAME_FIRST = (
    "وحضر اللقاء من الجانب السعودي الدكتور ماجد القصبي، وزير التجارة، "
    "والمهندس خالد الفالح، وزير الطاقة والصناعة والثروة المعدنية."
)


def test_name_first_items_get_the_title_that_follows():
    assert members(NAME_FIRST) == [
        ("السعودية", "وزير التجارة", "الدكتور ماجد القصبي"),
        ("السعودية", "وزير الطاقة والصناعة والثروة المعدنية", "المهندس خالد الفالح"),
    ]


# "Accompanying Turkish President Recep Tayyip Erdogan on his visit is a delegation comprising Treasury and
#  Finance Minister Mehmet Simsek and Trade Minister Omer Bolat." — the accompanied leader is no member.
ACCOMPANY = (
    "ويرافق الرئيس التركي رجب طيب أردوغان في زيارته وفد يضم وزير الخزانة والمالية محمد شيمشك "
    "ووزير التجارة عمر بولات."
)


def test_accompanied_leader_gives_the_side_and_is_not_a_member():
    assert members(ACCOMPANY) == [
        ("تركيا", "وزير الخزانة والمالية", "محمد شيمشك"),
        ("تركيا", "وزير التجارة", "عمر بولات"),
    ]


# "Attending the talks on the Omani side: the Undersecretary for Diplomatic Affairs Ahmed Yousef al-Harthy,
#  and on the Syrian side Deputy Foreign Minister Faisal Mekdad." — two lists in one sentence.
TWO_SIDES = (
    "وحضر المباحثات من الجانب العماني وكيل الوزارة للشؤون الدبلوماسية أحمد يوسف الحارثي، "
    "ومن الجانب السوري نائب وزير الخارجية والمغتربين فيصل المقداد."
)


def test_two_lists_in_one_sentence_get_their_own_sides():
    assert members(TWO_SIDES) == [
        ("عمان", "وكيل الوزارة للشؤون الدبلوماسية", "أحمد يوسف الحارثي"),
        ("سوريا", "نائب وزير الخارجية والمغتربين", "فيصل المقداد"),
    ]


# "Chinese Foreign Ministry spokeswoman Mao Ning said Beijing welcomed the visit, while Turkish Foreign
#  Minister Hakan Fidan stressed that Ankara supports dialogue. Saudi Defence Minister Prince Khalid bin
#  Salman had visited Beijing last month. A large number of businessmen take part on the Turkish side."
NO_DELEGATION = (
    "وقالت المتحدثة باسم وزارة الخارجية الصينية ماو نينغ إن بكين ترحب بالزيارة، فيما أكد وزير الخارجية "
    "التركي هاكان فيدان أن أنقرة تدعم الحوار.\n"
    "وكان وزير الدفاع السعودي الأمير خالد بن سلمان قد زار بكين الشهر الماضي.\n"
    "ويشارك من الجانب التركي عدد كبير من رجال الأعمال في المنتدى."
)


def test_officials_quoted_outside_delegation_lists_are_not_members():
    assert members(NO_DELEGATION) == []


def test_evidence_is_the_list_sentence():
    text = "وصل الوفد إلى الرياض مساء أمس.\n" + SAUDI + " وستستمر الزيارة يومين."
    evidence = {m.evidence for m in delegations.extract(text)}
    assert evidence == {SAUDI}


@pytest.mark.parametrize(
    ("title", "sector"),
    [
        ("وزير الطاقة", "energy"),
        ("نائبة وزير السياحة", "economy"),
        ("رئيس جهاز الاستخبارات", "security"),
        ("السفير التركي لدى القاهرة", "diplomacy"),
        ("نائب وزير الدفاع", "defence"),
        ("النائب الأول لرئيس الوزراء", "government"),
        ("المتحدث باسم الرئاسة الروسية", "presidency"),
        ("أمين اللجنة المركزية للحزب", "party"),
        ("رئيس روسكوسموس", "space"),
        ("مدير مؤسسة السكك الحديدية الروسية", "transport"),
        ("رئيس نادي الهلال", "other"),
    ],
)
def test_sector_of_a_title(title, sector):
    assert delegations.sector(title) == sector


def test_a_name_without_its_lineage_is_the_full_name_in_the_same_role():
    # SaudiNewsNet lists the foreign minister as «عادل بن أحمد الجبير» and as «عادل الجبير»: one person. The late
    # foreign minister «سعود الفيصل» is not «سعود بن خالد الفيصل», listed without a title (another role).
    names = ["عادل بن أحمد الجبير", "عادل الجبير", "سعود الفيصل", "سعود بن خالد الفيصل"]
    titles = ["وزير الخارجية", "وزير الخارجية السعودي", "وزير الخارجية", ""]
    canonical = delegations.reconcile(names, titles)
    assert canonical[:2] == ["عادل بن أحمد الجبير"] * 2
    assert canonical[2:] == ["سعود الفيصل", "سعود بن خالد الفيصل"]
    # two full names that shorten alike («محمد الشهري»): the short one stays itself
    names = ["محمد بن سعد الشهري", "محمد بن علي الشهري", "محمد الشهري"]
    assert delegations.reconcile(names, ["وزير الصحة"] * 3) == names
    assert delegations.short_form("عبدالله بن عبدالعزيز آل سعود") == "عبدالله آل سعود"
    assert delegations.short_form("محمد بن سلمان") is None  # no family name: «سلمان» is his father
    assert delegations.short_form("محمد بن أحمد أبو زيد") == "محمد أبو زيد"  # a family name built with «أبو»
    assert delegations.short_form("") is None and delegations.reconcile(["عادل الجبير"], [float("nan")])


def test_unknown_spellings_are_reconciled_by_folding_across_articles():
    # "يشار غولر" and the Egyptian spelling "يشار جولر" are one person; the lexicon knows neither.
    articles = pd.DataFrame({
        "doc_id": ["a", "b", "c"],
        "text": [TURKISH, TURKISH.replace("يشار غولر", "يشار جولر"), "وقال وزير الدفاع يشار جولر إن …"],
    })
    table = delegations.extract_corpus(articles)
    guler = table[table["title"] == "وزير الدفاع"]
    assert guler["name"].tolist() == ["يشار غولر", "يشار جولر"]
    assert guler["canonical_name"].nunique() == 1
    assert table["doc_id"].unique().tolist() == ["a", "b"]


def test_honorifics_are_not_part_of_the_canonical_name():
    assert delegations.canonical_name("الأمير عبدالعزيز بن سلمان") == "عبدالعزيز بن سلمان"
    assert delegations.canonical_name("الفريق أول ركن فياض الرويلي") == "فياض الرويلي"


# --- acceptance: the seed articles --------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_members(raw_dir):
    return delegations.extract_corpus(corpus.load(raw_dir))


RUSSIAN_004 = [
    ("وزير الخارجية", "سيرغي لافروف"),
    ("النائب الأول لرئيس الوزراء", "دينيس مانتوروف"),
    ("نائب رئيس الوزراء", "ألكسندر نوفاك"),
    ("المتحدث باسم الرئاسة الروسية", "دميتري بيسكوف"),
    ("مساعد الرئيس للشؤون الدولية", "يوري أوشاكوف"),
    ("السفير الروسي في بيونغ يانغ", "ألكسندر ماتسيغورا"),
    ("وزير الدفاع", "أندريه بيلاوسوف"),
    ("وزير الموارد الطبيعية", "ألكسندر كوزلوف"),
    ("وزير الصحة", "ميخائيل موراشكو"),
    ("وزير النقل", "رومان ستاروفويت"),
    ("نائب وزير الدفاع", "أليكسي كريفوروتشكو"),
    ("مدير مؤسسة السكك الحديدية الروسية", "أوليغ بيلوزيروف"),
    ("رئيس روسكوسموس", "يوري بوريسوف"),
]
NORTH_KOREAN_004 = [
    ("رئيس الوزراء", "كيم دوك هون"),
    ("وزيرة الخارجية", "تشوي سونغ هي"),
    ("نائب رئيس اللجنة العسكرية المركزية لحزب العمال الكوري", "بارك تشونغ تشون"),
    ("أمين اللجنة المركزية للحزب", "تشو يونغ وون"),
    ("رئيس الإدارة الدولية للجنة العسكرية المركزية للحزب", "كيم سونغ نام"),
    ("نائب وزير الخارجية", "إيم تشونغ إيل"),
]


def _listed(table, doc_prefix, side):
    rows = table[table["doc_id"].str.startswith(doc_prefix) & (table["side"] == side)]
    return list(zip(rows["title"], rows["name"], strict=True))


def test_article_004_lists_13_russian_and_6_north_korean_members(seed_members):
    assert _listed(seed_members, "004_", "روسيا") == RUSSIAN_004
    assert _listed(seed_members, "004_", "كوريا الشمالية") == NORTH_KOREAN_004
    assert len(seed_members[seed_members["doc_id"].str.startswith("004_")]) == 19


def test_article_002_lists_the_three_officials_accompanying_putin(seed_members):
    assert _listed(seed_members, "002_", "روسيا") == [
        ("نائب رئيس الوزراء", "دينيس مانتوروف"),
        ("وزير الدفاع", "أندريه بيلوسوف"),
        ("وزير الخارجية", "سيرجي لافروف"),
    ]


def test_article_002_names_kim_jong_un_receiving_putin(seed_members):
    # «وكان في استقبال بوتين في مطار بيونج يانج الزعيم الكوري الشمالي كيم جونغ أون» (Receiving Putin at
    # Pyongyang airport was the North Korean leader Kim Jong Un): a reception list of one, on the host's side
    assert _listed(seed_members, "002_", "كوريا الشمالية") == [("الزعيم الكوري الشمالي", "كيم جونغ أون")]


def test_sources_spokesmen_and_earlier_visitors_are_not_members(seed_members):
    doc_names = set(zip(seed_members["doc_id"].str[:3], seed_members["name"], strict=True))
    assert ("002", "يوري أوشاكوف") not in doc_names  # the source of 002's list
    assert not seed_members["name"].isin(["بات رايدر", "كارين جان بيير", "ماثيو ميلر", "سيرجي شويجو"]).any()
    assert set(seed_members["doc_id"].str[:3]) == {"002", "004"}


def test_seed_names_are_reconciled_across_articles(seed_members):
    canonical = dict(zip(seed_members["name"], seed_members["canonical_name"], strict=True))
    assert canonical["أندريه بيلاوسوف"] == canonical["أندريه بيلوسوف"] == "أندريه بيلوسوف"
    assert canonical["سيرجي لافروف"] == canonical["سيرغي لافروف"] == "سيرغي لافروف"
    people = delegations.appearances(seed_members)
    assert people.loc["أندريه بيلوسوف"].tolist() == [1, 1]
    assert people.loc["يوري بوريسوف"].tolist() == [0, 1]


def test_seed_sectors(seed_members):
    sectors = dict(zip(seed_members["name"], seed_members["sector"], strict=True))
    assert sectors["سيرغي لافروف"] == "diplomacy"
    assert sectors["أندريه بيلاوسوف"] == "defence"
    assert sectors["يوري بوريسوف"] == "space"
    assert sectors["كيم دوك هون"] == "government"
    assert sectors["تشو يونغ وون"] == "party"


def test_extract_corpus_reads_a_clean_store_as_its_articles(raw_dir, tmp_path):
    from arnews import pipeline

    store = pipeline.clean_store(raw_dir, interim=tmp_path, progress=False)
    from_store = delegations.extract_corpus(store, jobs=1)
    assert from_store.equals(delegations.extract_corpus(store.articles()))
    assert _listed(from_store, "004_", "روسيا") == RUSSIAN_004


# --- CLI ----------------------------------------------------------------------------------------------


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "arnews", "delegations", *args], capture_output=True, text=True)


def test_cli_writes_the_table_deterministically(raw_dir, tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    assert _cli("--corpus", str(raw_dir), "--out", str(first)).returncode == 0
    assert _cli("--corpus", str(raw_dir), "--out", str(second)).returncode == 0
    assert first.read_bytes() == second.read_bytes()
    table = pd.read_csv(first)
    assert table.columns.tolist() == delegations.COLUMNS
    assert len(table) == 23  # 19 in 004; in 002 the 3 accompanying Putin and Kim Jong Un receiving him


def test_cli_on_a_corpus_without_lists_writes_an_empty_table(tmp_path):
    (tmp_path / "one.txt").write_text(NO_DELEGATION, encoding="utf-8")
    out = tmp_path / "out.csv"
    result = _cli("--corpus", str(tmp_path / "one.txt"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert pd.read_csv(out).empty
    assert out.read_text(encoding="utf-8").startswith("doc_id,side,title,name,canonical_name,sector,evidence")


def test_cli_reports_a_missing_corpus_in_one_line(tmp_path):
    result = _cli("--corpus", str(tmp_path / "nowhere"), "--out", str(tmp_path / "x.csv"))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.csv").exists()


# --- views for the notebook ----------------------------------------------------------------------------


@pytest.fixture()
def synthetic_members():
    articles = pd.DataFrame({"doc_id": ["riyadh", "ankara", "muscat"], "text": [SAUDI, TURKISH, TWO_SIDES]})
    return articles, delegations.extract_corpus(articles)


def test_lists_and_main_article(synthetic_members):
    articles, members = synthetic_members
    table = delegations.lists(members, articles.assign(published=pd.NaT, outlet=""))
    assert list(zip(table["doc_id"], table["side"], table["members"], strict=True)) == [
        ("ankara", "تركيا", 4), ("riyadh", "السعودية", 4), ("muscat", "عمان", 1), ("muscat", "سوريا", 1)]
    # the only article with two sides is the meeting of two delegations
    assert delegations.main_article(members) == "muscat"
    wide = delegations.side_by_side(members, "muscat")
    assert wide.columns.tolist() == ["عمان", "سوريا"]
    assert wide.iloc[0]["سوريا"] == "نائب وزير الخارجية والمغتربين — فيصل المقداد"


def test_appearances_and_sector_counts(synthetic_members):
    _, members = synthetic_members
    people = delegations.appearances(members)
    assert people.loc["هاكان فيدان"].to_dict() == {"ankara": 1, "muscat": 0, "riyadh": 0}
    counts = delegations.sector_counts(members, top_sides=2)
    assert counts.columns.tolist() == ["السعودية", "تركيا", "other sides"]
    assert counts.loc["diplomacy"].tolist() == [0, 2, 2]
    assert counts.loc["energy", "السعودية"] == 1


def test_sector_chart_draws_one_bar_per_side_and_sector(synthetic_members):
    import matplotlib.pyplot as plt

    _, members = synthetic_members
    counts = delegations.sector_counts(members)
    fig = delegations.plot_sectors(counts)
    ax = fig.axes[0]
    assert len(ax.patches) == counts.size
    assert [t.get_text() for t in ax.get_legend().get_texts()] == counts.columns.tolist()
    plt.close(fig)
    empty = delegations.plot_sectors(delegations.sector_counts(members.iloc[0:0]))
    assert delegations.NOTHING_FOUND in [t.get_text() for t in empty.axes[0].texts]
    plt.close(empty)


def test_views_on_a_corpus_without_lists():
    articles = pd.DataFrame({"doc_id": ["x"], "text": [NO_DELEGATION]})
    members = delegations.extract_corpus(articles)
    assert members.empty and members.columns.tolist() == delegations.COLUMNS
    assert delegations.describe(members, articles) == "no delegation lists found in 1 article"
    assert delegations.main_article(members) is None
    assert delegations.side_by_side(members, None).columns.tolist() == [delegations.NOTHING_FOUND]
    assert delegations.lists(members, articles).empty


def test_reconciliation_does_not_depend_on_article_order():
    names = ["يشار غولر", "يشار جولر", "يشار جولر", "سيرجي لافروف"]
    forward = dict(zip(names, delegations.reconcile(names), strict=True))
    backward = dict(zip(names[::-1], delegations.reconcile(names[::-1]), strict=True))
    assert forward == backward == {"يشار غولر": "يشار جولر", "يشار جولر": "يشار جولر", "سيرجي لافروف": "سيرغي لافروف"}


def test_a_broken_lexicon_is_one_clear_error(tmp_path, monkeypatch):
    import shutil

    from arnews import lexicons
    from arnews.errors import InputError

    for file in lexicons.path("entities.csv").parent.glob("*"):
        shutil.copy(file, tmp_path / file.name)
    cues = (tmp_path / "delegation_cues.yaml").read_text(encoding="utf-8")
    broken = cues.replace('parts: "opener? comprise delegation', 'parts: "opener? comprise delegashun', 1)
    assert broken != cues
    (tmp_path / "delegation_cues.yaml").write_text(broken, encoding="utf-8")
    monkeypatch.setattr(lexicons, "LEXICONS", tmp_path)
    delegations.cue_book.cache_clear()
    try:
        with pytest.raises(InputError, match="delegation_cues.yaml.*frame verb_delegation: unknown part «delegashun»"):
            delegations.extract(SAUDI)
    finally:
        delegations.cue_book.cache_clear()


# "The delegation accompanying the Governor of Riyadh Region includes Abdullah al-Hamdan, deputy governor,
#  Musaed al-Dosari, director of financial affairs, and Khalid al-Otaibi, director of public relations."
#  — name-first items; the given name مساعد (Musaed) is also the head noun "assistant".
NAME_LOOKS_LIKE_TITLE = (
    "ويضم الوفد المرافق لأمير منطقة الرياض عبدالله الحمدان وكيل الإمارة، ومساعد الدوسري مدير الشؤون المالية، "
    "وخالد العتيبي مدير العلاقات العامة."
)


def test_a_name_first_list_keeps_a_name_that_looks_like_a_head():
    # the side is the country of the accompanied governor (أمير منطقة: a Saudi office), not his title
    assert members(NAME_LOOKS_LIKE_TITLE) == [
        ("السعودية", "وكيل الإمارة", "عبدالله الحمدان"),
        ("السعودية", "مدير الشؤون المالية", "مساعد الدوسري"),
        ("السعودية", "مدير العلاقات العامة", "خالد العتيبي"),
    ]


# "Attending the talks on the Egyptian side: Minister of Electricity and Renewable Energy Mohamed Shaker, and
#  on the Russian side the chief executive of Rosatom Alexei Likhachev." — the second list opens with a
#  definite head (الرئيس) right after the nisba, which must not be read as part of the side.
DAB_A = (
    "وحضر المحادثات من الجانب المصري وزير الكهرباء والطاقة المتجددة محمد شاكر، "
    "ومن الجانب الروسي الرئيس التنفيذي لشركة روساتوم أليكسي ليخاتشوف."
)


def test_side_ends_before_a_definite_head():
    assert members(DAB_A) == [
        ("مصر", "وزير الكهرباء والطاقة المتجددة", "محمد شاكر"),
        ("روسيا", "الرئيس التنفيذي لشركة روساتوم", "أليكسي ليخاتشوف"),
    ]
    assert delegations.sector("وزير الكهرباء والطاقة المتجددة") == "energy"


def test_every_cue_frame_reads_its_own_documented_example():
    for frame in delegations.cue_book().frames:
        example = frame.example.split(" (")[0]  # the Arabic, without the English gloss
        found = delegations.extract(example)
        assert found, f"frame {frame.name}: its example yields no member"
        assert all(m.title and m.name for m in found), (frame.name, found)


# --- generated lists: any titles, names, joiners and cues combined -------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

# Titles of other governments than the seeds', in the shapes Arabic news writes them; a title that names its
# own country gives its holder that side, whatever the list's.
TITLES = {
    "وزير الخارجية": None,                          # foreign minister
    "وزيرة الدولة للشؤون الخارجية": None,           # minister of state for foreign affairs (f.)
    "نائب رئيس الوزراء": None,                      # deputy prime minister
    "النائب الأول لرئيس الوزراء": None,             # first deputy prime minister (ل- clitic)
    "رئيس هيئة الأركان العامة": None,               # chief of the general staff
    "مدير مكتب الرئيس": None,                       # director of the president's office
    "السفير الصيني لدى الرياض": "الصين",            # Chinese ambassador to Riyadh
    "سفير مصر لدى المملكة": "مصر",                  # Egypt's ambassador to the Kingdom
    "المتحدث باسم وزارة الخارجية": None,            # foreign ministry spokesman
    "مساعد وزير الدفاع للشؤون التنفيذية": None,     # assistant defence minister for executive affairs
    "رئيس شركة أرامكو": None,                       # head of Aramco (an indefinite proper noun in the title)
    "وزير الطاقة والصناعة والثروة المعدنية": None,  # minister of energy, industry and mineral resources
    "رئيس مجلس إدارة صندوق الاستثمارات العامة": None,  # chairman of the Public Investment Fund
}
# Names: Chinese and Korean (2-3 words), Turkish, Arab names with بن/آل, with honorifics.
NAMES = [
    "وانغ يي", "لي تشيانغ", "تشوي سونغ هي", "هاكان فيدان", "الأمير فيصل بن فرحان",
    "الدكتور ماجد القصبي", "عبدالله بن زايد آل نهيان", "المهندس أمين الناصر", "دينغ شيويه شيانغ",
]
CUES = {
    "ويضم الوفد الصيني ": "الصين",
    "وعن الجانب السعودي يشارك في المباحثات، ": "السعودية",
    "ويشارك من الجانب التركي ": "تركيا",
}
JOINERS = ["، و", " و", "، ", " "]  # "، و", "و", "،" or nothing at all


@settings(max_examples=150, deadline=None)
@given(
    cue=st.sampled_from(sorted(CUES)),
    items=st.lists(st.tuples(st.sampled_from(sorted(TITLES)), st.sampled_from(NAMES)), min_size=1, max_size=6),
    joiners=st.lists(st.sampled_from(JOINERS), min_size=6, max_size=6),
)
def test_generated_lists_are_read_back_exactly(cue, items, joiners):
    text = cue
    for n, (title, name) in enumerate(items):
        text += (joiners[n] if n else "") + f"{title} {name}"
    text += ". وتستمر الزيارة ثلاثة أيام."  # "The visit lasts three days."
    assert members(text) == [(TITLES[title] or CUES[cue], title, name) for title, name in items], text

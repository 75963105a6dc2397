"""The timeline stage: Arabic temporal expressions, their resolution, durations, events, CLI and figure.

Every sentence below is written for the test (other dates and people than the seed articles), or taken from
SaudiNewsNet where a test says so (M. Alhagri 2015, CC BY-NC-SA 4.0), with an English gloss; expected values are
worked out by hand from the publication date given.
"""

import datetime as dt
import re
import subprocess
import sys
from collections import Counter

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arnews import arabic, clean, corpus, timeline
from arnews.errors import InputError
from arnews.timeline import context, mentions


def values(text, published):
    """(expression text, value, precision) for each expression found."""
    return [(e.text, e.value, e.precision) for e in timeline.tag(text, published)]


def value_of(text, published, expression):
    found = {e.text: e.value for e in timeline.tag(text, published)}
    assert expression in found, f"{expression!r} not tagged in {text!r}: {found}"
    return found[expression]


# --- full dates in the three month-name systems ------------------------------------------------------

@pytest.mark.parametrize("sentence, expression, value", [
    # Egyptian/Gulf: "the two ministers signed the agreement in Cairo on 5 August 2017"
    ("وقع الوزيران الاتفاق في القاهرة يوم 5 أغسطس 2017.", "5 أغسطس 2017", "2017-08-05"),
    # the same month without hamza
    ("وقع الوزيران الاتفاق في القاهرة يوم 5 اغسطس 2017.", "5 اغسطس 2017", "2017-08-05"),
    # يونيه (Egyptian spelling of June): "the elections were held on 30 June 2013"
    ("جرت الانتخابات في 30 يونيه 2013 وسط إقبال كبير.", "30 يونيه 2013", "2013-06-30"),
    # Levantine: "the conference opened in Beirut on 3 November 2015"
    ("افتتح المؤتمر أعماله في بيروت في 3 تشرين الثاني 2015.", "3 تشرين الثاني 2015", "2015-11-03"),
    # Levantine with the Gulf name in parentheses/after a slash, as Lebanese and Iraqi papers print it
    ("وصل الوفد إلى بغداد في 14 آب (أغسطس) 2014.", "14 آب (أغسطس) 2014", "2014-08-14"),
    ("التقى الزعيمان في 13 أيلول/سبتمبر 2023 في الشرق الروسي.", "13 أيلول/سبتمبر 2023", "2023-09-13"),
    # Maghrebi: "the Algerian government announced on 12 July 2018 …"
    ("أعلنت الحكومة الجزائرية يوم 12 جويلية 2018 عن خطة جديدة.", "12 جويلية 2018", "2018-07-12"),
    ("انطلقت الحملة الانتخابية في تونس في 2 سبتمبر 2019.", "2 سبتمبر 2019", "2019-09-02"),
    # أوت is ambiguous alone; with a day it is August: "the law took effect on 1 August 2016"
    ("دخل القانون حيز التنفيذ في 1 أوت 2016.", "1 أوت 2016", "2016-08-01"),
    # a weekday before the date: "on Wednesday 19 June 2024 the two leaders signed …"
    ("وقع الزعيمان الأربعاء 19 يونيو 2024 معاهدة جديدة.", "الأربعاء 19 يونيو 2024", "2024-06-19"),
])
def test_full_dates_in_three_month_systems(sentence, expression, value):
    assert value_of(sentence, "2024-07-01", expression) == value


def test_month_and_year_and_numeric_dates():
    # "the crisis began in February 2011 and the ceasefire was signed on 27/2/2016"
    found = values("بدأت الأزمة في شباط 2011 ووقع اتفاق وقف إطلاق النار في 27/2/2016.", "2020-01-01")
    assert ("شباط 2011", "2011-02", "YYYY-MM") in found
    assert ("27/2/2016", "2016-02-27", "YYYY-MM-DD") in found
    # Maghrebi month with a year: "the next elections are planned for January 2020"
    assert value_of("تقرر تنظيم الانتخابات المقبلة في جانفي 2020.", "2019-06-01", "جانفي 2020") == "2020-01"


def test_day_and_month_without_year_takes_the_latest_not_after_publication():
    # "the minister arrived on 20 December", published 10 January 2019 → December 2018
    assert value_of("وصل الوزير في 20 ديسمبر إلى العاصمة.", "2019-01-10", "20 ديسمبر") == "2018-12-20"


# --- years -------------------------------------------------------------------------------------------

def test_years_with_year_words_and_prepositions():
    # "the company was founded in 1998, listed in 2022 and the agreement dates from the year 1949"
    found = values("تأسست الشركة عام 1998 وأدرجت في البورصة في 2022، وتعود الاتفاقية إلى العام 1949.", "2024-01-01")
    assert ("عام 1998", "1998", "YYYY") in found
    assert ("2022", "2022", "YYYY") in found
    assert ("العام 1949", "1949", "YYYY") in found


def test_two_years_after_dual_year_word():
    # "the country hosted the summit in the years 2001 and 2007"
    found = values("استضافت البلاد القمة عامي 2001 و2007.", "2024-01-01")
    assert ("عامي 2001", "2001", "YYYY") in found
    assert ("2007", "2007", "YYYY") in found


def test_a_bare_number_is_not_a_year():
    # "the army deployed 2000 soldiers" — no year word, no preposition: a quantity
    assert values("نشر الجيش 2000 جندي على الحدود.", "2024-01-01") == []


# --- months with or without a year ------------------------------------------------------------------

@pytest.mark.parametrize("sentence, expression, value", [
    # "talks were held in July" (published March 2019) → the latest July not after publication
    ("جرت المحادثات في يوليو بين الجانبين.", "يوليو", "2018-07"),
    # "last September": strictly before the publication month
    ("زار الوزير المنطقة في سبتمبر الماضي.", "سبتمبر الماضي", "2018-09"),
    # Levantine with clitic و and a modifier: "and in last February"
    ("وفي شباط الماضي أعلنت الحكومة خطتها.", "شباط الماضي", "2019-02"),
    ("وأعلن في أيلول الماضي عن استقالته.", "أيلول الماضي", "2018-09"),
    # the clitic ب: "the season starts in next September"
    ("ينطلق الموسم الدراسي بسبتمبر المقبل.", "سبتمبر المقبل", "2019-09"),
    # مارس is ambiguous alone; with الماضي it is the month (published in March: last year's March)
    ("ارتفعت الأسعار في مارس الماضي.", "مارس الماضي", "2018-03"),
    # "next month"
    ("ستعقد القمة الشهر المقبل في الرياض.", "الشهر المقبل", "2019-04"),
])
def test_months_resolved_against_publication(sentence, expression, value):
    assert value_of(sentence, "2019-03-14", expression) == value


def test_ambiguous_month_and_weekday_words_alone_are_not_dates():
    # مارس = "exercised": "the opposition exercised pressure on the government"
    assert values("مارس المعارضون ضغوطا كبيرة على الحكومة.", "2019-03-14") == []
    # الاثنين = "the two": "the Pentagon said the two travelled together"
    assert values("وقال البنتاغون إن الاثنين سافرا معا.", "2019-03-14") == []
    # "يوم الاثنين" is Monday
    assert value_of("وصل الوفد يوم الاثنين.", "2019-03-14", "يوم الاثنين") == "2019-03-11"


# --- weekdays -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, published, expression, value", [
    # "the foreign minister said today, Wednesday, …" published on a Wednesday
    ("قال وزير الخارجية اليوم الأربعاء إن المفاوضات مستمرة.", "2019-03-13", "اليوم الأربعاء", "2019-03-13"),
    # published the next day (Thursday): the nearest Wednesday on or before publication
    ("قال وزير الخارجية اليوم الأربعاء إن المفاوضات مستمرة.", "2019-03-14", "اليوم الأربعاء", "2019-03-13"),
    # "the president ratified the law yesterday, Tuesday"
    ("صادق الرئيس أمس الثلاثاء على القانون الجديد.", "2019-03-13", "أمس الثلاثاء", "2019-03-12"),
    # Saudi press style: "today (Monday)"
    ("أعلنت وزارة الصحة اليوم (الاثنين) تسجيل حالات جديدة.", "2015-07-20", "اليوم (الاثنين)", "2015-07-20"),
    # "the envoy will arrive on Sunday" (published Thursday): the Sunday within three days
    ("يصل المبعوث الأممي يوم الأحد إلى صنعاء.", "2019-03-14", "يوم الأحد", "2019-03-17"),
    # "the talks that began on Tuesday" (published Thursday): two days before
    ("انتهت المحادثات التي بدأت الثلاثاء في جنيف.", "2019-03-14", "الثلاثاء", "2019-03-12"),
    # "last Friday" and "next Thursday" (published Thursday)
    ("تظاهر الآلاف الجمعة الماضية في الساحة.", "2019-03-14", "الجمعة الماضية", "2019-03-08"),
    ("يجتمع المجلس الخميس المقبل.", "2019-03-14", "الخميس المقبل", "2019-03-21"),
    # "on Wednesday morning, today" with a time-of-day word
    ("بدأت صباح اليوم الأربعاء أعمال القمة.", "2019-03-13", "صباح اليوم الأربعاء", "2019-03-13"),
])
def test_weekdays(sentence, published, expression, value):
    assert value_of(sentence, published, expression) == value


# --- relative expressions -----------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, expression, value, precision", [
    ("أعلن المتحدث اليوم عن نتائج التحقيق.", "اليوم", "2019-03-14", "YYYY-MM-DD"),  # today
    ("وكان الوزير قد صرح أمس بأن الوضع مستقر.", "أمس", "2019-03-13", "YYYY-MM-DD"),  # yesterday
    ("يبدأ الرئيس غداً زيارة إلى تونس.", "غداً", "2019-03-15", "YYYY-MM-DD"),  # tomorrow (with tanwin)
    ("تنطلق المباحثات بعد غد في عمان.", "بعد غد", "2019-03-16", "YYYY-MM-DD"),  # the day after tomorrow
    ("تراجعت الصادرات العام الماضي بنسبة كبيرة.", "العام الماضي", "2018", "YYYY"),  # last year
    ("تتوقع الحكومة نموا أعلى هذا العام.", "هذا العام", "2019", "YYYY"),  # this year
    ("عاد اللاجئ إلى بلده منذ 24 عاما.", "منذ 24 عاما", "1995", "YYYY"),  # 24 years ago
    ("وقعت الحادثة قبل 24 عاما.", "قبل 24 عاما", "1995", "YYYY"),
    ("ستنتهي ولايته بعد أربع سنوات.", "بعد أربع سنوات", "2023", "YYYY"),  # in four years
    ("غادر البلاد قبل عامين.", "قبل عامين", "2017", "YYYY"),  # two years ago (dual)
    ("يعيش في المنفى منذ خمسة وعشرين عاما.", "منذ خمسة وعشرين عاما", "1994", "YYYY"),  # 25 years
    ("اختفى الصحفي قبل ثلاثة أيام.", "قبل ثلاثة أيام", "2019-03-11", "YYYY-MM-DD"),  # three days ago
    ("بدأ الإضراب منذ يومين.", "منذ يومين", "2019-03-12", "YYYY-MM-DD"),  # two days ago (dual)
    ("انقطعت العلاقات منذ عقدين.", "منذ عقدين", "1999", "YYYY"),  # two decades ago
    ("افتتح المتحف قبل نحو 3 أعوام.", "قبل نحو 3 أعوام", "2016", "YYYY"),  # about three years ago
])
def test_relative_expressions(sentence, expression, value, precision):
    found = {e.text: (e.value, e.precision) for e in timeline.tag(sentence, "2019-03-14")}
    assert found.get(expression) == (value, precision), found


def test_after_n_years_from_an_event_dates_that_event():
    # "his decision to visit Cairo three years after his previous visit" (published 2021): the previous visit is 2018
    [expr] = timeline.tag("قال إن قراره بزيارة القاهرة بعد ثلاث سنوات من زيارته السابقة يعكس أهمية العلاقات.",
                          "2021-05-10")
    assert (expr.text, expr.value, expr.relative_to_event) == ("بعد ثلاث سنوات من", "2018", True)


def test_unresolvable_expressions_keep_an_empty_value():
    # no publication date: "today" cannot be resolved, a full date still can
    found = values("أعلن الوزير اليوم أن الاتفاق وقع في 3 مايو 2010.", None)
    assert ("اليوم", "", "") in found and ("3 مايو 2010", "2010-05-03", "YYYY-MM-DD") in found
    # "the two sides met last week": a week is its month when its days (Sunday to Saturday) lie in one month
    # (3–9 March 2019), and has no value of the three precisions when it runs over two (24 February–2 March)
    assert values("التقى الطرفان الأسبوع الماضي.", "2019-03-14") == [("الأسبوع الماضي", "2019-03", "YYYY-MM")]
    assert values("التقى الطرفان الأسبوع الماضي.", "2019-03-04") == [("الأسبوع الماضي", "", "")]
    # "the city was founded 3,200 years ago": no four-digit ISO year
    assert values("تأسست المدينة قبل 3200 عام.", "2015-07-24") == [("قبل 3200 عام", "", "")]
    # a Hijri year outside the Umm al-Qura table
    assert values("وقعت المعركة في 5 رجب 1320 هـ.", "2019-03-14") == [("5 رجب 1320 هـ", "", "")]


@pytest.mark.parametrize("sentence, expected", [
    # "at the end of June 2015" with both month names: one expression, with its year
    ("ارتفعت الودائع في نهاية شهر حزيران (يونيو) 2015.", [("شهر حزيران (يونيو) 2015", "2015-06")]),
    # "last June" with both names
    ("تراجعت الأسعار في حزيران/يونيو الماضي.", [("حزيران/يونيو الماضي", "2015-06")]),
    # the outlet "عين اليوم" (Ain Al-Youm) in a dateline is not "today"
    ("عين اليوم – عدن: أعلنت المقاومة الشعبية السيطرة على المطار.", []),
    # "the former director-general": العام is the adjective "general"
    ("كرم المجلس المدير العام السابق للشركة.", []),
    # the personal name عبد الأحد (Abd al-Ahad) holds no Sunday
    ("أفاد عبد الأحد اسطيفو بأن الاجتماع انتهى.", []),
    # "since the month of Ramadan of last year": شهر here is not "a month ago"; the Ramadan of 2014 (1435)
    ("ارتفعت الأسعار منذ شهر رمضان من العام الماضي.", [("شهر رمضان من العام الماضي", "2014-07")]),
    # "in July of last year"
    ("وقعت الحادثة في يوليو من العام الماضي.", [("يوليو من العام الماضي", "2014-07")]),
])
def test_cases_met_in_saudinewsnet(sentence, expected):
    assert [(e.text, e.value) for e in timeline.tag(sentence, "2015-07-24")] == expected


def test_today_as_a_noun_is_not_today():
    # "the National Day" (اليوم الوطني) is not "today"
    assert values("احتفلت المملكة باليوم الوطني.", "2019-09-23") == []


# --- Hijri dates and Arabic-Indic digits -------------------------------------------------------------

def test_hijri_dates_are_converted():
    # "the decree was issued on 26 Shawwal 1436 AH" = 11 August 2015 (Umm al-Qura)
    assert value_of("صدر المرسوم الملكي في 26 شوال 1436 هـ.", "2015-08-12", "26 شوال 1436 هـ") == "2015-08-11"
    # numeric Hijri date with the era mark
    assert value_of("صدر القرار بتاريخ 1436/10/26هـ.", "2015-08-12", "1436/10/26هـ") == "2015-08-11"
    # the first of Ramadan 1445 is 11 March 2024
    assert value_of("يبدأ الصيام في 1 رمضان 1445 هـ.", "2024-03-01", "1 رمضان 1445 هـ") == "2024-03-11"


def test_arabic_indic_digits_and_offsets_into_the_original_text():
    text = "التقى الرئيسان في ١٩ يونيو ٢٠٢٤ في العاصمة، وبعد ذلك بيومين غادر الضيف."
    [expr] = timeline.tag(text, "2024-06-25")
    assert (expr.value, expr.precision) == ("2024-06-19", "YYYY-MM-DD")
    assert text[expr.start:expr.end] == expr.text == "١٩ يونيو ٢٠٢٤"


def test_offsets_survive_diacritics():
    # diacritics are dropped for matching only; offsets still point into the given text
    text = "وَصَلَ الوَفْدُ غَدًا إلى الرِّياضِ، وكان قد زارها قبل عامَيْن."
    for expr in timeline.tag(text, "2019-03-14"):
        assert text[expr.start:expr.end] == expr.text
    assert [e.value for e in timeline.tag(text, "2019-03-14")] == ["2019-03-15", "2017"]


# --- durations ---------------------------------------------------------------------------------------

def test_durations_are_not_points():
    # "the meeting lasted two hours, after about 11 hours of contacts; the visit lasts three days"
    text = "استمر الاجتماع ساعتين، بعد نحو 11 ساعة من الاتصالات، والزيارة تستمر ثلاثة أيام منذ 24 عاما."
    found = [(d.text, d.value, d.hours, d.approximate) for d in timeline.durations(text)]
    assert found == [("ساعتين", "PT2H", 2.0, False), ("نحو 11 ساعة", "PT11H", 11.0, True),
                     ("ثلاثة أيام", "P3D", 72.0, False)]
    assert "منذ 24 عاما" in [e.text for e in timeline.tag(text, "2019-03-14")]


def test_event_durations_shows_disagreeing_claims():
    articles = pd.DataFrame({
        "doc_id": ["a", "b"],
        # "the talks lasted about three hours" / "the meeting, which lasted five hours, ended"
        "text": ["استمرت المحادثات بين الجانبين نحو ثلاث ساعات.", "انتهى الاجتماع الذي استمر خمس ساعات في المساء."],
    })
    table = timeline.event_durations(articles, "summit")
    assert list(table["hours"]) == [3.0, 5.0]
    assert list(table["doc_id"]) == ["a", "b"]


# --- events -------------------------------------------------------------------------------------------

def frame(*rows):
    return pd.DataFrame(rows, columns=["doc_id", "text", "published"]).assign(
        published=lambda f: pd.to_datetime(f["published"]))


def test_same_happening_in_two_articles_is_one_event():
    articles = frame(
        # "Chinese president Xi Jinping arrived in Moscow today, Thursday, amid tight security"
        ("x1", "وصل الرئيس الصيني شي جين بينغ اليوم الخميس إلى موسكو وسط إجراءات أمنية مشددة.", "2019-04-25"),
        # next day: "Putin received his Chinese counterpart Xi Jinping in Moscow on Thursday"
        ("x2", "استقبل بوتين نظيره الصيني شي جين بينغ في موسكو يوم الخميس.", "2019-04-26"),
    )
    table = timeline.events(timeline.event_mentions(articles))
    arrival = table[(table["type"] == "arrival") & (table["date"] == "2019-04-25")]
    assert len(arrival) == 1
    row = arrival.iloc[0]
    assert row["doc_ids"] == "x1|x2"
    assert "شي جين بينغ" in row["label"] and "موسكو" in row["label"]
    assert "Xi Jinping" in row["label_en"] and "Moscow" in row["label_en"]
    assert "[x1]" in row["evidence"] and "[x2]" in row["evidence"]


def test_a_happening_deep_in_an_article_does_not_take_the_leads_place():
    # An aawsat column (SaudiNewsNet, 10 August 2015) opens on an attack in Kuwait and, twelve sentences later,
    # recalls the Alexandria church bombing of 1 January 2011, a place the lexicon does not know: the lead's
    # Kuwait is not its place (it used to be labelled «هجوم في الكويت», attack in Kuwait).
    lead = "استهدف تفجير انتحاري مسجد الإمام الصادق في الكويت يوم الجمعة."  # a suicide bombing hit a mosque in Kuwait
    filler = ["وتحدث الكاتب عن ظاهرة التطرف في المنطقة."] * 12  # the writer spoke of extremism in the region
    recalled = ("ثم كان التفجير التالي في تفجير كنيسة القديسين في الإسكندرية الأول من يناير (كانون الثاني) سنة "
                "2011، الذي أسفر عن سقوط 21 قتيلا.")  # then came the bombing of the Saints' Church in Alexandria …
    table = timeline.events(timeline.event_mentions(frame(("k", " ".join([lead, *filler, recalled]), "2015-08-10"))))
    recalled_event = table[table["date"].str.startswith("2011")]
    assert len(recalled_event) == 1 and "الكويت" not in recalled_event.iloc[0]["label"]
    assert any("الكويت" in label for label in table["label"])  # the lead's own attack keeps its place


def test_anniversary_dates_what_it_commemorates():
    # "the two countries celebrated last year the sixtieth anniversary of establishing diplomatic relations"
    articles = frame(("y", "احتفل البلدان العام الماضي بالذكرى الستين لإقامة العلاقات الدبلوماسية بينهما.",
                      "2020-05-01"))
    table = timeline.events(timeline.event_mentions(articles))
    assert list(table["date"]) == ["1959"]
    assert table.iloc[0]["label"] == "إقامة العلاقات الدبلوماسية"
    assert table.iloc[0]["label_en"].startswith("establishment of diplomatic relations")


def test_visit_relative_to_an_earlier_visit():
    # "Xi said his visit to Moscow three years after his previous visit shows …" (published 2019)
    articles = frame(("z", "قال شي جين بينغ إن زيارته إلى موسكو بعد ثلاث سنوات من زيارته السابقة تظهر متانة العلاقات.",
                      "2019-06-05"))
    table = timeline.events(timeline.event_mentions(articles))
    visit = table[table["date"] == "2016"].iloc[0]
    assert visit["type"] == "visit" and "شي جين بينغ" in visit["label"] and "موسكو" in visit["label"]


def test_a_vaguer_date_joins_the_precise_event_it_agrees_with():
    articles = frame(
        # "Xi Jinping held talks with Putin in Beijing on 12 October 2022"
        ("p", "أجرى شي جين بينغ محادثات مع بوتين في بكين في 12 أكتوبر 2022.", "2022-10-13"),
        # "Xi and Putin held talks in Beijing in October"
        ("q", "وكان شي جين بينغ وبوتين قد عقدا محادثات في بكين في أكتوبر.", "2022-12-01"),
    )
    table = timeline.events(timeline.event_mentions(articles))
    summit = table[table["type"] == "summit"]
    assert list(summit["date"]) == ["2022-10-12"] and summit.iloc[0]["doc_ids"] == "p|q"


def test_a_far_trigger_does_not_date_an_expression():
    # "the ministry announced today … and (a long clause) … the visit of the delegation": the visit is too far
    text = ("أعلنت وزارة الصحة اليوم عن تسجيل حالات جديدة في عدد من المناطق الشمالية والجنوبية من البلاد "
            "بعد أسابيع من الهدوء النسبي الذي شهدته المستشفيات والمراكز الصحية، وذلك قبل زيارة الوفد الأممي.")
    assert timeline.event_mentions(frame(("f", text, "2019-03-14"))) == []


def test_labels_name_the_people_near_the_trigger():
    # "Prince Bandar, who visited Moscow in July 2007 …, later met Putin's envoys" — Putin is far from the visit
    text = ("وكان الأمير بندر بن سلطان الذي زار موسكو في يوليو 2007 قد بحث ملفات عديدة خلال السنوات التالية "
            "مع مسؤولين كبار قبل أن يلتقي لاحقا بمبعوثي فلاديمير بوتين.")
    [visit] = [m for m in timeline.event_mentions(frame(("b", text, "2015-08-01"))) if m.type == "visit"]
    assert visit.label == "زيارة إلى موسكو"
    # "Kim Il Sung Square" is a place: the ceremony there is not attended by Kim Il Sung
    text = "أقيم حفل ترحيب في ميدان كيم إيل سونغ بحضور بوتين يوم الأربعاء."
    [ceremony] = timeline.event_mentions(frame(("k", text, "2024-06-19")))
    assert "كيم إيل سونغ" not in ceremony.label and "فلاديمير بوتين" in ceremony.label


def test_a_first_name_alone_is_the_person_named_in_full_before():
    # "Kim Jong Un received the delegation in Kim Il Sung Square. KCNA quoted Kim as saying that his visit to
    # Moscow in 2019 …": the bare كيم is Kim Jong Un (the square's name is not a mention of Kim Il Sung)
    text = ("استقبل الزعيم الكوري الشمالي كيم جونغ أون الوفد في ميدان كيم إيل سونغ.\n"
            "ونقلت الوكالة عن كيم قوله إن زيارته إلى موسكو عام 2019 فتحت صفحة جديدة.")
    [visit] = timeline.event_mentions(frame(("c", text, "2023-09-13")))
    assert (visit.date, visit.label) == ("2019", "زيارة كيم جونغ أون إلى موسكو")
    # with no full mention before it, a bare first name stays unresolved
    [alone] = timeline.event_mentions(frame(("d", text.split("\n")[1], "2023-09-13")))
    assert alone.label == "زيارة إلى موسكو"


def test_signing_needs_an_agreement_and_invasion_takes_its_place():
    articles = frame(
        # "an explosion occurred (وقع) in Riyadh on Sunday" — وقع without an agreement is not a signing
        ("r", "وقع انفجار في الرياض يوم الأحد.", "2019-03-14"),
        # "since the American invasion of Iraq in 2003"
        ("s", "تدهورت الأوضاع منذ الغزو الأمريكي للعراق عام 2003.", "2019-03-14"),
    )
    table = timeline.events(timeline.event_mentions(articles))
    assert "signing" not in set(table["type"])
    invasion = table[table["type"] == "invasion"].iloc[0]
    assert (invasion["date"], invasion["label"], invasion["label_en"]) == ("2003", "غزو العراق", "invasion of Iraq")


@pytest.mark.parametrize("text, published", [
    # SaudiNewsNet 2015-07-21#02268: "the title holder Al-Ahly meets the leader Zamalek today, Tuesday, in the
    # postponed top match of round 37 of the Egyptian football league": قمة and يلتقي of a game, no summit
    ("يلتقي حامل اللقب الأهلي مع المتصدر الزمالك اليوم الثلاثاء في لقاء القمة المؤجل من المرحلة الـ 37 من الدوري"
     " المصري لكرة القدم.", "2015-07-21"),
    # 2015-07-22#00120: "… the top match between Al-Ahly and Zamalek, played yesterday (Tuesday)"
    ("عاش الشعب المصري الـ72 ساعة التي سبقت مباراة القمة بين الأهلي والزمالك حالة من القلق والانتظار للمباراة،"
     " التي أقيمت أمس (الثلاثاء) وانتهت بفوز الأهلي 2 - 0.", "2015-07-22"),
])
def test_a_top_match_of_the_league_is_no_summit(text, published):
    assert "summit" not in {m.type for m in timeline.event_mentions(frame(("m", text, published)))}


def test_a_summit_beside_sports_words_elsewhere_is_still_a_summit():
    # "the leaders of the Gulf states hold their summit in Riyadh on Tuesday" and, in the next paragraph, the
    # league: the sports words of another sentence do not undo the summit
    text = ("يعقد قادة دول مجلس التعاون الخليجي قمتهم في الرياض يوم الثلاثاء المقبل.\n"
            "وفي الرياضة، تقام مباراة الهلال والنصر في الدوري يوم الجمعة.")
    mentions = timeline.event_mentions(frame(("g", text, "2015-12-03")))
    assert [(m.type, m.date, m.place) for m in mentions if m.type == "summit"] == [("summit", "2015-12-08", "الرياض")]


def test_event_types_come_from_the_lexicon():
    types = {t.type for t in timeline.event_grammar().types}
    assert {"visit", "summit", "signing", "approval", "invasion", "anniversary", "arrival"} <= types


# --- acceptance on the seeds ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seeds(raw_dir):
    return timeline.timeline(corpus.load(raw_dir))


def test_seed_events(seeds):
    table = seeds.events
    dated = {(d, t) for d, t in zip(table["date"], table["type"], strict=True)}
    assert ("2000", "visit") in dated  # Putin's first visit to Pyongyang
    assert ("2019", "visit") in dated  # Kim's previous visit to Russia ("after four years")
    assert ("2023-07", "visit") in dated  # Shoigu's July visit
    assert ("2023-09-13", "summit") in dated  # Vostochny
    assert ("2022", "invasion") in dated
    assert {("1948", "anniversary"), ("1949", "anniversary")} <= dated
    assert ("2024-06-18", "approval") in dated  # صدق أمس الثلاثاء على مسودة اتفاقية
    assert {("2024-06-19", "summit"), ("2024-06-19", "signing"), ("2024-06-18", "arrival")} <= dated
    for date in ("2000", "2024-06-19"):
        assert table[table["date"] == date]["evidence"].str.len().min() > 20
    visit_2000 = table[(table["date"] == "2000") & (table["type"] == "visit")].iloc[0]
    assert "فلاديمير بوتين" in visit_2000["label"] and visit_2000["doc_ids"].count("|") == 2
    vostochny = table[(table["date"] == "2023-09-13") & (table["type"] == "summit")].iloc[0]
    assert "فوستوشني" in vostochny["label"] and "001_f6edb634fef66647" in vostochny["doc_ids"]


def test_seed_expressions_have_offsets_into_the_clean_text(raw_dir, seeds):
    cleaned, _ = clean.clean_corpus(corpus.load(raw_dir))
    texts = dict(zip(cleaned["doc_id"], cleaned["text"], strict=True))
    for row in seeds.expressions.itertuples():
        assert texts[row.doc_id][row.start:row.end] == row.text
    wednesday = seeds.expressions[(seeds.expressions["doc_id"] == "003_88f50d0ee01a588f")
                                  & (seeds.expressions["text"] == "اليوم الأربعاء")]
    assert list(wednesday["value"]) == ["2023-09-13"]


def test_seed_meeting_length_disagreement(raw_dir):
    cleaned, _ = clean.clean_corpus(corpus.load(raw_dir))
    table = timeline.event_durations(cleaned, "summit")
    claims = table[table["doc_id"] == "001_f6edb634fef66647"]
    assert {11.0, 2.0} <= set(claims["hours"])


def test_seed_arrival_dates_disagree(seeds):
    pairs = timeline.neighbouring_events(seeds.events)
    arrival = pairs[pairs["type"] == "arrival"]
    assert list(zip(arrival["first_date"], arrival["second_date"], strict=True)) == [("2024-06-18", "2024-06-19")]
    assert "فلاديمير بوتين" in arrival.iloc[0]["shared"]


def test_related_links_date_is_not_in_the_timeline(raw_dir, seeds):
    cleaned, removed = clean.clean_corpus(corpus.load(raw_dir))
    # the related-links block of article 002 carries a date of 2021 ("read also"): clean strips it
    assert "اقرأ أيضاً" not in cleaned.set_index("doc_id").loc["002_3ebd69e2e99d9110", "text"]
    assert "2021" not in set(seeds.events["date"])
    assert not seeds.expressions["value"].eq("2021").any()


# --- CLI, determinism, figure --------------------------------------------------------------------------

def test_cli_writes_both_tables(raw_dir, tmp_path):
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "arnews", "timeline", "--corpus", str(raw_dir), "--out", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    expressions = pd.read_csv(out / "expressions.csv", keep_default_na=False)
    events = pd.read_csv(out / "events.csv", keep_default_na=False)
    assert list(expressions.columns) == timeline.EXPRESSION_COLUMNS
    assert list(events.columns)[:6] == ["date", "precision", "label", "label_en", "doc_ids", "evidence"]
    assert {"YYYY", "YYYY-MM", "YYYY-MM-DD"} <= set(expressions["precision"])


def test_outputs_do_not_depend_on_the_number_of_workers(raw_dir, tmp_path, monkeypatch):
    from arnews import pipeline

    monkeypatch.setattr(pipeline, "SHARD_ARTICLES", 2)  # the five seeds in three shards: two workers get some
    monkeypatch.setenv(pipeline.INTERIM_VARIABLE, str(tmp_path / "interim"))
    one = timeline.run_corpus(raw_dir, workers=1, progress=False)
    assert len(pipeline.clean_store(raw_dir, progress=False).shards) == 3
    two = timeline.run_corpus(raw_dir, workers=2, progress=False, parallel_min_bytes=0)
    timeline.write(one, tmp_path / "one")
    timeline.write(two, tmp_path / "two")
    for name in ("expressions.csv", "events.csv"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


# bytes no text encoding reads (NUL and control bytes, invalid UTF-8)
BINARY = b"\x00\x01\x02\x03\xff\xfe\xfd\x00"


def corpus_with_a_binary_file(folder, good=1):
    """Good articles with full metadata (so that --strict finds nothing else to stop at) and one binary file."""
    rows = ["file,title,outlet,published,url,notes"]
    for i in range(good):  # "the minister arrived in Riyadh today"
        (folder / f"a{i}.txt").write_text("وصل الوزير اليوم إلى الرياض.", encoding="utf-8")
        rows.append(f"a{i}.txt,وصول الوزير,test,2019-03-14,https://example.org/{i},written for the test")
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "b.txt").write_bytes(BINARY)
    return folder


def test_unreadable_file_is_a_one_line_error(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    corpus_with_a_binary_file(folder)  # outputs go beside the corpus: inside it they are refused
    result = subprocess.run([sys.executable, "-m", "arnews", "timeline", "--corpus", str(folder),
                             "--out", str(tmp_path / "out"), "--strict"], capture_output=True, text=True)
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1 and "b.txt" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out" / "events.csv").exists()


def test_unreadable_file_in_a_parallel_run_is_reported(tmp_path):
    corpus_with_a_binary_file(tmp_path, good=3)
    with pytest.raises(InputError, match="b.txt"):
        timeline.run_corpus(tmp_path, workers=2, progress=False, strict=True, parallel_min_bytes=0)


def test_corpus_without_dates_gives_empty_tables(tmp_path):
    # "the minister inaugurated a new hospital" — no temporal expression at all
    (tmp_path / "a.txt").write_text("افتتح الوزير مستشفى جديدا في المدينة.", encoding="utf-8")
    result = timeline.run_corpus(tmp_path, progress=False)
    assert result.expressions.empty and result.events.empty
    assert timeline.plot_timeline(result.events) is None


def test_plot_timeline_labels_events_in_arabic(seeds, tmp_path):
    from arnews import plotting

    fig = timeline.plot_timeline(seeds.events, max_events=8)
    labels = [t.get_text() for t in fig.axes[-1].get_yticklabels()]
    shown = timeline.top_events(seeds.events, 8)
    assert sorted(labels) == sorted(plotting.ar(label) for label in shown["label"])
    assert len(fig.axes) >= 2  # 2000 and 2019–2024 sit on separate panels of a broken axis
    assert plotting.savefig(fig, "timeline", tmp_path).is_file()


# --- robustness ------------------------------------------------------------------------------------------

# pieces of temporal language, digits of both systems, diacritics and punctuation, shuffled at random
PIECES = ["في", "منذ", "قبل", "بعد", "عام", "العام", "الماضي", "المقبل", "اليوم", "أمس", "غداً", "يوم", "الأربعاء",
          "الاثنين", "يونيو", "حزيران", "جويلية", "مارس", "آب", "أيلول/سبتمبر", "(", ")", "شوال", "هـ", "م", "عاما",
          "عامين", "سنوات", "أربع", "خمسة", "وعشرين", "بالذكرى", "الخامسة", "والسبعين", "لإقامة", "من", "ساعتين",
          "نحو", "31", "13", "0", "1436", "2024", "٢٠٢٤", "١٩", "/", "-", ".", "،", "\n", "زيارة", "وقع", "اتفاق",
          "بوتين", "كوريا الشمالية", "للعراق", "\u064e", "\u0640", "99/99/2024", "31/02/2015", "1436/13/40",
          "نفسه", "نفس", "ذاته", "الأسبوع", "الشهر", "شهر", "رمضان", "صفر", "الموافق", "السابع", "أول", "الحادي",
          "والعشرين", "سيزور", "وقعت", "من المقرر", "يلتقي", "منذ", "بين", "معا", "«", "»", "الـ", "أو", "المالية",
          "29 فبراير", "30 فبراير", "1 / 10 / 1436", "مطلع", "الجاري", "غدا", "البارحة", "للعام", "للشهر",
          "لنفس", "للسنة"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.sampled_from([None, "2019-03-14", "2024-02-29"]))
def test_any_text_tags_without_error_and_offsets_hold(words, published):
    text = " ".join(words)
    for expr in timeline.tag(text, published):
        assert text[expr.start:expr.end] == expr.text
        assert expr.precision in ("", "YYYY", "YYYY-MM", "YYYY-MM-DD")
        assert (expr.value == "") == (expr.precision == "")
    timeline.analyse("doc", text, published)
    timeline.durations(text)


@pytest.mark.slow
def test_streamed_run_equals_the_in_memory_timeline_on_saudinewsnet(saudinewsnet):
    """Source by source on two cores, exact duplicates dropped as corpus.load drops them (528 here)."""
    articles = corpus.load(saudinewsnet)
    in_memory = timeline.timeline(articles)
    streamed = timeline.run_corpus(saudinewsnet, workers=2, progress=False)
    assert streamed.articles == in_memory.articles == len(articles)
    pd.testing.assert_frame_equal(streamed.expressions, in_memory.expressions)
    pd.testing.assert_frame_equal(streamed.events, in_memory.events)


def test_streamed_run_equals_the_in_memory_timeline_on_saudinewsnet_excerpts(saudinewsnet_excerpts, tmp_path,
                                                                              monkeypatch):
    """The counterpart, on every machine, of the test above: the 109 excerpts of SaudiNewsNet articles in 7 shards
    of the clean store (cleaned a shard at a time, SPA's end-marker variants learned from all), tagged on two
    workers, give the tables of one in-memory pass."""
    from arnews import pipeline

    monkeypatch.setattr(pipeline, "SHARD_ARTICLES", 16)
    monkeypatch.setenv(pipeline.INTERIM_VARIABLE, str(tmp_path / "interim"))
    articles = corpus.load(saudinewsnet_excerpts)
    in_memory = timeline.timeline(articles)
    streamed = timeline.run_corpus(saudinewsnet_excerpts, workers=2, progress=False, parallel_min_bytes=0)
    assert len(pipeline.clean_store(saudinewsnet_excerpts, progress=False).shards) == 7
    assert streamed.articles == in_memory.articles == len(articles) == 109
    assert len(in_memory.expressions) > 100 and len(in_memory.events) > 5  # the excerpts' datelines hold dates
    pd.testing.assert_frame_equal(streamed.expressions, in_memory.expressions)
    pd.testing.assert_frame_equal(streamed.events, in_memory.events)


# --- long articles and bad publication dates (issue 18) -----------------------------------------------

def dated_sentences(raw_dir):
    """The sentences of the seed articles that hold a temporal expression (real news text)."""
    cleaned, _ = clean.clean_corpus(corpus.load(raw_dir))
    return [text[s:e] for text in cleaned["text"] for s, e in arabic.sentences(text) if timeline.tag(text[s:e])]


def pair_work(monkeypatch, text):
    """How much the event finder and the context rules do in one article: the (expression or trigger,
    candidate) distances measured, and the characters read around the dates."""
    calls = Counter()

    def counted(name, function):
        def wrapper(*args):
            calls[name] += 1
            return function(*args)
        return wrapper

    monkeypatch.setattr(mentions, "gap", counted("gap", mentions.gap))
    monkeypatch.setattr(mentions, "_claim", counted("claim", mentions._claim))
    words = context.Article.words

    def counted_words(article, start, end):  # the text the context rules read around each date
        calls["characters read / 100"] += (end - start) // 100
        return words(article, start, end)

    monkeypatch.setattr(context.Article, "words", counted_words)
    found, events_found = timeline.analyse("long", text, "2024-06-20")
    monkeypatch.undo()
    return sum(calls.values()), len(found), len(events_found)


@pytest.mark.parametrize("layout", ["sentences", "run-on"])
def test_work_grows_linearly_with_the_length_of_an_article(raw_dir, monkeypatch, layout):
    # an article of real dated sentences, 8 and 32 copies; "run-on": one paragraph with no sentence punctuation
    # (every . ! ? and line break turned into a comma), where each date sees every other one of its "sentence"
    unit = "\n".join(dated_sentences(raw_dir))
    joiner = "\n"
    if layout == "run-on":
        unit, joiner = re.sub(r"[.!?؟\n]", "،", unit), "، "
    small, small_found, small_events = pair_work(monkeypatch, joiner.join([unit] * 8))
    large, large_found, large_events = pair_work(monkeypatch, joiner.join([unit] * 32))
    assert large_found == 4 * small_found and large_events >= 3 * small_events > 0
    assert large <= 4.5 * small  # linear: four times the text, about four times the work (quadratic: 16×)


@pytest.mark.parametrize("published", ["-0044-03-15", "0000-01-01", "2015-13-40", "10000-01-01", "not a date",
                                       dt.date(1, 1, 1), dt.date(9999, 12, 31), pd.Timestamp("-0044-03-15")])
def test_a_publication_date_out_of_range_never_crashes(published):
    # "the minister arrived yesterday, will leave next year, after a visit that began last Thursday; next month"
    text = "وصل الوزير أمس إلى الرياض، وسيغادر العام المقبل بعد زيارة بدأت الخميس الماضي، ويعود الشهر المقبل."
    found, _ = timeline.analyse("d", text, published)
    assert [e.text for e in found] == ["أمس", "العام المقبل", "الخميس الماضي", "الشهر المقبل"]
    for e in found:  # resolved against a real calendar date, or left empty
        assert e.value == "" or dt.date.fromisoformat(e.value[:10] if len(e.value) == 10 else e.value[:4] + "-01-01")


def test_a_negative_publication_year_in_the_metadata_runs_to_the_end(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("وصل الوزير أمس إلى الرياض.", encoding="utf-8")  # the minister arrived yesterday
    (folder / "metadata.csv").write_text("file,title,outlet,published,url\na.txt,t,o,-0044-03-15,https://x.org\n",
                                         encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "arnews", "timeline", "--corpus", str(folder),
                             "--out", str(tmp_path / "out")], capture_output=True, text=True)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    expressions = pd.read_csv(tmp_path / "out" / "expressions.csv", keep_default_na=False)
    assert list(zip(expressions["text"], expressions["value"], strict=True)) == [("أمس", "")]


# --- issue 17: what the context of a date decides -----------------------------------------------------
# Sentences from SaudiNewsNet (M. Alhagri 2015, CC BY-NC-SA 4.0; shortened), published on the date given;
# the expected values were checked against the events reported (e.g. the Suruç bombing of Monday 20 July).

#: a bare الاثنين is Monday, in the week the tense of its verb points to
BARE_MONDAY = [
    # "Carter tried on Monday to allay Israel's concern" (published Wednesday): a past verb, the Monday before
    ("وحاول كارتر الاثنين تبديد قلق اسرائيل من ان الاتفاق مع ايران قد يعني تغييرا في سياسة واشنطن.", "2015-07-22",
     [("الاثنين", "2015-07-20")]),
    # "India decided on Monday to block hundreds of websites" (published Tuesday)
    ("قررت الهند الإثنين حجب مئات المواقع الإلكترونية ذات المحتوى الإباحي.", "2015-08-04", [("الإثنين", "2015-08-03")]),
    # "de Mistura is scheduled to go to New York on Monday" (published Friday): من المقرر → the next Monday
    ("ومن المقرر ان يتوجه دي ميستورا الى نيويورك الاثنين كي يرفع تقريراً عن مهمته.", "2015-07-24",
     [("الاثنين", "2015-07-27")]),
    # "Mogherini will visit Saudi Arabia on Monday, then Tehran on Tuesday" (Friday): ستزور governs both
    ("وأكد بيان أن موغيريني ستزور السعودية الاثنين، ثم طهران الثلاثاء، لإجراء محادثات.", "2015-07-24",
     [("الاثنين", "2015-07-27"), ("الثلاثاء", "2015-07-28")]),
    # "the Malaysian aviation experts meet on Monday" (published that Monday): a present, the nearest Monday
    ("يجتمع خبراء الطيران الماليزيون الاثنين مع نظرائهم الفرنسيين والقضاة.", "2015-08-03", [("الاثنين", "2015-08-03")]),
    # "since Monday the PKK has doubled its attacks" (published Sunday): منذ → past
    ("ومنذ الاثنين ضاعف حزب العمال الكردستاني هجماته على قوات الامن التركية.", "2015-07-26",
     [("الاثنين", "2015-07-20")]),
    # "as of Monday 25 Shawwal" — من after ابتداء opens a date
    ("ودعت الراغبين الى الحضور لمقرها ابتداء من الاثنين 25 من شوال.", "2015-08-10",
     [("الاثنين", "2015-08-10"), ("25 من شوال", "2015-08-10")]),
]

#: the tense of the governing verb picks the week of a weekday or the year of a date
TENSE = [
    # "the coalition air force launched raids on Saturday evening" (published Wednesday): four days back
    ("هذا وشن طيران التحالف مساء السبت غارات مكثفة على مواقع الحوثيين.", "2015-07-22", [("مساء السبت", "2015-07-18")]),
    # "the Taliban announced on Friday …" (published Tuesday)
    ("وأعلنت طالبان الجمعة تعيين الملا أختر منصور زعيما جديدا لها.", "2015-08-04", [("الجمعة", "2015-07-31")]),
    # "… the attack that targeted an army patrol on Friday evening" (published Tuesday): الذي + past verb
    ("وجاءت ردا على الهجوم الذي استهدف دورية للجيش مساء الجمعة بولاية عين الدفلى.", "2015-07-21",
     [("مساء الجمعة", "2015-07-17")]),
    # "Saudi foreign minister Adel al-Jubeir will visit Moscow on Tuesday" (published Saturday): the next Tuesday
    ("أعلنت وزارة الخارجية الروسية اليوم السبت، أن وزير الخارجية السعودي عادل الجبير سيزور موسكو الثلاثاء.",
     "2015-08-08", [("اليوم السبت", "2015-08-08"), ("الثلاثاء", "2015-08-11")]),
    # "the streets were decorated before his arrival early on Wednesday morning" (published Tuesday): the
    # Wednesday of a verbal noun after قبل, not of the past verb: the coming one
    ("وزينت شوارع بيونغ يانغ بالأعلام الروسية قبل وصوله في الساعات الأولى من صباح الأربعاء.", "2024-06-18",
     [("صباح الأربعاء", "2024-06-19")]),
    # "Civil Defence was notified at 16:18 on Monday afternoon …, and teams were sent" (published Saturday):
    # تبلغ is a past (form V) as تم shows
    ("تبلغ مركز التحكم بالدفاع المدني عند الساعة ١٦:١٨ من عصر الإثنين عن حادث حريق، فتم توجيه فرق الدفاع المدني.",
     "2015-08-08", [("عصر الإثنين", "2015-08-03")]),
    # "Emirates operates 42 extra flights … until 23 July" (published 21 July): a present → the nearest 23 July
    ("وتشغل طيران الإمارات 42 رحلة إضافية بين دبي وجدة، حتى 23 يوليو (تموز).", "2015-07-21",
     [("23 يوليو (تموز)", "2015-07-23")]),
]

#: a weekday followed by its date is that date
WEEKDAY_WITH_DATE = [
    # "until Thursday, i.e. 28/10/1436 AH": the weekday is the date that follows it
    ("وذلك حتى يوم الخميس الموافق 28 / 10 / 1436 هـ.", "2015-08-09",
     [("يوم الخميس", "2015-08-13"), ("28 / 10 / 1436 هـ", "2015-08-13")]),
    # "Arabia will start its flights as of Thursday 20 August"
    ("فيما ستبدأ العربية بتسيير رحلاتها اعتبارا من يوم الخميس الموافق 20 أغسطس.", "2015-08-07",
     [("يوم الخميس", "2015-08-20"), ("20 أغسطس", "2015-08-20")]),
    # "the campaign runs from Monday 9/11/1436 AH to Sunday 15/11/1436 AH"
    ("وتقام الحملة في الفترة من الاثنين 9/11/1436ه الى الاحد 15/11/1436ه.", "2015-08-11",
     [("الاثنين", "2015-08-24"), ("9/11/1436ه", "2015-08-24"), ("الاحد", "2015-08-30"), ("15/11/1436ه", "2015-08-30")]),
]

#: a year written in the phrase wins over the publication year
EXPLICIT_YEAR = [
    # "OFID was founded on 28 January in the year 1976"
    ("تم إنشاء «أوفيد» في 28 يناير في عام 1976 من قبل الدول الأعضاء في أوبك.", "2015-08-06",
     [("28 يناير في عام 1976", "1976-01-28")]),
    # "since the 20th of October of the year 2014 and until dawn yesterday, the 20th of July 2015"
    ("منذ الـ20 من أكتوبر من العام 2014، وحتى فجر أمس الـ20 من يوليو من عام 2015.", "2015-07-21",
     [("الـ20 من أكتوبر من العام 2014", "2014-10-20"), ("أمس", "2015-07-20"),
      ("الـ20 من يوليو من عام 2015", "2015-07-20")]),
    # "in a battle that lasted a whole day (18 April - Nisan 1988)": the two month names joined by a dash
    ("في معركة دامت يوما كاملا (18 أبريل - نيسان 1988).", "2015-08-09", [("18 أبريل - نيسان 1988", "1988-04-18")]),
    # "to elect a new FIFA president on 26 February (Shubat) 2016": the two names side by side
    ("لانتخاب رئيس جديد للفيفا في 26 فبراير شباط 2016 في زوريخ.", "2015-07-24",
     [("26 فبراير شباط 2016", "2016-02-26")]),
    # "11 extra flights between 24 July and 15 August 2015": the first end takes the year of the second
    ("كما ستشغل 11 رحلة إضافية إلى جدة في الفترة الواقعة بين 24 يوليو و15 أغسطس (آب) 2015.", "2015-07-21",
     [("24 يوليو", "2015-07-24"), ("15 أغسطس (آب) 2015", "2015-08-15")]),
    # "Gulf Cup 23 was to be held between 22 December next and the fourth of January 2016"
    ("وكان من المقرر أن تقام خليجي 23 في الفترة بين 22 ديسمبر المقبل والرابع من يناير 2016.", "2015-08-04",
     [("22 ديسمبر المقبل", "2015-12-22"), ("الرابع من يناير 2016", "2016-01-04")]),
]

#: Hijri dates and months without a year
HIJRI_WITHOUT_YEAR = [
    # "state employees received their salaries since 20 Ramadan" (no Hijri year: the current one, 1436)
    ("حيث إن موظفي الدولة قد استلموا رواتبهم منذ ٢٠ رمضان.", "2015-07-21", [("٢٠ رمضان", "2015-07-07")]),
    # "the shows will run from 27 Shawwal (this month) to the sixth of the coming Dhu al-Qa'dah"
    ("كما تشتمل عروض المهرجان التي ستمتد من 27 شوال الجاري إلى السادس من شهر ذي القعدة القادم على أعمال مسرحية.",
     "2015-08-06", [("27 شوال الجاري", "2015-08-12"), ("السادس من شهر ذي القعدة القادم", "2015-08-21")]),
    # "Nafaa distributed 2,500 baskets during the past blessed month of Ramadan" → Ramadan 1436, by its 15th day
    ("وزعت جمعية نفع الخيرية بجدة خلال شهر رمضان المبارك الماضي 2500 سلة رمضانية.", "2015-07-31",
     [("شهر رمضان المبارك الماضي", "2015-07")]),
]

#: years, parts of the year and days around publication
YEARS_AND_DAYS = [
    # "operating profit for the period ended of the fiscal year 2015"
    ("كما بلغت الأرباح التشغيلية للفترة المنتهية من السنة المالية 2015م 3,850 مليون ريال.", "2015-08-03",
     [("السنة المالية 2015م", "2015")]),
    # "the reaction after the diesel price rise, at the start of the year"
    ("وأشارت المصادر إلى أن ردة الفعل بعد رفع أسعار الديزل، مطلع العام، جعلت الحكومة تتريث.", "2015-07-24",
     [("مطلع العام", "2015")]),
    # "the budget for next year" (للعام: ل + العام without its alef) and "of last month"
    ("وأقر المجلس الميزانية للعام المقبل وحساب للشهر الماضي.", "2015-08-06",
     [("للعام المقبل", "2016"), ("للشهر الماضي", "2015-07")]),
    # "an Emirati relief ship reached Aden the day before yesterday" (البارحة الأولى, not yesterday)
    ("وصلت سفينة إغاثة إماراتية إلى ميناء عدن البارحة الأولى.", "2015-07-31", [("البارحة الأولى", "2015-07-29")]),
    # "tomorrow, Monday" in an article dated (crawled) on Tuesday: the Monday nearest the day after
    ("وتعقد اللجنة التنفيذية للفيفا اجتماعا لها في زيوريخ غدا الاثنين.", "2015-07-21", [("غدا الاثنين", "2015-07-20")]),
    # "the revenue … at the end of the first week of this month": an ordinal of a noun is no day
    ("ولم تبلغ ايراداته سوى 918 دولار في نهاية الاسبوع الاول من الشهر الجاري.", "2015-07-21",
     [("الشهر الجاري", "2015-07")]),
]


#: ranges and lists whose first days are written alone: each is a date of the month (and year) named after the last
#: (SaudiNewsNet, 2015)
RANGES_AND_LISTS = [
    # "the conference will be held from 8 to 12 November 2015"
    ("وذلك خلال الفترة من 8 إلى 12 نوفمبر 2015م، وذلك بالعاصمة السعودية.", "2015-08-10",
     [("8", "2015-11-08"), ("12 نوفمبر 2015م", "2015-11-12")]),
    # "the first-leg matches are on 18 and 19 August (this month)": a list joined by و
    ("وتقام مباريات الذهاب في 18 و19 آب (أغسطس) الجاري.", "2015-08-08",
     [("18", "2015-08-18"), ("19 آب (أغسطس) الجاري", "2015-08-19")]),
    # "during the period 1-4 June 2015": the two days joined by a dash, without a space
    ("خلال الفترة 1-4 يونيو 2015م، أشاد خلالها الرئيس.", "2015-08-03",
     [("1", "2015-06-01"), ("4 يونيو 2015م", "2015-06-04")]),
    # "vaccination from the 1st to 26/11/1436 AH": a numeric Hijri date (1 Dhu al-Qa'dah 1436 = 16 August 2015)
    ("تطعيم ضد الحمى الشوكية خلال الفترة من 1 حتى 26 / 11 / 1436 هـ.", "2015-08-11",
     [("1", "2015-08-16"), ("26 / 11 / 1436 هـ", "2015-09-10")]),
    # "on Wednesday and Thursday, 20 and 21 Shawwal": the weekdays paired with the days in order
    ("وذلك في يومي الأربعاء والخميس الموافق 20 و21 شوال، ويشارك في هذا اللقاء محاضرون.", "2015-08-04",
     [("الأربعاء", "2015-08-05"), ("الخميس", "2015-08-06"), ("20", "2015-08-05"), ("21 شوال", "2015-08-06")]),
    # "registration from 13/8 to 18/9/1436 AH": the 8 is the month of a date, not a day alone
    ("خلال فترة التسجيل من 13/ 8 إلى 18/ 9/ 1436هـ.", "2015-08-06", [("18/ 9/ 1436هـ", "2015-07-05")]),
    # "from 28 to 3 August": a first day above the last one names another month, left out
    ("وتقام الدورة من 28 إلى 3 أغسطس المقبل.", "2015-07-21", [("3 أغسطس المقبل", "2015-08-03")]),
    # a modifier in the dual after the last item qualifies the list: "the events resume next Thursday and
    # Friday" (published Saturday 25 July)
    ("فيما تستأنف الفعاليات المصاحبة يومي الخميس والجمعة المقبلين.", "2015-07-25",
     [("الخميس", "2015-07-30"), ("الجمعة المقبلين", "2015-07-31")]),
    # "the talks were held on the past Tuesday and Wednesday" (published Sunday 9 August)
    ("أن الاجتماع الذي عقد يومي الثلاثاء والأربعاء الماضيين في الدوحة.", "2015-08-09",
     [("الثلاثاء", "2015-08-04"), ("الأربعاء الماضيين", "2015-08-05")]),
    # "the Swiss club liked him and signed him two months later": تعاقد after a past verb is a past (form VI), so
    # «بعد شهرين» counts from the story, not from the writing day (SaudiNewsNet, alriyadh)
    ("في مباراة ودية ضد بازل في مارس 2012، اعجب فيه الفريق السويسري وتعاقد معه بعد شهرين لاربعة اعوام.",
     "2015-08-08", [("مارس 2012", "2012-03")]),
    # "Kuwait was to host the tournament between next December and January"
    ("أن تستضيف الكويت البطولة بين شهري ديسمبر ويناير المقبلين.", "2015-08-06",
     [("ديسمبر", "2015-12"), ("يناير المقبلين", "2016-01")]),
]


@pytest.mark.parametrize("sentence, published, expected", [
    *BARE_MONDAY, *TENSE, *WEEKDAY_WITH_DATE, *EXPLICIT_YEAR, *HIJRI_WITHOUT_YEAR, *YEARS_AND_DAYS,
    *RANGES_AND_LISTS])
def test_dates_decided_by_their_context(sentence, published, expected):
    assert [(e.text, e.value) for e in timeline.tag(sentence, published)] == expected


@pytest.mark.parametrize("sentence", [
    # days of every week (SaudiNewsNet): "the festival is held on Thursdays, Fridays and Saturdays of every week"
    "وأبان أن المهرجان الذي يقام أيام الخميس والجمعة والسبت من كل أسبوع لمدة أسبوعين.",
    # "buying and selling on Sundays is still forbidden in Germany"
    "وما زال البيع والشراء أيام الأحد ممنوعا في ألمانيا بخلاف بعض الاستثناءات المحددة.",
    # "it lasts eight to ten hours a day, except Fridays and Saturdays"
    "وتستغرق ما بين ثمان لعشر ساعات يومياً عدا الجمعة والسبت.",
    # "the series is shown at 10 pm Saudi time, Sundays and Mondays of every week"
    "يعرض المسلسل عند الساعة 10 مساءً بتوقيت السعودية، يومي الأحد والاثنين من كل أسبوع.",
    # "the organisation barred Raqqa's people from watching television except on Friday"
    "أن التنظيم منع سكان الرقة من مشاهدة التلفاز باستثناء الجمعة، وذلك من أجل الاستماع إلى القرآن.",
])
def test_a_weekday_of_every_week_is_no_date(sentence):
    assert timeline.tag(sentence, "2015-08-03") == []


def test_the_cues_of_a_day_of_every_week_are_read_where_they_stand():
    # "the ministry announced a few days ago, on Thursday, …": «أيام» belongs to «قبل أيام», the Thursday is a date
    assert [e.text for e in timeline.tag("أعلنت الوزارة قبل أيام، الخميس، أنها ستفتتح المعرض.", "2018-06-20")] \
        == ["الخميس"]
    # "the museum opens on Fridays at 4 pm": the number is an hour, not the date of the Friday
    assert timeline.tag("يفتح المتحف أبوابه أيام الجمعة 4 عصرا.", "2018-06-20") == []
    # "after the revolutions of 25 January and 30 June" (SaudiNewsNet): both dates of the list name a happening
    found = timeline.tag("بداية الجمهورية الثالثة بعد ثورتي 25 يناير (كانون الثاني) و30 يونيو (حزيران).", "2015-08-05")
    assert [(e.text, e.value) for e in found] == [("25 يناير (كانون الثاني)", ""), ("30 يونيو (حزيران)", "")]


@pytest.mark.parametrize("sentence, published, days", [
    # "it started yesterday, Monday, for four days, Monday, Tuesday …": a count before «أيام» lists dates
    ("انطلقت أمس الإثنين ولمدة أربعة أيام الإثنين، الثلاثاء، عروض الفرقة الصينية.", "2015-08-11",
     ["أمس الإثنين", "الإثنين", "الثلاثاء"]),
    # "the college set Tuesday, Wednesday and Thursday (12, 13, 14 Shawwal) for review": days with their dates
    ("وحددت الكلية أيام الثلاثاء والأربعاء والخميس (12، 13، 14 شوال الحالي) للمراجعة.", "2015-07-21",
     ["الثلاثاء", "الأربعاء", "الخميس", "14 شوال الحالي"]),
])
def test_days_listed_after_ayyam_with_a_count_or_dates_stay_dates(sentence, published, days):
    found = timeline.tag(sentence, published)
    assert [e.text for e in found] == days and all(e.value for e in found)


@pytest.mark.parametrize("sentence, published, expected", [
    # no verb governs the date (SaudiNewsNet): the nearest such day, here ahead. "a rescue plan … to be approved
    # before 20 August", written on 8 August
    ("تهدف المفاوضات إلى وضع خطة مساعدة تبلغ قيمتها أكثر من ثمانين مليار يورو يفترض إقرارها قبل 20 أغسطس (آب).",
     "2015-08-08", [("20 أغسطس (آب)", "2015-08-20")]),
    # "the government finally set 6 December as the date of the coming parliamentary elections"
    ("وبعد مواقف ملتبسة استمرت أشهرا، حددت الحكومة أخيرا، السادس من كانون الأول (ديسمبر) موعدا للانتخابات النيابية "
     "المقبلة.", "2015-08-01", [("السادس من كانون الأول (ديسمبر)", "2015-12-06")]),
    # "meetings to prepare for Timor and Malaysia … and the camp on 29 August" (a headline, no verb)
    ("اجتماعات لمناقشة التحضير لتيمور وماليزيا.. والمعسكر في 29 أغسطس", "2015-08-06", [("29 أغسطس", "2015-08-29")]),
    # a day and month that name a past happening, without its year: kept, with no value. "after the revolution of
    # 25 January (2011), members of the Brotherhood contacted Nawaz"; "after the events of 11 September (2001)"
    ("وبعد ثورة 25 يناير، تواصل عناصر من الإخوان مع نواز، ومنهم قيادات في الجماعة.", "2015-08-10",
     [("25 يناير", "")]),
    ("ذاع صيت الحركة بعد أحداث الحادي عشر من سبتمبر في الولايات المتحدة.", "2015-08-10",
     [("الحادي عشر من سبتمبر", "")]),
    # … with its year it is that date: "the attacks of 11 September 2001 took place in New York and Washington"
    ("ووقعت هجمات 11 سبتمبر 2001 في نيويورك وواشنطن.", "2015-08-10", [("11 سبتمبر 2001", "2001-09-11")]),
])
def test_a_date_without_verb_or_year_is_the_nearest_unless_it_names_a_past_happening(sentence, published, expected):
    assert [(e.text, e.value) for e in timeline.tag(sentence, published)] == expected


@pytest.mark.parametrize("sentence, expected", [
    # a numeric date that opens with its year, after «في»: "the decision was issued on 2018/06/20 by the cabinet"
    ("وصدر القرار في 2018/06/20 عن مجلس الوزراء.", [("2018/06/20", "2018-06-20")]),
    ("وصدر القرار في 2018.06.20 عن مجلس الوزراء.", [("2018.06.20", "2018-06-20")]),
    # a bare year stays a year: "he was born in 1952 in Leningrad"
    ("وولد في 1952 في لينينغراد.", [("1952", "1952")]),
])
def test_a_year_first_numeric_date_is_not_read_as_its_year(sentence, expected):
    assert [(e.text, e.value) for e in timeline.tag(sentence, "2018-06-20")] == expected


@pytest.mark.parametrize("sentence", [
    "الفارق بين الاثنين هو باختصار تعريف الجودة.",  # "the difference between the two is …"
    "أم انه مزيج من الاثنين معا؟",  # "or is it a mix of the two together?"
    "واضاف ان الاثنين الاخرين رفضا النقل لعدم حاجتهما.",  # "he added that the other two refused to be moved"
    "ومددت يدي فتناولت مجلة «الاثنين» وكانت من أشهر المجلات.",  # "I took the magazine «Al-Ithnayn»"
    "وقال الوزير إن الطرفين الاثنين اتفقا على التهدئة.",  # "the minister said the two sides agreed to calm"
])
def test_the_two_is_not_monday(sentence):
    assert timeline.tag(sentence, "2015-08-03") == []


@pytest.mark.parametrize("sentence, expression, value", [
    # "on 13 February 2011 Berri described … but on 21 October of the same year he describes …"
    ("ففي 13 فبراير سنة 2011 وصف السيد نبيل بري الثورة المصرية بأنها «أرقى ما سمع»، لكنه في 21 أكتوبر (تشرين الأول) "
     "من العام نفسه يصف الثورة السورية بأنها «مؤامرة».", "21 أكتوبر (تشرين الأول) من العام نفسه", "2011-10-21"),
    # "Cassano was released in October 2010 …, to move to Milan in December of the same year"
    ("وتم تسريح كاسانو في أكتوبر (تشرين الأول) 2010 بعد مشادة مع مالك النادي، لينتقل إلى ميلان في ديسمبر (كانون الأول) "
     "من نفس العام.", "ديسمبر (كانون الأول) من نفس العام", "2010-12"),
    # "the fall of oil prices in the second half of 2014 brought no growth … in the same year"
    ("لم يقد تراجع أسعار النفط في النصف الثاني من عام 2014م إلى أي تحسن في نمو الاقتصاد العالمي في نفس العام.",
     "نفس العام", "2014"),
    # the year two sentences back: "In 2009 Hashemi co-founded … Mehdi Hashemi, aged 45, backed … Hashemi left the
    # country in the same year"
    ("وفي 2009، أصبح هاشمي أحد مؤسسي النظام العدو للمحافظين. ودعم مهدي هاشمي، البالغ من العمر 45 عاما، المرشح "
     "الإصلاحي. وغادر هاشمي البلاد في العام نفسه بعد تلقيه تهديدات.", "العام نفسه", "2009"),
    # with no year before it, «العام نفسه» stays unresolved
    ("وغادر هاشمي البلاد في العام نفسه بعد تلقيه تهديدات.", "العام نفسه", ""),
    # "the annual report of the same year", after «للسنة المالية 2014» (the fiscal year 2014)
    ("وقد تمت المصادقة على البيانات المالية للمؤسسة للسنة المالية 2014، واعتماد التقرير السنوي لنفس العام.",
     "نفس العام", "2014"),
])
def test_the_same_year_is_the_year_named_before(sentence, expression, value):
    assert value_of(sentence, "2015-08-06", expression) == value


@pytest.mark.parametrize("sentence", [
    "وتأمين المياه والوجبات لهذه البرادات على مدار اليوم.",  # "around the clock", not today
    "لاقى هذا الإعلان أصداء عالمية واسعة لما يوليه من اهتمام.",  # يوليه "he gives it", not July
    "ولم تتحرك لمكافحة هذا الفكر من خلال مساجدها سواء عبر خطب الجمعة.",  # Friday sermons in general
])
def test_words_that_look_like_dates(sentence):
    assert timeline.tag(sentence, "2015-07-26") == []


# --- weekdays that are family names (SaudiNewsNet, 2015) -----------------------------------------------

@pytest.mark.parametrize("sentence, published", [
    # "the media centre met the director of operations and maintenance, Hussein Al-Jumaa" (aljazirah 2015-07-22)
    ("هذا، وأجرى المركز الإعلامي لقاء مع مدير إدارة التشغيل والصيانة حسين الجمعة والتي بين أن الاستعدادات "
     "لفعاليات عيد وصيف الخرج بدأت.", "2015-07-22"),
    # "the founder of the volunteer group «Irada», Majid Al-Jumaa, said that …" (2015-08-07)
    ("وأفاد مؤسس مجموعة «إرادة» التطوعية ماجد الجمعة أن المجموعة تهدف إلى بناء جيل تطوعي متكامل.", "2015-08-07"),
    # "the vice-rector … Dr Abdullah bin Abdullah Al-Jumaa inspected the college of dentistry" (بن: a name chain)
    ("تفقد وكيل جامعة الأمير سطّام بن عبدالعزيز بالخرج الدكتور عبدالله بن عبدالله الجمعة كلية طب الأسنان.",
     "2015-08-09"),
    # "at the start of the lecture Dr Abdulrahman Al-Khamis explained …" (عبد + a definite word: a given name)
    ("وفي بداية المحاضرة أوضح الدكتور عبدالرحمن الخميس أن ما سيقدمه سيكون إضافة للحراك الثقافي.", "2015-07-31"),
])
def test_a_weekday_after_a_given_name_is_a_family_name(sentence, published):
    assert values(sentence, published) == []


def test_a_weekday_after_a_name_is_still_a_day_where_the_words_say_so():
    # "the secretary-general of the Saudi football federation, Ahmad Al-Khamis, stressed that postponing the Gulf
    # Cup to next year …": the surname goes, «العام المقبل» (next year) stays
    assert values("من جانبه أكد أمين عام الاتحاد السعودي لكرة القدم أحمد الخميس أن قرار تأجيل بطولة «خليجي 23» "
                  "حتى العام المقبل جاء بعد دراسة.", "2015-08-04") == [("العام المقبل", "2016", "YYYY")]
    # "Palestinian president Mahmoud Abbas announced on Friday that he intends to go to the ICC" (2015-07-31, a
    # Friday): two given names make a whole name, the weekday after it is a day
    assert value_of("اعلن الرئيس الفلسطيني محمود عباس الجمعة انه ينوي التوجه الى المحكمة الجنائية الدولية.",
                    "2015-07-31", "الجمعة") == "2015-07-31"
    # "the Taliban announced on Friday the appointment of Mullah Akhtar Mansour" (aawsat 2015-08-04)
    assert value_of("وأعلنت طالبان الجمعة تعيين الملا أختر منصور زعيما جديدا لها.", "2015-08-04", "الجمعة") == \
        "2015-07-31"
    # "the minister announced on Thursday": no name before it
    assert value_of("أعلن الوزير الخميس أن الاتفاق وقع.", "2015-08-10", "الخميس") == "2015-08-06"
    # after a name, a modifier, a prefix or the date that follows make it a day: "Muhammad arrives next Thursday",
    # "Muhammad said on Thursday", "Muhammad arrives on Thursday, that is 13 August"
    assert value_of("يصل محمد الخميس المقبل إلى الرياض.", "2015-08-10", "الخميس المقبل") == "2015-08-13"
    assert value_of("وقال محمد يوم الخميس إن الفريق جاهز.", "2015-08-10", "يوم الخميس") == "2015-08-06"
    assert value_of("يصل محمد الخميس الموافق 13 أغسطس.", "2015-08-10", "الخميس") == "2015-08-13"


# --- counted from a happening or from now; days in words ------------------------------------------

@pytest.mark.parametrize("sentence, published", [
    # "this operation against the two movements comes a week after violence in which people were killed"
    # (2015-07-26): counted from the violence, not from the writing day
    ("وتأتي هذه العملية ضد الحركتين المختلفتين بينهما، بعد اسبوع من اعمال عنف سقط فيها قتلى.", "2015-07-26"),
    # "FIFA suffered chaos two days before the presidential election" (held in May, not two days before writing)
    ("وعانى الفيفا من فوضى قبل يومين من الانتخابات الرئاسية بعدما وجهت السلطات الأمريكية اتهامات.", "2015-08-01"),
])
def test_a_count_from_a_happening_names_no_date(sentence, published):
    assert values(sentence, published) == []


@pytest.mark.parametrize("sentence, published, expression, value", [
    # "he is expected to return to team training in two weeks from now" (2015-07-26)
    ("وتوقع أن يعود اللاعب إلى التمارين الجماعية بعد أسبوعين من الآن.", "2015-07-26", "بعد أسبوعين من الآن",
     "2015-08-09"),
    # "what will change a year from now" (2015-08-01)
    ("لكن ما سيستجد بعد عام من الآن وزحف السنة الهجرية عشرة أيام.", "2015-08-01", "بعد عام من الآن", "2016"),
    # "10 points higher than a decade ago" («من الزمن», "of time": counted from now) (2015-07-24)
    ("وهو رقم أعلى بواقع 10 نقاط عما كان عليه قبل عقد من الزمن.", "2015-07-24", "قبل عقد من الزمن", "2005"),
    # "the decision takes effect 30 days from its date"
    ("ويسري القرار بعد 30 يوما من تاريخه.", "2015-08-10", "بعد 30 يوما من تاريخه", "2015-09-09"),
    # "the delegation arrived a week ago": no «من», from the writing day as before
    ("وصل الوفد قبل أسبوع.", "2015-08-01", "قبل أسبوع", "2015-07-25"),
    # days in words: "the return leg between the two sides on the thirtieth of the current September"
    # (arreyadi, written 2014)
    ("قبل مواجهة الإياب بين الطرفين في الثلاثين من شهر سبتمبر الجاري.", "2014-09-17",
     "الثلاثين من شهر سبتمبر الجاري", "2014-09-30"),
    # "the programme closes on Thursday the twenty-eighth of this month" (four words before the month noun)
    ("ويختتم البرنامج يوم الخميس الثامن والعشرين من الشهر الجاري بورشة عمل.", "2015-08-06",
     "الثامن والعشرين من الشهر الجاري", "2015-08-28"),
    # "the robbery that took place on the fifteenth of this month" (2015-07-26)
    ("ويكون اللص هو المتهم الأول في حادث السطو الذي وقع في الخامس عشر من الشهر الجاري.", "2015-07-26",
     "الخامس عشر من الشهر الجاري", "2015-07-15"),
    # "… that is, the twenty-sixth of June 2015" (after the date link الموافق)
    ("في التاسع من شهر رمضان 1436هـ الموافق السادس والعشرين من شهر يونيو 2015م.", "2015-08-03",
     "السادس والعشرين من شهر يونيو 2015م", "2015-06-26"),
    # "on the third day of next month": اليوم with an ordinal is the day of the month, not today
    ("تبدأ الدراسة في اليوم الثالث من الشهر المقبل.", "2015-08-10", "اليوم الثالث من الشهر المقبل", "2015-09-03"),
    # "the thirty-first of next October"
    ("تبدأ البطولة في الحادي والثلاثين من أكتوبر المقبل.", "2015-08-10", "الحادي والثلاثين من أكتوبر المقبل",
     "2015-10-31"),
])
def test_counts_from_now_and_ordinal_days(sentence, published, expression, value):
    assert value_of(sentence, published, expression) == value


def test_the_nth_day_of_an_event_is_not_today():
    # "on the fourth day, the events will start at the InterContinental hotel" (2015-08-10): a festival's day
    assert values("وفي اليوم الرابع، ستنطلق الفعاليات في فندق الانتركونتيننتال.", "2015-08-10") == []
    assert values("وانطلق اليوم السادس من المهرجان بدورة تدريبية.", "2015-07-27") == []  # the festival's 6th day


# --- found in the second random gold sample (tests/data/timeline, random2; SaudiNewsNet, CC BY-NC-SA 4.0) ---------

@pytest.mark.parametrize("text, expected", [
    # 2015-08-10#00830 "Roma, champions of Italy in 1942, 1983 and 2001, hold the right to buy the player's contract"
    ("يملك روما، بطل ايطاليا في 1942 و1983 و2001، حق شراء عقد اللاعب", [("1942", "1942"), ("1983", "1983"),
                                                                       ("2001", "2001")]),
    # 2015-07-21#02319 "… and the Asian Cup 2015 (AD), to be held in Australia": a year with the era glued to it
    # needs no preposition
    ("ببطولة كأس الخليج (22) وبطولة كأس الأمم الآسيوية 2015م والتي ستقام بأستراليا", [("2015م", "2015")]),
    # 2015-07-31#00517 "«Bishr» was born in 1921 in the village of Desouk": the year glued to a closing guillemet
    ("ولد «بشر»عام 1921 بقرية دسوق بكفر الشيخ", [("عام 1921", "1921")]),
    # 2015-08-02#00491 "the Saudi stars … in the penultimate day of the World Summer Games": no today
    ("واصل نجوم المملكة تفوقهم في اليوم قبل الأخير من منافسات دورة الألعاب العالمية", []),
    # 2015-08-10#00830 "a week after the start of his career with Fiorentina, he scored his first goal": counted
    # from a happening (على like من), not from the writing day
    ("بعد اسبوع على بداية مشواره مع فيولا، سجل هدفه الاول في مرمى ساسوولو", []),
    # 2015-07-21#00903 "when the treatment was withdrawn after six weeks, high levels of the virus were found": a
    # past story counts its «after six weeks» from its own events …
    ("وعندما سحب العلاج بعد ستة أسابيع رصدت مستويات عالية من الفيروس في جسد الطفلة", []),
    # … a future report from the writing day ("he said he will return to Riyadh in two months")
    ("وقال إنه سيعود بعد شهرين إلى الرياض", [("بعد شهرين", "2015-10")]),
    # «يوما بعد يوم» (day after day) is no date
    ("ولنا أمل كبير نظرا لاتساع رقعتها وازدياد سكانها يوماً بعد يوم", []),
])
def test_year_lists_glued_years_penultimate_days_and_counts_in_a_story(text, expected):
    assert [(e.text, e.value) for e in timeline.tag(text, "2015-08-08")] == expected


@pytest.mark.parametrize("text", [
    # 2015-08-02#01080 (alyaum) "according to information «Al-Yaum» obtained": the paper's name, not today
    "وأفادت معلومات حصلت عليها (اليوم) أن قرابة 1000 من ضباط وعناصر الداخلية",
    # alyaum "Dr Al-Tayyar said in an interview with «Al-Yaum»"
    "وقال الدكتور الطيار في حديث خاص لـ«اليوم»: إن الحاجة باتت ماسة",
    # 2015-08-09#00252 "… who face the same qibla five times a day": per day
    "أن يقع الأذى على إخوانه الذين يتجهون للقبلة نفسها خمس مرات في اليوم.",
    # "twenty litres in a single day"
    "يستهلك الفرد عشرين لترا في اليوم الواحد",
    # 2015-08-09#01109 "her fear of her shadow, which grows day after day"
    "لقد ازداد خوفها من ظلها الذي يزداد يومًا بعد يوم.",
])
def test_the_papers_name_per_day_and_day_after_day_are_no_dates(text):
    assert timeline.tag(text, "2015-08-09") == []


def test_today_with_its_weekday_in_brackets_stays_today():
    # «اليوم (الخميس)»: the weekday in brackets, today outside them
    assert [(e.text, e.value) for e in timeline.tag("وصل الوزير اليوم (الخميس) إلى جدة", "2015-08-06")] == \
        [("اليوم (الخميس)", "2015-08-06")]

"""The article's own day (timeline.reference_day): which day an article's relative expressions count from.

Sentences from SaudiNewsNet (M. Alhagri 2015, CC BY-NC-SA 4.0; shortened; the article's doc_id in a comment),
with the crawl date SaudiNewsNet gives as `published`. The expected days were checked against the events
reported (Cameron's Birmingham speech of Monday 20 July 2015, the North Fire of Friday 17 July, Omar Sharif's
death on Friday 10 July, the Eid statement of Thursday 16 July).
"""

import datetime as dt
import json
from pathlib import Path

import pytest

from arnews import clean, timeline


def reference_of(text, published):
    ref = timeline.reference(text, published)
    return ref.kind, ref.date.isoformat() if ref.date else None


def values(text, published):
    return [(e.text, e.value) for e in timeline.tag(text, published)]


# --- cues: a deictic day with a weekday, with its date, a dateline --------------------------------------------

@pytest.mark.parametrize("text, published, day, expected", [
    # 2015-07-21#02834 "a fire swept a motorway in southern California … yesterday, Friday … the fire had broken
    # out on Friday": crawled Tuesday, written Saturday 18 July; the bare Friday of the past report is the 17th
    ("اجتاح حريق في سفوح تلال جنوب كاليفورنيا طريقاً سريعاً مزدحماً بالسيارات في ممر جبلي، أمس الجمعة؛ مما أدى إلى"
     " احتراق عدة سيارات. وكان هذا الحريق قد اشتعل يوم الجمعة في سفوح تلال تعاني من الجفاف.", "2015-07-21",
     "2015-07-18", [("أمس الجمعة", "2015-07-17"), ("يوم الجمعة", "2015-07-17")]),
    # 2015-07-21#00000 "Cameron set out today (Monday) a strategy … In remarks yesterday (Sunday), Cameron said
    # yesterday …": written Monday 20 July; the bare «أمس» is Sunday 19 (the crawl date would make it Monday)
    ("حدد رئيس الوزراء البريطاني ديفيد كاميرون، اليوم (الاثنين)، ملامح استراتيجية للتصدي للتطرف داخل بريطانيا.\n"
     "وفي تصريحات أمس (الأحد)، قال كاميرون، أمس، انه يريد أن تبذل بريطانيا مزيدا من الجهد.", "2015-07-21",
     "2015-07-20", [("اليوم (الاثنين)", "2015-07-20"), ("أمس (الأحد)", "2015-07-19"), ("أمس", "2015-07-19")]),
    # 2015-07-21#00033 "Greece begins today (Monday) a risky week … under a decree published the day before
    # yesterday (Saturday)": قبل أمس is two days back, and both cues name Monday 20 July
    ("تبدأ اليونان اليوم (الاثنين) اسبوعا محفوفا بالمخاطر مع اختبارين أساسيين.\nوبموجب مرسوم نشرته قبل أمس (السبت)"
     " الحكومة التي اعيد تشكيلها، تعيد المصارف فتح أبوابها.", "2015-07-21",
     "2015-07-20", [("اليوم (الاثنين)", "2015-07-20"), ("قبل أمس (السبت)", "2015-07-18")]),
    # 2015-07-24#00496 "a trade delegation arrives in Paris tomorrow, Tuesday … the delegation meets the French
    # minister tomorrow": crawled Friday, written Monday 20 July; «غدا» is Tuesday 21, not Saturday 25
    ("يصل إلى العاصمة الفرنسية باريس، غداً الثلاثاء، وفد تجاري من مجلس الأعمال السعودي الفرنسي. ويلتقي الوفد غدا"
     " وزير الاقتصاد الفرنسي.", "2015-07-24", "2015-07-20", [("غداً الثلاثاء", "2015-07-21"), ("غدا", "2015-07-21")]),
    # 2015-07-24#00091 "gold lost some of its gains today, Thursday … gold had its largest one-day fall on Monday":
    # written Thursday 23 July; the Monday of the past report is the 20th (the crawl date made it the 27th)
    ("فقد سعر الذهب بعض مكاسبه اليوم الخميس متراجعا دون 1100 دولار للأوقية.\n وكان الذهب سجل أكبر هبوط له في يوم"
     " واحد يوم الاثنين.", "2015-07-24", "2015-07-23", [("اليوم الخميس", "2015-07-23"), ("يوم الاثنين", "2015-07-20")]),
])
def test_a_deictic_weekday_dates_the_article_and_its_other_expressions(text, published, day, expected):
    assert reference_of(text, published) == ("weekday", day)
    assert values(text, published) == expected


def test_the_weekday_of_the_publication_day_moves_nothing():
    # "Cameron set out today (Tuesday) …" crawled that Tuesday: the cue agrees with the publication date
    text = "حدد رئيس الوزراء البريطاني ديفيد كاميرون، اليوم (الثلاثاء)، ملامح استراتيجية للتصدي للتطرف."
    ref = timeline.reference(text, "2015-07-21")
    assert (ref.kind, ref.date, ref.shifted) == ("published", dt.date(2015, 7, 21), False)
    assert [c.text for c in ref.cues] == ["اليوم (الثلاثاء)"]


def test_the_cue_and_its_day_are_reported():
    # 2015-07-21#02834, the first words: "yesterday, Friday" in a text crawled on Tuesday
    text = "اجتاح حريق في سفوح تلال جنوب كاليفورنيا طريقاً سريعاً، أمس الجمعة؛ مما أدى إلى احتراق عدة سيارات."
    ref = timeline.reference(text, "2015-07-21")
    assert ref.shifted and ref.published == dt.date(2015, 7, 21)
    (cue,) = ref.cues
    assert (cue.kind, cue.date, cue.text, text[cue.start:cue.end]) == \
        ("weekday", dt.date(2015, 7, 18), "أمس الجمعة", "أمس الجمعة")
    assert timeline.reference_date(text, "2015-07-21") == dt.date(2015, 7, 18)


@pytest.mark.parametrize("text, published, day", [
    # 2015-07-31#00140 "HRH Prince Muqrin will leave tomorrow, Thursday 14/10/1436 AH, that is 30/7/2015":
    # crawled Friday 31 July, written Wednesday 29 July
    ("سيغادر – بمشيئة الله تعالى – يوم غد الخميس 14 / 10 / 1436هـ الموافق 30 / 7 / 2015م صاحب السمو الملكي الأمير"
     " مقرن.", "2015-07-31", "2015-07-29"),
    # 2015-07-21#01854 "Egyptian and Arab media announced the death of Omar Sharif today, Friday 10 July": eleven
    # days before the crawl, further than a weekday alone could tell; the date with its weekday can
    ("أعلنت وسائل إعلام مصرية وعربية نبأ وفاة الفنان العالمي عمر الشريف اليوم الجمعة 10 يوليو / تموز.", "2015-07-21",
     "2015-07-10"),
    # 2015-07-21#01861 "the hospital director opened today, on the second of Shawwal, …" (2 Shawwal 1436 = 18 July)
    ("دشن مدير مستشفى النور التخصصي بمكة المكرمة الدكتور أيمن بن عصام يماني اليوم في الثاني من شهر شوال وحدة جديدة.",
     "2015-07-21", "2015-07-18"),
])
def test_a_deictic_day_with_its_date_states_the_day(text, published, day):
    assert reference_of(text, published) == ("stated", day)


def test_a_date_after_the_day_without_a_weekday_is_no_cue_beyond_the_window():
    # 2015-08-08#00371 "a ban on outdoor work in the period between the day 15 June and the end of the day 15
    # September every year": «اليوم 15 من شهر يونيو» is "the day 15 June", not "today, 15 June" (54 days back)
    text = ("يبدأ تطبيق قرار منع العمل تحت أشعة الشمس خلال الفترة الواقعة ما بين اليوم 15 من شهر يونيو إلى نهاية اليوم"
            " الـ 15 من شهر سبتمبر من كل عام.")
    assert reference_of(text, "2015-08-08") == ("published", "2015-08-08")


@pytest.mark.parametrize("text, published, day", [
    # 2015-08-11#00036 (SPA style) "Umluj, 25 Shawwal 1436 AH, that is 10 August 2015, SPA / rain fell this
    # afternoon": the dateline dates the text, and «عصر اليوم» is 10 August
    ("أملج 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس\n هطلت عصر اليوم أمطار من خفيفة إلى متوسطة على محافظة أملج.",
     "2015-08-11", "2015-08-10"),
    # 2015-07-24#00709 (Reuters style) "San Francisco, 20 July (Reuters) - / the eternal question …"
    ("سان فرانسيسكو 20 يوليو تموز (رويترز) -\nظل السؤال الأزلي الذي يستبد بعقول الناس على مر العصور.", "2015-07-24",
     "2015-07-20"),
    # 2015-08-07#00016 a byline, then the place and the date: "Ain Alyoum – Rome, 6 August / hopes faded …"
    ("عين اليوم – روما 6 أغسطس\nتضاءلت الآمال في العثور على ناجين من حادث غرق قارب.", "2015-08-07", "2015-08-06"),
])
def test_a_dateline_dates_the_article(text, published, day):
    assert reference_of(text, published) == ("dateline", day)


def test_a_dateline_gives_a_day_to_an_article_without_a_publication_date():
    text = "أملج 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس\n هطلت عصر اليوم أمطار من خفيفة إلى متوسطة."
    assert reference_of(text, None) == ("dateline", "2015-08-10")
    assert ("اليوم", "2015-08-10") in values(text, None)  # this afternoon: 10 August, not left empty


@pytest.mark.parametrize("text, published", [
    # 2015-07-25#00421 a diary in a serialised novel: "Chapter seven / 15 August: the weather cleared a little"
    ("الفصل السابع\n15 أغسطس: صحا الجو قليلًا، فأخذنا القطار جميعًا متجهين إلى مارجيت.", "2015-07-25"),
    # 2015-08-02#00147 a chronology: "* 28 May 1990: the extraordinary Arab summit in Baghdad"
    ("* 28 مايو (أيار) 1990: عقد القمة العربية الاستثنائية في بغداد برئاسة الرئيس العراقي صدام حسين.", "2015-08-02"),
    # a date that opens a sentence, after a preposition: "on 5 August 2015 - the ministry announced"
    ("في 5 أغسطس 2015 - أعلنت الوزارة عن خطة جديدة للنقل.", "2015-08-10"),
])
def test_a_date_that_opens_an_entry_or_a_sentence_is_no_dateline(text, published):
    assert reference_of(text, published) == ("published", published)


# --- conservative: only the article's own voice counts ---------------------------------------------------------

def test_a_deictic_weekday_inside_a_quotation_is_the_speakers_day():
    # 2015-08-01#00429 "Abbas stressed: «I ask the foreign minister to go tomorrow (Saturday) to the ICC»",
    # crawled Saturday: the quote is Friday's statement, the article's day stays the crawl date …
    quoted = "واكد عباس «اطلب من وزير الخارجية التوجه غدا (السبت) الى المحكمة الجنائية الدولية»."
    assert reference_of(quoted, "2015-08-01") == ("published", "2015-08-01")
    # … while the same words in the article's own voice ("Abbas said he asked …") date it to Friday
    reported = "واكد عباس أنه طلب من وزير الخارجية التوجه غدا (السبت) الى المحكمة الجنائية الدولية."
    assert reference_of(reported, "2015-08-01") == ("weekday", "2015-07-31")


@pytest.mark.parametrize("text, published, expected", [
    # 2015-08-07#00136 "Mounir Fakhry Abdel Nour stressed in a statement yesterday that «the world stood long before
    # this achievement … in 1973, and today the scene is renewed»": the quotation's today is the statement's day
    ("من جهته، أكد منير فخري عبد النور، في بيان له أمس أن «العالم وقف كثيرًا أمام هذا الإنجاز العظيم الذي حققته مصر"
     " خلال مرحلة العبور عام 1973، واليوم يتجدد هذا المشهد».", "2015-08-07",
     [("أمس", "2015-08-06"), ("عام 1973", "1973"), ("اليوم", "2015-08-06")]),
    # 2015-08-07#00155 "a Basra council member said yesterday to AFP: «we decided the day before yesterday …»"
    ("بدوره، قال عضو مجلس محافظة البصرة مرتضى الشحماني، أمس، لوكالة الصحافة الفرنسية: «قررنا أول من أمس عدم"
     " التعامل مع قانون التعريفة الجديد».", "2015-08-07", [("أمس", "2015-08-06"), ("أول من أمس", "2015-08-04")]),
    # a statement of today: nothing moves ("the minister said today: «we start tomorrow»")
    ("وقال الوزير اليوم: «سنبدأ غدا».", "2015-08-07", [("اليوم", "2015-08-07"), ("غدا", "2015-08-08")]),
    # 2015-07-21#00135 "other attacks took place yesterday … according to MP Mohammed Sandu, who told AFP: «Boko
    # Haram gunmen set up a checkpoint yesterday»": the day far before the quotation dates the attacks, not the
    # statement, so the quoted yesterday stays the article's
    ("كما وقعت هجمات أخرى أمس، وكان أكثرها دموية في قرية نغامدو التي قتل فيها نحو 20 شخصًا، بحسب النائب محمد"
     " ساندو، الذي قال لوكالة الصحافة الفرنسية: «لقد أقام مسلحو بوكو حرام حاجزًا، أمس، على الطريق السريع».",
     "2015-07-21", [("أمس", "2015-07-20"), ("أمس", "2015-07-20")]),
])
def test_a_quotation_counts_from_the_day_its_statement_was_made(text, published, expected):
    assert values(text, published) == expected
    assert reference_of(text, published) == ("published", published)


def test_a_weekday_before_a_day_and_month_picks_its_year():
    # "a statement issued on Thursday 6 August said that «the meeting will be held next month»", published
    # Saturday 8 August 2015: the future verb of the quotation does not send the Thursday to 2016 (6 August 2016
    # is a Saturday)
    assert values("وقال بيان صادر يوم الخميس 6 أغسطس إن «الاجتماع سيعقد الشهر المقبل».", "2015-08-08")[:2] == \
        [("يوم الخميس", "2015-08-06"), ("6 أغسطس", "2015-08-06")]


def test_a_deictic_weekday_in_speech_reported_from_another_day_is_not_a_cue():
    # 2015-07-26#00377 "informed Iranian sources said yesterday, Saturday: Zarif will make a visit tomorrow,
    # Sunday, to Kuwait, Qatar and Iraq": «غد الأحد» counts from the sources' Saturday; only «أمس السبت» is
    # the article's, and it names the crawl day, Sunday (in a sentence of its own, «يوم غد الأحد» would be the
    # article's and contradict it: see the conflicts below)
    text = ("أعلنت مصادر إيرانية مطلعة أمس السبت: إن وزير الخارجية الإيراني محمد جواد ظريف سيقوم يوم غد الأحد بزيارة"
            " إلى دول المنطقة تشمل الكويت وقطر والعراق.")
    ref = timeline.reference(text, "2015-07-26")
    assert (ref.kind, ref.date, [c.text for c in ref.cues]) == ("published", dt.date(2015, 7, 26), ["أمس السبت"])


@pytest.mark.parametrize("text, published, days", [
    # 2015-07-22#00054, pieced together from two days' wire copy: "the Turkish papers printed today, Tuesday, the
    # pictures … the funeral prayer was held yesterday, Tuesday": one cue says Tuesday, the other Wednesday
    ("ونشرت الصحف التركية اليوم الثلاثاء على صفحاتها الأولى صور جثث الضحايا.\nوغداة الهجوم، أقيمت صلاة الجنازة"
     " أمس الثلاثاء في جامع بمدينة غازي عنتاب.", "2015-07-22", {"2015-07-21", "2015-07-22"}),
    # "sources said yesterday, Saturday, that Zarif will visit Kuwait. Zarif will visit Qatar tomorrow, Sunday":
    # the second sentence is in the article's voice, and its Sunday makes the writing day a Saturday
    ("أعلنت مصادر إيرانية مطلعة أمس السبت أن ظريف سيزور الكويت. وسيقوم ظريف يوم غد الأحد بزيارة إلى قطر.",
     "2015-07-26", {"2015-07-25", "2015-07-26"}),
])
def test_conflicting_cues_keep_the_publication_date(text, published, days):
    ref = timeline.reference(text, published)
    assert reference_of(text, published) == ("conflict", published)
    assert {c.date.isoformat() for c in ref.cues} == days


# --- the month cue: a month named as the current one, months before the crawl ---------------------------------

def test_a_current_month_months_before_publication_places_an_archive_page_in_that_month():
    # 2015-07-21#02323 (arreyadi, an archive page of September 2014 crawled in July 2015) "… before the return
    # leg on the thirtieth of this month of September. Al-Hilal won yesterday": the month is placed, the day is
    # not (yesterday has no value), the date of the current month counts from it
    text = ("يضع الهلال قدما في المباراة النهائية قبل مواجهة الإياب بين الطرفين في الثلاثين من شهر سبتمبر الجاري."
            " وفاز الهلال أمس على العين.")
    assert reference_of(text, "2015-07-21 10:57:37") == ("month", "2014-09-30")
    assert values(text, "2015-07-21 10:57:37") == [("الثلاثين من شهر سبتمبر الجاري", "2014-09-30"), ("أمس", "")]
    # 2015-08-11#01343 (arriyadiyah, crawled in August) "the Olympic team starts tomorrow, Monday, a camp in
    # Riyadh until the 27th of this June": the weekday cannot place the day, the month can
    text = ("يبدأ المنتخب السعودي الأولمبي يوم غد الأثنين، معسكرا إعداديا في الرياض، حتى السابع والعشرين من يونيو"
            " الجاري.")
    assert values(text, "2015-08-11 13:00:00") == [("يوم غد الأثنين", ""),
                                                  ("السابع والعشرين من يونيو الجاري", "2015-06-27")]


@pytest.mark.parametrize("text, published", [
    # 2015-08-07#00317 "the US Labor Department announced today, Friday, that unemployment was stable during this
    # July": the month just ended, named loosely
    ("أعلنت وزارة العمل الاتحادي الأمريكي اليوم الجمعة استقرار معدل البطالة في الولايات المتحدة خلال تموز/يوليو"
     " الحالي.", "2015-08-07"),
    # 2015-07-31#01157 (alriyadh, 31 July) "the decision takes effect from 2 August الجاري": the coming month
    ("على أن يتم تفعيل هذا القرار بدءاً من تاريخ 2 أغسطس الجاري.", "2015-07-31"),
    # the publication's own month
    ("يستمر المعسكر حتى 30 يوليو الجاري.", "2015-07-21"),
])
def test_a_current_month_just_before_or_after_publication_or_its_own_places_nothing(text, published):
    assert reference_of(text, published)[0] != "month"


# --- the clock cue: a part of today that had not begun when the page was published ----------------------------

# 2015-07-21#02653 (sabq, crawled 02:39:30) "the Northern Elite and Al-Jouf Sky teams set out this afternoon to
# search for a man lost east of Khawa'a": the afternoon had not come at 02:39, so it was the day before
SEARCH = "انطلق فريق نخبة الشمال وفريق سما الجوف للطيران، عصر اليوم، للبحث عن مفقود من شباب شرق مركز خوعاء."


def test_a_past_part_of_today_later_than_the_publication_time_dates_the_article_the_day_before():
    assert reference_of(SEARCH, "2015-07-21 02:39:30") == ("clock", "2015-07-20")
    assert values(SEARCH, "2015-07-21 02:39:30") == [("اليوم", "2015-07-20")]
    # 2015-07-22#00881 (alriyadh, 09:53) "Bahrain's foreign ministry summoned this evening the Iranian chargé"
    assert reference_of("استدعت وزارة خارجية مملكة البحرين مساء اليوم القائم بأعمال السفارة الإيرانية.",
                        "2015-07-22 09:53:52") == ("clock", "2015-07-21")


@pytest.mark.parametrize("text, published", [
    (SEARCH, "2015-07-21"),  # no time of day: nothing to compare
    (SEARCH, "2015-07-21 16:10:00"),  # published after the afternoon began
    (SEARCH, "2015-07-21 12:30:00"),  # within the margin for an unknown time zone (15 h − 3 h)
    # 2015-08-07#00515 (aljazirah, 06:44) "Al-Taawoun's first team resumes its training this evening": a present
    ("يعاود الفريق الأول بنادي التعاون تدريباته مساء اليوم على ملعب النادي.", "2015-08-07 06:44:36"),
    # 2015-08-07#00654 (almadina, 06:51) "the staff gave the players free time until noon today": an end
    ("ومنح الجهاز الفني اللاعبين فترة حرة حتى ظهر اليوم.", "2015-08-07 06:51:56"),
    # the same search in a quotation: the speaker's day, not the article's
    ("وقال قائد الفريق: «انطلقنا عصر اليوم للبحث عن المفقود».", "2015-07-21 02:39:30"),
])
def test_no_clock_cue_without_a_time_a_later_part_a_past_report_or_in_the_articles_voice(text, published):
    assert reference_of(text, published) == ("published", published[:10])


def test_a_weekday_places_the_day_that_a_clock_cue_only_bounds():
    # 2015-07-31#01527 (alweeam, crawled Friday 04:11) "the security man who fell yesterday evening, Tuesday … the
    # body was flown this afternoon to Medina": written Wednesday 29 July, not merely the day before the crawl
    text = ("وكان رجل الأمن سامي الذي استشهد مساء أمس الثلاثاء أثناء أداء إحدى دوريات الأمن لمهامها. وكان جثمان"
            " الشهيد نقل عبر طائرة خاصة عصر اليوم من المنطقة الشرقية إلى المدينة المنورة.")
    assert reference_of(text, "2015-07-31 04:11:24") == ("weekday", "2015-07-29")


@pytest.mark.parametrize("text, published", [
    # 2015-07-27#00541 "a report in the paper Al-Yaum (Friday 23 February 2007)": a paper's name, not "today"
    ("أختم بخبر في صحيفة اليـوم (الجمعة 23 فبراير 2007) عن تأكيد وزير الصحة السابق تطبيق نظام خصخصة الخدمات.",
     "2015-07-27"),
    # 2015-08-07#01377 "before the dawn of that day, 15/10/1419 AH, that is 1/2/1999": that day, not today
    ("لم أتشرف بمعرفة الشيخ علي عبدالله الجفالي قبل فجر ذلك اليوم 15/10/1419هـ، الموافق 1/2/1999م.", "2015-08-07"),
])
def test_a_day_that_is_not_today_dates_nothing(text, published):
    assert reference_of(text, published) == ("published", published)
    assert all(e.family != "deictic" for e in timeline.tag(text, published))


def test_that_day_with_a_conjunction_is_today():
    # «وذلك اليوم الخميس» ("and that [is] today, Thursday"), the wire's way of dating an event: و + ذلك is no
    # demonstrative of the past, and the article was written on Thursday 23 July, crawled the next day
    text = "يفتتح أمير المنطقة المعرض وذلك اليوم الخميس في مركز المعارض بالرياض."
    assert reference_of(text, "2015-07-24") == ("weekday", "2015-07-23")
    assert [e.value for e in timeline.tag(text, "2015-07-24") if e.family == "weekday"] == ["2015-07-23"]


def test_the_publication_date_can_still_be_the_reference():
    # infer_reference=False: every relative value counts from the crawl date, as before reference days
    text = "حدد رئيس الوزراء البريطاني ديفيد كاميرون، اليوم (الاثنين)، ملامح استراتيجية.\nوقال كاميرون، أمس، انه يريد."
    assert values(text, "2015-07-21") == [("اليوم (الاثنين)", "2015-07-20"), ("أمس", "2015-07-19")]
    assert [(e.text, e.value) for e in timeline.tag(text, "2015-07-21", infer_reference=False)] == \
        [("اليوم (الاثنين)", "2015-07-20"), ("أمس", "2015-07-20")]


def test_an_article_without_cues_or_dates_keeps_its_publication_date():
    assert reference_of("وصل الوفد إلى الرياض وعقد اجتماعا مع المسؤولين.", "2015-07-21") == \
        ("published", "2015-07-21")
    assert reference_of("وصل الوفد اليوم الأربعاء إلى الرياض.", None) == ("published", None)


# --- the hand-judged gold: the reference days a reader found ---------------------------------------------------

GOLD = Path(__file__).parent / "data" / "timeline" / "articles.jsonl"


def test_inferred_reference_days_agree_with_the_gold_articles():
    """The reader found a reference day other than the crawl date in 21 of the 152 gold articles
    (tests/data/timeline, two random samples and the targeted one). The rules find 9 of them (one from the crawl
    time: «عصر اليوم» in a page fetched at 02:39) and move no article whose day is the crawl date; two more are
    placed in their month only («شهر سبتمبر الجاري» in a page of September 2014, «يونيو الجاري» in one of June
    2015, both fetched in July-August 2015); the three wrong moves are archive pages of September 2014 and a
    Reuters report of 13 July crawled on the 21st, which a weekday («مساء أمس الثلاثاء», «اليوم الإثنين») can
    only place in the week before the crawl. Not found: more
    pages of that archive and archive press releases (no day in their text), a page fetched at night that says
    only «صدر اليوم», and a statement whose only day is inside its quotation."""
    moved_right, moved_wrong, months, right, articles = [], [], [], 0, 0
    with open(GOLD, encoding="utf-8") as f:
        for line in f:
            article = json.loads(line)
            gold = article.get("reference_date", article["published"])
            ref = timeline.reference(clean.clean_text(article["text"], article["title"]).text,
                                     article["published_at"])
            inferred = ref.date.isoformat() if ref.date else ""
            if ref.kind == "month":  # only the month is placed: right when it is the reader's (or the day unknown)
                months.append((article["doc_id"], gold[:7] in ("", inferred[:7])))
            elif ref.shifted:
                (moved_right if inferred == gold else moved_wrong).append(article["doc_id"])
            right += inferred == gold
            articles += 1
    assert articles == 152
    assert len(moved_right) >= 9 and len(moved_wrong) <= 3, (moved_right, moved_wrong)
    assert len(months) == 2 and all(ok for _, ok in months), months  # an archive page of September 2014, one of June
    assert all(json.loads(line).get("reference_date") is not None for line in GOLD.read_text("utf-8").splitlines()
               if json.loads(line)["doc_id"] in moved_wrong)  # never an article written on its crawl day
    assert right >= 138  # of 152 (a month placed is no day); the crawl date alone: 131

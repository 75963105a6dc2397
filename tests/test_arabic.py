"""The Arabic core (`arnews.arabic`): what "the same word" means, once, on real Arabic from the news."""

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arnews import arabic

# --- folding -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("a, b", [
    ("أون", "اون"),                      # Un (Kim Jong Un): hamza on the alef or not
    ("إلى", "الي"),                      # to: hamza below, alef maqsura
    ("فى", "في"),                        # in: Egyptian ى for ي
    ("تقدّمًا", "تقدما"),                 # progress: shadda and tanween
    ("الإمبريـــالية", "الامبريالية"),     # imperialism, stretched with tatweel
    ("٢٠٢٤", "2024"),                    # the year in Arabic-Indic digits
    ("۲۴", "24"),                         # Persian digits
    ("ﺑﻮﺗﻴﻦ", "بوتين"),                    # Putin in presentation forms (an old PDF export)
    ("ABC News", "abc news"),            # Latin case
    ("بو\u200cتين", "بوتين"),             # a zero-width non-joiner inside a word
    ("\u202eبوتين", "بوتين"),             # a right-to-left override before it
])
def test_spellings_of_one_word_fold_alike(a, b):
    assert arabic.fold(a) == arabic.fold(b)


def test_decomposed_text_folds_like_composed_text():
    # «أون إلى» typed with combining hamza (NFD): the same words as the composed spelling
    nfd = unicodedata.normalize("NFD", "أون إلى")
    assert nfd != "أون إلى"
    assert arabic.fold(nfd) == arabic.fold("أون إلى") == "اون الي"
    # و + combining hamza above is ؤ (as in «مؤتمر», conference), not a bare و
    assert arabic.fold(unicodedata.normalize("NFD", "مؤتمر")) == "مؤتمر"


def test_different_words_stay_apart():
    assert arabic.fold("مؤتمر") != arabic.fold("موتمر")  # hamza on waw is spelling, not a mark
    assert arabic.fold("سائق") != arabic.fold("سايق")   # driver: hamza on yeh stays
    assert arabic.fold("ولاية") == "ولاية"              # state: a word, not split
    assert arabic.fold("عملة") != arabic.fold("عمله")   # currency / his work: teh marbuta is spelling


def test_a_final_heh_is_read_as_teh_marbuta_only_on_request():
    # the fold keeps «منطقه» (region, typed without the dots) apart from «منطقة»; a closed-list lookup may read it so
    assert arabic.fold("منطقه") != arabic.fold("منطقة")
    assert arabic.as_teh_marbuta(arabic.fold("منطقه")) == arabic.fold("منطقة")  # region
    assert arabic.as_teh_marbuta("وزير") == "وزير"    # minister: no final ه, unchanged
    assert arabic.as_teh_marbuta("منطقة") == "منطقة"  # already written with ة


def test_every_word_final_teh_marbuta_can_be_written_heh():
    assert arabic.as_final_heh("الكورية الشمالية") == "الكوريه الشماليه"  # North Korean (feminine)
    assert arabic.as_final_heh("وزيرة التجارة.") == "وزيره التجاره."    # the minister of trade (f.).
    assert arabic.as_final_heh("برفقته") == "برفقته"                     # accompanied by him: no final ة
    assert arabic.as_final_heh("وزير") == "وزير"                         # minister: nothing to change


def test_strip_marks_keeps_letters():
    assert arabic.strip_marks("وفقًا") == "وفقا"  # according to
    assert arabic.strip_marks("أمين") == "أمين"  # the hamza alef is a letter


def test_fold_words_matches_fold_word_by_word():
    words = ["أون", "فى", "الكوريّة", "ﻻ", "٢٠٠٠"]
    assert arabic.fold_words(words) == [arabic.fold(w) for w in words]


def test_a_long_vocabulary_with_a_few_special_words_folds_as_word_by_word():
    # a news vocabulary is long; a few of its words hold a ligature (ﻻ lam-alef, ﷺ), a combining hamza
    # (ا + U+0654 = أ) or an emoji: they take the general path, the others the table's single pass
    common = ["الكوريّة", "بيونغ", "يانغ", "٢٠٢٤", "فى", "أون", "ABC", "تقدّمًا"] * 400
    special = ["ﻻ", "ﷺ", "ا\u0654حمد", "قمة🤝", "é"]
    words = common[:1500] + special + common[1500:]
    assert len("\n".join(words)) > 10_000
    assert arabic.fold_words(words) == [arabic.fold(w) for w in words]


def test_offsets_map_a_match_in_the_view_back_to_the_original():
    text = "وصل غداً الرئيسُ إلى بيونغ يانغ."  # arrives tomorrow, the president, to Pyongyang
    view = arabic.fold_with_offsets(text)
    start = view.text.index("الرييس") if "الرييس" in view.text else view.text.index("الرئيس")
    s, e = view.span(start, start + len("الرئيس"))
    assert text[s:e] == "الرئيسُ"  # the damma after the word belongs to it
    s, e = view.span(view.text.index("غدا"), view.text.index("غدا") + 3)
    assert text[s:e] == "غداً"


arabic_text = st.text(alphabet=st.sampled_from(list(
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئىة" + "\u064b\u064e\u064f\u0650\u0651\u0652\u0640\u0654\u0670"
    + "٠١٢٣٤٥٦٧٨٩0123456789 \n.،؟!«»AbCé\u200c\u202e" + "ﻻﺑﷺ" + "😀")), max_size=60)


@settings(max_examples=300, deadline=None)
@given(arabic_text)
def test_every_path_folds_alike(text):
    view = arabic.fold_with_offsets(text)
    assert view.text == arabic.fold(text)
    assert arabic.fold(arabic.fold(text)) == arabic.fold(text)  # folding twice changes nothing
    long = (text + " ") * (10_000 // (len(text) + 1) + 1)  # the numpy path of long texts
    assert arabic.fold(long) == arabic.fold(text + " ") * (10_000 // (len(text) + 1) + 1)


@settings(max_examples=300, deadline=None)
@given(arabic_text)
def test_offsets_are_ordered_and_inside_the_original(text):
    view = arabic.fold_with_offsets(text)
    positions = [view.offset(i) for i in range(len(view.text) + 1)]
    assert positions == sorted(positions)
    assert all(0 <= p <= len(text) for p in positions)
    assert positions[-1] == len(text)


# --- proclitics --------------------------------------------------------------------------------------------


def test_decompositions_list_every_stem_a_prefix_could_leave():
    # «وبوتين» (and Putin): و + بوتين, or وب + وتين; the corpus decides which is a word
    assert ("بوتين", False) in arabic.decompositions("وبوتين")
    # «للعلاقات» (for the relations): ل + ال + علاقات
    assert ("علاقات", True) in arabic.decompositions("للعلاقات")
    assert arabic.decompositions("رئيس") == []  # president: no prefix letter


def test_readings_put_the_whole_word_first():
    readings = arabic.readings("وزير")  # minister, or و + زير
    assert readings[0].stem == "وزير" and readings[0].conjunction == ""
    assert any(r.conjunction == "و" and r.stem == "زير" for r in readings)


def test_split_reads_conjunction_preposition_and_article():
    assert arabic.split("وللحزب") == arabic.Clitics("و", "ل", True, "حزب")  # and for the party
    assert arabic.split("بالديوان") == arabic.Clitics("", "ب", True, "ديوان")  # at the court


def test_definite_words():
    assert arabic.is_definite("الخارجية")  # (of) foreign affairs
    assert arabic.is_definite("وللحزب")
    assert not arabic.is_definite("ألكسندر")  # Alexander: a hamza alef, not the article
    assert not arabic.is_definite("لافروف")  # Lavrov


# --- sentences ---------------------------------------------------------------------------------------------


def test_sentences_split_at_points_and_lines_but_not_inside_numbers_or_abbreviations():
    text = "وصل بوتين. وقال د. لافروف إن الصفقة 3.5 مليار!\nوأضاف «نحن مستعدون.» ثم غادر"
    # Putin arrived. Dr Lavrov said the deal is 3.5 billion! / He added "we are ready." then left
    got = [text[s:e] for s, e in arabic.sentences(text)]
    assert got == ["وصل بوتين.", "وقال د. لافروف إن الصفقة 3.5 مليار!", "وأضاف «نحن مستعدون.»", "ثم غادر"]


@pytest.mark.parametrize("text, expected", [
    # SaudiNewsNet sentences whose space after the point was left out: "… of the citizens.Took part in the burial"
    ("وجموع غفيرة من المواطنين.وشارك في مراسم الدفن", ["وجموع غفيرة من المواطنين.", "وشارك في مراسم الدفن"]),
    # "… and disown it.In short we must say": a short word before, a long one after
    ("ومن ثم يتنصلون منه.خلاصة القول يجب", ["ومن ثم يتنصلون منه.", "خلاصة القول يجب"]),
    # "… in Lebanon, Syria and Iraq?Mr Makarem has said"
    ("في لبنان وسوريا والعراق؟لقد عبر السيد مكارم", ["في لبنان وسوريا والعراق؟", "لقد عبر السيد مكارم"]),
    # transliterated acronyms are one word: "officials of HSBC banks", "LG Electronics", "the MTV show"
    ("مسؤولين في بنوك اتش.اس.بي.سي وستاندرد", ["مسؤولين في بنوك اتش.اس.بي.سي وستاندرد"]),
    ("شركة إل.جي إلكترونيكس", ["شركة إل.جي إلكترونيكس"]),
    ("في حفل ام.تي.في عام 2013", ["في حفل ام.تي.في عام 2013"]),
])
def test_a_point_glued_between_two_arabic_words_ends_a_sentence_unless_it_is_an_acronym(text, expected):
    assert [text[s:e] for s, e in arabic.sentences(text)] == expected


def test_quotations_span_guillemets_curly_and_straight_quotes_within_a_paragraph():
    # "the minister said: «we start «the stage» tomorrow». He added "yes" and 5" inches / «no closing. sentence /
    # a line “a quote” more": nested guillemets stay one passage, an unpaired straight quote (inches) is none, an
    # unclosed « ends with its paragraph
    text = 'وقال الوزير: «سنبدأ «المرحلة» غدا». وأضاف "نعم" و5" بوصة\n«بلا إغلاق. جملة\nسطر “اقتباس” آخر'
    assert [text[s:e] for s, e in arabic.quotations(text)] == \
        ["«سنبدأ «المرحلة» غدا»", '"نعم"', "«بلا إغلاق. جملة", "“اقتباس”"]


def test_sentence_at_finds_the_sentence_of_an_offset():
    text = "الجملة الأولى. الجملة الثانية."  # first sentence. second sentence.
    spans = arabic.sentences(text)
    assert arabic.sentence_at(spans, text.index("الثانية")) == 1
    assert arabic.sentence_at(spans, 0) == 0


# --- numbers and entities ----------------------------------------------------------------------------------


def test_number_words():
    assert arabic.number_value(arabic.fold("خمسة وعشرين")) == 25  # twenty-five
    assert arabic.number_value(arabic.fold("الخامسة والسبعين")) == 75  # the seventy-fifth
    assert arabic.number_value("24") == 24
    assert arabic.number_value(arabic.fold("عدة")) is None  # several


def test_entity_lookup_across_spellings_and_clitics():
    index = arabic.entity_index()
    pyongyang = index.lookup("بيونغ يانغ")
    assert pyongyang is not None
    assert index.lookup("وبيونج يانج") is pyongyang  # and Pyongyang, Egyptian spelling
    assert index.lookup("رئيس") is None  # president: not a name


def test_entities_found_in_text_as_spans_of_the_original():
    text = "وصل بوتين إلى بيونج يانج، والتقى وزير خارجية كوريا الشماليةفي القصر."
    # Putin arrived in Pyongyang and met the foreign minister of North Korea (no space before «في») at the palace
    found = [(text[m.start:m.end], m.entity.canonical) for m in arabic.entity_index().find(text)]
    assert ("بوتين", "فلاديمير بوتين") in found
    assert ("بيونج يانج", "بيونغ يانغ") in found
    assert ("كوريا الشمالية", "كوريا الشمالية") in found


def test_spelling_pattern_finds_every_spelling_that_folds_alike():
    # "read also" and "click here", as outlets type them: hamza or none, tanween, tatweel, two spaces
    pattern = re.compile(arabic.spelling_pattern(["اقرأ أيضا", "اضغط هنا"]))
    for spelling in ("اقرأ أيضا", "إقرأ أيضاً", "اقرا ايضا", "اقرأ  أيضـا", "أضغط هنا"):
        assert pattern.fullmatch(spelling), spelling
    assert not pattern.fullmatch("اقرب أيضا")  # "closer also": another word
    assert not pattern.search("اقرأ\nأيضا")  # a phrase stays on one line
    assert re.fullmatch(arabic.spelling_pattern("Tags ٢٠١٥"), "tags 2015")  # digits in any script, Latin case


def test_a_long_text_with_ligatures_folds_as_its_lines_do():
    # the lam-alef ligature (U+FEFB) becomes two letters and a combining hamza composes: the lines holding them are
    # folded apart, the rest in one pass; the result is the same as folding line by line
    lines = ["ﻻ يزال الرئيس الروسي في بيونغ يانغ", "وقال بوتين إن روسيا ستدعم كوريا الشمالية"] * 400
    lines[7] = "جاء" + "\u0654" + " الوفد"  # a decomposed hamza
    text = "\n".join(lines)
    assert len(text) > 10_000
    assert arabic.fold(text).split("\n") == [arabic.fold(line) for line in lines]


def test_an_entity_after_lam_and_the_article_is_found_with_its_proclitic():
    # «الغزو الأمريكي للعراق» (the American invasion of Iraq): للعراق is ل + العراق
    text = "تدهورت الأوضاع منذ الغزو الأمريكي للعراق عام 2003."
    [match] = arabic.entity_index().find(text)
    assert (text[match.start:match.end], match.clitic, match.entity.canonical) == ("للعراق", "ل", "العراق")


def test_given_names_and_the_family_name_that_follows():
    fold = arabic.fold_words
    # «أحمد» (Ahmad), «وعبدالرحمن» (and Abdulrahman, عبد glued), «عبد العزيز» (two words) end with a given name
    assert arabic.ends_with_given_name(fold(["رئيس", "الاتحاد", "أحمد"]))
    assert arabic.ends_with_given_name(fold(["وعبدالرحمن"])) and arabic.ends_with_given_name(fold(["عبد", "العزيز"]))
    # «الوزير» (the minister) and «أبو ظبي» (Abu Dhabi: أبو builds kunyas and places, not given names) do not
    assert not arabic.ends_with_given_name(fold(["الوزير"])) and not arabic.ends_with_given_name(fold(["أبو", "ظبي"]))
    assert not arabic.ends_with_given_name(fold(["الأحمد"]))  # the article: a family name, not a given name
    # a family name may follow «حسين» (Hussein …) and «علي بن محمد» (Ali son of Muhammad …) …
    assert arabic.family_name_follows(fold(["مدير", "الصيانة", "حسين"]))
    assert arabic.family_name_follows(fold(["وعلي", "بن", "محمد"]))
    # … but «محمود عباس» (Mahmoud Abbas) is already a whole name: two given names without بن between them
    assert not arabic.family_name_follows(fold(["الفلسطيني", "محمود", "عباس"]))
    assert arabic.name_particles()["بن"] == "link" and arabic.name_particles()["عبد"] == "head"
    # names of the lexicon are never time words: «صباح» (Sabah, also "morning") would hide «صباح الخميس»
    assert not arabic.given_names() & {arabic.fold(w) for w in ("صباح", "فجر", "ضحى", "مساء", "رمضان", "جمعة")}


def test_after_lam_writes_a_definite_word_as_it_stands_after_the_preposition_lam():
    # «للعام» (for the year) is ل + «العام» with the article's alef dropped; «للمدير» (for the director) likewise
    assert arabic.after_lam("العام") == "لعام"
    assert arabic.after_lam(arabic.fold("المدير")) == "لمدير"
    assert arabic.after_lam("عام") is None  # no article, nothing to drop

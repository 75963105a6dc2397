"""Analysis normalization: each step on real news text, and composing them."""

from hypothesis import given, settings
from hypothesis import strategies as st

from arnews import normalize as n


def test_nfkc_folds_presentation_forms():
    # "Putin" typed with isolated/initial/medial/final presentation forms, and the lam-alef ligature
    assert n.unicode_nfkc("ﺑﻮﺗﻴﻦ") == "بوتين"
    assert n.unicode_nfkc("ﻻ") == "لا"


def test_remove_diacritics_and_tatweel():
    assert n.remove_diacritics("كوريا الشمالية تقدّر الدور الكبير") == "كوريا الشمالية تقدر الدور الكبير"
    assert n.remove_diacritics("نقف دائمًا مع موسكو") == "نقف دائما مع موسكو"  # we always stand with Moscow
    assert n.remove_diacritics("الإمبريـــالية") == "الإمبريالية"  # imperialism, stretched with tatweel


def test_alef_variants():
    assert n.normalize_alef("كيم جونغ أون") == n.normalize_alef("كيم جونغ اون") == "كيم جونغ اون"
    assert n.normalize_alef("الإمبريالية") == "الامبريالية"
    assert n.normalize_alef("آيسن نيكولاييف") == "ايسن نيكولاييف"  # Aisen Nikolaev


def test_alef_maqsura():
    # Egyptian print: "بوتين يصل إلى بيونج يانج فى زيارة رسمية"
    assert n.normalize_alef_maqsura("فى زيارة رسمية") == "في زيارة رسمية"
    assert n.normalize_alef_maqsura("إلى") == "إلي"


def test_teh_marbuta_is_optional():
    assert n.normalize_teh_marbuta("العاصمة الكورية") == "العاصمه الكوريه"
    assert n.analysis("العاصمة الكورية") == "العاصمة الكورية"  # the default keeps ة
    assert n.analysis_folded("العاصمة الكورية") == "العاصمه الكوريه"


def test_digits():
    assert n.normalize_digits("زار كوريا الشمالية عام ٢٠٠٠") == "زار كوريا الشمالية عام 2000"
    assert n.normalize_digits("منذ ۲۴ عاما") == "منذ 24 عاما"  # Persian digits
    assert n.normalize_digits("٣٫٥ مليار") == "3.5 مليار"


def test_quotes_and_punctuation():
    text = "وقال إن “هذه الوثيقة ستضع أسس علاقاتنا”، مؤكدا «العدوان» — الغربي؟"
    assert n.normalize_punctuation(text) == 'وقال إن "هذه الوثيقة ستضع أسس علاقاتنا", مؤكدا "العدوان" - الغربي?'


def test_latin_case():
    assert n.fold_latin_case("ساهمت ناتاليا شومسكايا من ABC News") == "ساهمت ناتاليا شومسكايا من abc news"


def test_default_pipeline_on_a_sentence():
    raw = "وأكّد الرئيس الروسي فلاديمير بوتين للزعيم الكوري الشمالي كيم جونغ أون فى ٢٠٢٤"
    assert n.analysis(raw) == "واكد الرئيس الروسي فلاديمير بوتين للزعيم الكوري الشمالي كيم جونغ اون في 2024"


def test_compose_applies_steps_in_order():
    pipeline = n.compose(n.remove_diacritics, n.normalize_alef)
    assert pipeline("أحرزنا تقدّمًا كبيرًا") == "احرزنا تقدما كبيرا"  # we made great progress
    # fusing translate tables must not change the result of applying the steps one after another
    text = "إلى بيونغ يانغ ١٩ يونيو آيسن"
    step_by_step = text
    for step in n.analysis_folded.steps[0].steps + n.analysis_folded.steps[1:]:
        step_by_step = step(step_by_step)
    assert n.analysis_folded(text) == step_by_step


LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" "أإآٱىةءئؤ" "ًٌٍَُِّْـ" "٠١٢٣٤٥٦٧٨٩۰۴ \n،؛؟“”«»ﻻﺑ"
ARABIC_TEXT = st.text(alphabet=st.sampled_from(list(LETTERS)), max_size=60)


@given(ARABIC_TEXT)
def test_fused_pipeline_equals_steps_one_by_one(text):
    expected = text
    for step in n.analysis.steps:
        expected = step(expected)
    assert n.analysis(text) == expected


@given(st.lists(ARABIC_TEXT.map(lambda t: t.replace("\n", " ")), max_size=20))
def test_normalize_words_equals_one_call_per_word(words):
    assert n.normalize_words(words) == [n.analysis(w) for w in words]


@settings(max_examples=30, deadline=None)
@given(st.lists(ARABIC_TEXT.map(lambda t: t.replace("\n", " ")), min_size=1, max_size=20))
def test_a_long_vocabulary_takes_the_fast_paths_with_the_same_result(words):
    # NFKC line by line and the compiled translate table start at _LONG_TEXT characters
    many = words * (n._LONG_TEXT // (sum(map(len, words)) + len(words)) + 1)
    assert len("\n".join(many)) >= n._LONG_TEXT
    assert n.normalize_words(many) == [n.analysis(w) for w in many]


def test_a_real_vocabulary_normalizes_as_word_by_word(saudinewsnet):
    # one day of SaudiNewsNet (638 of its 52,667 words need NFKC): أدَّى (he performed) for its shadda and
    # fatha, آﺧﺮ (last) for its presentation forms
    from arnews import corpus, terms

    frame = corpus.load_source(saudinewsnet / "2015-07-23.zip")
    words = sorted({t for text in frame["text"] for t in terms.TOKEN_RE.findall(text)})
    assert len("\n".join(words)) > n._LONG_TEXT
    assert n.normalize_words(words) == [n.analysis(w) for w in words]

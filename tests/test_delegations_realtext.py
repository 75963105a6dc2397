"""Delegation lists on real SaudiNewsNet sentences (Alhagri 2015, CC BY-NC-SA 4.0), one test per class of list
the extractor must read: cues described by their parts, lists that go on, title and name kept together, and
sides as countries. None of these sentences is in the development gold set (tests/data/delegations); the gold
set is scored as a whole at the end. Each sentence is glossed in English.
"""

import importlib.util

import pytest

from arnews import REPO_ROOT, delegations
from arnews.delegations import items


def members(text, outlet=""):
    """(side, title, name) of every member the extractor reads in `text`."""
    return [(m.side, m.title, m.name) for m in delegations.extract(text, outlet)]


def item_pairs(fragment):
    """(title, name) of the items the item grammar reads in a list fragment."""
    words = delegations.tokenize(fragment)
    found, _ = items.parse_list(words)
    return [(" ".join(words[i].text for i in it.title), " ".join(words[i].text for i in it.name)) for it in found]


# --- cues described by their parts ---------------------------------------------------------------------


def test_attended_by_pronoun_then_a_side_phrase():
    # 3alyoum: "while attending it on the French side were HE the Minister of Foreign Affairs and International
    # Development Laurent Fabius, Defence Minister Jean-Yves Le Drian and the French ambassador to the Kingdom
    # Bertrand Besancenot" — verb + object pronoun (حضره), then من الجانب + nisba.
    text = ("فيما حضره من الجانب الفرنسي معالي وزير الشؤون الخارجية والتنمية الدولية لوران فابيوس، ووزير الدفاع "
            "جان إيف لودريان، والسفير الفرنسي لدى المملكة برتران بيزانسنو.")
    assert members(text) == [
        ("فرنسا", "وزير الشؤون الخارجية والتنمية الدولية", "لوران فابيوس"),
        ("فرنسا", "وزير الدفاع", "جان إيف لودريان"),
        ("فرنسا", "السفير الفرنسي لدى المملكة", "برتران بيزانسنو"),
    ]


def test_delegation_accompanying_him_another_verb_form_and_the_antecedent_leader():
    # 3alyoum 2015-07-27: "Prince Mansour bin Miteb had headed a delegation representing the government of the
    # Kingdom of Saudi Arabia … The delegation accompanying His Highness consists of HE the adviser at the Royal
    # Court Mr Ahmed al-Khatib, …" — يتكون (not يضم), الوفد المرافق, لسموه pointing back to the prince.
    text = ("وكان سمو الأمير منصور بن متعب قد رأس وفداً يمثل حكومة المملكة العربية السعودية للمشاركة في احتفالات "
            "جمهورية المالديف بيوم الاستقلال الخمسين.\n"
            "ويتكون الوفد المرافق لسموه، معالي المستشار بالديوان الملكي الأستاذ أحمد الخطيب، والمستشار بالديوان "
            "الملكي الأستاذ ياسر بن عثمان الرميان، وسفير خادم الحرمين الشريفين لدى المالديف المهندس بدر بن علي "
            "الكحيل .")
    assert members(text) == [
        ("السعودية", "المستشار بالديوان الملكي", "الأستاذ أحمد الخطيب"),
        ("السعودية", "المستشار بالديوان الملكي", "الأستاذ ياسر بن عثمان الرميان"),
        ("السعودية", "سفير خادم الحرمين الشريفين لدى المالديف", "المهندس بدر بن علي الكحيل"),
    ]


def test_in_the_company_of_the_king_after_a_parenthesis():
    # alweeam 2015-07-25: "Leaving in the company of the Custodian of the Two Holy Mosques — may God support him
    # — were: HH Prince Khalid bin Fahd bin Khalid, …, HE the Minister of Finance Dr Ibrahim al-Assaf, …"
    # — في معية + the leader's title, a parenthesis between dashes, «كل من :», names without titles.
    text = ("وقد غادر في معية خادم الحرمين الشريفين – أيده الله – كل من : صاحب السمو الأمير خالد بن فهد بن خالد، "
            "وصاحب السمو الملكي الأمير منصور بن سعود بن عبدالعزيز، وصاحب السمو الأمير فهد بن عبدالله بن عبدالعزيز "
            "بن مساعد، ومعالي وزير المالية الدكتور إبراهيم بن عبدالعزيز العساف، ومعالي رئيس الحرس الملكي المكلف "
            "الفريق أول حمد بن محمد العوهلي.")
    assert members(text) == [
        ("السعودية", "", "الأمير خالد بن فهد بن خالد"),
        ("السعودية", "", "الأمير منصور بن سعود بن عبدالعزيز"),
        ("السعودية", "", "الأمير فهد بن عبدالله بن عبدالعزيز بن مساعد"),  # مساعد (assistant) is a name after بن
        ("السعودية", "وزير المالية", "الدكتور إبراهيم بن عبدالعزيز العساف"),
        ("السعودية", "رئيس الحرس الملكي المكلف", "الفريق أول حمد بن محمد العوهلي"),
    ]


def test_two_guests_received_the_list_after_the_filler():
    # 3alyoum 2015-07-24 (a reprinted report): "Receiving His Highness the Crown Prince and HRH Prince Mohammed
    # bin Salman … on their arrival at Laurel Lodge was President Barack Obama." — the two guests joined by و are
    # no members; the list starts after «لدى وصولهما» (on their arrival) and the place.
    text = ("وكان في استقبال سمو ولي العهد وصاحب السمو الملكي الأمير محمد بن سلمان بن عبدالعزيز ولي ولي العهد النائب "
            "الثاني لرئيس مجلس الوزراء وزير الدفاع، لدى وصولهما استراحة لوريل ، الرئيس باراك أوباما.")
    assert members(text) == [("الولايات المتحدة", "الرئيس", "باراك أوباما")]


def test_a_delegation_headed_by_with_an_indefinite_nisba():
    # aawsat: "An Egyptian archaeological mission, headed by the Minister of Antiquities Dr Mamdouh el-Damaty,
    # began digging in the Valley of the Kings …" — وفد/بعثة … برئاسة: the head is a member.
    text = ("شرعت بعثة أثرية مصرية، برئاسة وزير الآثار الدكتور ممدوح الدماطي، في القيام بأعمال حفر وتنقيب في منطقة "
            "وادي الملوك، الغنية بمقابر ملوك الفراعنة.")
    assert members(text) == [("مصر", "وزير الآثار", "الدكتور ممدوح الدماطي")]


def test_witnessed_the_ceremony_the_presence_of():
    # alyaum 2015-07-23: "The ceremony saw the presence of Khalid al-Barrak, deputy governor of al-Ahsa, Dr Saadoun
    # al-Saadoun, member of the Shura Council …, and Mohammed al-Afaliq, member of the council." — شهد + a meeting
    # noun, the filler حضور, name-first items; the side from the place in the titles (الأحساء).
    text = ("وشهد الحفل، حضور خالد البراك وكيل محافظة الأحساء، والدكتور سعدون السعدون عضو مجلس الشورى رئيس مجلس "
            "إدارة جمعية الأشخاص ذوي الإعاقة بالأحساء، ومحمد العفالق عضو المجلس.")
    assert members(text) == [
        ("السعودية", "وكيل محافظة الأحساء", "خالد البراك"),
        ("السعودية", "عضو مجلس الشورى رئيس مجلس إدارة جمعية الأشخاص ذوي الإعاقة بالأحساء", "الدكتور سعدون السعدون"),
        ("السعودية", "عضو المجلس", "محمد العفالق"),
    ]


def test_prose_with_the_same_verbs_is_no_list():
    # aleqtisadiya: "Although prices saw a further decline since the OPEC meeting, officials, among them the
    # organisation's secretary general Abdullah al-Badri, ruled out a production cut …" — شهد without a meeting
    # noun is prose, and منهم/بينهم without a list cue before it names no attendees.
    text = ("ورغم أن الأسعار شهدت مزيدا من التراجع منذ اجتماع أوبك يستبعد مسؤولون من بينهم الأمين العام للمنظمة "
            "عبد الله البدري احتمال خفض الإنتاج، وقالوا إنهم يتوقعون أن تؤدي زيادة الطلب إلى دعم الأسعار.")
    assert members(text) == []


# --- lists that go on ----------------------------------------------------------------------------------


def test_continuation_sentence_with_kama_and_places_of_a_country():
    # al-madina 2015-07-21: "Also attending the meeting were the speaker of the parliament of the Republic of
    # Chechnya Magomed Daudov, the deputy head of the Chechen government Hussein Hakimov and the permanent
    # representative of the Russian Federation to the OIC Oleg Azirov." — كما حضر; Chechnya is in Russia; «اليغ»
    # (Oleg) is a name, not a definite word.
    text = ("كما حضر الاجتماع رئيس البرلمان في جمهورية الشيشان ماغمد داؤدوف ونائب رئيس حكومة الشيشان حسن حكيموف "
            "والمندوب الدائم لروسيا الاتحادية لدى منظمة التعاون الإسلامي اليغ ازيروف.")
    assert members(text) == [
        ("روسيا", "رئيس البرلمان في جمهورية الشيشان", "ماغمد داؤدوف"),
        ("روسيا", "نائب رئيس حكومة الشيشان", "حسن حكيموف"),
        ("روسيا", "المندوب الدائم لروسيا الاتحادية لدى منظمة التعاون الإسلامي", "اليغ ازيروف"),
    ]


def test_kinship_title_and_a_group_that_ends_the_list():
    # okaz 2015-08-10: "Receiving him was the brother of the deceased, Eid Hamdan al-Ramali, director of relations
    # and protocol at the governorate, and the sons of the deceased, who thanked …" — شقيق is a title; «أبناء»
    # (sons) is a group, no member.
    text = ("وكان في استقباله شقيق الفقيد عيد حمدان الرمالي مدير العلاقات والمراسم بالمحافظة، وأبناء الفقيد، الذين "
            "أعربوا عن شكرهم وتقديرهم لهذه اللفتة غير المستغربة.")
    assert [(title, name) for _, title, name in members(text)] == [("شقيق الفقيد", "عيد حمدان الرمالي")]


def test_a_long_title_list_with_an_abbreviated_honorific_and_genitive_chains():
    # okaz 2015-08-07: "… during the meeting, attended on the Saudi side by the Undersecretary for Foreign Media
    # Dr Abdulmohsen Elyas, the ministry's spokesman Dr Saud Kateb, the director general of Al-Ekhbariya channel
    # Jasser al-Jasser, Khalid Mohammed al-Beiti director general of Jeddah TV station and Samir Bakhsh director
    # of Jeddah radio, in addition to editors …" — «د.» abbreviated, a name-first item, chains of indefinite
    # nouns (محطة تلفزيون جدة), and «إضافة إلى» + a group ending the list.
    text = ("وجرى خلال اللقاء الذي حضره من الجانب السعودي وكيل الوزارة للإعلام الخارجي د.عبدالمحسن إلياس، والمتحدث "
            "الرسمي للوزارة الدكتور سعود كاتب، ومدير عام قناة الإخبارية جاسر الجاسر، وخالد محمد البيتي مدير عام محطة "
            "تلفزيون جدة، وسمير بخش مدير إذاعة جدة ، إضافة إلى رؤساء ونواب تحرير بعض الصحف المحلية، وتبادل الأحاديث.")
    assert members(text) == [
        ("السعودية", "وكيل الوزارة للإعلام الخارجي", "د. عبدالمحسن إلياس"),
        ("السعودية", "المتحدث الرسمي للوزارة", "الدكتور سعود كاتب"),
        ("السعودية", "مدير عام قناة الإخبارية", "جاسر الجاسر"),
        ("السعودية", "مدير عام محطة تلفزيون جدة", "خالد محمد البيتي"),
        ("السعودية", "مدير إذاعة جدة", "سمير بخش"),
    ]


# --- title and name kept together ----------------------------------------------------------------------


def test_a_time_adverb_is_never_a_name():
    # aawsat 2015-07-21 (in prose): "… met the then Iranian foreign minister Ali Akbar Salehi and the chief Iranian
    # negotiator Saeed Jalili" — حينها (at the time) stands between title and name and belongs to neither.
    assert item_pairs("وزير الخارجية الإيراني حينها علي أكبر صالحي، وكبير المفاوضين الإيرانيين حسين جليلي") == [
        ("وزير الخارجية الإيراني", "علي أكبر صالحي"), ("وكبير المفاوضين الإيرانيين", "حسين جليلي")]


def test_title_comma_rank_name_items():
    # sabq 2015-07-22: "… the director of civil defence in the Makkah region, Major General Salem al-Mutrafi, and
    # the director general of civil defence in Jeddah governorate, Colonel Ghazi al-Ghamdi." — each title belongs to
    # the rank and name after its comma; «بمحافظة جدة» stays in the title.
    assert item_pairs("مدير الدفاع المدني بمنطقة مكة المكرمة، اللواء سالم بن مرزوق المطرفي، ومدير الإدارة العامة "
                      "للدفاع المدني بمحافظة جدة، العقيد غازي بن غرم الله الغامدي.") == [
        ("مدير الدفاع المدني بمنطقة مكة المكرمة", "اللواء سالم بن مرزوق المطرفي"),
        ("ومدير الإدارة العامة للدفاع المدني بمحافظة جدة", "العقيد غازي بن غرم الله الغامدي"),
    ]


def test_a_family_name_that_is_also_an_honorific():
    # alriyadh: "… accompanied by Engineer Ibrahim bin Mohammed al-Sultan, mayor of the Riyadh region." — السلطان
    # (Sultan) before a title ends the name, it opens no new one.
    text = ("وكان لحضور وتشريف الأمير فيصل بن بندر بن عبدالعزيز أمير منطقة الرياض دور كبير في إنجاح متحف المصمك، "
            "يرافقه المهندس إبراهيم بن محمد السلطان أمين منطقة الرياض.")
    assert members(text) == [("السعودية", "أمين منطقة الرياض", "المهندس إبراهيم بن محمد السلطان")]


def test_a_ceremony_named_by_a_genitive_and_a_country_in_a_title():
    # okaz: "Attending the ceremony of the handover of the aid were the ambassador of the Custodian of the Two Holy
    # Mosques in Tirana Talaat Radwan and the director general of emergencies and crises in Albania Shamsi
    # Braci." — مراسم تسليم المساعدات is the meeting; each member's title names his side.
    text = ("حضر مراسم تسليم المساعدات سفير خادم الحرمين الشريفين في تيرانا طلعت رضوان والمدير العام لإدارة الطوارئ "
            "والأزمات في ألبانيا شامسي براتشي.")
    assert members(text) == [
        ("السعودية", "سفير خادم الحرمين الشريفين في تيرانا", "طلعت رضوان"),
        ("ألبانيا", "المدير العام لإدارة الطوارئ والأزمات في ألبانيا", "شامسي براتشي"),
    ]


def test_rank_words_continue_only_military_ranks():
    # «البروفيسور أول الدين محمد» is Professor Awaluddin Mohamed; «الفريق أول ركن» is a general's rank.
    assert delegations.strip_honorifics("الفريق أول ركن عبدالرحمن البنيان") == "عبدالرحمن البنيان"
    words = delegations.tokenize("البروفيسور أول الدين محمد")
    assert [words[i].text for i in items.core(words, list(range(len(words))))] == ["أول", "الدين", "محمد"]


# --- sides as countries --------------------------------------------------------------------------------


def test_side_of_a_reception_is_where_the_guest_arrives():
    # sabq 2015-07-21: "President Ramzan Kadyrov, head of the Republic of Chechnya, arrived in Jeddah this morning
    # … receiving him on arrival at King Abdulaziz International Airport was Prince Saud bin Abdullah bin Jalawi,
    # deputy governor of the Makkah region for security affairs." — the guest is no member; the receiver's side
    # is the host's.
    text = ("وصل الرئيس رمضان أحمد قاديروف رئيس جمهورية الشيشان إلى جدة، صباح اليوم (الاثنين)، لأداء مناسك العمرة، "
            "وكان في استقباله لدى وصوله مطار الملك عبد العزيز الدولي، الأمير سعود بن عبد الله بن منصور بن جلوي وكيل "
            "إمارة منطقة مكة المكرمة للشؤون الأمنية.")
    assert members(text) == [
        ("السعودية", "وكيل إمارة منطقة مكة المكرمة للشؤون الأمنية", "الأمير سعود بن عبد الله بن منصور بن جلوي")]


def test_a_form_of_address_points_to_the_person_so_addressed():
    # al-madina 2015-08-08: "HE the Foreign Minister Mr Adel al-Jubeir received … in Rome … Accompanying HE
    # (معاليه) during the visit were the head of media at the foreign ministry, Ambassador Osama Naqli, and the
    # director of HE's office, Ambassador Mohammed al-Kalabi." — the antecedent of معاليه is the last person
    # addressed as معالي, a Saudi minister (not the Italian official named after him).
    text = ("استقبل معالي وزير الخارجية الأستاذ عادل بن أحمد الجبير، أمس بمقر سفارة خادم الحرمين الشريفين في روما، "
            "المستشار الدبلوماسي لدولة رئيس وزراء الجمهورية الإيطالية أرماندو فاريكيو.\n"
            "ورافق معاليه خلال الزيارة رئيس الإدارة الإعلامية بوزارة الخارجية السفير أسامة بن أحمد نقلي ومدير مكتب "
            "معاليه السفير محمد بن عباس الكلابي.")
    found = members(text)
    assert [side for side, _, _ in found] == ["السعودية", "السعودية"]
    assert [name for _, _, name in found] == ["أسامة بن أحمد نقلي", "محمد بن عباس الكلابي"]


def test_a_reception_list_with_ranks_a_named_base_and_a_foreign_ambassador():
    # 3alyoum 2015-07-24: "Receiving him were His Highness the Defence Minister, HE the Chief of the General Staff
    # General Abdulrahman al-Bunyan, the Taif region commander Major General Fares al-Omari, the commander of the
    # King Fahd Air Base Major General (pilot) Abdullatif al-Shuraim, the UAE ambassador to the Kingdom Mohammed
    # Saeed al-Dhaheri, and the commanders of the coalition forces." — a title with no name is no member; «قاعدة
    # الملك فهد الجوية» is a place in a title; the ambassador is on his own country's side; «قادة» ends the list.
    text = ("وكان في استقباله سمو وزير الدفاع , ومعالي رئيس هيئة الأركان العامة الفريق أول ركن عبدالرحمن البنيان ، "
            "وقائد منطقة الطائف اللواء ركن فارس العمري ، وقائد قاعدة الملك فهد الجوية اللواء طيار ركن عبداللطيف "
            "الشريم ، وسفير دولة الإمارات العربية المتحدة لدى المملكة محمد سعيد الظاهري ، وقادة القوات المشاركة في "
            "تحالف دعم الشرعية في اليمن.")
    assert members(text) == [
        ("السعودية", "رئيس هيئة الأركان العامة", "الفريق أول ركن عبدالرحمن البنيان"),
        ("السعودية", "قائد منطقة الطائف", "اللواء ركن فارس العمري"),
        ("السعودية", "قائد قاعدة الملك فهد الجوية", "اللواء طيار ركن عبداللطيف الشريم"),
        ("الإمارات", "سفير دولة الإمارات العربية المتحدة لدى المملكة", "محمد سعيد الظاهري"),
    ]


def test_members_who_are_leaders_and_titles_that_name_a_country():
    # alwatan 2015-08-03: "Attending the meeting were Sheikh Tahnoun bin Zayed, deputy national security adviser in
    # the Emirates, and Sheikh Abdullah bin Zayed, the Emirati foreign minister."
    text = ("حضر اللقاء الشيخ طحنون بن زايد آل نهيان نائب مستشار الأمن الوطني في الإمارات، والشيخ عبد الله بن زايد "
            "آل نهيان وزير الخارجية الإماراتي.")
    assert [side for side, _, _ in members(text)] == ["الإمارات", "الإمارات"]
    # alriyadh: "Accompanying al-Muallem on this visit was the Syrian deputy foreign minister, Faisal Mekdad."
    # — the leader is unknown to the lexicon; the member's own title names his country.
    assert members("ورافق المعلم في هذه الزيارة نائب وزير الخارجية السوري، فيصل مقداد.") == [
        ("سوريا", "نائب وزير الخارجية السوري", "فيصل مقداد")]


def test_a_side_is_never_a_word_that_is_no_country():
    # alriyadh: "The inmates were accompanied by member of the local council Mr Yousef al-Shammari and the
    # activities supervisor Nawaf al-Anazi." — the accompanied (النزلاء, the inmates) is no country: the side is
    # empty, or the outlet's country when the outlet is known (data/lexicons/outlets.csv).
    text = "وقد رافق النزلاء عضو المجلس المحلي الأستاذ يوسف الشمري، ومشرف الأنشطة نواف العنزي."
    assert [side for side, _, _ in members(text)] == ["", ""]
    assert [side for side, _, _ in members(text, outlet="alriyadh")] == ["السعودية", "السعودية"]


def test_every_side_and_leader_is_a_known_country():
    known = {country.side for country in delegations.countries()}
    assert {leader.side for leader in delegations.leaders()} <= known
    assert delegations.side_of("الوفد الكوري الجنوبي") == "كوريا الجنوبية"
    assert delegations.side_of("لبوتين") == "روسيا"
    assert delegations.side_of("خادم الحرمين الشريفين") == "السعودية"


# --- the development gold set, scored as a whole -------------------------------------------------------


@pytest.fixture(scope="module")
def gold_score():
    spec = importlib.util.spec_from_file_location("delegations_gold", REPO_ROOT / "benchmarks" / "delegations_gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    articles, gold = module.load_gold(module.GOLD)
    return module.score(articles, gold, module.predict(articles))


def test_the_gold_set_meets_the_acceptance_figures(gold_score):
    # issue 16: member precision ≥ 0.9 and recall ≥ 0.85, side accuracy ≥ 0.9 on the members found, no list in
    # the articles without lists (SaudiNewsNet, 58 articles with lists and 31 without; see PROVENANCE.md)
    precision, recall = gold_score["members"]
    assert precision >= 0.9 and recall >= 0.85, gold_score["members"]
    assert gold_score["side_accuracy"] >= 0.9
    assert gold_score["false_lists"] == 0

"""Reports of one happening meet; look-alike happenings (same template, same type and day) stay apart.
Places are compared in the hierarchy, dates come from the text or from the file's path."""
from __future__ import annotations

import datetime
import re
from dataclasses import replace

import pytest
from texts import (
    BOMBING_REPORTS,
    CONDEMNATION,
    FIRE_REACTION,
    FIRE_REPORTS,
    TOLD_TWO_WAYS,
)

from khabar.corpus.events import cluster_events
from khabar.corpus.places import load_hierarchy
from khabar.corpus.pooling import POOLED
from khabar.corpus.story import load_background
from khabar.corpus.terms import terms_in
from khabar.corpus.units import units_of_article
from khabar.document.event_dates import reference_hint
from khabar.document.events import (
    ArticleInput,
    DateRef,
    EntityRef,
    extract_event_mentions,
)

NAMES = {
    "أبها": ("abha", "location"), "عسير": ("asir", "location"), "السعودية": ("saudi-arabia", "location"),
    "نجران": ("najran", "location"), "جازان": ("jizan", "location"), "القصيم": ("qassim", "location"),
    "المدينة المنورة": ("medina", "location"), "ينبع": ("yanbu", "location"),
    "الباحة": ("al-baha", "location"), "الدوحة": ("doha", "location"), "قطر": ("qatar", "location"),
    "روما": ("rome", "location"), "إيطاليا": ("italy", "location"), "البحر المتوسط": ("mediterranean", "location"),
    "البحر الأحمر": ("red-sea", "location"), "عادل الجبير": ("adel-al-jubeir", "person"),
    "تميم بن حمد": ("tamim-bin-hamad", "person"), "محمد بن زايد": ("mohamed-bin-zayed", "person"),
    "أبوظبي": ("abu-dhabi", "location"), "الملك سلمان": ("salman-bin-abdulaziz", "person"),
    "محمد بن نايف": ("mohammed-bin-nayef", "person"), "باولو جنتيلوني": ("paolo-gentiloni", "person"),
    "وزارة الداخلية": ("saudi-interior-ministry", "organization"),
    "سوريا": ("syria", "location"), "إدلب": ("idlib", "location"), "حماة": ("hama", "location"),
    "القاهرة": ("cairo", "location"), "جدة": ("jeddah", "location"), "مصر": ("egypt", "location"),
    "سامح شكري": ("sameh-shoukry", "person"), "سان بطرسبرغ": ("saint-petersburg", "location"),
    "المغرب": ("morocco", "location"), "الرباط": ("rabat", "location"),
    "الرياض": ("riyadh", "location"), "الأحساء": ("al-ahsa", "location"),
    "المنطقة الشرقية": ("eastern-province-sa", "location"),
    "الحوثيين": ("houthis", "organization"),
    # one adviser the entity stage names twice: after a title, two words; as a lineage, "أحمد بن دغر"
    "أحمد عبيد": ("cand:احمد-عبید", "person"), "أحمد بن دغر": ("cand:احمد-بن-دغر", "person"), "الدفاع المدني": ("civil-defence", "organization"),
    # towns and districts the gazetteer lacks: the entity stage names them as candidates
    "كفرعويد": ("cand:كفرعويد", "location"), "كفرنبودة": ("cand:كفرنبودة", "location"),
    "الوراق": ("cand:الوراق", "location"), "عدن": ("aden", "location"), "أبين": ("abyan", "location"), "ميانمار": ("myanmar", "location"), "سويسرا": ("switzerland", "location"),
    "مجلس التعاون": ("gcc", "organization"), "اليمن": ("yemen", "location"),
    "إسماعيل ولد الشيخ أحمد": ("ismail-ould-cheikh-ahmed", "person"), "سعد العريفي": ("cand:سعد-العريفي", "person"),
    # a country's nationality adjective, as the entity stage reads it: the country
    "جون كيري": ("john-kerry", "person"), "سيرجي لافروف": ("sergey-lavrov", "person"), "لافروف": ("sergey-lavrov", "person"),
    "ماليزيا": ("malaysia", "location"), "روسيا": ("russia", "location"), "الولايات المتحدة": ("united-states", "location"),
    "الأمم المتحدة": ("united-nations", "organization"), "بنغازي": ("benghazi", "location"),
    "آسيا": ("asia", "location"), "الجيزة": ("giza", "location"), "طنجة": ("tangier", "location"), "داعش": ("islamic-state", "organization"),
    "مجلس الأمن": ("un-security-council", "organization"), "الاتحاد الأوروبي": ("european-union", "organization"), "طهران": ("tehran", "location"),
    "إيران": ("iran", "location"), "فيينا": ("vienna", "location"), "الكويت": ("kuwait", "location"),
    "تونس": ("tunisia", "location"), "سعودية": ("saudi-arabia", "location"), "سورية": ("syria", "location"), "مسقط": ("muscat", "location"),
    "سعود الفيصل": ("saud-al-faisal", "person"), "خالد الفيصل": ("khalid-al-faisal", "person"),
    "عبدالفتاح السيسي": ("abdel-fattah-el-sisi", "person"), "نبيل العربي": ("nabil-elaraby", "person"),
    "عبدربه منصور هادي": ("abd-rabbuh-mansur-hadi", "person"), "خالد بحاح": ("khaled-bahah", "person"),
    "الملا عمر": ("mullah-omar", "person"), "صامطة": ("samtah", "location"), "الطوال": ("at-tuwal", "location"),
    "عبدالله الربيعة": ("abdullah-al-rabeeah", "person"), "عبداللطيف الزياني": ("abdullatif-al-zayani", "person"),
    "إحسان بن صالح طيب": ("cand:احسان-بن-صالح", "person"), "مركز الملك سلمان للإغاثة": ("ksrelief", "organization"),
    "صالح بن سليمان الوهيبي": ("cand:صالح-الوهيبي", "person"), "منصور بن صالح الخنيزان": ("cand:منصور-بن-صالح", "person"),
    "فيصل بن بندر": ("faisal-bin-bandar", "person"), "ضاحي خلفان": ("cand:ضاحي-خلفان", "person"), "دبي": ("dubai", "location"), "ماجد الحقيل": ("cand:ماجد-الحقيل", "person"),
    "فهد بن عبدالعزيز المعمر": ("cand:فهد-المعمر", "person"), "عزام الدخيل": ("azzam-al-dakhil", "person"),
    "خالد اليوسف": ("cand:خالد-اليوسف", "person"),
    "أبو عريش": ("abu-arish", "location"), "القديح": ("al-qudaih", "location"), "الطائف": ("taif", "location"), "باريس": ("paris", "location"),
}
_NAMES = re.compile("|".join(re.escape(n) for n in sorted(NAMES, key=len, reverse=True)))


def art(aid: str, body: str, path: str = "") -> ArticleInput:
    ents = tuple(EntityRef(*NAMES[m.group()], m.start(), m.end(), m.group()) for m in _NAMES.finditer(body))
    return ArticleInput(aid, "ar", None, body, ents, (), None, reference_hint(path))


def together(articles: list[ArticleInput], event_type: str) -> list[tuple[str, ...]]:
    mentions = [m for a in articles for m in extract_event_mentions(a)]
    events, _ = cluster_events(mentions, articles)
    return sorted(e.article_ids for e in events if e.event_type == event_type)


def joined(articles: list[ArticleInput]) -> list[tuple[str, ...]]:
    """The events of two articles or more, whatever their type."""
    mentions = [m for a in articles for m in extract_event_mentions(a)]
    events, _ = cluster_events(mentions, articles)
    return sorted(e.article_ids for e in events if len(e.article_ids) > 1)


@pytest.mark.parametrize(
    "a,b,compatible",
    [
        pytest.param("abha", "asir", True, id="city-in-its-region"),
        pytest.param("abha", "saudi-arabia", True, id="city-in-its-country"),
        pytest.param("asir", "saudi-arabia", True, id="region-in-its-country"),
        pytest.param("najran", "jizan", False, id="two-regions-of-one-country"),
        pytest.param("abha", "najran", False, id="city-and-another-region"),
        pytest.param("abha", "qatar", False, id="two-countries-apart"),
        pytest.param("abha", None, True, id="an-unknown-place-agrees"),
        pytest.param("myanmar", "switzerland", False, id="two-far-countries-apart"),
        pytest.param("kenya", "nigeria", False, id="two-african-countries-apart"),
        pytest.param("giza", "cairo", True, id="giza-is-greater-cairo"),
        pytest.param("tangier", "rabat", False, id="two-moroccan-cities-apart"),
        pytest.param("afif", "riyadh", True, id="a-governorate-in-its-region"),
        pytest.param("afif", "tabuk", False, id="a-governorate-and-another-region"),
        pytest.param("at-tuwal", "samtah", False, id="two-border-towns-of-one-region-apart"),
    ],
)
def test_place_hierarchy(a, b, compatible):
    assert load_hierarchy().compatible(a, b) is compatible


def test_background_statistics_are_shipped_and_large():
    background = load_background()
    assert background.documents > 10_000
    assert background.df  # word -> document frequency


EXECUTION = ("نفذت وزارة الداخلية اليوم حكم القتل قصاصا في أحد الجناة بمنطقة {place}، وذلك إثر خلاف "
             "أطلق فيه الجاني النار على {victim}. وأكدت الوزارة حرص حكومة خادم الحرمين على استتباب الأمن.")


def test_one_ministry_template_on_different_days_and_places_is_two_executions():
    arts = [
        art("q1", EXECUTION.format(place="القصيم", victim="شقيقين"), "2015-07-23/spa.txt"),
        art("q2", EXECUTION.format(place="القصيم", victim="شقيقين") + " ", "2015-07-23/sabq.txt"),
        art("b1", EXECUTION.format(place="الباحة", victim="ابن عمه"), "2015-08-10/spa.txt"),
    ]
    assert together(arts, "execution") == [("b1",), ("q1", "q2")]


def test_one_template_the_same_day_in_two_regions_is_two_executions_even_undated():
    arts = [
        art("q1", EXECUTION.format(place="القصيم", victim="شقيقين")),
        art("b1", EXECUTION.format(place="الباحة", victim="شقيقين")),
    ]
    assert together(arts, "execution") == [("b1",), ("q1",)]


PROJECTILE = "أصيب {n} أشخاص اليوم الجمعة إثر سقوط مقذوفات عسكرية من داخل الأراضي اليمنية على حي سكني في {place}."


def test_two_projectile_strikes_the_same_day_in_two_towns_stay_apart():
    arts = [
        art("n1", PROJECTILE.format(n="ثلاثة", place="نجران")),
        art("n2", PROJECTILE.format(n="ثلاثة", place="نجران") + " وباشر الدفاع المدني الحادث."),
        art("j1", PROJECTILE.format(n="خمسة", place="جازان")),
    ]
    assert together(arts, "shelling") == [("j1",), ("n1", "n2")]


def test_the_same_town_named_friday_and_sunday_is_two_strikes():
    arts = [
        art("f1", PROJECTILE.format(n="ثلاثة", place="نجران")),
        art("s1", PROJECTILE.format(n="ثلاثة", place="نجران").replace("الجمعة", "الأحد")),
    ]
    assert together(arts, "shelling") == [("f1",), ("s1",)]


def test_friday_and_sunday_keep_two_strikes_apart_whatever_the_paths_date():
    # dated by their paths two days apart (within the window), each report names its own weekday
    arts = [
        art("f1", PROJECTILE.format(n="ثلاثة", place="نجران"), "2015-07-24/a.txt"),
        art("f2", PROJECTILE.format(n="ثلاثة", place="نجران").replace("اليوم الجمعة", "أمس الجمعة"),
            "2015-07-25/b.txt"),
        art("s1", PROJECTILE.format(n="ثلاثة", place="نجران").replace("الجمعة", "الأحد"), "2015-07-26/c.txt"),
    ]
    assert together(arts, "shelling") == [("f1", "f2"), ("s1",)]


def test_a_day_written_out_and_an_undated_report_naming_another_weekday_are_two_strikes():
    # 24 July 2015 was a Friday: a report of no date that names Sunday tells another strike, one that
    # names Friday may tell the dated one
    body = PROJECTILE.format(n="ثلاثة", place="نجران").replace("اليوم الجمعة", "في 24 يوليو 2015")
    at = body.index("24")
    dated = replace(art("d24", body), dates=(DateRef(datetime.date(2015, 7, 24), at, at + 12),))
    arts = [
        dated,
        art("fri", PROJECTILE.format(n="ثلاثة", place="نجران")),
        art("sun", PROJECTILE.format(n="ثلاثة", place="نجران").replace("الجمعة", "الأحد")),
    ]
    assert together(arts, "shelling") == [("d24", "fri"), ("sun",)]


STRIKE = "سقط مقذوف عسكري{day} أطلقه {who} من داخل الأراضي اليمنية على {what} في مدينة نجران وأصيب {hurt}."


def test_a_report_takes_the_weekday_its_other_sentences_give_the_strike():
    # the eyewitness piece opens on the strike without a day, and a later sentence (another unit: it
    # names other actors) says it fell at Friday prayer: both units are Friday's, not Sunday's
    eye = art("eye", STRIKE.format(day="", who="الحوثيين", what="محل تجاري", hurt="مقيم")
              + " وباشر الدفاع المدني موقع المقذوف وقت صلاة الجمعة.")
    units = units_of_article(eye, extract_event_mentions(eye), load_hierarchy())
    assert [u.weekdays for u in units] == [{4}, {4}]
    arts = [
        art("fri", STRIKE.format(day=" اليوم الجمعة", who="الحوثيين", what="محل تجاري", hurt="مقيم")),
        art("sun", STRIKE.format(day=" اليوم الأحد", who="الحوثيين", what="منزل", hurt="ثلاثة أطفال")),
        eye,
    ]
    groups = together(arts, "shelling")
    assert ("eye", "fri") in groups and ("sun",) in groups  # the later sentence may stay a unit of its own


VERDICT = ("أصدرت المحكمة الجزائية المتخصصة في جدة حكما ابتدائيا بالسجن {term} بحق مواطن أدين بالانضمام "
           "إلى تنظيم إرهابي والسفر إلى مناطق القتال، ومنعه من السفر بعد خروجه من السجن مدة مماثلة.")


def test_two_verdicts_of_one_court_with_different_terms_stay_apart():
    arts = [
        art("nine", VERDICT.format(term="9 سنوات")),
        art("nine2", VERDICT.format(term="تسع سنوات") + " وتضمن الحكم غرامة مالية."),
        art("thirty", VERDICT.format(term="30 عاما")),
    ]
    assert together(arts, "verdict") == [("nine", "nine2"), ("thirty",)]


def test_reports_that_give_no_term_do_not_merge_two_verdicts_that_give_two():
    # each termless report could join either verdict: the bridges they make cannot merge them
    plain = VERDICT.format(term="مدة طويلة")
    arts = [
        art("nine", VERDICT.format(term="9 سنوات")),
        art("thirty", VERDICT.format(term="30 عاما")),
        art("p1", plain),
        art("p2", plain + " وتضمن الحكم غرامة مالية."),
        art("p3", "أفادت مصادر بأن " + plain),
    ]
    assert not any({"nine", "thirty"} <= set(g) for g in together(arts, "verdict"))


def test_a_verdict_whose_opening_leaves_its_terms_to_the_title_keeps_them():
    # the court's two verdicts of one day: the second report writes "9 years" in its title alone, and
    # is not free to join the verdict of 30 years
    nine = replace(art("nine", VERDICT.format(term="لمدة طويلة")), title="السجن 9 أعوام لمواطن انضم لتنظيم إرهابي")
    arts = [art("thirty", VERDICT.format(term="30 عاما")), nine]
    units = units_of_article(nine, extract_event_mentions(nine), load_hierarchy())
    assert [u.terms for u in units if u.event_type == "verdict"] == [{9}]
    assert together(arts, "verdict") == [("nine",), ("thirty",)]


def test_years_written_in_digits_and_words():
    assert terms_in("بالسجن 9 أعوام") == {9}
    assert terms_in("بالسجن لمدة تسع سنوات") == {9}
    assert terms_in("السجن ٩ أعوام") == {9}
    assert terms_in("بالسجن 30 و ثماني سنوات") == {30, 8}
    assert terms_in("منها خمس عشرة سنة") == {15}
    assert terms_in("خمسة وعشرين عاما") == {25}
    assert terms_in("سنتين") == {2}
    assert terms_in("منها سنة بناء على المادة") == set()
    assert terms_in("مواطن يبلغ من العمر 25 عاما") == set()  # an age, not a term


def test_two_verdicts_of_two_defendants_share_a_term():
    arts = [
        art("both", VERDICT.format(term="30 و ثماني سنوات")),
        art("first", VERDICT.format(term="30 عاما") + " وتضمن الحكم غرامة مالية."),
    ]
    assert together(arts, "verdict") == [("both", "first")]


def dated_art(aid: str, body: str, path: str, day: int) -> ArticleInput:
    a = art(aid, body, path)
    at = body.index("أغسطس")
    return replace(a, dates=(DateRef(datetime.date(2015, 8, day), at - 3, at + 5),))


BOMB = "انفجرت عبوة ناسفة في {day} أغسطس أمام محكمة في القاهرة وأصيب ضابطان ومجند بجروح."


def test_a_bombing_dated_in_the_text_a_day_apart_is_two_bombings():
    arts = [
        dated_art("b10", BOMB.format(day="10"), "2015-08-10/a.txt", 10),
        dated_art("b10r", BOMB.format(day="10") + " ", "2015-08-11/b.txt", 10),
        dated_art("b11", BOMB.format(day="11"), "2015-08-11/c.txt", 11),
    ]
    assert together(arts, "bombing") == [("b10", "b10r"), ("b11",)]


def test_a_bombing_dated_in_its_sentence_and_one_dated_by_its_publication_a_day_on_are_two_bombings():
    # an agency's daily round-up of blasts in one city: one issue writes the day beside the blast, the
    # next gives only its publication line; a reprint of the first, published the next day, is the first
    first = dated_art("b10", BOMB.format(day="10"), "", 10)
    reprint = replace(art("b10r", BOMB.format(day="10") + " "), dates=first.dates, published_date=datetime.date(2015, 8, 11))
    nextday = replace(art("b11", "انفجرت عبوة ناسفة أمام محكمة في القاهرة وأصيب ضابطان ومجند بجروح."),
                      published_date=datetime.date(2015, 8, 11))
    assert together([first, reprint, nextday], "bombing") == [("b10", "b10r"), ("b11",)]


def test_a_condemnation_published_days_on_tells_the_bombing_not_another():
    # "دان مجلس الوزراء البحريني بشدة التفجير": its publication line is the day of the words; a round-up
    # told by "a source reported" ("أفاد مصدر") the next day is another day's blast (the test above)
    first = dated_art("b10", BOMB.format(day="10"), "", 10)
    condemned = replace(art("c14", "دان مجلس الوزراء بشدة التفجير الإرهابي الذي استهدف محكمة في القاهرة وأصاب ضابطين ومجندا."),
                        published_date=datetime.date(2015, 8, 12))
    assert together([first, condemned], "bombing") == [("b10", "c14")]


# one junior's two tournaments, three weeks apart: no side either report names, worded alike
TITLE_WON = ("توج الحقباني بلقب البطولة الدولية للناشئين في كارولاينا بعد فوزه في المباراة النهائية بمجموعتين "
             "نظيفتين، ليعود إلى وطنه بالكأس.")
FINAL_REACHED = "فاز الحقباني في نصف نهائي بطولة الملاعب الصلبة في فلوريدا بمجموعتين مقابل مجموعة، وبلغ المباراة النهائية."


def test_one_players_matches_whose_sides_no_report_names_stay_apart_unless_told_alike():
    arts = [art("title", TITLE_WON), art("title-again", TITLE_WON + " "), art("final", FINAL_REACHED)]
    assert together(arts, "match") == [("final",), ("title", "title-again")]


# one resolution told by two papers in their own words, undated: the Council and Iran are all they share
RESOLUTION = ("وافق مجلس الأمن الدولي بالإجماع على مشروع قرار يصادق على الاتفاق النووي الذي توصلت إليه القوى الكبرى "
              "مع طهران في فيينا، وينظم رفع العقوبات الأممية المفروضة على إيران بشكل تدريجي خلال السنوات العشر المقبلة.")
RESOLUTION_RETOLD = ("صادق مجلس الأمن الدولي أمس على الاتفاق النووي المبرم بين إيران والدول الست، ممهدا لرفع العقوبات "
                     "الذي أثقل اقتصاد البلاد، وسط ترحيب حذر من العواصم الخليجية ودعوات إلى مراقبة التزامها بتعهداتها.")
KURDISH_DEAL = ("رحب مجلس الأمن الدولي بالاتفاق الذي وقعته الحكومة الإيرانية مع المعارضة الكردية في إيران لإنهاء "
                "المواجهات في المحافظات الغربية، ودعا الطرفين إلى تنفيذ بنوده وتبادل الأسرى.")


def test_undated_retellings_of_one_partys_act_in_one_country_meet():
    """Two papers' words on the Security Council's resolution (Tehran in one, Iran in the other) are
    one happening though they share little wording; the Council's welcome of another deal in Iran
    is another."""
    arts = [art("resolution", RESOLUTION), art("retold", RESOLUTION_RETOLD), art("kurds", KURDISH_DEAL)]
    assert together(arts, "agreement") == [("kurds",), ("resolution", "retold")]


def test_dated_retellings_of_one_partys_act_in_one_country_meet_as_undated_ones_do():
    """Filed under their day, the two papers' words on the resolution are no less one happening: a
    day of their own takes nothing from the party they share."""
    arts = [art("resolution", RESOLUTION, "2015-07-20/a.txt"), art("retold", RESOLUTION_RETOLD, "2015-07-20/b.txt"),
            art("kurds", KURDISH_DEAL, "2015-07-20/c.txt")]
    assert together(arts, "agreement") == [("kurds",), ("resolution", "retold")]



# the same deal endorsed the same day by two bodies, each report naming the deal's other party's capital
COUNCIL_ENDORSES = ("صادق مجلس الأمن الدولي اليوم بالإجماع على الاتفاق النووي الذي أبرمته القوى الكبرى مع طهران، "
                    "ممهدا لرفع العقوبات الأممية المفروضة عليها تدريجيا. وقالت المندوبة الأمريكية سامنثا باور إن "
                    "القرار يبقي آلية لإعادة فرض العقوبات خلال عشر سنوات إذا أخلت بتعهداتها، فيما دعا المندوب "
                    "الروسي إلى رفع الحظر على السلاح في أقرب وقت.")
COUNCIL_RETOLD = ("وافق مجلس الأمن الدولي اليوم على قرار يصادق على الاتفاق النووي مع طهران ويرفع العقوبات الأممية "
                  "عنها تدريجيا، في جلسة صوت فيها الأعضاء الخمسة عشر بالإجماع. ورحب المندوب الإيراني بالتصويت، "
                  "وقال إن بلاده ستفي بالتزاماتها ما التزم بها الآخرون.")
UNION_ENDORSES = ("أقر وزراء خارجية الاتحاد الأوروبي في اجتماعهم الدوري اليوم بعد مشاورات مطولة حول أزمة اللاجئين "
                  "وأوكرانيا الاتفاق الموقع مع طهران بشأن برنامجها الذري، وكلفوا المفوضية إعداد خطوات تخفيف القيود "
                  "على المصارف وشركات الشحن وصادرات النفط والغاز والبتروكيماويات. وقالت المسؤولة عن السياسة "
                  "الخارجية فيديريكا موغيريني إن الشركات الأوروبية تنتظر فتح السوق الإيرانية، وإن التكتل سيراقب "
                  "التنفيذ عن كثب قبل الإفراج عن أرصدة المصارف المجمدة.")


def test_one_deal_endorsed_the_same_day_by_two_bodies_is_two_happenings():
    """The Security Council's and the European Union's endorsements of the Iran deal, dated the same
    day, both placed in Tehran (the deal's other party): two known parties, none in common, so the
    place alone anchors neither to the other. The Council's endorsement told twice is one."""
    arts = [art("council", COUNCIL_ENDORSES, "2015-07-20/a.txt"), art("retold", COUNCIL_RETOLD, "2015-07-20/b.txt"),
            art("union", UNION_ENDORSES, "2015-07-20/c.txt")]
    assert all("agreement" in {m.event_type for m in extract_event_mentions(a)} for a in arts)
    assert together(arts, "agreement") == [("council", "retold"), ("union",)]


# a happening of no known type retold by another paper in its own words, and one cable template sent to two
# countries: the retelling is as alike as the two cables (0.45 and 0.54 here)
TALLY = ("سجل مهرجان بريدة للتمور في يومه الخامس عشر دخول أكثر من ألفين وأربعمئة سيارة محملة بالتمور إلى ساحة "
         "المزاد، وبلغت قيمة المبيعات نحو أحد عشر مليون ريال، وتصدر صنف السكري قائمة الأصناف الأكثر طلبا يليه "
         "الخلاص والبرحي. وأوضح المتحدث باسم المهرجان أن الإقبال من تجار دول الخليج ارتفع مقارنة بالعام الماضي، "
         "وأن اللجنة المنظمة مددت ساعات المزاد الصباحي لاستيعاب الحركة، فيما تواصل فرق البلدية مراقبة الجودة "
         "والأسعار وتنظيم مواقف الشاحنات حول المدينة.")
TALLY_RETOLD = ("واصلت ساحة المزاد في مهرجان بريدة للتمور عملها في يومه الخامس عشر، إذ دخلت الساحة أكثر من ألفين "
                "وأربعمئة سيارة محملة بالتمور، وتجاوزت قيمة المبيعات أحد عشر مليون ريال بحسب إدارة المهرجان. واحتفظ "
                "صنف السكري بالصدارة بين الأصناف يليه الخلاص، وشهدت الأسواق المجاورة توافد المتسوقين من الكويت وقطر "
                "والإمارات، وقال مزارعون إن الأسعار جاءت مرضية هذا الموسم رغم ارتفاع كلفة النقل والعمالة.")
CABLE = ("بعث خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز برقية تهنئة لفخامة الرئيس {who} بمناسبة ذكرى "
         "{day} لبلاده. وأعرب الملك باسمه واسم شعب وحكومة المملكة العربية السعودية عن أصدق التهاني وأطيب التمنيات "
         "بالصحة والسعادة لفخامته، ولحكومة وشعب {country} الصديق اطراد التقدم والازدهار. {more}")
JAMAICA_MORE = ("ويحتفل الجامايكيون بالمناسبة في العاصمة كينغستون بعروض موسيقى "
                "الريغي والمسيرات الشعبية وإطلاق الألعاب النارية على الشاطئ.")
IVORY_MORE = ("وتشهد أبيدجان وياموسوكرو احتفالات رسمية يتقدمها عرض عسكري في الساحة "
              "الكبرى، وتستعد البلاد لانتخابات رئاسية في أكتوبر المقبل.")


def test_a_retelling_of_no_known_type_meets_and_one_template_to_two_countries_does_not():
    """Two papers' words on the festival's fifteenth day share its figures and its opening's subject:
    one happening, though less alike than WHOLE_STORY_JOIN asks. The King's cable to Jamaica and to
    Côte d'Ivoire read more alike still, but neither opening's rarest words (the country, its head of
    state) are in the other: two happenings."""
    arts = [art("tally", TALLY), art("retold", TALLY_RETOLD),
            art("jamaica", CABLE.format(who="باتريك ألين حاكم عام جامايكا", day="استقلال", country="جامايكا",
                                        more=JAMAICA_MORE)),
            art("ivory", CABLE.format(who="الحسن واتارا رئيس جمهورية كوت ديفوار", day="اليوم الوطني",
                                      country="كوت ديفوار", more=IVORY_MORE))]
    assert [[m.event_type for m in extract_event_mentions(a)] for a in arts] == [["other"]] * 4
    assert together(arts, "other") == [("ivory",), ("jamaica",), ("retold", "tally")]


def test_a_retelling_that_tells_a_kind_the_other_report_does_not_still_meets():
    """The festival's fifteenth day retold with a new wing's opening in it, opening in other words:
    told as an opening and as no known kind, 0.41 alike, the two meet as a retelling of one kind does."""
    retold = (TALLY_RETOLD.replace("واصلت ساحة المزاد في مهرجان بريدة للتمور عملها في يومه الخامس عشر، إذ",
                                   "واصل مزاد مهرجان بريدة للتمور عمله في يومه الخامس عشر وسط أجواء صيفية حارة، إذ")
              .replace("وتجاوزت قيمة المبيعات", "وأقيم حفل افتتاح جناح جديد، وتجاوزت قيمة المبيعات"))
    arts = [art("tally", TALLY), art("retold", retold + " وتنتشر في الساحة خيام الضيافة والقهوة العربية.")]
    assert [[m.event_type for m in extract_event_mentions(a)] for a in arts] == [["other"], ["opening"]]
    assert together(arts, "opening") == [("retold", "tally")]


# an agency's two-line note and a paper's longer story of one accident (0.41 alike; their openings differ)
LIFT_NOTE = ("انتشلت فرق الدفاع المدني بمحافظة جدة جثة عامل آسيوي سقط في بئر مصعد عمارة تحت الإنشاء بحي الصفا، "
             "وتم تسليم الجثة للجهات الأمنية لاستكمال الإجراءات.")
LIFT_STORY = ("لقي عامل من الجنسية الآسيوية حتفه مساء أمس إثر وقوعه من الدور السابع في بئر مصعد بمبنى قيد البناء في "
              "حي الصفا شمالي جدة. وانتشلت فرق الدفاع المدني بمحافظة جدة جثة العامل من بئر مصعد العمارة تحت الإنشاء. "
              "وأوضح المتحدث الرسمي للدفاع المدني بالمنطقة أن بلاغا ورد إلى غرفة العمليات يفيد بوقوع العامل من الدور "
              "السابع، فباشرت الفرق البلاغ واستخدمت معدات الإنقاذ لاستخراج الجثة من قاع البئر بعد نحو ساعتين من العمل. "
              "وأضاف أن الجثة سلمت إلى الشرطة والهلال الأحمر، وأن التحقيقات جارية لمعرفة ملابسات الحادث ومدى التزام "
              "المقاول بإجراءات السلامة في الموقع، داعيا الشركات إلى توفير وسائل الحماية للعمال في المباني قيد الإنشاء.")


def test_a_short_agency_note_retold_in_a_longer_story_meets():
    """Two short summaries' likeness is a few words' (``RETOLD_MIN_ITEMS``), but a two-line note beside
    a paper's full story of the same accident, sharing its place and subject, is one happening."""
    arts = [art("note", LIFT_NOTE), art("story", LIFT_STORY)]
    assert [[m.event_type for m in extract_event_mentions(a)] for a in arts] == [["other"]] * 2
    assert together(arts, "other") == [("note", "story")]


# two releases of one ministry on two decisions, each ending on the number to call
HOTLINE = " ودعت الوزارة إلى الإبلاغ عن أي مخالفة بالاتصال على الرقم الموحد لخدمة العملاء 920033360 أو عبر موقعها."
VISAS = ("أوقفت وزارة العمل إصدار تأشيرات استقدام العمالة المنزلية من إحدى الدول الآسيوية مؤقتا، إلى حين استكمال "
         "الإجراءات مع الجهات المختصة هناك وضمان حقوق أصحاب العمل والعمالة.")
SUN_BAN = ("ضبطت فرق التفتيش التابعة لمكتب العمل في محافظة خيبر عددا من المنشآت المخالفة لقرار منع العمل تحت "
           "أشعة الشمس في ساعات الظهيرة، وأحالتها إلى اللجان المختصة لتطبيق الغرامات.")


def test_the_number_two_releases_ask_readers_to_call_is_no_figure_they_share():
    """A number no other news gives tells one story (``figures.STORY_FIGURE_MIN_IDF``), but a hotline is the
    ministry's, in every release it sends: the visa suspension and the sun-ban inspection stay two."""
    arts = [art("visas", VISAS + HOTLINE), art("sun-ban", SUN_BAN + HOTLINE)]
    assert [[m.event_type for m in extract_event_mentions(a)] for a in arts] == [["other"]] * 2
    assert joined(arts) == []
    assert joined([art("visas", VISAS + " وبلغ عدد التأشيرات الموقوفة 920033360."),
                   art("sun-ban", SUN_BAN + " وبلغ عدد التأشيرات الموقوفة 920033360.")]) == [("sun-ban", "visas")]


# two papers' notes of one market day under one short title (too short to be a story's name, ``headline_key``)
OIL_TITLE = "النفط الأمريكي دون الصفر"
OIL_NOTE = ("هبط سعر خام غرب تكساس الوسيط لعقود تسليم مايو إلى ما دون الصفر للمرة الأولى في التاريخ، "
            "إذ لم يعد لدى المنتجين مكان لتخزين الخام.")
OIL_RETOLD = ("في سابقة لم تعرفها الأسواق، نزل سعر خام غرب تكساس الوسيط لعقود تسليم مايو إلى ما تحت الصفر، "
              "بعدما امتلأت خزانات المنتجين.")


def test_an_articles_title_is_part_of_the_story_it_tells():
    """The two notes' bodies alone are 0.56 alike, short of WHOLE_STORY_JOIN; with the title each
    paper gave them, 0.61: the title is the article's first line, and says what it is about."""
    arts = [art("note", OIL_NOTE), art("retold", OIL_RETOLD)]
    assert [[m.event_type for m in extract_event_mentions(a)] for a in arts] == [["other"]] * 2
    assert together([replace(a, title=OIL_TITLE) for a in arts], "other") == [("note", "retold")]


# one emir's day: he visits the wounded, then prays over the dead; both reports open on his long title
EMIR_VISIT = ("زار صاحب السمو الملكي الأمير خالد الفيصل أمير منطقة مكة المكرمة اليوم المصابين في حادث انهيار الرافعة "
              "بالمسجد الحرام في مستشفى النور التخصصي بمكة المكرمة، واطمأن على صحتهم ودعا لهم بالشفاء العاجل. "
              "واستمع سموه من مدير المستشفى إلى شرح عن الحالات الصحية للمصابين والخدمات العلاجية المقدمة لهم، ووجه "
              "بتوفير كل ما يحتاجونه من رعاية، ثم تفقد قسم الطوارئ وغرف العناية المركزة واطلع على جاهزية الكوادر الطبية "
              "والتمريضية واستعدادها لاستقبال أي حالات جديدة.")
EMIR_PRAYER = ("أدى صاحب السمو الملكي الأمير خالد الفيصل أمير منطقة مكة المكرمة اليوم صلاة الميت على ضحايا حادث انهيار "
               "الرافعة بالمسجد الحرام في مكة المكرمة، ودعا لهم بالرحمة. وقدم سموه التعازي لأسر الضحايا نيابة عن القيادة، "
               "وأكد أن الدولة لن تدخر جهدا في رعاية ذويهم، ووري الجثامين الثرى في مقبرة الشرائع بحضور جمع غفير من "
               "المشيعين وأقارب الضحايا وعدد من المسؤولين وأعيان المنطقة.")


def test_one_emirs_visit_and_funeral_prayer_whose_openings_are_alike_stay_two():
    """Their openings are 0.64 alike, on the emir's title and the accident: enough for two reports told as
    one kind (OPENING_JOIN), not for two kinds (CROSS_TYPE_OPENING_JOIN)."""
    arts = [art("visit", EMIR_VISIT), art("prayer", EMIR_PRAYER)]
    assert [[m.event_type for m in extract_event_mentions(a)] for a in arts] == [["meeting", "meeting"], ["funeral"]]
    assert together(arts, "meeting") + together(arts, "funeral") == [("visit",), ("prayer",)]


# a death announced, a column mourning "his passing" a week on, and a poem's report: the poet mourns another
SAUD_DEATH = ("أعلن الديوان الملكي اليوم وفاة صاحب السمو الملكي الأمير سعود الفيصل عن عمر ناهز 75 عاما، وستقام "
              "الصلاة عليه بعد صلاة العشاء في المسجد الحرام.")
SAUD_COLUMN = ("لم يقتصر الحزن على فقده ورحيله على أهل بلاده، بل عم أرجاء العالم العربي كله. فقد كان سعود الفيصل "
               "-رحمه الله- عميد الدبلوماسيين في العالم، قضى أربعين عاما وزيرا للخارجية، وقال عنه نظراؤه إن سعود "
               "الفيصل أحكم من جلس إلى طاولة التفاوض.")
ELEGY = ("في قصيدته الجديدة يبكي الشاعر رحيله بكلمات مؤثرة، وقد نشر خالد الفيصل القصيدة أمس، ويرى النقاد أن خالد "
         "الفيصل بلغ فيها ذروة شاعريته بعد عقود من الكتابة.")


def test_his_passing_in_a_columns_opening_is_the_death_of_the_man_it_mourns():
    """"فقده ورحيله" names no one: the column is about the man it names most and mourns ("-رحمه الله-"),
    and joins the report of his death. The poem's report names the poet most, mourned by no one: his
    is no death, and the name after "رحيله" is not whose passing it is."""
    arts = [art("report", SAUD_DEATH), art("column", SAUD_COLUMN), art("elegy", ELEGY)]
    assert [[(m.event_type, dict(m.participants)) for m in extract_event_mentions(a) if m.event_type == "death"]
            for a in arts] == [[("death", {"saud-al-faisal": "subject"})]] * 2 + [[]]
    assert together(arts, "death") == [("column", "report")]


# one cable template, the same day, to the same president: from the King, and from his deputy
CHAD_CABLE = ("بعث {sender} برقية تهنئة لفخامة الرئيس إدريس ديبي إتنو رئيس جمهورية تشاد بمناسبة ذكرى اليوم الوطني "
              "لبلاده، أعرب فيها عن أصدق التهاني وأطيب التمنيات بالصحة والسعادة لفخامته، ولحكومة وشعب جمهورية "
              "تشاد الصديق اطراد التقدم والازدهار.")


def test_one_cable_template_from_two_senders_is_two_happenings():
    """The King's cable to Chad's president and the Crown Prince's, word for word alike but for the
    sender: each opening names a known person the other article never mentions. The King's cable
    filed twice is one."""
    king = CHAD_CABLE.format(sender="الملك سلمان بن عبدالعزيز")
    arts = [art("king", king), art("king-again", king + " "),
            art("deputy", CHAD_CABLE.format(sender="ولي العهد الأمير محمد بن نايف"))]
    assert [[m.event_type for m in extract_event_mentions(a)] for a in arts] == [["other"]] * 3
    assert together(arts, "other") == [("deputy",), ("king", "king-again")]

# a condemnation that names the assault only as "the sinful incident", beside reports that name its kind
MOSQUE_BOMBING = "انفجرت عبوة ناسفة داخل مسجد قوات الطوارئ في أبها اليوم وقتل عشرة من رجال الأمن وأصيب تسعة آخرون."
MOSQUE_CONDEMNED = ("أعرب الشيخ عن استنكاره وتألمه للحادث الآثم الذي استهدف رجال الطوارئ في أبها أثناء أدائهم صلاة "
                    "الظهر اليوم، وعده عدوانا وإجراما.")
KUWAIT_CONDEMNED = "استنكر الوزير الحادث الإرهابي الذي استهدف مسجدا في الكويت أثناء صلاة الجمعة اليوم."
WOUNDED_VISITED = ("زار أمير منطقة عسير اليوم المصابين من رجال الطوارئ الذين يتلقون العلاج في مستشفى أبها نتيجة "
                   "التفجير الذي استهدف مسجدهم، واطمأن على صحتهم.")


def test_a_condemnation_of_the_incident_is_the_bombing_it_condemns():
    """"The sinful incident that targeted the emergency forces in Abha" is the Abha bombing; the
    terrorist incident at a mosque in Kuwait the same day is another happening."""
    arts = [art("bombing", MOSQUE_BOMBING, "2015-08-06/a.txt"), art("condemned", MOSQUE_CONDEMNED, "2015-08-06/b.txt"),
            art("kuwait", KUWAIT_CONDEMNED, "2015-08-06/c.txt")]
    assert [[m.event_type for m in extract_event_mentions(a)] for a in arts] == [["bombing"], ["incident"], ["incident"]]
    mentions = [m for a in arts for m in extract_event_mentions(a)]
    events, _ = cluster_events(mentions, arts)
    assert sorted((e.event_type, e.article_ids) for e in events) == [
        ("bombing", ("bombing", "condemned")), ("incident", ("kuwait",))]


def test_a_visit_to_the_wounded_of_a_bombing_is_not_a_report_of_it():
    """The emir visiting those treated for their wounds "as a result of the bombing" tells his visit:
    the bombing is what the visit is to, and its report is not the bombing's."""
    arts = [art("bombing", MOSQUE_BOMBING, "2015-08-06/a.txt"), art("visit", WOUNDED_VISITED, "2015-08-06/b.txt")]
    assert {m.event_type for m in extract_event_mentions(arts[1])} == {"meeting", "bombing"}
    assert together(arts, "bombing") == [("bombing",), ("visit",)]  # the visit's recalled bombing joins nothing
    assert together(arts, "meeting") == [("visit",)]


# a daily bulletin of no known type: one template, its day written out in the dateline
FORECAST = ("الرياض {day} أغسطس 2015 واس توقعت الرئاسة العامة للأرصاد وحماية البيئة في تقريرها عن حالة الطقس لهذا "
            "اليوم هطول أمطار رعدية مصحوبة برياح نشطة على مناطق جازان وعسير ونجران والباحة، وطقسا شديد الحرارة "
            "على المنطقة الشرقية والرياض.")


def test_a_template_bulletin_of_no_known_type_dated_in_the_text_a_day_apart_is_two_bulletins():
    """The weather bureau's forecast for Monday and Tuesday read alike word for word but for the day:
    two happenings. The same day's forecast filed twice is one."""
    arts = [
        dated_art("mon", FORECAST.format(day="10"), "", 10),
        dated_art("mon-again", FORECAST.format(day="10") + " ", "", 10),
        dated_art("tue", FORECAST.format(day="11"), "", 11),
    ]
    assert [[m.event_type for m in extract_event_mentions(a)] for a in arts] == [["other"]] * 3
    assert together(arts, "other") == [("mon", "mon-again"), ("tue",)]


# one agency template, one envoy, two hosts on two days the texts write out
KAAG = "التقى {host} في بيروت يوم {day} أغسطس المنسقة الخاصة للأمم المتحدة سيغريد كاغ وبحث معها الأوضاع العامة في البلاد."


def test_an_envoy_received_on_two_days_written_out_is_two_meetings():
    arts = [
        dated_art("army", KAAG.format(host="قائد الجيش جان قهوجي", day="10"), "", 10),
        dated_art("army-reprint", KAAG.format(host="قائد الجيش جان قهوجي", day="10") + " ", "", 10),
        dated_art("premier", KAAG.format(host="رئيس الوزراء تمام سلام", day="11"), "", 11),
    ]
    assert together(arts, "meeting") == [("army", "army-reprint"), ("premier",)]


@pytest.mark.parametrize("b", [
    "التقى الأمير محمد بن نايف في القاهرة اليوم خلال زيارته لمصر وزير الخارجية سامح شكري والأمين العام للجامعة "
    "العربية نبيل العربي.",
    # each report's talks held by another of the two both name ("التقى الأمير ...", "بحث وزير الخارجية ..."):
    # who holds talks in a visit is no host whom its meetings share
    "بحث وزير الخارجية سامح شكري مع الأمير محمد بن نايف في القاهرة اليوم خلال زيارته لمصر، بحضور الأمين العام "
    "للجامعة العربية نبيل العربي، سبل مكافحة الإرهاب.",
], ids=["met", "talks-held"])
def test_two_reports_of_one_visit_naming_each_whom_the_other_does_not_are_one_visit(b):
    # a visit holds several meetings: one paper names the president the visitor met, the other the
    # Arab League's secretary general; both name the visitor and the foreign minister beside him
    arts = [
        art("a", "وصل الأمير محمد بن نايف إلى القاهرة اليوم في زيارة رسمية لمصر، والتقى خلال الزيارة الرئيس "
                 "عبدالفتاح السيسي بحضور وزير الخارجية سامح شكري."),
        art("b", b),
    ]
    assert together(arts, "meeting") == [("a", "b")]


def test_two_visits_to_one_host_are_two_meetings():
    """A visit of days is one happening for the visitor its reports share, whomever each names beside
    him; two guests visiting one host, each named by one report only, are two visits: the person they
    share is the one who receives ("استقبل ... الربيعة ... إحسان بن صالح طيب")."""
    arts = [
        art("gcc", "قام الأمين العام لمجلس التعاون عبداللطيف الزياني أمس بزيارة لمركز الملك سلمان للإغاثة في الرياض، "
                   "والتقى بالمشرف العام على المركز عبدالله الربيعة وبحثا إغاثة الشعب اليمني."),
        art("iiro", "استقبل المشرف العام على مركز الملك سلمان للإغاثة عبدالله الربيعة في الرياض اليوم الأمين العام لهيئة "
                    "الإغاثة الإسلامية إحسان بن صالح طيب، وبحثا إغاثة الشعب اليمني بمناسبة زيارته للمركز."),
    ]
    assert together(arts, "meeting") == [("gcc",), ("iiro",)]


# one man's two acts whose reports share his name and title and nothing else: Dubai's police chief denies
# he attacked the King, and two weeks on attacks the Houthis in a tweet; the housing minister receives a
# delegation of businessmen, and another day the head of the engineers' council (the host: the first
# person after "استقبل"). Two papers' reports of one of them share what was said or whom he met
ONE_MANS_TWO_ACTS = {
    "statement": (
        "قال نائب رئيس الشرطة في دبي الفريق ضاحي خلفان في تصريحات خاصة إنه لم يهاجم العاهل السعودي، مؤكدا أنه "
        "تحدث عن تنظيم الإخوان في دول الخليج بعد سقوطه في مصر.",
        "أكد الفريق ضاحي خلفان نائب رئيس شرطة دبي في تصريحات صحفية أنه لم يهاجم العاهل السعودي، وأنه تحدث عن "
        "تنظيم الإخوان في دول الخليج بعد سقوطه في مصر.",
        "هاجم نائب رئيس شرطة دبي ضاحي خلفان ميليشيا الحوثي الانقلابية، واصفا إياها بأنها أداة لإيران في اليمن "
        "لا تريد أن تكون شريكا في العملية السياسية."),
    # the host's post after his name is his too ("أمير منطقة الرياض في مكتبه بقصر الحكم"), and his second
    # guest no one the gazetteer or a pattern names
    "reception": (
        "استقبل الأمير فيصل بن بندر أمير منطقة الرياض في مكتبه بقصر الحكم رئيس الندوة العالمية للشباب الإسلامي صالح بن "
        "سليمان الوهيبي، واستمع إلى إيجاز عن برامج الندوة للشباب داخل المملكة وخارجها.",
        "استقبل الأمير فيصل بن بندر أمير منطقة الرياض في مكتبه بقصر الحكم صالح بن سليمان الوهيبي رئيس الندوة العالمية "
        "للشباب الإسلامي، الذي قدم إيجازا عن برامج الندوة للشباب داخل المملكة وخارجها.",
        "استقبل الأمير فيصل بن بندر أمير منطقة الرياض في مكتبه بقصر الحكم مجموعة من الرحالة السعوديين الذين قدموا "
        "من منطقة نجران تعبيرا عن مشاعرهم الوطنية."),
    "meeting": (
        "استقبل وزير الإسكان ماجد الحقيل وفدا من رجال الأعمال الصينيين، وبحث معهم فرص الاستثمار في مشروعات "
        "الضواحي السكنية وتمويلها.",
        "استقبل وزير الإسكان ماجد الحقيل وفد رجال الأعمال الصينيين، وناقش معهم الاستثمار في الضواحي السكنية "
        "وتمويلها.",
        "استقبل وزير الإسكان ماجد الحقيل رئيس هيئة المهندسين، واستعرض معه برامج تأهيل المهندسين الشباب وتدريبهم."),
    # one governor holding two meetings: he is named between the verb and the noun that names each
    # ("عقد ... اجتماعا"), and the words naming any meeting are no likeness of these two
    "held": (
        "عقد محافظ الطائف فهد بن عبدالعزيز المعمر أمس اجتماعا مع مدير فرع هيئة السياحة بالطائف، وناقش الاجتماع "
        "تطوير المواقع الأثرية في سوق عكاظ وتهيئتها للزوار.",
        "عقد محافظ الطائف فهد بن عبدالعزيز المعمر اجتماعا بمدير فرع هيئة السياحة ناقش فيه تهيئة المواقع الأثرية "
        "في سوق عكاظ للزوار وتطويرها.",
        "عقد محافظ الطائف فهد بن عبدالعزيز المعمر اليوم اجتماعا بمسؤولي شركة الكهرباء، وناقش الاجتماع انقطاع "
        "التيار عن أحياء شمال المحافظة."),
    # a minister's two talks: the verb of talks is the trigger, and he is named first after it
    "talks": (
        "بحث وزير التعليم عزام الدخيل مع مدير الشؤون الدينية بالقوات المسلحة تفعيل التعاون لدعم أسر المرابطين "
        "على الحدود الجنوبية ونقل زوجاتهم المعلمات.",
        "بحث وزير التعليم عزام الدخيل مع مدير عام الشؤون الدينية بالقوات المسلحة دعم أسر المرابطين على الحد "
        "الجنوبي ونقل المعلمات من زوجاتهم.",
        "بحث وزير التعليم عزام الدخيل مع مديري إدارات التعليم جاهزية المدارس لبدء العام الدراسي في موعده."),
    # a title of two posts, nine words before his name, is his title too
    "two-posts": (
        "ترأس رئيس ديوان المظالم رئيس مجلس القضاء الإداري الشيخ الدكتور خالد اليوسف أمس اجتماع لجنة التطوير "
        "الإداري، وناقش الاجتماع تقارير المحاكم الإدارية ومحاكم الاستئناف.",
        "ترأس رئيس ديوان المظالم رئيس مجلس القضاء الإداري الشيخ الدكتور خالد اليوسف اجتماعا للجنة التطوير الإداري "
        "ناقش فيه تقارير المحاكم الإدارية ومحاكم الاستئناف وتقييم منجزاتها.",
        "ترأس رئيس ديوان المظالم رئيس مجلس القضاء الإداري الشيخ الدكتور خالد اليوسف اليوم اجتماعا بقضاة المحكمة "
        "الإدارية في جدة، وحثهم على سرعة الفصل في القضايا."),
}


@pytest.mark.parametrize("case", sorted(ONE_MANS_TWO_ACTS))
def test_one_mans_two_acts_sharing_only_his_name_and_title_stay_two(case):
    first, retold, other = ONE_MANS_TWO_ACTS[case]
    arts = [art("first", first), art("retold", retold), art("other", other)]
    assert together(arts, "statement" if case == "statement" else "meeting") == [("first", "retold"), ("other",)]


# one meeting of the Yemeni president with his advisers: one report names what they discussed (the
# confrontation with the Houthis) beside the trigger, the other names his deputy there and the Houthis further on
# (amid, "في ظل", the confrontation: the Houthis are read as a party; after "لمناقشة", what it was to
# discuss, they would not be: ``test_what_a_meeting_discussed_is_no_party_to_it``)
ADVISERS_MET = ("عقد الرئيس اليمني عبدربه منصور هادي في الرياض اليوم اجتماعا طارئا مع كبار مستشاريه في ظل المستجدات الميدانية "
                "والمواجهة مع الحوثيين في محافظات الجنوب، واستعرض خلال الاجتماع خطط تثبيت الأمن في عدن ولحج وأبين وإعادة "
                "الخدمات إلى المناطق المحررة ودعم السلطات المحلية فيها.")
ADVISERS_MET_RETOLD = ("ترأس الرئيس اليمني عبدربه منصور هادي في الرياض اليوم اجتماعا لكبار مستشاريه بحضور نائبه رئيس الوزراء خالد بحاح، "
                       "خصص لاستعراض المستجدات الميدانية في عدن ولحج وأبين وخطط تثبيت الأمن وإعادة الخدمات إلى المناطق المحررة. "
                       "وأشاد هادي بالانتصارات التي حققتها المقاومة الشعبية على الحوثيين وقوات صالح في محافظات الجنوب.")


def test_what_a_meeting_discussed_is_no_party_that_keeps_its_reports_apart():
    """The Houthis read as a party of one report's meeting are mentioned in the other's too: they are
    what was discussed, and the one person both name (the president) holds the meeting they both tell."""
    arts = [art("topic", ADVISERS_MET), art("deputy", ADVISERS_MET_RETOLD)]
    assert {p for m in extract_event_mentions(arts[0]) for p, _ in m.participants} >= {"houthis"}
    assert together(arts, "meeting") == [("deputy", "topic")]


def test_a_fathers_name_is_no_guests_given_name():
    """The Riyadh emir receives "صالح بن سليمان الوهيبي" one day and "منصور بن صالح الخنيزان" the next, in
    one template: the second guest's father shares the first guest's given name, and the two are two men
    (their lineages read as "صالح الوهيبي" and "منصور بن صالح"), so two receptions."""
    template = ("استقبل الأمير فيصل بن بندر أمير منطقة الرياض في مكتبه بقصر الحكم {guest} وعددا من أعضاء {body}، "
                "واستمع إلى إيجاز عن برامج {body} وخططها للعام المقبل.")
    arts = [art("youth", template.format(guest="رئيس الندوة العالمية للشباب الإسلامي صالح بن سليمان الوهيبي",
                                         body="الندوة")),
            art("chambers", template.format(guest="رئيس لجنة التعليم بمجلس الغرف منصور بن صالح الخنيزان",
                                            body="اللجنة"))]
    assert together(arts, "meeting") == [("chambers",), ("youth",)]


def test_one_adviser_named_two_ways_is_no_stranger_to_the_other_report():
    """"الدكتور أحمد عبيد بن دغر" read after his title as "أحمد عبيد", and "أحمد بن دغر" read as a
    lineage, are two names the gazetteer lacks that share a name: one man, not a guest each report
    has and the other never mentions."""
    titled = ("عقد الرئيس اليمني عبدربه منصور هادي في الرياض اليوم اجتماعا ضم مستشاره الدكتور أحمد عبيد بن دغر "
              "ووزراء في الحكومة، كرس للوقوف على آخر تطورات الأوضاع في عدن ولحج وأبين.")
    lineage = ("ترأس الرئيس اليمني عبدربه منصور هادي في الرياض اليوم اجتماعا مع أحمد بن دغر وعدد من المستشارين، "
               "واستعرض خطط تثبيت الأمن في عدن ولحج وأبين.")
    arts = [art("titled", titled), art("lineage", lineage)]
    assert together(arts, "meeting") == [("lineage", "titled")]


# the deputy's meeting with security chiefs in Jeddah and his reception of the fallen's families in Abha:
# both pass on the King's condolences, and the King is no party to either
SECURITY_CHIEFS_MET = ("رأس الأمير محمد بن نايف في مكتبه بجدة مساء اليوم اجتماعا مع قادة القطاعات الأمنية، ونقل في بداية الاجتماع "
                      "تعازي ومواساة الملك سلمان لأسر شهداء الواجب في حادث التفجير الإرهابي، واستعرض الاجتماع خطط تأمين موسم الحج "
                      "ورفع الجاهزية في المنافذ والمطارات.")
FAMILIES_RECEIVED = ("استقبل الأمير محمد بن نايف في مقر قوة الطوارئ الخاصة في أبها مساء أمس أسر وذوي شهداء الواجب، ونقل إليهم "
                     "تعازي ومواساة الملك سلمان في أبنائهم، مؤكدا أن كل من يحاول العبث بأمن المملكة سيجد الرد فورا، ثم زار "
                     "المصابين في مستشفى عسير المركزي واطمأن على صحتهم.")


def test_whose_condolences_a_meeting_passes_on_is_no_party_to_it():
    """With the King read as a party of both, the same two known people met in both, and their towns
    (Jeddah, Abha) would not keep them apart; he is whose words they pass on: two happenings."""
    arts = [art("jeddah", SECURITY_CHIEFS_MET), art("abha", FAMILIES_RECEIVED)]
    assert all(set(dict(m.participants)) <= {"mohammed-bin-nayef"} for a in arts for m in extract_event_mentions(a))
    assert all(dict(extract_event_mentions(a)[0].participants) == {"mohammed-bin-nayef": "participant"} for a in arts)
    assert together(arts, "meeting") == [("abha",), ("jeddah",)]


# a visiting minister's account of a museum's opening and the opening day's report: one inauguration in
# one town, told in words that share little (0.17 alike)
OPENING_ATTENDED = ("شارك وزير الاقتصاد البلجيكي في فعاليات افتتاح متحف الجيزة ممثلا عن بلاده وعن الاتحاد الأوروبي بعد جولة شملت تونس والمغرب والكويت ومسقط. وقالت تقارير بلجيكية "
                    "إن الشركتين البلجيكيتين اللتين نفذتا أعمال الترميم تتطلعان إلى عقود جديدة في الموانئ والطاقة، وإن حجم التبادل "
                    "التجاري بين البلدين ارتفع خلال العام الماضي، فيما تدرس الحكومة في بروكسل فتح خط ملاحي مباشر مع الإسكندرية "
                    "وتوسيع برامج المنح الدراسية للطلاب.")
OPENING_DAY = ("يفتتح الرئيس المصري اليوم متحف الجيزة بحضور وفود من القاهرة والرياض وباريس وسط إجراءات أمنية مشددة وطائرات تحلق فوق الأهرامات ومسيرات للكشافة وفرق الفنون الشعبية القادمة من طنجة وبنغازي. وتزينت الشوارع والميادين بالأعلام "
               "واللافتات، ونقلت القنوات التلفزيونية الحفل على الهواء، فيما أعلنت المحافظة عطلة رسمية للموظفين، ودعت "
               "المواطنين إلى متابعة الحدث من الشاشات المنصوبة في الساحات العامة.")


def test_undated_reports_of_one_inauguration_in_one_town_meet_on_little_likeness():
    """An inauguration in one town is rarer than most happenings there: undated reports of it need
    OPENING_IN_ONE_PLACE_JOIN (0.15), not the 0.2 of other undated reports in one place."""
    arts = [art("belgian", OPENING_ATTENDED), art("day", OPENING_DAY)]
    assert [[m.event_type for m in extract_event_mentions(a)] for a in arts] == [["opening"], ["opening"]]
    assert together(arts, "opening") == [("belgian", "day")]


def test_one_ministers_visits_to_two_countries_in_one_week_stay_apart():
    arts = [
        art("d1", "استقبل أمير قطر تميم بن حمد في الدوحة وزير الخارجية عادل الجبير وبحثا العلاقات.", "2015-07-25/a.txt"),
        art("d2", "بحث أمير قطر تميم بن حمد مع عادل الجبير في الدوحة القضايا الإقليمية.", "2015-07-26/b.txt"),
        art("r1", "بحث وزير الخارجية عادل الجبير مع نظيره الإيطالي باولو جنتيلوني في روما القضايا الإقليمية.",
            "2015-07-29/c.txt"),
    ]
    assert together(arts, "meeting") == [("d1", "d2"), ("r1",)]


def test_a_visit_lasts_days_and_its_reports_may_name_two_weekdays():
    # "arrived on Friday", "on the first day of his visit, Saturday": one visit; two receptions of
    # one guest named on two weekdays are two meetings, and so are two visits named four days apart
    arrived = "وصل وزير الخارجية عادل الجبير إلى الدوحة مساء {day} في زيارة رسمية يلتقي خلالها أمير قطر تميم بن حمد."
    first_day = ("أجرى وزير الخارجية عادل الجبير في اليوم الأول من زيارته إلى الدوحة اليوم {day} محادثات "
                 "مع أمير قطر تميم بن حمد تناولت العلاقات الثنائية.")
    visit = [art("arrived", arrived.format(day="الجمعة")), art("first-day", first_day.format(day="السبت"))]
    assert together(visit, "meeting") == [("arrived", "first-day")]
    apart = [art("arrived", arrived.format(day="الجمعة")), art("first-day", first_day.format(day="الثلاثاء"))]
    assert together(apart, "meeting") == [("arrived",), ("first-day",)]
    received = "استقبل أمير قطر تميم بن حمد في الدوحة {day} وزير الخارجية عادل الجبير وبحثا العلاقات الثنائية."
    two = [art("friday", received.format(day="يوم الجمعة")), art("saturday", received.format(day="يوم السبت"))]
    assert together(two, "meeting") == [("friday",), ("saturday",)]


def test_a_guests_country_is_whose_he_is_not_where_they_meet():
    # "Egypt's foreign minister" met in Jeddah: the meeting is in Jeddah, and a report that names
    # only the guest's post and Cairo's talks later is not placed in Egypt by it
    arts = [art("spa", "التقى الملك سلمان في جدة اليوم وزير خارجية مصر سامح شكري وبحثا العلاقات الثنائية.")]
    events, _ = cluster_events([m for a in arts for m in extract_event_mentions(a)], arts)
    assert [(e.event_type, e.location_entity_id) for e in events] == [("meeting", "jeddah")]
    guest_first = [art("guest", "التقى وزير خارجية مصر سامح شكري أمس الملك سلمان، وتم خلال اللقاء بحث العلاقات الثنائية. "
                                "وأوضح شكري في المؤتمر الصحفي الذي عقده اليوم في جدة أنه بحث خلال لقائه الملك سلمان "
                                "الأوضاع في المنطقة.")]
    events, _ = cluster_events([m for a in guest_first for m in extract_event_mentions(a)], guest_first)
    # (his press conference is a statement of its own, in Jeddah too)
    assert [(e.event_type, e.location_entity_id) for e in events if e.event_type == "meeting"] == [("meeting", "jeddah")]


def test_the_same_greetings_conveyed_in_two_capitals_do_not_make_one_meeting():
    # undated, like most agency notes: "during the reception he conveyed the greetings of the King and
    # the Crown Prince" is the same sentence in both; the definite "الاستقبال" points back to each
    # article's own reception, so the King and the Crown Prince are not two parties met twice
    greetings = " وخلال الاستقبال نقل الجبير تحيات الملك سلمان وولي العهد محمد بن نايف."
    arts = [
        art("doha", "استقبل أمير قطر تميم بن حمد في الدوحة وزير الخارجية عادل الجبير." + greetings),
        art("abudhabi", "استقبل ولي عهد أبوظبي محمد بن زايد في أبوظبي وزير الخارجية عادل الجبير." + greetings),
    ]
    assert together(arts, "meeting") == [("abudhabi",), ("doha",)]


SINKING = "غرق قارب يقل {n} مهاجرا في {sea} اليوم وأنقذت فرق الإنقاذ عددا من الركاب."


def test_two_boats_sunk_the_same_day_in_different_seas_stay_apart():
    arts = [
        art("m1", SINKING.format(n="40", sea="البحر المتوسط"), "2015-07-22/a.txt"),
        art("m2", SINKING.format(n="40", sea="البحر المتوسط") + " ", "2015-07-22/b.txt"),
        art("r1", SINKING.format(n="12", sea="البحر الأحمر"), "2015-07-22/c.txt"),
    ]
    assert together(arts, "sinking") == [("m1", "m2"), ("r1",)]


def test_an_eyewitness_piece_and_an_agency_note_meet_on_where_and_what():
    arts = [
        art("spa", "أبها - واس: قتل 15 شخصا في تفجير انتحاري استهدف مسجد قوات الطوارئ الخاصة في أبها بمنطقة عسير "
                   "أثناء صلاة الظهر."),
        art("eye", "روى أحد المصابين تفاصيل التفجير الذي هز مسجد قوات الطوارئ في عسير: دخل رجل يرتدي سروالا مموها "
                   "وفجر نفسه في الركعة الثالثة."),
    ]
    assert together(arts, "bombing") == [("eye", "spa")]


# the deputy's arrival to console the fallen's families and his first prayer in their mosque: one visit told
# by two papers, each opening on words of its own ("متدربون مستجدون", "الذائدين ... المنافحين"), 0.44 alike
ARRIVED_IN_ASIR = ("وصل وزير الداخلية الأمير محمد بن نايف مساء اليوم لتقديم واجب العزاء لذوي الشهداء الذين استشهدوا وبينهم متدربون مستجدون "
                   "من الملتحقين بالدورات التأهيلية في وزارة الداخلية. وكان في انتظاره لدى وصوله مطار أبها الإقليمي أمير المنطقة "
                   "الأمير فيصل بن خالد وعدد من المسؤولين وقادة القطاعات الأمنية. وتفقد سموه مقر قوة الطوارئ الخاصة والمسجد "
                   "ووجه بسرعة ترميمه، واستمع إلى شرح من الضباط عن ظروف الحادث وأعداد الضحايا.")
FIRST_PRAYER = ("استكمالا لمواقفه الوطنية التي تتخطى دوما حدود الواجب في المساندة للذائدين عن الحمى والمنافحين "
                "المرابطين من منسوبي وزارة الداخلية، أدى الأمير محمد بن نايف أول صلاة في مسجد الطوارئ الخاصة بعد "
                "الحادث. وفور وصوله إلى مقر قيادة قوة الطوارئ كان في انتظاره أمام بوابة المسجد "
                "أمير المنطقة الأمير فيصل بن خالد. وتفقد سموه المبنى ووجه بسرعة ترميمه، واستمع إلى شرح من الضباط عن "
                "ظروف الحادث وأعداد الضحايا، مؤكدا أن الدولة ماضية في ملاحقة الخلايا وتجفيف منابعها، ثم غادر المقر.")


def test_two_openings_naming_the_same_people_retell_one_story():
    """Each opening's rarest words are its own, but both name the deputy and his ministry, and the
    whole articles are alike as much as two retellings are: one happening."""
    arts = [art("arrival", ARRIVED_IN_ASIR), art("prayer", FIRST_PRAYER)]
    assert together(arts, "other") == [("arrival", "prayer")]


# one template's daily issue: the meteorology presidency's bulletin "for this day", two days' issues as
# alike as two retellings of one story
DAILY_FORECAST = ("توقعت الرئاسة العامة للأرصاد وحماية البيئة في تقريرها عن حالة الطقس لهذا اليوم {sky} على مناطق {regions}، "
                  "وطقسا شديد الحرارة على شرق ووسط المملكة ومعتدلا على المرتفعات. وأورد التقرير أن حركة الرياح السطحية على "
                  "البحر الأحمر ستكون {wind} بسرعة {speed} كم/ساعة، وارتفاع الموج من متر إلى متر ونصف، وحالة البحر متوسط الموج، "
                  "بينما تكون حركة الرياح السطحية على الخليج العربي شمالية شرقية بسرعة 15-35 كم/ساعة.")
MONDAY = DAILY_FORECAST.format(sky="أمطارا رعدية مصحوبة برياح نشطة", regions="عسير وجازان والباحة ونجران",
                         wind="جنوبية غربية إلى غربية", speed="18-38")
TUESDAY = DAILY_FORECAST.format(sky="تدنيا في مدى الرؤية الأفقية بسبب الأتربة المثارة", regions="الرياض والقصيم والمنطقة الشرقية",
                          wind="شمالية غربية", speed="20-40")


def test_two_days_issues_of_one_daily_bulletin_stay_apart_and_one_days_copies_meet():
    arts = [art("monday", MONDAY), art("monday-copy", "الرياض - واس: " + MONDAY), art("tuesday", TUESDAY)]
    assert together(arts, "other") == [("monday", "monday-copy"), ("tuesday",)]


def test_two_days_issues_naming_some_regions_alike_stay_apart_and_a_copy_cut_short_meets():
    # Monday's rain on Jazan, Asir, Najran, Riyadh and Qassim and Tuesday's on Jazan, Asir and Baha are as
    # alike as two copies of one issue; each names a region the other does not, a copy cut short none,
    # and two papers' copies each name their own town only in the dateline before the issue's words
    monday = DAILY_FORECAST.format(sky="أمطارا رعدية مصحوبة برياح نشطة", regions="جازان وعسير ونجران والرياض والقصيم",
                                   wind="جنوبية غربية إلى غربية", speed="18-38")
    tuesday = DAILY_FORECAST.format(sky="أمطارا رعدية مصحوبة برياح نشطة", regions="جازان وعسير والباحة",
                                    wind="جنوبية غربية إلى غربية", speed="18-38")
    cut = monday.rsplit(" بينما", 1)[0] + "."
    arts = [art("monday", monday), art("tuesday", tuesday), art("cut", cut)]
    assert together(arts, "other") == [("cut", "monday"), ("tuesday",)]
    arts = [art("medina", "المدينة المنورة - المدينة: " + monday), art("tuesday", tuesday),
            art("jeddah", "جدة - عكاظ: " + monday)]
    assert together(arts, "other") == [("jeddah", "medina"), ("tuesday",)]


OIL = "اقتربت أسعار خام برنت من أدنى مستوياتها في أربعة أشهر {day} بعد صدور بيانات تظهر انكماش قطاع المصانع في الصين."


def test_a_note_and_a_longer_piece_that_open_alike_tell_one_story():
    # an untyped happening (no trigger word) is grouped on its whole article, and the paper's longer
    # piece says much the note does not: their near-identical openings tell one story
    arts = [
        art("note", OIL.format(day="اليوم") + " وتراجع سعر مزيج برنت 35 سنتا إلى 54.92 دولار للبرميل بحلول "
                                              "الساعة التاسعة بتوقيت جرينتش."),
        art("piece", OIL.format(day="أمس") + " وأظهر مسح أولي للقطاع الخاص أن نشاط الصناعات التحويلية في "
                                             "الصين انكمش بأسرع وتيرة منذ خمسة عشر شهرا، وهبطت الأسهم الآسيوية "
                                             "وتأثرت عملات الأسواق الناشئة. وقال محللون إن صناديق التحوط قلصت "
                                             "مراكزها الدائنة في العقود الآجلة، وإن المخزونات الأمريكية ما زالت "
                                             "مرتفعة رغم موسم القيادة الصيفي، وإن منظمة أوبك تضخ قرب مستويات قياسية."),
    ]
    assert together(arts, "other") == [("note", "piece")]
    # a daily market note on the next day opens otherwise: two closes
    next_day = art("next", "أغلق مؤشر سوق الأسهم السعودية اليوم منخفضا 221 نقطة عند مستوى 9100 نقطة بتداولات "
                           "بلغت قيمتها ستة مليارات ريال.")
    assert together([*arts, next_day], "other") == [("next",), ("note", "piece")]


def test_a_note_and_a_longer_piece_whose_openings_are_reworded_still_tell_one_story():
    # the piece rewords the note's opening (0.60 alike: "هبطت عقود … منذ … انكماش نشاط المصانع الصينية")
    piece = ("هبطت عقود خام برنت قرب أدنى مستوياتها منذ أربعة أشهر أمس بعد بيانات أظهرت انكماش نشاط المصانع "
             "الصينية. وأظهر مسح أولي للقطاع الخاص أن نشاط الصناعات التحويلية في الصين انكمش بأسرع وتيرة منذ خمسة "
             "عشر شهرا، وهبطت الأسهم الآسيوية وتأثرت عملات الأسواق الناشئة. وقال محللون إن صناديق التحوط قلصت "
             "مراكزها الدائنة في العقود الآجلة، وإن المخزونات الأمريكية ما زالت مرتفعة رغم موسم القيادة الصيفي، وإن "
             "منظمة أوبك تضخ قرب مستويات قياسية.")
    note = art("note", OIL.format(day="اليوم") + " وتراجع سعر مزيج برنت 35 سنتا إلى 54.92 دولار للبرميل بحلول "
                                                 "الساعة التاسعة بتوقيت جرينتش.")
    assert together([note, art("piece", piece)], "other") == [("note", "piece")]


def test_one_draw_told_twice_is_one_and_a_draw_elsewhere_is_another():
    # sport has its happenings too: a draw (and a match) is typed, so two reports of it meet on their
    # town and story, while another draw of another sport, in another country, stays apart
    arts = [
        art("agency", "سحبت اليوم في مدينة سان بطرسبرغ قرعة التصفيات المؤهلة لنهائيات كأس العالم لكرة القدم 2018 "
                      "بحضور رئيس الاتحاد الدولي ووقع المنتخب السعودي في المجموعة الثانية."),
        art("paper", "أسفرت قرعة تصفيات كأس العالم 2018 التي أجريت في قصر قسطنطين بمدينة سان بطرسبرغ عن وقوع "
                     "المنتخب السعودي في المجموعة الثانية إلى جانب اليابان والإمارات."),
        art("volley", "أجريت في الرباط قرعة البطولة العربية للكرة الطائرة ووقع المنتخب السعودي في المجموعة الأولى "
                      "إلى جانب المغرب وقطر."),
    ]
    assert together(arts, "draw") == [("agency", "paper"), ("volley",)]


def test_the_day_a_clause_gives_another_man_is_not_the_draws():
    # "the FIFA secretary general, who arrived in Russia last Monday, will oversee the draw": Monday is
    # his arrival's day; read as the draw's, it kept this report from the one of "yesterday, Saturday"
    arts = [
        art("saturday", "سحبت أمس السبت في مدينة سان بطرسبرغ قرعة التصفيات المؤهلة لنهائيات كأس العالم لكرة "
                        "القدم 2018 بحضور رئيس الاتحاد الدولي ووقع المنتخب السعودي في المجموعة الثانية."),
        art("preview", "يحتضن قصر قسطنطين في مدينة سان بطرسبرغ مراسم سحب قرعة التصفيات المؤهلة لنهائيات كأس العالم "
                       "2018 بحضور رئيس الاتحاد الدولي. وسيشرف على القرعة الأمين العام للاتحاد الدولي الفرنسي جيروم "
                       "فالك الذي وصل إلى روسيا الاثنين الماضي."),
    ]
    assert together(arts, "draw") == [("preview", "saturday")]


def test_one_friendly_told_twice_is_one_match_and_the_next_one_elsewhere_another():
    arts = [
        art("m1", "فاز ريال مدريد على مانشستر سيتي 4-1 في مباراة ودية أقيمت اليوم في الدوحة ضمن جولته الآسيوية."),
        art("m2", "تغلب ريال مدريد على مانشستر سيتي بأربعة أهداف مقابل هدف في المباراة الودية التي جمعتهما في الدوحة."),
        art("m3", "خسر ريال مدريد أمام إنتر ميلان بثلاثة أهداف دون رد في مباراة ودية أقيمت في أبوظبي."),
    ]
    assert together(arts, "match") == [("m1", "m2"), ("m3",)]


REFEREE = ("يدير الحكم السعودي فهد المرداسي مباراة افتتاح بطولة كأس شرق آسيا لكرة القدم السبت المقبل، بعد أن اختاره "
           "الاتحاد الآسيوي ضمن طاقم الحكام الدوليين للبطولة.")
REFEREE_RETOLD = ("اختار الاتحاد الآسيوي لكرة القدم الحكم السعودي فهد المرداسي لإدارة مباراة افتتاح بطولة كأس شرق آسيا "
                  "السبت المقبل ضمن طاقم الحكام الدوليين للبطولة.")
RANKING = ("تراجع المنتخب السعودي لكرة القدم مركزا واحدا في تصنيف الاتحاد الدولي الصادر اليوم، وحل سادسا بين منتخبات "
           "آسيا بعد خسارته المباراة الودية الأخيرة.")


DEAL_ENDORSED = ("صادق مجلس الأمن الدولي اليوم بالإجماع على قرار يؤيد الاتفاق المبرم في فيينا مع القوى الكبرى، "
                 "ممهدا لرفع العقوبات الدولية تدريجيا.")
DEAL_ENDORSED_RETOLD = ("وافق مجلس الأمن الدولي بالإجماع على قرار يؤيد الاتفاق المبرم في فيينا بين القوى الكبرى وطهران، "
                        "ويمهد القرار لرفع العقوبات الدولية.")
DEAL_AND_OIL = ("ينظر تجار النفط في لندن ونيويورك وسنغافورة إلى الاتفاق النووي الموقع في فيينا بقلق متزايد، إذ هبط خام "
                "برنت اليوم إلى أدنى مستوى له منذ أربعة أشهر مع ترقب عودة الخام الإيراني وزيادة المعروض وتراجع عقود الخام "
                "الأمريكي بعد صدور بيانات تظهر ارتفاع المخزونات في مستودعات كوشينغ وضعف الطلب الصيني وخفض المصافي الآسيوية "
                "مشترياتها من الشحنات الفورية. وقال محللون إن الأسعار قد تواصل الهبوط حتى نهاية الربع الثالث.")


@pytest.mark.parametrize("texts,place", [
    # "Asia" places a referee's appointment and a team's ranking days apart nowhere in particular: it is
    # no town two reports share (as a country is not), so only a retelling as alike as strangers' meets
    pytest.param((REFEREE, RANKING, REFEREE_RETOLD), "asia", id="a-continent"),
    # a deal is talked of for weeks where it was made: the council's endorsement and the oil market's
    # fall, written a day apart, both name Vienna and little else alike; the endorsement retold meets
    pytest.param((DEAL_ENDORSED, DEAL_AND_OIL, DEAL_ENDORSED_RETOLD), "vienna", id="the-town-a-deal-was-made-in"),
])
def test_a_place_that_anchors_nothing_leaves_reports_dated_days_apart_to_their_likeness(texts, place):
    arts = [art(aid, text, path) for aid, text, path in
            zip(("first", "second", "retold"), texts, ("2015-07-20/a.txt", "2015-07-22/b.txt", "2015-07-21/c.txt"))]
    leads = [u for a in arts for u in units_of_article(a, extract_event_mentions(a), load_hierarchy()) if u.lead]
    assert {u.place for u in leads} == {place}
    assert joined(arts) == [("first", "retold")]


SIGNED_NAHDA = ("وقع نادي النهضة مع المدافع عبدالله البليهي قادما من نادي الفتح عقدا يمتد لثلاثة مواسم، بعد أن أنهى "
                "اللاعب إجراءات انتقاله وخضع للكشف الطبي في الدمام.")
SIGNED_NAHDA_RETOLD = ("وقع المدافع عبدالله البليهي رسميا مع نادي النهضة قادما من الفتح لثلاثة مواسم، وأنهى إجراءات انتقاله "
                       "والكشف الطبي في الدمام.")
SIGNED_HILAL = ("وقعت إدارة الهلال مع لاعب الوسط سلمان المنيع عقدا يمتد لثلاثة مواسم مقبلة، ليكون رابع الصفقات المحلية "
                "للفريق استعدادا للموسم الجديد الذي ينطلق الشهر المقبل.")


def test_two_signings_alike_in_a_deals_words_alone_stay_two():
    # every deal is signed, for so many seasons: two clubs' signings of two players share those words
    # and little else, and meet no more; one signing retold still does
    arts = [art("nahda", SIGNED_NAHDA), art("hilal", SIGNED_HILAL), art("retold", SIGNED_NAHDA_RETOLD)]
    assert together(arts, "agreement") == [("hilal",), ("nahda", "retold")]


def test_a_town_a_road_is_named_after_is_not_where_the_crash_on_it_is():
    arts = [
        art("road", "لقي تسعة معتمرين عمانيين حتفهم في حادث مروري اليوم على طريق الرياض - خريص.", "2015-07-30/a.txt"),
        art("ahsa", "باشرت فرق الهلال الأحمر في الأحساء حادثا مروريا اليوم لحافلة تقل معتمرين عمانيين قرب خريص.",
            "2015-07-30/b.txt"),
    ]
    assert together(arts, "crash") == [("ahsa", "road")]


def types_of(body: str) -> list[str]:
    return [m.event_type for m in extract_event_mentions(art("x", body))]


def test_a_plane_falling_is_a_crash_and_a_boat_colliding_is_a_boat_accident():
    assert types_of("قتل عشرة أشخاص حين سقطت مقاتلة على سوق شعبي.") == ["crash"]
    assert types_of("أدى سقوط طائرة حربية إلى مقتل عشرة أشخاص.") == ["crash"]
    assert types_of("قتل عشرة أشخاص عندما تحطمت طائرة عسكرية في سوق شعبي.") == ["crash"]
    assert types_of("لقي عشرة أشخاص مصرعهم بعد ما اصطدم مركب سياحي بقارب للبضائع.") == ["sinking"]
    assert types_of("أعلن الجيش سقوط البلدة في يد المعارضة.") == ["capture"]  # a town falling is not a crash


def test_an_arson_attack_is_an_attack():
    assert types_of("ألقى مستوطنون زجاجات حارقة على منزل عائلة فلسطينية.") == ["attack"]
    assert types_of("أدانت المنظمة استهداف المنزل وإحراقه.") == ["attack"]
    assert types_of("أضرم مجهولون النار في سيارة الشرطة.") == ["attack"]
    assert types_of("اندلع حريق في مستودع للأخشاب.") == ["fire"]  # a fire with no one setting it is not one


CRASH = "قتل {n} شخصا على الأقل عندما تحطمت طائرة حربية في سوق مزدحم في بلدة {town} اليوم الاثنين."


def test_a_town_the_gazetteer_lacks_may_lie_in_the_province_another_report_names():
    # one report names only the town (unknown to the gazetteer), the other only its province
    arts = [
        art("town", CRASH.format(n="27", town="كفرعويد") + " وقال سكان إن الطيار ألقى قنبلة على السوق قبل أن "
                    "تسقط الطائرة ويتحول السوق إلى حطام."),
        art("prov", "قال المرصد إن 12 شخصا على الأقل قتلوا حينما سقطت مقاتلة سورية على سوق مزدحم في ريف "
                    "إدلب اليوم الاثنين، وألقى الطيار قنبلة على السوق قبل أن تسقط الطائرة ويتحول السوق إلى حطام."),
    ]
    assert together(arts, "crash") == [("prov", "town")]


def test_an_unknown_town_whose_sentence_names_another_province_stays_apart():
    arts = [
        art("i1", CRASH.format(n="27", town="كفرعويد") + " وتقع البلدة في ريف إدلب."),
        art("h1", CRASH.format(n="27", town="كفرنبودة في ريف حماة")),
    ]
    assert together(arts, "crash") == [("h1",), ("i1",)]


def test_a_boat_collision_placed_in_a_district_and_in_the_city_is_one_accident():
    arts = [
        art("city", "لقي 21 شخصا مصرعهم مساء الأربعاء بعد ما اصطدم مركب رحلات بصندل نهري في النيل بشمال "
                    "القاهرة، وتم انتشال جثث الضحايا من مجرى نهر النيل."),
        art("district", "لقي 15 شخصا مصرعهم في حادث غرق مركب في نهر النيل إثر اصطدامه بصندل نهري بمنطقة "
                        "الوراق، وتم انتشال جثث الضحايا من مجرى النهر."),
    ]
    assert together(arts, "sinking") == [("city", "district")]


def test_a_happening_over_several_towns_is_placed_in_the_region_holding_them():
    # torrents in three governorates of Jazan: not in the one named nearest the trigger, but in Jazan
    listed = art("listed", "جرت السيول يوم أمس في صامطة والطوال وأبو عريش، وأنقذ الدفاع المدني تسعة أشخاص "
                           "علقوا في الأودية.")
    one = art("one", "جرت السيول يوم أمس في صامطة، وأنقذ الدفاع المدني تسعة أشخاص علقوا في الأودية.")
    events, _ = cluster_events([m for a in (listed, one) for m in extract_event_mentions(a)], [listed, one])
    assert {e.article_ids: e.location_entity_id for e in events if e.event_type == "flood"} == {
        ("listed", "one"): "jizan"}


def test_a_region_named_beside_the_trigger_holds_the_happening_not_a_town_of_another_recalled_after_it():
    # a column on the Asir bombing recalls the Qudaih bombing in its first sentence: the bombing it
    # tells is in Asir (named nearest), not in the town of the Eastern Province named further on
    column = art("column", "جاء التفجير الإجرامي الذي استهدف المصلين في مسجد قوات الطوارئ في منطقة عسير ليتبع "
                           "سابقيه في تفجيرات القديح، وليثبت من جديد أن هذه الجماعات لا تراعي حرمة المساجد.")
    assert ("column", "r0") in together([art("r0", BOMBING_REPORTS[0]), column], "bombing")


FILLER = ("وأوضح المتحدث أن العمليات ستستمر حتى تحقيق أهدافها، مشيرا إلى أن القوات تعمل بالتنسيق مع الجهات "
          "المعنية لضمان سلامة المدنيين في المناطق المجاورة. ") * 3
RECALLED = "وكان تفجير انتحاري قد استهدف مسجدا لقوات الطوارئ في أبها بمنطقة عسير وأسفر عن مقتل 15 شخصا."


def test_two_articles_recalling_one_bombing_further_down_do_not_report_it():
    # each opens with its own happening; the bombing is background, told in the same words
    arts = [
        art("strikes", "شنت الطائرات غارات جوية على مواقع للمسلحين في ريف إدلب اليوم. " + FILLER + RECALLED),
        art("arrests", "أعلنت وزارة الداخلية القبض على خلية إرهابية في القصيم اليوم. " + FILLER + RECALLED),
    ]
    assert together(arts, "bombing") == [("arrests",), ("strikes",)]
    # told first, the same words are a report of the bombing
    leads = [art(a.article_id, RECALLED + " " + FILLER) for a in arts]
    assert together(leads, "bombing") == [("arrests", "strikes")]


# the agency's bulletins of one host's receptions the same day, dated in their text: one names its guest
RECEIVED = ("استقبل محمد بن نايف في مكتبه بجدة يوم 11 أغسطس {guest}، وجرى خلال الاستقبال استعراض عدد من "
            "الموضوعات ذات الاهتمام.")


def test_one_hosts_guest_named_and_a_group_received_the_same_day_are_two_meetings():
    arts = [
        dated_art("premier", RECEIVED.format(guest="رئيس الوزراء اليمني خالد بحاح"), "", 11),
        dated_art("premier-again", RECEIVED.format(guest="رئيس الوزراء اليمني خالد بحاح") + " ", "", 11),
        dated_art("travellers", RECEIVED.format(guest="مجموعة من الرحالة السعوديين القادمين من نجران"), "", 11),
    ]
    assert together(arts, "meeting") == [("premier", "premier-again"), ("travellers",)]


def test_one_host_meeting_two_guests_in_his_own_town_on_two_days_is_two_meetings():
    # the host and his town are in every report of his day; only the same two parties make one meeting
    arts = [
        art("myanmar", "استقبل محمد بن نايف بجدة اليوم سفير ميانمار لدى المملكة، وبحث معه أوضاع الجالية "
                       "الروهينغية المقيمة وتجديد إقاماتها، وإصدار وثائق السفر لأبنائها المولودين في مكة "
                       "المكرمة، وتسهيل التحاقهم بالمدارس الحكومية والمستشفيات.", "2015-08-10/spa.txt"),
        art("swiss", "استقبل محمد بن نايف بجدة اليوم القائم بأعمال سفارة سويسرا، وجرى استعراض فرص "
                     "الاستثمار السويسري في مشاريع الطاقة الشمسية وتحلية المياه، ومشاركة الشركات في "
                     "معرض الصناعات الدوائية المقبل بالعاصمة برن.", "2015-08-11/spa.txt"),
    ]
    assert together(arts, "meeting") == [("myanmar",), ("swiss",)]
    # the same two parties, told in other words the same day: one meeting
    both = [
        art("a", "استقبل محمد بن نايف في جدة اليوم الملك سلمان وبحثا الأوضاع في المنطقة.", "2015-08-10/a.txt"),
        art("b", "التقى الملك سلمان محمد بن نايف بجدة وجرى استعراض مستجدات الأحداث.", "2015-08-10/b.txt"),
    ]
    assert together(both, "meeting") == [("a", "b")]


ENVOY = ("اجتمع محمد بن نايف رئيس مجلس التعاون بجدة اليوم مع {guest}، وبحث معه العلاقات الثنائية وسبل "
         "تعزيزها في المجالات السياسية والاقتصادية، وتبادلا وجهات النظر حول القضايا ذات الاهتمام المشترك.")


def test_one_host_and_his_council_meeting_envoys_of_two_countries_is_two_meetings():
    # one template, one host (a man and the council he heads: one party, not two), the guest named only
    # by his post and his country: two countries, two guests
    arts = [
        art("myanmar", ENVOY.format(guest="سفير ميانمار لدى المملكة"), "2015-08-10/spa.txt"),
        art("swiss", ENVOY.format(guest="القائم بأعمال سفارة سويسرا"), "2015-08-11/spa.txt"),
    ]
    assert together(arts, "meeting") == [("myanmar",), ("swiss",)]
    # the same guest's meeting carried by two outlets is one
    same = [art("spa", arts[0].body, "2015-08-10/spa.txt"), art("okaz", arts[0].body + " ", "2015-08-10/okaz.txt")]
    assert together(same, "meeting") == [("okaz", "spa")]


def test_an_undated_report_joins_the_arrests_it_tells_not_the_first_look_alike_met():
    # one town, one ministry, two cells' arrests told on two weekdays (Tuesday's eight, Friday's two
    # women); an undated report of the eight joins Tuesday's, and each statement the arrests it announces
    arts = [
        art("tuesday", "أعلنت السلطات المغربية اعتقال ثمانية أشخاص أمس الثلاثاء كانوا يخططون لاعتداءات باسم "
                       "تنظيم داعش في طنجة، وقالت وزارة الداخلية في بيان إن عناصر الخلية بايعوا التنظيم "
                       "وكانوا يستهدفون مسؤولين أمنيين."),
        art("friday", "اعتقلت امرأتان يعتقد أنهما تنتميان لخلية إرهابية تم تفكيكها أخيرا في طنجة، كما أعلنت "
                      "وزارة الداخلية أمس الجمعة. وقالت الوزارة في بيان إن المرأتين كانتا تنسقان مع عناصر "
                      "تنظيم داعش."),
        art("undated", "أعلنت السلطات المغربية القبض على خلية إرهابية تتكون من ثمانية عناصر ينشطون في طنجة، "
                       "وأوضحت وزارة الداخلية في بيان أن عناصر الخلية بايعوا تنظيم داعش وكانوا يستهدفون "
                       "مسؤولين أمنيين."),
    ]
    assert together(arts, "arrest") == [("friday",), ("tuesday", "undated")]
    assert together(arts, "statement") == [("friday",), ("tuesday", "undated")]


def test_a_report_alone_because_it_came_first_joins_the_two_reports_it_meets():
    # Wednesday's report comes first (it names its weekday) and shares no rare word with the Giza
    # report that comes next, though both tell one sinking in one city; the third meets both
    arts = [
        art("s", "غرق مركب يقل ركابا عائدين من حفل زفاف في نهر النيل بالقاهرة مساء الأربعاء، وقالت الشرطة إن "
                 "فرق الإنقاذ انتشلت جثث الضحايا من مياه النيل، وإن النيابة فتحت تحقيقا في الحادث."),
        art("report-2", "لقي خمسة وعشرون شخصا مصرعهم غرقا بعد اصطدام صندل بمركب نزهة في منطقة الوراق بالجيزة، "
                        "وانتشلت فرق الإنقاذ جثث الضحايا من مياه النيل، وفتحت النيابة تحقيقا في الحادث."),
        art("report-1", "انتشلت فرق الإنقاذ جثث خمسة وعشرين شخصا غرقوا بعد اصطدام صندل بمركب نزهة قرب الوراق "
                        "بالجيزة، وقالت الشرطة إن الضحايا كانوا عائدين من حفل زفاف."),
    ]
    assert together(arts, "sinking") == [("report-1", "report-2", "s")]


def test_fighting_in_one_city_on_two_weekdays_is_two_happenings():
    # undated, one city: "killed during fighting … on Monday" and "clashes … on Thursday"
    monday = art("monday", "قال مسعفون إن عشرة جنود قتلوا خلال قتال جماعات إسلامية في مدينة بنغازي يوم الاثنين. "
                           "وقال الناطق باسم القوات الخاصة إن خمسة جنود قتلوا في هجوم على مواقع الجيش في المدينة.")
    thursday = art("thursday", "قالت مصادر طبية إن شخصين قتلا وأصيب عشرة بجروح يوم الخميس في اشتباكات في وسط "
                               "مدينة بنغازي بين قوات الحكومة ومقاتلين متطرفين. وقال مصدر عسكري إن هجوما على مواقع "
                               "الجيش في المدينة صد.")
    assert together([monday, thursday], "attack") == [("monday",), ("thursday",)]


def test_a_guest_named_by_his_country_is_not_the_guest_of_a_report_that_never_names_it():
    # one host, one town, one day: the ambassador of a country the other report never mentions is
    # another guest than the UN envoy who came with his staff
    envoy = art("envoy", "اجتمع محمد بن نايف رئيس مجلس التعاون في مكتبه بالرياض اليوم مع مبعوث الأمين العام "
                         "للأمم المتحدة إلى اليمن إسماعيل ولد الشيخ أحمد، بحضور سعد العريفي، وبحث معه "
                         "مستجدات الأوضاع في اليمن وجهود استئناف المشاورات بين الأطراف اليمنية.", "2015-08-11/spa.txt")
    ambassador = art("ambassador", "اجتمع محمد بن نايف رئيس مجلس التعاون في مكتبه بالرياض اليوم مع سفير "
                                   "جمهورية اتحاد ميانمار لدى المملكة، وبحث معه العلاقات بين الجانبين وسبل "
                                   "تعزيزها في المجالات الاقتصادية والتجارية.", "2015-08-11/spa2.txt")
    assert together([envoy, ambassador], "meeting") == [("ambassador",), ("envoy",)]
    # the ambassador's meeting told again, his country named: one meeting
    again = art("again", "التقى محمد بن نايف في الرياض اليوم سفير ميانمار وبحث معه العلاقات بين الجانبين "
                         "وسبل تعزيزها في المجالات الاقتصادية والتجارية.", "2015-08-11/okaz.txt")
    assert together([ambassador, again], "meeting") == [("again", "ambassador")]


# a happening the trigger lexicon has no word for: a cabinet session, a closure
CABINET = ("عقد مجلس الوزراء جلسته الأسبوعية في جدة برئاسة الملك سلمان، وأقر المجلس {decision}، ووافق على {approval}"
           ". وأوضح وزير الثقافة والإعلام أن المجلس استعرض تقارير الأجهزة الحكومية عن موسم الصيف.")
PORTS = CABINET.format(decision="نظام هيئة الموانئ الجديد",
                       approval="رفع رسوم تأشيرات العمرة المتكررة إلى ألفي ريال، وتخصيص 300 مليون ريال لتوسعة ميناء جازان")
PORTS_REWORDED = ("أقر مجلس الوزراء في جلسته التي عقدها في جدة برئاسة الملك سلمان نظام هيئة الموانئ، ووافق على رفع "
                  "رسوم تأشيرات العمرة المتكررة إلى ألفي ريال، كما خصص 300 مليون ريال لتوسعة ميناء جازان، واستعرض "
                  "تقارير الأجهزة الحكومية عن موسم الصيف.")
NEXT_WEEK = CABINET.format(decision="تنظيم المركز الوطني للأرصاد", approval="إنشاء كلية للطب في نجران")
LODGES = ("أغلقت الهيئة العامة للسياحة خمسة نزل سياحية في محافظة حقل لمخالفتها شروط الترخيص، وأمهلت أصحابها ثلاثين "
          "يوما لتصحيح أوضاعهم، وقالت إن فرقها الرقابية ستواصل جولاتها على مرافق الإيواء في منطقة تبوك.")


def test_an_opening_with_no_known_type_is_still_a_happening_and_its_retellings_meet():
    """Two tellings of one cabinet session are one event of type 'other'; next week's session on the
    same template, and a closure, are others."""
    articles = [art("ports", PORTS), art("ports-reworded", PORTS_REWORDED), art("next-week", NEXT_WEEK),
                art("lodges", LODGES)]
    assert [[m.event_type for m in extract_event_mentions(a)] for a in articles] == [["other"]] * 4
    assert together(articles, "other") == [("lodges",), ("next-week",), ("ports", "ports-reworded")]


def test_retellings_of_a_happening_of_no_known_type_meet_whatever_place_each_names_first():
    """Its place is only the one its first sentence names nearest: Tunisia in one telling of the
    King's cable, Saudi Arabia in the other."""
    wishes = ("بمناسبة ذكرى عيد الجمهورية، أعرب فيها عن أصدق التهاني وأطيب التمنيات بموفور الصحة والسعادة "
              "لفخامته، ولحكومة وشعب الجمهورية التونسية الشقيق المزيد من التقدم والازدهار.")
    one = art("one", "بعث الملك سلمان برقية إلى الرئيس الباجي قائد السبسي رئيس تونس " + wishes)
    other = art("other", "من السعودية بعث الملك سلمان برقية إلى الرئيس الباجي قائد السبسي " + wishes)
    assert together([one, other], "other") == [("one", "other")]


def test_other_is_only_for_an_opening_with_no_known_type():
    """A shelling told first is that; a closure told first, with a shelling recalled further down
    (after the opening), is a happening of its own and the recalled shelling."""
    shelling = "سقط مقذوف عسكري أطلقه الحوثيون على منزل في نجران."
    assert [m.event_type for m in extract_event_mentions(art("a", shelling + " " + LODGES))] == ["shelling"]
    recalled = LODGES + " " + "وتواصل الفرق جولاتها في المنطقة. " * 12 + shelling
    assert [m.event_type for m in extract_event_mentions(art("b", recalled))] == ["other", "shelling"]


@pytest.mark.parametrize("body, place", [
    pytest.param("أصيبت طفلة سعودية برصاصة طائشة في مسقط أمس.", "muscat", id="a-saudi-girl-shot-in-muscat"),
    pytest.param("أصيبت طفلة سعودية برصاصة طائشة أمس.", None, id="a-nationality-alone-is-no-place"),
    pytest.param("قتل ثلاثة مدنيين بقصف على سورية أمس.", "syria", id="after-a-preposition-it-is-the-country"),
    pytest.param("قالت السفارة السعودية إن طفلة أصيبت برصاصة طائشة أمس.", None, id="the-saudi-embassy-is-no-place"),
    pytest.param("أصيبت طفلة برصاصة طائشة أمس بعد عودتها إلى السعودية.", "saudi-arabia",
                 id="the-definite-country-after-a-preposition-is-the-country"),
    pytest.param("استنكر مفتي مصر بشدة الجريمة الإرهابية التي ارتكبها مستوطنون بحرق منزل.", None,
                 id="a-muftis-country-is-whose-he-is-not-where-the-crime-he-condemns-was"),
    pytest.param("رفع أمير المنطقة الشرقية التعازي باسمه ونيابة عن أهالي المنطقة الشرقية في شهداء الواجب من رجال "
                 "قوات الطوارئ في مدينة أبها. كما قدم العزاء لذويهم الذين شاء الله أن تستهدفهم يد الغدر في المكان "
                 "الحرام.", "abha", id="an-emirs-region-and-its-people-are-whose-not-where-the-attack-he-condoles-was"),
    pytest.param("استقبل أمير منطقة الرياض في مكتبه اليوم رئيس لجنة التعليم بمجلس الغرف السعودية.", None,
                 id="a-councils-country-is-whose-it-is-not-where-its-chairman-is-received"),
    pytest.param("استقبل أمير منطقة الرياض في مكتبه بقصر الحكم اليوم مجموعة من الرحالة السعوديين الذين قدموا من "
                 "منطقة نجران.", None, id="where-guests-came-from-is-not-where-they-are-received"),
])
def test_a_nationality_adjective_is_not_where_it_happened(body, place):
    article = art("a", body)
    (unit,) = units_of_article(article, extract_event_mentions(article), load_hierarchy())
    assert unit.place == place


def test_one_story_told_as_two_kinds_of_happening_is_one_event_of_the_known_kind():
    arts = [art("seized", TOLD_TWO_WAYS["seized"]), art("told", TOLD_TWO_WAYS["told"])]
    assert [[m.event_type for m in extract_event_mentions(a)] for a in arts] == [["capture"], ["other"]]
    mentions = [m for a in arts for m in extract_event_mentions(a)]
    events, evidence = cluster_events(mentions, arts)
    assert [(e.event_type, e.article_ids) for e in events] == [("capture", ("seized", "told"))]
    joins = [r.reason for r in evidence if r.joined_to_mention_id is not None]
    assert joins == ["the whole articles tell one story (told as capture and as other)"]


def test_one_story_told_as_two_kinds_in_words_of_their_own_is_one_event():
    # the bank's own account of the hack shares less with the agency's (0.46 alike) than a reworded
    # copy does; reporting no kind in common, the two still tell one story
    told = ("تعرض حساب بنك التسليف في تويتر للاختراق مساء أمس، ونشرت عبره رسائل مسيئة لعملاء البنك لمدة ساعتين، "
            "وأكد متحدث باسم البنك أن فريقه التقني أعاد الحساب إلى إدارة البنك وأن الأمر أحيل إلى الجهات المختصة.")
    arts = [art("seized", TOLD_TWO_WAYS["seized"]), art("told", told)]
    assert [[m.event_type for m in extract_event_mentions(a)] for a in arts] == [["capture"], ["other"]]
    assert together(arts, "capture") == [("seized", "told")]


def test_two_articles_that_report_a_kind_in_common_are_not_joined_across_kinds():
    # one ministry template, two regions, undated; one article also reports an attack in its opening.
    # Its attack is not the other's execution, however alike the two articles read as wholes
    arts = [
        art("q1", EXECUTION.format(place="القصيم", victim="شقيقين")),
        art("b1", "وكانت دورية أمنية قد تعرضت لهجوم مسلح في الباحة. " + EXECUTION.format(place="الباحة", victim="شقيقين")),
    ]
    assert {m.event_type for m in extract_event_mentions(arts[1])} == {"attack", "execution"}
    mentions = [m for a in arts for m in extract_event_mentions(a)]
    events, _ = cluster_events(mentions, arts)
    assert sorted((e.event_type, e.article_ids) for e in events) == [
        ("attack", ("b1",)), ("execution", ("b1",)), ("execution", ("q1",))]


# what a cabinet session's article recalls further down: seven happenings of seven types, none reported
RECALLED_SEVEN = (" وأوضح الوزير أن المجلس استمع إلى شرح عن نتائج الأعمال خلال الأشهر الماضية وما تحقق من برامج التنمية"
            " في مختلف مناطق المملكة ومحافظاتها. وكان الملك سلمان قد استقبل في وقت سابق وزير خارجية مصر."
            " ووقعت المملكة اتفاقية للتعاون الاقتصادي مع الأردن. وأعلنت الهدنة في اليمن الشهر الماضي."
            " واندلع حريق في مستودع بجدة. وتحطمت طائرة تدريب في الرياض. واعتقلت الشرطة خلية في القصيم."
            " وأصدر المجلس بيانا حول الأوضاع.")


def test_what_an_article_recalls_further_down_does_not_crowd_out_what_it_reports():
    # the reprint's session is offered the events sharing most of its article's keys; the seven events
    # of what the first article only recalls share all of them, and (by their ids) come first
    arts = [art("riyadh", PORTS + RECALLED_SEVEN), art("council", PORTS + RECALLED_SEVEN + " ")]
    assert len({m.event_type for m in extract_event_mentions(arts[0])}) == 8
    assert together(arts, "other") == [("council", "riyadh")]


def test_the_parties_of_a_meeting_are_people_and_its_place_may_be_a_partys_country():
    # the same two ministers meet in Malaysia. One report puts Russia nearest the meeting (it speaks
    # for Russia) and recalls Lavrov's talks with al-Jubeir further down; the other names the UN,
    # which the first never mentions, among the meeting's names: an organisation talked about is no
    # stranger party that would make it another meeting
    arts = [
        art("lavrov", "صرح وزير الخارجية الروسي سيرجي لافروف بعد اجتماعه مع نظيره الأمريكي جون كيري أن روسيا "
                      "والولايات المتحدة لم تتوصلا إلى نهج مشترك لمواجهة تنظيم داعش، وقال لافروف في تصريحات من "
                      "ماليزيا إن الخلاف قائم حول مصير الرئيس السوري. وكان لافروف قد التقى في الدوحة يوم الاثنين "
                      "وزير الخارجية السعودي عادل الجبير."),
        art("kerry", "قال وزير الخارجية الأمريكي جون كيري غداة لقائه سيرجي لافروف في ماليزيا إنهما بحثا مشروع قرار "
                     "في الأمم المتحدة لتحديد المسؤولين عن هجمات الكلور، وإن الخلاف قائم حول مصير الرئيس السوري "
                     "ومواجهة تنظيم داعش."),
    ]
    assert together(arts, "meeting") == [("kerry", "lavrov")]


def test_what_a_report_dates_itself_by_is_not_what_it_reports():
    """Two relief planes land in Aden on two days "after the city's liberation from the Houthis":
    the liberation is what both recall, not what either reports, and does not make them one. A toll
    told first ("fifteen were killed after a boat sank") still reports the sinking."""
    one = art("saudi", "وصلت أمس إلى مطار عدن أول طائرة مساعدات سعودية تحمل عشرين طنا من المواد الغذائية، "
                       "بعد تحرير المدينة من الحوثيين، في أول رحلة إلى المطار.")
    two = art("emirati", "هبطت اليوم في مطار عدن أول طائرة إغاثة إماراتية تحمل أدوية ومستلزمات طبية، منذ تحرير "
                         "المدينة من الحوثيين، في إطار الجسر الجوي لدعم السكان.")
    for a in (one, two):
        assert "other" in [m.event_type for m in extract_event_mentions(a)]
    mentions = [m for a in (one, two) for m in extract_event_mentions(a)]
    events, _ = cluster_events(mentions, [one, two])
    assert all(len(e.article_ids) == 1 for e in events)
    toll = art("toll", "لقي خمسة عشر شخصا مصرعهم بعد غرق مركب في النيل شمال القاهرة مساء اليوم.")
    sank = art("sank", "غرق مركب في النيل شمال القاهرة مساء اليوم ولقي خمسة عشر شخصا مصرعهم.")
    assert together([toll, sank], "sinking") == [("sank", "toll")]


@pytest.mark.parametrize("body, place", [
    pytest.param("وزیر خارجه آمریکا در واکنش به پرتاب ماهواره نظامی سپاه در ایران گفت که تهران باید پاسخگو باشد.",
                 "iran", id="fa-the-us-secretary-of-state-is-no-place"),
    pytest.param("رئیس‌جمهوری آمریکا گفت پرتاب ماهواره سپاه را زیر نظر دارد.", None,
                 id="fa-the-us-president-is-no-place"),
    pytest.param("پرتاب ماهواره نظامی سپاه از آمریکا دیده شد.", "united-states", id="fa-from-america-is-the-country"),
    pytest.param("آمریکا پرتاب ماهواره نظامی سپاه در ایران را محکوم کرد.", "iran",
                 id="fa-the-subject-a-sentence-opens-with-is-no-place"),
])
def test_a_country_named_as_whose_a_persian_post_is_is_not_where_it_happened(body, place):
    ents = tuple(EntityRef(eid, "location", m.start(), m.end(), m.group())
                 for name, eid in (("آمریکا", "united-states"), ("ایران", "iran"))
                 for m in re.finditer(name, body))
    article = ArticleInput("a", "fa", None, body, ents, ())
    (unit,) = [u for u in units_of_article(article, extract_event_mentions(article), load_hierarchy())
               if u.event_type == "launch"]
    assert unit.place == place


@pytest.mark.parametrize("body,event_type,place", [
    pytest.param("أشاد رئيس البرلمان العربي بأداء رجال الأمن إثر الإعلان عن القبض على 431 من عناصر داعش. وقال في "
                 "بيان أصدره البرلمان من مقره بالقاهرة إن الإنجاز يحمي الأمة.", "arrest", None,
                 id="the-seat-a-statement-came-from-is-no-place"),
    pytest.param("عقد مجلس الغرف اجتماعه في مقره بجدة أمس برئاسة الأمين العام.", "meeting", "jeddah",
                 id="what-a-body-does-at-its-seat-happens-there"),
])
def test_a_bodys_seat_is_where_it_sits_not_where_what_it_speaks_of_happened(body, event_type, place):
    article = art("a", body)
    (unit,) = [u for u in units_of_article(article, extract_event_mentions(article), load_hierarchy())
               if u.event_type == event_type]
    assert unit.place == place


# one prince's death: the agency's note, and two columns days later that share little but whom they mourn
# and place him where each remembers him (the United States, where he died; Taif, where he grew up)
DEATH_NEWS = ("انتقل إلى رحمة الله صاحب السمو الملكي الأمير سعود الفيصل في مقر إقامته في الولايات المتحدة، "
              "وصلي عليه في المسجد الحرام بعد صلاة العشاء بحضور جمع من الأمراء والمواطنين.")
DEATH_COLUMN = ("الكل يتفق أن خسارة الوطن، بل الأمة، كانت فادحة برحيل الأمير سعود الفيصل ابن الطائف. كان دور "
                "سموه رياديا في تشكيل السياسة الخارجية على مدى أربعة عقود، وظل صوت الحكمة في أصعب الأزمات.")
DEATH_PROFILE = ("كأن الكاتب وصف برحيل الأمير سعود الفيصل يرحمه الله ما تخفيه الصدور؛ فقد عاش أربعين عاما بين "
                 "العواصم، وبقي وفيا لمدرسته في الدبلوماسية الهادئة.")
# one obituary template, the same day and town, for two men
OBITUARY = "انتقل إلى رحمة الله في الطائف اليوم الشيخ {name} عن عمر ناهز الثمانين، وسيصلى عليه بعد صلاة العصر."
MOURNERS = ("يستقبل الأمير خالد الفيصل في منزله بجدة غدا ولمدة ثلاثة أيام المعزين في وفاة الأمير سعود الفيصل.")


def test_the_death_of_one_person_is_one_happening_however_its_reports_are_worded():
    """A person dies once: the agency's note and two columns written days later, alike in little
    but whom they mourn, are reports of one death. Receiving mourners for it is what that article
    reports, not the death."""
    arts = [art("news", DEATH_NEWS), art("column", DEATH_COLUMN), art("profile", DEATH_PROFILE),
            art("mourners", MOURNERS)]
    assert [[(m.event_type, m.participants) for m in extract_event_mentions(a) if m.event_type == "death"]
            for a in arts] == [[("death", (("saud-al-faisal", "subject"),))]] * 3 + [[]]
    assert together(arts, "death") == [("column", "news", "profile")]


def test_one_obituary_template_for_two_men_is_two_deaths():
    arts = [art("saud", OBITUARY.format(name="سعود الفيصل")), art("saad", OBITUARY.format(name="سعد العريفي"))]
    assert together(arts, "death") == [("saad",), ("saud",)]


@pytest.mark.parametrize("body", [
    pytest.param("نتج عن الحادث وفاة 4 أشخاص وإصابة الأمير سعود الفيصل", id="a-count-of-the-dead-names-no-one"),
    pytest.param("أرجئت المحادثات بسبب الغموض الناجم عن وفاة الملا عمر", id="what-follows-from-a-death"),
    pytest.param("أقيم حفل في ذكرى وفاة الأمير سعود الفيصل بالطائف", id="an-anniversary"),
    pytest.param("وصل وفد الملا عمر إلى باريس ثم أعلن أن والده توفي", id="no-one-named-beside-the-word"),
])
def test_a_death_is_reported_only_of_someone_named_beside_it(body):
    assert [m for m in extract_event_mentions(art("a", body)) if m.event_type == "death"] == []


@pytest.mark.parametrize("body,subjects", [
    pytest.param("آیت‌الله ابراهیم امینی امروز در قم درگذشت.", [("ebrahim-amini", "subject")],
                 id="the-name-before-the-verb"),
    pytest.param("آیت‌الله خامنه‌ای در پیامی درگذشت آیت‌الله ابراهیم امینی را تسلیت گفت.",
                 [("ebrahim-amini", "subject")], id="the-leaders-message-on-a-death-is-not-his"),
    pytest.param("مراسم سی و دومین سال رحلت آیت‌الله خامنه‌ای برگزار شد.", [], id="an-anniversary"),
])
def test_a_persian_death_befalls_the_one_named_beside_it(body, subjects):
    names = {"آیت‌الله ابراهیم امینی": "ebrahim-amini", "آیت‌الله خامنه‌ای": "ali-khamenei"}
    ents = tuple(EntityRef(eid, "person", m.start(), m.end(), name)
                 for name, eid in names.items() for m in re.finditer(name, body))
    article = ArticleInput("a", "fa", None, body, ents, ())
    assert [m.participants[0] for m in extract_event_mentions(article) if m.event_type == "death"] == subjects


# the interior ministry's announcement, and a council's praise of it from its own seat, in other words
ARRESTS = ("أعلنت وزارة الداخلية القبض على 431 شخصا من عناصر تنظيم داعش في عمليات متزامنة شملت عددا من "
           "المناطق، وضبط أسلحة ومتفجرات كانت معدة لتنفيذ عمليات إرهابية.")
ARRESTS_PRAISED = ("أشاد مجلس الشورى بيقظة رجال الأمن ونجاحهم في القبض على 431 من المنتمين إلى الفئة الضالة، "
                   "مؤكدا وقوف المواطنين صفا واحدا خلف القيادة الرشيدة في مواجهة الفكر المنحرف، وداعيا الأسر "
                   "والمدارس والمنابر إلى تحصين الشباب وتعزيز الوعي ونشر قيم الاعتدال والوسطية في المجتمع.")
OTHER_ARRESTS = ARRESTS_PRAISED.replace("431", "15")


def test_a_rare_figure_told_beside_both_triggers_makes_one_happening():
    """The praise of "431 arrested" is a report of the arrests of 431, however little else of its
    wording the announcement shares; the same praise of 15 arrests (a count many happenings have)
    is not."""
    assert together([art("announced", ARRESTS), art("praised", ARRESTS_PRAISED)], "arrest") == [
        ("announced", "praised")]
    assert together([art("announced", ARRESTS), art("other", OTHER_ARRESTS)], "arrest") == [
        ("announced",), ("other",)]


# one statistic told by two papers in their own words: what they share is its figure
CENSUS = ("كشفت الهيئة العامة للإحصاء في تقريرها السنوي أن عدد سكان المملكة بلغ 31521418 نسمة، بينهم نحو "
          "عشرة ملايين من المقيمين.")
CENSUS_RETOLD = ("بلغ تعداد السكان في السعودية 31,521,418 نسمة بحسب أحدث أرقام رسمية نشرت اليوم، في زيادة عن العام "
                 "الماضي تعكس نمو الأسر الشابة.")


def test_two_reports_of_no_known_type_giving_one_unheard_of_figure_tell_one_story():
    """A figure no other news gives (31,521,418 inhabitants) makes two short reports of no known
    type, alike in few words, one story; last year's figure in the same words is another."""
    assert together([art("a", CENSUS), art("b", CENSUS_RETOLD)], "other") == [("a", "b")]
    assert together([art("a", CENSUS), art("b", CENSUS_RETOLD.replace("31,521,418", "30,770,375"))],
                    "other") == [("a",), ("b",)]


# one new planet in two papers' words, named by its catalogue number written two ways ("آي-733 بي", "733 بي")
PLANET = ("أعلن فريق من علماء الفلك{where} اكتشاف كوكب صخري جديد يحمل اسم تي أو آي-733 بي يدور حول نجم قزم أحمر، "
          "ويبلغ حجمه نحو ضعف حجم الأرض، وقال الباحثون إن سطحه قد يحتفظ بالمياه في المنطقة الصالحة للحياة.")
PLANET_RETOLD = ("رصد تلسكوب{where} جرما سماويا يشبه الأرض أطلق عليه العلماء 733 بي، ويبعد عن نظامنا الشمسي "
                 "مسافة كبيرة، ويرجح الخبراء أن تكون حرارته معتدلة بما يكفي لوجود مياه سائلة على سطحه.")


def test_a_rare_three_digit_name_two_reports_give_makes_one_story_where_their_places_agree():
    """Two reports of no known type, 0.26 alike, that give one rare number of three digits (the planet's
    "733 بي") tell one story; another planet's number is another story, and so is the same number told
    in Riyadh and in Jeddah (a plane's 239 aboard, told of its debris found on two shores)."""
    def pair(number: str = "733", here: str = "", there: str = "") -> list[tuple[str, ...]]:
        return together([art("a", PLANET.format(where=here)),
                         art("b", PLANET_RETOLD.format(where=there).replace("733", number))], "other")

    assert pair() == [("a", "b")]
    assert pair("734") == [("a",), ("b",)]
    assert pair(here=" في الرياض", there=" في جدة") == [("a",), ("b",)]


# one match report template, national teams: the sides it names tell the matches apart
MATCH = ("تغلب المنتخب السعودي على منتخب {rival} بهدفين دون رد في المباراة التي جمعتهما مساء أمس على استاد "
         "مدينة الملك عبدالله بجدة ضمن التصفيات المؤهلة لكأس العالم، وسجل هدفي السعودية محمد السهلاوي في الشوطين.")


def test_one_teams_matches_with_two_rivals_are_two_matches():
    """Saudi Arabia against Qatar and against Kuwait, told in one template the same evening in one
    town: two matches; the Qatar match told again is one."""
    arts = [art("qatar", MATCH.format(rival="قطر")), art("kuwait", MATCH.format(rival="الكويت")),
            art("qatar again", MATCH.format(rival="قطر").replace("بهدفين دون رد", "بهدفين مقابل لا شيء"))]
    assert together(arts, "match") == [("kuwait",), ("qatar", "qatar again")]


# the agency's bullion bulletin, one template every day; its dateline gives the day without a year
BULLION = ("صرافہ مارکیٹ میں سونے کی قیمتوں میں استحکام رہا۔ آل سندھ صراف ایسوسی ایشن کے مطابق سونا تیزابی فی تولہ "
           "47 ہزار 500 روپے پر مستحکم رہا جبکہ فی 10 گرام سونے کی قیمت 40 ہزار 723 روپے رہی۔")


def bulletin(aid: str, day: int, body: str = BULLION) -> ArticleInput:
    return ArticleInput(aid, "ur", None, body, (), (), dateline=f"کراچی ۔ {day} ستمبر (اے پی پی)")


def test_datelines_without_a_year_on_two_days_are_two_bulletins():
    """"کراچی ۔ 16 ستمبر" and "۔ 17 ستمبر": no date can be read without the year, but one template
    under datelines of two days is two bulletins; the 16th's told again is one."""
    arts = [bulletin("16th", 16), bulletin("17th", 17),
            bulletin("16th again", 16, BULLION.replace("استحکام رہا", "استحکام دیکھا گیا"))]
    assert together(arts, "other") == [("16th", "16th again"), ("17th",)]


@pytest.mark.parametrize("dateline,day", [
    pytest.param("کراچی ۔ 16 ستمبر (اے پی پی)", (9, 16), id="urdu-agency-no-year"),
    pytest.param("خرطوم ۔ یکم دسمبر (اے پی پی)", (12, 1), id="the-first-written-in-a-word"),
    pytest.param("الرياض 10 أغسطس (واس)", (8, 10), id="arabic-no-year"),
    pytest.param("الجزائر 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس", (8, 11), id="dual-with-year"),
    pytest.param("دمشق-سانا", None, id="no-day"),
    pytest.param("تهران - ۲۵ فروردین", None, id="not-gregorian: its month and day in the Gregorian year vary"),
])
def test_a_datelines_day(dateline, day):
    from khabar.corpus.days import dateline_day

    assert dateline_day(dateline) == day


# an agency release in three parts under one title, each part numbered after it; only the first has the story's
# names, and the parts share few words
RELEASE_TITLE = "ثقافي / نيابة عن خادم الحرمين الشريفين سمو أمير منطقة مكة المكرمة يفتتح سوق عكاظ 9 بالطائف"
RELEASE_PARTS = (
    ("", "نيابة عن خادم الحرمين الشريفين يفتتح الأمير خالد الفيصل أمير منطقة مكة المكرمة الدورة التاسعة لسوق "
         "عكاظ في محافظة الطائف مساء الأربعاء، بحضور عدد من الأمراء والوزراء والمثقفين."),
    (" إضافة أولى", "وشدد سموه على أن سوق عكاظ محفل للفكر والثقافة والأدب ومنتدى للحوار، وحاضنة للإبداع والتميز، "
                    "داعيا المثقفين والأدباء إلى المشاركة في أنشطته وبرامجه."),
    (" إضافة ثانية وأخيرة", "ونوه المشرف العام على السوق بأن عكاظ مشروع إنساني حضاري تنموي يهتم بتنمية الإنسان "
                            "والمكان ويوفر فرص عمل للشباب والأسر المنتجة."),
)
# one daily template's title, dated by its dateline on two days
BOURSE_TITLE = "اقتصادي / البورصة الكويتية تغلق على تباين في تعاملات اليوم"
BOURSE = {10: "أغلقت البورصة الكويتية تعاملاتها اليوم على تباين في أداء مؤشراتها الثلاثة وسط تداولات متوسطة.",
          11: "سجل المؤشر السعري ارتفاعا طفيفا بينما تراجع الوزني مع تركز السيولة على أسهم البنوك والخدمات."}


def test_the_parts_of_one_release_under_one_title_are_one_story_and_a_daily_title_is_not():
    from dataclasses import replace

    parts = [replace(art(f"part{i}", body), title=RELEASE_TITLE + suffix) for i, (suffix, body) in enumerate(RELEASE_PARTS)]
    assert together(parts, "opening") == [("part0", "part1", "part2")]  # its first part tells an opening, the rest no known type
    days = [replace(art(f"{day} August", body), title=BOURSE_TITLE, published_date=datetime.date(2015, 8, day))
            for day, body in BOURSE.items()]
    assert together(days, "other") == [("10 August",), ("11 August",)]


def test_the_parts_of_one_release_filed_under_their_day_are_one_story_when_the_first_tells_tomorrow():
    # the first part dates the opening by its "tomorrow"; the others name no day, and are dated
    # only by the day they were filed: one release, not two days
    from dataclasses import replace

    bodies = [RELEASE_PARTS[0][1].replace("مساء الأربعاء", "غدا"), *(body for _, body in RELEASE_PARTS[1:])]
    parts = [replace(art(f"part{i}", body, f"2015-08-11/part{i}.txt"), title=RELEASE_TITLE + suffix)
             for i, ((suffix, _), body) in enumerate(zip(RELEASE_PARTS, bodies))]
    assert together(parts, "opening") == [("part0", "part1", "part2")]


@pytest.mark.parametrize("title,key", [
    pytest.param(RELEASE_TITLE + " إضافة ثانية وأخيرة", "ثقافی نیابه عن خادم الحرمین الشریفین سمو امیر منطقه مکه المکرمه "
                 "یفتتح سوق عکاظ 9 بالطایف", id="a-part-is-its-release"),
    pytest.param("عاجل: انفجار في الرياض", None, id="too-short-to-be-one-storys"),
    pytest.param(None, None, id="no-title"),
])
def test_a_titles_key(title, key):
    from khabar.corpus.units import headline_key

    assert headline_key(title) == key


# two papers' closes of the Gulf markets: each gives a dozen figures no other news gives, and one of
# them (the Saudi index's close) is both papers'
MARKETS = ("أغلق مؤشر السوق الرئيسي في دبي عند 4821.37 نقطة بتداولات قيمتها 1,760,000,000 درهم، وارتفع مؤشر "
           "أبوظبي إلى 4,655.12 نقطة، وتراجع مؤشر الكويت إلى 6,213.48 نقطة، وصعد مؤشر قطر إلى 11,750.92 نقطة، "
           "وأغلق المؤشر العام للسوق السعودية عند 8821.06 نقطة بعد تداول 321,000,000 سهم بقيمة 6,499,000,000 ريال.")
MARKETS_RETOLD = ("أنهت البورصات الخليجية جلستها على تباين، فقد ربحت بورصة مسقط 0.4 في المئة لتبلغ 6,553.19 نقطة، "
                  "وخسرت البحرين 0.2 في المئة عند 1,329.55 نقطة، بينما استقر مؤشر تاسي السعودي عند 8821.06 نقطة، "
                  "وبلغت قيمة الصفقات في المنطقة 2,700,000,000 دولار موزعة على 93,805 صفقة.")


def test_the_index_offers_a_report_sharing_one_rare_figure_among_many():
    """Two market closes in other words share one figure of a dozen each gives: the index files an
    article under its rare figures too (its rarest eight items are other figures, its wording shares
    no MinHash band), so the one shared figure brings the two together; a close at another figure
    does not."""
    assert together([art("a", MARKETS), art("b", MARKETS_RETOLD)], "other") == [("a", "b")]
    assert together([art("a", MARKETS), art("b", MARKETS_RETOLD.replace("8821.06", "8790.44"))], "other") == [
        ("a",), ("b",)]


# one meeting of two countries' military committee: one paper places it in Egypt, the other names
# Russia next to it; both name both countries
COMMITTEE = ("برئاسة رئيسي أركان البلدين، وتناولت التعاون الدفاعي والتدريبات المشتركة وتبادل الخبرات العسكرية "
             "والتصنيع المشترك للمعدات، على أن تعقد دورتها المقبلة العام القادم في روسيا.")
COMMITTEE_IN_EGYPT = "عقدت في مصر اليوم اللجنة العسكرية المشتركة اجتماعها " + COMMITTEE
COMMITTEE_OF_BOTH = "عقدت اللجنة العسكرية المشتركة بين مصر وروسيا اجتماعها اليوم " + COMMITTEE
# one host's visits to two countries in one template: each names one country
VISIT = ("بدأ الأمير محمد بن نايف ولي العهد اليوم زيارة رسمية إلى {} يلتقي خلالها كبار المسؤولين لبحث العلاقات "
         "الثنائية وسبل تعزيزها في المجالات الأمنية والاقتصادية، إضافة إلى تطورات الأوضاع في المنطقة.")


def test_two_countries_both_reports_name_are_parties_not_two_venues():
    """A meeting of Egypt and Russia told alike by two papers, one placing it in Egypt and the other
    by Russia: one meeting (a country is as often a party as the venue). One template's visits to
    Qatar and to Kuwait, each naming one country, stay two."""
    assert together([art("egypt", COMMITTEE_IN_EGYPT), art("both", COMMITTEE_OF_BOTH)], "meeting") == [
        ("both", "egypt")]
    assert together([art("qatar", VISIT.format("قطر")), art("kuwait", VISIT.format("الكويت"))], "meeting") == [
        ("kuwait",), ("qatar",)]


# one award told under one title by two papers, and the second paper's story reprinted untitled
AWARD_TITLE = "جامعة كوينزلاند تكرم مبتعثا سعوديا بجائزة أفضل رسالة دكتوراه"
AWARD = ("كرمت جامعة كوينزلاند الأسترالية اليوم الاثنين المبتعث السعودي عبدالعزيز القحطاني بجائزة أفضل رسالة "
         "دكتوراه في كلية الهندسة لهذا العام، تقديرا لأبحاثه في تحلية المياه بالطاقة الشمسية.")
AWARD_RETOLD = ("حصل المبتعث عبدالعزيز القحطاني على جائزة التميز البحثي من جامعة كوينزلاند في مدينة بريزبن، بعد أن "
                "اختارت لجنة التحكيم أطروحته عن أغشية التناضح العكسي منخفضة الاستهلاك للطاقة من بين أكثر من مئتي "
                "أطروحة، وأهدى القحطاني الجائزة إلى والديه وإلى الملحقية الثقافية السعودية في أستراليا التي تابعت "
                "مسيرته الدراسية.")
AWARD_REPRINTED = AWARD_RETOLD + " وتعد الجائزة من أرفع الجوائز الأكاديمية التي تمنحها الجامعة لطلاب الدراسات العليا."


def test_a_report_alone_joins_a_later_event_of_a_report_under_its_title():
    """The first paper's short note (clustered first: it names the weekday) founds an event; the second
    paper's story, under the same title, joins its untitled reprint, word for word and so more alike than
    the note. Once all are filed the note asks again and joins them: one title is one story, whatever the type."""
    arts = [replace(art("note", AWARD), title=AWARD_TITLE), replace(art("story", AWARD_RETOLD), title=AWARD_TITLE),
            art("reprint", AWARD_RETOLD)]
    assert together(arts, "other") == [("note", "reprint", "story")]
    _, evidence = cluster_events([m for a in arts for m in extract_event_mentions(a)], arts)
    assert [r.reason for r in evidence if r.article_id == "note"] == [
        "asked again once all were filed: one of the event's reports is under its title; one title"]


def test_a_report_alone_joins_a_later_event_of_the_report_it_reprints():
    """The reprint adds a sentence: the story is now more alike to the note under its title, and joins
    it. The reprint, alone, asks again once all are filed and follows the story it reprints (one report,
    not a second look-alike), though the note is little like it."""
    arts = [replace(art("note", AWARD), title=AWARD_TITLE), replace(art("story", AWARD_RETOLD), title=AWARD_TITLE),
            art("reprint", AWARD_REPRINTED)]
    assert together(arts, "other") == [("note", "reprint", "story")]
    _, evidence = cluster_events([m for a in arts for m in extract_event_mentions(a)], arts)
    assert [r.reason for r in evidence if r.article_id == "reprint"] == [
        "asked again once all were filed: one of the event's reports is this one reprinted; "
        "the whole articles tell one story"]


def test_a_report_alone_joins_a_later_event_holding_several_reports_under_its_title():
    """As above, with the paper's story reprinted twice (once under the title, once without): the note
    asks again and meets two reports under its title (a clustering once stopped there, weighing how
    independent they are)."""
    arts = [replace(art("note", AWARD), title=AWARD_TITLE), replace(art("story", AWARD_RETOLD), title=AWARD_TITLE),
            replace(art("story again", AWARD_RETOLD.replace("إلى والديه", "لوالديه")), title=AWARD_TITLE),
            art("reprint", AWARD_REPRINTED)]
    assert together(arts, "other") == [("note", "reprint", "story", "story again")]


@pytest.mark.parametrize("reports_path,when", [("2015-08-06/spa.txt", ""), ("", " أمس الخميس")],
                         ids=["undated-after-the-dated-reports", "naming-its-weekday-clustered-first"])
def test_an_undated_condemnation_of_the_incident_in_the_bombings_town_joins_it(reports_path, when):
    # the club's condemnation names the happening only as "the terrorist incident" and shares little with
    # each report (0.16-0.19, less than most happenings in one town need undated); but a terrorist
    # incident in one town is as rare as a bombing there: it joins, when it comes after the reports (dated
    # by their path, it by nothing) and when it comes first (it names its weekday, they do not)
    condemnation = CONDEMNATION.replace("الذي وقع", "الذي وقع" + when, 1)
    arts = [art(f"r{i}", body, reports_path) for i, body in enumerate(BOMBING_REPORTS)] + [art("c", condemnation)]
    mentions = [m for a in arts for m in extract_event_mentions(a)]
    events, evidence = cluster_events(mentions, arts)
    bombing = next(e for e in events if e.event_type == "bombing")
    assert sorted(bombing.article_ids) == ["c", "r0", "r1", "r2", "r3"]
    article_of = {m.mention_id: m.article_id for m in mentions}
    # the condemnation meets a report on the town: it joins one, or one joins it
    assert any("c" in (r.article_id, article_of.get(r.joined_to_mention_id)) and r.reason == "undated; same place"
               and r.shared_place == "abha" for r in evidence if r.event_id == bombing.event_id)


@pytest.mark.parametrize("town,joins", [pytest.param("أبها", True, id="the-fires-town"), pytest.param("جدة", False, id="another-town")])
def test_a_reaction_alike_no_one_report_of_a_fire_joins_them_read_together(town, joins):
    # the chamber of commerce's call shares with each report of the market fire only the town, "the
    # fire" and a word of its own (0.16-0.19 alike, where undated reports of a fire in one town need
    # 0.2); with the four reports read together it shares enough (0.21). In another town it is another fire
    reaction = FIRE_REACTION.replace("في أبها", "في " + town, 1)
    arts = [art(f"r{i}", body) for i, body in enumerate(FIRE_REPORTS)] + [art("c", reaction)]
    mentions = [m for a in arts for m in extract_event_mentions(a)]
    events, evidence = cluster_events(mentions, arts)
    fires = sorted(e.article_ids for e in events if e.event_type == "fire")
    if not joins:
        assert fires == [("c",), ("r0", "r1", "r2", "r3")]
        return
    assert fires == [("c", "r0", "r1", "r2", "r3")]
    assert [r.reason.split(":")[0] for r in evidence if r.article_id == "c" and r.joined_to_mention_id] == [POOLED]


@pytest.mark.parametrize("when,joins", [pytest.param("", True, id="filed-five-days-on-naming-no-day"),
                                         pytest.param(" اليوم", False, id="filed-five-days-on-saying-today")])
def test_a_report_filed_days_after_a_bombing_is_of_it_unless_it_dates_its_own(when, joins):
    # the bombing's reports are filed under 2015-08-06, the club's condemnation under 2015-08-11: a report
    # is written on its file's day or after what it tells, and one naming no day of its own may be of a
    # bombing five days before; one that says the incident occurred "today" tells a bombing of the 11th
    condemnation = CONDEMNATION.replace("الذي وقع", "الذي وقع" + when, 1)
    arts = [art(f"r{i}", body, "2015-08-06/spa.txt") for i, body in enumerate(BOMBING_REPORTS)]
    arts.append(art("c", condemnation, "2015-08-11/club.txt"))
    bombing = ("c", "r0", "r1", "r2", "r3") if joins else ("r0", "r1", "r2", "r3")
    assert bombing in together(arts, "bombing") + together(arts, "incident")


def test_two_reports_dated_only_by_their_files_a_day_apart_are_not_anchored_by_the_window():
    # Zinjibar taken, and Abyan declared liberated: two captures in one province, 0.08-0.2 alike, each
    # dated only by its folder's day. Written a day apart they say nothing of their happenings' days, and
    # are compared as undated reports are (more alike than that); "dated within the window" joined them
    zinjibar = ("سيطرت القوات الحكومية على مدينة زنجبار عاصمة أبين ومواقع اللواء الخامس عشر بعد معارك عنيفة استمرت "
                "يومين، وغنمت دبابات ومدافع وذخائر كانت مخزنة في معسكر قريب من الساحل، فيما فر المسلحون نحو الجبال "
                "الشمالية تاركين جثث قتلاهم في الشوارع.")
    liberated = ("أعلن المحافظ في مؤتمر صحفي تحرير أبين بالكامل وعودة الحياة إلى طبيعتها في مدنها وأسواقها ومدارسها، "
                 "ودعا الموظفين الحكوميين إلى العودة إلى مكاتبهم مطلع الأسبوع المقبل، ووعد بصرف الرواتب المتأخرة "
                 "وإصلاح شبكة الكهرباء والمياه خلال شهر.")
    arts = [art("zinjibar", zinjibar, "2015-08-09/a.txt"), art("liberated", liberated, "2015-08-10/b.txt")]
    assert together(arts, "capture") == [("liberated",), ("zinjibar",)]


@pytest.mark.parametrize("filed,joins", [pytest.param("2015-08-11", True, id="the-same-day"),
                                         pytest.param("2015-08-06", False, id="five-days-before-it")])
def test_a_report_filed_before_a_bombing_it_does_not_date_is_not_of_it(filed, joins):
    # the report dates the bombing "today", on its file's day, 11 August; the condemnation names no day:
    # filed that day it may be of it, filed five days before it is of an earlier incident
    report = art("r0", BOMBING_REPORTS[0].replace("شخصا", "شخصا اليوم", 1), "2015-08-11/spa.txt")
    condemnation = art("c", CONDEMNATION, f"{filed}/club.txt")
    found = together([report, condemnation], "bombing") + together([report, condemnation], "incident")
    assert (("c", "r0") in found) == joins


def test_a_condemnation_followed_by_other_news_joins_on_the_text_around_its_trigger():
    # the club's programme for next season halves what the whole article shares with the reports;
    # the sentence that condemns the bombing shares as much as before
    programme = ("وفي سياق آخر أعلن النادي عن برنامجه الثقافي للموسم المقبل الذي يتضمن أمسيات شعرية ومحاضرات عن "
                 "تاريخ المنطقة ومعرضا للكتاب يشارك فيه أكثر من مئة ناشر من داخل المملكة وخارجها، إضافة إلى ورش "
                 "عمل في كتابة القصة القصيرة والرواية للشباب والفتيات.")
    arts = [art(f"r{i}", body, "2015-08-06/spa.txt") for i, body in enumerate(BOMBING_REPORTS)]
    assert together([*arts, art("c", CONDEMNATION + " " + programme)], "bombing") == [("c", "r0", "r1", "r2", "r3")]


def test_undated_reports_of_a_bombing_in_one_town_meet_on_little_likeness_and_another_towns_stays_apart():
    # a troupe's condemnation shares few words with a report (0.14 alike, where undated reports in one
    # town need 0.2); that the town is one and the happening a bombing anchors it, as a date would
    troupe = ("ندد أعضاء فرقة مسرحية زائرة بحادث التفجير الآثم في أبها، ووقفوا دقيقة صمت قبل بدء عرضهم الذي "
              "يروي قصة حيوانات هربت من حديقة في نيويورك، وقال مخرج الفرقة إن الفن رسالة سلام وإن الجمهور تفاعل "
              "مع المبادرة وصفق طويلا للممثلين.")
    najran = "فجر انتحاري نفسه في مسجد بحي سكني في نجران أثناء صلاة الجمعة، ما أدى إلى مقتل شخصين وإصابة آخرين."
    arts = [art("r0", BOMBING_REPORTS[0]), art("t", troupe), art("n", najran)]
    assert together(arts, "bombing") == [("n",), ("r0", "t")]


def test_condolences_for_a_bombings_fallen_passed_on_at_a_meeting_do_not_make_the_meeting_its_report():
    meeting = art("m", "رأس الأمير محمد بن نايف في مكتبه بجدة مساء اليوم اجتماعا مع قادة القطاعات الأمنية. ونقل في "
                       "بداية الاجتماع تعازي الملك سلمان لأسر شهداء الواجب في حادث التفجير الإرهابي الذي استهدف "
                       "مسجدا لقوات الطوارئ الخاصة في منطقة عسير، وناقش الاجتماع خطط موسم الحج.")
    assert "bombing" not in {m.event_type for m in extract_event_mentions(meeting)}
    reports = [art(f"r{i}", body) for i, body in enumerate(BOMBING_REPORTS)]
    assert together([*reports, meeting], "bombing") == [("r0", "r1", "r2", "r3")]


def test_an_inauguration_is_an_opening_and_a_congratulation_on_it_is_not():
    """Two papers tell the canal's opening in their own words (too unlike as whole articles for two
    reports of no known type): as openings by one president they are one happening. A cable
    congratulating him "on the opening" (the noun) opens nothing; nor does a visit to attend it."""
    agency = art("agency", "افتتح الرئيس عبدالفتاح السيسي اليوم الخميس قناة السويس الجديدة في مصر بحضور ملوك ورؤساء "
                           "عرب وأجانب، وعبرت أولى سفن الحاويات المجرى الجديد بعد عام من أعمال الحفر.",
                 "2015-08-06/agency.txt")
    paper = art("paper", "دشن الرئيس عبدالفتاح السيسي أمس قناة السويس الجديدة في احتفال كبير شهدته مصر، وقال إن "
                         "المشروع هدية المصريين للعالم وانطلاقة لمشاريع تنمية محور القناة.",
                "2015-08-07/paper.txt")
    assert types_of(agency.body) == ["opening"] and types_of(paper.body) == ["opening"]
    assert together([agency, paper], "opening") == [("agency", "paper")]
    cable = "بعث الملك سلمان برقية تهنئة إلى الرئيس عبدالفتاح السيسي بمناسبة افتتاح قناة السويس الجديدة."
    visit = "وصل الرئيس اليمني إلى القاهرة للمشاركة في احتفالات افتتاح قناة السويس الجديدة."
    airlift = "وصلت طائرة إغاثة ثانية إلى مطار عدن في إطار الجسر الجوي الذي أعلنت المملكة عن تدشينه أمس."
    assert "opening" not in types_of(cable) + types_of(visit) + types_of(airlift)
    assert types_of("شهد ميناء هامبورغ اليوم تدشين أكبر سفينة حاويات في العالم.") == ["opening"]
    assert types_of("أكبر سفينة شحن في العالم تم تدشينها في مدينة همبورغ الألمانية.") == ["opening"]


def test_a_funeral_is_a_funeral_and_two_towns_funerals_stay_apart():
    """The emir leads the prayer over the fallen in Abha; another paper tells the crowds seeing them
    to their graves in Asir: one funeral. The same day's burial of another man in Najran is another."""
    prayer = art("prayer", "أدى أمير منطقة عسير صلاة الميت على شهداء الواجب في جامع أبها الكبير بعد صلاة العصر، "
                           "بحضور قادة الأجهزة الأمنية وذوي الشهداء.", "2015-08-07/prayer.txt")
    crowds = art("crowds", "جموع غفيرة تودع شهداء الواجب إلى مثواهم الأخير في مقبرة عسير، وسط حضور أمني كبير "
                           "وتأثر ذوي الشهداء.", "2015-08-07/crowds.txt")
    najran = art("najran", "شيعت نجران عصر اليوم جثمان رقيب في حرس الحدود إلى مثواه الأخير في مقبرة البلدة، "
                           "بحضور المحافظ وذوي الفقيد.", "2015-08-07/najran.txt")
    assert [types_of(a.body) for a in (prayer, crowds, najran)] == [["funeral"]] * 3
    assert together([prayer, crowds, najran], "funeral") == [("crowds", "prayer"), ("najran",)]


def test_the_hand_of_treachery_is_the_attack_a_condolence_tells_and_a_funeral_recalls():
    """Condolences for the fallen "whom the hand of treachery targeted", telling no other act, are a
    reaction to that attack (an assault named only as such); a funeral for those "whom the hand of
    treachery struck" tells the funeral, not the attack."""
    condolence = ("رفع أمير المنطقة التعازي لذوي شهداء الواجب من رجال قوات الطوارئ في مدينة أبها، الذين شاء الله "
                  "أن تستهدفهم يد الغدر وهم يؤدون الصلاة.")
    funeral = "ودعت مقبرة أبها عصر اليوم شهداء قوات الطوارئ الذين طالتهم يد الغدر أثناء أدائهم لصلاة الظهر أمس."
    assert types_of(condolence) == ["incident"]
    assert types_of(funeral) == ["funeral"]


def test_undated_reports_of_a_crash_in_one_governorate_meet_on_little_likeness_and_another_towns_stays_apart():
    """An agency's note of the pilgrims' bus crash and a paper's piece on how Al-Ahsa's hospitals and
    volunteers met it share few words (0.15 alike; undated reports in one town need 0.2): a crash in one
    town or governorate is rare enough that the place anchors it, as a bombing's does. A crash in
    Taif is another."""
    agency = art("agency", "لقي تسعة معتمرين مصرعهم وأصيب سبعة وأربعون آخرون في حادث انقلاب حافلة فجر الخميس "
                           "على طريق خريص في الأحساء.")
    paper = art("paper", "شهدت الأحساء حادثا مروريا مروعا فاستنفرت المستشفيات طواقمها، وتوافد المتبرعون بالدم على "
                         "بنك الدم منذ الصباح الباكر، وأشاد مدير الشؤون الصحية بسرعة استجابة الفرق الإسعافية وتعاون "
                         "المواطنين والمقيمين، مؤكدا أن غرف العمليات عملت طوال الليل وأن إدارة المستشفى وفرت سكنا "
                         "لذوي المصابين القادمين من سلطنة عمان.")
    taif = art("taif", "توفي شخصان وأصيب ثلاثة في حادث تصادم بين سيارتين في الطائف فجر اليوم.")
    assert together([agency, paper, taif], "crash") == [("agency", "paper"), ("taif",)]


def test_a_measure_against_an_attacks_perpetrators_reports_the_measure_not_the_attack():
    """The cabinet approves detention without trial "to catch the perpetrators of the attack" on
    Sunday, and its second sentence recalls "and on Friday" the arson itself: the report tells the
    detentions, and the attack is only whom they are for and what came before."""
    body = ("أقرت الحكومة الإسرائيلية المصغرة اليوم الأحد الاحتجاز دون محاكمة للمشتبه بهم في إجراء يهدف للقبض على "
            "الجناة في هجوم دام على منزل في الضفة الغربية. ويوم الجمعة أحرق متطرفان منزلا فلسطينيا مما أدى إلى "
            "استشهاد رضيع وإصابة والديه بحروق خطيرة.")
    article = art("a", body)
    units = units_of_article(article, extract_event_mentions(article), load_hierarchy())
    assert sorted(u.event_type for u in units if u.lead) == ["arrest"]
    assert "attack" in {u.event_type for u in units}  # still told, as background


def test_a_child_killed_by_burning_is_an_attack():
    """Hamas calls for a response to "the killing of a Palestinian child by burning at the hands of
    settlers near Nablus": the arson is what the call answers, an attack, and the call tells no other act."""
    body = "دعت حركة حماس إلى الرد بقوة على مقتل طفل فلسطيني حرقاً بأيدي مستوطنين قرب نابلس أمس."
    assert types_of(body) == ["attack"]


CLUBS = {"الهلال": ("al-hilal-fc", "organization"), "النصر": ("al-nassr-fc", "organization"),
         "لندن": ("london", "location"), "جدة": ("jeddah", "location")}


def club_report(aid: str, body: str) -> ArticleInput:
    """A sports report whose clubs are named as the entity stage names them in a match's context."""
    found = re.finditer("|".join(CLUBS), body)
    ents = tuple(EntityRef(*CLUBS[m.group()], m.start(), m.end(), m.group()) for m in found)
    return ArticleInput(aid, "ar", None, body, ents, (), None, reference_hint(""))


def test_two_columns_on_one_match_of_two_clubs_in_one_town_meet_and_their_match_elsewhere_stays_apart():
    # two columns on the eve of the Super Cup, in words of their own (0.17 alike): the same two clubs
    # in one town within weeks are one match; the same two clubs' cup final in Jeddah is another
    arts = [
        club_report("eve", "لا أحد يستطيع التنبؤ بالحالة الفنية التي ستكون عليها مباراة النصر والهلال على ملعب "
                           "لوفتس رود بلندن مساء يوم غد لاعتبارات منها أنه أول لقاء في الموسم الجديد يجمع فريقين "
                           "متنافسين بشدة وهما في غير كامل لياقتهما بعد عشرين يوما فقط من المعسكر الخارجي، والمدرب "
                           "الذكي مع تقارب المستوى الفني هو من يضع خطة تناسب ظروف لاعبيه ويستثمر أخطاء خصمه "
                           "ويحسن قراءة الشوطين."),
        club_report("derby", "أكثر ما سيميز ديربي لندن عما سبقه من مباريات الهلال والنصر هو سحر الدقيقة 119 وما "
                             "اصطلح الجمهور على تسميته الجحفلة، فعلى الرغم من أن الفريق الأزرق سبق وأن لحق بمنافسه "
                             "في اللحظات الأخيرة وفاز عليه، إلا أن للقب الكأس أهمية أكبر كونه جاء في عصر مواقع "
                             "التواصل الاجتماعي التي أعطت الحدث الكثير من الزخم الإعلامي وأعادت الحديث عن الدقائق "
                             "الحاسمة في تاريخ المواجهات."),
        club_report("final", "كشف مدرب النصر خطته أمام الهلال في مباراة نهائي كأس خادم الحرمين الشريفين على ملعب "
                             "الجوهرة في جدة، مؤكدا أن فريقه جاهز للقب."),
    ]
    # the rest of a sports desk's week: the clubs and London in every story, so they are no rare items
    arts += [club_report(f"desk{i}", text) for i, text in enumerate([
        "وصلت بعثة الهلال إلى لندن قادمة من النمسا بعد ختام معسكرها الإعدادي.",
        "أعلن النصر التعاقد مع مدافع برازيلي لمدة موسمين قبل السفر إلى لندن.",
        "خصصت إدارة الهلال حافلات لنقل الجماهير من وسط لندن إلى الملعب.",
        "نفى المتحدث باسم النصر ما تردد عن خلاف بين المدرب واللاعبين في لندن.",
        "اشترت جماهير الهلال والنصر أكثر من عشرة آلاف تذكرة في لندن.",
        "أجرى النصر تدريبه الأخير في لندن بحضور أعضاء الشرف.",
    ])]
    assert together(arts, "match") == [("derby", "eve"), ("final",)]


def test_two_short_notes_under_one_sites_image_address_are_two_stories():
    # a sports site's notes of a line or two, each under its image's address: the address's words
    # ("sites default files styles public …") are every note's of the site, not a story's
    image = "http://www.sportpaper.example/sites/default/files/styles/114x72/public/2015/{day}/photo-{n}.JPG?itok={tok}"
    arts = [
        art("quarter", "النصر إلى النهائي بهدفين " + image.format(day="05/31", n="CP3V7459", tok="7AMkwMXt")
            + " تغلب الفريق الأول بنادي النصر على مضيفه التعاون في دور ربع النهائي."),
        art("plan", "خطة المدرب للنهائي " + image.format(day="06/01", n="CP3V7461", tok="i8Mkd7oN")
            + " كشف مدرب الفريق الأول بنادي النصر خطته التي سينتهجها في المباراة النهائية."),
    ]
    assert joined(arts) == []


# two reports that share something by chance, each pair met as one in the wild: what they share
# tells no one story
CHANCE_PAIRS = [
    # two human-interest stories of one region: a man paralysed after a medical error that followed his
    # crash, and a teacher paralysed in a crash "fourteen years ago" who asks for help; undated, the two
    # crashes "in Jazan" met as one. The crash of fourteen years ago is her story's background
    pytest.param(("error", "طالب مواطن بالتحقيق في خطأ طبي تعرض له شقيقه بعد أن تعرض لحادث سير ونقل إلى مستشفى صامطة، "
                         "ما تسبب في إصابته بالشلل."),
                 ("teacher", "تمنت معلمة في العقد الخامس من العمر وأم لستة أبناء تعرضت لحادث سير في جازان قبل 14 عاماً "
                           "تسبب بإصابتها بشلل نصفي، مشاركة أبنائها فرحة زواجهم."), id="a-crash-of-years-ago"),
    # "news in brief" and "economy in brief": a page's heading read as the opening sentence, the two
    # openings alike on "in brief" (0.6 and more), the stories beneath them unrelated
    pytest.param(("news", "موجز أخبار\n\n* رئيس وزراء اليابان يدافع عن تشريعات أمنية بعد تراجع شعبيته. دافع رئيس الوزراء "
                        "الياباني شينزو آبي عن مشاريع قوانين أمنية مثيرة للجدل أثارت احتجاجات الناخبين."),
                 ("economy", "موجز اقتصاد\n\n* تباطؤ مؤشر التصنيع في الصين خلال يوليو. تباطأ النشاط الصناعي الصيني في يوليو "
                           "الماضي بينما ارتفع القطاع غير الصناعي حسبما أفادت وسائل إعلام حكومية."), id="two-page-headings"),
    # a bank's half-year profit and a club's transfer offer, both "73 million": in the wild, "85 مليون"
    # (a transfer rumour, a cement dividend) and "1.69 مليار" joined unrelated reports as "the same rare
    # figures". A figure alone must have four significant digits and be no year
    pytest.param(("bank", "ارتفعت أرباح مصرف الخليج الكويتي إلى 73 مليون دينار في النصف الأول بدعم من نمو القروض "
                        "والودائع. وعزا المصرف النمو إلى توسع محفظة التمويل العقاري وتراجع المخصصات، فيما زادت الأصول "
                        "الإجمالية وتحسنت جودة الائتمان وانخفضت نسبة القروض المتعثرة، وتوقع المحللون استمرار الأداء "
                        "القوي للقطاع المصرفي مع تحسن السيولة وارتفاع أسعار الفائدة وانتعاش السوق العقارية في البلاد."),
                 ("club", "تلقى نادي الهلال عرضا رسميا بقيمة 73 مليون يورو من ريال مدريد لضم مهاجمه البرازيلي هذا الصيف. "
                        "ويرغب المدرب الإسباني في تدعيم صفوف الفريق قبل انطلاق الدوري، بينما تتمسك الإدارة ببقاء اللاعب "
                        "حتى نهاية عقده، وأشارت الصحف الرياضية إلى مفاوضات مع وكيل اللاعب حول الراتب السنوي والحوافز "
                        "ومكافآت التوقيع وحقوق الصورة قبل إغلاق سوق الانتقالات الصيفية في أوروبا."), id="one-round-figure"),
    # "&#8220;" and "&#8221;" (curly quotation marks) in two reports of one site: not the rare figures
    # 8220 and 8221 told of both, which joined a Gaza car bomb and an ISIS video
    pytest.param(("gaza", "انفجرت سيارتان مفخختان في مدينة غزة فجر اليوم، وقال متحدث باسم الشرطة إن &#8220;التحقيقات "
                        "جارية&#8221; لمعرفة الجهة التي تقف وراء التفجيرين."),
                 ("video", "نشر تنظيم داعش مقطعا مصورا جديدا قال إنه &#8220;يوثق&#8221; عمليات عناصره قرب قاعدة سبايكر "
                         "في محافظة صلاح الدين شمال العاصمة العراقية بغداد."), id="character-references"),
]


@pytest.mark.parametrize(("one", "other"), CHANCE_PAIRS)
def test_what_two_reports_share_by_chance_tells_no_one_story(one, other):
    assert joined([art(*one), art(*other)]) == []


CRASH_ON_THE_YANBU_ROAD = ("توفي شخص في حادث مروري على طريق أملج ينبع بعد منتصف الليل، إذ اصطدمت سيارته بشاحنة "
                           "وسط موجة غبار شديدة حجبت الرؤية قبل ينبع.")


def test_two_road_crashes_in_a_province_are_two_however_little_else_tells_them_apart():
    # "medina" is the city's id and its province's: a crash in the city and the dust storm's crashes
    # near Yanbu, in the province, are as common there as any two happenings, not one rare crash
    arts = [
        art("medina", "أعاق التجمهر هبوط الإسعاف الجوي لإسعاف مصابي حادث مروري وقع صباح أمس في طريق المتنزه البري "
                      "بالمدينة المنورة، وطلبت فرق الإسعاف الدوريات لتفريق المتجمهرين."),
        art("yanbu", CRASH_ON_THE_YANBU_ROAD),
        art("yanbu2", "لقي شخص مصرعه في حادث مروري إثر اصطدام سيارته بشاحنة على طريق أملج ينبع بسبب موجة غبار "
                      "شديدة حجبت الرؤية قبل ينبع."),
    ]
    assert together(arts, "crash") == [("medina",), ("yanbu", "yanbu2")]


def test_two_reports_dated_only_by_the_days_they_were_written_say_so_in_their_evidence():
    # filed under two days' folders, naming no day: compared as undated reports are, and the evidence
    # gives the day between them and says how they were compared
    arts = [art("a", "قتل 15 شخصا في تفجير انتحاري استهدف مسجدا لقوات الطوارئ في أبها أثناء صلاة الظهر.", "2015-08-06/a.txt"),
            art("b", "أسفر التفجير الانتحاري الذي استهدف مسجد قوات الطوارئ في أبها عن مقتل 15 شخصا وإصابة آخرين.",
                "2015-08-07/b.txt")]
    mentions = [m for a in arts for m in extract_event_mentions(a)]
    events, evidence = cluster_events(mentions, arts)
    assert sorted(e.article_ids for e in events) == [("a", "b")]
    joined = [r for r in evidence if r.article_id == "b" and r.joined_to_mention_id is not None
              and r.reason != "same article, same type"]
    assert [(r.date_gap_days, r.reason) for r in joined] == [(1, "written on two days, compared as undated; same place")]


SADIQ_BOMBING = "فجر انتحاري نفسه في مسجد الإمام الصادق في الكويت أثناء صلاة الجمعة، ما أدى إلى مقتل 27 مصليا وإصابة 227."
SADIQ_TRIALS = (
    "بدأت محكمة الجنايات في الكويت اليوم محاكمة 29 متهما في تفجير مسجد الإمام الصادق الذي أودى بحياة 27 مصليا.",
    "انطلقت اليوم في الكويت محاكمة المتهمين بتفجير مسجد الإمام الصادق، واعترف المتهم الرئيسي بنقل الحزام الناسف.",
)


def test_a_trial_is_its_own_happening_not_the_bombing_it_tries():
    # the reports of a trial's first session recall the bombing; they report the trial, which meets
    # the other report of it and not the bombing's own report weeks before
    arts = [art("bombing", SADIQ_BOMBING), art("trial1", SADIQ_TRIALS[0]), art("trial2", SADIQ_TRIALS[1])]
    assert together(arts, "trial") == [("trial1", "trial2")]
    assert ("bombing",) in together(arts, "bombing")  # its report stands alone


VISIT_TO_THE_WOUNDED = (
    "زار أمير منطقة عسير بعد ظهر اليوم بمستشفى عسير المركزي المصابين من جراء تفجير مسجد قوات الطوارئ الخاصة "
    "في أبها، واطمأن على صحتهم. وأشار إلى أن هذا العمل الإرهابي الجبان الذي استهدف المصلين أثناء صلاة الظهر "
    "وأدى إلى مقتل خمسة عشر شخصا بينهم اثنا عشر من رجال الأمن ينم عن فكر فاسد، داعيا للشهداء بالرحمة.")


def test_a_visit_to_a_bombings_wounded_is_its_own_happening_however_it_retells_the_bombing():
    # the governor's visit tells the bombing's story over again (0.54 alike as whole articles, told
    # as a meeting and as a bombing): a visit is what the bombing's wounded receive, never the bombing
    arts = [art("r0", BOMBING_REPORTS[0]), art("r1", BOMBING_REPORTS[1]), art("visit", VISIT_TO_THE_WOUNDED)]
    assert together(arts, "bombing") == [("r0", "r1")]
    assert together(arts, "meeting") == [("visit",)]


WEDDING = ("احتفل الشيخ {father} المطيري بزفاف ابنه الشاب {groom} وسط حضور كبير من الأهل والأصدقاء والأقارب "
           "الذين قدموا من القرى المجاورة. وأقيمت مراسم الزواج {day} في قاعة الاحتفالات بمحافظة الخرمة، "
           "وشارك العريس فرحته جميع الحضور مباركين ومهنئين بهذه المناسبة، وأحيا الحفل عدد من الشعراء.")


def test_one_template_tells_two_weddings_on_the_days_its_second_sentence_names():
    # a happening of no known type is its opening's: "today, Sunday" in the sentence after the first
    # is its day, and "yesterday, Saturday" in the other report's is another day
    arts = [
        art("sun", WEDDING.format(father="سعد", groom="فهد", day="مساء اليوم الأحد")),
        art("sat", WEDDING.format(father="ناصر", groom="خالد", day="مساء أمس السبت")),
        art("sun2", WEDDING.format(father="سعد", groom="فهد", day="مساء اليوم الأحد").replace("الأقارب", "الجيران")),
    ]
    assert together(arts, "other") == [("sat",), ("sun", "sun2")]


def test_a_day_to_come_in_the_second_sentence_is_no_day_of_the_happening():
    # "from today until the day after tomorrow, Wednesday": the forecast's days to come, not its own
    forecast = ("توقعت الرئاسة العامة للأرصاد وحماية البيئة هطول أمطار رعدية على مرتفعات جازان وعسير والباحة. "
                "ويستمر ذلك ابتداء من اليوم وحتى يوم بعد غد الأربعاء مع رياح سطحية مثيرة للأتربة والغبار.")
    arts = [art("a", forecast), art("b", forecast.replace("رعدية", "رعدية غزيرة"))]
    units = [u for a in arts for u in units_of_article(a, extract_event_mentions(a), load_hierarchy())]
    assert [u.weekdays for u in units if u.lead] == [set(), set()]


PLAY_OPENING = ("ضمن مسابقة أمانة المدينة المنورة للمسرح في مهرجان عيد طيبة السادس والثلاثين عرضت فرقة الشباب "
                "المسرحية على خشبة مسرح الخيمة المركزية مساء أمس مسرحية جديدة من تأليف كاتب شاب وإخراج مخرج معروف. ")
CARTOON = ("وتدور أحداث العمل حول شاب يحلم بالسفر ويصطدم بالبطالة وغلاء المعيشة، وقدم الممثلون مشاهد كوميدية "
           "أضحكت الجمهور الذي ملأ المقاعد، وصفق الحضور طويلا للممثل الذي أدى دور الأب. واستخدم العرض أغاني "
           "تراثية حجازية قديمة أعاد توزيعها ملحن موهوب، وتنقل الديكور بين مقهى شعبي ومكتب توظيف مزدحم وحديقة "
           "عامة، وختمت المسرحية بمشهد يجمع الشاب بوالدته المريضة.")
FLAT = ("ويناقش النص تفكك الأسرة بعد الربيع العربي من خلال عائلة تسكن شقة صغيرة في وسط المدينة، واعتمد المخرج "
        "على إضاءة خافتة وموسيقى حزينة، وشارك في العرض ممثلون من جدة والرياض. وتناول الحوار خلافات الإخوة على "
        "الميراث وغياب الأب المهاجر، وانتقد المؤلف وسائل التواصل التي فرقت أفراد العائلة، وأثار الختام المفتوح "
        "نقاشا بين النقاد في الندوة التطبيقية بعد العرض.")


@pytest.mark.parametrize("titles", [
    pytest.param(("«كرتون الأحلام» تعالج معوقات شباب اليوم الطموحين", "«شقة من وسط البلد» تناقش التشتت الأسري والربيع العربي"),
                 id="long-titles"),
    # a title of three or four words names its play as well: "الفيصل يفتتح «شاهد وشهيد»" and "أمير مكة
    # يوافق على تطوير خيمة عكاظ" under one emir's long title were one story while only long titles counted
    pytest.param(("«كرتون الأحلام» للشباب", "«شقة وسط البلد»"), id="short-titles"),
])
def test_one_contests_two_plays_open_alike_under_titles_that_share_nothing(titles):
    # the contest's template opens both reports: their titles, which share no word, name two plays
    def play(aid: str, body: str, title: str) -> ArticleInput:
        return replace(art(aid, PLAY_OPENING + body), title=title)
    arts = [play("cartoon", CARTOON, titles[0]), play("flat", FLAT, titles[1])]
    assert together(arts, "other") == [("cartoon",), ("flat",)]
    # the same opening under titles that share a word is one story told twice
    arts[1] = play("flat", FLAT, "«كرتون الأحلام» على خشبة مسرح الخيمة في عيد طيبة")
    assert together(arts, "other") == [("cartoon", "flat")]


FIRE_FIRST = ("اندلع حريق في مستودع للأخشاب والأثاث المستعمل فجر اليوم، وهرعت فرق الإطفاء إلى الموقع وتمكنت من "
              "السيطرة على النيران خلال ساعتين دون تسجيل إصابات، فيما فتحت الجهات المختصة تحقيقا لمعرفة أسباب الحادث.")
FIRE_OTHER_WORDS = ("اندلع حريق في مستودع كبير بالحي الصناعي، وقال شهود إن أعمدة الدخان شوهدت من مسافة بعيدة، وأوضح "
                    "مسؤول في البلدية أن المستودع كان يضم كميات من الأخشاب، وأن خسائره تقدر بنحو مليوني ريال وفق تقدير أولي.")


@pytest.mark.parametrize("day,together_", [("2015-07-21", True), ("2015-07-23", False)])
def test_a_report_days_later_alike_only_so_much_is_no_retelling(day, together_):
    # another paper's words on a fire, no place or party in common (0.24 alike): the next day it is the
    # fire told again; three days on, LATE_STORY_JOIN asks more
    arts = [art("first", FIRE_FIRST, "2015-07-20/a.txt"), art("later", FIRE_OTHER_WORDS, f"{day}/b.txt")]
    assert (together(arts, "fire") == [("first", "later")]) is together_


# one evening in Doha, the Saudi and Qatari youth teams met at basketball and at football: the same sides,
# town, day and words (the scorer's name too); the basketball match told again in other words
YOUTH_BASKETBALL = ("فاز المنتخب السعودي للشباب لكرة السلة على نظيره القطري بنتيجة 63-35 في المباراة التي أقيمت "
                    "مساء أمس على صالة نادي السد في الدوحة ضمن البطولة الخليجية للشباب، وتصدر اللاعب عبدالله "
                    "الدوسري قائمة المسجلين.")
YOUTH_FOOTBALL = ("فاز المنتخب السعودي للشباب لكرة القدم على نظيره القطري بهدفين مقابل هدف في المباراة التي أقيمت "
                  "مساء أمس على ملعب نادي السد في الدوحة ضمن البطولة الخليجية للشباب، وسجل هدفي الأخضر اللاعب "
                  "عبدالله الدوسري.")
YOUTH_BASKETBALL_RETOLD = ("تغلب شباب الأخضر لكرة السلة على قطر 63-35 في الدوحة مساء أمس، في ثاني مبارياتهم "
                           "بالبطولة الخليجية، وقال مدرب المنتخب إن لاعبيه قدموا أداء دفاعيا مميزا في الربع الأخير.")


@pytest.mark.parametrize("path", ["2015-08-10/{}.txt", ""], ids=["dated", "undated"])
def test_one_evenings_matches_of_the_same_sides_at_two_sports_are_two(path):
    arts = [art(aid, body, path.format(aid)) for aid, body in (
        ("basketball", YOUTH_BASKETBALL), ("football", YOUTH_FOOTBALL), ("retold", YOUTH_BASKETBALL_RETOLD))]
    assert [[m.event_type for m in extract_event_mentions(a)] for a in arts] == [["match"]] * 3
    assert together(arts, "match") == [("basketball", "retold"), ("football",)]


# one Games' men's and women's hockey, Pakistan against Malaysia in both, told alike and of no known kind
GAMES_MEN = ("ایشین گیمز کے مینز ہاکی ایونٹ میں پاکستان نے ملائیشیا کو ایک سنسنی خیز مقابلے کے بعد تین ایک سے شکست دے "
             "دی، گرین شرٹس کی جانب سے کپتان نے دو گول کئے جبکہ تیسرا گول پنالٹی کارنر پر ہوا۔")
GAMES_WOMEN = ("ایشین گیمز کے ویمنز ہاکی ایونٹ میں پاکستان نے ملائیشیا کو ایک سنسنی خیز مقابلے کے بعد دو ایک سے شکست "
               "دے دی، قومی ٹیم کی جانب سے کپتان نے دونوں گول کئے جبکہ ملائیشیا کا واحد گول پنالٹی کارنر پر ہوا۔")


def test_one_games_mens_and_womens_matches_are_two_whatever_they_are_told_as():
    arts = [ArticleInput(aid, "ur", None, body, (), ()) for aid, body in (
        ("men", GAMES_MEN), ("women", GAMES_WOMEN), ("women again", GAMES_WOMEN.replace("سنسنی خیز", "دلچسپ")))]
    assert joined(arts) == [("women", "women again")]


# one championship's junior bowlers the same day: the singles' medals and the doubles' bronze, the same two players
BOWLING_SINGLES = ("أحرز المنتخب السعودي للبولينج فئة الناشئين ميداليتين فضية وبرونزية في مسابقة الفردي ضمن البطولة "
                   "الخليجية المقامة في مسقط، ونال اللاعب فهد العتيبي الفضية وزميله سعد القحطاني البرونزية.")
BOWLING_DOUBLES = ("أحرز المنتخب السعودي للبولينج فئة الناشئين الميدالية البرونزية في مسابقة الزوجي ضمن البطولة "
                   "الخليجية المقامة في مسقط، عن طريق اللاعبين فهد العتيبي وسعد القحطاني.")


def test_one_championships_singles_and_doubles_are_two():
    arts = [art("singles", BOWLING_SINGLES, "2015-08-10/a.txt"), art("doubles", BOWLING_DOUBLES, "2015-08-10/b.txt"),
            art("singles again", BOWLING_SINGLES.replace("أحرز", "حقق"), "2015-08-10/c.txt")]
    assert joined(arts) == [("singles", "singles again")]


# two friendlies of Roma reported without their sides' countries: "روما" is read as the city, Rome, twice
BARCA_ROMA = ("سرقت نطحة ميسي الأنظار في مباراة فريقه برشلونة وروما التي توج فيها الفريق الكتالوني بكأس جامبر "
              "بثلاثة أهداف مقابل هدف، وشارك نيمار وسواريز في الشوط الثاني وسط تصفيق جماهير الكامب نو.")
ROMA_VALENCIA = ("أعرب محمد صلاح عن سعادته بتسجيل هدف في المباراة التي فاز فيها فريقه الجديد روما على مضيفه "
                 "فالنسيا بهدفين نظيفين، وأكد المهاجم أنه يطمح إلى إسعاد الجماهير في الموسم الجديد بعد انتقاله من "
                 "تشيلسي، وكان قد انتقل إلى النادي العاصمي على سبيل الإعارة لمدة موسم مع خيار الشراء بعد تجربة "
                 "ناجحة مع فيورنتينا.")


def test_two_matches_whose_sides_are_unread_are_not_anchored_by_the_town_a_club_is_named_for():
    # neither report names its sides' countries, and the club is read as its city: two matches "in
    # Rome" (0.26 alike) are not one on the town, as two reports of a bombing there would be
    arts = [art("barca", BARCA_ROMA), art("valencia", ROMA_VALENCIA)]
    assert together(arts, "match") == [("barca",), ("valencia",)]

"""khabar.dates: what a user gets from parse_date, find_dates, publication_date, date_mentions."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import SEED_ARTICLES

from khabar.document.dates import (
    DateFinding,
    date_mentions,
    find_dates,
    parse_date,
    publication_date,
)

REF = dt.date(2020, 3, 23)  # a Monday
SEEDS = SEED_ARTICLES


def case(text: str, expected: str | None, rule: str):
    return pytest.param(text, None if expected is None else dt.date.fromisoformat(expected), id=rule)


ABSOLUTE = [
    case("٢٣ مارس ٢٠٢٠", "2020-03-23", "ar-msa-arabic-indic-digits"),
    case("7 يونيه 2015", "2015-06-07", "ar-egyptian-month"),
    case("12 أيلول 2017", "2017-09-12", "ar-levantine-month"),
    case("٣ تشرين الأول ٢٠١٩", "2019-10-03", "ar-levantine-two-word-month"),
    case("25 يناير (كانون الثاني) 2015", "2015-01-25", "ar-msa-with-levantine-gloss"),
    case("12 جانفي 2019", "2019-01-12", "ar-maghrebi-algerian-month"),
    case("1 غشت 2017", "2017-08-01", "ar-maghrebi-moroccan-month"),
    case("الأربعاء الموافق الثالث عشر من شباط 2013", "2013-02-13", "ar-ordinal-day-word"),
    case("12 ستمبر 2017", "2017-09-12", "ur-month"),
    case("18 دسمبر2018ء", "2018-12-18", "ur-glued-year-with-hamza-marker"),
    case("یکم اکتوبر 2019", "2019-10-01", "ur-yakum-first"),
    case("ژانویه 8, 2015", "2015-01-08", "fa-gregorian-month-first"),
    case("۱۱ اکتبر ۲۰۱۶", "2016-10-11", "fa-gregorian-month"),
    case("Published on September 12, 2017", "2017-09-12", "en-month-day-year"),
    case("First Published: 2017-09-12", "2017-09-12", "iso-numeric"),
    case("12/09/2017", "2017-09-12", "numeric-day-first"),
    case("09/21/2017", "2017-09-21", "numeric-month-first-when-day-over-12"),
    case("٢٠٢٠/٠٣/٢٣", "2020-03-23", "numeric-arabic-indic"),
]

JALALI = [
    case("۲۰ مهر ۱۳۹۵", "2016-10-11", "jalali-month-persian-digits"),
    case("1395/07/20", "2016-10-11", "jalali-numeric-13xx-year"),
    case("26/12/1358", "1980-03-16", "jalali-numeric-day-first"),
    case("سه شنبه سوم شهریور ۱۳۹۴", "2015-08-25", "jalali-ordinal-word-day"),
    case("پنجشنبه بیست و سوم اردیبهشت ۱۳۸۹", "2010-05-13", "jalali-compound-ordinal"),
    case("جمعه سی ام اسفند ۱۳۸۷", "2009-03-20", "jalali-si-om-leap-day"),
    case("27 آذر 97", "2018-12-18", "jalali-two-digit-year-13xx"),
    case("چهارشنبه 22 شهریور 02", "2023-09-13", "jalali-two-digit-year-14xx"),
    case("۱۵ خرداد ۱۳۴۲ ه‍.ش", "1963-06-05", "jalali-marker-with-zwj"),
    case("شنبه ۱۲ فروردین ۱۴۰۲", "2023-04-01", "jalali-14xx-year-by-month-name"),
    case("1402/05/12", "2023-08-03", "jalali-14xx-numeric-year-first"),
]

HIJRI = [
    case("25 شوال 1436 هـ", "2015-08-10", "hijri-month-marker"),
    case("١٤ رمضان ١٤٤١هـ", "2020-05-07", "hijri-arabic-indic-glued-marker"),
    case("15 ربيع الأول 1445", "2023-09-30", "hijri-month-name-without-marker"),
    case("1 /11 /1436هـ", "2015-08-16", "hijri-numeric-spaced-slashes"),
    case("14-09-1432 هـ, 09:40 صباحاً", "2011-08-14", "hijri-numeric-with-time"),
    case("1436/10/15 هـ", "2015-07-31", "hijri-numeric-year-first-marker"),
    case("غرة محرم 1442 هـ", "2020-08-20", "hijri-ghurra-first-day"),
    case("20/3/1447", "2025-09-12", "hijri-numeric-14xx-unmarked-year-over-1405"),
]

DUAL = [
    case("25 شوال 1436 هـ الموافق 10 أغسطس 2015 م", "2015-08-10", "dual-hijri-then-gregorian"),
    case("10 أغسطس 2015م الموافق 25 شوال 1436هـ", "2015-08-10", "dual-gregorian-then-hijri"),
    case("۲۰ مهر ۱۳۹۵ برابر با ۱۱ اکتبر ۲۰۱۶", "2016-10-11", "dual-jalali-gregorian"),
    case("5 رمضان 1441 (28 أبريل 2020)", "2020-04-28", "dual-parenthesised"),
]

RELATIVE = [
    case("اليوم الاثنين", "2020-03-23", "ar-today-with-weekday"),
    case("أمس", "2020-03-22", "ar-yesterday"),
    case("أمس الأول", "2020-03-21", "ar-day-before-yesterday"),
    case("غداً", "2020-03-24", "ar-tomorrow-with-tanween"),
    case("بعد غد", "2020-03-25", "ar-day-after-tomorrow"),
    case("منذ يومين", "2020-03-21", "ar-dual-days-ago"),
    case("منذ 3 أيام", "2020-03-20", "ar-n-days-ago"),
    case("الخميس الماضي", "2020-03-19", "ar-last-weekday"),
    case("الأحد المقبل", "2020-03-29", "ar-next-weekday"),
    case("الجمعة", "2020-03-27", "ar-weekday-alone-is-the-coming-one"),
    case("الاثنين", "2020-03-30", "ar-weekday-alone-on-that-day-is-next-week"),
    case("قالت الوزارة الجمعة إن الوفد وصل", "2020-03-20", "ar-weekday-in-news-sentence-on-or-before"),
    case("أعلن الجيش الاثنين عن الهدنة", "2020-03-23", "ar-weekday-in-news-sentence-same-day"),
    case("في 5 مارس", "2020-03-05", "ar-partial-year-from-reference"),
    case("20 أغسطس المقبل", "2020-08-20", "ar-partial-next"),
    case("الخميس 15 اغسطس", "2019-08-15", "ar-partial-weekday-chooses-year"),
    case("6 من الشهر نفسه", "2020-03-06", "ar-day-of-same-month"),
    case("روز گذشته", "2020-03-22", "fa-yesterday-phrase"),
    case("پریروز", "2020-03-21", "fa-day-before-yesterday"),
    case("۳ روز پیش", "2020-03-20", "fa-n-days-ago"),
    case("سه روز پیش", "2020-03-20", "fa-word-days-ago"),
    case("گزشتہ روز", "2020-03-22", "ur-yesterday-phrase"),
    case("اتوار کے دن", "2020-03-22", "ur-weekday-ke-din"),
    case("وزیراعظم نے ہفتے کو خطاب کیا", "2020-03-21", "ur-oblique-saturday-with-ko"),
    case("دو ہفتے پہلے", "2020-03-09", "ur-weeks-are-not-saturday"),
    case("کل وزیراعظم نے خطاب کیا", "2020-03-22", "ur-kal-past-tense-is-yesterday"),
    case("کل وزیراعظم خطاب کریں گے", "2020-03-24", "ur-kal-future-tense-is-tomorrow"),
    case("پرسوں میچ کھیلا جائے گا", "2020-03-25", "ur-parson-future"),
    case("کل", None, "ur-kal-without-tense-is-ambiguous"),
    case("yesterday", "2020-03-22", "en-yesterday"),
    case("3 days ago", "2020-03-20", "en-n-days-ago"),
]

NO_DATE = [
    case("", None, "empty"),
    case("6 كم شمالي الطريق الدولي", None, "number-and-unit-is-not-a-date"),
    case("الساعة 3 صباحا", None, "time-of-day-only"),
    case("مارس 2020", None, "month-only-is-not-a-day"),
    case("1436 هـ", None, "year-only"),
    case("کل کشور", None, "fa-kal-means-all"),
    case("31 فبراير 2020", None, "impossible-day"),
    case("5 مارس 1436", None, "hijri-year-never-read-as-gregorian"),
    case("ستمبر/ايلول 2015", None, "month-with-gloss-only"),
    case("27.8 ألف كيلومتر", None, "decimal-number"),
    case("خامس اثنين من شباط 2021", None, "fifth-weekday-the-month-lacks"),
]


# spoken (Levantine, Gulf, Egyptian) Arabic of the Duckling kind, and Jalali glued to its month
SPOKEN_ABSOLUTE = [
    case("۱۲خردادماه ۱۳۷۷", "1998-06-02", "jalali-day-month-and-mah-glued"),
    case("5 تیرماه 1399", "2020-06-25", "jalali-month-glued-to-mah"),
    case("ثاني خميس من نيسان 2019", "2019-04-11", "nth-weekday-before-levantine-month"),
    case("رابع سبت في شهر 6 سنة 2018", "2018-06-23", "nth-weekday-month-in-digits"),
    case("الجمعة الأخيرة من شهر أيار 2021", "2021-05-28", "weekday-then-last-feminine"),
    case("الأربعاء الثانية من شهر أكتوبر في سنة 2014", "2014-10-08", "weekday-then-second-beats-day-two"),
    case("آخر يوم بشهر اتناش سنة 2019", "2019-12-31", "last-day-of-month-by-number"),
]

SPOKEN_RELATIVE = [
    case("أول أحد من الشهر الجاي", "2020-04-05", "nth-weekday-of-next-month"),
    case("آخر اثنين من الشهر الماضي", "2020-02-24", "last-weekday-of-last-month"),
    case("أول ثلاثاء من شهر عشرة", "2020-10-06", "nth-weekday-month-without-year-is-this-year"),
    case("الخامس من شهر سبعة", "2020-07-05", "day-of-month-by-number-word"),
    case("بداية شهر 5", "2020-05-01", "start-of-month-in-digits"),
    case("نص شهر اربعة", "2020-04-15", "half-of-month-is-the-15th"),
    case("العشرين من الشهر التاسع", "2020-09-20", "ordinal-month-after-al-shahr"),
    case("منتصف الشهر", "2020-03-15", "middle-of-this-month"),
    case("امبارح", "2020-03-22", "levantine-yesterday"),
    case("أول امبارح", "2020-03-21", "levantine-day-before-yesterday"),
    case("اليوم اللي قبل امبارح", "2020-03-21", "the-day-before-yesterday-spelled-out"),
    case("بعد بكرا", "2020-03-25", "day-after-tomorrow-bukra"),
    case("خميس الأسبوع الماضي", "2020-03-19", "weekday-of-last-week"),
    case("ثلاثاء الأسبوع الفائت", "2020-03-17", "weekday-of-last-week-faet"),
    case("الأحد من الأسبوع الجاي", "2020-04-05", "weekday-of-next-week-weeks-start-monday"),
    case("أربعاء هالأسبوع", "2020-03-25", "weekday-of-this-week"),
    case("الخميس الجاي", "2020-03-26", "weekday-jay-is-future"),
    case("الثلاثاء الفائت", "2020-03-17", "weekday-faet-is-past"),
    case("هذا الأربعاء", "2020-03-25", "this-weekday-on-or-after"),
    case("هذا الاثنين", "2020-03-23", "this-weekday-on-that-day-is-today"),
    case("الخميس", "2020-03-26", "arabic-weekday-alone-is-the-coming-one"),
    case("يوم الخميس", "2020-03-19", "yawm-weekday-newswire-formula-is-past"),
    case("قال الوزير إنه التقى نظيره الخميس", "2020-03-19", "weekday-in-past-news-sentence"),
    case("سوف يزور الوزير القاهرة الخميس", "2020-03-26", "weekday-in-future-sentence"),
    case("شنبه", "2020-03-21", "persian-weekday-alone-stays-on-or-before"),
]


@pytest.mark.parametrize(("text", "expected"), ABSOLUTE + JALALI + HIJRI + DUAL + SPOKEN_ABSOLUTE)
def test_absolute_expressions(text, expected):
    assert parse_date(text) == expected
    assert parse_date(text, REF) == expected


@pytest.mark.parametrize(("text", "expected"), RELATIVE + SPOKEN_RELATIVE)
def test_relative_expressions_resolve_against_reference(text, expected):
    assert parse_date(text, REF) == expected


@pytest.mark.parametrize(("text", "expected"), RELATIVE + SPOKEN_RELATIVE)
def test_relative_expressions_give_none_without_reference(text, expected):
    assert parse_date(text) is None


@pytest.mark.parametrize(("text", "expected"), NO_DATE)
def test_texts_that_name_no_single_day(text, expected):
    assert parse_date(text, REF) is expected


def test_hijri_and_jalali_years_are_never_gregorian_years():
    texts = [p.values[0] for p in JALALI + HIJRI + DUAL]
    years = [parse_date(t).year for t in texts]
    assert all(y >= 1900 for y in years)


_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@pytest.mark.parametrize("text", ["23 مارس 2020", "1395/07/20", "25 شوال 1436 هـ", "12 ستمبر 2017", "2017-09-12"])
def test_three_digit_systems_give_the_same_date(text):
    expected = parse_date(text)
    assert expected is not None
    assert parse_date(text.translate(_ARABIC_INDIC)) == expected
    assert parse_date(text.translate(_PERSIAN)) == expected


@given(st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_never_raises_on_arbitrary_text(text):
    parse_date(text)
    parse_date(text, REF)
    find_dates(text, REF)
    publication_date(text)
    date_mentions(text, REF)


_RELATIVE_PIECES = ["اليوم", "أمس", "غدا", "روز گذشته", "دیروز", "امروز", "گزشتہ روز", "اتوار کے دن", "الاثنين",
                    "منذ 3 أيام", "في 5 مارس", "6 من الشهر نفسه", "yesterday"]


@given(st.lists(st.sampled_from(_RELATIVE_PIECES), min_size=1, max_size=4), st.sampled_from([" ", "، ", " و "]))
@settings(max_examples=100, deadline=None)
def test_relative_text_gives_none_without_reference(pieces, sep):
    assert parse_date(sep.join(pieces)) is None


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31)),
       st.sampled_from([None, str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"), str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")]))
@settings(max_examples=200, deadline=None)
def test_iso_dates_round_trip_in_every_digit_system(day, digits):
    text = day.isoformat()
    assert parse_date(text.translate(digits) if digits else text) == day


def test_find_dates_gives_offsets_into_the_original_text():
    text = "قالت الوكالة في ١٤ رمضان ١٤٤١هـ إن الاجتماع عقد أمس."
    found = find_dates(text, REF)
    assert [(f.text, f.calendar) for f in found] == [("١٤ رمضان ١٤٤١هـ", "hijri"), ("أمس", "relative")]
    assert all(text[f.start:f.end] == f.text for f in found)
    assert found[0].value == dt.date(2020, 5, 7)


def test_weekday_beside_a_date_is_checked():
    right = find_dates("الثلاثاء 12 سبتمبر 2017")[0]
    wrong = find_dates("الأربعاء 12 سبتمبر 2017")[0]
    assert right.value == wrong.value == dt.date(2017, 9, 12)
    assert right.confidence > wrong.confidence



def test_a_weekday_named_twice_in_a_text_is_one_day():
    """A headline's bare "… الإثنين" (read as the last Monday on its own) is the "الإثنين المقبل" the
    text goes on to name: one day. A weekday the text names once, bare, keeps the default."""
    friday = dt.date(2015, 7, 24)
    headline = "الفيصل يفتتح متنزه الردف في الطائف.. الإثنين يرعى أمير المنطقة حفل الافتتاح."
    text = headline.replace("الافتتاح.", "الافتتاح، وذلك مساء الإثنين المقبل.")
    assert [(f.text, f.value) for f in find_dates(text, friday)] == [
        ("الإثنين", dt.date(2015, 7, 27)), ("الإثنين المقبل", dt.date(2015, 7, 27))]
    assert [f.value for f in find_dates(headline, friday)] == [dt.date(2015, 7, 20)]

def test_dual_dateline_that_disagrees_is_less_confident():
    agree = find_dates("25 شوال 1436 هـ الموافق 10 أغسطس 2015 م")[0]
    disagree = find_dates("25 شوال 1436 هـ الموافق 20 أغسطس 2015 م")[0]
    assert agree.value == dt.date(2015, 8, 10) and disagree.value == dt.date(2015, 8, 20)
    assert agree.confidence > disagree.confidence


PUBLICATION = [
    pytest.param("First Published: 2017-09-12\n\nعنوان الخبر\n\nنص الخبر هنا.", "2017-09-12",
                 "first_published_line", id="labelled-line"),
    pytest.param("عنوان الخبر\n● أخبار محلية ٢٣ مارس ٢٠٢٠\n\nقالت الوزارة اليوم الاثنين إن الاجتماع عقد.",
                 "2020-03-23", "header", id="header-kicker-line"),
    pytest.param("الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس " + "نص طويل عن الاجتماع. " * 10,
                 "2015-08-10", "dateline", id="agency-dual-dateline"),
    pytest.param("عنوان\n" + "سطر من النص.\n" * 12 + "تاريخ النشر: 12/09/2017", "2017-09-12",
                 "first_published_line", id="labelled-footer-line"),
    pytest.param("تیتر خبر\nتاریخ انتشار: ۱۳۹۵/۰۷/۲۰\nمتن خبر", "2016-10-11", "first_published_line",
                 id="fa-labelled-jalali"),
]


@pytest.mark.parametrize(("text", "expected", "method"), PUBLICATION)
def test_publication_date(text, expected, method):
    found = publication_date(text)
    assert (found.value, found.method) == (dt.date.fromisoformat(expected), method)
    assert text[found.start:found.end] == found.text


@pytest.mark.parametrize("text", [
    pytest.param("وزير الدفاع زار دمشق روز گذشته و دیدار کرد.", id="fa-relative-only"),
    pytest.param("قالت الوزارة اليوم الاثنين إن الوزير وصل.", id="ar-today-weekday-only"),
    pytest.param("وزیر دفاع نے اتوار کے دن دمشق کا دورہ کیا۔", id="ur-weekday-only"),
    pytest.param("عنوان\n" + "سطر من النص.\n" * 12 + "وفي 5 مارس 2020 أعلن الرئيسان.\n" + "سطر.\n" * 6,
                 id="date-deep-in-body-is-not-publication"),
    pytest.param("", id="empty"),
])
def test_no_publication_date(text):
    found = publication_date(text)
    assert found == DateFinding(value=None, text="", start=-1, end=-1, calendar="none", precision="none",
                                method="none", confidence=0.0)


def test_date_mentions_resolve_partial_and_relative_against_reference():
    body = "وفي 5 مارس، أعلن الرئيسان وقفا لإطلاق النار اعتبارا من 6 من الشهر نفسه. والتقى الوزير أمس بالرئيس."
    mentions = date_mentions(body, REF)
    got = [(m.text, m.value, m.method) for m in mentions]
    assert got == [("5 مارس", dt.date(2020, 3, 5), "partial"), ("6 من الشهر نفسه", dt.date(2020, 3, 6), "partial"),
                   ("أمس", dt.date(2020, 3, 22), "relative")]
    first, _, third = mentions
    assert body[first.sentence_start:first.sentence_end].startswith("وفي 5 مارس")
    assert body[third.sentence_start:third.sentence_end].strip().startswith("والتقى")


def test_date_mentions_without_reference_keep_only_absolute_dates():
    body = "وفي 5 مارس 2020 أعلن الرئيسان اتفاقا، والتقى الوزير أمس بالرئيس."
    assert [(m.value, m.method) for m in date_mentions(body, None)] == [(dt.date(2020, 3, 5), "absolute")]


SEED_PUBLICATION = {"000": None, "001": None, "002": "2020-03-23", "003": "2017-09-12", "004": None}


@pytest.mark.parametrize("prefix", sorted(SEED_PUBLICATION))
def test_seed_articles_publication_date(prefix):
    if not SEEDS.is_dir():
        pytest.skip("../shared not present")
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    expected = SEED_PUBLICATION[prefix]
    found = publication_date(path.read_text(encoding="utf-8"))
    assert found.value == (dt.date.fromisoformat(expected) if expected else None)


def test_seed_002_body_mentions():
    if not SEEDS.is_dir():
        pytest.skip("../shared not present")
    [path] = SEEDS.glob("002_*.txt")
    values = {m.value for m in date_mentions(path.read_text(encoding="utf-8"), dt.date(2020, 3, 23))}
    assert {dt.date(2020, 3, 5), dt.date(2020, 3, 6)} <= values


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("۱۰ وږی ۱۴۰۴", dt.date(2025, 9, 1), id="pashto-solar-month-wazhay"),
        pytest.param("۱ وری ۱۴۰۳", dt.date(2024, 3, 20), id="pashto-solar-month-wray"),
        pytest.param("۱۵ اسد ۱۴۰۳", dt.date(2024, 8, 5), id="dari-zodiac-month-asad"),
        pytest.param("اسد", None, id="zodiac-name-alone-is-a-word-not-a-date"),
    ],
)
def test_afghan_solar_month_names(text, expected):
    assert parse_date(text) == expected


def test_urdu_shahar_city_is_not_the_arabic_month():
    body = "بارش کے بعد شہر کی کئی اہم شاہراہیں زیر آب آ گئیں۔"
    assert date_mentions(body, dt.date(2025, 8, 19)) == []
    assert parse_date("بعد شهر", dt.date(2025, 8, 19)) == dt.date(2025, 9, 19)


def test_every_match_of_a_rare_pattern_holds_what_lets_it_be_skipped():
    """A pattern is not run over a text without its ``needed`` regex (``finding.candidates``); that is
    only right if every match of the pattern holds it. Checked on every case of this file, and each
    such pattern must match at least one of them, or the check says nothing about it."""
    from khabar.document.dates.patterns import grammar, needed
    from khabar.document.dates.tables import scan_of

    texts = [p.values[0] for cases in (ABSOLUTE, JALALI, HIJRI, DUAL, RELATIVE, NO_DATE, SPOKEN_ABSOLUTE,
                                       SPOKEN_RELATIVE, PUBLICATION) for p in cases]
    texts += ["قبل ثلاثة أيام", "منذ يومين", "پنج روز پیش", "15 من الشهر الجاري", "الخميس الأول", "الخميس الثاني",
              "1/2015", "September 12, 2017"]
    scans = [scan_of(t)[0] for t in texts]
    for name, needs in needed().items():
        matches = [m.group() for scan in scans for m in getattr(grammar(), name).finditer(scan)]
        assert matches, f"no case matches {name}"
        for matched in matches:
            assert needs.search(matched), (name, matched)

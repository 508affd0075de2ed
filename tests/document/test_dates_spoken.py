"""khabar.dates on spoken (Levantine, Gulf, Egyptian) Arabic of the Duckling kind: nth weekday of a
month, months by number, the weekday of last/next week, امبارح/بكرة, weekday direction by context,
month-and-year at month precision, and Jalali dates glued to their month."""
from __future__ import annotations

import datetime as dt

import pytest

from khabar.document.dates import date_mentions, find_dates, parse_date

REF = dt.date(2020, 3, 23)  # a Monday


def case(text: str, expected: str | None, rule: str):
    return pytest.param(text, None if expected is None else dt.date.fromisoformat(expected), id=rule)


NTH_WEEKDAY_WITH_YEAR = [
    case("ثاني خميس من نيسان 2019", "2019-04-11", "nth-weekday-before-levantine-month"),
    case("رابع سبت في شهر 6 سنة 2018", "2018-06-23", "nth-weekday-month-in-digits"),
    case("الجمعة الأخيرة من شهر أيار 2021", "2021-05-28", "weekday-then-last-feminine"),
    case("الأربعاء الثانية من شهر أكتوبر في سنة 2014", "2014-10-08", "weekday-then-second-beats-day-two"),
    case("آخر يوم بشهر اتناش سنة 2019", "2019-12-31", "last-day-of-month-by-number"),
    case("خامس اثنين من شباط 2021", None, "fifth-weekday-the-month-lacks"),
]

NEEDS_REFERENCE = [
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


@pytest.mark.parametrize(("text", "expected"), NTH_WEEKDAY_WITH_YEAR)
def test_nth_weekday_of_a_written_month(text, expected):
    assert parse_date(text) == expected
    assert parse_date(text, REF) == expected


@pytest.mark.parametrize(("text", "expected"), NEEDS_REFERENCE)
def test_spoken_forms_resolve_against_reference(text, expected):
    assert parse_date(text, REF) == expected


@pytest.mark.parametrize(("text", "expected"), NEEDS_REFERENCE)
def test_spoken_forms_give_none_without_reference(text, expected):
    assert parse_date(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    case("۱۲خردادماه ۱۳۷۷", "1998-06-02", "jalali-day-month-and-mah-glued"),
    case("5 تیرماه 1399", "2020-06-25", "jalali-month-glued-to-mah"),
])
def test_jalali_glued_to_its_month(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(("text", "first_day"), [
    pytest.param("2/2013", "2013-02-01", id="numeric-month-year"),
    pytest.param("أيار 2019", "2019-05-01", id="month-name-year"),
])
def test_month_and_year_are_month_precision_not_a_day(text, first_day):
    assert parse_date(text, REF) is None
    [found] = find_dates(text)
    assert (found.value, found.precision) == (dt.date.fromisoformat(first_day), "month")


@pytest.mark.parametrize("text", [
    pytest.param("13/2013", id="month-thirteen"),
    pytest.param("بلغت النسبة 1/2 تقريبا", id="a-fraction"),
    pytest.param("12/09/2017", id="inside-a-full-numeric-date"),
])
def test_numbers_that_are_not_a_month_and_year(text):
    assert [f.precision for f in find_dates(text)] in ([], ["day"])


def test_decree_number_in_a_body_is_not_a_date_mention():
    body = "ونشرت الجريدة الرسمية القرار 3/2020 الذي صدر امبارح."
    assert [(m.text, m.value) for m in date_mentions(body, REF)] == [("امبارح", dt.date(2020, 3, 22))]


def test_nth_weekday_is_found_with_its_offsets():
    text = "وقال إن الاجتماع سيعقد في آخر اثنين من الشهر القادم في عمّان."
    [found] = find_dates(text, REF)
    assert found.text == "آخر اثنين من الشهر القادم"
    assert text[found.start:found.end] == found.text
    assert found.value == dt.date(2020, 4, 27)

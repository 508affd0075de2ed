"""khabar.dates: a month and year is a month, not a day; spoken Arabic dates found in running text.

The spoken-Arabic (nth weekday, months by number, weekday of last/next week) and glued-Jalali
expressions are in the case tables of test_dates.py."""
from __future__ import annotations

import datetime as dt

import pytest

from khabar.document.dates import date_mentions, find_dates, parse_date

REF = dt.date(2020, 3, 23)  # a Monday


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

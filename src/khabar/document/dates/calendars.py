"""Calendar arithmetic: Jalali and Hijri (Umm al-Qura) to Gregorian, plausible years, completing a
day and month without a year, weekdays and months counted from a reference day."""
from __future__ import annotations

import calendar as gregorian_calendar
import datetime as dt
import re

import jdatetime
from hijridate import Gregorian, Hijri

# years a date of each calendar may have in news text; outside them a number is not that year
YEAR_RANGE = {"gregorian": (1800, 2200), "jalali": (1200, 1500), "hijri": (1343, 1500)}
# unmarked numeric years: 1800-2200 Gregorian, 1300-1399 Jalali, 1406-1500 Hijri; 1400-1405 both
_NUMERIC_GREGORIAN = (1800, 2200)
_NUMERIC_JALALI = (1300, 1399)
_NUMERIC_HIJRI = (1406, 1500)
_NUMERIC_SHARED = (1400, 1405)
_SCRIPT_WINDOW = 200  # characters either side of a date read for Persian/Arabic script evidence
JALALI_CENTURY_PIVOT = 50  # two-digit Jalali years below 50 are 14xx, others 13xx

# script evidence for the 1400-1405 year ambiguity, read on the original text
_PERSIAN_EVIDENCE = re.compile("[\u06cc\u06a9\u067e\u0686\u0698\u06af\u06f0-\u06f9]")  # ی ک پ چ ژ گ ۰-۹
_ARABIC_EVIDENCE = re.compile("[\u064a\u0643\u0629\u0649\u0660-\u0669]")  # ي ك ة ى ٠-٩


def to_gregorian(calendar: str, year: int, month: int, day: int) -> dt.date | None:
    """The Gregorian date of a day in a calendar, or None when that day does not exist."""
    lo, hi = YEAR_RANGE[calendar]
    if not lo <= year <= hi or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    try:
        if calendar == "gregorian":
            return dt.date(year, month, day)
        if calendar == "jalali":
            return jdatetime.date(year, month, day).togregorian()
        g = Hijri(year, month, day).to_gregorian()
        return dt.date(g.year, g.month, g.day)
    except (ValueError, OverflowError):
        return None


def year_in(calendar: str, reference: dt.date) -> int:
    if calendar == "gregorian":
        return reference.year
    if calendar == "jalali":
        return jdatetime.date.fromgregorian(date=reference).year
    return Gregorian(reference.year, reference.month, reference.day).to_hijri().year


def month_in(calendar: str, reference: dt.date) -> tuple[int, int]:
    if calendar == "jalali":
        j = jdatetime.date.fromgregorian(date=reference)
        return j.year, j.month
    return reference.year, reference.month


def expand_two_digit_year(calendar: str, yy: int) -> int | None:
    if calendar == "jalali":
        return 1400 + yy if yy < JALALI_CENTURY_PIVOT else 1300 + yy
    return None


def complete(calendar: str, month: int, day: int, reference: dt.date, direction: str | None,
             weekday: int | None) -> dt.date | None:
    """A day and month without a year: the year that puts it nearest the reference (a weekday
    named beside it chooses among the years; a direction keeps the current/past/future ones)."""
    base = year_in(calendar, reference)
    options = [(y, to_gregorian(calendar, y, month, day)) for y in (base - 1, base, base + 1)]
    cands = [(y, d) for y, d in options if d is not None]
    if weekday is not None and any(d.weekday() == weekday for _, d in cands):
        cands = [(y, d) for y, d in cands if d.weekday() == weekday]
    if direction == "current":
        cands = [(y, d) for y, d in cands if y == base] or cands
    elif direction == "past":
        cands = [(y, d) for y, d in cands if d <= reference] or cands
    elif direction == "future":
        cands = [(y, d) for y, d in cands if d >= reference] or cands
    if not cands:
        return None
    return min(cands, key=lambda yd: (abs((yd[1] - reference).days), yd[1] > reference))[1]


def _script_calendar(text: str, start: int, end: int) -> str | None:
    window = text[max(0, start - _SCRIPT_WINDOW): end + _SCRIPT_WINDOW]
    fa = len(_PERSIAN_EVIDENCE.findall(window))
    ar = len(_ARABIC_EVIDENCE.findall(window))
    if fa > ar:
        return "jalali"
    if ar > fa:
        return "hijri"
    return None


def bare_year(number: int) -> bool:
    """Whether a number written alone may be a year, as an all-digit date's year is read (1300-1500: Jalali
    and Hijri; 1800-2200: Gregorian)."""
    return any(lo <= number <= hi for lo, hi in (_NUMERIC_GREGORIAN, _NUMERIC_JALALI, _NUMERIC_HIJRI, _NUMERIC_SHARED))


def numeric_calendar(year: int, year_first: bool, marker: str | None, text: str,
                     span: tuple[int, int]) -> str | None:
    """The calendar of an all-digit date, by marker, then year range, then script, then order."""
    if marker is not None:
        return marker
    for calendar, (lo, hi) in (("gregorian", _NUMERIC_GREGORIAN), ("jalali", _NUMERIC_JALALI),
                               ("hijri", _NUMERIC_HIJRI)):
        if lo <= year <= hi:
            return calendar
    if _NUMERIC_SHARED[0] <= year <= _NUMERIC_SHARED[1]:
        return _script_calendar(text, *span) or ("jalali" if year_first else "hijri")
    return None


def shift(reference: dt.date, unit: str, n: int) -> dt.date | None:
    """``n`` days, weeks, months or years from the reference (a month end is clamped)."""
    try:
        if unit == "day":
            return reference + dt.timedelta(days=n)
        if unit == "week":
            return reference + dt.timedelta(days=7 * n)
        year, month = add_months(reference.year, reference.month, n if unit == "month" else 12 * n)
        for day in (reference.day, 30, 29, 28):
            try:
                return dt.date(year, month, day)
            except ValueError:
                continue
    except (OverflowError, ValueError):
        return None
    return None


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    total = year * 12 + month - 1 + n
    return total // 12, total % 12 + 1


def weekday_date(reference: dt.date, weekday: int, direction: str | None) -> dt.date:
    """The weekday nearest the reference in a direction: ``future`` strictly after, ``coming`` on
    or after, ``past`` strictly before, otherwise on or before."""
    back = (reference.weekday() - weekday) % 7
    if direction == "future":
        return reference + dt.timedelta(days=(weekday - reference.weekday() - 1) % 7 + 1)
    if direction == "coming":
        return reference + dt.timedelta(days=(weekday - reference.weekday()) % 7)
    if direction == "past":
        return reference - dt.timedelta(days=back or 7)
    return reference - dt.timedelta(days=back)


def weekday_of_week(reference: dt.date, weekday: int, weeks: int) -> dt.date:
    """The weekday in the week ``weeks`` from the reference's (weeks start on Monday)."""
    monday = reference - dt.timedelta(days=reference.weekday())
    return monday + dt.timedelta(days=7 * weeks + weekday)


def nth_weekday(year: int, month: int, weekday: int | None, nth: int) -> dt.date | None:
    """The ``nth`` given weekday of a Gregorian month (-1 the last); any day when weekday is None."""
    if not YEAR_RANGE["gregorian"][0] <= year <= YEAR_RANGE["gregorian"][1] or not 1 <= month <= 12:
        return None
    days = [dt.date(year, month, d) for d in range(1, gregorian_calendar.monthrange(year, month)[1] + 1)]
    matching = [d for d in days if weekday is None or d.weekday() == weekday]
    if nth == -1:
        return matching[-1]
    return matching[nth - 1] if 1 <= nth <= len(matching) else None

"""Readers of dates written with a month (name or number) or all in digits.

Each reader takes a match of its pattern and the ``Scan`` it ran on, and gives a ``Candidate`` or
None when the match is not a date (an impossible day, a year implausible for its calendar).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from khabar.document.dates import calendars, tables
from khabar.document.dates.records import (
    CONFIDENCE_FULL_DATE,
    CONFIDENCE_MARKER_BONUS,
    CONFIDENCE_MONTH_FIRST_NAME,
    CONFIDENCE_MONTH_YEAR,
    CONFIDENCE_NUMERIC,
    CONFIDENCE_NUMERIC_DAY_FIRST,
    CONFIDENCE_NUMERIC_MONTH_FIRST,
    CONFIDENCE_PARTIAL,
    CONFIDENCE_PARTIAL_UNRESOLVED,
    CONFIDENCE_TWO_DIGIT_YEAR,
    Candidate,
)

_MONTH_GROUPS = ("m", "m2", "m3", "mn", "mw")


@dataclass(frozen=True)
class Scan:
    """A text, its scan string, the map back to the original offsets, and the reference day."""

    text: str
    scan: str
    index: list[int]
    reference: dt.date | None

    def original(self, m: re.Match) -> str:
        return self.text[self.index[m.start()]: self.index[m.end()]]

    def span(self, m: re.Match) -> tuple[int, int]:
        return self.index[m.start()], self.index[m.end()]


def weekday_of(m: re.Match) -> int | None:
    return tables.weekdays().get(m.groupdict().get("wd"))


def month_of(m: re.Match) -> tuple[str, int, str]:
    """(calendar, month, key of the name) of a month written as a name or a number."""
    groups = m.groupdict()
    if groups.get("mn"):
        return "gregorian", int(groups["mn"]), ""
    if groups.get("mw"):
        return "gregorian", tables.colloquial("month_numbers")[groups["mw"]], ""
    calendar, month = tables.months()[m.group("m")]
    return calendar, month, tables.key(m.group("m"))


def day_of(m: re.Match) -> int | None:
    groups = m.groupdict()
    if groups.get("d"):
        return int(groups["d"])
    return tables.day_words().get(groups.get("dw"))


def marker_calendar(m: re.Match) -> str | None:
    return tables.calendar_markers().get(m.groupdict().get("mk"))


def _written_year(m: re.Match, calendar: str, month: int) -> int | None:
    """The year written after a day and month, or None when it is not one for this calendar."""
    year_text = m.group("y")
    year = int(year_text) if len(year_text) == 4 else calendars.expand_two_digit_year(calendar, int(year_text))
    marker = marker_calendar(m)
    if marker is not None and marker != calendar and calendar == "gregorian":
        return None  # a Gregorian month with a Hijri/Jalali marker: not a date we can trust
    if year is not None and calendars.to_gregorian(calendar, year, month, 1) is None:
        return None  # implausible for this calendar: never reread in another
    return year


def _partial(m: re.Match, s: Scan, calendar: str, month: int, day: int) -> Candidate:
    """A day and month without a year, completed from the reference."""
    ends = [m.end(g) for g in _MONTH_GROUPS if m.groupdict().get(g)]  # a dropped year is not part of it
    direction = ("current" if m.group("dir_cur") else "past" if m.group("dir_past")
                 else "future" if m.group("dir_fut") else None)
    if direction:
        ends.append(m.end())
    weekday = weekday_of(m)
    if s.reference is None:
        return Candidate(m.start(), max(ends), None, calendar, "day", "partial", CONFIDENCE_PARTIAL_UNRESOLVED,
                         weekday)
    value = calendars.complete(calendar, month, day, s.reference, direction, weekday)
    return Candidate(m.start(), max(ends), value, calendar, "day", "partial", CONFIDENCE_PARTIAL, weekday).checked()


def from_dmy(m: re.Match, s: Scan) -> Candidate | None:
    calendar, month, name = month_of(m)
    day = day_of(m)
    if day is None or not 1 <= month <= 12:
        return None
    year_text = m.group("y")
    year = _written_year(m, calendar, month) if year_text else None
    if year is None:
        if year_text and len(year_text) == 4:
            return None  # a written year that does not fit: no date rather than a guessed year
        if name in tables.keys("months", "needs_year"):
            return None
        return _partial(m, s, calendar, month, day)
    value = calendars.to_gregorian(calendar, year, month, day)
    if value is None:
        return None
    conf = CONFIDENCE_FULL_DATE if len(year_text) == 4 else CONFIDENCE_TWO_DIGIT_YEAR
    end = m.end("mk") if m.group("mk") else m.end("y")
    return Candidate(m.start(), end, value, calendar, "day", "absolute", conf, weekday_of(m)).checked()


def from_mdy(m: re.Match, s: Scan) -> Candidate | None:
    calendar, month, _ = month_of(m)
    value = calendars.to_gregorian(calendar, int(m.group("y")), month, int(m.group("d")))
    marker = marker_calendar(m)
    if value is None or (marker is not None and marker != calendar):
        return None
    return Candidate(m.start(), m.end(), value, calendar, "day", "absolute", CONFIDENCE_MONTH_FIRST_NAME,
                     weekday_of(m)).checked()


def from_month_year(m: re.Match, s: Scan) -> Candidate | None:
    calendar, month, _ = month_of(m)
    marker = marker_calendar(m)
    value = calendars.to_gregorian(calendar, int(m.group("y")), month, 1)
    if value is None or (marker is not None and marker != calendar):
        return None
    return Candidate(m.start(), m.end(), value, calendar, "month", "month", CONFIDENCE_MONTH_YEAR)


def from_numeric_month_year(m: re.Match, s: Scan) -> Candidate | None:
    """'2/2013': the first day of the month, at month precision (never a day for parse_date)."""
    year, month = int(m.group("y")), int(m.group("mn"))
    if calendars.numeric_calendar(year, False, None, s.text, s.span(m)) != "gregorian":
        return None
    value = calendars.to_gregorian("gregorian", year, month, 1)
    if value is None:
        return None
    return Candidate(m.start(), m.end(), value, "gregorian", "month", "numeric_month", CONFIDENCE_MONTH_YEAR)


def _numeric_fields(a: str, b: str, c: str) -> tuple[int, int, int, bool, float] | None:
    """(year, month, day, year first, confidence) of three digit fields, or None."""
    if len(a) == 4 and len(c) <= 2:
        return int(a), int(b), int(c), True, CONFIDENCE_NUMERIC
    if not (len(c) == 4 and len(a) <= 2):
        return None
    x, y = int(a), int(b)
    if x > 12 >= y:
        return int(c), y, x, False, CONFIDENCE_NUMERIC
    if y > 12 >= x:
        return int(c), x, y, False, CONFIDENCE_NUMERIC_MONTH_FIRST  # US-style 09/21/2017
    # both ≤ 12: day first, the regional convention (no doubt when both fields are equal)
    return int(c), y, x, False, CONFIDENCE_NUMERIC_DAY_FIRST if x != y else CONFIDENCE_NUMERIC


def from_numeric(m: re.Match, s: Scan) -> Candidate | None:
    fields = _numeric_fields(m.group("a"), m.group("b"), m.group("c"))
    if fields is None:
        return None
    year, month, day, year_first, conf = fields
    marker = marker_calendar(m)
    calendar = calendars.numeric_calendar(year, year_first, marker, s.text, s.span(m))
    if calendar is None:
        return None
    value = calendars.to_gregorian(calendar, year, month, day)
    if value is None:
        return None
    if marker is not None:
        conf = min(1.0, conf + CONFIDENCE_MARKER_BONUS)
    return Candidate(m.start(), m.end(), value, calendar, "day", "absolute", conf, weekday_of(m)).checked()

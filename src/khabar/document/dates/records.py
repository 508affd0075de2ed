"""What the date stages return, the typed error of the date tables, and the named confidences."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

CALENDARS = ("gregorian", "jalali", "hijri", "relative", "none")
PRECISIONS = ("day", "month", "year", "none")

# --- confidences of a candidate, by how it was read --------------------------------------------
CONFIDENCE_FULL_DATE = 0.9  # day, month name and a four-digit year written out
CONFIDENCE_TWO_DIGIT_YEAR = 0.75  # the century is inferred ('27 آذر 97')
CONFIDENCE_MONTH_FIRST_NAME = 0.85  # 'September 12, 2017': English order, month name written out
CONFIDENCE_NUMERIC = 0.85  # '12/09/2017' with one field over 12, or year first: one reading
CONFIDENCE_NUMERIC_DAY_FIRST = 0.75  # '05/06/2017': both fields ≤ 12, the regional day-first guess
CONFIDENCE_NUMERIC_MONTH_FIRST = 0.7  # '09/21/2017': US order, less usual in our sources
CONFIDENCE_MARKER_BONUS = 0.05  # a calendar marker after the year ('هـ', 'م') confirms the reading
CONFIDENCE_MONTH_YEAR = 0.5  # 'مارس 2020', '2/2013': a month, not a day
CONFIDENCE_PARTIAL_UNRESOLVED = 0.3  # day and month, no year and no reference to complete it
CONFIDENCE_PARTIAL = 0.6  # day and month, the year chosen nearest the reference
CONFIDENCE_RELATIVE_WORD = 0.75  # 'أمس', 'فردا': a fixed offset, unambiguous
CONFIDENCE_BY_TENSE = 0.5  # Urdu 'کل': the direction is read from the verb's tense
CONFIDENCE_AGO_DAYS = 0.7  # 'منذ 3 أيام': exact in days or weeks
CONFIDENCE_AGO_COARSE = 0.5  # 'منذ شهرين': the day within the month or year is a convention
CONFIDENCE_WEEKDAY = 0.55  # 'الخميس': which week is a convention (see the package docstring)
CONFIDENCE_DAY_OF_MONTH = 0.6  # '6 من الشهر نفسه', 'منتصف الشهر': the month comes from the reference
CONFIDENCE_NTH_WEEKDAY = 0.6  # 'ثالث ثلاثاء من أيلول': exact once the month is known
CONFIDENCE_DUAL_AGREE = 0.98  # two calendars that name the same day
CONFIDENCE_DUAL_DISAGREE = 0.5  # two calendars more than a day apart: one of them is wrong
WEEKDAY_AGREES_BONUS = 0.05  # a weekday named beside a date that falls on it
WEEKDAY_DISAGREES_FACTOR = 0.5  # a weekday that contradicts the date halves the confidence


class DateDataError(ValueError):
    """The packaged date tables are inconsistent (e.g. one spelling in two calendars)."""

    def __init__(self, spelling: str, first: object, second: object) -> None:
        super().__init__(f"date table spelling {spelling!r} maps to both {first} and {second}")
        self.spelling = spelling


@dataclass(frozen=True)
class DateFinding:
    value: dt.date | None
    text: str
    start: int
    end: int
    calendar: str
    precision: str
    method: str
    confidence: float


@dataclass(frozen=True)
class DateMention:
    value: dt.date
    text: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    calendar: str
    precision: str
    method: str
    confidence: float


NO_DATE = DateFinding(value=None, text="", start=-1, end=-1, calendar="none", precision="none",
                      method="none", confidence=0.0)


@dataclass(frozen=True)
class Candidate:
    """A date read from the scan string (positions are scan positions)."""

    start: int
    end: int
    value: dt.date | None
    calendar: str
    precision: str
    kind: str  # absolute | partial | relative | month | dual
    confidence: float
    weekday: int | None = None
    bare: bool = False  # a weekday read by the default direction: no word or sentence said which way

    def checked(self) -> Candidate:
        """Raise or lower the confidence by the weekday named beside the date."""
        if self.weekday is None or self.value is None:
            return self
        if self.value.weekday() == self.weekday:
            conf = min(1.0, self.confidence + WEEKDAY_AGREES_BONUS)
        else:
            conf = self.confidence * WEEKDAY_DISAGREES_FACTOR
        return replace(self, confidence=round(conf, 3))

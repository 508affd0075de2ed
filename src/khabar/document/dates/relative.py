"""Readers of dates that need the reference day: relative words, weekdays, days of a month named
from the reference ('6 من الشهر نفسه', 'آخر اثنين من الشهر القادم'). Without a reference they
give a candidate with no value, so the expression is still found (and parse_date gives None)."""
from __future__ import annotations

import re

from khabar.document.dates import calendars, tables
from khabar.document.dates.absolute import Scan, day_of, month_of, weekday_of
from khabar.document.dates.patterns import context
from khabar.document.dates.records import (
    CONFIDENCE_AGO_COARSE,
    CONFIDENCE_AGO_DAYS,
    CONFIDENCE_BY_TENSE,
    CONFIDENCE_DAY_OF_MONTH,
    CONFIDENCE_NTH_WEEKDAY,
    CONFIDENCE_RELATIVE_WORD,
    CONFIDENCE_WEEKDAY,
    Candidate,
)

_SENTENCE_ENDS = ".!?\n\u061f\u06d4"  # full stop, marks, line break, Arabic question mark, Urdu full stop
_URDU_EVIDENCE = re.compile("[\u06d2\u06ba\u0679\u0688\u0691\u06be\u06c1]")  # ے ں ٹ ڈ ڑ ھ ہ
_TENSE_WINDOW = 150  # characters either side of Urdu 'کل' read for Urdu letters
_ALONE_EXTRA_WORDS = 1  # a weekday with at most one other word around it ('في', 'يوم') stands alone


def _relative(m: re.Match, s: Scan, offset: int | None, conf: float, unit: str = "day") -> Candidate:
    value = None
    if s.reference is not None and offset is not None:
        value = calendars.shift(s.reference, unit, offset)
    return Candidate(m.start(), m.end(), value, "relative", "day", "relative", conf, weekday_of(m)).checked()


def sentence_around(scan: str, start: int, end: int) -> str:
    left = max(scan.rfind(ch, 0, start) for ch in _SENTENCE_ENDS)
    rights = [i for i in (scan.find(ch, end) for ch in _SENTENCE_ENDS) if i >= 0]
    return scan[left + 1: min(rights) if rights else len(scan)]


def from_relative_word(m: re.Match, s: Scan) -> Candidate:
    return _relative(m, s, tables.relative_days()[m.group("rel")], CONFIDENCE_RELATIVE_WORD)


def from_by_tense(m: re.Match, s: Scan) -> Candidate | None:
    """Urdu 'کل' / 'پرسوں': forward in a future sentence, back in a past one, else no value."""
    start, end = s.span(m)
    window = s.text[max(0, start - _TENSE_WINDOW): end + _TENSE_WINDOW]
    if not _URDU_EVIDENCE.search(window):
        return None
    sentence = sentence_around(s.scan, m.start(), m.end())
    future = bool(context().tense_future.search(sentence))
    past = bool(context().tense_past.search(sentence))
    magnitude = tables.by_tense()[m.group("rel")]
    offset = magnitude if future and not past else -magnitude if past and not future else None
    return _relative(m, s, offset, CONFIDENCE_BY_TENSE)


def from_ago_before(m: re.Match, s: Scan) -> Candidate | None:
    if _URDU_EVIDENCE.search(s.original(m)):
        return None  # Urdu "کے بعد شہر" is "after ... the city", not Arabic "بعد شهر" (after a month)
    if m.group("dual"):
        unit, n = tables.dual_units()[m.group("dual")]
    else:
        unit = tables.units()[m.group("u") or m.group("u1")]
        n = int(m.group("n")) if m.group("n") else 1
    sign = -1 if m.group("ago") else 1
    conf = CONFIDENCE_AGO_DAYS if unit in ("day", "week") else CONFIDENCE_AGO_COARSE
    return _relative(m, s, sign * n, conf, unit=unit)


def from_ago_after(m: re.Match, s: Scan) -> Candidate:
    n = int(m.group("n")) if m.group("n") else tables.persian_cardinals()[m.group("nw")]
    sign = -1 if tables.key(m.group("dir")) in tables.ago_after_keys() else 1
    return _relative(m, s, sign * n, CONFIDENCE_AGO_DAYS, unit=tables.units()[m.group("u")])


def _bare_weekday_direction(m: re.Match, s: Scan) -> str | None:
    """A weekday without a direction word: see the package docstring."""
    sentence = sentence_around(s.scan, m.start(), m.end())
    if context().future_evidence.search(sentence):
        return "future"
    if m.group("dayw"):
        return None  # 'يوم الأربعاء' is the newswire formula for when something happened
    alone = len(sentence.split()) - len(m.group(0).split()) <= _ALONE_EXTRA_WORDS
    languages = tables.weekday_languages()[tables.key(m.group("wd"))]
    if alone and languages & set(tables.load("weekdays")["alone_means_coming"]):
        return "future"
    return None


def from_weekday(m: re.Match, s: Scan) -> Candidate | None:
    groups = m.groupdict()
    if tables.key(m.group("wd")) in tables.keys("weekdays", "needs_context") and not any(
            groups[g] for g in ("pre_past", "pre_fut", "pre_coming", "dayw", "post_past", "post_fut", "dayafter")):
        return None
    if groups["pre_past"] or groups["post_past"]:
        direction = "past"
    elif groups["pre_fut"] or groups["post_fut"]:
        direction = "future"
    elif groups["pre_coming"]:
        direction = "coming"
    else:
        direction = _bare_weekday_direction(m, s)
    weekday = weekday_of(m)
    value = calendars.weekday_date(s.reference, weekday, direction) if s.reference is not None else None
    return Candidate(m.start(), m.end(), value, "relative", "day", "relative", CONFIDENCE_WEEKDAY, weekday,
                     bare=direction is None)


def from_weekday_of_week(m: re.Match, s: Scan) -> Candidate:
    """'ثلاثاء الأسبوع الفائت': the weekday in the week before, this or after the reference's."""
    weekday = weekday_of(m)
    value = None
    if s.reference is not None:
        value = calendars.weekday_of_week(s.reference, weekday, tables.colloquial("relative_weeks")[m.group("week")])
    return Candidate(m.start(), m.end(), value, "relative", "day", "relative", CONFIDENCE_WEEKDAY, weekday)


def from_weekday_ordinal(m: re.Match, s: Scan) -> Candidate:
    """'السبت السادس عشر': a day of the reference's month (or a neighbour) that is that weekday."""
    day, weekday = day_of(m), weekday_of(m)
    value = None
    if s.reference is not None and day is not None:
        ref = s.reference
        months = (calendars.add_months(ref.year, ref.month, k) for k in (0, 1, -1))
        options = [calendars.to_gregorian("gregorian", y, mo, day) for y, mo in months]
        matching = [d for d in options if d is not None and d.weekday() == weekday]
        value = min(matching, key=lambda d: abs((d - ref).days)) if matching else None
    return Candidate(m.start(), m.end(), value, "relative", "day", "partial", CONFIDENCE_WEEKDAY, weekday)


def from_this_month(m: re.Match, s: Scan) -> Candidate | None:
    day = day_of(m)
    if day is None:
        return None
    value = None
    if s.reference is not None:
        calendar = "jalali" if "ماه" in m.group(0) else "gregorian"
        year, month = calendars.month_in(calendar, s.reference)
        if m.group("last"):
            year, month = calendars.add_months(year, month, -1)
        value = calendars.to_gregorian(calendar, year, month, day)
    return Candidate(m.start(), m.end(), value, "relative", "day", "partial", CONFIDENCE_DAY_OF_MONTH)


def _nth_month(m: re.Match, s: Scan) -> tuple[int, int] | None:
    """(year, month) of an nth-weekday phrase: written, counted from the reference, or the
    reference's year for a month named without one; None when it needs a missing reference."""
    if m.group("rel_month"):
        if s.reference is None:
            return None
        return calendars.add_months(s.reference.year, s.reference.month, tables.colloquial("relative_months")[m.group("rel_month")])
    calendar, month, _ = month_of(m)
    if calendar != "gregorian":
        return None
    if m.group("y"):
        return int(m.group("y")), month
    return (s.reference.year, month) if s.reference is not None else None


def from_nth_weekday(m: re.Match, s: Scan) -> Candidate | None:
    """'ثالث ثلاثاء من أيلول 2014', 'الاثنين الأخير من شهر ثلاثة', 'آخر يوم بشهر عشرة سنة 2015'."""
    nth = tables.colloquial("nth_before").get(m.group("nth")) or tables.colloquial("nth_after").get(m.group("nth"))
    weekday = weekday_of(m)
    year_month = _nth_month(m, s)
    value = calendars.nth_weekday(*year_month, weekday, nth) if year_month and nth else None
    if value is None and (m.group("y") or s.reference is not None):
        return None  # a fifth Tuesday a month does not have
    kind = "absolute" if m.group("y") else "relative"
    return Candidate(m.start(), m.end(), value, "gregorian" if m.group("y") else "relative", "day", kind,
                     CONFIDENCE_NTH_WEEKDAY, weekday)

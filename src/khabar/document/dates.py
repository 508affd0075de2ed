"""Dates with provenance: three calendars, three digit systems, relative words.

Everything here is a pure function of its arguments (never of today's date):

* ``parse_date(text, reference)`` — one date expression to a ``datetime.date`` or ``None``.
* ``find_dates(text, reference)`` — every date expression in a text, with offsets.
* ``publication_date(text)`` — the publication date of a raw article, with its provenance.
* ``date_mentions(body, reference)`` — dates mentioned in a body, resolved against the
  publication date when partial or relative.

How a text is read
------------------
Matching runs on a *scan string*: the text folded with ``khabar.text.normalize.fold_letters`` (letter
variants and all three digit systems to ASCII), lower-cased, with diacritics/tatweel removed and
ZWNJ turned into a space; a position map leads back to the original offsets.

Calendars. A month name decides the calendar (Gregorian names in MSA, Egyptian,
Levantine/Iraqi, Maghrebi, Persian, Urdu and English spellings; Jalali; Hijri). A marker after the
year decides it too (هـ / ق → Hijri; ه‍.ش / ش → Jalali; م / ء / میلادی → Gregorian). Numeric dates
without a marker are told apart by year: 1800–2200 Gregorian, 1300–1399 Jalali, 1406–1500 Hijri;
1400–1405 is both a live Jalali and a live Hijri year, so the script around the date decides
(Persian letters or digits → Jalali, Arabic ones → Hijri), then the field order (year first →
Jalali, as Iranian sites write it; year last → Hijri, as Saudi agencies write it). A year that is
implausible for its calendar is dropped rather than read in another calendar: a Hijri or Jalali
year is never returned as a Gregorian one. Hijri dates convert with Umm al-Qura (hijridate),
Jalali with jdatetime.

Dual datelines ("25 شوال 1436 هـ الموافق 10 أغسطس 2015 م") give the Gregorian half; the two halves
are checked against each other (confidence drops when they disagree by more than a day).

Relative words resolve against ``reference`` and give no value without one. Decisions:

* A bare weekday ("الاثنين", "اتوار کے دن") is the last such day on or before the reference (news
  reports the past); with "الماضي/گذشته/گزشتہ/last" strictly before, with "القادم/المقبل/آینده/
  اگلے/next" strictly after.
* Urdu "کل" (yesterday *or* tomorrow) and "پرسوں" (two days either way) are read by the tense of
  their sentence: future endings (گا/گی/گے) → forward, past auxiliaries (تھا/گیا/کیا …) → back; no
  tense evidence → no value. They count only in text with Urdu letters (Persian/Arabic کل = "all").
* A day and month without a year ("في 5 مارس") take the year that puts them nearest the reference
  (a weekday named beside them chooses among the candidate years; "الماضي/المقبل/الجاري" steer it).
* "6 من الشهر نفسه" is day 6 of the reference's month (its Jalali month for Persian phrases).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

import jdatetime
from hijridate import Gregorian, Hijri

from khabar.text import normalize
from khabar.text.chars import (
    BIDI_CONTROLS,
    DIACRITICS,
    NARROW_NBSP,
    NBSP,
    TATWEEL,
    ZWJ,
    ZWNJ,
)
from khabar.text.sentences import sentence_spans

CALENDARS = ("gregorian", "jalali", "hijri", "relative", "none")
PRECISIONS = ("day", "month", "year", "none")

# characters removed from the scan string (diacritics, tatweel, bidi controls, BOM)
_DROPPED = re.compile(f"[{ZWJ}{DIACRITICS}{TATWEEL}{BIDI_CONTROLS}]")
_SPACE_LIKE = frozenset((ZWNJ, NBSP, NARROW_NBSP, "\u2009", "\u200a"))
# script evidence for the 1400-1405 year ambiguity, read on the original text
_PERSIAN_EVIDENCE = re.compile("[\u06cc\u06a9\u067e\u0686\u0698\u06af\u06f0-\u06f9]")  # ی ک پ چ ژ گ ۰-۹
_ARABIC_EVIDENCE = re.compile("[\u064a\u0643\u0629\u0649\u0660-\u0669]")  # ي ك ة ى ٠-٩
_URDU_EVIDENCE = re.compile("[\u06d2\u06ba\u0679\u0688\u0691\u06be\u06c1]")  # ے ں ٹ ڈ ڑ ھ ہ


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


# --------------------------------------------------------------------------------------------
# the scan string


def _scan(text: str) -> tuple[str, list[int]]:
    """Folded, lower-cased text for matching, and for each of its positions the original offset
    (plus a sentinel at the end)."""
    folded = normalize.fold_letters(text)
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(folded):
        if _DROPPED.match(ch):
            continue
        if ch in _SPACE_LIKE:
            ch = " "
        low = ch.lower()
        chars.append(low if len(low) == 1 else ch)
        index.append(i)
    index.append(len(text))
    return "".join(chars), index


def _key(name: str) -> str:
    return "".join(_scan(name)[0].split())


def _pattern(name: str) -> str:
    words = _scan(name)[0].split()
    return r"\s*".join(re.escape(w) for w in words)


def _alt(names: Iterable[str]) -> str:
    pats = sorted({_pattern(n) for n in names if n.strip()}, key=len, reverse=True)
    return "(?:" + "|".join(pats) + ")"


# --------------------------------------------------------------------------------------------
# the tables (data files under khabar/data/dates)


def _load(name: str) -> dict:
    path = resources.files("khabar").joinpath(f"data/dates/{name}.json")
    return json.loads(path.read_text("utf-8"))


_SPELLINGS: dict[int, set[str]] = {}


def _add(table: dict, spelling: str, value: object) -> None:
    """Index a spelling by its matching key; the spelling itself is kept for the regexes."""
    k = _key(spelling)
    if k in table and table[k] != value:
        raise DateDataError(spelling, table[k], value)
    table[k] = value
    _SPELLINGS.setdefault(id(table), set()).add(spelling)


def _spellings(table: dict) -> set[str]:
    return _SPELLINGS[id(table)]


_MONTH_DATA = _load("months")
_WEEKDAY_DATA = _load("weekdays")
_RELATIVE_DATA = _load("relative")
_MARKER_DATA = _load("markers")
_NUMBER_DATA = _load("numbers")

MONTHS: dict[str, tuple[str, int]] = {}
for _cal in ("gregorian", "jalali", "hijri"):
    for _dialect, _months in _MONTH_DATA[_cal].items():
        for _num, _names in _months.items():
            for _name in _names:
                _add(MONTHS, _name, (_cal, int(_num)))
_MONTHS_NEED_YEAR = frozenset(_key(n) for n in _MONTH_DATA["needs_year"])

WEEKDAYS: dict[str, int] = {}
for _lang, _days in _WEEKDAY_DATA["names"].items():
    for _num, _names in _days.items():
        for _name in _names:
            _add(WEEKDAYS, _name, int(_num))
_WEEKDAY_NEEDS_CONTEXT = frozenset(_key(n) for n in _WEEKDAY_DATA["needs_context"])

RELATIVE_DAYS: dict[str, int] = {}
for _lang, _offsets in _RELATIVE_DATA["days"].items():
    for _off, _names in _offsets.items():
        for _name in _names:
            _add(RELATIVE_DAYS, _name, int(_off))
_BY_TENSE: dict[str, int] = {}
for _lang, _words in _RELATIVE_DATA["by_tense"].items():
    for _name, _off in _words.items():
        _add(_BY_TENSE, _name, int(_off))

UNITS: dict[str, str] = {}
for _unit, _langs in _RELATIVE_DATA["units"].items():
    for _lang, _names in _langs.items():
        for _name in _names:
            _add(UNITS, _name, _unit)
DUAL_UNITS: dict[str, tuple[str, int]] = {}
for _lang, _words in _RELATIVE_DATA["dual_units"].items():
    for _name, (_unit, _n) in _words.items():
        _add(DUAL_UNITS, _name, (_unit, int(_n)))

CALENDAR_MARKERS: dict[str, str] = {}
for _cal, _names in _MARKER_DATA["calendar_after_year"].items():
    for _name in _names:
        _add(CALENDAR_MARKERS, _name, _cal)


def _day_words() -> dict[str, int]:
    """Day numbers written as words, compounds built from the table (بیست و سوم, الحادي والعشرين)."""
    words: dict[str, int] = {}
    for lang, spec in _NUMBER_DATA.items():
        if lang == "about":
            continue
        simple = {**spec["units"], **spec["teens"], **spec["tens"]}
        conn = spec["connector"]
        for tens_word, tens in spec["tens"].items():
            if tens_word.endswith(("م", "ام")) and lang == "fa":
                continue  # 'بیستم' is final: 'بیست و سوم' is built from the cardinal 'بیست'
            for unit_word, unit in spec["compound_units"].items():
                if tens + unit > 31:
                    continue
                simple[f"{tens_word} {conn} {unit_word}"] = tens + unit
                simple[f"{unit_word} {conn}{tens_word}"] = tens + unit
                simple[f"{unit_word} {conn} {tens_word}"] = tens + unit
        for word, value in list(simple.items()):
            for suffix in spec["suffixes"]:
                if word.endswith("م"):
                    simple[word + suffix.removeprefix("م")] = value
        for word, value in simple.items():
            if 1 <= value <= 31:
                _add(words, word, value)
    return words


DAY_WORDS = _day_words()
_FA_CARDINALS: dict[str, int] = {}
for _name, _n in {**_NUMBER_DATA["fa"]["units"], **_NUMBER_DATA["fa"]["teens"]}.items():
    _add(_FA_CARDINALS, _name, _n)


_R_MONTH = _alt(_spellings(MONTHS))
_R_WEEKDAY = _alt(_spellings(WEEKDAYS))
_R_DAYWORD = _alt(_spellings(DAY_WORDS))
_R_MARKER = _alt(_MARKER_DATA["calendar_after_year"]["hijri"]
                 + _MARKER_DATA["calendar_after_year"]["jalali"]
                 + _MARKER_DATA["calendar_after_year"]["gregorian"])
_R_YEARWORD = _alt(_MARKER_DATA["year_words"])
_R_DAYWORD_BEFORE = _alt(_WEEKDAY_DATA["day_words_before"])
_R_DAYWORD_AFTER = _alt(_WEEKDAY_DATA["day_words_after"])
_R_REL = _alt(_spellings(RELATIVE_DAYS))
_R_BY_TENSE = _alt(_spellings(_BY_TENSE))
_R_UNIT = _alt(_spellings(UNITS))
_R_DUAL = _alt(_spellings(DUAL_UNITS))
_R_AGO_BEFORE = _alt(_RELATIVE_DATA["ago_before"]["ar"])
_R_LATER_BEFORE = _alt(_RELATIVE_DATA["later_before"]["ar"] + _RELATIVE_DATA["later_before"]["en"])
_AGO_AFTER = [w for ws in _RELATIVE_DATA["ago_after"].values() for w in ws]
_LATER_AFTER = [w for ws in _RELATIVE_DATA["later_after"].values() for w in ws]
_R_AFTER_DIR = _alt(_AGO_AFTER + _LATER_AFTER)
_AGO_AFTER_KEYS = frozenset(_key(w) for w in _AGO_AFTER)
_R_WD_PAST_AFTER = _alt(_RELATIVE_DATA["weekday_past"]["after"])
_R_WD_FUTURE_AFTER = _alt(_RELATIVE_DATA["weekday_future"]["after"])
_R_WD_PAST_BEFORE = _alt(_RELATIVE_DATA["weekday_past"]["before"])
_R_WD_FUTURE_BEFORE = _alt(_RELATIVE_DATA["weekday_future"]["before"])
_R_THIS_MONTH = _alt(_RELATIVE_DATA["this_month"])
_R_LAST_MONTH = _alt(_RELATIVE_DATA["last_month"])
_R_CUR_YEAR = _alt(_RELATIVE_DATA["current_year_after_month"])
_R_PAST_YEAR = _alt(_RELATIVE_DATA["past_after_month"])
_R_FUTURE_YEAR = _alt(_RELATIVE_DATA["future_after_month"])
_R_CONNECTOR = _alt(_MARKER_DATA["dual_connectors"])
_R_FA_CARDINAL = _alt(_spellings(_FA_CARDINALS))
_TENSE_FUTURE = re.compile(r"(?<!\w)\S*" + _alt(_RELATIVE_DATA["tense_future"]) + r"(?!\w)")
_TENSE_PAST = re.compile(r"(?<!\w)" + _alt(_RELATIVE_DATA["tense_past"]) + r"(?!\w)")

_NOT_LETTER_AFTER = r"(?![^\W\d])"
_WEEKDAY_PREFIX = (rf"(?:(?<!\w)(?:{_R_DAYWORD_BEFORE}\s+)?(?P<wd>{_R_WEEKDAY})\s*[,،]?\s*"
                   r"(?:(?:الموافق|مورخ|مصادف\s*با|في)\s*)?)?")
_DAY = (rf"(?:(?<![\d.,/:])(?P<d>\d{{1,2}})(?:\s*(?:ام|st|nd|rd|th)(?!\w))?"
        rf"|(?<!\w)(?P<dw>{_R_DAYWORD})(?!\w))")
_YEAR = (rf"(?:\s*[,،]?\s*(?:{_R_YEARWORD}\s*)?(?P<y>\d{{4}}|\d{{2}})(?!\d)"
         rf"(?:\s*(?P<mk>{_R_MARKER}){_NOT_LETTER_AFTER})?)?")
_SECOND_MONTH = rf"(?:\s*[(/]\s*(?P<m2>{_R_MONTH})\s*\)?|\s+(?P<m3>{_R_MONTH}){_NOT_LETTER_AFTER})?"
_MONTH_TAIL = (rf"(?:\s*(?P<dir_cur>{_R_CUR_YEAR})(?!\w)|\s*(?P<dir_past>{_R_PAST_YEAR})(?!\w)"
               rf"|\s*(?P<dir_fut>{_R_FUTURE_YEAR})(?!\w))?")

_RX_DMY = re.compile(
    _WEEKDAY_PREFIX + _DAY
    + r"\s*(?:-\s*)?(?:من\s*)?(?:(?:شهر|ماه|ماہ)\s*)?"
    + rf"(?P<m>{_R_MONTH}){_NOT_LETTER_AFTER}" + _SECOND_MONTH
    + r"(?:\s*(?:ماه|ماہ)(?!\w))?" + _YEAR + _MONTH_TAIL
)
_RX_MDY = re.compile(
    _WEEKDAY_PREFIX + rf"(?<!\w)(?P<m>{_R_MONTH})\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)\s*[,،]?\s*"
    rf"(?P<y>\d{{4}})(?!\d)(?:\s*(?P<mk>{_R_MARKER}){_NOT_LETTER_AFTER})?"
)
_RX_MONTH_YEAR = re.compile(
    rf"(?<!\w)(?:(?:شهر|ماه|ماہ)\s*)?(?P<m>{_R_MONTH}){_NOT_LETTER_AFTER}"
    rf"(?:\s*[(/]\s*(?P<m2>{_R_MONTH})\s*\)?)?(?:\s*(?:ماه|ماہ)(?!\w))?"
    rf"\s*[,،]?\s*(?:{_R_YEARWORD}\s*)?(?P<y>\d{{4}})(?!\d)(?:\s*(?P<mk>{_R_MARKER}){_NOT_LETTER_AFTER})?"
)
_RX_NUMERIC = re.compile(
    _WEEKDAY_PREFIX
    + r"(?<![\d/.\-:])(?P<a>\d{1,4})\s*(?P<s>[/\-.])\s*(?P<b>\d{1,2})\s*(?P=s)\s*(?P<c>\d{1,4})"
    + rf"(?!\d|[/.\-:]\d)(?:\s*(?P<mk>{_R_MARKER}){_NOT_LETTER_AFTER})?"
)
_RX_RELATIVE = re.compile(
    rf"(?<!\w)(?:و|ف|ب|وب)?(?P<rel>{_R_REL})(?!\w)(?:\s*[,،]?\s*(?P<wd>{_R_WEEKDAY})(?!\w))?"
)
_RX_BY_TENSE = re.compile(rf"(?<!\w)(?P<rel>{_R_BY_TENSE})(?!\w)")
_RX_AGO_AR = re.compile(
    rf"(?<!\w)(?:(?P<ago>{_R_AGO_BEFORE})|(?P<later>{_R_LATER_BEFORE}))\s+"
    rf"(?:(?P<n>\d{{1,3}})\s*(?P<u>{_R_UNIT})|(?P<dual>{_R_DUAL})|(?P<u1>{_R_UNIT}))(?!\w)"
)
_RX_AGO_AFTER = re.compile(
    rf"(?<!\w)(?:(?P<n>\d{{1,3}})|(?P<nw>{_R_FA_CARDINAL}))\s*(?P<u>{_R_UNIT})\s+(?P<dir>{_R_AFTER_DIR})(?!\w)"
)
_RX_WEEKDAY = re.compile(
    rf"(?<!\w)(?:(?P<pre_past>{_R_WD_PAST_BEFORE})\s+|(?P<pre_fut>{_R_WD_FUTURE_BEFORE})\s+)?"
    rf"(?:(?P<dayw>{_R_DAYWORD_BEFORE})\s+)?(?P<wd>{_R_WEEKDAY})(?!\w)"
    rf"(?:\s+(?P<post_past>{_R_WD_PAST_AFTER})(?!\w)|\s+(?P<post_fut>{_R_WD_FUTURE_AFTER})(?!\w))?"
    rf"(?:\s*(?P<dayafter>{_R_DAYWORD_AFTER})(?!\w))?"
)
_RX_THIS_MONTH = re.compile(
    rf"(?:(?<![\d.,/:])(?P<d>\d{{1,2}})|(?<!\w)(?P<dw>{_R_DAYWORD}))\s*(?:من\s*)?"
    rf"(?:(?P<this>{_R_THIS_MONTH})|(?P<last>{_R_LAST_MONTH}))(?!\w)"
)
_RX_WEEKDAY_ORDINAL = re.compile(
    rf"(?<!\w)(?P<wd>{_R_WEEKDAY})\s+(?P<dw>{_R_DAYWORD})(?!\w)(?!\s*(?:من\s*)?(?:(?:شهر|ماه)\s*)?{_R_MONTH})"
)
_RX_DUAL_GAP = re.compile(rf"^[\s()\[\]،,\-/.]*(?:{_R_CONNECTOR}[\s()\[\]،,\-/.]*)?$")
_RX_LABEL = re.compile(rf"(?<!\w){_alt(_MARKER_DATA['publication_labels'])}(?!\w)")
_RX_PROSE_BEFORE = re.compile(rf"(?<!\w){_alt(_MARKER_DATA['prose_before_date'])}(?!\w)")
_RX_BYLINE = re.compile(rf"(?<!\w){_alt(_MARKER_DATA['byline_words'])}(?!\w)")


# --------------------------------------------------------------------------------------------
# calendars


_YEAR_RANGE = {"gregorian": (1800, 2200), "jalali": (1200, 1500), "hijri": (1343, 1500)}


def _to_gregorian(calendar: str, year: int, month: int, day: int) -> dt.date | None:
    """The Gregorian date of a day in a calendar, or None when that day does not exist."""
    lo, hi = _YEAR_RANGE[calendar]
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


def _year_in(calendar: str, reference: dt.date) -> int:
    if calendar == "gregorian":
        return reference.year
    if calendar == "jalali":
        return jdatetime.date.fromgregorian(date=reference).year
    return Gregorian(reference.year, reference.month, reference.day).to_hijri().year


def _month_in(calendar: str, reference: dt.date) -> tuple[int, int]:
    if calendar == "jalali":
        j = jdatetime.date.fromgregorian(date=reference)
        return j.year, j.month
    return reference.year, reference.month


def _expand_two_digit_year(calendar: str, yy: int) -> int | None:
    if calendar == "jalali":
        return 1400 + yy if yy < 50 else 1300 + yy
    return None


# --------------------------------------------------------------------------------------------
# candidates


@dataclass(frozen=True)
class _Cand:
    start: int  # scan positions
    end: int
    value: dt.date | None
    calendar: str
    precision: str
    kind: str  # absolute | partial | relative | month | dual
    confidence: float
    weekday: int | None = None


def _weekday_of(m: re.Match) -> int | None:
    wd = m.groupdict().get("wd")
    return WEEKDAYS.get("".join(wd.split())) if wd else None


def _checked(cand: _Cand) -> _Cand:
    """Raise or lower the confidence by the weekday named beside the date."""
    if cand.weekday is None or cand.value is None:
        return cand
    conf = min(1.0, cand.confidence + 0.05) if cand.value.weekday() == cand.weekday else cand.confidence * 0.5
    return _Cand(cand.start, cand.end, cand.value, cand.calendar, cand.precision, cand.kind, round(conf, 3),
                 cand.weekday)


def _complete(calendar: str, month: int, day: int, reference: dt.date, direction: str | None,
              weekday: int | None) -> dt.date | None:
    base = _year_in(calendar, reference)
    options = [(y, _to_gregorian(calendar, y, month, day)) for y in (base - 1, base, base + 1)]
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


def _month_of(m: re.Match) -> tuple[str, int, str]:
    name = "".join(m.group("m").split())
    calendar, month = MONTHS[name]
    return calendar, month, name


def _day_of(m: re.Match) -> int | None:
    if m.groupdict().get("d"):
        return int(m.group("d"))
    if m.groupdict().get("dw"):
        return DAY_WORDS.get("".join(m.group("dw").split()))
    return None


def _marker_calendar(m: re.Match) -> str | None:
    mk = m.groupdict().get("mk")
    return CALENDAR_MARKERS.get("".join(mk.split())) if mk else None


def _from_dmy(m: re.Match, reference: dt.date | None) -> _Cand | None:
    calendar, month, name = _month_of(m)
    day = _day_of(m)
    if day is None:
        return None
    weekday = _weekday_of(m)
    year_text = m.group("y")
    marker = _marker_calendar(m)
    year: int | None = None
    end = m.end()
    if year_text:
        year = int(year_text)
        if len(year_text) == 2:
            year = _expand_two_digit_year(calendar, year)
        if marker is not None and marker != calendar and calendar == "gregorian":
            year = None  # a Gregorian month with a Hijri/Jalali marker: not a date we can trust
        if year is not None and _to_gregorian(calendar, year, month, 1) is None:
            year = None  # implausible for this calendar: never reread in another
        if year is None and len(year_text) == 4:
            return None  # a written year that does not fit: no date rather than a guessed year
    if year is None:
        if name in _MONTHS_NEED_YEAR:
            return None
        # the match ends after the month names (a dropped year is not part of it)
        ends = [m.end(g) for g in ("m", "m2", "m3") if m.group(g)]
        if m.group("dir_cur") or m.group("dir_past") or m.group("dir_fut"):
            ends.append(m.end())
        end = max(ends)
        if reference is None:
            return _Cand(m.start(), end, None, calendar, "day", "partial", 0.3, weekday)
        direction = ("current" if m.group("dir_cur") else "past" if m.group("dir_past")
                     else "future" if m.group("dir_fut") else None)
        value = _complete(calendar, month, day, reference, direction, weekday)
        return _checked(_Cand(m.start(), end, value, calendar, "day", "partial", 0.6, weekday))
    value = _to_gregorian(calendar, year, month, day)
    if value is None:
        return None
    conf = 0.9 if len(year_text) == 4 else 0.75
    return _checked(_Cand(m.start(), m.end("mk") if m.group("mk") else m.end("y"), value, calendar, "day",
                          "absolute", conf, weekday))


def _from_mdy(m: re.Match, reference: dt.date | None) -> _Cand | None:
    calendar, month, _ = _month_of(m)
    value = _to_gregorian(calendar, int(m.group("y")), month, int(m.group("d")))
    marker = _marker_calendar(m)
    if value is None or (marker is not None and marker != calendar):
        return None
    return _checked(_Cand(m.start(), m.end(), value, calendar, "day", "absolute", 0.85, _weekday_of(m)))


def _from_month_year(m: re.Match, reference: dt.date | None) -> _Cand | None:
    calendar, month, _ = _month_of(m)
    marker = _marker_calendar(m)
    value = _to_gregorian(calendar, int(m.group("y")), month, 1)
    if value is None or (marker is not None and marker != calendar):
        return None
    return _Cand(m.start(), m.end(), value, calendar, "month", "month", 0.5)


def _script_calendar(text: str, start: int, end: int) -> str | None:
    window = text[max(0, start - 200): end + 200]
    fa = len(_PERSIAN_EVIDENCE.findall(window))
    ar = len(_ARABIC_EVIDENCE.findall(window))
    if fa > ar:
        return "jalali"
    if ar > fa:
        return "hijri"
    return None


def _numeric_calendar(year: int, year_first: bool, marker: str | None, text: str, span: tuple[int, int]) -> str | None:
    if marker is not None:
        return marker
    if 1800 <= year <= 2200:
        return "gregorian"
    if 1300 <= year <= 1399:
        return "jalali"
    if 1406 <= year <= 1500:
        return "hijri"
    if 1400 <= year <= 1405:
        return _script_calendar(text, *span) or ("jalali" if year_first else "hijri")
    return None


def _from_numeric(m: re.Match, text: str, span: tuple[int, int]) -> _Cand | None:
    a, b, c = m.group("a"), m.group("b"), m.group("c")
    marker = _marker_calendar(m)
    conf = 0.85
    if len(a) == 4 and len(c) <= 2:
        year, month, day, year_first = int(a), int(b), int(c), True
    elif len(c) == 4 and len(a) <= 2:
        x, y = int(a), int(b)
        year, year_first = int(c), False
        if x > 12 >= y:
            day, month = x, y
        elif y > 12 >= x:
            month, day = x, y  # month first, as in US-style 09/21/2017
            conf = 0.7
        else:
            day, month = x, y  # day first: the regional convention
            conf = 0.75 if x != y else 0.85
    else:
        return None
    calendar = _numeric_calendar(year, year_first, marker, text, span)
    if calendar is None:
        return None
    value = _to_gregorian(calendar, year, month, day)
    if value is None:
        return None
    if marker is not None:
        conf = min(1.0, conf + 0.05)
    return _checked(_Cand(m.start(), m.end(), value, calendar, "day", "absolute", conf, _weekday_of(m)))


def _shift(reference: dt.date, unit: str, n: int) -> dt.date | None:
    try:
        if unit == "day":
            return reference + dt.timedelta(days=n)
        if unit == "week":
            return reference + dt.timedelta(days=7 * n)
        months = n if unit == "month" else 12 * n
        total = reference.year * 12 + reference.month - 1 + months
        year, month = divmod(total, 12)
        month += 1
        for day in (reference.day, 30, 29, 28):
            try:
                return dt.date(year, month, day)
            except ValueError:
                continue
    except (OverflowError, ValueError):
        return None
    return None


def _relative(start: int, end: int, reference: dt.date | None, offset_days: int | None, conf: float,
              weekday: int | None = None, unit: str = "day") -> _Cand:
    value = None
    if reference is not None and offset_days is not None:
        value = _shift(reference, unit, offset_days)
    return _checked(_Cand(start, end, value, "relative", "day", "relative", conf, weekday))


def _weekday_date(reference: dt.date, weekday: int, direction: str | None) -> dt.date:
    back = (reference.weekday() - weekday) % 7
    if direction == "future":
        return reference + dt.timedelta(days=(weekday - reference.weekday() - 1) % 7 + 1)
    if direction == "past":
        return reference - dt.timedelta(days=back or 7)
    return reference - dt.timedelta(days=back)


def _sentence_around(scan: str, start: int, end: int) -> str:
    left = max(scan.rfind(ch, 0, start) for ch in ".!?\n\u061f\u06d4")
    rights = [i for i in (scan.find(ch, end) for ch in ".!?\n\u061f\u06d4") if i >= 0]
    return scan[left + 1: min(rights) if rights else len(scan)]


def _candidates(text: str, reference: dt.date | None) -> tuple[list[_Cand], list[int]]:
    scan, index = _scan(text)
    cands: list[_Cand] = []

    def orig_span(m: re.Match) -> tuple[int, int]:
        return index[m.start()], index[m.end()]

    for m in _RX_DMY.finditer(scan):
        c = _from_dmy(m, reference)
        if c:
            cands.append(c)
    for m in _RX_MDY.finditer(scan):
        c = _from_mdy(m, reference)
        if c:
            cands.append(c)
    for m in _RX_MONTH_YEAR.finditer(scan):
        c = _from_month_year(m, reference)
        if c:
            cands.append(c)
    for m in _RX_NUMERIC.finditer(scan):
        c = _from_numeric(m, text, orig_span(m))
        if c:
            cands.append(c)
    for m in _RX_RELATIVE.finditer(scan):
        offset = RELATIVE_DAYS["".join(m.group("rel").split())]
        cands.append(_relative(m.start(), m.end(), reference, offset, 0.75, _weekday_of(m)))
    for m in _RX_BY_TENSE.finditer(scan):
        sentence = _sentence_around(scan, m.start(), m.end())
        original = text[index[m.start()]: index[m.end()]]
        window = text[max(0, index[m.start()] - 150): index[m.end()] + 150]
        if not _URDU_EVIDENCE.search(window) and not _URDU_EVIDENCE.search(original):
            continue
        magnitude = _BY_TENSE["".join(m.group("rel").split())]
        future = bool(_TENSE_FUTURE.search(sentence))
        past = bool(_TENSE_PAST.search(sentence))
        offset = magnitude if future and not past else -magnitude if past and not future else None
        cands.append(_relative(m.start(), m.end(), reference, offset, 0.5))
    for m in _RX_AGO_AR.finditer(scan):
        if _URDU_EVIDENCE.search(text[index[m.start()]: index[m.end()]]):
            continue  # Urdu "کے بعد شہر" is "after ... the city", not Arabic "بعد شهر" (after a month)
        if m.group("dual"):
            unit, n = DUAL_UNITS["".join(m.group("dual").split())]
        else:
            unit = UNITS["".join((m.group("u") or m.group("u1")).split())]
            n = int(m.group("n")) if m.group("n") else 1
        sign = -1 if m.group("ago") else 1
        precision_conf = 0.7 if unit in ("day", "week") else 0.5
        cands.append(_relative(m.start(), m.end(), reference, sign * n, precision_conf, unit=unit))
    for m in _RX_AGO_AFTER.finditer(scan):
        n = int(m.group("n")) if m.group("n") else _FA_CARDINALS["".join(m.group("nw").split())]
        unit = UNITS["".join(m.group("u").split())]
        sign = -1 if "".join(m.group("dir").split()) in _AGO_AFTER_KEYS else 1
        cands.append(_relative(m.start(), m.end(), reference, sign * n, 0.7, unit=unit))
    for m in _RX_WEEKDAY.finditer(scan):
        name = "".join(m.group("wd").split())
        has_context = any(m.group(g) for g in ("pre_past", "pre_fut", "dayw", "post_past", "post_fut", "dayafter"))
        if name in _WEEKDAY_NEEDS_CONTEXT and not has_context:
            continue
        weekday = WEEKDAYS[name]
        direction = ("past" if m.group("pre_past") or m.group("post_past")
                     else "future" if m.group("pre_fut") or m.group("post_fut") else None)
        value = _weekday_date(reference, weekday, direction) if reference is not None else None
        cands.append(_Cand(m.start(), m.end(), value, "relative", "day", "relative", 0.55, weekday))
    for m in _RX_WEEKDAY_ORDINAL.finditer(scan):
        # "السبت السادس عشر": a day of the reference's month (or a neighbour) that is that weekday
        day, weekday = _day_of(m), _weekday_of(m)
        value = None
        if reference is not None and day is not None:
            months = (reference.year * 12 + reference.month - 1 + k for k in (0, 1, -1))
            options = [_to_gregorian("gregorian", t // 12, t % 12 + 1, day) for t in months]
            matching = [d for d in options if d is not None and d.weekday() == weekday]
            value = min(matching, key=lambda d: abs((d - reference).days)) if matching else None
        cands.append(_Cand(m.start(), m.end(), value, "relative", "day", "partial", 0.55, weekday))
    for m in _RX_THIS_MONTH.finditer(scan):
        day = _day_of(m)
        if day is None:
            continue
        value = None
        if reference is not None:
            calendar = "jalali" if "ماه" in m.group(0) else "gregorian"
            year, month = _month_in(calendar, reference)
            if m.group("last"):
                year, month = (year, month - 1) if month > 1 else (year - 1, 12)
            value = _to_gregorian(calendar, year, month, day)
        cands.append(_Cand(m.start(), m.end(), value, "relative", "day", "partial", 0.6))

    cands = _merge_dual(cands, scan)
    return _non_overlapping(cands), index


def _merge_dual(cands: list[_Cand], scan: str) -> list[_Cand]:
    """Join the halves of a dual dateline into one candidate valued by its Gregorian half."""
    days = sorted((c for c in cands if c.kind == "absolute"), key=lambda c: (c.start, -c.end))
    merged: list[_Cand] = []
    for a in days:
        for b in days:
            if b.start < a.end or b.start - a.end > 30 or a.calendar == b.calendar:
                continue
            if "gregorian" not in (a.calendar, b.calendar):
                continue
            if not _RX_DUAL_GAP.match(scan[a.end:b.start]):
                continue
            greg, other = (a, b) if a.calendar == "gregorian" else (b, a)
            agree = greg.value is not None and other.value is not None and abs((greg.value - other.value).days) <= 1
            conf = 0.98 if agree else 0.5
            merged.append(_Cand(a.start, b.end, greg.value, "gregorian", "day", "dual", conf,
                                a.weekday if a.weekday is not None else b.weekday))
            break
    return cands + merged


def _non_overlapping(cands: list[_Cand]) -> list[_Cand]:
    kept: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.confidence, c.start)):
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def _finding(text: str, index: list[int], c: _Cand, method: str | None = None) -> DateFinding:
    start, end = index[c.start], index[c.end] if c.end < len(index) else len(text)
    while end > start and text[end - 1].isspace():
        end -= 1
    return DateFinding(value=c.value, text=text[start:end], start=start, end=end, calendar=c.calendar,
                       precision=c.precision, method=method or c.kind, confidence=c.confidence)


# --------------------------------------------------------------------------------------------
# public API


def find_dates(text: str, reference: dt.date | None = None) -> list[DateFinding]:
    """Every date expression in ``text``, in order, with offsets into ``text``.

    ``method`` says how the value was obtained: ``absolute`` (a full date), ``dual`` (a dual
    dateline, valued by its Gregorian half), ``partial`` (day and month completed from the
    reference), ``relative`` (relative words), ``month`` (a month and year, precision month).
    Relative and partial expressions have ``value=None`` without a reference.
    """
    if not isinstance(text, str) or not text:
        return []
    cands, index = _candidates(text, reference)
    return [_finding(text, index, c) for c in cands]


def parse_date(text: str, reference: dt.date | None = None) -> dt.date | None:
    """A single date expression to a date, or None when the text names no single day.

    Relative expressions resolve against ``reference`` and give None without one; nothing is
    ever filled in from today's date.
    """
    if not isinstance(text, str) or not text.strip():
        return None
    cands, _ = _candidates(text, reference)
    days = [c for c in cands if c.precision == "day" and c.value is not None]
    if not days:
        return None
    return max(days, key=lambda c: (c.end - c.start, c.confidence, -c.start)).value


_HEADER_LINES = 6
_DATELINE_LINES = 4
_FOOTER_LINES = 4
_PLAUSIBLE = (dt.date(1900, 1, 1), dt.date(2100, 12, 31))


def _lines(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def publication_date(text: str, lang: str | None = None) -> DateFinding:
    """The publication date of a raw article, with provenance.

    Candidates are absolute day dates in a labelled line ("First Published:", "تاريخ النشر",
    "تاریخ انتشار" …, method ``first_published_line``), in the first lines (``header``, or
    ``dateline`` when the line is body text opening with place and date), in a byline line
    (``byline``) or in the last lines (``footer``). Dates further inside the body are not
    publication dates; relative words are not either (there is no reference). A weekday named
    beside the date raises the confidence, a contradicting one lowers it. ``lang`` is accepted for
    callers that know it; the rules do not need it.
    """
    if not isinstance(text, str) or not text.strip():
        return NO_DATE
    cands, index = _candidates(text, None)
    lines = _lines(text)
    best: tuple[float, int, DateFinding] | None = None
    for c in cands:
        if c.value is None or c.precision != "day" or c.kind not in ("absolute", "dual"):
            continue
        if not _PLAUSIBLE[0] <= c.value <= _PLAUSIBLE[1]:
            continue
        finding = _finding(text, index, c)
        line_no = next((i for i, (s, e) in enumerate(lines) if s <= finding.start < e + 1), None)
        if line_no is None:
            continue
        ls, le = lines[line_no]
        before = _scan(text[ls:finding.start])[0]
        label = _RX_LABEL.search(before)
        prose = bool(_RX_PROSE_BEFORE.search(before[label.end():] if label else before)) or len(before.split()) > 6
        if label and label.start() <= 3 and len(before) - label.end() <= 40:
            method, base = "first_published_line", 0.95
        elif prose:
            continue
        elif line_no < _HEADER_LINES and le - ls <= 80:
            method, base = "header", 0.85
        elif line_no < _DATELINE_LINES and len(before.split()) <= 3:
            method, base = "dateline", 0.85
        elif _RX_BYLINE.search(_scan(text[ls:le])[0]) and le - ls <= 120:
            method, base = "byline", 0.75
        elif line_no >= len(lines) - _FOOTER_LINES and le - ls <= 80:
            method, base = "footer", 0.6
        else:
            continue
        conf = round(min(1.0, base * (c.confidence / 0.9)), 3)
        chosen = DateFinding(value=finding.value, text=finding.text, start=finding.start, end=finding.end,
                             calendar=finding.calendar, precision="day", method=method, confidence=conf)
        key = (conf, -finding.start)
        if best is None or key > (best[0], best[1]):
            best = (conf, -finding.start, chosen)
    return best[2] if best else NO_DATE



def date_mentions(body: str, reference: dt.date | None) -> list[DateMention]:
    """Dates mentioned in an article body, with their sentence offsets.

    Partial dates ("في 5 مارس") and relative ones ("أمس", "6 من الشهر نفسه") resolve against the
    reference (the publication date); without one only absolute dates are returned. ``method`` is
    ``absolute`` (full dates and dual datelines), ``partial`` or ``relative``.
    """
    if not isinstance(body, str) or not body:
        return []
    sentences = sentence_spans(body)
    mentions: list[DateMention] = []
    for f in find_dates(body, reference):
        if f.value is None:
            continue
        s_start, s_end = next(((s, e) for s, e in sentences if s <= f.start < e), (0, len(body)))
        method = {"dual": "absolute", "month": "absolute"}.get(f.method, f.method)
        mentions.append(DateMention(value=f.value, text=f.text, start=f.start, end=f.end, sentence_start=s_start,
                                    sentence_end=s_end, calendar=f.calendar, precision=f.precision,
                                    method=method, confidence=f.confidence))
    return mentions

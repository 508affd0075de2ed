"""The date grammar: regexes over the scan string, compiled once on first use.

Every pattern is a sequence of alternations of literal spellings with bounded gaps (``\\s*``
between tokens, no nested quantifiers), so matching stays linear on long input.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from khabar.document.dates import tables
from khabar.document.dates.tables import alt

NOT_LETTER_AFTER = r"(?![^\W\d])"
# Where a date that opens with a day in digits can start: at a digit, or where a word starts (the
# optional weekday before it, a day in words). Every branch of such a pattern opens with ``\d`` or
# ``(?<!\w)`` already; said once in front, it turns the mid-word characters away in one test,
# before the engine enters the optional weekday and the day's alternatives at each of them (the day
# and month pattern runs a third faster; what it matches is the same).
DIGIT_OR_WORD_START = r"(?=\d|(?<!\w))"


@dataclass(frozen=True)
class Pieces:
    """Alternations built from the tables, shared by several patterns."""

    month: str
    weekday: str
    day_word: str
    marker: str
    year_word: str
    month_number: str
    # literal words go through alt() too: the scan string folds ي to ی, ك to ک
    month_word: str
    in_word: str
    day_literal: str

    def weekday_prefix(self, words: dict) -> str:
        return (rf"(?:(?<!\w)(?:{alt(words['day_words_before'])}\s+)?(?P<wd>{self.weekday})\s*[,،]?\s*"
                rf"(?:{alt(['الموافق', 'مورخ', 'مصادف با', 'في'])}\s*)?)?")

    def day(self) -> str:
        return (rf"(?:(?<![\d.,/:])(?P<d>\d{{1,2}})(?:\s*(?:ام|st|nd|rd|th)(?!\w))?"
                rf"|(?<!\w)(?P<dw>{self.day_word})(?!\w))")

    def year(self) -> str:
        return (rf"(?:\s*[,،]?\s*(?:{self.year_word}\s*)?(?P<y>\d{{4}}|\d{{2}})(?!\d)"
                rf"(?:\s*(?P<mk>{self.marker}){NOT_LETTER_AFTER})?)?")

    def four_digit_year(self) -> str:
        return rf"(?:\s*[,،]?\s*(?:{self.in_word}\s*)?(?:{self.year_word}\s*)?(?P<y>\d{{4}})(?!\d))?"

    def month_by_number(self) -> str:
        """'شهر عشرة', 'شهر 3', 'الشهر التاسع': a Gregorian month by its number."""
        return (rf"(?<!\w)(?:ب|ال|بال)?شهر\s*(?:(?P<mn>\d{{1,2}})(?![\d/.:])"
                rf"|(?P<mw>{self.month_number})(?!\w))")


@lru_cache(maxsize=1)
def pieces() -> Pieces:
    markers = tables.load("markers")
    return Pieces(
        month=tables.months().pattern(),
        weekday=tables.weekdays().pattern(),
        day_word=tables.day_words().pattern(),
        marker=alt(markers["calendar_after_year"]["hijri"] + markers["calendar_after_year"]["jalali"]
                   + markers["calendar_after_year"]["gregorian"]),
        year_word=alt(markers["year_words"]),
        month_number=tables.colloquial("month_numbers").pattern(),
        month_word=alt(["شهر", "ماه", "ماہ"]),
        in_word=alt(["في"]),
        day_literal=alt(["يوم"]),
    )


@dataclass(frozen=True)
class Grammar:
    dmy: re.Pattern
    mdy: re.Pattern
    month_year: re.Pattern
    numeric: re.Pattern
    numeric_month_year: re.Pattern
    relative: re.Pattern
    by_tense: re.Pattern
    ago_before: re.Pattern
    ago_after: re.Pattern
    weekday: re.Pattern
    weekday_of_week: re.Pattern
    weekday_ordinal: re.Pattern
    nth_weekday: re.Pattern
    weekday_nth: re.Pattern
    this_month: re.Pattern


def _absolute(p: Pieces, weekdays: dict) -> dict[str, re.Pattern]:
    month_tail = (rf"(?:\s*(?P<dir_cur>{alt(_rel()['current_year_after_month'])})(?!\w)"
                  rf"|\s*(?P<dir_past>{alt(_rel()['past_after_month'])})(?!\w)"
                  rf"|\s*(?P<dir_fut>{alt(_rel()['future_after_month'])})(?!\w))?")
    second_month = rf"(?:\s*[(/]\s*(?P<m2>{p.month})\s*\)?|\s+(?P<m3>{p.month}){NOT_LETTER_AFTER})?"
    month_name = rf"(?P<m>{p.month})(?:{NOT_LETTER_AFTER}|(?=ماه|ماہ))"  # '12خردادماه 1377'
    mk = rf"(?:\s*(?P<mk>{p.marker}){NOT_LETTER_AFTER})?"
    return {
        "dmy": re.compile(
            DIGIT_OR_WORD_START + p.weekday_prefix(weekdays) + p.day() + r"\s*(?:-\s*)?(?:من\s*)?"
            + rf"(?:(?:{p.month_word}\s*)?{month_name}{second_month}|{p.month_by_number()})"
            + rf"(?:\s*{p.month_word}(?!\w))?" + p.year() + month_tail),
        "mdy": re.compile(
            p.weekday_prefix(weekdays) + rf"(?<!\w)(?P<m>{p.month})\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)"
            + rf"\s*[,،]?\s*(?P<y>\d{{4}})(?!\d){mk}"),
        "month_year": re.compile(
            rf"(?<!\w)(?:{p.month_word}\s*)?(?P<m>{p.month}){NOT_LETTER_AFTER}"
            rf"(?:\s*[(/]\s*(?P<m2>{p.month})\s*\)?)?(?:\s*{p.month_word}(?!\w))?"
            rf"\s*[,،]?\s*(?:{p.year_word}\s*)?(?P<y>\d{{4}})(?!\d){mk}"),
        "numeric": re.compile(
            DIGIT_OR_WORD_START + p.weekday_prefix(weekdays)
            + r"(?<![\d/.\-:])(?P<a>\d{1,4})\s*(?P<s>[/\-.])\s*(?P<b>\d{1,2})\s*(?P=s)\s*(?P<c>\d{1,4})"
            + rf"(?!\d|[/.\-:]\d){mk}"),
        "numeric_month_year": re.compile(
            r"(?<![\d/.\-:,])(?P<mn>\d{1,2})\s*/\s*(?P<y>\d{4})(?!\d|[/.\-:,]\d)"),
    }


@lru_cache(maxsize=1)
def _rel() -> dict:
    return tables.load("relative")


def _relative(p: Pieces, weekdays: dict) -> dict[str, re.Pattern]:
    rel = _rel()
    units = tables.units().pattern()
    after_dir = [w for key in ("ago_after", "later_after") for ws in rel[key].values() for w in ws]
    return {
        "relative": re.compile(rf"(?<!\w)(?:و|ف|ب|وب)?(?P<rel>{tables.relative_days().pattern()})(?!\w)"
                               rf"(?:\s*[,،]?\s*(?P<wd>{p.weekday})(?!\w))?"),
        "by_tense": re.compile(rf"(?<!\w)(?P<rel>{tables.by_tense().pattern()})(?!\w)"),
        "ago_before": re.compile(
            rf"(?<!\w)(?:(?P<ago>{alt(rel['ago_before']['ar'])})"
            rf"|(?P<later>{alt(rel['later_before']['ar'] + rel['later_before']['en'])}))\s+"
            rf"(?:(?P<n>\d{{1,3}})\s*(?P<u>{units})|(?P<dual>{tables.dual_units().pattern()})|(?P<u1>{units}))(?!\w)"),
        "ago_after": re.compile(
            rf"(?<!\w)(?:(?P<n>\d{{1,3}})|(?P<nw>{tables.persian_cardinals().pattern()}))\s*(?P<u>{units})"
            rf"\s+(?P<dir>{alt(after_dir)})(?!\w)"),
        "weekday": re.compile(
            rf"(?<!\w)(?:(?P<pre_past>{alt(rel['weekday_past']['before'])})\s+"
            rf"|(?P<pre_fut>{alt(rel['weekday_future']['before'])})\s+"
            rf"|(?P<pre_coming>{alt(rel['weekday_coming']['before'])})\s+)?"
            rf"(?:(?P<dayw>{alt(weekdays['day_words_before'])})\s+)?(?P<wd>{p.weekday})(?!\w)"
            rf"(?:\s+(?P<post_past>{alt(rel['weekday_past']['after'])})(?!\w)"
            rf"|\s+(?P<post_fut>{alt(rel['weekday_future']['after'])})(?!\w))?"
            rf"(?:\s*(?P<dayafter>{alt(weekdays['day_words_after'])})(?!\w))?"),
        "weekday_of_week": re.compile(
            rf"(?<!\w)(?:(?:{alt(weekdays['day_words_before'])})\s+)?(?P<wd>{p.weekday})\s+(?:من\s+)?"
            rf"(?P<week>{tables.colloquial('relative_weeks').pattern()})(?!\w)"),
        "weekday_ordinal": re.compile(
            rf"(?<!\w)(?P<wd>{p.weekday})\s+(?P<dw>{p.day_word})(?!\w)"
            rf"(?!\s*(?:من\s*)?(?:{p.month_word}\s*)?{p.month})"),
        "this_month": re.compile(
            rf"(?:(?<![\d.,/:])(?P<d>\d{{1,2}})|(?<!\w)(?P<dw>{p.day_word}))\s*(?:من\s*)?"
            rf"(?:(?P<this>{alt(rel['this_month'])})|(?P<last>{alt(rel['last_month'])}))(?!\w)"),
    }


def _nth(p: Pieces) -> dict[str, re.Pattern]:
    """'ثالث ثلاثاء من أيلول 2014', 'آخر يوم بشهر عشرة', 'الاثنين الأخير من الشهر القادم'."""
    month = (rf"(?:(?P<rel_month>{tables.colloquial('relative_months').pattern()})(?!\w)"
             rf"|(?:(?:ب|ال)?{p.month_word}\s*)?(?P<m>{p.month}){NOT_LETTER_AFTER}|{p.month_by_number()})")
    of = rf"\s+(?:(?:من|{p.in_word})\s+|ب(?=\S))?"
    return {
        "nth_weekday": re.compile(
            rf"(?<!\w)(?:ال)?(?P<nth>{tables.colloquial('nth_before').pattern()})\s+(?:(?P<wd>{p.weekday})|(?P<anyday>{p.day_literal}))"
            + of + month + p.four_digit_year()),
        "weekday_nth": re.compile(
            rf"(?<!\w)(?:{p.day_literal}\s+)?(?P<wd>{p.weekday})\s+(?P<nth>{tables.colloquial('nth_after').pattern()})"
            + of + month + p.four_digit_year()),
    }


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    p = pieces()
    weekdays = tables.load("weekdays")
    return Grammar(**_absolute(p, weekdays), **_relative(p, weekdays), **_nth(p))


class Backwards:
    """A regex written for the scan string read backwards; ``search(scan)`` runs it over the
    reversed ``scan``. What ends with a digit and opens with a long alternation ('a month name, then
    a number') is cheap to find backwards: ``re`` skips in C to the digits, the few places where
    the reversed pattern can start, instead of trying the alternation at every letter."""

    def __init__(self, pattern: str) -> None:
        self.pattern = re.compile(pattern)

    def search(self, scan: str) -> re.Match | None:
        return self.pattern.search(scan[::-1])


@lru_cache(maxsize=1)
def needed() -> dict[str, re.Pattern | Backwards]:
    """For the grammar's patterns that rarely match: a regex that finds what every match of the
    pattern contains (a word or a digit run it cannot match without), with nothing before it, so
    that ``re`` skips the positions that cannot start it in C. A scan string without it cannot hold
    the pattern, which is then not run over it (``finding.candidates``)."""
    p, rel = pieces(), _rel()
    after_dir = [w for key in ("ago_after", "later_after") for ws in rel[key].values() for w in ws]
    needs: dict[str, re.Pattern | Backwards] = {name: re.compile(regex) for name, regex in {
        "numeric": r"\d\s*[/\-.]\s*\d",
        "numeric_month_year": r"\d\s*/\s*\d",
        "ago_before": alt(rel["ago_before"]["ar"] + rel["later_before"]["ar"] + rel["later_before"]["en"]),
        "ago_after": alt(after_dir),
        "weekday_of_week": tables.colloquial("relative_weeks").pattern(),
        "weekday_ordinal": rf"{p.weekday}\s+{p.day_word}",
        # an ordinal is a common word ("أول", "آخر"): what follows it in every match, a weekday or
        # "يوم", rules out nearly every text that holds one
        "nth_weekday": rf"{tables.colloquial('nth_before').pattern()}\s+(?:{p.weekday}|{p.day_literal})",
        "weekday_nth": tables.colloquial("nth_after").pattern(),
    }.items()}
    # a month name, then a number (what ``{p.month}\s*\d`` finds), looked for from the number
    needs["mdy"] = Backwards(rf"\d\s*{tables.alt_backwards(tables.months().spellings)}")
    # a day, then "this month" or "last month" ("5 من الشهر الجاري"), looked for from the month words
    # (read backwards, "من" is "نم")
    needs["this_month"] = Backwards(rf"{tables.alt_backwards(rel['this_month'] + rel['last_month'])}\s*(?:نم\s*)?"
                                    rf"(?:\d|{tables.alt_backwards(tables.day_words().spellings)})")
    return needs


@dataclass(frozen=True)
class Context:
    """Regexes that read the words around a date (publication lines, tense of a sentence)."""

    dual_gap: re.Pattern
    label: re.Pattern
    prose_before: re.Pattern
    byline: re.Pattern
    tense_future: re.Pattern
    tense_past: re.Pattern
    future_evidence: re.Pattern


@lru_cache(maxsize=1)
def context() -> Context:
    markers, rel = tables.load("markers"), _rel()
    return Context(
        dual_gap=re.compile(rf"^[\s()\[\]،,\-/.]*(?:{alt(markers['dual_connectors'])}[\s()\[\]،,\-/.]*)?$"),
        label=re.compile(rf"(?<!\w){alt(markers['publication_labels'])}(?!\w)"),
        prose_before=re.compile(rf"(?<!\w){alt(markers['prose_before_date'])}(?!\w)"),
        byline=re.compile(rf"(?<!\w){alt(markers['byline_words'])}(?!\w)"),
        tense_future=re.compile(r"(?<!\w)\S*" + alt(rel["tense_future"]) + r"(?!\w)"),
        tense_past=re.compile(r"(?<!\w)" + alt(rel["tense_past"]) + r"(?!\w)"),
        future_evidence=re.compile(rf"(?<!\w){alt(tables.load('colloquial')['future_evidence'])}(?!\w)"),
    )

"""Every date expression in a text: each pattern of the grammar with its reader, dual datelines
joined, overlaps resolved (the longest reading wins, then the most confident)."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from khabar.document.dates import absolute, relative
from khabar.document.dates.absolute import Scan
from khabar.document.dates.patterns import Backwards, context, grammar, needed
from khabar.document.dates.records import (
    CONFIDENCE_DUAL_AGREE,
    CONFIDENCE_DUAL_DISAGREE,
    Candidate,
    DateFinding,
)
from khabar.document.dates.tables import scan_of

Reader = Callable[[re.Match, Scan], "Candidate | None"]

DUAL_MAX_GAP = 30  # scan characters between the two halves of a dual dateline
DUAL_MAX_DISAGREEMENT_DAYS = 1  # Umm al-Qura and local sighting may differ by a day


@lru_cache(maxsize=1)
def readers() -> tuple[tuple[re.Pattern, Reader, re.Pattern | Backwards | None], ...]:
    """(pattern, reader, what every match holds or None) for every kind of date expression, in the
    order they are read."""
    g, needs = grammar(), needed()
    named = (
        ("dmy", absolute.from_dmy),
        ("mdy", absolute.from_mdy),
        ("month_year", absolute.from_month_year),
        ("numeric", absolute.from_numeric),
        ("numeric_month_year", absolute.from_numeric_month_year),
        ("relative", relative.from_relative_word),
        ("by_tense", relative.from_by_tense),
        ("ago_before", relative.from_ago_before),
        ("ago_after", relative.from_ago_after),
        ("weekday", relative.from_weekday),
        ("weekday_of_week", relative.from_weekday_of_week),
        ("weekday_ordinal", relative.from_weekday_ordinal),
        ("this_month", relative.from_this_month),
        ("nth_weekday", relative.from_nth_weekday),
        ("weekday_nth", relative.from_nth_weekday),
    )
    return tuple((getattr(g, name), read, needs.get(name)) for name, read in named)


ABSOLUTE_READERS = 5  # the first readers: dates that need no reference (the rest are relative words)


def candidates(text: str, reference: dt.date | None, *, absolute_only: bool = False) -> tuple[list[Candidate], list[int]]:
    """The non-overlapping date candidates of ``text`` and the scan-to-original offset map.

    ``absolute_only`` skips the relative-word patterns (two thirds of the scanning), for callers
    that keep only dates readable without a reference."""
    scan, index = scan_of(text)
    s = Scan(text, scan, index, reference)
    chosen = readers()[:ABSOLUTE_READERS] if absolute_only else readers()
    found = [c for pattern, read, needs in chosen if needs is None or needs.search(scan)
             for m in pattern.finditer(scan) if (c := read(m, s))]
    return one_day_per_weekday(non_overlapping(merge_dual(found, scan))), index


def one_day_per_weekday(cands: list[Candidate]) -> list[Candidate]:
    """A weekday named twice in one text is one day: a bare "الإثنين" (a headline's "… الإثنين")
    takes the day of "الإثنين المقبل" further on, where a word says which way. Only when every
    weekday of that name the text reads with a direction (or a full date) falls on one day."""
    told: dict[int, set] = {}
    for c in cands:
        if c.weekday is not None and c.value is not None and not c.bare and c.value.weekday() == c.weekday:
            told.setdefault(c.weekday, set()).add(c.value)
    if not told:
        return cands
    return [replace(c, value=next(iter(told[c.weekday])))
            if c.bare and c.value is not None and len(told.get(c.weekday, ())) == 1 else c
            for c in cands]


def merge_dual(cands: list[Candidate], scan: str) -> list[Candidate]:
    """Join the halves of a dual dateline into one candidate valued by its Gregorian half."""
    days = sorted((c for c in cands if c.kind == "absolute"), key=lambda c: (c.start, -c.end))
    merged: list[Candidate] = []
    for a in days:
        for b in days:
            if b.start < a.end or b.start - a.end > DUAL_MAX_GAP or a.calendar == b.calendar:
                continue
            if "gregorian" not in (a.calendar, b.calendar):
                continue
            if not context().dual_gap.match(scan[a.end:b.start]):
                continue
            greg, other = (a, b) if a.calendar == "gregorian" else (b, a)
            agree = (greg.value is not None and other.value is not None
                     and abs((greg.value - other.value).days) <= DUAL_MAX_DISAGREEMENT_DAYS)
            conf = CONFIDENCE_DUAL_AGREE if agree else CONFIDENCE_DUAL_DISAGREE
            merged.append(Candidate(a.start, b.end, greg.value, "gregorian", "day", "dual", conf,
                                    a.weekday if a.weekday is not None else b.weekday))
            break
    return cands + merged


def non_overlapping(cands: list[Candidate]) -> list[Candidate]:
    kept: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.confidence, c.start)):
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def finding(text: str, index: list[int], c: Candidate) -> DateFinding:
    start, end = index[c.start], index[c.end] if c.end < len(index) else len(text)
    while end > start and text[end - 1].isspace():
        end -= 1
    return DateFinding(value=c.value, text=text[start:end], start=start, end=end, calendar=c.calendar,
                       precision=c.precision, method=c.kind, confidence=c.confidence)


def find_dates(text: str, reference: dt.date | None = None) -> list[DateFinding]:
    """Every date expression in ``text``, in order, with offsets into ``text``.

    ``method`` says how the value was obtained: ``absolute`` (a full date), ``dual`` (a dual
    dateline, valued by its Gregorian half), ``partial`` (day and month completed from the
    reference), ``relative`` (relative words), ``month`` (a month name and year, precision month,
    valued by the month's first day), ``numeric_month`` (the same in digits, '2/2013'). Relative and partial expressions have ``value=None``
    without a reference.
    """
    if not isinstance(text, str) or not text:
        return []
    cands, index = candidates(text, reference)
    return [finding(text, index, c) for c in cands]


def parse_date(text: str, reference: dt.date | None = None) -> dt.date | None:
    """A single date expression to a date, or None when the text names no single day.

    Relative expressions resolve against ``reference`` and give None without one; nothing is
    ever filled in from today's date. A month and year ('مارس 2020', '2/2013') names no single
    day: None (``find_dates`` reports it at month precision).
    """
    if not isinstance(text, str) or not text.strip():
        return None
    cands, _ = candidates(text, reference)
    days = [c for c in cands if c.precision == "day" and c.value is not None]
    if not days:
        return None
    return max(days, key=lambda c: (c.end - c.start, c.confidence, -c.start)).value

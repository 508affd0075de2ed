"""What two reports' days say: how far apart their dates are, and whether their days rule out that
they tell one happening (``khabar.corpus.compare.conflict`` asks).

A unit's date is its mentions' surest (``Unit.date``: a day written in the sentence, a day worked out
from the publication date or a file's path, its modification time). Besides, it may name weekdays
("today, Friday") and its article's dateline may name a day without a year ("کراچی ۔ 16 ستمبر (اے پی
پی)"), from which no date can be read but which still tells two days apart.
"""
from __future__ import annotations

import datetime
import re
from collections.abc import Collection
from functools import lru_cache
from typing import TYPE_CHECKING

from khabar.document.dates.finding import candidates
from khabar.text.normalize import fold

if TYPE_CHECKING:
    from khabar.corpus.places import Hierarchy
    from khabar.corpus.units import Unit

DATE_WINDOW_DAYS = 3  # reports of one happening are published within a few days of it
SOFT_DATE_SLACK_DAYS = 7  # a file's mtime may lag its writing by days: it only vetoes beyond a week
SOFT_DATE_SOURCES = frozenset({"mtime"})
# the day the report was written, read from its publication line or its file's path (``written_only``)
WRITTEN_SOURCES = frozenset({"publication", "path"})
# a date the text writes out ("on 3 August"); "today" worked out from a reprint's day may be a day off
SURE_DATE_SOURCES = frozenset({"sentence"})
LASTING_DAYS = 2  # the days between two weekdays the reports of one visit (or summit) may name
_ANY_YEAR = datetime.date(2001, 7, 1)  # completes a day written without its year; only its month and day are kept


def date_gap(a: Unit, b: Unit) -> tuple[int | None, bool]:
    """Days between the two units' dates, and whether that gap rules the join out: beyond the window,
    or beyond SOFT_DATE_SLACK_DAYS when one date is a file's mtime or the later one is only the day its
    report was written (``written_only``)."""
    (da, sa), (db, sb) = a.date, b.date
    if da is None or db is None:
        return None, False
    gap = abs((da - db).days)
    if gap <= DATE_WINDOW_DAYS:
        return gap, False
    soft = sa in SOFT_DATE_SOURCES or sb in SOFT_DATE_SOURCES or written_only(a if da > db else b)
    return gap, not soft or gap > SOFT_DATE_SLACK_DAYS


def dated_gap(a: Unit, b: Unit) -> tuple[int | None, int | None]:
    """Days between the two units' dates (``date_gap``, as a join's evidence gives them), and between
    their happenings as their dates tell them, for how alike two reports must be: None, as for undated
    reports, when each is dated only by the day it was written and the days differ (two round-ups a day
    apart, naming no day, tell Zinjibar's capture and Abyan's liberation declared next day: "dated within
    the window" would anchor them as one)."""
    days, _ = date_gap(a, b)
    return days, None if days and written_only(a) and written_only(b) else days


def written_only(unit: Unit) -> bool:
    """Whether the unit is dated only by the day its report was written (its publication line, its
    file's path), no word of its text dating the happening: a report writes of what happened that day
    or days before (a reaction, a column a few days on: the dated held-out sets 0.517 -> 0.729, 0.757 ->
    0.789, 0.833 -> 0.899, 0.921 -> 0.938, 0.333 -> 0.462, none lower; at 14 days in place of 7, two sets
    lower and a near miss merges), never of what happens after it. A day resolved from "yesterday" against
    the path is the happening's own."""
    day, source = unit.date
    return source in WRITTEN_SOURCES and not any(
        m.relative_words for m in unit.mentions if m.event_date == day and m.date_source == source)


def sure_days_apart(unit: Unit, member: Unit, *, published: bool = False) -> bool:
    """Whether both reports write their day out in the text, and the days differ; with ``published``,
    one may be dated by its publication line alone (one city's daily round-up of blasts, one issue dating
    its blast "اليوم" and the next only by its "بغداد ... 11 أغسطس 2015 م واس": held-out4 0.943 -> 0.953;
    a meeting's report published a day on may still be of it)."""
    gap, _ = date_gap(unit, member)
    sources = {unit.date[1], member.date[1]}
    if published:
        if any(u.reacted and u.date[1] == "publication" for u in (unit, member)):
            return False  # a condemnation's publication line dates the words ("دان مجلس الوزراء البحريني التفجير")
        return bool(gap) and bool(sources & SURE_DATE_SOURCES) and sources <= SURE_DATE_SOURCES | {"publication"}
    return bool(gap) and sources <= SURE_DATE_SOURCES


def days_apart(unit: Unit, member: Unit) -> bool:
    """Dates further apart than the window, or two weekdays named: "today, Friday" and "on Sunday"
    are two days, even when neither report says which week, and whatever the dates a file's path or
    a publication line give; or two datelines' days ("۔ 16 ستمبر", "۔ 17 ستمبر"), years or none."""
    if date_gap(unit, member)[1]:
        return True
    if unit.dateline and member.dateline and dateline_gap(unit.dateline, member.dateline) > (
            LASTING_DAYS if unit.lasting or member.lasting else 0):
        return True
    if _weekdays_against(unit, member) or _weekdays_against(member, unit):
        return True
    if not (unit.weekdays and member.weekdays) or unit.weekdays & member.weekdays:
        return False
    return _weekdays_apart(unit, member, unit.weekdays, member.weekdays)


def _weekdays_apart(unit: Unit, member: Unit, ours: Collection[int], theirs: Collection[int]) -> bool:
    if unit.lasting and member.lasting:
        # a visit lasts days: "arrived on Friday" and "on the first day of the visit, Saturday"
        return min(weekday_gap(a, b) for a in ours for b in theirs) > LASTING_DAYS
    return not set(ours) & set(theirs)


def _weekdays_against(dated: Unit, other: Unit) -> bool:
    """Whether a report whose sentence writes its day out ("today, 2 Ordibehesht 1399") and one of no
    date that names weekdays only ("today, Sunday, the seventh of Ordibehesht", its year unwritten)
    name two days: that day's weekday is none of the other's."""
    day, source = dated.date
    return (source in SURE_DATE_SOURCES and other.date[0] is None and bool(other.weekdays)
            and _weekdays_apart(dated, other, (day.weekday(),), other.weekdays))


@lru_cache(maxsize=4096)
def dateline_day(dateline: str | None) -> tuple[int, int] | None:
    """The (month, day) of the Gregorian day an article's dateline writes, with or without its year:
    agencies' datelines often give none ("کراچی ۔ 16 ستمبر (اے پی پی)"), and then no date can be
    read, but two reports whose datelines name two days are of two days (one bullion bulletin on
    the 16th, the next on the 17th; "۔ یکم دسمبر", the first, is written in a word). One agency's
    datelines recur: each is read once."""
    if not dateline:
        return None
    found, _ = candidates(dateline, _ANY_YEAR, absolute_only=True)
    days = [c for c in found if c.value is not None and c.calendar == "gregorian" and c.precision == "day"]
    if not days:
        return None
    first = min(days, key=lambda c: c.start).value
    return first.month, first.day


def dateline_gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Days between two (month, day) of one year or of two years running (31 December, 1 January)."""
    da = datetime.date(2001, *a).timetuple().tm_yday if a != (2, 29) else 60
    db = datetime.date(2001, *b).timetuple().tm_yday if b != (2, 29) else 60
    gap = abs(da - db)
    return min(gap, 365 - gap)


def weekday_gap(a: int, b: int) -> int:
    """Days between two weekdays of one week or of two weeks in a row (Saturday and Monday: 2)."""
    return min((a - b) % 7, (b - a) % 7)


# a template's daily issue ("في تقريرها عن حالة الطقس لهذا اليوم": the meteorology presidency's bulletin)
# is as alike the next day's, or another week's, as two retellings of one story (0.65-0.76 in the labelled
# sets), less than two papers' copies of one day's issue (0.85-0.99)
DAILY_ISSUE = re.compile(r"(?<!\w)" + fold("لهذا اليوم") + r"(?!\w)")
_DAILY_CUE = "لهذا"  # in every issue's window as written: the windows without it are not folded to look


def daily_issue(unit: Unit) -> bool:
    """Whether the unit's report is a template's issue "for this day" (``DAILY_ISSUE``)."""
    return any(_DAILY_CUE in w and DAILY_ISSUE.search(fold(w)) for w in unit.windows)


def issues_placed_apart(unit: Unit, member: Unit, places: Hierarchy) -> bool:
    """Two issues of one daily template that each name a place the other does not, after the words
    that make it the day's issue: Monday's forecast of rain on Jazan, Asir, Najran, Riyadh and Qassim,
    and Tuesday's on Jazan, Asir and Baha, as alike as two copies of one day's (0.80-0.84). A copy cut
    short names no place the issue it copies does not, and a dateline ("جدة - عكاظ:") comes before."""
    ours, theirs = (_issue_places(u, places) for u in (unit, member))
    return bool(ours - theirs) and bool(theirs - ours)


def _issue_places(unit: Unit, places: Hierarchy) -> set[str]:
    """The places a daily issue's windows name after its cue ("لهذا اليوم")."""
    after = [w[at:] for w in unit.windows if (at := w.find(_DAILY_CUE)) >= 0]
    return {e for e, surface in unit.named if e in places.parent and any(surface in w for w in after)}

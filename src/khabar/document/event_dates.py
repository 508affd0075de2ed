"""The day an event mention is dated by (``date_of``): a date its sentence writes out, else relative words ("أمس",
"بعد غد", "دیروز") and weekdays resolved against the article's reference day
(``khabar.document.events``). A weekday lies the way the word beside it says ("الاثنين المقبل",
"الأربعاء الماضي", "next Monday"), or the coming one in a sentence that speaks of the future, or the
way the article names the same weekday elsewhere; else the last such day on or before the reference,
as the date reader has it (``khabar.document.dates.calendars.weekday_date``). The reference day
itself, when the text gives no publication date, may come from outside it: ``reference_hint`` (a
date in the file's path, else its modification day)."""
from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from khabar.document.dates.calendars import weekday_date
from khabar.document.dates.patterns import context as dates_context
from khabar.text.normalize import fold

if TYPE_CHECKING:
    from collections.abc import Callable

    from khabar.document.events import ArticleInput, DateRef, Lexicon

HINT_PROVENANCES = ("path", "mtime")
_PATH_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)([-_./]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")


@dataclass(frozen=True)
class ReferenceHint:
    """A day the text was probably written, from outside the text: the file's path or its mtime."""

    value: datetime.date
    provenance: str  # path | mtime

    def __post_init__(self) -> None:
        if self.provenance not in HINT_PROVENANCES:
            raise ValueError(f"unknown date hint provenance: {self.provenance!r}")


def reference_hint(source_path: str | None, mtime: float | None = None) -> ReferenceHint | None:
    """A date in the file's path (``2015-08-07/…``, ``20150807_…``), else its modification day.

    The last date in the path wins (the deepest folder or the file name); a path date that is not a
    real day is ignored. ``mtime`` is seconds since the epoch (UTC).
    """
    for m in reversed(list(_PATH_DATE.finditer(source_path or ""))):
        try:
            return ReferenceHint(datetime.date(int(m[1]), int(m[3]), int(m[4])), "path")
        except ValueError:
            continue
    if mtime is not None:
        day = datetime.datetime.fromtimestamp(mtime, tz=datetime.timezone.utc).date()
        return ReferenceHint(day, "mtime")
    return None

_SPACE = re.compile(r"\s+")
# "since" a few words before a date: the day something began ("منذ تعيينه وزيرا للداخلية في الخامس من
# نوفمبر 2012"), recalled in the sentence, not the day of the happening it tells
_SINCE = re.compile(r"(?<!\w)(?:منذ|ومنذ|since)(?!\w)")
SINCE_WORDS = 6
_DIRECTIONS = {1: "future", -1: "past"}  # a way a weekday lies, as ``weekday_date`` names it
_ENGLISH_BEFORE = 12  # characters before an English weekday read for "next", "last"


@dataclass(frozen=True)
class FoldedText:
    """The body folded once, with the map back to body offsets; windows are read as slices of it."""

    body: str
    folded: str
    offsets: tuple[int, ...]
    # per (language, weekday): the ways the article's words name it, read once (``_article_way``)
    ways: dict[tuple[str, int], int | None] = field(default_factory=dict, compare=False)

    def span(self, lo: int, hi: int) -> tuple[int, int]:
        """The folded span of the body span ``[lo, hi)``."""
        return bisect.bisect_left(self.offsets, lo), bisect.bisect_left(self.offsets, hi)


def resolve_relative(
    lex: Lexicon, lang: str, text: FoldedText, window: tuple[int, int], reference: datetime.date | None,
    trigger_end: int | None = None,
) -> tuple[datetime.date | None, tuple[str, ...]]:
    """Relative day words and weekdays in the window (all of them, as written), but those of a clause
    on another noun after the trigger ending at ``trigger_end`` (``_of_another_clause``); the first resolved
    against ``reference`` ("today, Friday" is both: today resolves, Friday is kept as a check)."""
    pattern = lex.relative.get(lang)
    if pattern is None:
        return None, ()
    f0, f1 = text.span(*window)
    found = list(pattern.finditer(text.folded, f0, f1))
    if trigger_end is not None and lang in _RELATIVE_PRONOUNS:
        end = text.span(trigger_end, trigger_end)[0]
        found = [m for m in found if not _of_another_clause(lang, text.folded, end, m.start())]
    if not found:
        return None, ()
    words = tuple(text.body[text.offsets[m.start("core")] : text.offsets[m.end("core") - 1] + 1] for m in found)
    kind, n = lex.relative_value[lang][_SPACE.sub(" ", found[0].group("core"))]
    if reference is None:
        return None, words
    if kind == "days":
        return _as_its_weekday_says(reference + datetime.timedelta(days=n), lex, lang, text.folded, found), words
    way = _way(lex, lang, text.folded, found[0])
    if way is None and dates_context().future_evidence.search(text.folded, f0, f1):
        way = 1  # "سيزور الرئيس … الأحد": a sentence that speaks of the future names the coming day
    if way is None:
        way = _article_way(lex, lang, text, pattern, n)
    return weekday_date(reference, n, _DIRECTIONS.get(way)), words


def date_of(
    article: ArticleInput, text: FoldedText, dates_in: Callable[[int, int], list[DateRef]], lex: Lexicon, lang: str,
    trigger: tuple[int, int], window: tuple[int, int], dated_to: int = 0,
) -> tuple[datetime.date | None, str, tuple[str, ...]]:
    """A mention's day, its source and the relative words read: a date its sentence (``window``) writes
    out, nearest the trigger; else relative words resolved against the article's reference; else the
    reference itself. A happening of no known type is its opening's (up to ``dated_to``): its day may be
    told in the next sentence ("احتفل ... بزواج ابنه ... وأقيمت مراسم الزواج مساء اليوم الأحد")."""
    date, source, words = _date_in(article, text, dates_in, lex, lang, trigger, window)
    if dated_to > window[1] and not words and source != "sentence":
        told = told_day(lex, lang, text, (window[1], dated_to))
        if told is not None:  # read from the day words on: a sentence of their own, no clause of the trigger's
            return _date_in(article, text, dates_in, lex, lang, (told[0], told[0]), told)
    return date, source, words


def _date_in(
    article: ArticleInput, text: FoldedText, dates_in: Callable[[int, int], list[DateRef]], lex: Lexicon, lang: str,
    trigger: tuple[int, int], window: tuple[int, int],
) -> tuple[datetime.date | None, str, tuple[str, ...]]:
    start, end = trigger
    in_sentence = [d for d in dates_in(*window) if not since_before(article.body, d.start)]
    if in_sentence:
        nearest = min(in_sentence, key=lambda d: (abs(d.start - start), d.start))
        return nearest.value, "sentence", ()
    reference, provenance = article.reference
    value, words = resolve_relative(lex, lang, text, window, reference, end)
    if value is not None:
        return value, ("relative" if provenance == "publication" else provenance), words
    if reference is not None and not words:
        return reference, provenance, ()
    return None, "none", words


def told_day(lex: Lexicon, lang: str, text: FoldedText, span: tuple[int, int]) -> tuple[int, int] | None:
    """The first "today, Sunday" or "yesterday evening, Saturday" in ``span``: a day word of the past
    or present and the weekday right after it, which say on what day the happening was (the span of
    both, in the body). A weekday alone, or after "the day after tomorrow", is as often a day to come
    ("from Sunday until Tuesday") or a day recalled."""
    pattern = lex.relative.get(lang)
    if pattern is None:
        return None
    values = lex.relative_value[lang]
    found = list(pattern.finditer(text.folded, *text.span(*span)))
    for m, n in zip(found, found[1:]):
        kind, days = values[_SPACE.sub(" ", m.group("core"))]
        if (kind == "days" and days <= 0 and values[_SPACE.sub(" ", n.group("core"))][0] == "weekday"
                and not text.folded[m.end():n.start()].strip(" ،,")):
            return text.offsets[m.start()], text.offsets[n.end() - 1] + 1
    return None


def _as_its_weekday_says(day: datetime.date, lex: Lexicon, lang: str, folded: str, found: list[re.Match]) -> datetime.date:
    """The day a relative word gives, moved to the weekday written right after it when they disagree by
    three days at most: "اليوم الاثنين" in a report filed (or crawled) on Tuesday is Monday, as its writer
    says, not the day it was filed."""
    between = folded[found[0].end():found[1].start()] if len(found) >= 2 else "?"
    if len(between) > 3 or between.strip(" ،,"):
        return day
    kind, weekday = lex.relative_value[lang][_SPACE.sub(" ", found[1].group("core"))]
    shift = (weekday - day.weekday() + 3) % 7 - 3 if kind == "weekday" else 0
    return day + datetime.timedelta(days=shift)


# a relative pronoun of a masculine noun (a man, a body, most happenings): the clause it opens tells of
# the noun right before it. "التي" is left alone: it follows towns ("في مدينة بنغازي التي مزقتها الحرب
# يوم الاثنين"), and the clause ends before the day the sentence gives its happening
_RELATIVE_PRONOUNS = {"ar": frozenset(fold(w) for w in ("الذي", "الذين", "اللذين", "اللذان"))}
_DEFINITE = tuple(fold(w) for w in ("ال", "وال"))  # an adjective of the trigger is definite as it is


def _of_another_clause(lang: str, folded: str, trigger_end: int, at: int) -> bool:
    """Whether a day word at ``at``, after a trigger ending at ``trigger_end`` (folded offsets), follows a
    relative pronoun whose noun is not the trigger: a word that is no definite adjective stands between
    them ("وسيشرف على القرعة الامين العام للفيفا الفرنسي جيروم فالك الذي وصل الى روسيا الاثنين
    الماضي": Monday is when he arrived, not the draw's day; "الحادث الآثم البغيض الذي استهدف ... اليوم"
    is the attack's own clause)."""
    if at <= trigger_end:
        return False
    words = folded[trigger_end:at].split()
    pronoun = next((i for i, w in enumerate(words) if w in _RELATIVE_PRONOUNS[lang]), None)
    return pronoun is not None and not all(w.startswith(_DEFINITE) for w in words[:pronoun])


def _article_way(lex: Lexicon, lang: str, text: FoldedText, pattern: re.Pattern, weekday: int) -> int | None:
    """The way the article names this weekday where a word says so, when all such words agree (else
    None): read once per article and weekday, not once per mention (a long text names one weekday
    thousands of times)."""
    key = (lang, weekday)
    if key not in text.ways:
        found: dict[int, set[int]] = {}
        for m in pattern.finditer(text.folded):
            kind, n = lex.relative_value[lang][_SPACE.sub(" ", m.group("core"))]
            way = _way(lex, lang, text.folded, m) if kind == "weekday" else None
            if way is not None:
                found.setdefault(n, set()).add(way)
        for n in range(7):
            ways = found.get(n, set())
            text.ways[(lang, n)] = next(iter(ways)) if len(ways) == 1 else None
    return text.ways[key]


def _way(lex: Lexicon, lang: str, folded: str, m: re.Match) -> int | None:
    """Which way a weekday lies by the word beside it ("الاثنين المقبل": 1, "last Monday": -1), or None."""
    spec = lex.directions.get(lang)
    if spec is None:
        return None
    after, before, ways = spec
    found = after.match(folded, m.end()) if lang != "en" else before.search(folded, max(0, m.start() - _ENGLISH_BEFORE), m.start())
    return ways[_SPACE.sub(" ", found.group("way"))] if found else None


def since_before(body: str, at: int) -> bool:
    """Whether "since" stands at most ``SINCE_WORDS`` words before ``at`` (a date's start) in ``body``."""
    before = fold(body[max(0, at - 80):at])
    found = list(_SINCE.finditer(before))
    return bool(found) and len(before[found[-1].end():].split()) <= SINCE_WORDS

"""The publication date of a raw article: a full date in a labelled line, the header, a dateline,
a byline or the footer; never a date deep in the body, never a relative word."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from khabar.document.dates.finding import candidates, finding
from khabar.document.dates.patterns import context
from khabar.document.dates.records import (
    CONFIDENCE_FULL_DATE,
    NO_DATE,
    Candidate,
    DateFinding,
)
from khabar.document.dates.tables import scan_of

HEADER_LINES = 6  # a date in the first lines of a page is its header
DATELINE_LINES = 4  # agency datelines ('الرياض 25 شوال ...') open the body within its first lines
FOOTER_LINES = 4  # a date in the last lines is the footer
HEADER_MAX_CHARS = 80  # longer lines are body text, not a header or footer line
BYLINE_MAX_CHARS = 120  # a byline with author, place and date
LABEL_MAX_START = 3  # a publication label opens its line ('تاريخ النشر:', '● Published')
LABEL_MAX_GAP = 40  # characters between a label and its date
DATELINE_MAX_WORDS = 3  # words before the date in a dateline (a place, an agency)
PROSE_MIN_WORDS = 7  # this many words before a date make it a sentence, not a header
PLAUSIBLE = (dt.date(1900, 1, 1), dt.date(2100, 12, 31))

# base confidence of each kind of line, scaled by how sure the date itself is
CONFIDENCE_LABELLED_LINE = 0.95  # the page says 'published' beside the date
CONFIDENCE_HEADER = 0.85  # a short line at the top of the page
CONFIDENCE_DATELINE = 0.85  # place and date opening the body
CONFIDENCE_BYLINE = 0.75  # author lines often carry the date, sometimes an update date
CONFIDENCE_FOOTER = 0.6  # footers also carry copyright years and update dates


def _lines(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _line_method(text: str, lines: list[tuple[int, int]], line_no: int, start: int) -> tuple[str, float] | None:
    """How the line of a date presents it (method, base confidence), or None for body prose."""
    ls, le = lines[line_no]
    before = scan_of(text[ls:start])[0]
    label = context().label.search(before)
    words_before = len(before.split())
    prose = bool(context().prose_before.search(before[label.end():] if label else before))
    if label and label.start() <= LABEL_MAX_START and len(before) - label.end() <= LABEL_MAX_GAP:
        return "first_published_line", CONFIDENCE_LABELLED_LINE
    if prose or words_before >= PROSE_MIN_WORDS:
        return None
    if line_no < HEADER_LINES and le - ls <= HEADER_MAX_CHARS:
        return "header", CONFIDENCE_HEADER
    if line_no < DATELINE_LINES and words_before <= DATELINE_MAX_WORDS:
        return "dateline", CONFIDENCE_DATELINE
    if context().byline.search(scan_of(text[ls:le])[0]) and le - ls <= BYLINE_MAX_CHARS:
        return "byline", CONFIDENCE_BYLINE
    if line_no >= len(lines) - FOOTER_LINES and le - ls <= HEADER_MAX_CHARS:
        return "footer", CONFIDENCE_FOOTER
    return None


def _is_full_day(c: Candidate) -> bool:
    return (c.value is not None and c.precision == "day" and c.kind in ("absolute", "dual")
            and PLAUSIBLE[0] <= c.value <= PLAUSIBLE[1])


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
    cands, index = candidates(text, None, absolute_only=True)  # relative words are never publication dates
    lines = _lines(text)
    best: tuple[float, int, DateFinding] | None = None
    for c in filter(_is_full_day, cands):
        found = finding(text, index, c)
        line_no = next((i for i, (s, e) in enumerate(lines) if s <= found.start < e + 1), None)
        how = _line_method(text, lines, line_no, found.start) if line_no is not None else None
        if how is None:
            continue
        method, base = how
        conf = round(min(1.0, base * (c.confidence / CONFIDENCE_FULL_DATE)), 3)
        if best is None or (conf, -found.start) > best[:2]:
            best = (conf, -found.start, replace(found, precision="day", method=method, confidence=conf))
    return best[2] if best else NO_DATE

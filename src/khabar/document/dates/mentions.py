"""Dates mentioned in an article body, each with the sentence it sits in."""
from __future__ import annotations

import datetime as dt

from khabar.document.dates.finding import find_dates
from khabar.document.dates.records import DateMention
from khabar.text.sentences import sentence_spans, span_of

# a dual dateline and a month-and-year are written out in full: absolute for the events stage
_MENTION_METHOD = {"dual": "absolute", "month": "absolute"}
# '3/2020' in a body is as often a decree or issue number ('القرار رقم 3/2020') as a month
_NOT_MENTIONS = frozenset({"numeric_month"})


def date_mentions(body: str, reference: dt.date | None, *,
                  sentences: list[tuple[int, int]] | None = None) -> list[DateMention]:
    """Dates mentioned in an article body, with their sentence offsets.

    Partial dates ("في 5 مارس") and relative ones ("أمس", "6 من الشهر نفسه") resolve against the
    reference (the publication date); without one only absolute dates are returned. ``method`` is
    ``absolute`` (full dates and dual datelines), ``partial`` or ``relative``. ``sentences``:
    ``sentence_spans(body)`` when the caller already has them.
    """
    if not isinstance(body, str) or not body:
        return []
    if sentences is None:
        sentences = sentence_spans(body)
    mentions: list[DateMention] = []
    for f in find_dates(body, reference):
        if f.value is None or f.method in _NOT_MENTIONS:
            continue
        s_start, s_end = span_of(sentences, f.start)
        mentions.append(DateMention(value=f.value, text=f.text, start=f.start, end=f.end, sentence_start=s_start,
                                    sentence_end=s_end, calendar=f.calendar, precision=f.precision,
                                    method=_MENTION_METHOD.get(f.method, f.method), confidence=f.confidence))
    return mentions

"""What a report dates itself by, not what it tells: a happening its opening names right after
"after", "since" or (Arabic) "because of" ("the first aid plane landed in Aden after its liberation"),
unless the report tells a toll around it ("sixteen were killed after a boat sank" reports the
sinking). Arabic and Persian put the word before the happening, Urdu after it. Used by ``khabar.document.events`` (an
opening that only recalls gets an untyped mention) and ``khabar.corpus.units`` (such a unit is not
what its article reports); and where a press review's lead story ends (``press_review_lead``)."""
from __future__ import annotations

import re
from collections.abc import Sequence

from khabar.text.normalize import fold
from khabar.text.sentences import span_of

# words that make the happening after them one the report dates itself by, not the one it tells:
# "the first aid plane landed in Aden after its liberation", "since the start of the fighting"; or
# what it tells is the consequence of ("جراء": greetings to "the wounded in hospital because of the
# attack", a visit a day on; "killed because of the attack" tells a toll, and the attack)
_SINCE = frozenset(fold(w) for w in ("بعد", "وبعد", "منذ", "ومنذ", "عقب", "إثر", "اثر", "أعقاب", "جراء"))
_STARTS = frozenset(fold(w) for w in ("بدء", "بداية", "اندلاع", "انطلاق"))
# "four months on from the start of the fighting" ("بعد 4 أشهر على بدء المعارك"): "on" before a start
_ON = frozenset(fold(w) for w in ("على",))
# ... unless the report tells its toll first: "sixteen were killed after a boat sank" reports the sinking
# ("رحمة": "passed away to God's mercy after the crash")
_TOLL = tuple(fold(w) for w in ("قتل", "مقتل", "مصرع", "لقي", "لقو", "أصيب", "إصابة", "جرح", "وفاة", "توفي",
                                "ضحايا", "حصيلة", "رحمة"))
# a meeting (or a match) is not the background of what is said at it: "Lavrov said after meeting
# Kerry", "Messi said after the match"
_TOLD_AT = frozenset({"meeting", "call", "statement", "match", "draw"})
_RECALL_LOOKBACK = 120  # characters before a trigger read for those words
# a sentence after the first that opens with these is background: "يذكر أن" (it is recalled that), "and
# on Friday" ("ويوم الجمعة أحرق يهوديان متطرفان منزلا" in a report of Sunday's cabinet decision on it)
_BACKGROUND = tuple(fold(w) for w in (
    "يذكر أن", "ويذكر أن", "يشار إلى أن", "ويشار إلى أن", "ويوم الجمعة", "ويوم السبت", "ويوم الأحد",
    "ويوم الاثنين", "ويوم الثلاثاء", "ويوم الأربعاء", "ويوم الخميس"))
_AND = frozenset("وف")  # a conjunction joined to the word: "وأصيب"


# Persian puts "after"/"since" before the happening ("پس از آزادسازی عدن"), Urdu after it ("عدن کی
# آزادی کے بعد"); both tell a toll after it ("پس از غرق شدن قایق ۱۶ نفر کشته شدند" reports the sinking)
_SINCE_BEFORE = {"fa": tuple(tuple(fold(w).split()) for w in ("پس از", "بعد از", "از زمان"))}
_SINCE_AFTER = {"ur": tuple(tuple(fold(w).split()) for w in ("کے بعد",))}
_TOLL_FA_UR = tuple(fold(w) for w in ("کشته", "زخمی", "مجروح", "جان باخت", "جان سپرد", "فوت", "قربانی", "مصدوم",
                                      "ہلاک", "جاں بحق", "جاںبحق", "شہید", "زخمیوں"))


_UNTYPED = "other"  # khabar.document.events.OTHER (that module imports this one): an opening's first verb

# a happening told as years past ("تعرضت لحادث سير قبل 14 عاماً", "منذ عامين"): the background of a
# human-interest story (a teacher paralysed in a crash fourteen years ago asks for help), not its news
_SOME = "|".join(fold(w) for w in ("ثلاث", "ثلاثة", "أربع", "أربعة", "خمس", "خمسة", "ست", "ستة", "سبع", "سبعة", "ثماني",
                                   "ثمانية", "تسع", "تسعة", "عشر", "عشرة", "عشرات", "عدة", "بضع", "بضعة"))
_YEARS_AGO = re.compile(rf"(?:^| )(?:قبل|منذ) (?:(?:نحو|حوالی|اکثر من|قرابه) )?"
                        rf"(?:(?:\d+|{_SOME}) (?:عام|عاما|اعوام|سنه|سنوات|سنین)|عامین|سنتین)(?: |$)")
_YEARS_AGO_AFTER = 90  # characters after the trigger read for it (its clause, not the next story)


def _years_ago(body: str, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether "years ago" follows the trigger in its sentence, within ``_YEARS_AGO_AFTER`` characters
    (an untyped opening's first verb is never so recalled: "تمنت معلمة ... تعرضت لحادث سير قبل 14 عاماً"
    tells her wish)."""
    stop = min(span_of(spans, end)[1] if spans else len(body), end + _YEARS_AGO_AFTER)
    return bool(_YEARS_AGO.search(fold(body[end:max(end, stop)])))


def recalled(body: str, start: int, event_type: str, lang: str, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether the trigger at ``start`` (ending at ``end``) follows "after" or "since" (optionally "since
    the start of"; in Urdu, is followed by it), with no toll told around it: a happening the report
    recalls to date the one it tells, even in its opening; or is in a sentence that opens as
    background (``_in_background``); or (Arabic) is told as years past ("قبل 14 عاماً": ``_years_ago``).
    ``spans``: ``sentence_spans(body)``."""
    if event_type in _TOLD_AT:
        return False
    if _in_background(body, start, spans):
        return True
    if lang in _SINCE_BEFORE or lang in _SINCE_AFTER:
        return _recalled_fa_ur(body, start, end, lang)
    if lang == "ar" and event_type != _UNTYPED and _years_ago(body, end, spans):
        return True
    words = fold(body[max(0, start - _RECALL_LOOKBACK):start]).split()
    if not words:
        return False
    if not (words[-1] in _SINCE or (len(words) >= 2 and words[-1] in _STARTS and (words[-2] in _SINCE or words[-2] in _ON))):
        return False
    return not any(w.startswith(_TOLL) or (w[:1] in _AND and w[1:].startswith(_TOLL)) for w in words)


def _recalled_fa_ur(body: str, start: int, end: int, lang: str) -> bool:
    before = fold(body[max(0, start - _RECALL_LOOKBACK):start]).split()
    after = fold(body[end:end + _RECALL_LOOKBACK]).split()
    if not (any(tuple(before[-len(p):]) == p for p in _SINCE_BEFORE.get(lang, ()))
            or any(tuple(after[:len(p)]) == p for p in _SINCE_AFTER.get(lang, ()))):
        return False
    return not any(w.startswith(_TOLL_FA_UR) for w in (*before, *after))


def _in_background(body: str, start: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether the trigger's sentence, not the article's first, opens as background: "يذكر أن" (it is
    recalled that), "ويوم الجمعة" (and on Friday: another day than the one reported)."""
    s0, s1 = span_of(spans, start)
    if s1 <= s0 or not body[:s0].strip():
        return False  # the article's first sentence is what it reports
    opens = fold(body[s0:start].lstrip())
    return any(opens.startswith(w) and opens[len(w):len(w) + 1] in (" ", "") for w in _BACKGROUND)


# a press review ("أبرزت الصحف المصرية الصادرة اليوم ...", "عناوين الصحف الخليجية الصادرة امس") tells one
# story a sentence: its first is the lead, the rest are what the papers also carried
_PRESS_REVIEW = re.compile(r"(?:^|\s)(?:ال)?صحف(?: \S+){0,2} الصادره")
_REVIEW_OPENS = 300  # characters of the body in which a press review says it is one


def press_review_lead(body: str, spans: Sequence[tuple[int, int]], named: Sequence[int]) -> int | None:
    """Where a press review's lead story ends: the end of its first sentence naming someone or a
    happening (``named``: the offsets of the people and organisations the body names and of its
    triggers), so "وتحدثت الصحف عن سيطرة القوات ... على زنجبار" after a lead on a prince's words is not
    what it reports; None when the body does not open as a press review."""
    if not named or not _PRESS_REVIEW.search(fold(body[:_REVIEW_OPENS])):
        return None
    s0, s1 = span_of(spans, min(named))
    return s1 if s1 > s0 else None

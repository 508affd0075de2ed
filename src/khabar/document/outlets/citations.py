"""Outlets named in the title and body: ``نقلت صحيفة «الوطن»``, ``لصحيفة الوفاق``, ``به نقل از ایسنا``.

Each is cited, except a newspaper or site quoted after "لـ" or a self verb ("كشف مصدر لـ«عكاظ»",
"علمت «عكاظ»"): that is the paper speaking of itself (``quoted_self``).
"""
from __future__ import annotations

import bisect

from khabar.document.anatomy import Anatomy
from khabar.document.outlets.cues import (
    CLOSE_QUOTES,
    DELIMITERS,
    OPEN_QUOTES,
    Cand,
    Found,
    Hit,
    Tok,
    cues,
    is_ambiguous,
    kind_cue,
    make_cand,
    scan,
)
from khabar.document.outlets.registry import OutletRegistry
from khabar.text.normalize import strip_name_proclitic

CUE_WINDOW = 3  # words before a name looked at for a verb ("نقلت", "به نقل از") or a kind cue
SHORT_NAME_CHARS = 2  # a one-word name this short ("اج", "ap") counts only with a cue or quotes
QUOTE_REACH = 2  # characters between a name and the quotation marks around it
LI = "ل"  # the preposition li- written apart before a quote: "لـ«عكاظ»"
SELF_QUOTING_KINDS = ("newspaper", "site")  # a wire or broadcaster quoted after "لـ" is a source


def content_spans(text: str, anatomy: Anatomy) -> list[tuple[int, int]]:
    """Where the title and the body lie in ``text``."""
    spans = []
    if anatomy.title:
        k = text.find(anatomy.title)
        if k >= 0:
            spans.append((k, k + len(anatomy.title)))
    if anatomy.body_start >= 0:
        spans.append((anatomy.body_start, anatomy.body_start + len(anatomy.body)))
        return spans
    pos = 0
    for piece in anatomy.body.split("\n\n"):
        k = text.find(piece, pos)
        if k >= 0:
            spans.append((k, k + len(piece)))
            pos = k + len(piece)
    return spans


def _quoted(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - QUOTE_REACH) : start].strip()
    after = text[end : end + QUOTE_REACH].strip()
    return bool(before) and before[-1] in OPEN_QUOTES and bool(after) and after[0] in CLOSE_QUOTES


def _after_verb(prev: list[str]) -> bool:
    verbs = cues().verbs
    return any(
        " ".join(prev[-n:]) in verbs or (strip_name_proclitic(prev[-n]) or "") in verbs
        for n in range(1, min(CUE_WINDOW, len(prev)) + 1)
    )


def _citation(text: str, toks: list[Tok], hit: Hit, reg: OutletRegistry, countries: dict[str, int]) -> Cand | None:
    prev = [t.key for t in toks[max(0, hit.i - CUE_WINDOW) : hit.i]]
    gap = text[toks[hit.i - 1].end : toks[hit.i].start] if hit.i else ""
    kind = kind_cue(prev[-1]) if prev and not DELIMITERS.search(gap) else None
    verb = _after_verb(prev)
    start, end = toks[hit.i].start, toks[hit.j - 1].end
    quoted = _quoted(text, start, end)
    lam = hit.proclitic or (bool(prev) and prev[-1] == LI)
    ambiguous = is_ambiguous(hit.key)
    if ambiguous and not (kind or (quoted and (verb or lam))):
        return None
    if not ambiguous and len(hit.key) == 1 and len(hit.key[0]) <= SHORT_NAME_CHARS and not (kind or quoted):
        return None
    cue_start = toks[hit.i - 1].start if (kind or verb) and hit.i else start
    tail = text[end : end + 1] if text[end : end + 1] in CLOSE_QUOTES else ""
    # "كشف مصدر لـ«الشرق الأوسط»", "علمت «عكاظ»": the outlet speaks of itself
    own = quoted and not kind and (lam or (bool(prev) and prev[-1] in cues().self_verbs))
    own = own and any(reg.by_id[i].kind in SELF_QUOTING_KINDS for i in hit.ids)
    if own:
        kind = "newspaper"
        cue_start = toks[hit.i - 1].start if hit.i else start
    return make_cand(reg, Found(hit, toks, kind), text, countries, "quoted_self" if own else "citation",
                     text[cue_start:end] + tail, own)


def citations(text: str, all_toks: list[Tok], spans: list[tuple[int, int]], reg: OutletRegistry,
              countries: dict[str, int]) -> list[Cand]:
    out = []
    starts = [t.start for t in all_toks]
    ends = [t.end for t in all_toks]
    for s, e in spans:
        toks = all_toks[bisect.bisect_left(starts, s) : bisect.bisect_right(ends, e)]
        for hit in scan(toks, reg):
            c = _citation(text, toks, hit, reg, countries)
            if c is not None:
                out.append(c)
    return out

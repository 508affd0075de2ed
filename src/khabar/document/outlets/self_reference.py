"""The self-reference formula: ``به گزارش خبرگزاری فارس``, ``رابط الخبر بصحيفة الوئام``, ``علمت «عكاظ»``.

At the start of one of the first lines the formula is the publisher's own voice, unless the text
shows it is another outlet retelling the report (see ``cited_copy``); anywhere else it cites.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from khabar.document.outlets.cues import (
    DELIMITERS,
    Cand,
    Found,
    Hit,
    Tok,
    cues,
    is_ambiguous,
    kind_cue,
    make_cand,
    match_at,
    slug,
)
from khabar.document.outlets.head import Line
from khabar.document.outlets.registry import OutletRegistry
from khabar.text.normalize import fold

FORMULA_HEAD_LINES = 5  # the formula opens one of the first lines: the lead, or the paragraph after it
NAME_SEARCH_TOKENS = 8  # desk and correspondent words between the formula and the outlet's name
UNKNOWN_NAME_MAX_TOKENS = 3  # "به گزارش آران نیوز:" — an unknown outlet is named in a few words
REPORT_CLAUSE_MAX_CHARS = 300  # the reporting verb comes early in the opening clause of a report
LINK_BACK = "رابط"  # folded first word of "رابط الخبر": a link back to the publisher's own page
BUREAU = "از"  # folded "from": "به گزارش خبرگزاری فارس از تبریز" names the agency's own bureau
# the attributed clause, up to a quotation, a colon or the end of the sentence
_CLAUSE = re.compile(rf"[^:«.!؟?\n]{{0,{REPORT_CLAUSE_MAX_CHARS}}}")


@dataclass(frozen=True)
class _Formula:
    tokens: tuple[str, ...]
    inline: bool


def _formulas_by_first_word() -> dict[str, list[_Formula]]:
    index: dict[str, list[_Formula]] = {}
    for pats, inline in ((cues().self_reference, False), (cues().self_reference_inline, True)):
        for p in pats:
            index.setdefault(p[0], []).append(_Formula(p, inline))
    return index


def _name_after(text: str, toks: list[Tok], first: int, inline: bool, reg: OutletRegistry) -> tuple[Hit | None, str | None]:
    """The outlet named right after a formula (skipping desk words), and the kind a cue gave it."""
    k, kind, hit = first, None, None
    limit = min(len(toks), first + NAME_SEARCH_TOKENS)
    while k < limit:
        if DELIMITERS.search(text[toks[k - 1].end : toks[k].start]):
            break
        hit = match_at(toks, k, reg)
        if hit and is_ambiguous(hit.key) and k != first and not kind:
            hit = None  # "به گزارش دیوان … ایران": a word, not an outlet
        if hit:
            break
        if kind_cue(toks[k].key):
            kind = kind_cue(toks[k].key)
        elif inline and toks[k].key not in cues().self_skip:
            break
        k += 1
    return hit, kind


def cited_copy(text: str, toks: list[Tok], first: int, hit: Hit) -> bool:
    """Is a formula at the head of the text another outlet retelling the agency's report?

    The agency's own copy names its desk or correspondent ("به گزارش گروه بین‌الملل خبرگزاری
    فارس"), or its bureau ("… فارس از تبریز"), and reports in its own voice ("… گفت:"). A bare
    formula whose clause is in the reported perfect ("… گفته است", "گزارش داده است") is another
    outlet passing the agency's report on: the agency is cited, not the publisher.
    """
    desk = any(t.key in cues().self_skip and not kind_cue(t.key) for t in toks[first : hit.i])
    if desk or (hit.j < len(toks) and toks[hit.j].key == BUREAU):
        return False
    clause = _CLAUSE.match(text, toks[hit.j - 1].end)
    words = f" {fold(clause.group(0))} " if clause else ""
    return any(f" {phrase} " in words for phrase in cues().reported_perfect)


def _unknown_outlet(text: str, toks: list[Tok], first: int, cue_start: int) -> Cand | None:
    """"به گزارش آران نیوز:" with an outlet missing from the registry."""
    name: list[Tok] = []
    for t in toks[first : first + UNKNOWN_NAME_MAX_TOKENS]:
        if name and DELIMITERS.search(text[name[-1].end : t.start]):
            break
        name.append(t)
    if not name or not DELIMITERS.search(text[name[-1].end : name[-1].end + 2]):
        return None
    if name[0].key in cues().unknown_stop or not any(t.key in cues().unknown_kind for t in name):
        return None
    st, en = name[0].start, name[-1].end
    return Cand(slug(text[st:en]), text[st:en], "self_reference", text[cue_start : en + 1], st, en, True, known=False)


def _at_head_line_start(text: str, lines: list[Line], starts: list[int], pos: int) -> tuple[bool, bool]:
    """(``pos`` opens its line, that line is one of the first lines)."""
    n = bisect.bisect_right(starts, pos) - 1
    if n < 0 or pos > lines[n][1]:
        return False, False
    return not text[lines[n][0] : pos].strip(), n < FORMULA_HEAD_LINES


def self_references(text: str, toks: list[Tok], lines: list[Line], reg: OutletRegistry,
                    countries: dict[str, int]) -> list[Cand]:
    out = []
    formulas = _formulas_by_first_word()
    starts = [s for s, _, _ in lines]
    for i, tok in enumerate(toks):
        for formula in formulas.get(tok.key, ()):
            pat = formula.tokens
            if tuple(t.key for t in toks[i : i + len(pat)]) != pat:
                continue
            first = i + len(pat)
            hit, kind = _name_after(text, toks, first, formula.inline, reg)
            line_start, head = _at_head_line_start(text, lines, starts, tok.start)
            publisher = pat[0] == LINK_BACK or ((line_start or formula.inline) and head)
            if hit:
                own = publisher and (formula.inline or not cited_copy(text, toks, first, hit))
                c = make_cand(reg, Found(hit, toks, kind), text, countries,
                              "self_reference" if own else "citation", "", own)
                tail = text[c.end : c.end + 1]
                c.evidence = text[tok.start : c.end] + (tail if tail in ":،," else "")
                out.append(c)
            elif publisher and not formula.inline:
                unknown = _unknown_outlet(text, toks, first, tok.start)
                if unknown:
                    out.append(unknown)
    return out

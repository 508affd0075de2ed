"""Publisher evidence at the edges of the page: source lines, mastheads, datelines and domains."""
from __future__ import annotations

import re

from khabar.document.anatomy import Anatomy, source_line_pattern
from khabar.document.outlets.cues import (
    Cand,
    Found,
    Hit,
    choose,
    cues,
    kind_cue,
    make_cand,
    match_at,
    slug,
    tokens,
)
from khabar.document.outlets.registry import OutletRegistry

Line = tuple[int, int, str]
_PAREN = re.compile(r"\(([^()\n]{1,40})\)")
_DATELINE_SEGMENT = re.compile(r"[^-–—ـ۔:()،,/]+")
_DIGIT = re.compile(r"[0-9٠-٩۰-۹]")
GUILLEMETS = re.compile(r"«[^»]+»")
_BYLINE_WORDS = frozenset({"الکاتب", "کتب", "بقلم", "by", "نویسنده"})  # folded; end an outlet name
UNKNOWN_NAME_MAX_TOKENS = 3  # an outlet missing from the registry is named in a few words
MASTHEAD_TOP_LINES = 12  # a masthead line sits near the top …
MASTHEAD_FOOT_LINES = 5  # … or near the foot of the page
AMBIGUOUS_MASTHEAD_TOP, AMBIGUOUS_MASTHEAD_FOOT = 3, 2  # an ordinary word alone on a line: only at the very edge
TRAILING_CREDIT_MAX_TOKENS = 3  # SPA's "… م واس" credit after the dates


def source_lines(text: str, lines: list[Line], reg: OutletRegistry, countries: dict[str, int]) -> list[Cand]:
    """``المصدر: شبكة شام`` names the publisher (known, or a short unknown name)."""
    out = []
    for s, _, line in lines:
        m = source_line_pattern().match(line.strip())
        if not m:
            continue
        value = m.group("value")
        vstart = s + line.index(value)
        toks = tokens(value, vstart)
        k, kind = 0, None
        while k < len(toks) and kind_cue(toks[k].key) and not match_at(toks, k, reg):
            kind = kind_cue(toks[k].key)
            k += 1
        hit = match_at(toks, k, reg) if k < len(toks) else None
        if hit:
            c = make_cand(reg, Found(hit, toks, kind), text, countries, "source_line", "", True)
            c.evidence = f"{m.group('label')}: {text[vstart:c.end]}"
            out.append(c)
            continue
        name_toks = []  # unknown outlet: the value up to a byline label, when short
        for t in toks:
            if t.key in _BYLINE_WORDS:
                break
            name_toks.append(t)
        if 0 < len(name_toks) <= UNKNOWN_NAME_MAX_TOKENS and name_toks[0].key not in cues().unknown_stop:
            st, en = name_toks[0].start, name_toks[-1].end
            out.append(Cand(slug(text[st:en]), text[st:en], "source_line",
                            f"{m.group('label')}: {text[st:en]}", st, en, True, known=False))
    return out


def mastheads(lines: list[Line], reg: OutletRegistry, countries: dict[str, int]) -> list[Cand]:
    """A line that is exactly an outlet's name near the top or the foot of the page."""
    out = []
    n = len(lines)
    edge = list(range(min(n, MASTHEAD_TOP_LINES))) + list(range(max(MASTHEAD_TOP_LINES, n - MASTHEAD_FOOT_LINES), n))
    for idx in edge:
        s, _, line = lines[idx]
        toks = tokens(line, s, at_most=reg.max_name_tokens)  # a longer line is no outlet's name
        key = tuple(t.key for t in toks)
        if not key or key not in reg.names:
            continue
        if " ".join(key) in cues().ambiguous and not (
            idx < AMBIGUOUS_MASTHEAD_TOP or idx >= n - AMBIGUOUS_MASTHEAD_FOOT
        ):
            continue
        if not line.strip()[0].isalpha():
            continue  # "(واس)" alone on a line is a credit, not a masthead
        oid = choose(reg.names[key], reg, None, countries)
        out.append(Cand(oid, line.strip(), "masthead", f"masthead: {line.strip()}",
                        toks[0].start, toks[-1].end, True))
    return out


def _segment_hit(key: tuple[str, ...], has_digit: bool, reg: OutletRegistry) -> tuple[Hit | None, bool]:
    """The outlet a dateline segment names, and whether it is a trailing credit ("… م واس")."""
    if key in reg.names:
        return Hit(0, len(key), reg.names[key], key, False), False
    if has_digit:
        for n in range(min(TRAILING_CREDIT_MAX_TOKENS, len(key) - 1), 0, -1):
            tail = key[-n:]
            if tail in reg.names and any(reg.by_id[i].kind == "agency" for i in reg.names[tail]):
                return Hit(len(key) - n, len(key), reg.names[tail], tail, False), True
    return None, False


def dateline(text: str, anatomy: Anatomy, reg: OutletRegistry, countries: dict[str, int]) -> list[Cand]:
    """Outlets among the segments of the dateline: ``الوقت -``, ``سبق- نجران:``, ``دمشق-سانا``."""
    dl = anatomy.dateline
    base = text.find(dl) if dl else -1
    if base < 0:
        return []
    out = []
    toks = tokens(dl, base)
    parens = [(m.start(1) + base, m.end(1) + base) for m in _PAREN.finditer(dl)]
    bounds = [(base + m.start(), base + m.end()) for m in _DATELINE_SEGMENT.finditer(dl)]
    alone = len([b for b in bounds if text[b[0] : b[1]].strip()]) == 1
    for s, e in bounds:
        seg = [t for t in toks if t.start >= s and t.end <= e]
        if not seg:
            continue
        hit, trailing = _segment_hit(tuple(t.key for t in seg), bool(_DIGIT.search(text[s:e])), reg)
        if not hit:
            continue
        if " ".join(hit.key) in cues().ambiguous_place and not GUILLEMETS.fullmatch(text[s:e].strip()):
            continue  # "الرياض - واس" is a city; "إسلام آباد: «الشرق الأوسط»" is the paper
        in_paren = any(ps <= s and e <= pe + 1 for ps, pe in parens) or any(
            ps <= seg[0].start and seg[-1].end <= pe for ps, pe in parens)
        oid = choose(hit.ids, reg, None, countries)
        # a wire in the dateline ("واس- الرياض:", "(اے پی پی)") is the source, not the publisher;
        # SPA's own long dateline ends with its credit after the dates ("… م واس")
        wire = in_paren or (reg.by_id[oid].kind == "agency" and not trailing and not alone)
        out.append(make_cand(reg, Found(hit, seg), text, countries,
                             "wire_credit" if wire else "dateline", dl.strip(), not wire))
    return out


def domains(text: str, lines: list[Line], reg: OutletRegistry) -> list[Cand]:
    """The outlet's own domain in the first or last line (an e-mail or a link back)."""
    if reg.domains is None or not lines:
        return []
    out = []
    for n in sorted({0, len(lines) - 1}):
        s, _, line = lines[n]
        if reg.domain_gate is not None and not reg.domain_gate.search(line):
            continue
        for m in reg.domains.finditer(line):
            oid = reg.domain_ids[m.group(1).lower()]
            out.append(Cand(oid, m.group(0), "domain", m.group(0), s + m.start(), s + m.end(), True))
    return out

"""From evidence to mentions: at most one publisher (the strongest evidence), the rest cited."""
from __future__ import annotations

import re
from dataclasses import dataclass

from khabar.document.anatomy import Anatomy
from khabar.document.outlets import citations, head, self_reference
from khabar.document.outlets.cues import Cand, country_scores, tokens
from khabar.document.outlets.registry import OutletRegistry

PRIORITY = {
    "source_line": 6,
    "self_reference": 5,
    "masthead": 5,
    "dateline": 4,
    "quoted_self": 3.5,
    "domain": 3,
    "wire_credit": 2,
}
_LINE = re.compile(r"[^\n]+")
# "واس- الرياض:": a wire in the outlet slot of another outlet's "OUTLET- CITY:" dateline
_WIRE_IN_OUTLET_SLOT = re.compile(r"\s*[-–—]\s*\S+.*:")


@dataclass(frozen=True)
class OutletMention:
    outlet_id: str
    name: str
    native_name: str
    role: str
    evidence: str
    method: str
    known: bool
    start: int
    end: int


def find_outlets(
    text: str, anatomy: Anatomy, lang: str | None, registry: OutletRegistry
) -> list[OutletMention]:
    """Publisher (at most one: the strongest evidence) and cited outlets (one mention each)."""
    toks = tokens(text)
    countries = country_scores([t.key for t in toks])
    lines = [(m.start(), m.end(), m.group(0)) for m in _LINE.finditer(text) if m.group(0).strip()]
    cands: list[Cand] = []
    cands += head.source_lines(text, lines, registry, countries)
    cands += self_reference.self_references(text, toks, lines, registry, countries)
    cands += head.mastheads(lines, registry, countries)
    cands += head.dateline(text, anatomy, registry, countries)
    cands += head.domains(text, lines, registry)
    spans = citations.content_spans(text, anatomy)
    cands += citations.citations(text, toks, spans, registry, countries)
    return _resolve(cands, registry, lang)


def _publishes_in(reg: OutletRegistry, c: Cand, lang: str | None) -> bool:
    o = reg.by_id.get(c.outlet_id)
    return lang is None or o is None or not o.languages or lang in o.languages


def _wire_in_outlet_slot(c: Cand) -> bool:
    rest = c.evidence[len(c.native):] if c.evidence.startswith(c.native) else ""
    return bool(_WIRE_IN_OUTLET_SLOT.match(rest))


def _publisher(cands: list[Cand], reg: OutletRegistry, lang: str | None) -> Cand | None:
    # an outlet that does not publish in the text's language is a source, not the publisher
    pubs = [c for c in cands if c.publisher and _publishes_in(reg, c, lang)]
    if not pubs:
        # nothing names the publisher: the wire in the opening dateline ("دمشق-سانا",
        # "کراچی (اے پی پی)", "مكة المكرمة … (واس)") is the best evidence of where the text comes from
        # — but not a wire in the outlet slot of another outlet's "OUTLET- CITY:" dateline
        # ("واس- الرياض:" is Sabq's house style when it reprints SPA)
        pubs = [c for c in cands if c.method == "wire_credit" and _publishes_in(reg, c, lang)
                and not _wire_in_outlet_slot(c)][:1]
    return max(pubs, key=lambda c: (PRIORITY[c.method], -c.start)) if pubs else None


def _resolve(cands: list[Cand], reg: OutletRegistry, lang: str | None) -> list[OutletMention]:
    publisher = _publisher(cands, reg, lang)
    result: list[OutletMention] = []
    if publisher is not None:
        result.append(_mention(publisher, "publisher", reg))
    seen = {publisher.outlet_id} if publisher else set()
    for c in sorted(cands, key=lambda c: c.start):
        if c.outlet_id in seen or c is publisher:
            continue
        seen.add(c.outlet_id)
        method = c.method if c.method in ("wire_credit", "citation") else "citation"
        result.append(_mention(Cand(c.outlet_id, c.native, method, c.evidence, c.start, c.end,
                                    False, c.known), "cited", reg))
    return result


def _mention(c: Cand, role: str, reg: OutletRegistry) -> OutletMention:
    method = "self_reference" if c.method in ("domain", "quoted_self") else c.method
    o = reg.by_id.get(c.outlet_id)
    return OutletMention(
        outlet_id=c.outlet_id,
        name=o.name if o else c.native,
        native_name=c.native,
        role=role,
        evidence=c.evidence,
        method=method,
        known=o is not None and c.known,
        start=c.start,
        end=c.end,
    )

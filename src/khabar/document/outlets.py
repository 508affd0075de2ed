"""Publisher and cited outlets, read from the text itself (no URL, no metadata).

Evidence, strongest first (``method``):

* ``source_line`` — ``المصدر: شبكة شام`` (publisher);
* ``self_reference`` — ``به گزارش خبرگزاری فارس`` opening an early paragraph, ``رابط الخبر بصحيفة الوئام``,
  or the outlet's own domain in a first/last-line e-mail or URL (publisher);
* ``masthead`` — a line that is exactly an outlet's name near the top or bottom (publisher);
* ``dateline`` — an outlet as a segment of the dateline: ``الوقت -``, ``سبق- نجران:``,
  ``عين اليوم – متابعات``, SPA's ``الرياض 26 شوال … واس`` (publisher);
* ``wire_credit`` — ``(واس)``, ``(اے پی پی)`` in the dateline (publisher when nothing stronger), else cited;
* ``citation`` — ``نقلت صحيفة «الوطن»``, ``لصحيفة الوفاق``, ``به نقل از ایسنا`` (cited).

Names that are ordinary words or places (الرياض, اليوم, الوطن, المدينة, شام …) count only in outlet
context. Cue tables: ``khabar/data/outlets/cues.json``; the registry is ``dbt/seeds/outlets.csv``.
"""
from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources

from khabar.document.anatomy import Anatomy
from khabar.text.chars import WORD_CHARS
from khabar.text.normalize import fold

_CUES = json.loads(resources.files("khabar").joinpath("data/outlets/cues.json").read_text("utf-8"))
_ANATOMY = json.loads(
    resources.files("khabar").joinpath("data/outlets/anatomy.json").read_text("utf-8")
)

_TOKEN = re.compile(f"[{WORD_CHARS}]+")
_SOURCE_LINE = re.compile(_ANATOMY["source_line"], re.IGNORECASE)
_LINE = re.compile(r"[^\n]+")
_SEGMENT_SPLIT = re.compile(r"[-–—ـ۔:()]+")
_PAREN = re.compile(r"\(([^()\n]{1,40})\)")
_OPEN_QUOTES = "«“\"'‘„"
_CLOSE_QUOTES = "»”\"'’“"
_PROCLITICS = ("و", "ف", "ب", "ل")
_DELIMITERS = re.compile(r"[،,:؛;.\n]")
_DIGIT = re.compile(r"[0-9٠-٩۰-۹]")

PRIORITY = {
    "source_line": 6,
    "self_reference": 5,
    "masthead": 5,
    "dateline": 4,
    "quoted_self": 3.5,
    "domain": 3,
    "wire_credit": 2,
}


def _folds(words: list[str]) -> frozenset[str]:
    return frozenset(f for f in (fold(w) for w in words) if f)


_KIND_CUES = {fold(k): v for k, v in _CUES["kind_cues"].items()}
_VERB_CUES = _folds(_CUES["verb_cues"])
_AMBIGUOUS_PLACE = _folds(_CUES["ambiguous"]["place"])
_AMBIGUOUS = _folds(_CUES["ambiguous"]["word"]) | _AMBIGUOUS_PLACE
_SELF_REF = tuple(
    tuple(fold(p).split()) for ps in _CUES["self_reference"].values() for p in ps if fold(p)
)
_SELF_REF_INLINE = tuple(
    tuple(fold(p).split()) for ps in _CUES["self_reference_inline"].values() for p in ps if fold(p)
)
_SELF_VERBS = _folds(_CUES["self_verbs"])
_SELF_SKIP = _folds(_CUES["self_reference_skip"])
_UNKNOWN_KIND = _folds(_CUES["unknown_kind_words"])
_UNKNOWN_STOP = _folds(_CUES["unknown_stop"])
_COUNTRY_CUES = {c: _folds(ws) for c, ws in _CUES["country_cues"].items()}


class RegistryError(ValueError):
    """The outlet registry file is malformed; carries the offending row."""

    def __init__(self, message: str, row: dict[str, str] | None = None) -> None:
        super().__init__(message if row is None else f"{message}: {row}")
        self.row = row


@dataclass(frozen=True)
class Outlet:
    outlet_id: str
    name: str
    native_names: tuple[str, ...]
    languages: tuple[str, ...]
    country: str
    kind: str
    domain: str


@dataclass(frozen=True)
class OutletRegistry:
    outlets: tuple[Outlet, ...]
    by_id: dict[str, Outlet] = field(default_factory=dict, compare=False, repr=False)
    names: dict[tuple[str, ...], tuple[str, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    max_name_tokens: int = 1
    domains: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    domain_ids: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.outlets and not self.by_id:
            built = OutletRegistry.build(self.outlets)
            for name in ("by_id", "names", "max_name_tokens", "domains", "domain_ids"):
                object.__setattr__(self, name, getattr(built, name))

    @classmethod
    def build(cls, outlets: tuple[Outlet, ...]) -> OutletRegistry:
        by_id: dict[str, Outlet] = {}
        names: dict[tuple[str, ...], list[str]] = {}
        domain_ids: dict[str, str] = {}
        for o in outlets:
            if o.outlet_id in by_id:
                raise RegistryError(f"duplicate outlet_id {o.outlet_id!r}")
            by_id[o.outlet_id] = o
            for n in (o.name, *o.native_names):
                key = _key(n)
                if key and o.outlet_id not in names.setdefault(key, []):
                    names[key].append(o.outlet_id)
            for d in o.domain.split("|"):
                host = d.strip().lower().split("/")[0]
                if host:
                    domain_ids.setdefault(host, o.outlet_id)
        pattern = None
        if domain_ids:
            alts = "|".join(re.escape(h) for h in sorted(domain_ids, key=len, reverse=True))
            pattern = re.compile(rf"(?<![\w.-])(?:www\.)?({alts})(?![\w-])", re.IGNORECASE)
        return cls(
            outlets=outlets,
            by_id=by_id,
            names={k: tuple(v) for k, v in names.items()},
            max_name_tokens=max((len(k) for k in names), default=1),
            domains=pattern,
            domain_ids=domain_ids,
        )


def _key(name: str) -> tuple[str, ...]:
    return tuple(t for t in (fold(m) for m in _TOKEN.findall(name)) if t)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in (cell or "").split("|") if p.strip())


def load_registry(path: str | os.PathLike[str]) -> OutletRegistry:
    """Read the outlet registry (``dbt/seeds/outlets.csv``)."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    outlets = []
    for row in rows:
        if not row.get("outlet_id") or not row.get("name"):
            raise RegistryError("row without outlet_id or name", row)
        outlets.append(
            Outlet(
                outlet_id=row["outlet_id"].strip(),
                name=row["name"].strip(),
                native_names=_split(row.get("native_names", "")),
                languages=_split(row.get("languages", "")),
                country=(row.get("country") or "").strip(),
                kind=(row.get("kind") or "").strip(),
                domain=(row.get("domain") or "").strip(),
            )
        )
    return OutletRegistry.build(tuple(outlets))


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


# --------------------------------------------------------------------------- tokens and names


@dataclass(frozen=True)
class _Tok:
    start: int
    end: int
    key: str


def _tokens(text: str, offset: int = 0) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(text):
        k = fold(m.group(0))
        if k:
            out.append(_Tok(m.start() + offset, m.end() + offset, k))
    return out


def _strip_proclitic(key: str) -> str | None:
    if len(key) > 3 and key.startswith("لل"):
        return "ال" + key[2:]
    if len(key) > 2 and key[0] in _PROCLITICS:
        return key[1:]
    return None


def _kind_cue(key: str) -> str | None:
    if key in _KIND_CUES:
        return _KIND_CUES[key]
    bare = _strip_proclitic(key)
    return _KIND_CUES.get(bare) if bare else None


@dataclass(frozen=True)
class _Hit:
    i: int  # first token
    j: int  # one past last token
    ids: tuple[str, ...]
    key: tuple[str, ...]
    proclitic: bool


def _match_at(toks: list[_Tok], i: int, reg: OutletRegistry) -> _Hit | None:
    for n in range(min(reg.max_name_tokens, len(toks) - i), 0, -1):
        key = tuple(t.key for t in toks[i : i + n])
        if key in reg.names:
            return _Hit(i, i + n, reg.names[key], key, False)
        bare = _strip_proclitic(key[0])
        if bare:
            alt = (bare, *key[1:])
            if alt in reg.names:
                return _Hit(i, i + n, reg.names[alt], alt, True)
    return None


def _scan(toks: list[_Tok], reg: OutletRegistry) -> Iterator[_Hit]:
    i = 0
    while i < len(toks):
        hit = _match_at(toks, i, reg)
        if hit:
            yield hit
            i = hit.j
        else:
            i += 1


# --------------------------------------------------------------------------- choosing an outlet


def _country_scores(text_keys: list[str]) -> dict[str, int]:
    scores = {c: 0 for c in _COUNTRY_CUES}
    for k in text_keys:
        for c, cues in _COUNTRY_CUES.items():
            if k in cues:
                scores[c] += 1
    return scores


def _choose(ids: tuple[str, ...], reg: OutletRegistry, kind: str | None, countries: dict[str, int]) -> str:
    cands = list(ids)
    if kind:
        same = [i for i in cands if reg.by_id[i].kind == kind]
        cands = same or cands
    if len(cands) > 1:
        cands.sort(key=lambda i: -countries.get(reg.by_id[i].country, 0))
    return cands[0]


def _slug(native: str) -> str:
    return "unknown:" + "-".join(fold(native).split())


@dataclass
class _Cand:
    outlet_id: str
    native: str
    method: str
    evidence: str
    start: int
    end: int
    publisher: bool
    known: bool = True


# --------------------------------------------------------------------------- the finder


def find_outlets(
    text: str, anatomy: Anatomy, lang: str | None, registry: OutletRegistry
) -> list[OutletMention]:
    """Publisher (at most one: the strongest evidence) and cited outlets (one mention each)."""
    toks = _tokens(text)
    countries = _country_scores([t.key for t in toks])
    lines = [(m.start(), m.end(), m.group(0)) for m in _LINE.finditer(text) if m.group(0).strip()]
    cands: list[_Cand] = []
    cands += _source_lines(text, lines, registry, countries)
    cands += _self_references(text, toks, lines, registry, countries)
    cands += _mastheads(lines, registry, countries)
    cands += _dateline(text, anatomy, registry, countries)
    cands += _domains(text, lines, registry)
    spans = _content_spans(text, anatomy)
    cands += _citations(text, toks, spans, registry, countries)
    return _resolve(cands, registry, lang)


def _mk(reg: OutletRegistry, hit: _Hit, toks: list[_Tok], text: str, kind: str | None,
        countries: dict[str, int], method: str, evidence: str, publisher: bool) -> _Cand:
    start, end = toks[hit.i].start, toks[hit.j - 1].end
    if hit.proclitic and not toks[hit.i].key.startswith("لل"):
        start += 1  # "لصحيفة الوفاق" is written; "صحيفة الوفاق" is the name
    ids = hit.ids
    if len(hit.key) > 1 and _kind_cue(hit.key[0]) and hit.key[1:] in reg.names:
        # "صحيفة الوطن": the cue says newspaper, the name may belong to several outlets
        kind = kind or _kind_cue(hit.key[0])
        ids = tuple(dict.fromkeys(ids + reg.names[hit.key[1:]]))
    oid = _choose(ids, reg, kind, countries)
    if text[end : end + 1] and text[end] in _CLOSE_QUOTES and text[start:end].count("«") > text[start:end].count("»"):
        end += 1
    return _Cand(oid, text[start:end], method, evidence, start, end, publisher)


def _source_lines(text, lines, reg, countries) -> list[_Cand]:
    out = []
    for s, e, line in lines:
        m = _SOURCE_LINE.match(line.strip())
        if not m:
            continue
        vstart = s + line.index(m.group("value"))
        value = m.group("value")
        toks = _tokens(value, vstart)
        k, kind = 0, None
        while k < len(toks) and _kind_cue(toks[k].key) and not _match_at(toks, k, reg):
            kind = _kind_cue(toks[k].key)
            k += 1
        hit = _match_at(toks, k, reg) if k < len(toks) else None
        if hit:
            c = _mk(reg, hit, toks, text, kind, countries, "source_line", "", True)
            c.evidence = f"{m.group('label')}: {text[vstart:c.end]}"
            out.append(c)
            continue
        # unknown outlet: the value up to a byline label, when short
        name_toks = []
        for t in toks:
            if t.key in {"الکاتب", "کتب", "بقلم", "by", "نویسنده"}:
                break
            name_toks.append(t)
        if 0 < len(name_toks) <= 3 and name_toks[0].key not in _UNKNOWN_STOP:
            st, en = name_toks[0].start, name_toks[-1].end
            out.append(_Cand(_slug(text[st:en]), text[st:en], "source_line",
                             f"{m.group('label')}: {text[st:en]}", st, en, True, known=False))
    return out


def _line_index(lines, pos: int) -> int:
    for n, (s, e, _) in enumerate(lines):
        if s <= pos <= e:
            return n
    return len(lines)


def _self_references(text, toks, lines, reg, countries) -> list[_Cand]:
    out = []
    patterns = [(p, False) for p in _SELF_REF] + [(p, True) for p in _SELF_REF_INLINE]
    for i in range(len(toks)):
        for pat, inline in patterns:
            if tuple(t.key for t in toks[i : i + len(pat)]) != pat:
                continue
            k = first = i + len(pat)
            kind = None
            limit = min(len(toks), k + 8)
            hit = None
            while k < limit:
                if _DELIMITERS.search(text[toks[k - 1].end : toks[k].start]):
                    break
                hit = _match_at(toks, k, reg)
                if hit and " ".join(hit.key) in _AMBIGUOUS and k != first and not kind:
                    hit = None  # "به گزارش دیوان … ایران": a word, not an outlet
                if hit:
                    break
                if _kind_cue(toks[k].key):
                    kind = _kind_cue(toks[k].key)
                elif inline and toks[k].key not in _SELF_SKIP:
                    break
                k += 1
            cue_start = toks[i].start
            line_no = _line_index(lines, cue_start)
            at_line_start = line_no < len(lines) and not text[lines[line_no][0] : cue_start].strip()
            arabic_link = pat[0] == "رابط"
            publisher = arabic_link or ((at_line_start or inline) and line_no <= 4)
            if inline and not hit:
                continue
            if hit:
                c = _mk(reg, hit, toks, text, kind, countries,
                        "self_reference" if publisher else "citation", "", publisher)
                tail = text[c.end : c.end + 1]
                c.evidence = text[cue_start : c.end] + (tail if tail in ":،," else "")
                out.append(c)
            elif publisher:
                # "به گزارش آران نیوز:" with an outlet missing from the registry
                name = []
                for t in toks[i + len(pat) : i + len(pat) + 3]:
                    if name and _DELIMITERS.search(text[name[-1].end : t.start]):
                        break
                    name.append(t)
                end_ok = name and _DELIMITERS.search(text[name[-1].end : name[-1].end + 2])
                if (name and end_ok and name[0].key not in _UNKNOWN_STOP
                        and any(t.key in _UNKNOWN_KIND for t in name)):
                    st, en = name[0].start, name[-1].end
                    out.append(_Cand(_slug(text[st:en]), text[st:en], "self_reference",
                                     text[cue_start:en + 1], st, en, True, known=False))
    return out


def _mastheads(lines, reg, countries) -> list[_Cand]:
    out = []
    n = len(lines)
    for idx, (s, e, line) in enumerate(lines):
        if not (idx < 12 or idx >= n - 5):
            continue
        toks = _tokens(line, s)
        key = tuple(t.key for t in toks)
        if not key or key not in reg.names:
            continue
        if " ".join(key) in _AMBIGUOUS and not (idx < 3 or idx >= n - 2) :
            continue  # an ordinary word alone on a line is a masthead only at the very top or foot
        if not line.strip()[0].isalpha():
            continue  # "(واس)" alone on a line is a credit, not a masthead
        oid = _choose(reg.names[key], reg, None, countries)
        st, en = toks[0].start, toks[-1].end
        out.append(_Cand(oid, line.strip(), "masthead", f"masthead: {line.strip()}", st, en, True))
    return out


def _dateline(text, anatomy: Anatomy, reg, countries) -> list[_Cand]:
    dl = anatomy.dateline
    if not dl:
        return []
    base = text.find(dl)
    if base < 0:
        return []
    out = []
    toks = _tokens(dl, base)
    parens = [(m.start(1) + base, m.end(1) + base) for m in _PAREN.finditer(dl)]
    # segments separated by dashes, colons and parentheses
    bounds = [(base + m.start(), base + m.end()) for m in re.finditer(r"[^-–—ـ۔:()،,/]+", dl)]
    for s, e in bounds:
        seg = [t for t in toks if t.start >= s and t.end <= e]
        if not seg:
            continue
        key = tuple(t.key for t in seg)
        in_paren = any(ps <= s and e <= pe + 1 for ps, pe in parens) or any(
            ps <= seg[0].start and seg[-1].end <= pe for ps, pe in parens)
        hit = None
        trailing = False
        if key in reg.names:
            hit = _Hit(0, len(seg), reg.names[key], key, False)
        elif _DIGIT.search(text[s:e]):
            # a trailing credit: "الرياض 26 شوال … م واس"
            for n in range(min(3, len(seg) - 1), 0, -1):
                tail = key[-n:]
                if tail in reg.names and any(reg.by_id[i].kind == "agency" for i in reg.names[tail]):
                    hit = _Hit(len(seg) - n, len(seg), reg.names[tail], tail, False)
                    trailing = True
                    break
        if not hit:
            continue
        joined = " ".join(hit.key)
        if joined in _AMBIGUOUS_PLACE and not _GUILLEMETS.fullmatch(text[s:e].strip()):
            continue  # "الرياض - واس" is a city; "إسلام آباد: «الشرق الأوسط»" is the paper
        oid = _choose(hit.ids, reg, None, countries)
        alone = len([b for b in bounds if text[b[0] : b[1]].strip()]) == 1
        wire = in_paren or (reg.by_id[oid].kind == "agency" and not trailing and not alone)
        # a wire in the dateline ("واس- الرياض:", "(اے پی پی)") is the source, not the publisher;
        # SPA's own long dateline ends with its credit after the dates ("… م واس")
        c = _mk(reg, hit, seg, text, None, countries,
                "wire_credit" if wire else "dateline", dl.strip(), not wire)
        out.append(c)
    return out


def _domains(text, lines, reg) -> list[_Cand]:
    if reg.domains is None or not lines:
        return []
    out = []
    edge = {0, len(lines) - 1}
    for n in sorted(edge):
        s, e, line = lines[n]
        for m in reg.domains.finditer(line):
            oid = reg.domain_ids[m.group(1).lower()]
            out.append(_Cand(oid, m.group(0), "domain", m.group(0), s + m.start(), s + m.end(), True))
    return out


def _content_spans(text: str, anatomy: Anatomy) -> list[tuple[int, int]]:
    spans = []
    if anatomy.title:
        k = text.find(anatomy.title)
        if k >= 0:
            spans.append((k, k + len(anatomy.title)))
    if anatomy.body_start >= 0:
        spans.append((anatomy.body_start, anatomy.body_start + len(anatomy.body)))
    else:
        pos = 0
        for piece in anatomy.body.split("\n\n"):
            k = text.find(piece, pos)
            if k >= 0:
                spans.append((k, k + len(piece)))
                pos = k + len(piece)
    return spans


def _quoted(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 2) : start].strip()
    after = text[end : end + 2].strip()
    return bool(before) and before[-1] in _OPEN_QUOTES and bool(after) and after[0] in _CLOSE_QUOTES


def _citations(text, all_toks, spans, reg, countries) -> list[_Cand]:
    out = []
    for s, e in spans:
        toks = [t for t in all_toks if t.start >= s and t.end <= e]
        for hit in _scan(toks, reg):
            prev = [t.key for t in toks[max(0, hit.i - 3) : hit.i]]
            gap = text[toks[hit.i - 1].end : toks[hit.i].start] if hit.i else ""
            kind = _kind_cue(prev[-1]) if prev and not _DELIMITERS.search(gap) else None
            verb = any(
                " ".join(prev[-n:]) in _VERB_CUES or (_strip_proclitic(prev[-n]) or "") in _VERB_CUES
                for n in range(1, min(3, len(prev)) + 1)
            )
            start, end = toks[hit.i].start, toks[hit.j - 1].end
            quoted = _quoted(text, start, end)
            lam = hit.proclitic or (bool(prev) and prev[-1] == "ل")
            ambiguous = " ".join(hit.key) in _AMBIGUOUS
            if ambiguous and not (kind or (quoted and (verb or lam))):
                continue
            if not ambiguous and len(hit.key) == 1 and len(hit.key[0]) <= 2 and not (kind or quoted):
                continue
            cue_start = toks[hit.i - 1].start if (kind or verb) and hit.i else start
            tail = text[end : end + 1] if text[end : end + 1] in _CLOSE_QUOTES else ""
            # "كشف مصدر لـ«الشرق الأوسط»", "علمت «عكاظ»": the outlet speaks of itself
            own = quoted and not kind and (lam or (bool(prev) and prev[-1] in _SELF_VERBS))
            # a wire or a broadcaster quoted after "لـ" is a source ("قال لـ«رويترز»")
            own = own and any(reg.by_id[i].kind in ("newspaper", "site") for i in hit.ids)
            if own:
                kind = "newspaper"
            if own:
                cue_start = toks[hit.i - 1].start if hit.i else start
            c = _mk(reg, hit, toks, text, kind, countries, "quoted_self" if own else "citation",
                    text[cue_start:end] + tail, own)
            out.append(c)
    return out


def _publishes_in(reg: OutletRegistry, c: _Cand, lang: str | None) -> bool:
    o = reg.by_id.get(c.outlet_id)
    return lang is None or o is None or not o.languages or lang in o.languages


_GUILLEMETS = re.compile(r"«[^»]+»")
_WIRE_IN_OUTLET_SLOT = re.compile(r"\s*[-–—]\s*\S+.*:")


def _resolve(cands: list[_Cand], reg: OutletRegistry, lang: str | None) -> list[OutletMention]:
    # an outlet that does not publish in the text's language is a source, not the publisher
    pubs = [c for c in cands if c.publisher and _publishes_in(reg, c, lang)]
    if not pubs:
        # nothing names the publisher: the wire in the opening dateline ("دمشق-سانا",
        # "کراچی (اے پی پی)", "مكة المكرمة … (واس)") is the best evidence of where the text comes from
        # — but not a wire in the outlet slot of another outlet's "OUTLET- CITY:" dateline
        # ("واس- الرياض:" is Sabq's house style when it reprints SPA)
        pubs = [c for c in cands if c.method == "wire_credit" and _publishes_in(reg, c, lang)
                and not _WIRE_IN_OUTLET_SLOT.match(c.evidence[len(c.native):] if c.evidence.startswith(c.native) else "")][:1]
    publisher = None
    if pubs:
        publisher = max(pubs, key=lambda c: (PRIORITY[c.method], -c.start))
    result: list[OutletMention] = []
    if publisher is not None:
        result.append(_mention(publisher, "publisher", reg))
    seen = {publisher.outlet_id} if publisher else set()
    for c in sorted(cands, key=lambda c: c.start):
        if c.outlet_id in seen or c is publisher:
            continue
        seen.add(c.outlet_id)
        method = c.method if c.method in ("wire_credit", "citation") else "citation"
        result.append(_mention(_Cand(c.outlet_id, c.native, method, c.evidence, c.start, c.end,
                                     False, c.known), "cited", reg))
    return result


def _mention(c: _Cand, role: str, reg: OutletRegistry) -> OutletMention:
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

"""Outlet context cues (``khabar/data/outlets/cues.json``), tokens, and names found in a token run.

Shared by every finder: the folded tokens of a text, kind cues ("صحيفة" → newspaper), registry
names matched at a token (with or without a proclitic), and the choice among outlets sharing a name.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache, partial
from importlib import resources
from itertools import compress
from typing import NamedTuple

from khabar.document.outlets.registry import OutletRegistry
from khabar.memo import kept_for
from khabar.text.chars import WORD_CHARS
from khabar.text.normalize import fold, strip_name_proclitic

_TOKEN = re.compile(f"[{WORD_CHARS}]+")
DELIMITERS = re.compile(r"[،,:؛;.\n]")
OPEN_QUOTES = "«“\"'‘„"
CLOSE_QUOTES = "»”\"'’“"
FOLD_CACHE_SIZE = 1 << 16  # distinct words of a long text; news vocabulary repeats far below this


def _folds(words: list[str]) -> frozenset[str]:
    return frozenset(f for f in (fold(w) for w in words) if f)


def _patterns(groups: dict[str, list[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(fold(p).split()) for ps in groups.values() for p in ps if fold(p))


@dataclass(frozen=True)
class Cues:
    kinds: dict[str, str]
    verbs: frozenset[str]
    ambiguous_place: frozenset[str]
    ambiguous: frozenset[str]
    self_reference: tuple[tuple[str, ...], ...]
    self_reference_inline: tuple[tuple[str, ...], ...]
    self_verbs: frozenset[str]
    self_skip: frozenset[str]
    unknown_kind: frozenset[str]
    unknown_stop: frozenset[str]
    countries: dict[str, tuple[str, ...]]  # cue word → countries it points to
    reported_perfect: frozenset[str]


def _countries_by_word(table: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    by_word: dict[str, list[str]] = {}
    for country, words in table.items():
        for word in _folds(words):
            by_word.setdefault(word, []).append(country)
    return {w: tuple(cs) for w, cs in by_word.items()}


@lru_cache(maxsize=1)
def cues() -> Cues:
    data = json.loads(resources.files("khabar").joinpath("data/outlets/cues.json").read_text("utf-8"))
    place = _folds(data["ambiguous"]["place"])
    return Cues(
        kinds={fold(k): v for k, v in data["kind_cues"].items()},
        verbs=_folds(data["verb_cues"]),
        ambiguous_place=place,
        ambiguous=_folds(data["ambiguous"]["word"]) | place,
        self_reference=_patterns(data["self_reference"]),
        self_reference_inline=_patterns(data["self_reference_inline"]),
        self_verbs=_folds(data["self_verbs"]),
        self_skip=_folds(data["self_reference_skip"]),
        unknown_kind=_folds(data["unknown_kind_words"]),
        unknown_stop=_folds(data["unknown_stop"]),
        countries=_countries_by_word(data["country_cues"]),
        reported_perfect=_folds(data["reported_perfect"]["fa"]),
    )


class Tok(NamedTuple):
    """A word of the text: its offsets and its folded key (a tuple: built for every word)."""

    start: int
    end: int
    key: str


@lru_cache(maxsize=FOLD_CACHE_SIZE)
def _fold_word(word: str) -> str:
    return fold(word)


def tokens(text: str, offset: int = 0, at_most: int | None = None) -> list[Tok]:
    """The words of ``text`` (offsets shifted by ``offset``). With ``at_most``, reading stops at the
    word after the ``at_most``-th: a caller that needs no more words learns that there are more."""
    if at_most is None:
        # a whole text: its words' offsets and folds gathered by map and zip, without a Python step
        # per word; a word that folds to nothing is left out, as below
        matches = list(_TOKEN.finditer(text))
        keys = list(map(_fold_word, map(re.Match.group, matches)))
        starts, ends = map(re.Match.start, matches), map(re.Match.end, matches)
        if offset:
            starts, ends = map(offset.__add__, starts), map(offset.__add__, ends)
        return list(map(_make_tok, compress(zip(starts, ends, keys), keys)))
    out = []
    append = out.append
    for m in _TOKEN.finditer(text):
        k = _fold_word(m.group())
        if k:
            start, end = m.span()
            append(_new_tok(Tok, (start + offset, end + offset, k)))
            if at_most is not None and len(out) > at_most:
                break
    return out


_new_tok = tuple.__new__  # Tok's fields without the generated __new__'s call
_make_tok = partial(tuple.__new__, Tok)  # a Tok from a (start, end, key) tuple


def kind_cue(key: str) -> str | None:
    kinds = cues().kinds
    if key in kinds:
        return kinds[key]
    bare = strip_name_proclitic(key)
    return kinds.get(bare) if bare else None


@dataclass(frozen=True)
class Hit:
    i: int  # first token
    j: int  # one past last token
    ids: tuple[str, ...]
    key: tuple[str, ...]
    proclitic: bool


def match_at(toks: list[Tok], i: int, reg: OutletRegistry) -> Hit | None:
    """The longest registry name starting at token ``i`` (its first word may carry a proclitic)."""
    first = toks[i].key
    bare = strip_name_proclitic(first)
    if first not in reg.first_keys and (bare is None or bare not in reg.first_keys):
        return None
    for n in range(min(reg.max_name_tokens, len(toks) - i), 0, -1):
        key = tuple(t.key for t in toks[i : i + n])
        if key in reg.names:
            return Hit(i, i + n, reg.names[key], key, False)
        if bare:
            alt = (bare, *key[1:])
            if alt in reg.names:
                return Hit(i, i + n, reg.names[alt], alt, True)
    return None


def _may_open_name(key: str, reg: OutletRegistry) -> bool:
    """Can a registry name start at a token of ``key`` (``match_at``'s first test)?"""
    bare = strip_name_proclitic(key)
    return key in reg.first_keys or (bare is not None and bare in reg.first_keys)


def scan(toks: list[Tok], reg: OutletRegistry) -> Iterator[Hit]:
    """Registry names in a token run, left to right, not overlapping."""
    # most tokens open no name: told by a lookup per word, remembered per registry
    opens = kept_for(reg, "may open a name", partial(_may_open_name, reg=reg), FOLD_CACHE_SIZE)
    i = 0
    while i < len(toks):
        hit = match_at(toks, i, reg) if opens[toks[i].key] else None
        if hit:
            yield hit
            i = hit.j
        else:
            i += 1


def country_scores(text_keys: list[str]) -> dict[str, int]:
    """How often each country's cue words occur: picks among outlets sharing a name."""
    by_word = cues().countries
    scores: dict[str, int] = {}
    for k in text_keys:
        for c in by_word.get(k, ()):
            scores[c] = scores.get(c, 0) + 1
    return scores


def choose(ids: tuple[str, ...], reg: OutletRegistry, kind: str | None, countries: dict[str, int]) -> str:
    cands = list(ids)
    if kind:
        same = [i for i in cands if reg.by_id[i].kind == kind]
        cands = same or cands
    if len(cands) > 1:
        cands.sort(key=lambda i: -countries.get(reg.by_id[i].country, 0))
    return cands[0]


def slug(native: str) -> str:
    """The id of an outlet missing from the registry."""
    return "unknown:" + "-".join(fold(native).split())


def is_ambiguous(key: tuple[str, ...]) -> bool:
    """A name that is also an ordinary word or a place (الرياض, اليوم, الوطن, شام …)."""
    return " ".join(key) in cues().ambiguous


@dataclass
class Cand:
    """One piece of evidence for an outlet, before the publisher is chosen."""

    outlet_id: str
    native: str
    method: str
    evidence: str
    start: int
    end: int
    publisher: bool
    known: bool = True


@dataclass(frozen=True)
class Found:
    """A registry name found in a token run, with what the words around it say."""

    hit: Hit
    toks: list[Tok]
    kind: str | None = None


def make_cand(reg: OutletRegistry, found: Found, text: str, countries: dict[str, int],
              method: str, evidence: str, publisher: bool) -> Cand:
    """The candidate for a found name: its span in ``text`` and the outlet it most likely is."""
    hit, toks, kind = found.hit, found.toks, found.kind
    start, end = toks[hit.i].start, toks[hit.j - 1].end
    if hit.proclitic:
        # "لصحيفة الوفاق" is written, "صحيفة الوفاق" is the name; "للأنباء" reads back as "الأنباء"
        start += len(toks[hit.i].key) - len(hit.key[0])
    ids = hit.ids
    if len(hit.key) > 1 and kind_cue(hit.key[0]) and hit.key[1:] in reg.names:
        # "صحيفة الوطن": the cue says newspaper, the name may belong to several outlets
        kind = kind or kind_cue(hit.key[0])
        ids = tuple(dict.fromkeys(ids + reg.names[hit.key[1:]]))
    oid = choose(ids, reg, kind, countries)
    if (text[end : end + 1] and text[end] in CLOSE_QUOTES
            and text[start:end].count("«") > text[start:end].count("»")):
        end += 1
    return Cand(oid, text[start:end], method, evidence, start, end, publisher)

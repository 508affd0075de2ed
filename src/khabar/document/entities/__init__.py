"""Entity linking: one real-world entity across scripts and spellings.

Input is an article body; output is a list of non-overlapping ``EntityMention`` with offsets in the
text given. Four steps, each a small function over frozen records:

1. **exact** — Aho-Corasick over the folded aliases of the gazetteer (``khabar.text.normalize.fold``:
   alef/hamza, yeh, kaf, heh, diacritics, tatweel, ZWNJ, digits) run on the folded text, kept only at
   word boundaries. Arabic proclitics (و ف ب ل ك and their pairs) may precede a name inside its word,
   including li + al- written 'لل' ('للأسد'); Persian ezafe 'ی' may follow a name ending in a vowel
   letter. Longest match wins, then earliest.
2. **ambiguity** — aliases that are also common words or mean different things in different
   languages carry rules (data: ``data/entities/ambiguous.json``): 'شام' is Syria in Urdu but not
   after 'شبكة' and not in Arabic; the bare 'الأسد' is Bashar al-Assad only when the text also names
   him in full or a title/first name stands before it.
   A bare surname ('كيري') of a person the text names in full ('جون كيري') is that person, unless
   two people it names share the surname.
3. **fuzzy** — a word left over is compared with single-word aliases by edit distance on the folded
   form and on a cross-script consonant skeleton (``data/entities/skeleton.json``). It needs context:
   a role title before the word (or, for Persian/Urdu apposition, after it: 'وزير الدفاع الروسي',
   'وزیر دفاع روسیه'), a known first name before it ('سيرغي'), a person title ('الوزير'), or the same
   person named exactly elsewhere in the text (``data/entities/titles.json``). Nationality adjectives,
   clause openers ('والشعب') and patronymics ('bin Zayed') are never fuzzy keys or candidates.
4. **pattern** — an unknown name right after a person title ('الرئيس X', 'وزیر خارجه X', 'ترجمان X')
   or a place cue ('مدينة X', 'استان X', 'صوبہ X') becomes a candidate entity ``cand:<slug>``.

Modules: ``gazetteer`` (records, data tables, loading, the skeleton), ``context`` (words around a
position), ``exact`` (steps 1-2), ``fuzzy`` (step 3), ``patterns`` (step 4); this module runs them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate, repeat

from khabar.document.entities.exact import CONFIDENCE_SURNAME, link_exact, link_surnames
from khabar.document.entities.fuzzy import FUZZY_CONFIDENCE_SCALE, link_fuzzy
from khabar.document.entities.gazetteer import (
    SPACE,
    Entity,
    Gazetteer,
    GazetteerError,
    load_gazetteer,
    phonetic_skeleton,
)
from khabar.document.entities.patterns import discover, nasab
from khabar.text.chars import DIACRITICS, TATWEEL
from khabar.text.normalize import fold_with_offsets

__all__ = [
    "CANDIDATE_PREFIX",
    "Entity",
    "EntityMention",
    "Gazetteer",
    "GazetteerError",
    "find_entities",
    "load_gazetteer",
    "phonetic_skeleton",
]

METHOD_EXACT = "exact"
METHOD_FUZZY = "fuzzy"
METHOD_PATTERN = "pattern"
CANDIDATE_PREFIX = "cand:"
CONFIDENCE_PATTERN = 0.5  # a name read from its position after a title: a guess, often right
_BLANK = re.compile(r"[^\S\n]+")  # spaces within a line
_TRAILING_MARKS = re.compile(f"[{DIACRITICS}{TATWEEL}]")


@dataclass(frozen=True)
class EntityMention:
    entity_id: str
    canonical_name: str
    entity_type: str
    surface_form: str
    start: int
    end: int
    method: str
    confidence: float


def _original_span(text: str, offsets: tuple[int, ...], start: int, end: int) -> tuple[int, int]:
    o_start = offsets[start]
    o_end = offsets[end - 1] + 1
    while o_end < len(text) and _TRAILING_MARKS.match(text[o_end]):
        o_end += 1
    return o_start, o_end


def _given_names_of(text: str, end: int, person_starts: set[int]) -> bool:
    """Whether unknown words read after a title run straight into a known person's name: they are
    his given names ('وزير الخارجية عادل بن أحمد الجبير'), not another man."""
    blank = _BLANK.match(text, end)
    return blank is not None and blank.end() in person_starts


def _slug(folded_name: str) -> str:
    return CANDIDATE_PREFIX + folded_name.replace(SPACE, "-")


def _words(folded: str) -> tuple[list[str], list[tuple[int, int]]]:
    """The words of a folded text and their spans. The folded text is its words joined by single
    spaces: each word starts one past the end of the one before (what ``\\S+`` finds, worked out from
    the words' lengths without a step per word)."""
    texts = folded.split(SPACE)
    next_starts = list(accumulate(map((1).__add__, map(len, texts)), initial=0))
    return texts, list(zip(next_starts, map(int.__sub__, next_starts[1:], repeat(1))))


def find_entities(
    text: str,
    lang: str | None,
    gazetteer: Gazetteer,
    *,
    folded_text: tuple[str, tuple[int, ...]] | None = None,
) -> list[EntityMention]:
    """Mentions of gazetteer entities (and candidate unknown names) in ``text``, in text order,
    non-overlapping; offsets index ``text`` itself. ``folded_text``: ``fold_with_offsets(text)``
    when the caller already has it (the body is folded once for entities and events)."""
    folded, offsets = fold_with_offsets(text) if folded_text is None else folded_text
    if not folded:
        return []
    texts, words = _words(folded)
    mentions: list[EntityMention] = []
    taken = bytearray(len(folded))

    def linked(start: int, end: int, entity_id: str, method: str, confidence: float) -> None:
        """A gazetteer entity found at folded ``[start, end)``: its span is taken from later steps."""
        taken[start:end] = b"\x01" * (end - start)
        entity = gazetteer.entities[entity_id]
        o_start, o_end = _original_span(text, offsets, start, end)
        mentions.append(EntityMention(entity.entity_id, entity.canonical_name, entity.entity_type,
                                      text[o_start:o_end], o_start, o_end, method, confidence))

    exact = []
    for cand, entry, confidence in link_exact(folded, words, lang, gazetteer):
        rule = gazetteer.rules.get((entry.entity_id, entry.alias_key))
        if rule is not None and rule.written_otherwise(text[slice(*_original_span(text, offsets, cand.start, cand.end))], lang):
            taken[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)  # the common word: no one's name
            continue
        exact.append((cand, entry, confidence))
        linked(cand.start, cand.end, entry.entity_id, METHOD_EXACT, confidence)
    supported = {entry.entity_id for _, entry, _ in exact}
    for start, end, entity_id in link_surnames(folded, words, taken, lang, gazetteer, supported):
        linked(start, end, entity_id, METHOD_EXACT, CONFIDENCE_SURNAME)
    for start, end, key, score in link_fuzzy(folded, words, texts, taken, lang, gazetteer, supported):
        linked(start, end, key.entity_id, METHOD_FUZZY, round(score / 100.0 * FUZZY_CONFIDENCE_SCALE, 3))

    def discovered(key: str, entity_type: str, o_start: int, o_end: int) -> None:
        """A name the gazetteer lacks, at ``text[o_start:o_end]``, its id made from ``key`` (folded)."""
        surface = text[o_start:o_end]
        mentions.append(EntityMention(_slug(key), surface, entity_type, surface, o_start, o_end,
                                      METHOD_PATTERN, CONFIDENCE_PATTERN))

    person_starts = {m.start for m in mentions if m.entity_type == "person"}
    for start, end, entity_type in discover(text, folded, offsets, words, texts, taken, lang, gazetteer):
        o_start, o_end = _original_span(text, offsets, start, end)
        if not (entity_type == "person" and _given_names_of(text, o_end, person_starts)):
            discovered(folded[start:end], entity_type, o_start, o_end)
    for start, end, key in nasab(text, offsets, words, texts, taken, lang, gazetteer):
        discovered(key, "person", *_original_span(text, offsets, start, end))
    return sorted(mentions, key=lambda m: (m.start, m.end))

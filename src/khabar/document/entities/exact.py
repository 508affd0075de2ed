"""Steps 1 and 2: exact alias matches at word boundaries (with Arabic proclitics and Persian ezafe),
then the ambiguity rules of ``data/entities/ambiguous.json``."""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from khabar.document.entities.context import preceded_by, rule_allows
from khabar.document.entities.gazetteer import SPACE, Candidate, Entry, Gazetteer
from khabar.document.language import word_counts
from khabar.text.normalize import (
    fold,
    is_attached_suffix,
    is_proclitic_prefix,
    longest_affix,
    takes_arabic_proclitics,
)

CONFIDENCE_EXACT = 0.95  # an unambiguous alias as written
CONFIDENCE_AFFIXED = 0.9  # an alias inside a longer word (proclitic or ezafe): the reading may be wrong
CONFIDENCE_CONTEXTUAL = 0.85  # an ambiguous alias accepted because of its context
CONFIDENCE_SURNAME = 0.85  # the bare surname of a person the text names in full
_LETTERS = re.compile(r"[^\W\d_]+")

def _exact_candidates(
    folded: str, words: list[tuple[int, int]], lang: str | None, gaz: Gazetteer
) -> list[Candidate]:
    starts = [s for s, _ in words]
    found: list[Candidate] = []
    if not gaz.aliases:
        return found
    clitics_allowed = takes_arabic_proclitics(lang)
    affix = longest_affix()
    for end_index, key in gaz.automaton.iter(folded):
        end = end_index + 1
        start = end - len(key)
        first = bisect.bisect_right(starts, start) - 1
        last = bisect.bisect_right(starts, end - 1) - 1
        if start - words[first][0] > affix or words[last][1] - end > affix:
            continue  # inside a longer word: no proclitic or suffix is that long
        prefix = folded[words[first][0] : start]
        suffix = folded[end : words[last][1]]
        if SPACE in prefix or SPACE in suffix:
            continue
        if suffix and not is_attached_suffix(key.rsplit(SPACE, 1)[-1], suffix, lang):
            continue
        entries = []
        for entry in gaz.aliases[key]:
            if entry.article_dropped:
                ok = clitics_allowed and is_proclitic_prefix(prefix, article_dropped=True)
            else:
                ok = not prefix or (clitics_allowed and is_proclitic_prefix(prefix))
            if ok:
                entries.append(entry)
        if entries:
            found.append(Candidate(start, end, first, last, tuple(entries), bool(prefix or suffix)))
    return found


def _resolve_overlaps(candidates: Iterable[Candidate], size: int) -> list[Candidate]:
    """Longest first, then earliest: a greedy pass over an occupancy mask."""
    taken = bytearray(size)
    chosen = []
    for cand in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        if any(taken[cand.start : cand.end]):
            continue
        taken[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
        chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


def link_exact(
    folded: str, words: list[tuple[int, int]], lang: str | None, gaz: Gazetteer
) -> list[tuple[Candidate, Entry, float]]:
    viable: list[Candidate] = []
    for cand in _exact_candidates(folded, words, lang, gaz):
        entries = tuple(
            e
            for e in cand.entries
            if (rule := gaz.rules.get((e.entity_id, e.alias_key))) is None
            or rule_allows(rule, folded, cand, words, lang)
        )
        if entries:
            viable.append(Candidate(cand.start, cand.end, cand.first_word, cand.last_word, entries, cand.affixed))
    chosen = _resolve_overlaps(viable, len(folded))
    supported = {
        e.entity_id
        for c in chosen
        for e in c.entries
        if len(c.entries) == 1
        and ((r := gaz.rules.get((e.entity_id, e.alias_key))) is None or not r.needs_support_in(lang))
    }
    linked: list[tuple[Candidate, Entry, float]] = []
    for cand in chosen:
        picks = []
        for entry in cand.entries:
            rule = gaz.rules.get((entry.entity_id, entry.alias_key))
            if rule is None or not rule.needs_support_in(lang):
                picks.append((0 if rule is None else 1, entry, CONFIDENCE_EXACT if rule is None else CONFIDENCE_CONTEXTUAL))
            elif (entry.entity_id in supported or preceded_by(folded, words[cand.first_word][0], rule.cues, lang)
                  or _coordinated(cand, rule.cues, linked, folded, words, gaz)):
                picks.append((0, entry, CONFIDENCE_CONTEXTUAL))
        if not picks:
            continue
        # several entities share the key: one the text names elsewhere first, then gazetteer order
        picks.sort(key=lambda p: (p[0], p[1].entity_id not in supported, p[1].entity_id))
        _, entry, confidence = picks[0]
        if cand.affixed:
            confidence = min(confidence, CONFIDENCE_AFFIXED)
        linked.append((cand, entry, confidence))
    return linked


def _coordinated(cand: Candidate, cues: tuple[str, ...], linked: Sequence[tuple[Candidate, Entry, float]],
                 folded: str, words: list[tuple[int, int]], gaz: Gazetteer) -> bool:
    """Whether the candidate is joined by "و" to the name just before it, one of its own kind (an
    ambiguous alias with the same cues): "مباراة النصر والهلال", the match's cue before the first club
    names the second too."""
    if not linked or not cues:
        return False
    before, entry, _ = linked[-1]
    start = words[cand.first_word][0]
    if before.last_word != cand.first_word - 1 or cand.start <= start or folded[start] != "و":
        return False
    rule = gaz.rules.get((entry.entity_id, entry.alias_key))
    return rule is not None and rule.cues == cues


COMMON_WORD_COUNT = 5.0  # per ~10k words of a language's LID sample: 'الله', 'حسين', 'زاده', 'اعظم'


@lru_cache(maxsize=4)
def common_words(gaz: Gazetteer) -> frozenset[str]:
    """The stopwords, and the frequent words of the language-identification samples
    (``language.word_counts``), folded."""
    return frozenset(gaz.context.stopwords) | {
        fold(w) for counts, _ in word_counts().values() for w, n in counts.items() if n >= COMMON_WORD_COUNT}


@lru_cache(maxsize=4)
def _surnames(gaz: Gazetteer) -> Mapping[str, frozenset[str]]:
    """person entity id -> the folded surnames of its full-name aliases (the gazetteer's fuzzy
    keys of them: one word each, no patronymic 'bin Zayed', none shorter than a fuzzy key). A
    surname that is also a common word ('نصر الله' ends in 'الله'; 'حسين' is a first name; 'زاده'
    ends many Persian names) does not name the person alone: common words are the stopwords and the
    frequent words of the language-identification samples (``language.word_counts``)."""
    common = common_words(gaz)
    found: dict[str, set[str]] = {}
    for key in gaz.fuzzy_keys:
        entity = gaz.entities.get(key.entity_id)
        if entity is not None and entity.entity_type == "person" and key.key not in common:
            found.setdefault(key.entity_id, set()).add(key.key)
    return {e: frozenset(keys) for e, keys in found.items()}


def link_surnames(folded: str, words: Sequence[tuple[int, int]], taken: bytearray, lang: str | None,
                  gaz: Gazetteer, named: Iterable[str]) -> list[tuple[int, int, str]]:
    """(start, end, entity id) of each word left over that is the bare surname of a person the text
    names in full ('وقال كيري' after 'جون كيري'), a proclitic before it allowed: that the text
    names him settles who it is, even in four letters (fuzzy matching needs five without other
    context). A surname two people the text names share names neither."""
    surnames = _surnames(gaz)
    owner: dict[str, str | None] = {}
    for entity_id in sorted(set(named)):
        for surname in surnames.get(entity_id, ()):
            owner[surname] = entity_id if owner.get(surname, entity_id) == entity_id else None
    clitics = takes_arabic_proclitics(lang)
    starts = [s for s, _ in words]
    found = []
    for surname, entity_id in sorted(owner.items()):
        if entity_id is None:
            continue
        at = folded.find(surname)
        while at >= 0:
            end = at + len(surname)
            word_start, word_end = words[bisect.bisect_right(starts, at) - 1]
            prefix = folded[word_start:at]
            if (not any(taken[at:end]) and not _LETTERS.match(folded, end, word_end)
                    and (not prefix or (clitics and is_proclitic_prefix(prefix)))):
                found.append((at, end, entity_id))
            at = folded.find(surname, end)
    return sorted(found)

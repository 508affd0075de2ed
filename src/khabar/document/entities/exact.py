"""Steps 1 and 2: exact alias matches at word boundaries (with Arabic proclitics and Persian ezafe),
then the ambiguity rules of ``data/entities/ambiguous.json``."""
from __future__ import annotations

import bisect
from collections.abc import Iterable

from khabar.document.entities.context import preceded_by, rule_allows
from khabar.document.entities.gazetteer import SPACE, Candidate, Entry, Gazetteer
from khabar.text.normalize import (
    is_attached_suffix,
    is_proclitic_prefix,
    longest_affix,
    takes_arabic_proclitics,
)

CONFIDENCE_EXACT = 0.95  # an unambiguous alias as written
CONFIDENCE_AFFIXED = 0.9  # an alias inside a longer word (proclitic or ezafe): the reading may be wrong
CONFIDENCE_CONTEXTUAL = 0.85  # an ambiguous alias accepted because of its context

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
        and ((r := gaz.rules.get((e.entity_id, e.alias_key))) is None or not r.needs_support)
    }
    linked = []
    for cand in chosen:
        picks = []
        for entry in cand.entries:
            rule = gaz.rules.get((entry.entity_id, entry.alias_key))
            if rule is None or not rule.needs_support:
                picks.append((0 if rule is None else 1, entry, CONFIDENCE_EXACT if rule is None else CONFIDENCE_CONTEXTUAL))
            elif entry.entity_id in supported or preceded_by(folded, words[cand.first_word][0], rule.cues, lang):
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

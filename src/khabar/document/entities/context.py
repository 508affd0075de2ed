"""Context over the folded text: the words before and after a position, read with and without
Arabic proclitics, and the ambiguity rules that look at them."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from khabar.document.entities.gazetteer import SPACE, Candidate, Rule
from khabar.memo import Memo, kept_for
from khabar.text.normalize import is_proclitic_prefix, takes_arabic_proclitics

# how far back a cue phrase ("وزير الدفاع الروسي") is looked for before a word; longer than any cue
CONTEXT_WINDOW = 200
WORD_CACHE_SIZE = 1 << 16  # distinct (word, language) pairs remembered; news vocabulary repeats
# A word's readings are asked by each phrase table's memo (``ends_a_phrase``) the first time it
# meets the word, one table after another: the repeats come within a document, and later documents
# find the memos' answers. 2,000 documents: 198k calls, 60k pairs; 2k entries miss 0.7k more
# than 64k, which held 23 MB of each analysis process's memory (a frozenset per word).
READINGS_CACHE_SIZE = 1 << 11


@lru_cache(maxsize=READINGS_CACHE_SIZE)
def proclitic_readings(word: str, lang: str | None) -> frozenset[str]:
    """The word and the word without Arabic proclitics (never without its article)."""
    readings = {word}
    if takes_arabic_proclitics(lang):
        for cut in (1, 2):
            if len(word) > cut + 2 and is_proclitic_prefix(word[:cut]):
                readings.add(word[cut:])
    return frozenset(readings)


def preceded_by(folded: str, position: int, phrases: Iterable[str], lang: str | None) -> bool:
    """Does one of ``phrases`` end right before ``position`` (a word start)? The word before may
    carry proclitics ('لشبكة' counts as 'شبكة', 'والرئيس' as 'الرئيس')."""
    return preceding_phrase(folded, position, phrases, lang) is not None


def preceding_phrase(folded: str, position: int, phrases: Iterable[str], lang: str | None) -> str | None:
    """The first of ``phrases`` that ends right before ``position``, or None."""
    phrases = phrases if isinstance(phrases, tuple) else tuple(phrases)
    if not _may_end_before(folded, position, _by_last_word(phrases), lang):
        return None
    readings = readings_before(folded, position, lang)
    if not readings:
        return None
    found = phrases_ending(readings, phrases)
    return next((phrase for phrase in phrases if phrase in found), None) if found else None


def may_end_before(folded: str, position: int, phrases: tuple[str, ...], lang: str | None) -> bool:
    """Could one of ``phrases`` end right before ``position`` (a word start)? False means that
    ``phrases_ending(readings_before(folded, position, lang), phrases)`` is empty."""
    return _may_end_before(folded, position, _by_last_word(phrases), lang)


def _may_end_before(folded: str, position: int, index: dict[str, tuple[str, ...]], lang: str | None) -> bool:
    """Could a phrase end right before ``position``? Only if the word before, in one of its
    readings, is the last word of a phrase: looked up without building the window of text."""
    if position < 2:
        return False
    previous = folded[folded.rfind(SPACE, 0, position - 1) + 1 : position - 1]
    return not index.keys().isdisjoint(proclitic_readings(previous, lang))


def ends_a_phrase(phrases: tuple[str, ...], lang: str | None) -> Memo:
    """word -> whether the word, in one of its readings, is the last word of one of ``phrases``
    (what ``may_end_before`` asks of the word before a position), remembered per word for a
    long-lived phrase tuple (a data table's)."""
    index = _by_last_word(phrases)
    return kept_for(phrases, ("ends a phrase", lang),
                    lambda word: not index.keys().isdisjoint(proclitic_readings(word, lang)), WORD_CACHE_SIZE)


def after_phrase_ends(texts: list[str], phrases: tuple[str, ...], lang: str | None) -> list[bool]:
    """``may_end_before`` at the start of every word of a folded text (``texts``: its words, which
    one space separates), in one pass over the words instead of one call per word and phrase table:
    the word before word ``i`` is ``texts[i - 1]``, and nothing ends before the first word."""
    ends = ends_a_phrase(phrases, lang)
    return [False, *map(ends.__getitem__, texts[:-1])]


# phrase tuples are few and long-lived (data tables): their indexes are kept by identity, so a
# lookup does not hash the whole tuple again for every word of the text
_LAST_WORD_INDEXES: dict[int, tuple[tuple[str, ...], dict[str, tuple[str, ...]]]] = {}
LAST_WORD_INDEXES_MAX = 256  # more distinct phrase tuples than the data tables hold


def _by_last_word(phrases: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    cached = _LAST_WORD_INDEXES.get(id(phrases))
    if cached is not None and cached[0] is phrases:
        return cached[1]
    groups: dict[str, list[str]] = defaultdict(list)
    for phrase in phrases:
        groups[phrase.rpartition(SPACE)[2]].append(phrase)
    index = {word: tuple(group) for word, group in groups.items()}
    if len(_LAST_WORD_INDEXES) >= LAST_WORD_INDEXES_MAX:
        _LAST_WORD_INDEXES.clear()
    _LAST_WORD_INDEXES[id(phrases)] = (phrases, index)
    return index


def phrases_ending(readings: tuple[str, ...], phrases: tuple[str, ...]) -> set[str]:
    """Which of ``phrases`` end one of ``readings`` (looked up by last word, not tried one by one)."""
    index = _by_last_word(phrases)
    found = set()
    for candidate in readings:
        for phrase in index.get(candidate.rpartition(SPACE)[2], ()):
            if candidate == phrase or candidate.endswith(SPACE + phrase):
                found.add(phrase)
    return found


def ends_with(readings: tuple[str, ...], phrase: str) -> bool:
    return any(candidate == phrase or candidate.endswith(SPACE + phrase) for candidate in readings)


def text_after(folded: str, position: int) -> str:
    """The text after ``position``, a window cut at a word end."""
    end = position + CONTEXT_WINDOW
    after = folded[position:end].lstrip()
    if end < len(folded) and folded[end] != SPACE:
        after = after.rpartition(SPACE)[0]
    return after


def readings_before(folded: str, position: int, lang: str | None) -> tuple[str, ...]:
    """The text before ``position`` (a window long enough for any cue phrase, cut at a word start),
    in each reading of its last word with and without proclitics."""
    window_start = max(0, position - CONTEXT_WINDOW)
    before = folded[window_start:position].rstrip()
    if window_start > 0 and folded[window_start - 1] != SPACE:
        before = before.partition(SPACE)[2]  # drop the word the window cut into
    if not before:
        return ()
    head, _, last_word = before.rpartition(SPACE)
    return tuple(f"{head} {r}" if head else r for r in proclitic_readings(last_word, lang))


def followed_by(folded: str, position: int, phrases: Iterable[str]) -> bool:
    after = text_after(folded, position)
    return any(after == p or after.startswith(p + SPACE) for p in phrases)


def rule_allows(rule: Rule, folded: str, cand: Candidate, words: list[tuple[int, int]], lang: str | None) -> bool:
    if (rule.langs is not None and lang not in rule.langs) or lang in rule.not_in:
        return False
    word_start = words[cand.first_word][0]
    word_end = words[cand.last_word][1]
    if rule.not_after and preceded_by(folded, word_start, rule.not_after, lang):
        return False
    if rule.not_before and followed_by(folded, word_end, rule.not_before):
        return False
    return True

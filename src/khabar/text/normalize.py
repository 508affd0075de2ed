"""Text normalisation, as ordered small steps (hazm / camel_tools style).

Two pipelines are built from the same steps:

* ``normalize_document`` — what is stored: Unicode NFC, line endings, invisible marks that are
  noise (BOM, bidi controls). Keeps ZWNJ, letters and digits as written.
* ``fold`` — for matching only: letter-variant folds (alef/hamza, yeh, kaf, heh, waw), diacritics,
  tatweel, ZWNJ/ZWJ, digits to ASCII, lower case, punctuation to single spaces.

Each step is ``str -> str`` and idempotent; pipelines are tuples, so callers can switch steps off.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import resources
from itertools import chain

from khabar.text.chars import (
    BIDI_CONTROLS,
    DIACRITICS,
    NARROW_NBSP,
    NBSP,
    TATWEEL,
    ZWJ,
    ZWNJ,
)

_BIDI_CONTROLS = re.compile(f"[{BIDI_CONTROLS}]")
_DIACRITICS = re.compile(f"[{DIACRITICS}]")
_JOINERS = re.compile(f"[{ZWNJ}{ZWJ}]")
_NON_WORD = re.compile(r"[^\w]+")
_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029")

Step = Callable[[str], str]


class FoldMapError(ValueError):
    """fold_map.json maps a character to one that is itself folded: one pass would not settle it."""

    def __init__(self, char: str):
        super().__init__(f"fold_map.json: {char!r} is both folded and a fold target")
        self.char = char


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    data = json.loads(resources.files("khabar").joinpath("data/fold_map.json").read_text("utf-8"))
    table: dict[int, str] = {}
    for name, mapping in data.items():
        if name == "about":
            continue
        table.update({ord(k): v for k, v in mapping.items()})
    for target in table.values():
        if any(ord(c) in table for c in target):
            raise FoldMapError(target)
    return table


# below this many characters one ``translate`` beats a scan per folded character (measured: equal
# near 64 characters of Arabic text, replace 2× faster at 128 and 18× at 2,048)
REPLACE_FROM_LENGTH = 96


def _replace_each(text: str, table: dict[int, str]) -> str:
    """``text.translate(table)`` for a table whose targets are never themselves keys: one
    ``str.replace`` per character present is several times faster than ``translate`` on non-ASCII
    text (``translate`` looks every character up in the dict)."""
    if len(text) < REPLACE_FROM_LENGTH:
        return text.translate(table)
    for code, target in table.items():
        char = chr(code)
        if char in text:
            text = text.replace(char, target)
    return text


def normalize_unicode(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def normalize_newlines(text: str) -> str:
    return _NEWLINES.sub("\n", text)


def remove_bidi_controls(text: str) -> str:
    return _BIDI_CONTROLS.sub("", text)


def remove_diacritics(text: str) -> str:
    return _DIACRITICS.sub("", text)


def remove_tatweel(text: str) -> str:
    return text.replace(TATWEEL, "")


def remove_joiners(text: str) -> str:
    """ZWNJ/ZWJ become nothing: 'می‌گوید' and the stripped 'میگوید' then match."""
    return _JOINERS.sub("", text)


def fold_letters(text: str) -> str:
    return _replace_each(text, _fold_table())


def lower(text: str) -> str:
    return text.lower()


def collapse_non_word(text: str) -> str:
    return _NON_WORD.sub(" ", text).strip()


DOCUMENT_STEPS: tuple[Step, ...] = (normalize_unicode, normalize_newlines, remove_bidi_controls)
FOLD_STEPS: tuple[Step, ...] = (
    normalize_unicode,
    remove_bidi_controls,
    remove_diacritics,
    remove_tatweel,
    remove_joiners,
    fold_letters,
    lower,
    collapse_non_word,
)


def apply(text: str, steps: Iterable[Step]) -> str:
    for step in steps:
        text = step(text)
    return text


def normalize_document(text: str) -> str:
    return apply(text, DOCUMENT_STEPS)


# words and names are folded again and again (every mention, every lexicon entry): remembered when
# short; a long text is folded once and not kept
FOLD_CACHE_MAX_LENGTH = 64
# Few are asked again: the stages keep their own word -> answer memos, so what reaches fold is mostly
# lexicon entries and words met for the first time (one child's 2,000 news documents: 122k folds of 94k
# distinct strings). A small LRU keeps the repeats that come close together (a name folded for each
# of its mentions); 64k entries saved 18k more folds (~3 µs each) for 13 MB of each analysis process.
FOLD_CACHE_SIZE = 1 << 12


def fold(text: str) -> str:
    """Matching key of a text: the same name in any spelling variant folds to the same string."""
    if len(text) <= FOLD_CACHE_MAX_LENGTH:
        return _fold_short(text)
    return apply(text, FOLD_STEPS)


@lru_cache(maxsize=FOLD_CACHE_SIZE)
def _fold_short(text: str) -> str:
    return apply(text, FOLD_STEPS)


# --- matching with offsets, and affixes at word boundaries (used by khabar.entities) -------------

SPACE = " "
_DROPPED_FOR_MATCHING = f"{DIACRITICS}{TATWEEL}{ZWNJ}{ZWJ}{BIDI_CONTROLS}"
# letters folded, punctuation kept: what date grammars match (they need '/', '-', '.', ':')
_DROPPED_KEEPING_PUNCTUATION = f"{DIACRITICS}{TATWEEL}{ZWJ}{BIDI_CONTROLS}"
_SPACE_LIKE = (ZWNJ, NBSP, NARROW_NBSP, "\u2009", "\u200a")  # thin and hair spaces too

# Lower case is read one character at a time (as ``char.lower()``), never in context: two characters
# behave differently in a whole string. Capital sigma lowers to final 'ς' at a word's end, and dotted
# capital I is the one character that lowers to two ('i' and a combining dot above).
CAPITAL_SIGMA, SMALL_SIGMA = "\u03a3", "\u03c3"
DOTTED_CAPITAL_I = "\u0130"
_DOTTED_I_LOWERED = DOTTED_CAPITAL_I.lower()

_EDITS_FOR_MATCHING = re.compile(f"[{_DROPPED_FOR_MATCHING}]+|{DOTTED_CAPITAL_I}")
_EDITS_KEEPING_PUNCTUATION = re.compile(f"[{_DROPPED_KEEPING_PUNCTUATION}]+")
_WORD_RUN = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _matching_table() -> dict[int, str]:
    """The letter folds, and capital sigma lowered as a lone character."""
    return {**_fold_table(), ord(CAPITAL_SIGMA): SMALL_SIGMA}


@lru_cache(maxsize=1)
def _punctuation_keeping_table() -> dict[int, str]:
    """The letter folds, space-like characters as a plain space, capital sigma lowered alone."""
    return {**_matching_table(), **{ord(c): SPACE for c in _SPACE_LIKE}}


def _edit(text: str, edits: re.Pattern) -> tuple[str, list[int] | None]:
    """``text`` with every match of ``edits`` dropped (dotted capital I lowered to its two
    characters), and for each kept character its index in ``text`` (None: nothing was edited)."""
    pieces: list[str] = []
    index: list[Iterable[int]] = []
    last = 0
    for m in edits.finditer(text):
        start = m.start()
        pieces.append(text[last:start])
        index.append(range(last, start))
        if m.group() == DOTTED_CAPITAL_I:
            pieces.append(_DOTTED_I_LOWERED)
            index.append((start,) * len(_DOTTED_I_LOWERED))
        last = m.end()
    if not last:
        return text, None
    pieces.append(text[last:])
    index.append(range(last, len(text)))
    return "".join(pieces), list(chain.from_iterable(index))


def fold_with_offsets(text: str) -> tuple[str, tuple[int, ...]]:
    """``fold`` that also says where each folded character came from.

    Returns ``(folded, offsets)`` with ``len(offsets) == len(folded)``; ``offsets[i]`` is the index in
    ``text`` of the character that produced ``folded[i]`` (for a space: the first separator it
    replaced). For NFC input (what ``normalize_document`` stores) ``folded == fold(text)``.
    Linear, and without a Python step per character: marks are cut by one regex, letters folded
    and lowered by ``str.replace`` and ``str.lower``, words found by one regex.
    """
    kept, index = _edit(text, _EDITS_FOR_MATCHING)
    lowered = _replace_each(kept, _matching_table()).lower()
    words: list[str] = []
    positions: list[Iterable[int]] = []
    for m in _WORD_RUN.finditer(lowered):
        words.append(m.group())
        positions.append(range(m.start(), m.end() + 1))  # the word, then the separator after it
    offsets = list(chain.from_iterable(positions))
    if offsets:
        offsets.pop()  # no separator after the last word
    if index is not None:
        offsets = list(map(index.__getitem__, offsets))
    return SPACE.join(words), tuple(offsets)


def fold_letters_with_offsets(text: str) -> tuple[str, tuple[int, ...]]:
    """``fold_letters`` and lower case, with offsets, keeping punctuation and spacing.

    Diacritics, tatweel, ZWJ and bidi controls are dropped; ZWNJ and no-break/thin spaces become a
    plain space; every other character stays (one folded character per kept one; dotted capital I,
    which lowers to two, stays as written), so '12/09/2017' and 'خرداد‌ماه ۱۳۷۷' keep their
    separators. ``offsets[i]`` is the index in ``text`` of the character that produced
    ``folded[i]``; ``len(offsets) == len(folded)``.
    """
    kept, index = _edit(text, _EDITS_KEEPING_PUNCTUATION)
    folded = _replace_each(kept, _punctuation_keeping_table())
    lowered = DOTTED_CAPITAL_I.join(part.lower() for part in folded.split(DOTTED_CAPITAL_I))
    return lowered, tuple(range(len(text)) if index is None else index)


@lru_cache(maxsize=1)
def _clitics() -> dict:
    return json.loads(
        resources.files("khabar").joinpath("data/entities/clitics.json").read_text("utf-8")
    )


@lru_cache(maxsize=1)
def _folded_clitic_sets() -> tuple[frozenset[str], str, frozenset[str], frozenset[str], frozenset[str]]:
    data = _clitics()
    return (
        frozenset(fold(p) for p in data["arabic_proclitics"]),
        fold(data["arabic_article"]),
        frozenset(fold(p) for p in data["arabic_lam_article"]),
        frozenset(data["proclitic_languages"]),
        frozenset(fold(v) for v in data["vowel_finals"]),
    )


def takes_arabic_proclitics(lang: str | None) -> bool:
    """Arabic proclitics are looked for in Arabic text and in text of unknown language."""
    return lang is None or lang == "und" or lang in _folded_clitic_sets()[3]


def is_proclitic_prefix(prefix: str, *, article_dropped: bool = False) -> bool:
    """Is the folded ``prefix`` (letters of the same word before a name) a run of Arabic proclitics?

    ``article_dropped``: the name's own article was removed (li + al- → lil-), so the prefix must be
    one of the lam+article forms ('لل', 'ولل', 'فلل').
    """
    proclitics, _, lam_article, _, _ = _folded_clitic_sets()
    if article_dropped:
        return prefix in lam_article
    return prefix in proclitics


def arabic_article() -> str:
    return _folded_clitic_sets()[1]


def has_arabic_article(word: str) -> bool:
    """Does the folded ``word`` carry the Arabic definite article, after any proclitics
    ('الاستقبال', 'وبالاجتماع', 'للقاء')?"""
    proclitics, article, lam_article, _, _ = _folded_clitic_sets()
    if any(word.startswith(p) for p in lam_article):
        return True
    return any(word.startswith(p + article) for p in ("", *proclitics))


def is_attached_suffix(stem: str, suffix: str, lang: str | None) -> bool:
    """May the folded ``suffix`` follow the folded name ``stem`` inside one word in ``lang``?

    Persian ezafe 'ی' after a name ending in a vowel letter ('سوریه‌ی', 'آمریکای') is accepted;
    adjective and plural endings ('روسی' Russian, 'روس‌ها' Russians) are not: they are not the entity.
    """
    if not suffix or lang is None:
        return not suffix
    rules = _clitics()["suffixes"].get(lang)
    if not rules:
        return False
    vowel_finals = _folded_clitic_sets()[4]
    if suffix in _folded_suffixes(lang, "any"):
        return True
    return bool(stem) and stem[-1] in vowel_finals and suffix in _folded_suffixes(lang, "after_vowel")


@lru_cache(maxsize=None)  # a handful of (language, group) pairs
def _folded_suffixes(lang: str, group: str) -> frozenset[str]:
    return frozenset(fold(s) for s in _clitics()["suffixes"][lang][group])


def affix_stems(word: str, lang: str | None) -> tuple[str, ...]:
    """Readings of a folded word without Arabic proclitics/article or a Persian/Urdu ending.

    The word itself comes first; every reading keeps at least three letters ('للبنان' gives both
    'بنان' (li + al-) and 'لبنان' (li + Lubnan)). Used to look unseen spellings up.
    """
    proclitics, article, lam_article, _, _ = _folded_clitic_sets()
    stems = [word]
    if takes_arabic_proclitics(lang):
        for prefix in lam_article:
            if word.startswith(prefix):
                stems.append(word[len(prefix):])
        for prefix in ("", *proclitics):
            rest = word[len(prefix):]
            if not word.startswith(prefix):
                continue
            if prefix:
                stems.append(rest)
            if rest.startswith(article):
                stems.append(rest[len(article):])
    for suffix in _folded_stem_suffixes(lang or ""):
        if suffix and word.endswith(suffix):
            stems.append(word[: -len(suffix)])
    seen: dict[str, None] = {}
    for stem in stems:
        if len(stem) >= 3:
            seen.setdefault(stem, None)
    return tuple(seen) or (word,)


@lru_cache(maxsize=None)  # a handful of languages
def _folded_stem_suffixes(lang: str) -> tuple[str, ...]:
    """The language's stem endings (``affix_stems``), folded, in the order listed."""
    return tuple(fold(s) for s in _clitics()["stem_suffixes"].get(lang, []))


@lru_cache(maxsize=1)
def _name_proclitics() -> frozenset[str]:
    return frozenset(fold(p) for p in _clitics()["name_proclitics"])


# asked mostly once per word a memo has not seen (2,000 documents: 106k calls, 61k words): 64k
# entries saved 9k calls (~1 µs each) for 7 MB of each analysis process
PROCLITIC_CACHE_SIZE = 1 << 12


@lru_cache(maxsize=PROCLITIC_CACHE_SIZE)
def strip_name_proclitic(word: str) -> str | None:
    """The folded ``word`` without one leading proclitic letter ('لصحیفه' → 'صحیفه'), with li + al-
    read back as al- ('للانباء' → 'الانباء'); None when it has none. Language-blind: used before
    outlet names, which Persian and Urdu text also writes with Arabic prepositions."""
    _, article, lam_article, _, _ = _folded_clitic_sets()
    lil = min(lam_article, key=len)  # 'لل': li + al- with the alef dropped
    if len(word) > len(lil) + 1 and word.startswith(lil):
        return article + word[len(lil):]
    if len(word) > 2 and word[0] in _name_proclitics():
        return word[1:]
    return None


@lru_cache(maxsize=1)
def longest_affix() -> int:
    """Length of the longest folded proclitic run or attached suffix: a longer stretch of letters
    before or after a name inside its word is never an affix."""
    proclitics, _, lam_article, _, _ = _folded_clitic_sets()
    suffixes = [fold(s) for rules in _clitics()["suffixes"].values() for group in rules.values() for s in group]
    return max(len(a) for a in (*proclitics, *lam_article, *suffixes))

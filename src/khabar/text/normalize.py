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
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from importlib import resources

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


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    data = json.loads(resources.files("khabar").joinpath("data/fold_map.json").read_text("utf-8"))
    table: dict[int, str] = {}
    for name, mapping in data.items():
        if name == "about":
            continue
        table.update({ord(k): v for k, v in mapping.items()})
    return table


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
    return text.translate(_fold_table())


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


def fold(text: str) -> str:
    """Matching key of a text: the same name in any spelling variant folds to the same string."""
    return apply(text, FOLD_STEPS)


# --- matching with offsets, and affixes at word boundaries (used by khabar.entities) -------------

SPACE = " "
_DROPPED_FOR_MATCHING = re.compile(
    f"[{DIACRITICS}{TATWEEL}{ZWNJ}{ZWJ}{BIDI_CONTROLS}]"
)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _kept_folded(text: str, dropped: re.Pattern) -> Iterator[tuple[int, str]]:
    """(index, letter-folded character) for every character of ``text`` that ``dropped`` keeps."""
    table = _fold_table()
    for index, char in enumerate(text):
        if not dropped.match(char):
            yield index, char.translate(table)


def fold_with_offsets(text: str) -> tuple[str, tuple[int, ...]]:
    """``fold`` that also says where each folded character came from.

    Returns ``(folded, offsets)`` with ``len(offsets) == len(folded)``; ``offsets[i]`` is the index in
    ``text`` of the character that produced ``folded[i]`` (for a space: the first separator it
    replaced). For NFC input (what ``normalize_document`` stores) ``folded == fold(text)``.
    """
    out: list[str] = []
    offsets: list[int] = []
    for index, folded in _kept_folded(text, _DROPPED_FOR_MATCHING):
        for piece in folded.lower():
            if _is_word_char(piece):
                out.append(piece)
                offsets.append(index)
            elif out and out[-1] != SPACE:
                out.append(SPACE)
                offsets.append(index)
    if out and out[-1] == SPACE:
        out.pop()
        offsets.pop()
    return "".join(out), tuple(offsets)


# letters folded, punctuation kept: what date grammars match (they need '/', '-', '.', ':')
_DROPPED_KEEPING_PUNCTUATION = re.compile(f"[{DIACRITICS}{TATWEEL}{ZWJ}{BIDI_CONTROLS}]")
_SPACE_LIKE = frozenset((ZWNJ, NBSP, NARROW_NBSP, "\u2009", "\u200a"))  # thin and hair spaces too


def fold_letters_with_offsets(text: str) -> tuple[str, tuple[int, ...]]:
    """``fold_letters`` and lower case, with offsets, keeping punctuation and spacing.

    Diacritics, tatweel, ZWJ and bidi controls are dropped; ZWNJ and no-break/thin spaces become a
    plain space; every other character stays (one folded character per kept one), so '12/09/2017'
    and 'خرداد‌ماه ۱۳۷۷' keep their separators. ``offsets[i]`` is the index in ``text`` of the
    character that produced ``folded[i]``; ``len(offsets) == len(folded)``.
    """
    out: list[str] = []
    offsets: list[int] = []
    for index, folded in _kept_folded(text, _DROPPED_KEEPING_PUNCTUATION):
        if text[index] in _SPACE_LIKE:
            folded = SPACE
        low = folded.lower()
        out.append(low if len(low) == 1 else folded)
        offsets.append(index)
    return "".join(out), tuple(offsets)


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
    if suffix in {fold(s) for s in rules["any"]}:
        return True
    return bool(stem) and stem[-1] in vowel_finals and suffix in {fold(s) for s in rules["after_vowel"]}


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
    for suffix in (fold(s) for s in _clitics()["stem_suffixes"].get(lang or "", [])):
        if suffix and word.endswith(suffix):
            stems.append(word[: -len(suffix)])
    seen: dict[str, None] = {}
    for stem in stems:
        if len(stem) >= 3:
            seen.setdefault(stem, None)
    return tuple(seen) or (word,)


@lru_cache(maxsize=1)
def _name_proclitics() -> frozenset[str]:
    return frozenset(fold(p) for p in _clitics()["name_proclitics"])


@lru_cache(maxsize=1 << 16)
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

"""The date tables (data files under khabar/data/dates), loaded once on first use.

Every spelling is indexed by its *key* (the scan-string folding without spaces), so a name matched
by the grammar in any spelling variant finds its value; the spellings themselves feed the grammar.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from khabar.document.dates.records import DateDataError
from khabar.text.alternation import GAP, factored
from khabar.text.normalize import fold_letters_with_offsets


def scan_of(text: str) -> tuple[str, list[int]]:
    """The scan string of ``text`` and, for each of its positions, the original offset (plus a
    sentinel at the end, so a match ending at the end of the scan maps to ``len(text)``)."""
    folded, offsets = fold_letters_with_offsets(text)
    return folded, [*offsets, len(text)]


def key(name: str) -> str:
    return "".join(scan_of(name)[0].split())


def pattern_of(name: str) -> str:
    """A spelling as a regex over the scan string: the spaces inside a name are optional."""
    return r"\s*".join(re.escape(w) for w in scan_of(name)[0].split())


def alt(names: Iterable[str]) -> str:
    """One non-capturing alternation, longest spelling first (so 'أمس الأول' beats 'أمس').

    Written as a tree of shared first characters (``factored``): the regex engine tries a flat
    alternation's branches one by one at every position, 339 of them for the day words."""
    names = [n for n in names if n.strip()]
    pats = sorted({pattern_of(n) for n in names}, key=lambda p: (-len(p), p))  # ties: not by hash order
    tokens = {pattern_of(n): _tokens(n) for n in names}
    return "(?:" + factored([tokens[p] for p in pats], r"\s*") + ")"


def alt_backwards(names: Iterable[str]) -> str:
    """``alt(names)`` for the scan string read backwards: it matches a reversed scan string
    wherever ``alt(names)`` matches the scan string (each spelling reversed, gaps included)."""
    names = [n for n in names if n.strip()]
    reversed_tokens = sorted({_tokens(n)[::-1] for n in names}, key=lambda t: (-len(t), t))
    return "(?:" + factored(reversed_tokens, r"\s*") + ")"


def _tokens(name: str) -> tuple[str, ...]:
    """A spelling as ``pattern_of`` writes it: its scan characters, ``GAP`` between words (the
    optional spaces, ``\\s*``)."""
    return tuple(GAP.join(scan_of(name)[0].split()))


@dataclass(frozen=True)
class Lexicon:
    """Spellings and their values, looked up by the key of a matched text."""

    index: dict[str, object]
    spellings: frozenset[str]

    def __getitem__(self, matched: str):
        return self.index[key(matched)]

    def get(self, matched: str | None, default=None):
        return self.index.get(key(matched), default) if matched else default

    def __contains__(self, matched: str) -> bool:
        return key(matched) in self.index

    def pattern(self) -> str:
        return alt(self.spellings)


def lexicon(pairs: Iterable[tuple[str, object]]) -> Lexicon:
    """A lexicon; a spelling given two different values is a DateDataError."""
    index: dict[str, object] = {}
    spellings: set[str] = set()
    for spelling, value in pairs:
        k = key(spelling)
        if k in index and index[k] != value:
            raise DateDataError(spelling, index[k], value)
        index[k] = value
        spellings.add(spelling)
    return Lexicon(index, frozenset(spellings))


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    path = resources.files("khabar").joinpath(f"data/dates/{name}.json")
    return json.loads(path.read_text("utf-8"))


def _nested(table: dict, convert=int) -> Iterator[tuple[str, object]]:
    """(spelling, value) from ``{group: {value: [spellings]}}`` (groups are languages or dialects)."""
    for group in table.values():
        for value, names in group.items():
            for name in names:
                yield name, convert(value)


@lru_cache(maxsize=1)
def months() -> Lexicon:
    data = load("months")
    return lexicon((name, (cal, month)) for cal in ("gregorian", "jalali", "hijri")
                   for name, month in _nested(data[cal]))


@lru_cache(maxsize=None)
def keys(name: str, field: str) -> frozenset[str]:
    """The keys of a list of spellings in a data file: ``keys("months", "needs_year")`` are month
    names that are also common words, ``keys("weekdays", "needs_context")`` weekday names that are."""
    return frozenset(key(n) for n in load(name)[field])


@lru_cache(maxsize=1)
def weekdays() -> Lexicon:
    return lexicon(_nested(load("weekdays")["names"]))


@lru_cache(maxsize=1)
def weekday_languages() -> dict[str, frozenset[str]]:
    """The languages of each weekday key (Arabic 'جمعة' and Persian 'جمعه' share one key)."""
    langs: dict[str, set[str]] = {}
    for lang, days in load("weekdays")["names"].items():
        for names in days.values():
            for name in names:
                langs.setdefault(key(name), set()).add(lang)
    return {k: frozenset(v) for k, v in langs.items()}


@lru_cache(maxsize=1)
def relative_days() -> Lexicon:
    return lexicon(_nested(load("relative")["days"]))


@lru_cache(maxsize=1)
def by_tense() -> Lexicon:
    return lexicon((name, int(off)) for words in load("relative")["by_tense"].values()
                   for name, off in words.items())


@lru_cache(maxsize=1)
def units() -> Lexicon:
    return lexicon((name, unit) for unit, langs in load("relative")["units"].items()
                   for names in langs.values() for name in names)


@lru_cache(maxsize=1)
def dual_units() -> Lexicon:
    return lexicon((name, (unit, int(n))) for words in load("relative")["dual_units"].values()
                   for name, (unit, n) in words.items())


@lru_cache(maxsize=1)
def ago_after_keys() -> frozenset[str]:
    return frozenset(key(w) for ws in load("relative")["ago_after"].values() for w in ws)


@lru_cache(maxsize=1)
def calendar_markers() -> Lexicon:
    return lexicon((name, cal) for cal, names in load("markers")["calendar_after_year"].items()
                   for name in names)


def _compounds(spec: dict, lang: str) -> dict[str, int]:
    """Simple day words, plus compounds of tens and units ('بیست و سوم', 'الحادي والعشرين')."""
    simple = {**spec["units"], **spec["teens"], **spec["tens"]}
    conn = spec["connector"]
    for tens_word, tens in spec["tens"].items():
        if tens_word.endswith(("م", "ام")) and lang == "fa":
            continue  # 'بیستم' is final: 'بیست و سوم' is built from the cardinal 'بیست'
        for unit_word, unit in spec["compound_units"].items():
            if tens + unit > 31:
                continue
            simple[f"{tens_word} {conn} {unit_word}"] = tens + unit
            simple[f"{unit_word} {conn}{tens_word}"] = tens + unit
            simple[f"{unit_word} {conn} {tens_word}"] = tens + unit
    for word, value in list(simple.items()):
        for suffix in spec["suffixes"]:
            if word.endswith("م"):
                simple[word + suffix.removeprefix("م")] = value
    return simple


@lru_cache(maxsize=1)
def day_words() -> Lexicon:
    """Day numbers written as words, in every language of numbers.json."""
    data = load("numbers")
    return lexicon((word, value) for lang, spec in data.items() if lang != "about"
                   for word, value in _compounds(spec, lang).items() if 1 <= value <= 31)


@lru_cache(maxsize=1)
def persian_cardinals() -> Lexicon:
    fa = load("numbers")["fa"]
    return lexicon({**fa["units"], **fa["teens"]}.items())


@lru_cache(maxsize=None)
def colloquial(section: str) -> Lexicon:
    """A table of colloquial.json, spelling → number: ``month_numbers`` ('شهر عشرة' 10, 'الشهر
    التاسع' 9), ``nth_before`` ('ثالث ثلاثاء' 3), ``nth_after`` ('الاثنين الأخير' -1, the last),
    ``relative_months`` ('الشهر القادم' +1), ``relative_weeks`` ('الأسبوع الفائت' -1)."""
    return lexicon((name, int(n)) for n, names in load("colloquial")[section].items() for name in names)

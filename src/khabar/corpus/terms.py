"""Prison terms in years a text gives ("9 years", "تسع سنوات", "خمس عشرة سنة"): a verdict's terms are the
same in every report of it, so two verdicts' reports that share none are two (``khabar.corpus.compare``);
read by the units of ``khabar.corpus.units`` (``data/events/terms.json``)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from khabar.text.normalize import fold


@dataclass(frozen=True)
class _TermWords:
    numbers: dict[str, int]
    years: frozenset[str]
    two_years: frozenset[str]
    ages: frozenset[str]


@lru_cache(maxsize=1)
def _term_words() -> _TermWords:
    data = json.loads(resources.files("khabar").joinpath("data/events/terms.json").read_text("utf-8"))
    return _TermWords({fold(w): n for w, n in data["number_words"].items()},
                      *(frozenset(fold(w) for w in data[key]) for key in ("year_words", "two_years_words", "age_words")))


_TOKEN = re.compile(r"\w+")


def _number(word: str, numbers: dict[str, int]) -> int | None:
    if word.isdigit():
        return int(word)
    for w in (word, word[1:] if word.startswith("و") else None):
        if w and w in numbers:
            return numbers[w]
    return None


def terms_in(text: str) -> set[int]:
    """Lengths in years the text gives ("9 years", "تسع سنوات", "خمس عشرة سنة", "30 و ثمان سنوات"):
    a verdict's prison terms, the same in every report of it."""
    lexicon = _term_words()
    words = _TOKEN.findall(fold(text))
    found: set[int] = set()
    for i, w in enumerate(words):
        if w in lexicon.two_years:
            found.add(2)
            continue
        if w not in lexicon.years or i == 0:
            continue
        value = _number(words[i - 1], lexicon.numbers)
        if value is None or lexicon.ages & set(words[max(0, i - 5):i - 1]):
            continue
        j = i - 2
        if j >= 0 and words[j] == "و":
            j -= 1
        before = _number(words[j], lexicon.numbers) if j >= 0 else None
        if before is not None and before < 10 and value >= 10 and value % 10 == 0 and j == i - 2:
            value += before  # "خمس عشرة", "خمسة وعشرين": one number
        elif before is not None:
            found.add(before)  # "30 و ثمان سنوات": two terms
        found.add(value)
    return found

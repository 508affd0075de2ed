"""A character 4-gram language model per language, for texts of a word or two.

On one word, langdetect samples too few n-grams for its probabilities to mean anything; what decides
there is how probable the word's letters are, in order, in each language. Each language's model is the
interpolated Witten-Bell estimate over the character 1- to 4-gram counts of its words
(``data/lid/ngrams.json``, built by ``scripts/build_lid_profiles.py``; ``_`` marks a word's start and
end):

    P(c | h) = (count(h c) + T(h) * P(c | h minus its first character)) / (count(h .) + T(h))

where ``T(h)`` is the number of distinct characters seen after ``h``: a context seen followed by many
different characters leaves much probability to the shorter context, one always followed by the same
character leaves little. The shortest context backs off to a uniform choice among every character any
language uses. The counts are not pruned (pruning would understate ``T(h)`` for frequent contexts and
so punish the languages with most data for every unseen continuation).
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

ORDER = 4                # longest n-gram counted by scripts/build_lid_profiles.py
BOUNDARY = "_"           # marks a word's start and end in the counts


class LanguageDataError(RuntimeError):
    """The packaged language data could not be read."""

    def __init__(self, resource: str, reason: str) -> None:
        super().__init__(f"language data {resource!r}: {reason}")
        self.resource = resource


@dataclass(frozen=True)
class CharModel:
    counts: dict[str, float]            # n-gram -> count
    context_totals: dict[str, float]    # context -> total count of the n-grams that extend it
    context_types: dict[str, int]       # context -> distinct characters seen after it


@lru_cache(maxsize=1)
def _counts() -> dict[str, dict[str, float]]:
    path = "data/lid/ngrams.json"
    try:
        text = resources.files("khabar").joinpath(path).read_text("utf-8")
    except OSError as exc:  # pragma: no cover - broken installation
        raise LanguageDataError(path, str(exc)) from exc
    return {lang: entry["counts"] for lang, entry in json.loads(text)["languages"].items()}


@lru_cache(maxsize=1)
def _alphabet_size() -> int:
    """Every character (and the boundary) that some language's counts hold: the uniform base."""
    return len({gram for counts in _counts().values() for gram in counts if len(gram) == 1})


@cache
def _model(lang: str) -> CharModel | None:
    counts = _counts().get(lang)
    if counts is None:
        return None
    totals: dict[str, float] = {}
    types: dict[str, int] = {}
    for gram, count in counts.items():
        context = gram[:-1]
        totals[context] = totals.get(context, 0.0) + count
        types[context] = types.get(context, 0) + 1
    return CharModel(counts=counts, context_totals=totals, context_types=types)


def _probability(model: CharModel, history: str, ch: str, base: float) -> float:
    """P(ch | history), interpolated from the empty context up to the whole history."""
    p = base
    for start in range(len(history), -1, -1):
        context = history[start:]
        total = model.context_totals.get(context)
        if not total:
            break
        seen = model.context_types[context]
        p = (model.counts.get(context + ch, 0.0) + seen * p) / (total + seen)
    return p


def log_probability(lang: str, words: Iterable[str]) -> float | None:
    """log P(words | lang), each word scored with its boundaries; None for a language without counts."""
    model = _model(lang)
    if model is None:
        return None
    base = 1.0 / _alphabet_size()
    total = 0.0
    for word in words:
        marked = f"{BOUNDARY}{word}{BOUNDARY}"
        for i in range(1, len(marked)):
            history = marked[max(0, i - ORDER + 1):i]
            total += math.log(_probability(model, history, marked[i], base))
    return total

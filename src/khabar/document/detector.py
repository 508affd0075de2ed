"""langdetect's ``Detector`` with the same arithmetic in fewer Python steps.

Language detection is langdetect made deterministic (``khabar.document.language``), and its answers
must not move: this subclass reads the same characters, draws the same random numbers in the same
order and does the same floating-point operations in the same order as langdetect 1.0.9, only
without a method call per character and per language:

* ``append`` collapses runs of spaces with one regex (langdetect: one character at a time);
* ``cleaning_text`` counts Latin and non-Latin characters with regexes. langdetect compares a block
  number with the name ``'Latin Extended Additional'``, which is never equal, so every character
  from U+0300 up counts as non-Latin; so it does here;
* ``_extract_ngrams`` runs langdetect's ``NGram`` buffer inline, each character normalised once per
  process (``NGram.normalize`` is a pure function of the character);
* ``_detect_block`` updates the probability vector with one list comprehension per drawn n-gram.

``tests/document/test_detector.py`` checks the probabilities against langdetect's own ``Detector``.
"""
from __future__ import annotations

import re

from langdetect.detector import Detector
from langdetect.lang_detect_exception import ErrorCode, LangDetectException
from langdetect.utils.ngram import NGram

_SPACES = re.compile(" {2,}")
_LATIN = re.compile("[A-z]")  # langdetect's 'A' <= ch <= 'z', brackets and backquote included
_NON_LATIN = re.compile("[\u0300-\U0010ffff]")
_CONVERGENCE_EVERY = 5  # langdetect normalises (and tests convergence) every fifth draw

# character -> (NGram.normalize(character), whether that is upper case); filled as characters are met
_NORMALISED: dict[str, tuple[str, bool]] = {}


def _normalised(ch: str) -> tuple[str, bool]:
    norm = NGram.normalize(ch)
    found = _NORMALISED[ch] = (norm, norm.isupper())
    return found


class FastDetector(Detector):
    """A drop-in ``langdetect.detector.Detector`` (build it as ``FastDetector(factory)``)."""

    def append(self, text: str) -> None:
        text = self.URL_RE.sub(" ", text)
        text = self.MAIL_RE.sub(" ", text)
        text = NGram.normalize_vi(text)
        self.text += _SPACES.sub(" ", text[: self.max_text_length])

    def cleaning_text(self) -> None:
        text = self.text
        if len(_LATIN.findall(text)) * 2 < len(_NON_LATIN.findall(text)):
            self.text = _LATIN.sub("", text)

    def _extract_ngrams(self) -> list[str]:
        known = self.word_lang_prob_map
        normalised = _NORMALISED
        result: list[str] = []
        append = result.append
        grams = " "
        capital = False
        for ch in self.text:
            entry = normalised.get(ch) or _normalised(ch)
            c = entry[0]
            last = grams[-1]
            if last == " ":
                grams = " "
                capital = False
                if c == " ":
                    continue
            elif len(grams) >= NGram.N_GRAM:
                grams = grams[1:]
            grams += c
            if entry[1]:
                if last.isupper():
                    capital = True
            else:
                capital = False
            if capital:
                continue
            if c != " " and c in known:
                append(c)
            size = len(grams)
            if size >= 2:
                w = grams[-2:]
                if w in known:
                    append(w)
                if size >= 3:
                    w = grams[-3:]
                    if w in known:
                        append(w)
        return result

    def _detect_block(self) -> None:
        self.cleaning_text()
        ngrams = self._extract_ngrams()
        if not ngrams:
            raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
        table = self.word_lang_prob_map
        rows = [table[w] for w in ngrams]
        n_trial = self.n_trial
        langprob = [0.0] * len(self.langlist)
        rng = self.random
        rng.seed(self.seed)
        choice = rng.choice
        for _ in range(n_trial):
            prob = self._init_probability()
            alpha = self.alpha + rng.gauss(0.0, 1.0) * self.ALPHA_WIDTH
            weight = alpha / self.BASE_FREQ
            i = 0
            while True:
                row = choice(rows)
                prob = [p * (weight + q) for p, q in zip(prob, row)]
                if i % _CONVERGENCE_EVERY == 0:
                    sump = sum(prob)
                    prob = [p / sump for p in prob]
                    maxp = 0.0
                    for p in prob:
                        if maxp < p:
                            maxp = p
                    if maxp > self.CONV_THRESHOLD or i >= self.ITERATION_LIMIT:
                        break
                i += 1
            langprob = [lp + p / n_trial for lp, p in zip(langprob, prob)]
        self.langprob = langprob

"""langdetect's ``Detector`` with the same arithmetic in fewer Python steps.

Language detection is langdetect made deterministic (``khabar.document.language``), and its answers
must not move: this subclass reads the same characters, draws the same random numbers in the same
order and does the same floating-point operations in the same order as langdetect 1.0.9, only
without a method call per character and per language:

* ``append`` collapses runs of spaces with one regex (langdetect: one character at a time), and
  runs the URL and e-mail regexes only over a text that holds "http" or "@";
* ``cleaning_text`` counts Latin and non-Latin characters with regexes, run by run. langdetect compares a block
  number with the name ``'Latin Extended Additional'``, which is never equal, so every character
  from U+0300 up counts as non-Latin; so it does here;
* the n-grams are read per segment (a word and the space after it) from the text normalised with
  one ``str.translate`` (``NGram.normalize`` is a pure function of the character): langdetect's
  ``NGram`` buffer runs once per distinct segment, and its n-grams' rows are reused wherever the
  segment comes again;
* ``_detect_block`` updates the probability vector with one list comprehension per five drawn
  n-grams (the draws between two normalisations; each element's products still in draw order),
  and draws an n-gram as ``random.Random.choice`` does (``getrandbits`` until below the count)
  without its two method calls per draw.

``tests/document/test_detector.py`` checks the probabilities against langdetect's own ``Detector``.
"""
from __future__ import annotations

import random
import re
from collections.abc import Callable
from functools import partial

from langdetect.detector import Detector
from langdetect.lang_detect_exception import ErrorCode, LangDetectException
from langdetect.utils.ngram import NGram

from khabar.memo import Memo, kept_for

_SPACES = re.compile(" {2,}")
# counted as the summed lengths of their runs: one string per run, not one per character
_LATIN = re.compile("[A-z]+")  # langdetect's 'A' <= ch <= 'z', brackets and backquote included
_NON_LATIN = re.compile("[\u0300-\U0010ffff]+")
_CONVERGENCE_EVERY = 5  # langdetect normalises (and tests convergence) every fifth draw (five rows below)
# ``Random.choice(seq)`` is ``seq[_randbelow(len(seq))]``, and ``_randbelow`` draws ``getrandbits`` of
# the length's bit length until one is below it: done inline where ``random`` works so (CPython 3.11
# and later); otherwise through ``choice`` itself
_CHOICE_BY_GETRANDBITS = random.Random._randbelow is getattr(random.Random, "_randbelow_with_getrandbits", None)

# code point -> NGram.normalize(character) (a pure function of it), for str.translate; filled as
# characters are met
_TRANSLATE: dict[int, str] = {}
# A segment is a run of normalised non-spaces and the one space after it, if any. langdetect's
# buffer starts afresh after every space (and skips the spaces that follow one), so a text's
# n-grams are its segments' n-grams one after another, and a segment's depend on it alone.
_SEGMENT = re.compile("[^ ]+ ?")
# per n-gram table, segment -> the table's rows of its n-grams (references to the table's own
# lists: ~0.3 kB a segment); emptied when it holds this many
SEGMENTS_KEPT = 50_000


def _segments(text: str) -> list[str]:
    """The segments of ``text`` once every character is normalised as langdetect's ``NGram`` does."""
    for code in set(map(ord, set(text))).difference(_TRANSLATE):
        _TRANSLATE[code] = NGram.normalize(chr(code))
    return _SEGMENT.findall(text.translate(_TRANSLATE))


def _rows_of(segment: str, table: dict) -> list:
    return [table[w] for w in _segment_ngrams(segment, table)]


def _segment_rows(table: dict) -> Memo:
    """segment -> the rows of its n-grams, for one n-gram table (a factory's, shared by its detectors)."""
    return kept_for(table, "segment rows", partial(_rows_of, table=table), SEGMENTS_KEPT)


def _segment_ngrams(segment: str, known: dict) -> list[str]:
    """langdetect's ``NGram`` buffer over one normalised segment: the known 1-, 2- and 3-grams in
    the order langdetect draws them from."""
    result: list[str] = []
    append = result.append
    grams = " "
    capital = False
    for c in segment:
        last = grams[-1]
        if len(grams) >= NGram.N_GRAM:
            grams = grams[1:]
        grams += c
        if c.isupper():
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


class FastDetector(Detector):
    """A drop-in ``langdetect.detector.Detector`` (build it as ``FastDetector(factory)``)."""

    def append(self, text: str) -> None:
        # a URL opens with "http", an address holds "@": without them there is nothing to replace
        if "http" in text:
            text = self.URL_RE.sub(" ", text)
        if "@" in text:
            text = self.MAIL_RE.sub(" ", text)
        text = NGram.normalize_vi(text)
        self.text += _SPACES.sub(" ", text[: self.max_text_length])

    def cleaning_text(self) -> None:
        text = self.text
        latin = sum(map(len, _LATIN.findall(text)))
        # with no Latin letter there is nothing to take out: the text is kept as it is
        if latin and latin * 2 < sum(map(len, _NON_LATIN.findall(text))):
            self.text = _LATIN.sub("", text)

    def _extract_ngrams(self) -> list[str]:
        known = self.word_lang_prob_map
        return [w for segment in _segments(self.text) for w in _segment_ngrams(segment, known)]

    def _ngram_rows(self) -> list:
        """The table rows of ``_extract_ngrams``'s n-grams, in its order (what ``_detect_block`` draws from)."""
        rows: list = []
        for found in map(_segment_rows(self.word_lang_prob_map).__getitem__, _segments(self.text)):
            rows += found
        return rows

    def _drawing(self, rows: list) -> Callable[[], list]:
        """What draws the next n-gram's row, as ``self.random.choice(rows)`` does."""
        rng = self.random
        if not (_CHOICE_BY_GETRANDBITS and type(rng) is random.Random):
            return partial(rng.choice, rows)
        getrandbits, n_rows = rng.getrandbits, len(rows)
        bits = n_rows.bit_length()

        def draw() -> list:
            drawn = getrandbits(bits)
            while drawn >= n_rows:
                drawn = getrandbits(bits)
            return rows[drawn]

        return draw

    def _detect_block(self) -> None:
        self.cleaning_text()
        rows = self._ngram_rows()
        if not rows:
            raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
        n_trial = self.n_trial
        langprob = [0.0] * len(self.langlist)
        rng = self.random
        rng.seed(self.seed)
        draw = self._drawing(rows)
        for _ in range(n_trial):
            prob = self._init_probability()
            alpha = self.alpha + rng.gauss(0.0, 1.0) * self.ALPHA_WIDTH
            weight = alpha / self.BASE_FREQ
            # langdetect multiplies in one drawn row at a time and normalises after the first and
            # then every fifth: the five rows between two normalisations are drawn first (the
            # draws do not depend on the probabilities) and multiplied in one pass, each product
            # still taken in draw order
            prob = [p * (weight + q) for p, q in zip(prob, draw())]
            i = 0
            while True:
                sump = sum(prob)
                prob = [p / sump for p in prob]
                maxp = 0.0
                for p in prob:
                    if maxp < p:
                        maxp = p
                if maxp > self.CONV_THRESHOLD or i >= self.ITERATION_LIMIT:
                    break
                r1, r2, r3, r4, r5 = draw(), draw(), draw(), draw(), draw()
                prob = [p * (weight + q1) * (weight + q2) * (weight + q3) * (weight + q4) * (weight + q5)
                        for p, q1, q2, q3, q4, q5 in zip(prob, r1, r2, r3, r4, r5)]
                i += _CONVERGENCE_EVERY
            langprob = [lp + p / n_trial for lp, p in zip(langprob, prob)]
        self.langprob = langprob

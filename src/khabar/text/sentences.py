"""The one sentence splitter: spans of ``text`` ending at sentence-final marks (not between digits,
so "3.5" stays whole) or at line breaks. Offsets are into the text as given."""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from khabar.text.chars import SENTENCE_FINAL

# the lookahead says what both alternatives begin with, so the engine skips ahead to the next mark
# or line break instead of trying both at every character (3× faster on news bodies, same matches)
_SENTENCE_END = re.compile(rf"(?=[{SENTENCE_FINAL}\n])(?:(?<!\d)[{SENTENCE_FINAL}]+(?!\d)|\n+)")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Non-empty ``(start, end)`` spans covering ``text``; each ends after its final mark."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if _initial(text, m.start()):
            continue
        if m.end() > start:
            spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _initial(text: str, at: int) -> bool:
    """Whether the full stop at ``at`` ends a one-letter abbreviation ("د. صالح", a doctor's title;
    "م. خالد", an engineer's): a letter alone after a space (or the text's start), not a year's era
    ("11 أغسطس 2015 م." ends its sentence)."""
    return (text[at] == "." and at >= 1 and text[at - 1].isalpha()
            and (at == 1 or (text[at - 2].isspace() and not (at >= 3 and text[at - 3].isdigit()))))


def span_of(spans: Sequence[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The span holding ``pos`` (``spans`` as ``sentence_spans`` returns them), or ``(0, 0)``."""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    if 0 <= i < len(spans) and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return 0, 0

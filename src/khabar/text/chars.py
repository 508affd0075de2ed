"""Named code points and character classes shared by every stage (camel_tools style: code points
named once, never written as literals in a stage)."""
from __future__ import annotations

ZWNJ = "\u200c"  # zero-width non-joiner: Persian/Urdu half-space inside words (می‌خواهد)
ZWJ = "\u200d"
TATWEEL = "\u0640"  # kashida, stretches a word; never meaningful for matching
BOM = "\ufeff"
NBSP = "\u00a0"
NARROW_NBSP = "\u202f"
LRM, RLM = "\u200e", "\u200f"

# Arabic-script combining marks: harakat, Quranic annotation signs, superscript alef
DIACRITICS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
# bidi embeddings, overrides and isolates (plus the marks), and the BOM: invisible noise
BIDI_CONTROLS = "\u200e\u200f\u202a-\u202e\u2066-\u2069" + BOM
# what a word of Arabic-script text may hold besides \w: harakat, superscript alef, joiners
WORD_CHARS = r"\w\u064b-\u065f\u0670" + ZWNJ + ZWJ

# sentence-final marks: Latin, Arabic question mark, Urdu full stop
SENTENCE_FINAL = ".!?\u061f\u06d4"

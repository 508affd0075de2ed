"""khabar.normalize: folding for matching, offsets back to the text, affixes at word boundaries."""
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khabar.text.chars import BIDI_CONTROLS, DIACRITICS, TATWEEL, ZWJ
from khabar.text.normalize import (
    ZWNJ,
    _fold_table,
    affix_stems,
    fold,
    fold_letters_with_offsets,
    fold_with_offsets,
    is_attached_suffix,
    is_proclitic_prefix,
    normalize_document,
)

ARABIC_SCRIPT = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآؤئىةپچژگکیۀہےھٹڈڑںۃ"
MARKS = "\u064b\u064e\u064f\u0650\u0651\u0652\u0640" + ZWNJ
OTHER = " ،.؛:«»\"-()0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹abcXYZ\n"
texts = st.text(alphabet=ARABIC_SCRIPT + MARKS + OTHER, max_size=80)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        pytest.param("أردوغان", "اردوغان", id="hamza-on-alef"),
        pytest.param("إدلب", "ادلب", id="hamza-under-alef"),
        pytest.param("سوريا", "سوریا", id="arabic-yeh-persian-yeh"),
        pytest.param("مصطفى", "مصطفی", id="alef-maqsura"),
        pytest.param("كركوك", "کرکوک", id="arabic-kaf-persian-kaf"),
        pytest.param("الرقة", "الرقه", id="teh-marbuta"),
        pytest.param("لاذقیہ", "لاذقیه", id="urdu-heh-goal"),
        pytest.param("التوتّر", "التوتر", id="shadda"),
        pytest.param("تزامنـاً", "تزامنا", id="tatweel-and-tanween"),
        pytest.param("گفته" + ZWNJ + "اند", "گفتهاند", id="ZWNJ-stripped"),
        pytest.param("٢٣ مارس ٢٠٢٠", "23 مارس 2020", id="arabic-indic-digits"),
        pytest.param("۱۳۹۵", "1395", id="persian-digits"),
        pytest.param("«الوطن»", "الوطن", id="guillemets"),
        pytest.param("Shoigu", "shoigu", id="latin-lower"),
    ],
)
def test_fold_makes_spelling_variants_equal(left, right):
    assert fold(left) == fold(right)


def test_normalize_document_keeps_letters_and_zwnj():
    text = "رئیس\u200cجمهور \u200fسوریه\r\n"
    assert normalize_document(text) == "رئیس\u200cجمهور سوریه\n"


@given(texts)
def test_fold_twice_is_fold_once(text):
    assert fold(fold(text)) == fold(text)


@given(texts)
def test_fold_with_offsets_agrees_with_fold_on_nfc_text(text):
    text = unicodedata.normalize("NFC", text)
    folded, offsets = fold_with_offsets(text)
    assert folded == fold(text)
    assert len(offsets) == len(folded)
    assert list(offsets) == sorted(offsets)
    for char, index in zip(folded, offsets):
        if char != " ":
            assert fold(text[index]) == char


def test_offsets_point_at_the_original_characters():
    text = "قال: والأسدُ في دمشق"
    folded, offsets = fold_with_offsets(text)
    start = folded.index("دمشق")
    assert text[offsets[start] : offsets[start + 3] + 1] == "دمشق"


@pytest.mark.parametrize(
    ("word", "lang", "stem"),
    [
        pytest.param("والاسد", "ar", "اسد", id="wa-al"),
        pytest.param("بالرئیس", "ar", "رئیس", id="bi-al"),
        pytest.param("للاسد", "ar", "اسد", id="li-al-written-lil"),
        pytest.param("لدمشق", "ar", "دمشق", id="li-without-article"),
        pytest.param("روسها", "fa", "روس", id="persian-plural"),
        pytest.param("گروہوں", "ur", "گروه", id="urdu-oblique-plural"),
    ],
)
def test_affix_stems(word, lang, stem):
    stems = affix_stems(fold(word), lang)
    assert stems[0] == fold(word)
    assert fold(stem) in stems


def test_affix_stems_keep_three_letters():
    assert affix_stems("وله", "ar") == ("وله",)


@pytest.mark.parametrize(
    ("prefix", "dropped", "ok"),
    [
        pytest.param("و", False, True, id="waw"),
        pytest.param("وب", False, True, id="waw-bi"),
        pytest.param("لل", True, True, id="lil-for-li-al"),
        pytest.param("لل", False, False, id="lil-needs-dropped-article"),
        pytest.param("س", False, False, id="future-sin-is-not-a-noun-clitic"),
        pytest.param("ال", False, False, id="article-alone-is-not-a-proclitic"),
    ],
)
def test_is_proclitic_prefix(prefix, dropped, ok):
    assert is_proclitic_prefix(fold(prefix), article_dropped=dropped) is ok


@pytest.mark.parametrize(
    ("stem", "suffix", "lang", "ok"),
    [
        pytest.param("سوریه", "ی", "fa", True, id="persian-ezafe-after-heh"),
        pytest.param("روس", "ی", "fa", False, id="persian-adjective-is-not-the-country"),
        pytest.param("روس", "ها", "fa", False, id="persian-plural-is-not-the-country"),
        pytest.param("سوریه", "ی", "ar", False, id="no-suffixes-in-arabic"),
    ],
)
def test_is_attached_suffix(stem, suffix, lang, ok):
    assert is_attached_suffix(fold(stem), fold(suffix), lang) is ok


# --- the per-character reference: the straightforward reading of the offset folds -------------

_REFERENCE_ALPHABET = ARABIC_SCRIPT + MARKS + OTHER + "\u200d\u200f\ufeff\u00a0\u202f\u2009İΣσς_é\u0301\u0307ß"
wide_texts = st.text(alphabet=_REFERENCE_ALPHABET, max_size=120) | st.text(max_size=40)


def _reference_kept(text, dropped):
    table = _fold_table()
    return [(i, c.translate(table)) for i, c in enumerate(text) if not dropped.match(c)]


def _reference_fold_with_offsets(text):
    out, offsets = [], []
    for index, folded in _reference_kept(text, _REFERENCE_DROPPED):
        for piece in folded.lower():
            if piece.isalnum() or piece == "_":
                out.append(piece)
                offsets.append(index)
            elif out and out[-1] != " ":
                out.append(" ")
                offsets.append(index)
    if out and out[-1] == " ":
        out.pop()
        offsets.pop()
    return "".join(out), tuple(offsets)


def _reference_fold_letters_with_offsets(text):
    out, offsets = [], []
    for index, folded in _reference_kept(text, _REFERENCE_DROPPED_KEEPING_PUNCTUATION):
        if text[index] in (ZWNJ, "\u00a0", "\u202f", "\u2009", "\u200a"):
            folded = " "
        low = folded.lower()
        out.append(low if len(low) == 1 else folded)
        offsets.append(index)
    return "".join(out), tuple(offsets)


_REFERENCE_DROPPED = re.compile(f"[{DIACRITICS}{TATWEEL}{ZWNJ}{ZWJ}{BIDI_CONTROLS}]")
_REFERENCE_DROPPED_KEEPING_PUNCTUATION = re.compile(f"[{DIACRITICS}{TATWEEL}{ZWJ}{BIDI_CONTROLS}]")


@given(wide_texts)
def test_fold_with_offsets_equals_the_per_character_reading(text):
    assert fold_with_offsets(text) == _reference_fold_with_offsets(text)


@given(wide_texts)
def test_fold_letters_with_offsets_equals_the_per_character_reading(text):
    assert fold_letters_with_offsets(text) == _reference_fold_letters_with_offsets(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("ΟΔΟΣ", ("οδοσ", (0, 1, 2, 3)), id="capital-sigma-lowers-alone-not-final"),
        pytest.param("İzmir", ("i zmir", (0, 0, 1, 2, 3, 4)), id="dotted-I-lowers-to-i-and-a-mark"),
        pytest.param("سُوريّة\u200cها", ("سوریهها", (0, 2, 3, 4, 6, 8, 9)), id="marks-and-zwnj-dropped"),
        pytest.param("  «الوطن»،  ", ("الوطن", (3, 4, 5, 6, 7)), id="edges-stripped"),
    ],
)
def test_fold_with_offsets_cases(text, expected):
    assert fold_with_offsets(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("İ", "İ", id="dotted-I-kept-as-written"),
        pytest.param("ΟΔΟΣ ١٢/٩", "οδοσ 12/9", id="sigma-alone-and-digits"),
        pytest.param("خرداد\u200cماه", "خرداد ماه", id="zwnj-is-a-space"),
    ],
)
def test_fold_letters_with_offsets_cases(text, expected):
    folded, offsets = fold_letters_with_offsets(text)
    assert folded == expected
    assert len(offsets) == len(folded)

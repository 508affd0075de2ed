"""khabar.dates tables and scan string: typed errors, cheap import, offsets back to the text."""
from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from khabar.document.dates import DateDataError
from khabar.document.dates.tables import alt, lexicon, pattern_of, scan_of


def test_one_spelling_with_two_values_is_a_typed_error():
    with pytest.raises(DateDataError) as err:
        lexicon([("أيلول", ("gregorian", 9)), ("ايلول", ("gregorian", 10))])
    assert err.value.spelling == "ايلول"


def test_spelling_variants_share_one_entry():
    months = lexicon([("أيلول", 9), ("ايلول", 9)])
    assert months["إيلول"] == 9


def test_importing_khabar_builds_no_date_grammar():
    code = ("import khabar; from khabar.document.dates import patterns, tables; "
            "print(patterns.grammar.cache_info().currsize, tables.months.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "0"]


@pytest.mark.parametrize(("text", "scan"), [
    pytest.param("٢٣/٠٣/٢٠٢٠", "23/03/2020", id="arabic-indic-digits-keep-slashes"),
    pytest.param("خرداد\u200cماه", "خرداد ماه", id="zwnj-is-a-space"),
    pytest.param("غداً", "غدا", id="tanween-dropped"),
    pytest.param("ه\u200d.ش", "ه.ش", id="zwj-dropped-dot-kept"),
])
def test_scan_string(text, scan):
    assert scan_of(text)[0] == scan


@given(st.text(max_size=80))
@settings(max_examples=200, deadline=None)
def test_scan_offsets_point_into_the_text(text):
    scan, index = scan_of(text)
    assert len(index) == len(scan) + 1 and index[-1] == len(text)
    assert index[:-1] == sorted(set(index[:-1]))
    assert all(0 <= i < len(text) for i in index[:-1])


def _flat(names: list[str]) -> str:
    """The alternation as one branch per spelling, longest first, ties in a fixed order as ``alt``
    takes them (what ``alt`` must match like; a set's order follows the hash seed)."""
    return "(?:" + "|".join(sorted({pattern_of(n) for n in names}, key=lambda p: (-len(p), p))) + ")"


SPELLINGS = ["أمس", "أمس الأول", "اول امس", "الأول", "امسية", "ab", "abc", "ab c", "a", "b c", "bc"]


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("أمس الأول", ["امس الاول"], id="longest-spelling-first"),
    pytest.param("abc ab c", ["abc", "ab c"], id="gap-and-no-gap-spellings"),
])
def test_factored_alternation_matches(text, expected):
    import re

    pattern = re.compile(alt(SPELLINGS))
    assert [m.group() for m in pattern.finditer(scan_of(text)[0])] == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="abc ام", min_size=1, max_size=5), min_size=1, max_size=8),
       st.text(alphabet="abc امس", max_size=30))
@example(names=["م c", "مcaaa"], text="مcaaa")  # two spellings of one pattern length: a fixed order
def test_factored_alternation_matches_like_one_branch_per_spelling(names, text):
    import re

    names = [n for n in names if n.strip()]
    if not names:
        return
    flat, factored = re.compile(_flat(names) + "(?P<after>c?)"), re.compile(alt(names) + "(?P<after>c?)")
    assert ([(m.span(), m.group("after")) for m in factored.finditer(text)]
            == [(m.span(), m.group("after")) for m in flat.finditer(text)])

"""khabar.text.alternation: a tree of shared first characters matches as one branch per spelling."""
from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from khabar.document.event_lexicon import _alternation


def _flat(forms: list[str]) -> str:
    """The event forms as one branch each, longest first (what ``_alternation`` wrote before)."""
    ordered = sorted(set(forms), key=lambda f: (-len(f), f))
    return "|".join(r"\s+".join(map(re.escape, f.split())) for f in ordered)


def _in_context(alternation: str) -> re.Pattern:
    """As the triggers use it: optional proclitics before, suffixes after, whole words only; the
    optional parts make the engine backtrack into the alternation."""
    return re.compile(rf"(?<!\w)(?:و)?(?:ال)?(?P<core>{alternation})(?:ه|ها)?(?!\w)")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="ab وهال", min_size=1, max_size=6), min_size=1, max_size=8),
       st.text(alphabet="ab وهال\n", max_size=40))
@example(forms=["ab", "ab  a", "a b"], text="ab a b  ab   a")
@example(forms=["a b"], text="ab a b")  # a space between words is needed, not optional
@example(forms=["ال", "الا", "ا"], text="والا الاه")
def test_event_alternation_matches_like_one_branch_per_form(forms, text):
    forms = [f for f in forms if f.strip()]
    if not forms:
        return
    flat, factored = _in_context(_flat(forms)), _in_context(_alternation(forms))
    assert ([(m.span(), m.group("core")) for m in factored.finditer(text)]
            == [(m.span(), m.group("core")) for m in flat.finditer(text)])

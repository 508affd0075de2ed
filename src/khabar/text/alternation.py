"""One regex alternation of many literal spellings, written as a tree of shared first characters.

The regex engine tries a flat alternation's branches one by one at every position it tries: a few
hundred spellings cost a few hundred tests at every word. Merged under their first characters
(``abc|xy|ab`` → ``a(?:bc|b)|xy``) it tests a branch's first character once for all the spellings
that open with it. Used by the date grammar and the event triggers.
"""
from __future__ import annotations

import re

GAP = " "  # the token between two words of a spelling: the caller's regex for spaces


def _exclusive(a: str, b: str) -> bool:
    """Can no text match two branches that open with tokens ``a`` and ``b`` ("" for a branch that
    is over) at one position? Only when they open with two different characters."""
    return bool(a) and bool(b) and GAP not in (a, b) and a != b


def factored(alternatives: list[tuple[str, ...]], gap: str) -> str:
    """The alternation of ``alternatives`` (token tuples: characters, and ``GAP`` between two words,
    in the order they are tried), with branches that open alike merged under their first token;
    ``gap`` is the regex a ``GAP`` stands for (``\\s*``, ``\\s+``).

    Matches exactly as the flat alternation does: a branch moves ahead only past branches that
    cannot match where it does (they open with another character), so wherever two branches could
    both match they are still tried in their order; and a gap is always followed by a letter, so
    ``gap`` takes the same spaces whether it is shared or not."""
    groups: list[tuple[str, list[tuple[str, ...]]]] = []  # (first token or "", rests)
    for alternative in alternatives:
        first = alternative[0] if alternative else ""
        for other, rests in reversed(groups):
            if first and other == first:
                rests.append(alternative[1:])
                break
            if not _exclusive(first, other):
                groups.append((first, [alternative[1:]]))
                break
        else:
            groups.append((first, [alternative[1:]]))
    branches = []
    for first, rests in groups:
        if not first:
            branches.append("")  # a spelling that ends here
            continue
        head = gap if first == GAP else re.escape(first)
        if len(rests) == 1:
            branches.append(head + factored(rests, gap))
        else:
            branches.append(head + "(?:" + factored(rests, gap) + ")")
    return "|".join(branches)

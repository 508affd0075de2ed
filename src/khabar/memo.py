"""A dict that works out a missing value on first use: the lookups of known keys stay in C."""
from __future__ import annotations

from collections.abc import Callable, Hashable


class Memo(dict):
    """key -> ``compute(key)``, worked out the first time it is asked for (found keys are looked up
    in C, e.g. through ``map(memo.__getitem__, keys)``); emptied when it holds ``cap`` keys."""

    def __init__(self, compute: Callable[[object], object], cap: int | None = None) -> None:
        super().__init__()
        self.compute, self.cap = compute, cap

    def __missing__(self, key: object) -> object:
        if self.cap is not None and len(self) >= self.cap:
            self.clear()
        value = self[key] = self.compute(key)
        return value


# (id(owner), key) -> (owner, its memo); the owner is held so that its id is never reused
_KEPT: dict[tuple[int, Hashable], tuple[object, Memo]] = {}


def kept_for(owner: object, key: Hashable, compute: Callable[[object], object], cap: int | None = None) -> Memo:
    """The memo of ``compute`` kept for a long-lived ``owner`` (a langdetect n-gram table, the
    language model, a gazetteer) under ``key``: found by the owner's identity, so its contents are
    never hashed. ``compute`` and ``cap`` make it on first use; later calls only find it."""
    held = _KEPT.get((id(owner), key))
    if held is None or held[0] is not owner:
        held = _KEPT[(id(owner), key)] = (owner, Memo(compute, cap))
    return held[1]

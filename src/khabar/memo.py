"""A dict that works out a missing value on first use: the lookups of known keys stay in C."""
from __future__ import annotations

from collections.abc import Callable


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

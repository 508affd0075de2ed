"""Places as a hierarchy (city → region → country), so that reports placing one happening in Abha,
in Asir and in Saudi Arabia agree, and reports from Najran and from Jazan do not.

The hierarchy is data (``data/events/places.json``: entity id → parent id, kind) over the ids of the
gazetteer. A place not listed there has no parent: it agrees only with itself. An *area* (a continent,
a world region: Asia, the Middle East) is listed apart: wider than any country, it is never the town
two reports share.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from khabar.document.role_rules import EventDataError

KINDS = ("country", "region", "city", "area")  # an area: a continent or world region (Asia, the Middle East)
MAX_DEPTH = 8  # no chain of parents is longer; guards against a cycle in the data


class PlaceDataError(EventDataError):
    """The place hierarchy is malformed; carries the offending entry."""


@dataclass(frozen=True)
class Hierarchy:
    parent: dict[str, str | None]
    regions: frozenset[str] = frozenset()  # the places of kind "region": a province, a governorate
    # continents and world regions: wider than any country, and not in ``parent`` (which countries lie
    # in them is not listed): like a place the hierarchy lacks, they agree with a place their report's
    # sentences name, but they are never a town two reports share
    areas: frozenset[str] = frozenset()

    def chain(self, place: str) -> tuple[str, ...]:
        """The place and its parents, most specific first."""
        out = [place]
        while (up := self.parent.get(out[-1])) is not None:
            if up in out or len(out) > MAX_DEPTH:
                raise PlaceDataError("cycle in place hierarchy", out)
            out.append(up)
        return tuple(out)

    def depth(self, place: str) -> int:
        return len(self.chain(place)) - 1

    def is_top(self, place: str) -> bool:
        """A place the hierarchy knows with nothing above it: a country, or a sea."""
        return place in self.parent and self.parent[place] is None

    def is_specific(self, place: str | None) -> bool:
        """A town or region is specific; a country (or a sea), and an area more so, is shared by too many
        happenings ("المرداسي يدير افتتاح كأس شرق آسيا" and the national team's FIFA ranking, in Asia)."""
        return place is not None and not self.is_top(place) and not self.is_area(place)

    def is_area(self, place: str) -> bool:
        """A continent or world region ("آسيا", "الشرق الأوسط"): it places a happening nowhere in particular."""
        return place in self.areas

    def compatible(self, a: str | None, b: str | None) -> bool:
        """Unknown places agree with anything; two places agree when one contains the other."""
        if a is None or b is None or a == b:
            return True
        return a in self.chain(b) or b in self.chain(a)

    def most_specific(self, places: Iterable[str]) -> str | None:
        """The deepest of the places (a town over its region over its country); ties by first seen."""
        best: str | None = None
        for p in places:
            if best is None or self.depth(p) > self.depth(best):
                best = p
        return best


@lru_cache(maxsize=1)
def load_hierarchy() -> Hierarchy:
    data = json.loads(resources.files("khabar").joinpath("data/events/places.json").read_text("utf-8"))
    if "about" not in data:
        raise PlaceDataError("places.json needs an 'about' key", sorted(data)[:3])
    parent: dict[str, str | None] = {}
    kinds: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for place, (up, kind) in data["places"].items():
        if kind not in KINDS:
            raise PlaceDataError("unknown place kind", (place, kind))
        if kind == "area" and up is not None:
            raise PlaceDataError("an area has no parent", (place, up))
        kinds[kind].add(place)
        if kind != "area":
            parent[place] = up
    for place, up in parent.items():
        if up is not None and up not in parent:
            raise PlaceDataError("parent is not a listed place", (place, up))
    return Hierarchy(parent, frozenset(kinds["region"]), frozenset(kinds["area"]))

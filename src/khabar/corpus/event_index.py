"""The index clustering asks for a unit's candidate events (``khabar.corpus.events``): events filed
under blocking keys, so that a unit is compared with a bounded number of events, never with all."""
from __future__ import annotations

import datetime
import hashlib
from collections import defaultdict
from collections.abc import Mapping

from khabar.corpus import reactions
from khabar.corpus.compare import kinds_of
from khabar.corpus.days import DATE_WINDOW_DAYS
from khabar.corpus.parties import known_parties
from khabar.corpus.reading import Context
from khabar.corpus.units import Unit

POSTING_CAP = 64  # an index key shared by more events than this is too common to block on
MAX_CANDIDATES = 24  # only the events sharing the most blocking keys are compared
# a report of no known type joins only a retelling of its whole story, which shares the most keys
STORY_CANDIDATES = 6
# a report that names no place asks, last, for the latest events of its kind: the condemnation by
# "مفتي مصر" of an arson the US condemned shares no rare word with it ("أضرموا" and "اضرم"), and
# no country to be filed under
LATEST_OF_KIND = 16
# a title few events are filed under is offered whatever else crowds the candidates: a release's second
# part ("إضافة ثانية") opens on another topic than its first, and its own rare words may outweigh the title
TITLE_ALWAYS = 4


ANY_TYPE = "*"  # the keys of a unit's whole article: reports of one story told as two kinds meet there
_LATEST = "|latest"  # the key every event of a kind is filed under (``LATEST_OF_KIND``)
_TITLE = f"{ANY_TYPE}|h|"  # the key of a unit's title (``TITLE_ALWAYS``)
# the keys of a rare word of a title, where titles say what they react to (``khabar.corpus.reactions``):
# a reaction asks for what it reacts to there, whatever else its article shares with the report
_REACTED = f"{ANY_TYPE}|r|"


class Index:
    """Events filed under blocking keys: the rare items, rare figures and MinHash bands of a unit's
    whole article (any type), type × those of the text around its triggers, type × participant-or-place × day
    for dated units, type × known party × country for undated ones, type × country for any unit
    with a place (two undated reports of one bombing in words that share no rare item: the key many
    events share weighs little, and offers them when nothing else does), type × the person it
    befell for a death (``Context.subjects``), whatever its day, and type alone (a unit naming no place
    asks for the latest ``LATEST_OF_KIND`` events of its type)."""

    def __init__(self) -> None:
        self.postings: dict[str, list[int]] = defaultdict(list)
        # (key, event seq, unit position) filed in this run, as columns: a 10k first clustering files
        # ~400k, and a tuple for each would be ~25 MB more
        self.filed: dict[str, list] = {"key": [], "seq": [], "position": []}

    def start_from(self, stored: Mapping[str, list[int]]) -> None:
        """What earlier runs filed, before anything of this run."""
        for key, events in stored.items():
            self.postings[key] = list(events)

    @staticmethod
    def _dated_keys(unit: Unit, kind: str, ctx: Context, day: datetime.date) -> list[str]:
        anchors = list(unit.participants) + (list(ctx.places.chain(unit.place)) if unit.place else [])
        return [f"{kind}|{a}|{day.isoformat()}" for a in anchors]

    @staticmethod
    def _party_keys(unit: Unit, kind: str, ctx: Context) -> list[str]:
        """An undated unit's known parties × its place's country: two papers' own words on one
        resolution of the Security Council on Iran meet there (``parties.known_parties``)."""
        parties = known_parties(unit)
        if not parties:
            return []
        country = ctx.places.chain(unit.place)[-1]
        return [f"{kind}|p|{p}|{country}" for p in sorted(parties)]

    def keys(self, unit: Unit, ctx: Context, *, lookup: bool, filed_by_type: bool = False) -> list[str]:
        """The keys the unit is filed under, or (``lookup``) asks for: a dated unit asks for the
        days of the window. ``filed_by_type`` adds the whole article's keys as an older khabar
        filed them, under the unit's type (a warehouse clustered before keeps them). A report of an
        assault named only as such is filed, and looks, under each violent kind too (``compare.kin``).
        A report of no known type also asks for more of its article's rare items than it is filed
        under (``Context.looked_up``)."""
        whole, local = ctx.keys_of(unit)
        keys = [f"{ANY_TYPE}|{k}" for k in whole]
        if lookup and ctx.whole_story_only(unit):
            keys += [f"{ANY_TYPE}|{k}" for k in ctx.looked_up(unit)]
        if unit.headline is not None:  # one title: a release's parts, a reprint (``compare._one_headline``)
            keys.append(_TITLE + hashlib.blake2b(unit.headline.encode(), digest_size=8).hexdigest())
        keys += [_REACTED + i for i in sorted(unit.reacts_to if lookup else reactions.filed_under(unit, ctx))]
        if filed_by_type:
            keys += [f"{unit.event_type}|{k}" for k in whole]
        date, _ = unit.date
        days = (range(-DATE_WINDOW_DAYS, DATE_WINDOW_DAYS + 1) if lookup else (0,)) if date is not None else ()
        for kind in kinds_of(unit.event_type):
            keys += [f"{kind}|u{k}" for k in local]
            keys += [f"{kind}|s|{s}" for s in sorted(ctx.subjects(unit))]  # a death: whose, any day
            for d in days:
                keys += self._dated_keys(unit, kind, ctx, date + datetime.timedelta(days=d))
            if date is None:
                keys += self._party_keys(unit, kind, ctx)
            if unit.place:  # its type in its country: the last resort of a report retold in common words
                keys.append(f"{kind}|c|{ctx.places.chain(unit.place)[-1]}")
            if not (lookup and unit.place):  # every event is filed under its kind; a placeless unit asks
                keys.append(f"{kind}{_LATEST}")
        return keys

    def candidates(self, unit: Unit, ctx: Context, *, filed_by_type: bool = False) -> list[int]:
        """The events sharing the most keys with the unit (at most MAX_CANDIDATES), oldest first; each
        key counts the less the more events are filed under it (a day's health figures share the
        country and the words of every day's, and the one figure that is the day's own: 1,030 new
        cases). A unit its article only recalls further down (not ``lead``) joins nothing
        (``compare.conflict``)."""
        if not unit.lead:
            return []
        found: dict[int, float] = defaultdict(float)
        titled: set[int] = set()
        postings = self.postings
        for key in self.keys(unit, ctx, lookup=True, filed_by_type=filed_by_type):
            posting = postings.get(key)
            if posting:  # a key few events are filed under says more than one many share
                posting = posting[-(LATEST_OF_KIND if key.endswith(_LATEST) else POSTING_CAP):]
                weight = 1.0 / len(posting)
                for event in posting:
                    found[event] += weight
                if key.startswith((_TITLE, _REACTED)) and len(posting) <= TITLE_ALWAYS:
                    titled.update(posting)
        cap = STORY_CANDIDATES if ctx.whole_story_only(unit) else MAX_CANDIDATES
        best = sorted(found, key=lambda c: (-found[c], c))[:cap]
        return sorted(set(best) | titled)

    def add(self, unit: Unit, ctx: Context, event: int, position: int) -> None:
        """File the unit's event under its keys; one its article only recalls is joined by nothing,
        and filed nowhere (else its article's other units' events, under the same keys of the whole
        article, crowd the one it reports out of the candidates)."""
        for key in self.keys(unit, ctx, lookup=False) if unit.lead else ():
            posting = self.postings[key]
            if not posting or posting[-1] != event:
                posting.append(event)
                self.filed["key"].append(key)
                self.filed["seq"].append(event)
                self.filed["position"].append(position)
        ctx.filed(unit)

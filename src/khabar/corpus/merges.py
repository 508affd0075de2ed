"""Events as clustering forms them, and how two become one (``khabar.corpus.events`` clusters in order).

Two events that reports of ``MERGE_BRIDGES`` independent articles could each join (the attack, and a
statement condemning it in other words) are one happening told two ways: they are merged in
clustering order (``Merges``). A report that founded an event and is still alone after the pass asks
again once every report is filed (``second_chances``), under the same rule: one look-alike report
never chains two happenings; but one report under its title, or the report it reprints, is enough.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from khabar.corpus.compare import ONE_TITLE, REPRINT, compare, conflict, reprinted
from khabar.corpus.event_index import Index
from khabar.corpus.pooling import POOLED, pooled
from khabar.corpus.reading import Context, Join
from khabar.corpus.units import Unit

MEMBERS_COMPARED = 12  # a big event is compared through its founder and latest members
MERGE_BRIDGES = 2  # reports from this many articles that could join both events make them one


@dataclass
class Forming:
    seq: int
    members: list[Unit]  # in clustering order: all of them, or the founder and the latest (see compared)
    event_id: str | None = None  # an earlier event's id (a new one's is its founder's)
    stored: int = 0  # an earlier event's number of units (``members`` may hold only some of them)

    def compared(self) -> list[Unit]:
        """A big event is compared through its founder and latest members."""
        if max(self.stored, len(self.members)) <= MEMBERS_COMPARED:
            return self.members
        return [self.members[0], *self.members[-(MEMBERS_COMPARED - 1):]]


def second_chances(placed: Sequence[tuple[Unit, int, int]], events: dict[int, Forming],
                    joins: dict[int, Join | None], merges: Merges, index: Index, ctx: Context) -> None:
    """A report that founded an event and is still alone in it asks the index again, now that every
    report is filed: had it come after an event's reports it might have joined them. It joins the
    event it could join now only when ``MERGE_BRIDGES`` of that event's independent reports of its type
    could each have joined it (as two events are merged: ``Merges``), else one look-alike report would chain
    two happenings (the Nile boat's Giza report, founded before the two reports it meets, joins them;
    a report that only the bridging one resembles does not). One of the event's reports under the
    report's own title is enough, whatever their type (``compare._one_headline``: one title is one
    story; an agency's note clustered first, the paper's story under its title joined to its untitled
    reprint), and so is the report it reprints (``REPRINT``: the untitled reprint of a paper's story
    that joined the agency's note under their one title). Failing both, its type's reports of the event
    read together may take it (``khabar.corpus.pooling``: a few reports, like two bridges, not one). In
    clustering order, so the outcome is as canonical as the order."""
    for unit, seq, position in placed:
        seq = merges.resolve(seq)
        alone = events.get(seq)
        if alone is None or len(alone.members) != 1:
            continue
        best: tuple[int, Join] | None = None
        # an event whose reports all came before this one was weighed then: only those joined since are news
        for c in merges.candidates(index, unit, ctx):
            event = events.get(c)
            if c == seq or event is None or merges.positions[id(event.members[-1])] < position:
                continue
            compared = event.compared()
            if any(conflict(unit, m, ctx) for m in compared):
                continue
            found = [(m, j) for m in compared if m.event_type == unit.event_type and (j := compare(unit, m, ctx)) is not None]
            # one title is one story, and a reprint is the report it reprints: either is enough
            titled = [(m, j) for m, j in found if j.reason == ONE_TITLE or reprinted(unit.article_id, m.article_id, ctx)]
            if not mergeable(unit, ctx):
                found = titled  # a type grouped on strong evidence only: one title, or nothing
            elif not titled and independent([m for m, _ in found], ctx) < MERGE_BRIDGES:
                found = []
            if not found and (j := pooled(unit, compared, ctx)) is not None:
                found = [(j.member, j)]  # a few reports together: as many bridges
            if not found:
                continue
            j = max((j for _, j in found), key=lambda j: j.score)
            if best is None or j.score > best[1].score:
                best = (c, j)
        if best is None:
            continue
        target, j = best
        if j.reason == ONE_TITLE:
            why = "one of the event's reports is under its title; "
        elif reprinted(unit.article_id, j.member.article_id, ctx):
            why = "one of the event's reports is this one reprinted; "
        elif j.reason.startswith(POOLED):
            why = ""  # the reason says it
        else:
            why = f"{MERGE_BRIDGES} of the event's reports could each have joined it; "
        joins[id(unit)] = Join(j.score, j.member, j.shared_participants, j.shared_place, j.gap, j.shared_rare,
                               f"asked again once all were filed: {why}" + j.reason)
        kept = events[target]
        kept.members = sorted(kept.members + [unit], key=lambda u: merges.positions[id(u)])
        del events[seq]
        merges.into[seq] = target


def mergeable(unit: Unit, ctx: Context) -> bool:
    """Events of a type grouped only on strong shared evidence (statements) are not merged: a
    report that could join two of them is a look-alike, not a bridge."""
    kind = ctx.lexicon.types.get(unit.event_type)
    return kind is None or kind.cluster == "normal"


def independent(reports: Sequence[Unit], ctx: Context) -> int:
    """How many of these reports are independent, up to ``MERGE_BRIDGES``: a reprint of an earlier
    one (or another unit of its article) counts once."""
    counted: list[Unit] = []
    for u in reports:
        if all(u.article_id != c.article_id and ctx.likeness(u, c)[0] < REPRINT for c in counted):
            counted.append(u)
            if len(counted) == MERGE_BRIDGES:
                break
    return len(counted)


class Merges:
    """Events merged while clustering in order: the older (lower seq) takes the other's members in
    clustering order, and the other's founder gets an evidence row naming the report that completed
    the bridge. The index keeps filing the merged event's keys under its old seq; ``resolve`` reads
    them as the event it went into."""

    def __init__(self, events: dict[int, Forming], joins: dict[int, Join | None]) -> None:
        self.events, self.joins = events, joins
        self.into: dict[int, int] = {}
        self.bridges: dict[tuple[int, int], list[Unit]] = defaultdict(list)  # event pair -> bridging reports
        self.pairs: dict[int, set[tuple[int, int]]] = defaultdict(set)  # event -> its pairs in ``bridges``
        self.positions: dict[int, int] = {}  # unit id -> its clustering position

    def resolve(self, seq: int) -> int:
        while seq in self.into:
            seq = self.into[seq]
        return seq

    def candidates(self, index: Index, unit: Unit, ctx: Context) -> list[int]:
        if not self.into:
            return index.candidates(unit, ctx)
        return sorted({self.resolve(c) for c in index.candidates(unit, ctx)})

    def bridge(self, unit: Unit, joined: int, other: int, j: Join, ctx: Context) -> int:
        """The unit joined ``joined`` and could have joined ``other``: count it as a bridge between
        them, and merge them when there are enough. Returns the seq of the unit's event."""
        joined, other = self.resolve(joined), self.resolve(other)
        if joined == other:
            return joined
        if not mergeable(unit, ctx):
            return joined
        pair = (min(joined, other), max(joined, other))
        self.bridges[pair].append(unit)
        self.pairs[joined].add(pair)
        self.pairs[other].add(pair)
        bridges = independent(self.bridges[pair], ctx)
        if bridges < MERGE_BRIDGES:
            return joined
        keep, gone = self.events[pair[0]], self.events[pair[1]]
        if any(conflict(a, b, ctx) or conflict(b, a, ctx) for a in keep.compared() for b in gone.compared()):
            return joined
        founder = gone.members[0]
        self.joins[id(founder)] = Join(j.score, unit, j.shared_participants, j.shared_place, j.gap, j.shared_rare,
                                        f"events merged: {bridges} reports could join both; "
                                        + j.reason)
        keep.members = sorted(keep.members + gone.members, key=lambda u: self.positions[id(u)])
        del self.events[gone.seq]
        self.into[gone.seq] = keep.seq
        for a, b in sorted(self.pairs.pop(gone.seq)):  # the gone event's bridges are now the kept one's
            arts = self.bridges.pop((a, b))
            third = b if a == gone.seq else a
            self.pairs[third].discard((a, b))
            if third != keep.seq:
                moved = (min(keep.seq, third), max(keep.seq, third))
                self.bridges[moved] += arts
                self.pairs[keep.seq].add(moved)
                self.pairs[third].add(moved)
        self.pairs[keep.seq].discard(pair)
        return keep.seq

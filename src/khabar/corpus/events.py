"""Events over many articles: an article's mentions of one type merged into units, units grouped
across articles and languages, every join with its evidence.

``cluster_events`` takes units in a canonical order (earliest reference day first; on a day, and among
undated reports, those naming a weekday first; then mention id),
so the same documents give the same events whether they arrive in one run or in many, in any order,
and an article that arrives later never renames an event (an event's id is its founding mention's).

A unit is compared only with the events an index offers for it (``khabar.corpus.event_index``): events
sharing a rare item or a MinHash band of its whole article (of any type) or, of its type, of the text
around its triggers (``khabar.corpus.story``), or, when dated, a participant or place within the date
window, or, when undated, a known party in the same country. So the cost grows with the number of units
times a bounded number of candidates, not with the square of the warehouse. Two reports typed
differently (but for an assault named only as such and a violent kind) meet only when their whole
articles tell one story and report no type in common (``khabar.corpus.compare``); the event takes the type most of its
reports give.

A unit joins an event when one of its compared members could be the same happening and tells a
story alike enough (``khabar.corpus.compare``: places in the hierarchy, participants, dates, the
cosine of weighted items, and the look-alikes ruled out by what the reports state). Every join is a
``JoinEvidence`` row naming what was shared.

A report that arrives first may be too unlike the others to join them (a statement condemning an
attack, in its own words) and found an event of its own; when reports of two articles could each
join both events, the two are merged (no member of one ruling out a member of the other), and the
merged event's founder gets an evidence row naming the report that completed the bridge; a report
still alone after the pass may join an event on the same rule (``khabar.corpus.merges``). Merges
happen in the canonical order too, so they do not depend on how the documents were split into runs.
"""
from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from khabar.corpus import story
from khabar.corpus.compare import compare, conflict
from khabar.corpus.event_index import Index
from khabar.corpus.merges import Forming, Merges, second_chances
from khabar.corpus.places import Hierarchy, load_hierarchy
from khabar.corpus.pooling import pooled, pools_with
from khabar.corpus.reading import Context, Join, opening_of, profile_of
from khabar.corpus.units import (
    UNNAMED_ASSAULT,
    Unit,
    units_of_article,
)
from khabar.document.events import (
    DATE_SOURCES,
    ArticleInput,
    EventMention,
    Lexicon,
    load_lexicon,
)
from khabar.text.sentences import sentence_spans


@dataclass(frozen=True)
class EventCluster:
    event_id: str
    event_type: str
    event_date: datetime.date | None
    location_entity_id: str | None
    mention_ids: tuple[str, ...]
    article_ids: tuple[str, ...]
    participants: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class JoinEvidence:
    event_id: str
    mention_id: str
    article_id: str
    joined_to_mention_id: str | None
    shared_participants: tuple[str, ...]
    shared_place: str | None
    date_gap_days: int | None
    shared_rare: tuple[str, ...]
    score: float
    reason: str


class Earlier:
    """What earlier runs left for clustering to build on: this base is an empty warehouse. The
    warehouse's own (``khabar.store.event_state.StoredEvents``) answers from its tables, so that a run
    reads only the events its new reports may join, and the articles of their members.

    Events are numbered (``seq``) in the order they were founded, units (``position``) in the order
    they were clustered; both go on from where the last run stopped."""

    documents: int = 0  # articles clustered before
    next_seq: int = 0
    next_position: int = 0

    def story_df(self, items: Collection[str]) -> Mapping[str, tuple[int, int]]:
        """item -> (its document frequency among articles clustered before, its entity background df)."""
        return {}

    def postings(self, keys: Collection[str]) -> Mapping[str, list[int]]:
        """key -> the events filed under it (the latest POSTING_CAP, oldest first)."""
        return {}

    def members(self, seqs: Collection[int], *, compared_only: bool) -> Mapping[int, StoredEvent]:
        return {}

    def articles(self, doc_ids: Collection[str]) -> tuple[list[ArticleInput], list[EventMention]]:
        """These earlier articles and their event mentions."""
        return [], []

    def words(self, doc_ids: Collection[str]) -> Mapping[str, Sequence[str]]:
        """The word and number items (``story.text_items``) kept for these earlier articles."""
        return {}


@dataclass(frozen=True)
class StoredEvent:
    event_id: str
    units: int  # how many units it has
    heads: tuple[tuple[str, str], ...]  # (doc_id, head mention id) in clustering order: all, or founder and latest


@dataclass(frozen=True)
class Increment:
    """What one clustering changes: the earlier events it re-formed (``replaced``: their rows, units
    and keys go) and the events it formed (whole rows, evidence of every member, units and keys),
    and the statistics the next run builds on."""

    events: list[EventCluster]
    evidence: list[JoinEvidence]
    units: list[tuple[str, int, str, str, int]]  # (event_id, seq, doc_id, head mention id, position)
    keys: dict[str, list]  # key, seq, position: columns of as many rows
    story_df: list[tuple[str, int, int]]  # (item, df, entity df): totals for the new articles' items
    words: list[tuple[str, list[str]]]  # (doc_id, its text items): so no later run reads its words again
    replaced: list[tuple[int, str]] = field(default_factory=list)  # (seq, event id) of earlier events re-formed



class _EarlierUnits:
    """Units of articles clustered in earlier runs, rebuilt from their stored mentions when an event
    they belong to is compared."""

    def __init__(self, earlier: Earlier, ctx: Context) -> None:
        self.earlier, self.ctx = earlier, ctx
        self.by_article: dict[str, list[Unit]] = {}

    def events(self, seqs: Collection[int], *, compared_only: bool) -> dict[int, Forming]:
        if not seqs:
            return {}
        stored = self.earlier.members(seqs, compared_only=compared_only)
        self._read({d for s in stored.values() for d, _ in s.heads})
        found = {}
        for seq, s in stored.items():
            units = []
            for doc_id, head in s.heads:
                unit = next((u for u in self.by_article.get(doc_id, ())
                             if any(m.mention_id == head for m in u.mentions)), None)
                if unit is not None and all(unit is not u for u in units):
                    units.append(unit)
            if units:
                found[seq] = Forming(seq, units, s.event_id, s.units)
        self.ctx.tell([u for e in found.values() for u in e.members])  # only the units compared
        return found

    def _read(self, doc_ids: set[str]) -> None:
        missing = sorted(doc_ids - set(self.by_article))
        if not missing:
            return
        articles, mentions = self.earlier.articles(missing)
        self.ctx.read(articles, self.earlier.words(missing))
        per_article: dict[str, list[EventMention]] = defaultdict(list)
        for m in mentions:
            per_article[m.article_id].append(m)
        for a in articles:
            self.by_article[a.article_id] = units_of_article(a, per_article[a.article_id], self.ctx.places)


def _joins(unit: Unit, events: Mapping[int, Forming], candidates: list[int], ctx: Context) -> list[tuple[int, Join]]:
    """Each event this unit could join, with its best-scoring member's join (or, when none joins, its
    reports' read together: ``pooled``), among events none of whose compared members rules the unit
    out (an event is one happening: one place, one date window).
    The unit joins the best; the others it could join count as bridges (``khabar.corpus.merges.Merges``)."""
    found = []
    for ci in candidates:
        event = events.get(ci)
        if event is None:
            continue
        compared = event.compared()
        if any(conflict(unit, member, ctx) for member in compared):
            continue
        best: Join | None = None
        for member in compared:
            j = compare(unit, member, ctx)
            if j is not None and (best is None or j.score > best.score):
                best = j
        if best is None:
            best = pooled(unit, compared, ctx)
        if best is not None:
            found.append((ci, best))
    return found


def cluster_increment(mentions: Sequence[EventMention], articles: Iterable[ArticleInput],
                      earlier: Earlier | None = None, lexicon: Lexicon | None = None) -> Increment:
    """Cluster the units of new articles with the earlier events they could join.

    First each new unit asks the index for candidate events and keeps those it could join, whatever
    their other members say (``_could_join``): its neighbourhood. Then the units of those events
    and the new ones are clustered afresh, in the canonical order, and the events they form replace
    the neighbourhood's. So a report that arrives late clusters as if it had come with the others (a
    bridge between two events, or a member that would have kept a later one out), and events no new
    report could join are not read at all. With an empty ``earlier`` this is the clustering of these
    articles alone.

    ``articles`` are read once, each dropped when its profile and units are made: given one at a
    time (an iterator), they are never all in memory together."""
    earlier = earlier or Earlier()
    lex = lexicon or load_lexicon()
    places = load_hierarchy()
    profiles, openings, units_of = _new_articles(articles, mentions, places)
    new_ids = sorted(profiles)
    rarity = story.Rarity.of(profiles.values(), stored=earlier.story_df if earlier.documents else None,
                             documents=earlier.documents)
    rarity.ensure({i for p in profiles.values() for i in p.items})
    ctx = Context(lex, places, rarity, {aid: story.Weighted.of(profiles[aid], rarity) for aid in new_ids})
    ctx.weigh_openings(openings)
    del profiles  # the weighted profiles hold the same items (a 10k first clustering's profiles: ~80 MB)
    new_units = [u for aid in new_ids for u in units_of.pop(aid)]
    ctx.tell(new_units)
    stored_units = _EarlierUnits(earlier, ctx)
    replaced = _neighbourhood(new_units, earlier, stored_units, ctx)
    old_units = list({id(u): u for e in replaced.values() for u in e.members}.values())
    units = sorted([*old_units, *new_units], key=lambda u: (u.key, u.article_id))
    index, events, joins, placed = _cluster_in_order(units, ctx, earlier.next_seq, earlier.next_position)
    clusters, evidence = [], []
    for e in events.values():
        cluster = _event(e.members, lex)
        clusters.append(cluster)
        evidence += _evidence(e.members, cluster.event_id, joins)
    event_ids = {e.seq: c.event_id for e, c in zip(events.values(), clusters)}
    new_items = sorted({i for aid in new_ids for i in ctx.profiles[aid].weights})
    return Increment(
        events=sorted(clusters, key=lambda c: c.event_id),
        evidence=sorted(evidence, key=lambda r: (r.event_id, r.mention_id)),
        units=[(event_ids[s], s, u.article_id, u.first_mention_id, pos) for u, s, pos in placed],
        keys=index.filed,
        story_df=[(i, rarity.warehouse_df[i], rarity.entity_df.get(i, 0)) for i in new_items],
        words=[(aid, sorted(i for i in ctx.profiles[aid].weights if not i.startswith("e:"))) for aid in new_ids],
        replaced=sorted((e.seq, e.event_id or "") for e in replaced.values()),
    )


def _new_articles(articles: Iterable[ArticleInput], mentions: Sequence[EventMention],
                  places: Hierarchy) -> tuple[dict[str, story.Profile], list[story.Profile], dict[str, list[Unit]]]:
    """The profile, the opening and the units of each article that has mentions, made as the article is read:
    an article's body and entities are not needed after, and go as the next one comes (the bodies
    and entities of a 10k first clustering are ~60 MB)."""
    per_article: dict[str, list[EventMention]] = defaultdict(list)
    for m in mentions:
        per_article[m.article_id].append(m)
    profiles: dict[str, story.Profile] = {}
    openings: list[story.Profile] = []
    units: dict[str, list[Unit]] = {}
    for a in articles:
        if a.article_id in per_article:
            spans = sentence_spans(a.body)  # the opening's and the units'
            profiles[a.article_id] = profile_of(a)
            openings.append(opening_of(a, spans))
            units[a.article_id] = units_of_article(a, per_article[a.article_id], places, spans)
    return profiles, openings, units


def _cluster_in_order(units: Sequence[Unit], ctx: Context, seq: int, position: int):
    """Each unit joins the best event the index offers, or founds one (numbered from ``seq``); units
    are numbered from ``position``. Two events that ``MERGE_BRIDGES`` reports could each join (the
    best for them, the other as well) are one happening told in two ways (the attack, and a
    statement condemning it) and are merged (``khabar.corpus.merges.Merges``). Returns the index, the events, each unit's
    join (None for a founder) and (unit, event seq, position) in order."""
    index = Index()
    events: dict[int, Forming] = {}
    joins: dict[int, Join | None] = {}
    placed: list[tuple[Unit, int, int]] = []
    merges = Merges(events, joins)
    for unit in units:
        found = _joins(unit, events, merges.candidates(index, unit, ctx), ctx)
        if not found:
            target, joins[id(unit)] = seq, None
            events[seq] = Forming(seq, [unit])
            seq += 1
        else:
            target, joins[id(unit)] = max(found, key=lambda f: (f[1].score, -f[0]))  # the oldest on a tie
            events[target].members.append(unit)
        merges.positions[id(unit)] = position
        index.add(unit, ctx, target, position)
        placed.append((unit, target, position))
        position += 1
        for other, j in found:
            if other != target:
                target = merges.bridge(unit, target, other, j, ctx)
    second_chances(placed, events, joins, merges, index, ctx)
    index.filed["seq"][:] = [merges.resolve(s) for s in index.filed["seq"]]
    return index, events, joins, [(u, merges.resolve(s), pos) for u, s, pos in placed]


def _could_join(unit: Unit, event: Forming, ctx: Context) -> bool:
    """Whether the unit could join the event were no other member in its way: one of them, or
    its reports read together (``pooled``)."""
    compared = event.compared()
    return (any(compare(unit, m, ctx) is not None for m in compared if unit.article_id != m.article_id)
            or pooled(unit, compared, ctx) is not None)


def _neighbourhood(new_units: list[Unit], earlier: Earlier, stored_units: _EarlierUnits,
                   ctx: Context) -> dict[int, Forming]:
    """The earlier events some new unit could join, with all their units."""
    if not earlier.next_seq or not new_units:
        return {}
    index = Index()
    wanted = {k for u in new_units if u.lead for k in index.keys(u, ctx, lookup=True, filed_by_type=True)}
    index.start_from(earlier.postings(wanted))
    # the index holds earlier events only
    candidates = {id(u): index.candidates(u, ctx, filed_by_type=True) for u in new_units}
    compared = stored_units.events(sorted({c for found in candidates.values() for c in found}), compared_only=True)
    near = {c for u in new_units for c in candidates[id(u)] if c in compared and _could_join(u, compared[c], ctx)}
    # a report left alone in an earlier run may be read with new reports pooled once they are an
    # event (``pooled``, in its second chance): it is clustered again with them, as in one clustering
    near |= {c for u in new_units for c in candidates[id(u)] if c in compared and c not in near
             and max(compared[c].stored, len(compared[c].members)) == 1 and pools_with(compared[c].members[0], u, ctx)}
    return stored_units.events(sorted(near), compared_only=False) if near else {}


def cluster_events(
    mentions: Sequence[EventMention], articles: Sequence[ArticleInput], lexicon: Lexicon | None = None
) -> tuple[list[EventCluster], list[JoinEvidence]]:
    """Group mentions into events; return the events and one evidence row per mention."""
    done = cluster_increment(mentions, articles, lexicon=lexicon)
    return done.events, done.evidence


def _event(members: list[Unit], lexicon: Lexicon) -> EventCluster:
    best_source = min((DATE_SOURCES.index(u.date[1]) for u in members if u.date[0] is not None), default=None)
    dates = Counter(u.date[0] for u in members if u.date[0] is not None and DATE_SOURCES.index(u.date[1]) == best_source)
    places = Counter(u.place for u in members if u.place is not None)
    participants: dict[str, str] = {}
    for u in members:
        for eid, role in u.participants.items():
            participants.setdefault(eid, role)
    return EventCluster(
        event_id="ev-" + members[0].first_mention_id,
        event_type=_kind(members, lexicon),
        event_date=min(dates, key=lambda d: (-dates[d], d)) if dates else None,
        location_entity_id=min(places, key=lambda p: (-places[p], p)) if places else None,
        mention_ids=tuple(sorted(m.mention_id for u in members for m in u.mentions)),
        article_ids=tuple(sorted({u.article_id for u in members})),
        participants=tuple(sorted(participants.items())),
    )


def _kind(members: list[Unit], lexicon: Lexicon) -> str:
    """The event's type: the one most of its reports tell it as, a known type before one grouped on
    whole stories alone ("other") or an assault named only as such ("incident"), the founder's on a tie."""
    def known(t: str) -> bool:
        kind = lexicon.types.get(t)
        return t != UNNAMED_ASSAULT and (kind is None or kind.cluster != "story_only")
    told = Counter(u.event_type for u in members)
    return min(told, key=lambda t: (not known(t), -told[t], t != members[0].event_type, t))


def _evidence(members: list[Unit], event_id: str, joins: dict[int, Join | None]) -> list[JoinEvidence]:
    rows = []
    for u in members:
        head, j = u.first_mention_id, joins[id(u)]
        for m in sorted(u.mentions, key=lambda m: m.mention_id):
            if m.mention_id != head:
                rows.append(JoinEvidence(event_id, m.mention_id, m.article_id, head, (), None, 0, (), 1.0,
                                         "same article, same type"))
            elif j is None:
                rows.append(JoinEvidence(event_id, m.mention_id, m.article_id, None, (), None, None, (), 1.0,
                                         "founding mention"))
            else:
                rows.append(JoinEvidence(event_id, m.mention_id, m.article_id, j.member.first_mention_id,
                                         j.shared_participants, j.shared_place, j.gap, j.shared_rare, j.score,
                                         j.reason))
    return rows

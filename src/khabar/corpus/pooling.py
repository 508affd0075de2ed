"""An undated report read against an event's reports together (``pooled``), when no single one of them
resembles it enough (``khabar.corpus.compare``): reactions to one attack on a town, each in its own
words, share a little with every report of it and enough with all of them together. (A bombing, a crash
or "the terrorist incident" in one town is rare enough that an undated report of it needs no more
likeness to one report than a dated one does, ``compare.RARE_IN_ONE_PLACE``: its condemnations join
directly; the kinds a town sees more often, a clash, a fire, a protest, need this reading.)

The reading is asked of the events the index offers a report, in the pass and in a lone report's second
chance (``khabar.corpus.events``, ``khabar.corpus.merges``), and of an earlier run's events: a report left
alone in an earlier run that could be read with a new report (``pools_with``) is clustered again with the
new reports, so a split into runs gives what one clustering gives.
"""
from __future__ import annotations

from collections.abc import Sequence

from khabar.corpus import parties, story
from khabar.corpus.compare import kin, reprinted
from khabar.corpus.days import date_gap
from khabar.corpus.reading import Context, Join
from khabar.corpus.units import Unit, places_compatible

POOL_MIN_ARTICLES = 3  # independent reports of the event, at least (with 2 a near miss of the dev sets merges)
POOL_JOIN = 0.2  # as PLACE_STORY_JOIN (dev sets: 0.15 chains two days' fighting in one province)
POOLED = "undated; reports of the event read together tell its story"  # a ``pooled`` join's reason


def pooled(unit: Unit, members: Sequence[Unit], ctx: Context) -> Join | None:
    """A report of a type grouped on ordinary evidence (not a statement, not a report of no known
    type) and an event's reports of its kind (``kin``), no two of them both dated, at least
    ``POOL_MIN_ARTICLES`` articles of its language (a reprint counts once), all in its town or region
    (not a country), and the report naming no known party unless one of them names it too: one
    happening when the report is ``POOL_JOIN`` alike to their articles pooled (each weighed as one,
    the sum of their normalised profiles), or its trigger's text to theirs. Reactions to one attack,
    each in its own words, share a little with every report of it and enough with all of them together."""
    if not _may_pool(unit, ctx):
        return None
    # the event's reports of its kind in other articles (its own article's other reports are no evidence)
    told = [m for m in members if m.article_id != unit.article_id and kin(unit.event_type, m.event_type)
            and not ctx.whole_story_only(m)]
    others = sorted({m.article_id for m in told})
    if len(others) < POOL_MIN_ARTICLES or not all(_member_pools(unit, m, ctx) for m in told):
        return None
    # its known parties are weighed against all the reports' together: the ministry gave the toll in
    # one, the group claimed the bombing in another, and a condemnation naming the group is of it
    mine = parties.known_parties(unit)
    theirs = frozenset().union(*(parties.known_parties(m) for m in told))
    if mine and theirs and mine.isdisjoint(theirs):
        return None
    articles: list[str] = []
    for aid in others:  # a reprint counts once
        if not any(reprinted(aid, kept, ctx) for kept in articles):
            articles.append(aid)
    if len(articles) < POOL_MIN_ARTICLES:
        return None
    # as ``Context.likeness`` reads two reports: as whole articles, or around their triggers, whichever is more
    chosen = set(articles)
    whole = _pooled_likeness(ctx.profiles[unit.article_id], [ctx.profiles[aid] for aid in articles])
    local = _pooled_likeness(ctx.told_of(unit), [ctx.told_of(m) for m in told if m.article_id in chosen])
    likeness, rare = max(whole, local, key=lambda found: found[0])
    if likeness < POOL_JOIN:
        return None
    own = ctx.profiles[unit.article_id]
    member = max(told, key=lambda m: (story.similarity(own, ctx.profiles[m.article_id])[0], m.article_id))
    return Join(round(likeness, 3), member, (), unit.place, None, rare,
                f"{POOLED}: {len(articles)} of them; same place")


def _may_pool(unit: Unit, ctx: Context) -> bool:
    """A type grouped on ordinary evidence (not on its whole story, not on strong evidence only), in a
    town or region."""
    kind = ctx.lexicon.types.get(unit.event_type)
    return (kind is None or kind.cluster == "normal") and ctx.places.is_specific(unit.place)


def pools_with(unit: Unit, member: Unit, ctx: Context) -> bool:
    """Whether a report of an event leaves ``unit`` to be read against the event's reports pooled
    (``pooled``): of its kind, language, town or region, not both dated (the parties are weighed
    against all the event's reports together, in ``pooled``)."""
    return (_may_pool(unit, ctx) and kin(unit.event_type, member.event_type) and not ctx.whole_story_only(member)
            and _member_pools(unit, member, ctx))


def _member_pools(unit: Unit, member: Unit, ctx: Context) -> bool:
    """A report of the event, of the unit's kind, that leaves it to be read with the others: of its
    language, in its town or region, not both dated."""
    return (member.lang == unit.lang and date_gap(unit, member)[0] is None and ctx.places.is_specific(member.place)
            and places_compatible(unit, member, ctx.places))


def _pooled_likeness(own: story.Weighted, profiles: Sequence[story.Weighted]) -> tuple[float, tuple[str, ...]]:
    """The cosine of a profile and the sum of others, each normalised (weighed as one), in their order
    (the same floats whoever sums them); and the eight shared items that weigh most."""
    pool: dict[str, float] = {}
    for profile in profiles:
        for item, weight in profile.weights.items():
            pool[item] = pool.get(item, 0.0) + weight / profile.norm
    shared = [i for i in own.weights if i in pool]
    likeness = sum([own.weights[i] * pool[i] for i in shared]) / (own.norm * story.euclidean_norm(pool))
    return likeness, tuple(sorted(shared, key=lambda i: (-own.weights[i] * pool[i], i))[:8])

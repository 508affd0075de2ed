"""Events over many articles: an article's mentions of one type merged into units, units grouped
across articles and languages, every join with its evidence.

``cluster_events`` groups units of the same type greedily in a canonical order (earliest published
first), so the result does not depend on input order and an article published later never renames an
event. A unit joins an event when the type matches, participants overlap, places are compatible and,
when both are dated, the dates are within a window; an undated unit (or a type that is only grouped on
strong evidence) joins only when the two articles share rare evidence: entities, numbers, and word
trigrams few articles of the batch have. Every join is a ``JoinEvidence`` row.
"""
from __future__ import annotations

import datetime
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from khabar.document.events import (
    DATE_SOURCES,
    ArticleInput,
    EventMention,
    Lexicon,
    load_lexicon,
)
from khabar.text.normalize import fold
from khabar.text.sentences import sentence_spans, span_of

DATE_WINDOW_DAYS = 3
STRONG_EVIDENCE = 3.0
SAME_RARE_PLACE_WEIGHT = 1.0
TRIGRAM_WEIGHT = 0.2
TRIGRAM_CAP = 4.0
RARE_FRACTION = 0.1
_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w])")
_WORD = re.compile(r"\w+")

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




@dataclass
class _Unit:
    """An article's mentions of one type that report one happening."""

    article_id: str
    event_type: str
    published: datetime.date | None
    mentions: list[EventMention]
    participants: dict[str, str] = field(default_factory=dict)
    place: str | None = None
    places: set[str] = field(default_factory=set)

    @property
    def first_mention_id(self) -> str:
        return min(m.mention_id for m in self.mentions)

    @property
    def key(self) -> tuple[datetime.date, str]:
        return (self.published or datetime.date.max, self.first_mention_id)

    @property
    def date(self) -> tuple[datetime.date | None, str]:
        for source in DATE_SOURCES:
            for m in self.mentions:
                if m.date_source == source and m.event_date is not None:
                    return m.event_date, source
        return None, "none"

    def add(self, m: EventMention, sentence_places: set[str]) -> None:
        self.mentions.append(m)
        for eid, role in m.participants:
            self.participants.setdefault(eid, role)
        if self.place is None and m.location_entity_id is not None:
            self.place = m.location_entity_id
        self.places |= sentence_places


@dataclass(frozen=True)
class _ArticleFeatures:
    lang: str
    entities: frozenset[str]
    numbers: frozenset[str]
    trigrams: frozenset[str]


def _features(article: ArticleInput) -> _ArticleFeatures:
    folded = fold(article.body)
    words = [w for w in _WORD.findall(folded) if len(w) > 1 and not w.isdigit()]
    trigrams = frozenset(" ".join(words[i : i + 3]) for i in range(len(words) - 2))
    numbers = frozenset(n for n in _NUMBER.findall(folded) if len(n) >= 2)
    return _ArticleFeatures(article.lang, frozenset(e.entity_id for e in article.entities), numbers, trigrams)


def _places_compatible(a: _Unit, b: _Unit) -> bool:
    if a.place is None or b.place is None:
        return True
    return a.place in b.places or b.place in a.places


def _participants_ok(a: _Unit, b: _Unit, shared: set[str]) -> bool:
    if not a.participants or not b.participants:
        return True
    need = min(2, len(a.participants), len(b.participants)) if a.event_type in ("meeting", "call") else 1
    return len(shared) >= need


def _units_of_article(
    article: ArticleInput, mentions: Sequence[EventMention]
) -> list[_Unit]:
    spans = sentence_spans(article.body)
    units: list[_Unit] = []
    for m in sorted(mentions, key=lambda m: (m.trigger_start, m.mention_id)):
        s0, s1 = span_of(spans, m.trigger_start)
        sp = {e.entity_id for e in article.entities if e.entity_type == "location" and e.start >= s0 and e.end <= s1}
        probe = _Unit(article.article_id, m.event_type, article.published_date, [])
        probe.add(m, sp)
        same_type = [u for u in units if u.event_type == m.event_type]
        target = None
        if probe.participants:
            # the same participants in one article: one happening, wherever each sentence puts it
            target = next((u for u in same_type if u.participants
                           and _participants_ok(u, probe, set(u.participants) & set(probe.participants))), None)
            if target is None:
                target = next((u for u in same_type if not u.participants and _places_compatible(u, probe)), None)
        elif same_type:
            # no one named: an anaphoric "the meeting", "they discussed"; it belongs to the latest unit of
            # the type unless it names another place and that unit has no people to anchor it
            last = same_type[-1]
            if last.participants or _places_compatible(last, probe):
                target = last
        if target is None:
            units.append(probe)
        else:
            target.add(m, sp)
    return units


@dataclass(frozen=True)
class _Rarity:
    cutoff: int
    df: Counter

    def rare(self, item: str) -> bool:
        return 0 < self.df[item] <= self.cutoff


def _strong(
    fa: _ArticleFeatures, fb: _ArticleFeatures, exclude: set[str], rarity: _Rarity
) -> tuple[float, tuple[str, ...]]:
    ents = sorted(e for e in (fa.entities & fb.entities) - exclude if rarity.rare("e:" + e))
    nums = sorted(n for n in fa.numbers & fb.numbers if rarity.rare("n:" + n))
    tris = [t for t in fa.trigrams & fb.trigrams if rarity.rare("t:" + t)]
    score = len(ents) + len(nums) + min(TRIGRAM_CAP, TRIGRAM_WEIGHT * len(tris))
    shared = tuple(ents) + tuple(f"#{n}" for n in nums) + ((f"{len(tris)} shared phrases",) if tris else ())
    return score, shared


@dataclass(frozen=True)
class _Join:
    score: float
    member: _Unit
    shared_participants: tuple[str, ...]
    shared_place: str | None
    gap: int | None
    shared_rare: tuple[str, ...]
    reason: str


def _compare(
    unit: _Unit, member: _Unit, lex: Lexicon, feats: dict[str, _ArticleFeatures], rarity: _Rarity
) -> _Join | None:
    if unit.article_id == member.article_id or not _places_compatible(unit, member):
        return None
    shared = set(unit.participants) & set(member.participants)
    if not _participants_ok(unit, member, shared):
        return None
    (da, _), (db, _) = unit.date, member.date
    gap = abs((da - db).days) if da is not None and db is not None else None
    if gap is not None and gap > DATE_WINDOW_DAYS:
        return None
    shared_place = None
    if unit.place is not None and member.place is not None:  # compatible, checked above
        shared_place = unit.place if unit.place in member.places else member.place
    strong, rare = _strong(feats[unit.article_id], feats[member.article_id], set(unit.participants) | set(member.participants), rarity)
    if shared_place is not None and rarity.rare("e:" + shared_place):
        # both reports put the happening at the same rarely named place (a town, not a country)
        strong += SAME_RARE_PLACE_WEIGHT
    policy = lex.types[unit.event_type].cluster if unit.event_type in lex.types else "normal"
    dated = gap is not None
    if dated and policy == "normal" and (shared_place or len(shared) >= 2):
        reason = "dated within window; " + ("shared participants" if shared else "same place")
    elif strong >= STRONG_EVIDENCE:
        reason = "strong shared evidence" + ("" if dated else " (undated)")
    else:
        return None
    score = 2.0 * len(shared) + (2.0 if shared_place else 0.0) + strong
    if dated:
        score += 1.0 - gap / (DATE_WINDOW_DAYS + 1)
    return _Join(round(score, 3), member, tuple(sorted(shared)), shared_place, gap, rare, reason)


def cluster_events(
    mentions: Sequence[EventMention], articles: Sequence[ArticleInput], lexicon: Lexicon | None = None
) -> tuple[list[EventCluster], list[JoinEvidence]]:
    """Group mentions into events; return the events and one evidence row per mention."""
    lex = lexicon or load_lexicon()
    by_id = {a.article_id: a for a in articles}
    per_article: dict[str, list[EventMention]] = defaultdict(list)
    for m in mentions:
        if m.article_id in by_id:
            per_article[m.article_id].append(m)
    units = [u for aid in sorted(per_article) for u in _units_of_article(by_id[aid], per_article[aid])]
    units.sort(key=lambda u: (u.key, u.article_id))
    feats = {aid: _features(by_id[aid]) for aid in per_article}
    df: Counter = Counter()
    for f in feats.values():
        df.update("e:" + e for e in f.entities)
        df.update("n:" + n for n in f.numbers)
        df.update("t:" + t for t in f.trigrams)
    rarity = _Rarity(max(2, math.floor(RARE_FRACTION * len(feats))), df)

    clusters: list[list[_Unit]] = []
    joins: dict[int, _Join | None] = {}
    for unit in units:
        best: tuple[float, int, _Join] | None = None
        for ci, members in enumerate(clusters):
            if members[0].event_type != unit.event_type:
                continue
            if any(m.article_id == unit.article_id for m in members):
                continue
            for member in members:
                j = _compare(unit, member, lex, feats, rarity)
                if j is not None and (best is None or (j.score, -ci) > (best[0], -best[1])):
                    best = (j.score, ci, j)
        if best is None:
            clusters.append([unit])
            joins[id(unit)] = None
        else:
            clusters[best[1]].append(unit)
            joins[id(unit)] = best[2]
    return _emit(clusters, joins)


def _emit(
    clusters: list[list[_Unit]], joins: dict[int, _Join | None]
) -> tuple[list[EventCluster], list[JoinEvidence]]:
    events: list[EventCluster] = []
    evidence: list[JoinEvidence] = []
    for members in clusters:
        founder = members[0]
        event_id = "ev-" + founder.first_mention_id
        dates = Counter()
        best_source = min(
            (DATE_SOURCES.index(u.date[1]) for u in members if u.date[0] is not None), default=None
        )
        for u in members:
            d, s = u.date
            if d is not None and DATE_SOURCES.index(s) == best_source:
                dates[d] += 1
        event_date = min(dates, key=lambda d: (-dates[d], d)) if dates else None
        places = Counter(u.place for u in members if u.place is not None)
        location = min(places, key=lambda p: (-places[p], p)) if places else None
        participants: dict[str, str] = {}
        for u in members:
            for eid, role in u.participants.items():
                participants.setdefault(eid, role)
        mention_ids = sorted(m.mention_id for u in members for m in u.mentions)
        events.append(
            EventCluster(
                event_id=event_id,
                event_type=founder.event_type,
                event_date=event_date,
                location_entity_id=location,
                mention_ids=tuple(mention_ids),
                article_ids=tuple(sorted({u.article_id for u in members})),
                participants=tuple(sorted(participants.items())),
            )
        )
        for u in members:
            head = u.first_mention_id
            j = joins[id(u)]
            for m in sorted(u.mentions, key=lambda m: m.mention_id):
                if m.mention_id != head:
                    evidence.append(JoinEvidence(event_id, m.mention_id, m.article_id, head, (), None, 0, (), 1.0,
                                                 "same article, same type"))
                elif j is None:
                    evidence.append(JoinEvidence(event_id, m.mention_id, m.article_id, None, (), None, None, (), 1.0,
                                                 "founding mention"))
                else:
                    evidence.append(JoinEvidence(event_id, m.mention_id, m.article_id, j.member.first_mention_id,
                                                 j.shared_participants, j.shared_place, j.gap, j.shared_rare,
                                                 j.score, j.reason))
    events.sort(key=lambda e: e.event_id)
    evidence.sort(key=lambda r: (r.event_id, r.mention_id))
    return events, evidence

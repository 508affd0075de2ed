"""Events: mentions per article, clustered across articles and languages, with their evidence.

Input records are plain (``ArticleInput`` with ``EntityRef`` and ``DateRef``); the pipeline fills them
from the entity and date stages. Nothing here reads files other than the package's lexicons.

1. ``extract_event_mentions`` finds triggers from a per-language lexicon (``data/events/triggers.json``,
   typed with CAMEO root codes and ACLED event types) on folded text, and for each one takes the
   sentence around it: participants (persons and organisations in that sentence, with roles), place
   (the location nearest the trigger) and date (a date in the sentence, else relative words or a
   weekday against the publication date, else the publication date; ``date_source`` says which).
2. ``cluster_events`` merges an article's mentions of one type into units, then groups units of the
   same type across articles, greedily in a canonical order (earliest published first), so the
   result does not depend on input order and an article published later never renames an event.
   A unit joins an event when the type matches, participants overlap, places are compatible and,
   when both are dated, the dates are within a window; an undated unit (or a type that is only
   grouped on strong evidence) joins only when the two articles share rare evidence: entities,
   numbers, and word trigrams few articles of the batch have. Every join is a ``JoinEvidence`` row.
"""
from __future__ import annotations

import datetime
import hashlib
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from khabar.normalize import fold, fold_with_offsets


_SENTENCE_END = re.compile(r"(?<!\d)[.!?\u061f\u06d4](?!\d)|\n+")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w])")
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")

SENTENCE_MAX_CHARS = 400
DATE_WINDOW_DAYS = 3
STRONG_EVIDENCE = 3.0
SAME_RARE_PLACE_WEIGHT = 1.0
TRIGRAM_WEIGHT = 0.2
TRIGRAM_CAP = 4.0
RARE_FRACTION = 0.1
VERB_MARK = "v:"
PARTICIPANT_TYPES = frozenset({"person", "organization"})
DATE_SOURCES = ("sentence", "relative", "publication", "none")


class EventLexiconError(ValueError):
    """The event lexicon data file is malformed; carries the offending entry."""

    def __init__(self, message: str, entry: object) -> None:
        super().__init__(f"{message}: {entry!r}")
        self.entry = entry


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class EntityRef:
    entity_id: str
    entity_type: str  # person | organization | location
    start: int
    end: int
    surface_form: str


@dataclass(frozen=True)
class DateRef:
    value: datetime.date
    start: int
    end: int


@dataclass(frozen=True)
class ArticleInput:
    article_id: str
    lang: str
    published_date: datetime.date | None
    body: str
    entities: tuple[EntityRef, ...]
    dates: tuple[DateRef, ...]
    outlet_id: str | None = None


@dataclass(frozen=True)
class EventMention:
    mention_id: str
    article_id: str
    event_type: str
    cameo_root: str
    trigger: str
    trigger_start: int
    sentence: str
    participants: tuple[tuple[str, str], ...]
    location_entity_id: str | None
    event_date: datetime.date | None
    date_source: str
    relative_words: tuple[str, ...] = ()


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


# ---------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class EventType:
    name: str
    cameo_root: str
    cluster: str  # normal | strong_only
    roles: str  # participant | actor_target


@dataclass(frozen=True)
class Lexicon:
    """Compiled trigger and relative-date patterns, per language."""

    types: dict[str, EventType]
    triggers: dict[str, re.Pattern[str]]  # lang -> pattern; group "noun" or "verb" is the folded form
    trigger_type: dict[str, dict[str, str]]  # lang -> folded form -> type
    exclude: dict[str, tuple[str, ...]]
    relative: dict[str, re.Pattern[str]]
    relative_value: dict[str, dict[str, tuple[str, int]]]  # lang -> folded phrase -> (kind, n)


def _alternation(forms: Iterable[str]) -> str:
    ordered = sorted(set(forms), key=lambda f: (-len(f), f))
    return "|".join(r"\s+".join(map(re.escape, f.split())) for f in ordered)


def _read_json(name: str) -> dict:
    return json.loads(resources.files("khabar").joinpath(f"data/events/{name}").read_text("utf-8"))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    trig = _read_json("triggers.json")
    rel = _read_json("relative_dates.json")
    types: dict[str, EventType] = {}
    by_lang: dict[str, dict[str, str]] = defaultdict(dict)
    nouns: dict[str, set[str]] = defaultdict(set)
    verbs: dict[str, set[str]] = defaultdict(set)
    for name, spec in trig["types"].items():
        if spec.get("cluster") not in ("normal", "strong_only"):
            raise EventLexiconError("unknown cluster policy", (name, spec.get("cluster")))
        if spec.get("roles") not in ("participant", "actor_target"):
            raise EventLexiconError("unknown roles policy", (name, spec.get("roles")))
        types[name] = EventType(name, str(spec["cameo_root"]), spec["cluster"], spec["roles"])
        for lang, forms in spec["forms"].items():
            for form in forms:
                is_verb = form.startswith(VERB_MARK)
                key = fold(form.removeprefix(VERB_MARK))
                if not key:
                    raise EventLexiconError("form folds to nothing", (name, lang, form))
                by_lang[lang].setdefault(key, name)
                (verbs if is_verb else nouns)[lang].add(key)
    triggers = {}
    for lang in by_lang:
        aff = trig["affixes"].get(lang, {"prefix": "", "suffix": "", "verb_prefix": ""})
        alts = []
        if nouns[lang]:
            alts.append(f"{aff['prefix']}(?P<noun>{_alternation(nouns[lang])}){aff['suffix']}")
        if verbs[lang]:
            alts.append(f"{aff['verb_prefix']}(?P<verb>{_alternation(verbs[lang])})")
        triggers[lang] = re.compile(rf"(?<!\w)(?:{'|'.join(alts)})(?!\w)")
    exclude = {lang: tuple(fold(w) for w in words) for lang, words in trig["exclude"].items()}
    relative, relative_value = {}, {}
    for lang in set(rel["days"]) | set(rel["weekdays"]):
        values: dict[str, tuple[str, int]] = {}
        for phrase, n in rel["days"].get(lang, {}).items():
            values[fold(phrase)] = ("days", int(n))
        for phrase, n in rel["weekdays"].get(lang, {}).items():
            values[fold(phrase)] = ("weekday", int(n))
        relative_value[lang] = values
        relative[lang] = re.compile(rf"(?<!\w)(?:و|ف)?(?P<core>{_alternation(values)})(?!\w)")
    return Lexicon(types, triggers, dict(by_lang), exclude, relative, relative_value)


# ---------------------------------------------------------------- folding with offsets
# (shared with entity matching: khabar.normalize.fold_with_offsets)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() > start:
            spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _span_of(spans: Sequence[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s, e in spans:
        if s <= pos < e:
            return s, e
    return 0, 0


def _mention_id(article_id: str, trigger_start: int) -> str:
    return hashlib.sha1(f"{article_id}\x1f{trigger_start}".encode()).hexdigest()[:16]


def _langs(lex: Lexicon, lang: str) -> list[str]:
    return [lang] if lang in lex.triggers else sorted(lex.triggers)


# ---------------------------------------------------------------- mentions


def _resolve_relative(
    lex: Lexicon, lang: str, sentence: str, published: datetime.date | None
) -> tuple[datetime.date | None, tuple[str, ...]]:
    """A relative day word or weekday in ``sentence``, resolved against ``published``; and its surface."""
    pattern = lex.relative.get(lang)
    if pattern is None:
        return None, ()
    folded, offsets = fold_with_offsets(sentence)
    m = pattern.search(folded)
    if m is None:
        return None, ()
    core = _SPACE.sub(" ", m.group("core"))
    kind, n = lex.relative_value[lang][core]
    words = (sentence[offsets[m.start("core")] : offsets[m.end("core") - 1] + 1],)
    if published is None:
        return None, words
    if kind == "days":
        return published + datetime.timedelta(days=n), words
    back = (published.weekday() - n) % 7
    return published - datetime.timedelta(days=back), words


def _is_excluded(lex: Lexicon, lang: str, folded: str, start: int) -> bool:
    for word in lex.exclude.get(lang, ()):
        if folded.startswith(word, start) and (
            start + len(word) == len(folded) or not folded[start + len(word)].isalnum()
        ):
            return True
    return False


def extract_event_mentions(article: ArticleInput, lexicon: Lexicon | None = None) -> list[EventMention]:
    """Every trigger in the body, with its sentence, participants, place and date."""
    lex = lexicon or load_lexicon()
    body = article.body
    folded, offsets = fold_with_offsets(body)
    spans = sentence_spans(body)
    found: dict[int, EventMention] = {}
    for lang in _langs(lex, article.lang):
        for m in lex.triggers[lang].finditer(folded):
            if _is_excluded(lex, lang, folded, m.start()):
                continue
            core = _SPACE.sub(" ", m.group("noun") or m.group("verb"))
            etype = lex.types[lex.trigger_type[lang][core]]
            start = offsets[m.start()]
            end = offsets[m.end() - 1] + 1
            if start in found:
                continue
            found[start] = _mention(article, lex, lang, etype, start, end, spans)
    return [found[k] for k in sorted(found)]


def _mention(
    article: ArticleInput,
    lex: Lexicon,
    lang: str,
    etype: EventType,
    start: int,
    end: int,
    spans: Sequence[tuple[int, int]],
) -> EventMention:
    s0, s1 = _span_of(spans, start)
    in_sentence = sorted(
        (e for e in article.entities if e.start >= s0 and e.end <= s1), key=lambda e: (e.start, e.entity_id)
    )
    participants: dict[str, str] = {}
    for e in in_sentence:
        if e.entity_type in PARTICIPANT_TYPES and e.entity_id not in participants:
            role = "participant"
            if etype.roles == "actor_target":
                role = "actor" if e.start < start else "target"
            participants[e.entity_id] = role
    places = [e for e in in_sentence if e.entity_type == "location"]
    location = None
    if places:
        location = min(places, key=lambda e: (_distance(e, start, end), e.start < start, e.entity_id)).entity_id
    date, source, rel_words = _date_of(article, lex, lang, start, end, s0, s1)
    sentence = _SPACE.sub(" ", body_slice(article.body, s0, s1, start)).strip()
    return EventMention(
        mention_id=_mention_id(article.article_id, start),
        article_id=article.article_id,
        event_type=etype.name,
        cameo_root=etype.cameo_root,
        trigger=article.body[start:end],
        trigger_start=start,
        sentence=sentence,
        participants=tuple(participants.items()),
        location_entity_id=location,
        event_date=date,
        date_source=source,
        relative_words=rel_words,
    )


def body_slice(body: str, s0: int, s1: int, anchor: int) -> str:
    """The sentence, cut to SENTENCE_MAX_CHARS around ``anchor`` when longer."""
    if s1 - s0 <= SENTENCE_MAX_CHARS:
        return body[s0:s1]
    lo = max(s0, min(anchor - SENTENCE_MAX_CHARS // 2, s1 - SENTENCE_MAX_CHARS))
    return body[lo : lo + SENTENCE_MAX_CHARS]


def _distance(e: EntityRef, start: int, end: int) -> int:
    if e.end <= start:
        return start - e.end
    if e.start >= end:
        return e.start - end
    return 0


def _date_of(
    article: ArticleInput, lex: Lexicon, lang: str, start: int, end: int, s0: int, s1: int
) -> tuple[datetime.date | None, str, tuple[str, ...]]:
    in_sentence = [d for d in article.dates if d.start >= s0 and d.end <= s1]
    if in_sentence:
        nearest = min(in_sentence, key=lambda d: (abs(d.start - start), d.start))
        return nearest.value, "sentence", ()
    value, words = _resolve_relative(lex, lang, article.body[s0:s1], article.published_date)
    if value is not None:
        return value, "relative", words
    if article.published_date is not None and not words:
        return article.published_date, "publication", ()
    return None, "none", words


# ---------------------------------------------------------------- clustering


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
        s0, s1 = _span_of(spans, m.trigger_start)
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

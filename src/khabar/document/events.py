"""Events: mentions per article, clustered across articles and languages, with their evidence.

Input records are plain (``ArticleInput`` with ``EntityRef`` and ``DateRef``); the pipeline fills them
from the entity and date stages. Nothing here reads files other than the package's lexicons.

1. ``extract_event_mentions`` finds triggers from a per-language lexicon (``data/events/triggers.json``,
   typed with CAMEO root codes and ACLED event types, compiled by ``khabar.document.event_lexicon``) on
   folded text, and for each one takes the clause around it: participants (persons and organisations
   of that clause; for a meeting the nearest few, for an attack with actor/target roles by the word
   order of the language, see ``khabar.document.event_roles``), place (the location nearest the
   trigger) and date (a date in the sentence, else relative words or a weekday against a reference
   day, else the reference day).
   The reference day is the publication date when one was found, else a date hint from the file's
   path or modification time (``ReferenceHint``), which is weaker: ``date_source`` says which
   (``sentence``, ``relative``, ``publication``, ``path``, ``mtime`` or ``none``). Nothing is invented:
   with neither publication date nor hint, relative words leave the mention undated.
   Work is linear in the text: entities are found by bisection over their sorted offsets and each
   mention looks only at a bounded window of its sentence.
2. ``khabar.corpus.events.cluster_events`` groups the mentions of many articles into events.
"""
from __future__ import annotations

import bisect
import datetime
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from khabar.document import event_dates, event_roles, role_rules
from khabar.document.event_dates import FoldedText, ReferenceHint
from khabar.document.event_lexicon import EventType, Lexicon, is_excluded, load_lexicon
from khabar.document.event_recall import recalled
from khabar.document.event_tense import scheduled
from khabar.text.normalize import fold, fold_with_offsets
from khabar.text.sentences import sentence_spans, span_of

_SPACE = re.compile(r"\s+")

SENTENCE_MAX_CHARS = 400
LEAD_CHARS = 400  # an article's opening: its first sentence, and at least this many characters
OTHER = "other"  # the type of a happening the opening tells with no word of the lexicon
_WORD = re.compile(r"\w+")
WINDOW_CHARS = 300  # a mention reads at most this far either side of its trigger (long "sentences" are lists)
STATEMENT = "statement"  # a statement told beside a reaction's object does not set it aside
MEETING = "meeting"  # a meeting whose only parties are clubs is a match (``Lexicon.clubs``)
_AFTER_LOOKBACK = 40  # characters before a trigger read for the words of an 'after' rule
PARTICIPANT_TYPES = frozenset({"person", "organization"})
SUBJECT = event_roles.SUBJECT  # the roles of a happening that befalls one person once (a death): that person
DATE_SOURCES = ("sentence", "relative", "publication", "path", "mtime", "none")  # best first
# how sure a mention's date is, by where it came from: a file's modification time is a weak hint
DATE_CONFIDENCE = {"sentence": 0.9, "relative": 0.8, "publication": 0.7, "path": 0.5, "mtime": 0.3, "none": 0.0}


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


# the dates that give a happening its day: "لشهر أغسطس عام 2015" (a month) names no day, and read as
# its first would set two reports of one happening days apart
DAY_PRECISIONS = frozenset({"day"})


@dataclass(frozen=True)
class ArticleInput:
    article_id: str
    lang: str
    published_date: datetime.date | None
    body: str
    entities: tuple[EntityRef, ...]
    dates: tuple[DateRef, ...]
    outlet_id: str | None = None
    reference_hint: ReferenceHint | None = None
    dateline: str | None = None  # the anatomy's dateline ("کراچی ۔ 16 ستمبر (اے پی پی)"): not part of ``body``
    title: str | None = None  # the anatomy's title

    @property
    def reference(self) -> tuple[datetime.date | None, str]:
        """The day relative words resolve against, and where it came from."""
        if self.published_date is not None:
            return self.published_date, "publication"
        if self.reference_hint is not None:
            return self.reference_hint.value, self.reference_hint.provenance
        return None, "none"


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

    @property
    def date_confidence(self) -> float:
        return DATE_CONFIDENCE[self.date_source] if self.event_date is not None else 0.0


# ---------------------------------------------------------------- lexicon


def _mention_id(article_id: str, trigger_start: int) -> str:
    return hashlib.sha1(f"{article_id}\x1f{trigger_start}".encode()).hexdigest()[:16]


def _langs(lex: Lexicon, lang: str) -> list[str]:
    return [lang] if lang in lex.triggers else sorted(lex.triggers)


# ---------------------------------------------------------------- mentions


@dataclass(frozen=True)
class _Located:
    """An article's entities and dates sorted by offset, to find those of a span by bisection."""

    entities: tuple[EntityRef, ...]
    entity_starts: tuple[int, ...]
    dates: tuple[DateRef, ...]
    date_starts: tuple[int, ...]

    @staticmethod
    def of(article: ArticleInput) -> _Located:
        ents = tuple(sorted(article.entities, key=lambda e: (e.start, e.entity_id)))
        dates = tuple(sorted(article.dates, key=lambda d: (d.start, d.end)))
        return _Located(ents, tuple(e.start for e in ents), dates, tuple(d.start for d in dates))

    def entities_in(self, lo: int, hi: int) -> list[EntityRef]:
        i, j = bisect.bisect_left(self.entity_starts, lo), bisect.bisect_left(self.entity_starts, hi)
        return [e for e in self.entities[i:j] if e.end <= hi]

    def dates_in(self, lo: int, hi: int) -> list[DateRef]:
        i, j = bisect.bisect_left(self.date_starts, lo), bisect.bisect_left(self.date_starts, hi)
        return [d for d in self.dates[i:j] if d.end <= hi]


def extract_event_mentions(
    article: ArticleInput,
    lexicon: Lexicon | None = None,
    *,
    folded_body: tuple[str, tuple[int, ...]] | None = None,
    sentences: list[tuple[int, int]] | None = None,
) -> list[EventMention]:
    """Every trigger in the body, with its clause's participants, its place and its date.

    ``folded_body`` (``fold_with_offsets(article.body)``) and ``sentences``
    (``sentence_spans(article.body)``): when the caller already has them (``khabar.document.article``
    computes them once for entities, dates and events)."""
    lex = lexicon or load_lexicon()
    folded, offsets = fold_with_offsets(article.body) if folded_body is None else folded_body
    text = FoldedText(article.body, folded, offsets)
    spans = sentence_spans(article.body) if sentences is None else sentences
    located = _Located.of(article)
    found: dict[int, EventMention] = {}
    aside: dict[int, tuple[str, EventType, tuple[int, int], bool]] = {}  # no trigger beside another happening told
    past: list[tuple[int, str]] = []  # a happening an 'after' rule says a later one is about ("عقب التفجير")
    for lang in _langs(lex, article.lang):
        for m in lex.triggers[lang].finditer(folded):
            if is_excluded(lex, lang, folded, m.start()):
                continue
            core = _SPACE.sub(" ", m.group("noun") or m.group("verb"))
            etype = lex.types[lex.trigger_type[lang][core]]
            if core in lex.after.get(lang, ()):
                ruled, retype, alone = lex.retyped(lang, core, folded[max(0, m.start() - _AFTER_LOOKBACK):m.start()].rstrip())
                if ruled and retype is None:
                    if alone:
                        aside.setdefault(offsets[m.start()], (lang, etype, (offsets[m.start()], offsets[m.end() - 1] + 1),
                                                              bool(m.groupdict().get("verb"))))
                    else:
                        past.append((offsets[m.start()], etype.name))
                    continue
                if ruled:
                    etype = lex.types[retype]
            if lang in lex.upcoming or lang in lex.joint:
                s0, s1 = span_of(spans, offsets[m.start()])
                sentence = text.span(s0, s1 or len(article.body))
                if scheduled(lex.upcoming.get(lang), text, m.span(), sentence):
                    continue
                for forms, words, jtype, reach in lex.joint.get(lang, ()):
                    if core in forms and words.match(folded, m.end(), min(m.end() + reach, sentence[1])):
                        etype = lex.types[jtype]
                        break
            start = offsets[m.start()]
            end = offsets[m.end() - 1] + 1
            if start not in found:
                mention = _mention(article, text, located, lex, lang, etype, (start, end), spans, bool(m.groupdict().get("verb")))
                if etype.roles != SUBJECT or mention.participants:  # a death of no one named: "وفاة شخص"
                    found[start] = mention
    _tell_the_opening(article, text, located, lex, spans, found, aside, past)
    return [found[k] for k in sorted(found)]


def _tell_the_opening(article: ArticleInput, text: FoldedText, located: _Located, lex: Lexicon, spans: Sequence[tuple[int, int]],
                      found: dict[int, EventMention], aside: Mapping[int, tuple[str, EventType, tuple[int, int], bool]],
                      past: Sequence[tuple[int, str]]) -> None:
    """Add to ``found`` what an opening whose triggers tell no act but a statement tells: the attack it
    condemns, the bombing whose victims it condoles (``aside``: "alone" in ``after``), unless the
    opening also speaks of a happening of its kind as past (``past``: "سارع الآلاف ... عقب التفجير
    الغاشم ... للتبرع بالدم لضحايا التفجير", blood given for its victims after it is a happening of
    its own); else, when they tell nothing, a happening the lexicon has no word for (or names only as
    what it dates itself by: "landed after the liberation"), of type ``OTHER``, anchored on the
    opening's first word."""
    opening = opening_end(spans)
    told = [k for k, m in found.items()
            if k < opening and not recalled(article.body, k, m.event_type, article.lang, k + len(m.trigger), spans)]
    gone = {kind for k, kind in past if k < opening}
    alone = [k for k in sorted(aside) if k < opening and aside[k][1].name not in gone]
    if alone and all(found[k].event_type == STATEMENT for k in told):
        lang, etype, trigger, verb = aside[alone[0]]
        mention = _mention(article, text, located, lex, lang, etype, trigger, spans, verb)
        if not recalled(article.body, alone[0], mention.event_type, article.lang, trigger[1], spans):
            found[alone[0]] = mention
            told.append(alone[0])
    if OTHER in lex.types and spans and not told:
        first = _WORD.search(article.body, spans[0][0], opening)
        if first is not None:
            found[first.start()] = _mention(article, text, located, lex, article.lang, lex.types[OTHER],
                                            first.span(), spans, dated_to=opening)


# the meeting triggers that are visits, folded; Arabic only so far (3 mentions in 3,136 Saudi articles: the wounded, a hostage)
_VISIT_STEMS = tuple(fold(w) for w in ("زار", "زيار", "يزور", "تزور"))


def visit(event_type: str, trigger: str) -> bool:
    """A meeting's trigger that is a visit (to a host, a site, the wounded), not any meeting ("اللقاء
    الديموقراطي" is a party's name)."""
    return event_type == MEETING and any(v in fold(trigger) for v in _VISIT_STEMS)


def opening_end(spans: Sequence[tuple[int, int]]) -> int:
    """Where an article's opening ends, given its sentence spans: news tells its happening first
    ("Turkish jets struck IS in Syria today, four days after the suicide bombing…") and recalls
    others further down (the attack of 11 September 2001, an earlier visit)."""
    return max(spans[0][1] if spans else 0, LEAD_CHARS)


def mention_window(spans: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The trigger's sentence, cut to WINDOW_CHARS either side of the trigger."""
    s0, s1 = span_of(spans, start)
    if s1 <= s0:
        s0, s1 = start, end
    return max(s0, start - WINDOW_CHARS), min(max(s1, end), end + WINDOW_CHARS)


def _roles(
    article: ArticleInput, text: FoldedText, located: _Located, etype: EventType, trigger: tuple[int, int],
    window: tuple[int, int], opening: int, verb: bool,
) -> tuple[dict[str, str], list[EntityRef]]:
    start, end = trigger
    rules = role_rules.load_roles().get(article.lang)
    told_at = event_roles.happened_at(text.folded, text.offsets, window, trigger, rules)
    c0, c1 = event_roles.clause_of(text.folded, text.offsets, window, trigger, rules, text.body, told_at)
    named = [e for e in located.entities_in(c0, c1) if e.entity_type in PARTICIPANT_TYPES]
    if etype.roles == "actor_target":
        roles = event_roles.actors_and_targets(article.body, named, start, end, rules, c0, verb)
    elif etype.roles == SUBJECT:
        roles = event_roles.subject(article.body, [e for e in named if e.entity_type == "person"], start, end, everyone=article.entities, opening=opening)
    else:
        roles = event_roles.participants(article.body, named, start, end, rules)
    places = [e for e in located.entities_in(*window) if e.entity_type == "location"]
    if told_at is not None and any(e.start >= told_at for e in places):
        places = [e for e in places if e.start >= told_at]  # "الذي وقع ... بمنطقة عسير": where it took place
    return roles, places


def _mention(article: ArticleInput, text: FoldedText, located: _Located, lex: Lexicon, lang: str, etype: EventType,
             trigger: tuple[int, int], spans: Sequence[tuple[int, int]], verb: bool = False,
             dated_to: int = 0) -> EventMention:
    """One mention; ``verb``: its trigger matched a verb form (a verb's doer follows it in Arabic);
    ``dated_to``: where the opening of a happening of no known type ends (its day may be told there)."""
    start, end = trigger
    window = mention_window(spans, start, end)
    participants, places = _roles(article, text, located, etype, trigger, window, opening_end(spans), verb)
    if etype.name == MEETING and participants and lex.clubs >= participants.keys():
        etype = lex.types[lex.clubs_meet_as]  # a meeting of clubs alone is a game: "لقاء الهلال وفولاذ"
    location = event_roles.place_of(article.body, places, start, end, article.lang) if places else None
    date, source, rel_words = event_dates.date_of(article, text, located.dates_in, lex, lang, (start, end), window,
                                                  dated_to)
    sentence = _SPACE.sub(" ", body_slice(article.body, *window, start)).strip()
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

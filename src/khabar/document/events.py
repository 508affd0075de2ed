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
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from khabar.text.normalize import fold, fold_with_offsets
from khabar.text.sentences import sentence_spans, span_of

_SPACE = re.compile(r"\s+")

SENTENCE_MAX_CHARS = 400
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
    s0, s1 = span_of(spans, start)
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
